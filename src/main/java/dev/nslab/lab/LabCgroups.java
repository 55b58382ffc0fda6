package dev.nslab.lab;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A lab's cgroups: the ones its lessons limit (nslab-RANDOM under each hierarchy), the one that
 * tracks every process of the lab (nslab-RANDOM-procs), and the watcher that removes them all if
 * the JVM dies first. Only the lab's own thread and processes ever move into them.
 */
final class LabCgroups implements AutoCloseable {
  private final LabThread thread;
  private final Kernel kernel;
  private final List<String> env;

  LabCgroups(LabThread thread, Kernel kernel, List<String> env) {
    this.thread = thread;
    this.kernel = kernel;
    this.env = env;
  }

  /**
   * The name of every cgroup of this lab, under each hierarchy: random, so no other nslab makes it.
   */
  private final String cgroupName = Cgroups.newName();

  /** Removes this lab's cgroups if the JVM dies before the lab closes. */
  private CgroupWatch watch;

  /** cgroup.procs of the cgroup that tracks every process of the lab, or -1. */
  private int trackFd = -1;

  /**
   * Set once the lab has a cgroup namespace: from then on only its own cgroups hold its processes.
   */
  private volatile boolean untracked;

  /** The tracking cgroup the lab thread itself is in (v1 pids), or null. */
  private volatile Path trackedPids;

  /** The tracking cgroup, removed last (the lab's pids cgroup may be inside it). */
  private Path trackingDir;

  /** Where the lab thread was moved (v1): it must leave before those cgroups can go. */
  private final Set<Path> threadJoined = ConcurrentHashMap.newKeySet();

  /** The cgroups this lab made, to remove when it closes. */
  private final Set<Path> cgroups = new LinkedHashSet<>();

  /**
   * cgroup.procs of the cgroups new lab processes join, opened before any pivot_root can hide them.
   */
  private final List<Integer> joinFds = new CopyOnWriteArrayList<>();

  /**
   * As root, every process of the lab is in a cgroup of the lab's own, so that none outlives it:
   * not a background job of `sh`, not one that called setsid. With a v1 pids hierarchy the lab
   * thread itself moves in (v1's {@code tasks} takes one thread), so every process is born there,
   * and the lab's pids cgroup is made inside it; on cgroup2, which moves whole processes only, each
   * process is moved in as soon as it is spawned. The watcher is started first, so no directory can
   * outlive nslab either.
   */
  void track() {
    Cgroups.Layout layout = Cgroups.detect();
    Path root = Cgroups.trackingRoot(layout);
    if (root == null) return;
    Path dir = root.resolve(cgroupName + "-procs");
    boolean byThread = root.equals(layout.pids()) && !layout.v2();
    if (byThread) trackedPids = dir;
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path r : Cgroups.roots(layout))
      dirs.add(cgroup(r)); // inner ones first: rmdir needs them gone
    dirs.add(dir);
    watch = CgroupWatch.start(List.copyOf(dirs), env);
    if (watch == null || Libc.C.mkdir(dir.toString(), 0755) != 0) {
      trackedPids = null;
      return;
    }
    trackingDir = dir;
    if (byThread) {
      moveThreadTo(dir);
    } else {
      trackFd =
          Libc.C.open(
              dir.resolve("cgroup.procs").toString(), Kernel.O_WRONLY | Kernel.O_CLOEXEC, 0);
    }
  }

  /** Moves the lab thread alone into a v1 cgroup (its tasks file takes one thread). */
  private void moveThreadTo(Path cgroup) {
    byte[] tid = Integer.toString(thread.tid()).getBytes(StandardCharsets.US_ASCII);
    int fd = Libc.C.open(cgroup.resolve("tasks").toString(), Kernel.O_WRONLY | Kernel.O_CLOEXEC, 0);
    if (fd < 0) return;
    Libc.C.write(fd, tid, new NativeLong(tid.length));
    Libc.C.close(fd);
  }

  /**
   * The lab's cgroup under one hierarchy root: {@code ROOT/nslab-RANDOM}; in the pids hierarchy
   * that tracks the lab thread, inside its tracking cgroup, so a cgroup namespace of the lab's sees
   * it at {@code /nslab-RANDOM} as it would without tracking.
   */
  Path cgroup(Path root) {
    Path tracked = trackedPids;
    return tracked != null && root.equals(tracked.getParent())
        ? tracked.resolve(cgroupName)
        : root.resolve(cgroupName);
  }

  /**
   * mkdir(2) of the lab's cgroup in the hierarchy that holds {@code controllerRoot} (once), then
   * write(2) of one limit file. The directory is removed when the lab closes.
   */
  List<Syscall> limit(Path controllerRoot, String file, String value) {
    List<Syscall> calls = new ArrayList<>();
    Path dir = cgroup(controllerRoot);
    if (!Files.isDirectory(dir)) {
      Syscall mk = kernel.mkdir(dir.toString(), 0755);
      calls.add(mk);
      if (mk.failed()) return calls;
      synchronized (cgroups) {
        cgroups.add(dir);
      }
    }
    calls.add(kernel.write(dir.resolve(file).toString(), value));
    return calls;
  }

  /**
   * From now on every process the lab starts is moved into the lab's cgroups as soon as it is
   * spawned (posix_spawn cannot start it there; clone3's CLONE_INTO_CGROUP would return into Java).
   */
  List<Syscall> join(List<Path> only) {
    List<Syscall> calls = new ArrayList<>();
    List<Path> dirs;
    synchronized (cgroups) {
      dirs =
          only.isEmpty() ? List.copyOf(cgroups) : cgroups.stream().filter(only::contains).toList();
    }
    boolean v1 = !Cgroups.detect().v2(); // read once, not per directory
    for (Path dir : dirs) {
      if (v1) {
        // v1 moves a single thread through tasks: the lab thread goes in, and every process it
        // starts from now on is born in the cgroup (nothing can fork before it is moved).
        Syscall s = kernel.write(dir.resolve("tasks").toString(), Integer.toString(thread.tid()));
        calls.add(s);
        if (s.failed()) return calls;
        threadJoined.add(dir);
        continue;
      }
      // cgroup2 moves whole processes only: each one the lab starts is moved in as it starts.
      long t0 = System.nanoTime();
      String procs = dir.resolve("cgroup.procs").toString();
      int fd = Libc.C.open(procs, Kernel.O_WRONLY | Kernel.O_CLOEXEC, 0);
      calls.add(
          kernel.record(
              "open",
              Kernel.quote(procs) + ", O_WRONLY",
              fd,
              fd < 0 ? Native.getLastError() : 0,
              System.nanoTime() - t0));
      if (fd < 0) return calls;
      joinFds.add(fd);
    }
    return calls;
  }

  /**
   * The lab leaves the cgroups it joined: on v1 the lab thread moves back where it was (the
   * tracking cgroup, or the hierarchy's root), traced; on v2 new processes are no longer moved.
   */
  List<Syscall> leave() {
    List<Syscall> calls = new ArrayList<>();
    for (Path dir : threadJoined) {
      Path back = dir.getParent();
      calls.add(kernel.write(back.resolve("tasks").toString(), Integer.toString(thread.tid())));
    }
    threadJoined.clear();
    for (int fd : joinFds) Libc.C.close(fd);
    joinFds.clear();
    return calls;
  }

  /**
   * Moves a process the lab just started into its tracking cgroup, then into the cgroups it joined.
   */
  void startedInLab(int pid) {
    byte[] text = Integer.toString(pid).getBytes(StandardCharsets.US_ASCII);
    if (trackFd >= 0 && !untracked) Libc.C.write(trackFd, text, new NativeLong(text.length));
    for (int fd : joinFds) Libc.C.write(fd, text, new NativeLong(text.length));
  }

  /**
   * From a cgroup namespace of the lab's on, its processes are not moved into the tracking cgroup.
   */
  void untrack() {
    untracked = true;
  }

  /** The lab's cgroup directories, as the host sees them. */
  Set<String> dirs() {
    synchronized (cgroups) {
      return cgroups.stream().map(Path::toString).collect(Collectors.toSet());
    }
  }

  /** Kills what is left in the lab's cgroups and removes them; the lab thread leaves them first. */
  @Override
  public void close() {
    for (int fd : joinFds) Libc.C.close(fd);
    joinFds.clear();
    if (trackFd >= 0) Libc.C.close(trackFd);
    trackFd = -1;
    // The lab thread leaves the cgroups it was moved into, or rmdir would find them busy.
    leave();
    Path tracked = trackedPids;
    if (tracked != null) moveThreadTo(tracked.getParent());
    synchronized (cgroups) {
      for (Path dir : cgroups) Cgroups.remove(dir);
      cgroups.clear();
    }
    if (trackingDir != null) Cgroups.remove(trackingDir); // last: the lab's pids cgroup was inside
    if (watch != null) watch.close();
  }
}
