package dev.nslab.lab;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the lab is: its host ids (the lab thread, its PID 1, the child holding a user namespace)
 * and the namespaces they put the lab's syscalls and commands in, read through {@link Procfs}.
 */
final class LabNamespaces {
  private final LabThread thread;
  private final LabInit init;
  private final UserChild child;

  LabNamespaces(LabThread thread, LabInit init, UserChild child) {
    this.thread = thread;
    this.init = init;
    this.child = child;
  }

  /** The host PID of a lab process by its lesson name: lab, init, child; 0 if none. */
  int process(String name) {
    return switch (name) {
      case "lab" -> thread.tid();
      case "init" -> init.pid();
      case "child" -> child.pid();
      default -> 0;
    };
  }

  /** The host ids of the lab's live thread and processes. */
  Set<Integer> ids() {
    Set<Integer> ids = new HashSet<>(List.of(thread.tid()));
    if (child.pid() > 0) ids.add(child.pid());
    if (init.pid() > 0) ids.add(init.pid());
    return ids;
  }

  /** A namespace of a process, as an inode number; 0 when there is no such process. */
  static long of(int pid, Namespace type) {
    if (pid <= 0) return 0;
    return Procfs.inode(Path.of("/proc/" + pid + "/ns/" + type.id)); // a TID too: links per thread
  }

  /** The lab thread's namespaces that are not the host's (for pid and time, its children's). */
  Set<Namespace> ownOnThread() {
    Map<Namespace, Long> host = host();
    Set<Namespace> own = EnumSet.noneOf(Namespace.class);
    threadForChildren()
        .forEach(
            (n, mine) -> {
              if (mine != 0 && !mine.equals(host.get(n))) own.add(n);
            });
    return own;
  }

  /** The namespaces a process started in the lab now would be in. */
  Map<Namespace, Long> forCommands() {
    int holder = child.pid();
    return holder > 0 ? Procfs.namespaces(Path.of("/proc/" + holder + "/ns")) : threadForChildren();
  }

  private Map<Namespace, Long> threadForChildren() {
    return Procfs.namespacesForChildren(Path.of("/proc/self/task/" + thread.tid() + "/ns"));
  }

  /** The namespaces of the JVM's main thread: the host as nslab found it. */
  static Map<Namespace, Long> host() {
    return Procfs.namespaces(Path.of("/proc/self/ns"));
  }
}
