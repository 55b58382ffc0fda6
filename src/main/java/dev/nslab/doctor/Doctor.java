package dev.nslab.doctor;

import dev.nslab.lab.Applets;
import dev.nslab.lab.Cgroups;
import dev.nslab.lab.Errno;
import dev.nslab.lab.Explanations;
import dev.nslab.lab.KernelRelease;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.NativeWarmup;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Rootfs;
import dev.nslab.lab.Syscall;
import dev.nslab.lab.UserNamespaceSettings;
import dev.nslab.lesson.Lesson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * `nslab doctor`: what this machine lets nslab do, each problem with its fix, and which lessons
 * will not work here and why. The REPL runs the same checks at start.
 */
public final class Doctor {
  private static final List<String> TOOLS = LessonProbes.TOOLS;

  private final LabEnvironment env;
  private final Map<Namespace, Syscall> namespaces;
  private final Cgroups.Layout cgroups = Cgroups.detect();
  private final LessonBlocks blocks;

  public Doctor(LabEnvironment env) {
    this.env = env;
    this.namespaces = NamespaceProbe.run();
    this.blocks = new LessonBlocks(env, namespaces, cgroups);
  }

  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    out.add(kernel());
    out.add(privileges());
    out.add(namespaceTypes());
    userNamespaceSettings().ifPresent(out::add);
    out.add(cgroupLayout());
    out.add(rootfs());
    out.add(tools());
    out.add(jna());
    return out;
  }

  /** Why a lesson will not work here, and the one line that fixes it. */
  public record Blocked(String reason, String fix) {}

  /** Lesson id to why it cannot run here, for the lessons that cannot (probes run once, cached). */
  public Map<String, Blocked> blockedLessons(List<Lesson> lessons) {
    Map<String, Blocked> blocked = new LinkedHashMap<>();
    for (Lesson l : lessons) blocks.why(l).ifPresent(b -> blocked.put(l.id(), b));
    return blocked;
  }

  /**
   * Checked before a lesson starts (`play`): the tools its steps run that this host lacks and
   * busybox cannot stand in for, with the package to install. Cheap: no namespace is made.
   */
  public static Optional<Blocked> missingTools(Lesson lesson, LabEnvironment env) {
    List<String> absent =
        LessonProbes.toolsUsed(lesson).stream()
            .filter(t -> !onPath(t) && !Applets.standsIn(env.rootfsDir().getParent(), t))
            .toList();
    if (absent.isEmpty()) return Optional.empty();
    String packages = packagesFor(absent);
    return Optional.of(
        new Blocked(
            "runs " + String.join(", ", absent) + ", not installed here",
            "sudo apt-get install "
                + packages
                + "  (Fedora: sudo dnf install "
                + packages.replace("iputils-ping", "iputils")
                + ")"));
  }

  private static Finding kernel() {
    KernelRelease k = KernelRelease.running();
    String proc =
        k.procPidnsOption()
            ? "proc takes pidns="
            : "no pidns= for proc (6.15): nslab mounts proc from inside the PID namespace";
    return Finding.ok("kernel", "Linux " + k.text() + "; " + proc);
  }

  private static Finding privileges() {
    if (Privileges.hostRoot())
      return Finding.ok("privileges", "root on the host: every lesson can run");
    var uid = Privileges.rootlessUid();
    if (uid.isPresent()) {
      return Finding.warn(
          "privileges",
          "uid "
              + uid.getAsInt()
              + ", in a user namespace of nslab's own: every lesson "
              + "but those that need root on the host",
          "sudo ./nslab for the cgroup and container lessons");
    }
    if (Privileges.root()) return Finding.ok("privileges", "root in a user namespace");
    return Finding.fail(
        "privileges",
        "unprivileged, and nslab could not enter a user namespace of its own",
        "sudo ./nslab, or allow unprivileged user namespaces (see below)");
  }

  private Finding namespaceTypes() {
    List<String> ok = new ArrayList<>(), refused = new ArrayList<>();
    for (var e : namespaces.entrySet()) {
      if (e.getValue().failed())
        refused.add(e.getKey().id + " (" + Errno.name(e.getValue().errno()) + ")");
      else ok.add(e.getKey().id);
    }
    if (refused.isEmpty())
      return Finding.ok("namespaces", "all 8 types created and released: " + String.join(" ", ok));
    Syscall first = namespaces.values().stream().filter(Syscall::failed).findFirst().orElseThrow();
    return Finding.fail(
        "namespaces",
        "created: "
            + (ok.isEmpty() ? "none" : String.join(" ", ok))
            + "; refused: "
            + String.join(", ", refused),
        Explanations.of(first));
  }

  /** The value the user.max_user_namespaces fix sets (one place: lab/UserNamespaceSettings). */
  static final String MAX_USER_NAMESPACES = UserNamespaceSettings.MAX_USER_NAMESPACES;

  private static List<String[]> userNamespaceProblems() {
    return UserNamespaceSettings.refusals().stream()
        .map(r -> new String[] {r.setting(), r.fix()})
        .toList();
  }

  /** The one-line fix for the settings that refuse user namespaces, when some do. */
  static Optional<String> userNamespaceFix() {
    List<String[]> problems = userNamespaceProblems();
    if (problems.isEmpty()) return Optional.empty();
    String fix =
        "sudo sysctl -w " + problems.stream().map(p -> p[1]).collect(Collectors.joining(" "));
    boolean apparmor = problems.stream().anyMatch(p -> p[0].startsWith("kernel.apparmor"));
    if (apparmor) fix += " (until reboot), or let this java create them: " + AppArmor.profileHint();
    return Optional.of(Privileges.hostRoot() ? fix : fix + " (or run nslab with sudo)");
  }

  private Optional<Finding> userNamespaceSettings() {
    List<String[]> problems = userNamespaceProblems();
    if (problems.isEmpty()) {
      return Optional.of(
          Finding.ok(
              "user namespaces", "unprivileged users may create them (rootless nslab works)"));
    }
    Finding.Status status = Privileges.hostRoot() ? Finding.Status.WARN : Finding.Status.FAIL;
    return Optional.of(
        new Finding(
            status,
            "user namespaces",
            "refused to unprivileged users: "
                + problems.stream().map(p -> p[0]).collect(Collectors.joining(", ")),
            userNamespaceFix().orElseThrow()));
  }

  private Finding cgroupLayout() {
    String found =
        cgroups.describe()
            + "; pids "
            + (cgroups.pids() != null ? "yes" : "no")
            + ", memory "
            + (cgroups.memory() != null ? "yes" : "no");
    if (cgroups.pids() != null && cgroups.memory() != null) return Finding.ok("cgroups", found);
    return Finding.warn("cgroups", found, cgroupFix(cgroups));
  }

  /** The one line that gives a lab the pids and memory controllers {@code cgroups} lacks. */
  static String cgroupFix(Cgroups.Layout cgroups) {
    if (cgroups.v2())
      return "as root: echo '+pids +memory' > /sys/fs/cgroup/cgroup.subtree_control";
    if (cgroups.memory() == null && cgroups.pids() != null) {
      // Kernels from 6.11 may be built without cgroup v1's memory controller (Debian's 6.12 is).
      return "this kernel has no cgroup v1 memory controller: boot with systemd.unified_cgroup_hierarchy=1 "
          + "(pure cgroup v2), or a kernel with CONFIG_MEMCG_V1";
    }
    return "a kernel and init system with the pids and memory controllers";
  }

  private Finding rootfs() {
    String built = Rootfs.source(env.rootfsDir());
    if (built != null) return Finding.ok("rootfs", env.rootfsDir() + ": " + built);
    if (onPath("busybox")) return Finding.ok("rootfs", "not built yet; will use busybox on PATH");
    boolean lists = hasAptLists();
    if (lists)
      return Finding.ok(
          "rootfs", "not built yet; will download Debian's busybox-static (not installed)");
    return Finding.warn(
        "rootfs",
        "not built yet, and no apt package lists to fetch busybox-static: the host's own "
            + "binaries will be copied (larger)",
        "sudo apt-get update");
  }

  private Finding tools() {
    List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
    if (missing.isEmpty()) return Finding.ok("tools", String.join(" ", TOOLS));
    Path cache = env.rootfsDir().getParent();
    List<String> standIn = missing.stream().filter(t -> Applets.standsIn(cache, t)).toList();
    List<String> absent = missing.stream().filter(t -> !standIn.contains(t)).toList();
    String msg =
        "missing: "
            + String.join(" ", missing)
            + (standIn.isEmpty()
                ? ""
                : "; busybox's applets stand in for " + String.join(" ", standIn));
    if (absent.isEmpty()) return Finding.ok("tools", msg);
    return Finding.warn("tools", msg, "sudo apt-get install " + packagesFor(absent));
  }

  /** The Debian packages that install {@code tools}, space-separated. */
  private static String packagesFor(List<String> tools) {
    return tools.stream()
        .map(t -> Applets.PACKAGES.getOrDefault(t, t))
        .distinct()
        .collect(Collectors.joining(" "));
  }

  private static Finding jna() {
    String tmp = System.getProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
    boolean noexec = mountOptionsOf(Path.of(tmp)).contains("noexec");
    String where = "libc through JNA " + NativeWarmup.jnaVersion();
    if (noexec) {
      return Finding.warn(
          "jna",
          where + "; " + tmp + " is mounted noexec, so a JNA that is not installed may fail",
          "java -Djna.tmpdir=DIR with DIR on an exec filesystem");
    }
    return Finding.ok("jna", where + "; temp dir " + tmp + " allows exec");
  }

  private static String mountOptionsOf(Path dir) {
    String best = "", options = "";
    for (String line : read("/proc/self/mountinfo").split("\n")) {
      String[] f = line.split(" ");
      if (f.length > 5 && dir.toAbsolutePath().startsWith(f[4]) && f[4].length() >= best.length()) {
        best = f[4];
        options = f[5];
      }
    }
    return options;
  }

  private static boolean hasAptLists() {
    try (var files = Files.list(Path.of("/var/lib/apt/lists"))) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith("_Packages"));
    } catch (IOException e) {
      return false;
    }
  }

  static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
