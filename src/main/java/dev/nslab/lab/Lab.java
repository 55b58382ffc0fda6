package dev.nslab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.nslab.lab.netlink.Rtnetlink;

/**
 * A live lab: the namespaces of one dedicated JVM thread, and the processes started from it.
 *
 * <p>Every namespace operation of a lesson is a real syscall made on that thread. Processes run
 * "in the lab" are posix_spawn'ed from it and so are born in its namespaces. Nothing of a lab
 * outlives the JVM: namespaces die with the thread; the lab's PID 1 ({@code nslab-init}) and any
 * command started outside a PID namespace carry PR_SET_PDEATHSIG=SIGKILL, tied to the thread;
 * and a PID namespace dies with its PID 1, taking every process in it along.
 */
public final class Lab implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final LabThread thread;
  private final Kernel kernel;
  private final List<Syscall> trace = new ArrayList<>();
  private final LabEnvironment env;
  private volatile int foregroundPid;
  private final int number;
  /** The lab's cgroups, and the one that tracks its processes. */
  private final LabCgroups cgroups;
  private int initPid;
  /** The write end of nslab-init's stdin; nslab-init ends when it closes. */
  private int initInput = -1;
  /** A child cloned into a new user namespace; while there is one, lab commands run in its namespaces. */
  private volatile int childPid;
  private volatile List<Namespace> childNamespaces = List.of();
  private boolean ownPidNamespace;
  private boolean rootMoved;

  private Lab(LabEnvironment env) {
    this.env = env;
    this.kernel = new Kernel(this::traced);
    this.number = COUNTER.incrementAndGet();
    this.thread = new LabThread("nslab-lab-" + number);
    this.cgroups = new LabCgroups(thread, kernel, env.variables());
    // Without its own fs_struct, a chdir, chroot or pivot_root here would move the whole JVM.
    Syscall fs = thread.call(kernel::unshareFs);
    if (fs.failed()) {
      thread.close();
      throw new LabException("could not give the lab thread its own root and cwd: " + fs.render());
    }
    drainTrace();
  }

  /** Labs not yet closed: Ctrl-C or SIGTERM closes them before the JVM ends. */
  private static final java.util.Set<Lab> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    // The kernel ends the lab's processes and namespaces by itself when the JVM dies (SIGKILL
    // included); only cgroup directories outlive it. A polite exit removes them at once.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Lab::close), "nslab-close-labs"));
  }

  public static Lab open(LabEnvironment env) {
    NativeWarmup.ensure();
    Lab lab = new Lab(env);
    OPEN.add(lab);
    if (Privileges.hostRoot()) lab.cgroups.track();
    return lab;
  }

  private synchronized void traced(Syscall s) {
    trace.add(s);
  }

  /** The syscalls made since the last call, in order. */
  public synchronized List<Syscall> drainTrace() {
    List<Syscall> out = List.copyOf(trace);
    trace.clear();
    return out;
  }

  /**
   * unshare(2) on the lab thread. A new PID namespace only takes effect for children, and dies
   * when its first child exits: so the lab starts that first child at once, {@code nslab-init},
   * which becomes PID 1 and holds the namespace for the commands that follow.
   */
  public Syscall unshare(List<Namespace> namespaces) {
    Syscall s = thread.call(() -> {
      Syscall u = kernel.unshare(namespaces);
      // In a cgroup namespace of its own the lab sees its cgroups from where it stood: moving
      // its processes into the tracking cgroup would show in every /proc/PID/cgroup.
      if (!u.failed() && namespaces.contains(Namespace.CGROUP)) cgroups.untrack();
      if (!u.failed() && namespaces.contains(Namespace.PID)) startInit();
      return u;
    });
    if (initPid > 0) Procfs.awaitAsleepAs(initPid, "nslab-init");
    return s;
  }

  /**
   * PID 1 of the lab's PID namespace: the host's /bin/sh named nslab-init, reading its script
   * from a pipe only this lab holds. The script ignores SIGCHLD, so the kernel reaps every orphan
   * re-parented to it; then the shell waits for more script. When the lab closes the pipe, or the
   * JVM dies however it dies, the shell reads end-of-file and exits, and the PID namespace ends
   * with it. One exec instead of setpriv, bash and sleep.
   */
  private void startInit() {
    long t0 = System.nanoTime();
    int[] pipe = new int[2];
    if (Libc.C.pipe2(pipe, Kernel.O_CLOEXEC) < 0) {
      kernel.record("pipe2", "fds, O_CLOEXEC", -1, com.sun.jna.Native.getLastError(), System.nanoTime() - t0);
      return;
    }
    byte[] script = "trap '' CHLD\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Libc.C.write(pipe[1], script, new com.sun.jna.NativeLong(script.length)); // fits the pipe's buffer
    int pid = Spawner.spawnReading("/bin/sh", List.of("nslab-init"), env.variables(), pipe[0]);
    Libc.C.close(pipe[0]);
    kernel.record("posix_spawn", "\"/bin/sh\", [\"nslab-init\"]", pid < 0 ? -1 : pid, pid < 0 ? -pid : 0,
        System.nanoTime() - t0);
    if (pid > 0) {
      cgroups.startedInLab(pid);
      initPid = pid;
      initInput = pipe[1];
      ownPidNamespace = true;
    } else {
      Libc.C.close(pipe[1]);
    }
  }

  public Syscall sethostname(String name) {
    return thread.call(() -> kernel.sethostname(name));
  }

  public Syscall mount(String source, String target, String fstype, int flags, String data) {
    return thread.call(() -> kernel.mount(source, target, fstype, flags, data));
  }

  public Syscall umount2(String target, int flags) {
    return thread.call(() -> kernel.umount2(target, flags));
  }

  public Syscall pivotRoot(String newRoot, String putOld) {
    return thread.call(() -> {
      Syscall s = kernel.pivotRoot(newRoot, putOld);
      rootMoved |= !s.failed();
      return s;
    });
  }

  public Syscall chroot(String path) {
    return thread.call(() -> {
      Syscall s = kernel.chroot(path);
      rootMoved |= !s.failed();
      return s;
    });
  }

  public Syscall chdir(String path) {
    return thread.call(() -> kernel.chdir(path));
  }

  public Syscall write(String path, String data) {
    return thread.call(() -> kernel.write(path, data));
  }

  /**
   * An rtnetlink conversation in the lab's own network namespace (on the lab thread), or in that
   * of its PID 1 (on a short-lived thread that joins it first with setns(2), as `ip netns exec`
   * and `nsenter --net` do; the setns is in the trace).
   */
  public List<Syscall> netlink(boolean inInit, java.util.function.Function<Rtnetlink, List<Syscall>> talk) {
    Rtnetlink rtnl = new Rtnetlink(kernel);
    if (!inInit) return thread.call(() -> talk.apply(rtnl));
    LabThread visitor = new LabThread("nslab-netns-of-init");
    try {
      return visitor.call(() -> {
        Syscall join = kernel.setns("/proc/" + initPid + "/ns/net", Namespace.NET);
        return join.failed() ? List.of(join) : talk.apply(rtnl);
      });
    } finally {
      visitor.close();
    }
  }

  /** The host PID of a lab process by its lesson name: lab (the lab thread), init (PID 1), child; 0 if none. */
  public int process(String name) {
    return switch (name) {
      case "lab" -> thread.tid();
      case "init" -> initPid;
      case "child" -> childPid;
      default -> 0;
    };
  }

  /** A namespace of a lab process, as an inode number; 0 when there is no such process. */
  public long namespaceOf(int pid, Namespace type) {
    if (pid <= 0) return 0;
    return Procfs.inode(Path.of("/proc/" + pid + "/ns/" + type.id)); // a TID works too: ns links are per thread
  }

  /** setns(2) of the lab thread into namespaces of a lab process, one call per namespace. */
  public List<Syscall> setnsFrom(int pid, List<Namespace> types) {
    return thread.call(() -> {
      List<Syscall> calls = new ArrayList<>();
      for (Namespace n : types) {
        Syscall s = kernel.setns("/proc/" + pid + "/ns/" + n.id, n);
        calls.add(s);
        if (s.failed()) break;
      }
      return calls;
    });
  }

  /** setns(2) of the lab thread into the namespace a pinned file holds (resolved in the lab's mounts). */
  public Syscall setnsFrom(String pinned, Namespace type) {
    return thread.call(() -> kernel.setns(pinned, type));
  }

  /** Pins a namespace of a lab process: an empty file at {@code at}, then /proc/PID/ns/TYPE bound onto it. */
  public List<Syscall> pin(int pid, Namespace type, String at) {
    return thread.call(() -> {
      Syscall file = kernel.touch(at);
      if (file.failed()) return List.of(file);
      return List.of(file, kernel.mount("/proc/" + pid + "/ns/" + type.id, at, null, Kernel.MS_BIND, null));
    });
  }

  /** Files this lab bound a namespace onto (pin), as the lesson named them. */
  private final java.util.Set<String> pins = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public boolean pinned(String path) {
    return pins.contains(path);
  }

  public void pinned(String path, boolean yes) {
    if (yes) pins.add(path);
    else pins.remove(path);
  }

  /** Whether the lab thread can resolve this path (its root, its mounts). */
  public boolean threadSees(String path) {
    return thread.call(() -> realpath(path) != null);
  }

  /** The network namespace of the lab's PID 1, as an inode number; 0 without one. */
  public long initNetNamespace() {
    return initPid > 0 ? Procfs.inode(Path.of("/proc/" + initPid + "/ns/net")) : 0;
  }

  public Syscall mqOpen(String name) {
    return thread.call(() -> kernel.mqOpen(name));
  }

  public Syscall msgget(int key) {
    return thread.call(() -> kernel.msgget(key));
  }

  public Syscall shmget(int key, int size) {
    return thread.call(() -> kernel.shmget(key, size));
  }

  public Syscall semget(int key, int count) {
    return thread.call(() -> kernel.semget(key, count));
  }

  /** The kernel's id of the lab thread, for /proc/TID paths. */
  public int tid() {
    return thread.tid();
  }

  public Syscall mkdir(String path, int mode) {
    return thread.call(() -> kernel.mkdir(path, mode));
  }

  /**
   * clone(2) a child into new namespaces, always including a user namespace: the one way into a
   * user namespace from a multithreaded JVM. The child waits while nslab and it both live: it
   * execs cat on a pipe only the JVM writes to ({@link Kernel#cloneExecTied}), or where that
   * cannot be, runs system() with a shell that watches nslab. From now on the lab's commands run
   * in its namespaces (nsenter --preserve-credentials).
   */
  public Syscall cloneChild(List<Namespace> namespaces) {
    endChild();
    String watch = "while [ -e /proc/" + Libc.C.getpid() + " ] && [ -e /proc/$PPID ]; do sleep 1; done";
    return thread.call(() -> {
      // Without a shell where it can: the child execs cat reading a pipe only the JVM writes to,
      // so it ends with the JVM (Kernel.cloneExecTied). No fork of the JVM's image either (CLONE_VM).
      String cat = java.nio.file.Files.isExecutable(Path.of("/usr/bin/cat")) ? "/usr/bin/cat" : "/bin/cat";
      Syscall s = Kernel.CLONE_EXEC && java.nio.file.Files.isExecutable(Path.of(cat))
          ? kernel.cloneExecTied(namespaces, cat, env.variables())
          : kernel.cloneSystem(namespaces, watch);
      if (!s.failed()) {
        childNamespaces = List.copyOf(namespaces);
        childPid = (int) s.result();
      }
      return s;
    });
  }

  /**
   * clone(2) of a child into new namespaces that runs {@code command} there (libc's system, no
   * Java in the child) while the lab thread waits for it, as the classic clone(child_fn, ...)
   * programs do. Its output comes back through a memfd it inherits; the lab itself does not move.
   */
  public CommandResult cloneRun(List<Namespace> namespaces, String command) {
    return thread.call(() -> CommandClock.measure(() -> {
      int out = Libc.C.memfd_create("nslab-clone-output", 0); // inherited: the child writes here
      int status = Libc.C.memfd_create("nslab-clone-status", 0);
      try {
        // system() folds the shell's status into its own return, which clone truncates to a
        // byte: the shell writes its exit code where nslab can read it whole.
        String script = "exec </dev/null >/dev/fd/" + out + " 2>&1; " + command + "\necho $? >/dev/fd/" + status;
        Syscall c = kernel.cloneSystem(namespaces, script, command);
        if (c.failed()) return CommandResult.notStarted(command, c.errno());
        int pid = (int) c.result();
        cgroups.startedInLab(pid);
        long t0 = System.nanoTime();
        int raw = Spawner.waitFor(pid);
        kernel.record("waitpid", pid + ", &status, 0", pid, 0, System.nanoTime() - t0);
        String code = Spawner.drain(status).strip();
        status = -1;
        String text = Spawner.drain(out);
        out = -1;
        return code.matches("\\d+") ? new CommandResult(command, Integer.parseInt(code), 0, text, 0)
            : Spawner.result(command, raw, text);
      } finally {
        if (out >= 0) Libc.C.close(out);
        if (status >= 0) Libc.C.close(status);
      }
    }));
  }

  /** The host pid of the child cloned into a user namespace, or 0. */
  public int childPid() {
    return childPid;
  }

  /** Kills the cloned child and every process of its user namespace. */
  private void endChild() {
    int pid = childPid;
    if (pid <= 0) return;
    long userns = Procfs.inode(Path.of("/proc/" + pid + "/ns/user"));
    childPid = 0;
    Libc.C.kill(pid, Signals.SIGKILL);
    thread.call(() -> Spawner.waitFor(pid));
    if (userns == 0) return;
    // A shell of the namespace may fork (its `sleep 1`) while we scan: scan again until no
    // live process is left in it (killed ones are zombies until reaped, and do not count).
    for (int round = 0; round < 50 && Procfs.killAllInUserNamespace(userns) > 0; round++) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  /** The lab's cgroup under one hierarchy root ({@link LabCgroups#cgroup}). */
  public Path cgroup(Path root) {
    return cgroups.cgroup(root);
  }

  /** mkdir(2) of the lab's cgroup where {@code controllerRoot} is (once), then write(2) of one limit file. */
  public List<Syscall> limit(Path controllerRoot, String file, String value) {
    return cgroups.limit(controllerRoot, file, value);
  }

  /** What the lab starts from now on is in these cgroups of the lab's (all of them, when empty). */
  public List<Syscall> joinCgroups(List<Path> only) {
    return cgroups.join(only);
  }

  /** What the lab starts from now on is in none of its cgroups but the tracking one. */
  public List<Syscall> leaveCgroups() {
    return cgroups.leave();
  }

  /** Sends SIGKILL to the lab's PID 1: the PID namespace dies with it. */
  public Syscall killInit() {
    return thread.call(() -> {
      Syscall s = kernel.kill(initPid, Signals.SIGKILL);
      if (!s.failed()) Spawner.waitFor(initPid);
      initPid = 0;
      return s;
    });
  }

  /** Whether any mount the lab sees still propagates to or from a peer (mountinfo's "shared:"). */
  public boolean hasSharedMounts() {
    return mounts().anyShared();
  }

  private MountTable mounts() {
    return MountTable.of(Path.of("/proc/" + thread.tid() + "/mountinfo"));
  }

  /**
   * The namespaces of the lab thread itself that are not the host's: where its own syscalls
   * (sethostname, mount, msgget, ...) take effect. For pid and time, those its children get.
   */
  public java.util.Set<Namespace> ownOnThread() {
    Map<Namespace, Long> host = hostNamespaces();
    java.util.Set<Namespace> own = java.util.EnumSet.noneOf(Namespace.class);
    Path dir = Path.of("/proc/self/task/" + thread.tid() + "/ns");
    for (Namespace n : Namespace.values()) {
      long mine = Procfs.inode(dir.resolve(n.procEntryForChildren()));
      if (mine != 0 && mine != host.get(n)) own.add(n);
    }
    return own;
  }

  /**
   * Why the lab may not create or write {@code path}, or empty when the path belongs to the lab
   * ({@link OwnedPaths}). Resolved on the lab thread, as its syscalls would see it.
   */
  public java.util.Optional<String> writeRefusal(String path) {
    java.util.Set<Integer> pids = new java.util.HashSet<>(List.of(thread.tid()));
    if (childPid > 0) pids.add(childPid);
    if (initPid > 0) pids.add(initPid);
    java.util.Set<String> dirs = cgroups.dirs();
    OwnedPaths owned = new OwnedPaths(new OwnedPaths.LabView(mounts(), pids, ownOnThread(), dirs));
    return thread.call(() -> {
      String name = path.endsWith("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
      String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : ".";
      if (name.equals(".") || name.equals("..") || name.isEmpty()) {
        String whole = realpath(path);
        return whole == null ? java.util.Optional.<String>empty() : owned.refusal(whole);
      }
      String dir = realpath(parent.isEmpty() ? "/" : parent);
      if (dir == null) return java.util.Optional.<String>empty(); // no such directory: the kernel refuses by itself
      String resolved = (dir.equals("/") ? "" : dir) + "/" + name;
      if (Libc.C.readlink(resolved, new byte[1], new com.sun.jna.NativeLong(1)).longValue() >= 0) {
        return java.util.Optional.of(resolved + " is a symbolic link; nslab never writes through one");
      }
      return owned.refusal(resolved);
    });
  }

  /** realpath(3) on the calling thread (its root and cwd), or null when the path does not resolve. */
  private static String realpath(String path) {
    byte[] buf = new byte[4096];
    if (Libc.C.realpath(path, buf) == null) return null;
    int len = 0;
    while (len < buf.length && buf[len] != 0) len++;
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  /** Whether the lab's root is no longer the host's (after pivot_root or chroot). */
  public boolean rootMoved() {
    return rootMoved;
  }

  /** The host pid of the lab's PID 1, or 0 when the lab has no PID namespace of its own. */
  public int initPid() {
    return initPid;
  }

  /**
   * An observation (a step's show, an output or exits check): in the lab, not traced. A lab with
   * no namespace of its own is the host itself, so there it runs powerless in the {@link HostView}.
   */
  public CommandResult observe(String command) {
    return apartFromHost() ? run(command) : HostView.get().run(command);
  }

  /** Runs {@code /bin/sh -c command} in the lab and waits for it; not traced. */
  public CommandResult run(String command) {
    return exec(command, List.of("/bin/sh", "-c", command), false);
  }

  /** Runs {@code /bin/sh -c command} in the lab, with its posix_spawn in the trace. */
  public CommandResult runTraced(String command) {
    return exec(command, List.of("/bin/sh", "-c", command), true);
  }

  /** Runs a command in the lab as posix_spawn(3) from the lab thread, and waits for it. */
  public CommandResult exec(String display, List<String> argv, boolean traced) {
    return thread.call(() -> CommandClock.measure(() -> {
      long t0 = System.nanoTime();
      Spawner.Started started = Spawner.start(wrap(argv), env.variables(), true);
      if (traced) {
        kernel.record("posix_spawn", "\"/bin/sh\", [\"sh\", \"-c\", " + Kernel.quote(display) + "]",
            started.pid() < 0 ? -1 : started.pid(), started.pid() < 0 ? -started.pid() : 0,
            System.nanoTime() - t0);
      }
      if (started.pid() < 0) return CommandResult.notStarted(display, -started.pid());
      cgroups.startedInLab(started.pid());
      foregroundPid = started.pid();
      int status = Spawner.waitFor(started.pid());
      foregroundPid = 0;
      // Outside a PID namespace nothing would hold a background child (`sleep 9 &`) to the lab:
      // its process group ends with the command.
      if (!ownPidNamespace) Libc.C.kill(-started.pid(), Signals.SIGKILL);
      return Spawner.result(display, status, Spawner.drain(started.outputFd()));
    }));
  }

  /** Runs a command in the lab on the learner's own terminal (the {@code sh} command). */
  public CommandResult interactive(String display, List<String> argv) {
    return thread.call(() -> {
      int pid = Spawner.spawn(wrap(argv), env.variables(), -1, false);
      if (pid < 0) return CommandResult.notStarted(display, -pid);
      cgroups.startedInLab(pid);
      foregroundPid = pid;
      int status = Spawner.waitFor(pid);
      foregroundPid = 0;
      reclaimTerminal();
      return Spawner.result(display, status, "");
    });
  }

  /**
   * An interactive shell makes its own process group the terminal's foreground. bash hands it
   * back on exit; busybox sh in a PID namespace cannot (nslab's group is not visible there), and
   * the REPL's next read would fail as a background read. Take it back, ignoring the SIGTTOU a
   * background tcsetpgrp raises.
   */
  private static void reclaimTerminal() {
    int pgrp = Libc.C.getpgrp();
    if (Libc.C.tcgetpgrp(0) < 0 || Libc.C.tcgetpgrp(0) == pgrp) return;
    com.sun.jna.Pointer previous = Libc.C.signal(Signals.SIGTTOU, com.sun.jna.Pointer.createConstant(1)); // SIG_IGN
    Libc.C.tcsetpgrp(0, pgrp);
    Libc.C.signal(Signals.SIGTTOU, previous);
  }

  /**
   * A command outside a PID namespace would outlive a killed JVM: it starts under setpriv(1),
   * which sets PR_SET_PDEATHSIG=SIGKILL and then execs it, so it dies with the lab thread.
   */
  private List<String> wrap(List<String> argv) {
    List<String> wrapped = new ArrayList<>();
    if (!ownPidNamespace && !rootMoved && env.setpriv() != null) {
      wrapped.addAll(List.of(env.setpriv(), "--pdeathsig", "KILL", "--"));
    }
    if (childPid > 0 && env.nsenter() != null) {
      // Exactly the namespaces the clone made: joining the host's own (its cgroup namespace,
      // say) is refused to an unprivileged user, and would change nothing anyway.
      wrapped.addAll(List.of(env.nsenter(), "--target", String.valueOf(childPid)));
      for (Namespace n : childNamespaces) wrapped.add(n == Namespace.MNT ? "--mount" : "--" + n.id);
      wrapped.addAll(List.of("--preserve-credentials", "--"));
    }
    wrapped.addAll(argv);
    return wrapped;
  }

  /** Ctrl-C: ends whatever command the lab is waiting for, and what it started. Safe from any thread. */
  public void cancel() {
    int pid = foregroundPid;
    if (pid <= 0) return;
    // The whole process group: `sleep 600` forked by the shell dies too, in a PID namespace as
    // outside one, so a killed command cannot leave its work running (nor pass a turn with it).
    Libc.C.kill(-pid, Signals.SIGKILL);
    Libc.C.kill(pid, Signals.SIGKILL);
  }

  /** The lab's hostname as the kernel reports it to the lab thread (gethostname(2)). */
  public String hostname() {
    return thread.call(() -> {
      byte[] buf = new byte[256];
      Libc.C.gethostname(buf, new com.sun.jna.NativeLong(buf.length));
      int len = 0;
      while (len < buf.length && buf[len] != 0) len++;
      return new String(buf, 0, len, StandardCharsets.UTF_8);
    });
  }

  /** The namespaces a process started in the lab now would be in. */
  public Map<Namespace, Long> namespaces() {
    Map<Namespace, Long> out = new EnumMap<>(Namespace.class);
    int child = childPid;
    Path dir = Path.of(child > 0 ? "/proc/" + child + "/ns" : "/proc/self/task/" + thread.tid() + "/ns");
    for (Namespace n : Namespace.values()) {
      out.put(n, Procfs.inode(dir.resolve(child > 0 ? n.id : n.procEntryForChildren())));
    }
    return out;
  }

  /** Whether a command started in the lab now would be apart from the host in any namespace. */
  public boolean apartFromHost() {
    return !namespaces().equals(hostNamespaces());
  }

  /** The namespaces of the JVM's main thread: the host as nslab found it. */
  public static Map<Namespace, Long> hostNamespaces() {
    Map<Namespace, Long> out = new EnumMap<>(Namespace.class);
    for (Namespace n : Namespace.values()) out.put(n, Procfs.inode(Path.of("/proc/self/ns/" + n.id)));
    return out;
  }

  @Override
  public void close() {
    if (!OPEN.remove(this)) return; // closed already (by its owner, or by the shutdown hook)
    cancel();
    endChild();
    cgroups.close();
    if (initPid > 0) {
      thread.call(() -> {
        Libc.C.kill(initPid, Signals.SIGKILL);
        Spawner.waitFor(initPid);
        return null;
      });
      initPid = 0;
    }
    if (initInput >= 0) Libc.C.close(initInput);
    initInput = -1;
    thread.close();
  }
}
