package dev.nslab.lesson;

import dev.nslab.lab.Namespace;
import java.util.List;

/**
 * The closed set of things a step can do. Each is one syscall, or a small fixed group of them,
 * and is named like the syscall. In YAML each is a one-key map: {@code - unshare: [uts]}.
 */
public sealed interface Action {

  /** The YAML key, e.g. "pivot_root". */
  String name();

  /** unshare(2): move the lab into new namespaces. A new PID namespace also starts its PID 1. */
  record Unshare(List<Namespace> namespaces) implements Action {
    public String name() { return "unshare"; }
  }

  /** sethostname(2) in the lab's UTS namespace. */
  record Sethostname(String hostname) implements Action {
    public String name() { return "sethostname"; }
  }

  /** mount(2). Flags by name: rec, private, bind, ... */
  record Mount(String source, String target, String fstype, List<String> flags, String data)
      implements Action {
    public String name() { return "mount"; }
  }

  /** umount2(2), optionally with MNT_DETACH. */
  record Umount2(String target, boolean detach) implements Action {
    public String name() { return "umount2"; }
  }

  /** pivot_root(2). */
  record PivotRoot(String newRoot, String putOld) implements Action {
    public String name() { return "pivot_root"; }
  }

  /** chdir(2) of the lab thread. */
  record Chdir(String path) implements Action {
    public String name() { return "chdir"; }
  }

  /** chroot(2) of the lab thread. */
  record Chroot(String path) implements Action {
    public String name() { return "chroot"; }
  }

  /** mkdir(2), mode 0755. */
  record Mkdir(String path) implements Action {
    public String name() { return "mkdir"; }
  }

  /** posix_spawn(3) of {@code /bin/sh -c COMMAND} in the lab, waited for. */
  record Run(String command) implements Action {
    public String name() { return "run"; }
  }

  /** kill(2) of the lab's PID 1 ("init"), which ends its PID namespace. */
  record Kill(String target) implements Action {
    public String name() { return "kill"; }
  }

  /** clone(2) of a child into new namespaces; a user namespace is always among them. */
  record Clone(List<Namespace> namespaces) implements Action {
    public String name() { return "clone"; }
  }

  /**
   * mkdir(2) of the lab's cgroup (nslab-JVMPID-N) where each controller lives, and write(2) of
   * the limits: {@code pids.max}, {@code memory.max} (memory.limit_in_bytes on cgroup v1). With
   * {@code join}, every process the lab starts afterwards is moved into it.
   */
  record Cgroup(java.util.Map<String, String> limits, boolean join) implements Action {
    public String name() { return "cgroup"; }
  }

  /** open(2) + write(2) of a file from the lab thread: timens_offsets, uid_map, cgroup files. */
  record Write(String path, String data) implements Action {
    public String name() { return "write"; }
  }

  /** ioctl(SIOCSIFFLAGS) with IFF_UP on a link of the lab's network namespace. */
  record LinkUp(String ifname) implements Action {
    public String name() { return "link_up"; }
  }

  /** mq_open(3) with O_CREAT: a POSIX message queue in the lab's IPC namespace. */
  record MqOpen(String queue) implements Action {
    public String name() { return "mq_open"; }
  }

  /** msgget(2) with IPC_CREAT: a SysV message queue in the lab's IPC namespace. */
  record Msgget(int key) implements Action {
    public String name() { return "msgget"; }
  }

  /** shmget(2) with IPC_CREAT: a SysV shared memory segment. */
  record Shmget(int key, int size) implements Action {
    public String name() { return "shmget"; }
  }

  /** semget(2) with IPC_CREAT: a SysV semaphore set. */
  record Semget(int key, int count) implements Action {
    public String name() { return "semget"; }
  }

  /** Every action's YAML key, for messages and docs. */
  List<String> NAMES = List.of(
      "unshare", "sethostname", "mount", "umount2", "pivot_root", "chdir", "chroot", "mkdir",
      "clone", "cgroup", "write", "link_up", "mq_open", "msgget", "shmget", "semget", "run", "kill");
}
