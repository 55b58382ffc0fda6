package dev.nslab.lab;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.nslab.lab.netlink.Rtnetlink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A live lab: the namespaces of one dedicated JVM thread ({@link LabThread}), and the processes
 * started from it. Every namespace operation of a lesson is a real syscall made on that thread
 * ({@link Kernel}, traced into a {@link Trace}). This class is the façade; its parts are {@link
 * LabInit} (PID 1 of a PID namespace), {@link UserChild} (the child holding a user namespace),
 * {@link LabCommands} (running commands), {@link LabJoins} (setns, pins), {@link LabCgroups},
 * {@link LabPaths} and {@link OwnedPaths} (what it may write), {@link LabNamespaces} (its ids and
 * namespaces, read through {@link Procfs} as {@link ProcessScan} reads them); {@link OpenLabs}
 * closes what is left open when the JVM exits.
 *
 * <p>Nothing of a lab outlives the JVM: namespaces die with the thread; the lab's PID 1 reads
 * end-of-file on its pipe and exits, taking the PID namespace and every process in it along; a
 * command outside a PID namespace carries PR_SET_PDEATHSIG=SIGKILL, tied to the thread; the cloned
 * child reads end-of-file too; what is left in the lab's cgroups is killed on close.
 */
public final class Lab implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final LabThread thread;
  private final Kernel kernel;
  private final Trace trace = new Trace();
  private final LabCgroups cgroups;
  private final LabInit init;
  private final UserChild child;
  private final LabCommands commands;
  private final LabJoins joins;
  private final LabNamespaces names;
  private final LabPaths paths;
  private volatile boolean rootMoved;

  private Lab(LabEnvironment env) {
    this.kernel = new Kernel(trace);
    this.thread = new LabThread("nslab-lab-" + COUNTER.incrementAndGet());
    this.cgroups = new LabCgroups(thread, kernel, env.variables());
    this.init = new LabInit(kernel, cgroups, env.variables());
    this.child = new UserChild(thread, kernel, env.variables());
    this.commands = new LabCommands(thread, kernel, env, cgroups, init, child, () -> rootMoved);
    this.joins = new LabJoins(thread, kernel, init);
    this.names = new LabNamespaces(thread, init, child);
    this.paths = new LabPaths(thread);
    // Without its own fs_struct, a chdir, chroot or pivot_root here would move the whole JVM.
    Syscall fs = thread.call(kernel::unshareFs);
    if (fs.failed()) {
      thread.close();
      throw new LabException("could not give the lab thread its own root and cwd: " + fs.render());
    }
    drainTrace();
  }

  public static Lab open(LabEnvironment env) {
    NativeWarmup.ensure();
    Lab lab = new Lab(env);
    OpenLabs.add(lab);
    if (Privileges.hostRoot()) lab.cgroups.track();
    return lab;
  }

  /** The syscalls made since the last call, in order. */
  public List<Syscall> drainTrace() {
    return trace.drain();
  }

  /**
   * unshare(2) on the lab thread. A new PID namespace only takes effect for children, and dies when
   * its first child exits: so the lab starts that first child at once ({@link LabInit}).
   */
  public Syscall unshare(List<Namespace> namespaces) {
    Syscall s =
        thread.call(
            () -> {
              Syscall u = kernel.unshare(namespaces);
              // In a cgroup namespace of its own the lab sees its cgroups from where it
              // stood: moving its processes into the tracking cgroup would show in every
              // /proc/PID/cgroup.
              if (!u.failed() && namespaces.contains(Namespace.CGROUP)) cgroups.untrack();
              if (!u.failed() && namespaces.contains(Namespace.PID)) init.start();
              return u;
            });
    init.awaitAsleep();
    return s;
  }

  // The lesson's other syscalls, each made on the lab thread and traced, as Kernel names them.
  public Syscall sethostname(String name) {
    return thread.call(() -> kernel.sethostname(name));
  }

  public Syscall umount2(String target, int flags) {
    return thread.call(() -> kernel.umount2(target, flags));
  }

  public Syscall chdir(String path) {
    return thread.call(() -> kernel.chdir(path));
  }

  public Syscall write(String path, String data) {
    return thread.call(() -> kernel.write(path, data));
  }

  public Syscall mkdir(String path, int mode) {
    return thread.call(() -> kernel.mkdir(path, mode));
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

  public Syscall pivotRoot(String root, String putOld) {
    return movingRoot(() -> kernel.pivotRoot(root, putOld));
  }

  public Syscall chroot(String path) {
    return movingRoot(() -> kernel.chroot(path));
  }

  public Syscall mount(String source, String target, String fstype, int flags, String data) {
    return thread.call(() -> kernel.mount(source, target, fstype, flags, data));
  }

  private Syscall movingRoot(Callable<Syscall> call) {
    return thread.call(
        () -> {
          Syscall s = call.call();
          rootMoved |= !s.failed();
          return s;
        });
  }

  // Namespaces it did not make on its thread ({@link LabJoins}): rtnetlink in its own network
  // namespace or in PID 1's; setns(2) into a lab process's namespaces, one call each, or into
  // what a pinned file holds; a pin (an empty file, /proc/PID/ns/TYPE bound onto it).
  public List<Syscall> netlink(boolean inInit, Function<Rtnetlink, List<Syscall>> talk) {
    return joins.netlink(inInit, talk);
  }

  public List<Syscall> setnsFrom(int pid, List<Namespace> types) {
    return joins.setnsFrom(pid, types);
  }

  public Syscall setnsFrom(String pinned, Namespace type) {
    return thread.call(() -> kernel.setns(pinned, type));
  }

  public List<Syscall> pin(int pid, Namespace type, String at) {
    return joins.pin(pid, type, at);
  }

  public boolean pinned(String path) {
    return joins.pinned(path);
  }

  public void pinned(String path, boolean yes) {
    joins.pinned(path, yes);
  }

  /**
   * clone(2) of a child into new namespaces, a user namespace always among them ({@link
   * UserChild}).
   */
  public Syscall cloneChild(List<Namespace> namespaces) {
    return child.clone(namespaces);
  }

  /**
   * clone(2) of a child running {@code command} in new namespaces while the lab waits ({@link
   * LabCommands}).
   */
  public CommandResult cloneRun(List<Namespace> namespaces, String command) {
    return commands.cloneRun(namespaces, command);
  }

  /** Sends SIGKILL to the lab's PID 1: the PID namespace dies with it. */
  public Syscall killInit() {
    return thread.call(init::kill);
  }

  // The lab's cgroups: its cgroup under a hierarchy root; mkdir(2) of it (once) and write(2) of
  // one limit file; what it starts from now on in these of its cgroups (all, when empty), or in
  // none but the tracking one ({@link LabCgroups}).
  public Path cgroup(Path root) {
    return cgroups.cgroup(root);
  }

  public List<Syscall> limit(Path root, String file, String value) {
    return cgroups.limit(root, file, value);
  }

  public List<Syscall> joinCgroups(List<Path> only) {
    return cgroups.join(only);
  }

  public List<Syscall> leaveCgroups() {
    return cgroups.leave();
  }

  /**
   * An observation (a step's show, an output or exits check): in the lab, not traced. A lab with no
   * namespace of its own is the host itself, so there it runs powerless in the {@link HostView}.
   */
  public CommandResult observe(String command) {
    return apartFromHost() ? run(command) : HostView.get().run(command);
  }

  /** Runs {@code /bin/sh -c command} in the lab and waits for it; not traced. */
  public CommandResult run(String command) {
    return commands.exec(command, List.of("/bin/sh", "-c", command), false);
  }

  /** Runs {@code /bin/sh -c command} in the lab, with its posix_spawn in the trace. */
  public CommandResult runTraced(String command) {
    return commands.exec(command, List.of("/bin/sh", "-c", command), true);
  }

  /** Runs a command in the lab as posix_spawn(3) from the lab thread, and waits for it. */
  public CommandResult exec(String display, List<String> argv, boolean traced) {
    return commands.exec(display, argv, traced);
  }

  /** Runs a command in the lab on the learner's own terminal (the {@code sh} command). */
  public CommandResult interactive(String display, List<String> argv) {
    return commands.interactive(display, argv);
  }

  /**
   * Ctrl-C: ends whatever command the lab is waiting for, and what it started. Safe from any
   * thread.
   */
  public void cancel() {
    commands.cancel();
  }

  // Host ids: the lab thread's (for /proc/TID paths); its PID 1's, or 0 without a PID namespace
  // of its own; the child's cloned into a user namespace, or 0.
  public int tid() {
    return thread.tid();
  }

  public int initPid() {
    return init.pid();
  }

  public int childPid() {
    return child.pid();
  }

  /** The host PID of a lab process by its lesson name: lab, init, child; 0 if none. */
  public int process(String name) {
    return names.process(name);
  }

  /** Whether the lab's root is no longer the host's (after pivot_root or chroot). */
  public boolean rootMoved() {
    return rootMoved;
  }

  /** The lab's hostname as the kernel reports it to the lab thread (gethostname(2)). */
  public String hostname() {
    return thread.call(
        () -> {
          byte[] buf = new byte[256];
          Libc.C.gethostname(buf, new NativeLong(buf.length));
          return Native.toString(buf, StandardCharsets.UTF_8);
        });
  }

  /** Whether the lab thread can resolve this path (its root, its mounts). */
  public boolean threadSees(String path) {
    return paths.resolves(path);
  }

  /** Whether any mount the lab sees still propagates to or from a peer (mountinfo's "shared:"). */
  public boolean hasSharedMounts() {
    return paths.mounts().anyShared();
  }

  /**
   * Why the lab may not create or write {@code path}, or empty when the path belongs to the lab
   * ({@link OwnedPaths}). Resolved on the lab thread, as its syscalls would see it.
   */
  public Optional<String> writeRefusal(String path) {
    var lab = new OwnedPaths.LabView(paths.mounts(), names.ids(), ownOnThread(), cgroups.dirs());
    return paths.writeRefusal(path, new OwnedPaths(lab));
  }

  /** A namespace of a lab process, as an inode number; 0 when there is no such process. */
  public long namespaceOf(int pid, Namespace type) {
    return LabNamespaces.of(pid, type);
  }

  /** The network namespace of the lab's PID 1, as an inode number; 0 without one. */
  public long initNetNamespace() {
    return LabNamespaces.of(init.pid(), Namespace.NET);
  }

  /**
   * The namespaces of the lab thread itself that are not the host's: where its own syscalls
   * (sethostname, mount, msgget, ...) take effect. For pid and time, those its children get.
   */
  public Set<Namespace> ownOnThread() {
    return names.ownOnThread();
  }

  /** The namespaces a process started in the lab now would be in. */
  public Map<Namespace, Long> namespaces() {
    return names.forCommands();
  }

  /** Whether a command started in the lab now would be apart from the host in any namespace. */
  public boolean apartFromHost() {
    return !namespaces().equals(hostNamespaces());
  }

  /** The namespaces of the JVM's main thread: the host as nslab found it. */
  public static Map<Namespace, Long> hostNamespaces() {
    return LabNamespaces.host();
  }

  @Override
  public void close() {
    if (!OpenLabs.remove(this)) return;
    commands.cancel();
    child.end();
    cgroups.close();
    init.close(thread);
    thread.close();
  }
}
