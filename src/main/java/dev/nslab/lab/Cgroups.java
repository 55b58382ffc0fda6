package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The host's cgroup layout, and the cgroups labs make in it. A cgroup directory is the one thing of
 * a lab the kernel does not remove by itself: nslab removes its own when a lab closes, and a {@link
 * CgroupWatch} removes them when nslab dies however it dies. Nothing else ever removes a cgroup, so
 * one nslab can never remove another's.
 */
public final class Cgroups {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private Cgroups() {}

  /** Which cgroup file systems the host mounts. */
  public enum Kind {
    /** cgroup2 alone (unified) at /sys/fs/cgroup. */
    V2,
    /** v1 controller hierarchies with a cgroup2 mount beside them at /sys/fs/cgroup/unified. */
    HYBRID,
    /** v1 controller hierarchies only. */
    V1,
    /** No cgroup file system. */
    NONE
  }

  /** Where the pids and memory controllers are (null where the host has none). */
  public record Layout(Kind kind, Path pids, Path memory) {
    public boolean v2() {
      return kind == Kind.V2;
    }

    /** The file that limits memory: memory.max on v2, memory.limit_in_bytes on v1. */
    public String memoryLimitFile() {
      return v2() ? "memory.max" : "memory.limit_in_bytes";
    }

    /**
     * The file that keeps a limited cgroup from swapping instead of hitting its limit:
     * memory.swap.max on v2, memory.memsw.limit_in_bytes on v1 (there only with swap accounting).
     */
    public String swapLimitFile() {
      return v2() ? "memory.swap.max" : "memory.memsw.limit_in_bytes";
    }

    /** One line for the learner and for doctor. */
    public String describe() {
      return switch (kind) {
        case V2 -> "cgroup v2 (unified) at " + ROOT;
        case HYBRID ->
            "cgroup v1 controllers plus cgroup2 at " + ROOT.resolve("unified") + " (hybrid)";
        case V1 -> "cgroup v1";
        case NONE -> "no cgroup filesystem";
      };
    }
  }

  public static Layout detect() {
    if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
      // A child cgroup has a controller's files only if the root enables it for its children.
      List<String> enabled = List.of(read(ROOT.resolve("cgroup.subtree_control")).split("\\s+"));
      return new Layout(
          Kind.V2,
          enabled.contains("pids") ? ROOT : null,
          enabled.contains("memory") ? ROOT : null);
    }
    // A v1 controller is a cgroup mount (it has cgroup.procs), not just a directory of that name:
    // kernels built without it (Debian's 6.12 has no CONFIG_MEMCG_V1) leave no memory hierarchy.
    Path pids = Files.exists(ROOT.resolve("pids/cgroup.procs")) ? ROOT.resolve("pids") : null;
    Path memory = Files.exists(ROOT.resolve("memory/cgroup.procs")) ? ROOT.resolve("memory") : null;
    if (pids == null && memory == null) return new Layout(Kind.NONE, null, null);
    return new Layout(
        Files.isDirectory(ROOT.resolve("unified")) ? Kind.HYBRID : Kind.V1, pids, memory);
  }

  /**
   * A name no other nslab will produce (32 random bits: labs alive at once on one machine are a
   * handful, and the name stays short enough for a trace line): two nslabs whose JVMs have the same
   * PID, in two containers, do not collide.
   */
  static String newName() {
    return "nslab-" + String.format("%08x", new SecureRandom().nextInt());
  }

  /**
   * Where a lab's processes are tracked, so that none outlives it: the v1 pids hierarchy where
   * there is one (its {@code tasks} file takes a single thread, so the lab thread itself moves in
   * and every process is born there), else cgroup2; null when there is neither.
   */
  static Path trackingRoot(Layout layout) {
    if (!layout.v2() && layout.pids() != null) return layout.pids();
    if (layout.v2()) return ROOT;
    return Files.exists(ROOT.resolve("unified/cgroup.procs")) ? ROOT.resolve("unified") : null;
  }

  static Set<Path> roots(Layout layout) {
    Set<Path> roots = new LinkedHashSet<>();
    if (layout.pids() != null) roots.add(layout.pids());
    if (layout.memory() != null) roots.add(layout.memory());
    return roots;
  }

  /** Kills what is left in a cgroup, then removes it (rmdir works only once it is empty). */
  static void remove(Path dir) {
    for (int attempt = 0; attempt < 50; attempt++) {
      for (String pid : read(dir.resolve("cgroup.procs")).split("\\s+")) {
        // v1 lists a process when any of its threads is in: nslab's own lab thread may be.
        if (!pid.isBlank() && Integer.parseInt(pid) != Libc.C.getpid())
          Libc.C.kill(Integer.parseInt(pid), Signals.SIGKILL);
      }
      if (Libc.C.rmdir(dir.toString()) == 0 || !Files.exists(dir)) return;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }

  static List<Path> existing(List<Path> dirs) {
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) if (Files.isDirectory(d)) out.add(d);
    return out;
  }
}
