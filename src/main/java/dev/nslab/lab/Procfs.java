package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What nslab reads of processes and namespaces from /proc, in one place (the lab's parts,
 * ProcessScan).
 */
final class Procfs {
  private Procfs() {}

  /**
   * Waits (up to a second) until a just-spawned process runs as {@code name} and is asleep. Named
   * is not enough: the name changes at execve, before the dynamic loader has opened libc, and a
   * pivot_root then would pull the old root from under the loader.
   */
  static void awaitAsleepAs(int pid, String name) {
    Path cmdline = Path.of("/proc/" + pid + "/cmdline"), stat = Path.of("/proc/" + pid + "/stat");
    for (int i = 0; i < 2000; i++) {
      try {
        if (Files.readString(cmdline).startsWith(name) && sleeping(Files.readString(stat))) return;
        Thread.sleep(0, 500_000); // the exec of /bin/sh and its loader take about a millisecond
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static boolean sleeping(String stat) {
    return state(stat) == 'S';
  }

  /** The state field of /proc/PID/stat: the letter after the command name in parentheses. */
  static char state(String stat) {
    int end = stat.lastIndexOf(')');
    return end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
  }

  static boolean zombie(Path proc) {
    try {
      return state(Files.readString(proc.resolve("stat"))) == 'Z';
    } catch (IOException e) {
      return true; // gone
    }
  }

  /** SIGKILLs every process whose user namespace is {@code userns}; returns how many it found. */
  static int killAllInUserNamespace(long userns) {
    try (var procs = Files.list(Path.of("/proc"))) {
      List<Integer> pids =
          procs
              .filter(p -> p.getFileName().toString().matches("\\d+"))
              .filter(p -> inode(p.resolve("ns/user")) == userns && !zombie(p))
              .map(p -> Integer.parseInt(p.getFileName().toString()))
              .toList();
      for (int pid : pids) Libc.C.kill(pid, Signals.SIGKILL);
      return pids.size();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The namespaces in an ns directory (/proc/PID/ns, /proc/self/task/TID/ns), as inode numbers. */
  static Map<Namespace, Long> namespaces(Path nsDir) {
    Map<Namespace, Long> out = new EnumMap<>(Namespace.class);
    for (Namespace n : Namespace.values()) out.put(n, inode(nsDir.resolve(n.id)));
    return out;
  }

  /**
   * The namespaces a thread's next children get: for pid and time the {@code *_for_children}
   * entries, because unshare(CLONE_NEWPID) and unshare(CLONE_NEWTIME) move only future children.
   */
  static Map<Namespace, Long> namespacesForChildren(Path nsDir) {
    Map<Namespace, Long> out = new EnumMap<>(Namespace.class);
    for (Namespace n : Namespace.values())
      out.put(n, inode(nsDir.resolve(n.procEntryForChildren())));
    return out;
  }

  /** The inode number of an ns link ("uts:[4026531838]"), or 0 when the kernel lacks the type. */
  static long inode(Path link) {
    try {
      String target = Files.readSymbolicLink(link).toString();
      return Long.parseLong(target.substring(target.indexOf('[') + 1, target.indexOf(']')));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
