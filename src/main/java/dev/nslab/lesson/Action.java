package dev.nslab.lesson;

import dev.nslab.lab.Namespace;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The closed set of things a step can do. Each is one syscall, or a small fixed group of them, and
 * is named like the syscall. In YAML each is a one-key map: {@code - unshare: [uts]}. The actions
 * in the lab's mount namespace, its network and its IPC are families of their own ({@link
 * MountAction}, {@link NetAction}, {@link IpcAction}); the rest are here.
 *
 * <p>Every part of an action is checked by the compiler: its {@link Kind} (record, YAML name, doc
 * line, guard) is read by an exhaustive switch in {@link ActionReader}; runners and guards are
 * {@link Visitor}s, so a new action that one of them forgets does not build.
 */
public sealed interface Action
    permits Action.Unshare,
        Action.Sethostname,
        Action.Mkdir,
        Action.Run,
        Action.Kill,
        Action.Clone,
        Action.Setns,
        Action.Cgroup,
        Action.Write,
        MountAction,
        NetAction,
        IpcAction {

  <R> R accept(Visitor<R> visitor);

  /** The kind whose record this action is. */
  default Kind kind() {
    return Kind.of(getClass());
  }

  /** The YAML key, e.g. "pivot_root". */
  default String name() {
    return kind().yaml;
  }

  /**
   * Each kind of action: its record, its YAML key, what it does, and the guard nslab applies before
   * any syscall.
   */
  enum Kind {
    UNSHARE(
        Unshare.class,
        "unshare",
        "unshare(2): the lab thread moves into new namespaces; a new PID namespace starts its PID 1",
        "none: new namespaces are the lab's own"),
    SETHOSTNAME(
        Sethostname.class,
        "sethostname",
        "sethostname(2) in the lab's UTS namespace",
        "the lab has a UTS namespace of its own"),
    MOUNT(
        MountAction.Mount.class,
        "mount",
        "mount(2); flags by name: rec, private, bind, ...",
        "a mount namespace of the lab's own, its mounts private (propagation changes excepted); never a remount of a superblock (only bind,remount); an overlay's upper and work directories the lab's own"),
    UMOUNT2(
        MountAction.Umount2.class,
        "umount2",
        "umount2(2), optionally with MNT_DETACH",
        "a mount namespace of the lab's own, its mounts private"),
    PIVOT_ROOT(
        MountAction.PivotRoot.class,
        "pivot_root",
        "pivot_root(2) of the lab thread",
        "a mount namespace of the lab's own, its mounts private"),
    CHDIR(
        MountAction.Chdir.class,
        "chdir",
        "chdir(2) of the lab thread",
        "a mount namespace of the lab's own"),
    CHROOT(
        MountAction.Chroot.class,
        "chroot",
        "chroot(2) of the lab thread",
        "a mount namespace of the lab's own"),
    MKDIR(
        Mkdir.class,
        "mkdir",
        "mkdir(2), mode 0755",
        "the path, symlinks resolved, is in something the lab owns: a file system it mounted, its cgroups"),
    RUN(
        Run.class,
        "run",
        "posix_spawn(3) of /bin/sh -c COMMAND in the lab, waited for",
        "the lab is apart from the host in at least one namespace"),
    KILL(
        Kill.class,
        "kill",
        "kill(2) of the lab's PID 1 (init), which ends its PID namespace",
        "the lab has a PID namespace of its own"),
    CLONE(
        Clone.class,
        "clone",
        "clone(2) of a child into new namespaces: one that holds them for the lab's commands (a user namespace among them), or one that runs a command and is waited for",
        "none: the child's namespaces are new"),
    SETNS(
        Setns.class,
        "setns",
        "setns(2): the lab thread joins namespaces of a lab process (init, child) or of a pinned file",
        "the namespaces joined are the lab's, never the host's, and a path is one the lab pinned"),
    PIN(
        MountAction.Pin.class,
        "pin",
        "mount(2) MS_BIND of /proc/PID/ns/TYPE onto a file: the namespace lives on without a process",
        "a mount namespace of the lab's own, its mounts private; the file in something the lab owns"),
    PROC(
        MountAction.Proc.class,
        "proc",
        "mount(2) of a proc for the lab's PID namespace: pidns= (Linux 6.15+), else made by a process inside it",
        "a mount namespace of the lab's own, its mounts private"),
    CGROUP(
        Cgroup.class,
        "cgroup",
        "mkdir(2) of the lab's cgroup and write(2) of its limits (pids.max, memory.max); join: what the lab starts is in it; leave: no longer",
        "none: the cgroup is the lab's own, removed with it"),
    WRITE(
        Write.class,
        "write",
        "open(2) + write(2) of a file from the lab thread (timens_offsets, uid_map, files in the lab's mounts)",
        "the path, symlinks resolved, is something the lab owns: /proc files of its own processes, sysctls of its own namespaces, a file system it mounted, its cgroups"),
    LINK_UP(
        NetAction.LinkUp.class,
        "link_up",
        "rtnetlink RTM_NEWLINK with IFF_UP on a link of the lab's network namespace (ip link set NAME up)",
        "the lab has a network namespace of its own"),
    LINK_ADD(
        NetAction.LinkAdd.class,
        "link_add",
        "rtnetlink RTM_NEWLINK: a veth pair (its peer optionally in PID 1's namespace) or a bridge",
        "the network namespaces it touches are the lab's own, never the host's"),
    LINK_SET(
        NetAction.LinkSet.class,
        "link_set",
        "rtnetlink RTM_NEWLINK on a link: up or down, a master (a bridge) or none",
        "the network namespace is the lab's own, never the host's"),
    ADDR_ADD(
        NetAction.AddrAdd.class,
        "addr_add",
        "rtnetlink RTM_NEWADDR: an address with its prefix on a link",
        "the network namespace is the lab's own, never the host's"),
    ADDR_FLUSH(
        NetAction.AddrFlush.class,
        "addr_flush",
        "rtnetlink RTM_DELADDR of every address of a link",
        "the network namespace is the lab's own, never the host's"),
    MQ_OPEN(
        IpcAction.MqOpen.class,
        "mq_open",
        "mq_open(3) with O_CREAT: a POSIX message queue",
        "the lab has an IPC namespace of its own"),
    MSGGET(
        IpcAction.Msgget.class,
        "msgget",
        "msgget(2) with IPC_CREAT: a SysV message queue",
        "the lab has an IPC namespace of its own"),
    SHMGET(
        IpcAction.Shmget.class,
        "shmget",
        "shmget(2) with IPC_CREAT: a SysV shared memory segment",
        "the lab has an IPC namespace of its own"),
    SEMGET(
        IpcAction.Semget.class,
        "semget",
        "semget(2) with IPC_CREAT: a SysV semaphore set",
        "the lab has an IPC namespace of its own");

    public final Class<? extends Action> type;
    public final String yaml;
    public final String doc;
    public final String guard;

    Kind(Class<? extends Action> type, String yaml, String doc, String guard) {
      this.type = type;
      this.yaml = yaml;
      this.doc = doc;
      this.guard = guard;
    }

    /** The kind of an action's record; every record has one (ActionKindTest). */
    static Kind of(Class<? extends Action> type) {
      for (Kind k : values()) if (k.type == type) return k;
      throw new IllegalArgumentException(type + " is an action no Kind names");
    }

    public static Optional<Kind> byYaml(String name) {
      return Arrays.stream(values()).filter(k -> k.yaml.equals(name)).findFirst();
    }

    /** The syscalls this kind of action can make, as the trace names them (and `refused` may). */
    public List<String> syscalls() {
      return switch (this) {
        case UNSHARE -> List.of("unshare", "pipe2", "posix_spawn");
        case SETHOSTNAME -> List.of("sethostname");
        case MOUNT -> List.of("mount", "posix_spawn");
        case UMOUNT2 -> List.of("umount2");
        case PIVOT_ROOT -> List.of("pivot_root");
        case CHDIR -> List.of("chdir");
        case CHROOT -> List.of("chroot");
        case MKDIR -> List.of("mkdir");
        case RUN -> List.of("posix_spawn");
        case KILL -> List.of("kill");
        case CLONE -> List.of("clone", "waitpid");
        case SETNS -> List.of("open", "setns");
        case PIN -> List.of("open", "mount");
        case PROC -> List.of("mount", "posix_spawn");
        case CGROUP -> List.of("mkdir", "open", "write");
        case WRITE -> List.of("open", "write");
        case LINK_UP, LINK_ADD, LINK_SET, ADDR_ADD, ADDR_FLUSH ->
            List.of("sendmsg", "open", "setns");
        case MQ_OPEN -> List.of("mq_open");
        case MSGGET -> List.of("msgget");
        case SHMGET -> List.of("shmget");
        case SEMGET -> List.of("semget");
      };
    }
  }

  /**
   * One method per action, the families' included: a runner, a guard or a renderer implements all
   * of them.
   */
  interface Visitor<R> extends MountAction.Visitor<R>, NetAction.Visitor<R>, IpcAction.Visitor<R> {
    R unshare(Unshare a);

    R sethostname(Sethostname a);

    R mkdir(Mkdir a);

    R run(Run a);

    R kill(Kill a);

    R clone(Clone a);

    R setns(Setns a);

    R cgroup(Cgroup a);

    R write(Write a);
  }

  record Unshare(List<Namespace> namespaces) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.unshare(this);
    }
  }

  record Sethostname(String hostname) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.sethostname(this);
    }
  }

  record Mkdir(String path) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.mkdir(this);
    }
  }

  /**
   * {@code fails}: the lesson runs the command to see it fail (a process the OOM killer ends); then
   * success is the surprise.
   */
  record Run(String command, boolean fails) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.run(this);
    }
  }

  /** Only "init" (the lab's PID 1). */
  record Kill(String target) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.kill(this);
    }
  }

  /**
   * Without {@code run}: a child that holds its namespaces, in which the lab's commands run from
   * then on. With {@code run}: the child runs the command in its new namespaces, and the lab waits
   * for it (waitpid), as clone(child_fn, ...) does in the classic programs.
   */
  record Clone(List<Namespace> namespaces, String run) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.clone(this);
    }
  }

  /** Whose namespaces a setns or a pin names: a lab process, or (setns only) a pinned file. */
  record NsSource(String process, String path) {
    public static final List<String> PROCESSES = List.of("lab", "init", "child");
  }

  record Setns(NsSource from, List<Namespace> namespaces) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.setns(this);
    }
  }

  /**
   * Limits by file name (pids.max, memory.max; memory.limit_in_bytes on cgroup v1); with {@code
   * join} the lab joins the cgroups of these limits (of every limit, when none is named); with
   * {@code leave} it leaves them all.
   */
  record Cgroup(Map<String, String> limits, boolean join, boolean leave) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.cgroup(this);
    }
  }

  record Write(String path, String data) implements Action {
    public <R> R accept(Visitor<R> v) {
      return v.write(this);
    }
  }

  /** Every action's YAML key, in table order, for messages and docs. */
  static List<String> names() {
    return Arrays.stream(Kind.values()).map(k -> k.yaml).toList();
  }
}
