package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's cgroup layout, and the cgroups labs make in it. A cgroup directory is the one thing
 * of a lab the kernel does not remove by itself: nslab removes its own when a lab closes and, at
 * start, sweeps those whose nslab died (they are named {@code nslab-JVMPID-N}).
 */
public final class Cgroups {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final Pattern OURS = Pattern.compile("nslab-(\\d+)-\\d+");
  private static volatile boolean swept;

  private Cgroups() {}

  /** Where the pids and memory controllers are: cgroup v2, or v1 hierarchies (hybrid with a cgroup2 mount beside). */
  public record Layout(String kind, Path pids, Path memory) {
    public boolean v2() {
      return kind.equals("v2");
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
        case "v2" -> "cgroup v2 (unified) at " + ROOT;
        case "hybrid" -> "cgroup v1 controllers plus cgroup2 at " + ROOT.resolve("unified") + " (hybrid)";
        case "v1" -> "cgroup v1";
        default -> "no cgroup filesystem";
      };
    }
  }

  public static Layout detect() {
    if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
      // A child cgroup has a controller's files only if the root enables it for its children.
      List<String> enabled = List.of(read(ROOT.resolve("cgroup.subtree_control")).split("\\s+"));
      return new Layout("v2", enabled.contains("pids") ? ROOT : null, enabled.contains("memory") ? ROOT : null);
    }
    // A v1 controller is a cgroup mount (it has cgroup.procs), not just a directory of that name:
    // kernels built without it (Debian's 6.12 has no CONFIG_MEMCG_V1) leave no memory hierarchy.
    Path pids = Files.exists(ROOT.resolve("pids/cgroup.procs")) ? ROOT.resolve("pids") : null;
    Path memory = Files.exists(ROOT.resolve("memory/cgroup.procs")) ? ROOT.resolve("memory") : null;
    if (pids == null && memory == null) return new Layout("none", null, null);
    return new Layout(Files.isDirectory(ROOT.resolve("unified")) ? "hybrid" : "v1", pids, memory);
  }

  /** Removes the cgroups of nslab processes that no longer exist, once per JVM (at the first lab). */
  public static void sweepOrphans() {
    if (swept) return;
    swept = true;
    sweep();
  }

  /** Removes the cgroups of nslab processes that no longer exist (a killed nslab's). */
  public static void sweep() {
    Layout layout = detect();
    for (Path root : roots(layout)) {
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path dir : dirs.toList()) {
          Matcher m = OURS.matcher(dir.getFileName().toString());
          if (m.matches() && !Files.exists(Path.of("/proc/" + m.group(1)))) remove(dir);
        }
      } catch (IOException e) {
        // not ours to read: nothing to sweep there
      }
    }
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
        if (!pid.isBlank()) Libc.C.kill(Integer.parseInt(pid), Signals.SIGKILL);
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
