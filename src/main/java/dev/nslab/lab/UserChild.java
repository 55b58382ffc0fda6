package dev.nslab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The child a lab cloned into a new user namespace: the one way into a user namespace from a
 * multithreaded JVM. While there is one, the lab's commands run in its namespaces (nsenter
 * --preserve-credentials). It holds those namespaces while nslab and it both live.
 */
final class UserChild {
  private final LabThread thread;
  private final Kernel kernel;
  private final List<String> env;
  private volatile int pid;
  private volatile List<Namespace> namespaces = List.of();

  UserChild(LabThread thread, Kernel kernel, List<String> env) {
    this.thread = thread;
    this.kernel = kernel;
    this.env = env;
  }

  /**
   * clone(2) of a child into new namespaces, always including a user namespace; a child from before
   * is ended first. It execs cat on a pipe only the JVM writes to ({@link Kernel#cloneExecTied}),
   * so it ends with the JVM; where that cannot be, it runs system() with a shell that watches
   * nslab.
   */
  Syscall clone(List<Namespace> types) {
    end();
    String watch =
        "while [ -e /proc/" + Libc.C.getpid() + " ] && [ -e /proc/$PPID ]; do sleep 1; done";
    return thread.call(
        () -> {
          // No shell where it can, and no fork of the JVM's image either (CLONE_VM).
          String cat = Files.isExecutable(Path.of("/usr/bin/cat")) ? "/usr/bin/cat" : "/bin/cat";
          Syscall s =
              Kernel.CLONE_EXEC && Files.isExecutable(Path.of(cat))
                  ? kernel.cloneExecTied(types, cat, env)
                  : kernel.cloneSystem(types, watch);
          if (!s.failed()) {
            namespaces = List.copyOf(types);
            pid = (int) s.result();
          }
          return s;
        });
  }

  /** The host pid of the child, or 0. */
  int pid() {
    return pid;
  }

  /** The namespaces the clone made, and only those: the ones nsenter joins. */
  List<Namespace> namespaces() {
    return namespaces;
  }

  /** Kills the child and every process of its user namespace. */
  void end() {
    int child = pid;
    if (child <= 0) return;
    long userns = Procfs.inode(Path.of("/proc/" + child + "/ns/user"));
    pid = 0;
    Libc.C.kill(child, Signals.SIGKILL);
    thread.call(() -> Spawner.waitFor(child));
    if (userns == 0) return;
    // A shell of the namespace may fork (its `sleep 1`) while we scan: scan again until no
    // live process is left in it (killed ones are zombies until reaped, and do not count).
    for (int round = 0; round < 50 && Procfs.killAllInUserNamespace(userns) > 0; round++) {
      LockSupport.parkNanos(1_000_000);
    }
  }
}
