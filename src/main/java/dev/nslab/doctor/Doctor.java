package dev.nslab.doctor;

import dev.nslab.lab.Cgroups;
import dev.nslab.lab.Errno;
import dev.nslab.lab.Explanations;
import dev.nslab.lab.KernelRelease;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Rootfs;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Needs;
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
  private static final List<String> TOOLS = List.of("ip", "ping", "ps", "nsenter", "setpriv", "ipcs", "findmnt");

  private final LabEnvironment env;
  private final Map<Namespace, Syscall> namespaces;
  private final Cgroups.Layout cgroups = Cgroups.detect();

  public Doctor(LabEnvironment env) {
    this.env = env;
    this.namespaces = NamespaceProbe.run();
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

  /** Lesson id to the reason it cannot run here, for the lessons that cannot. */
  public Map<String, String> blockedLessons(List<Lesson> lessons) {
    Map<String, String> blocked = new LinkedHashMap<>();
    for (Lesson l : lessons) why(l).ifPresent(reason -> blocked.put(l.id(), reason));
    return blocked;
  }

  private Optional<String> why(Lesson lesson) {
    if (lesson.needs() == Needs.ROOT && !Privileges.hostRoot()) return Optional.of("needs root on the host (sudo ./nslab)");
    List<Namespace> missing = lesson.steps().stream().flatMap(s -> s.actions().stream())
        .flatMap(a -> a instanceof Action.Unshare u ? u.namespaces().stream()
            : a instanceof Action.Clone c ? c.namespaces().stream() : java.util.stream.Stream.empty())
        .distinct().filter(ns -> namespaces.get(ns).failed()).toList();
    if (!missing.isEmpty()) {
      return Optional.of("this kernel will not create " + missing.stream().map(n -> n.id).collect(Collectors.joining(", "))
          + " namespaces for you");
    }
    boolean usesCgroups = lesson.steps().stream().flatMap(s -> s.actions().stream()).anyMatch(a -> a instanceof Action.Cgroup);
    if (usesCgroups && (cgroups.pids() == null || cgroups.memory() == null)) {
      return Optional.of("needs the pids and memory cgroup controllers");
    }
    return Optional.empty();
  }

  private static Finding kernel() {
    KernelRelease k = KernelRelease.running();
    String proc = k.procPidnsOption() ? "proc takes pidns=" : "no pidns= for proc (6.15): nslab mounts proc from inside the PID namespace";
    return Finding.ok("kernel", "Linux " + k.text() + "; " + proc);
  }

  private static Finding privileges() {
    if (Privileges.hostRoot()) return Finding.ok("privileges", "root on the host: every lesson can run");
    var uid = Privileges.rootlessUid();
    if (uid.isPresent()) {
      return Finding.warn("privileges", "uid " + uid.getAsInt() + ", in a user namespace of nslab's own: every lesson "
          + "but those that need root on the host", "sudo ./nslab for the cgroup and container lessons");
    }
    if (Privileges.root()) return Finding.ok("privileges", "root in a user namespace");
    return Finding.fail("privileges", "unprivileged, and nslab could not enter a user namespace of its own",
        "sudo ./nslab, or allow unprivileged user namespaces (see below)");
  }

  private Finding namespaceTypes() {
    List<String> ok = new ArrayList<>(), refused = new ArrayList<>();
    for (var e : namespaces.entrySet()) {
      if (e.getValue().failed()) refused.add(e.getKey().id + " (" + Errno.name(e.getValue().errno()) + ")");
      else ok.add(e.getKey().id);
    }
    if (refused.isEmpty()) return Finding.ok("namespaces", "all 8 types created and released: " + String.join(" ", ok));
    Syscall first = namespaces.values().stream().filter(Syscall::failed).findFirst().orElseThrow();
    return Finding.fail("namespaces", "created: " + (ok.isEmpty() ? "none" : String.join(" ", ok)) + "; refused: "
        + String.join(", ", refused), Explanations.of(first));
  }

  /** The kernel settings that decide whether an unprivileged user may create user namespaces. */
  private Optional<Finding> userNamespaceSettings() {
    List<String> problems = new ArrayList<>();
    if ("0".equals(read("/proc/sys/user/max_user_namespaces"))) problems.add("user.max_user_namespaces=0");
    if ("0".equals(read("/proc/sys/kernel/unprivileged_userns_clone"))) problems.add("kernel.unprivileged_userns_clone=0");
    if ("1".equals(read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"))) {
      problems.add("kernel.apparmor_restrict_unprivileged_userns=1");
    }
    if (problems.isEmpty()) {
      return Optional.of(Finding.ok("user namespaces", "unprivileged users may create them (rootless nslab works)"));
    }
    Finding.Status status = Privileges.hostRoot() ? Finding.Status.WARN : Finding.Status.FAIL;
    return Optional.of(new Finding(status, "user namespaces", "refused to unprivileged users: " + String.join(", ", problems),
        "as root: sysctl -w " + problems.stream().map(p -> p.endsWith("=0") ? p.replace("=0", "=1")
            : p.replace("=1", "=0")).collect(Collectors.joining(" "))
            + " (or run nslab with sudo)"));
  }

  private Finding cgroupLayout() {
    String found = cgroups.describe() + "; pids " + (cgroups.pids() != null ? "yes" : "no") + ", memory "
        + (cgroups.memory() != null ? "yes" : "no");
    if (cgroups.pids() != null && cgroups.memory() != null) return Finding.ok("cgroups", found);
    return Finding.warn("cgroups", found, cgroups.v2()
        ? "as root: echo '+pids +memory' > /sys/fs/cgroup/cgroup.subtree_control"
        : "a kernel and init system with the pids and memory controllers");
  }

  private Finding rootfs() {
    String built = Rootfs.source(env.rootfsDir());
    if (built != null) return Finding.ok("rootfs", env.rootfsDir() + ": " + built);
    if (onPath("busybox")) return Finding.ok("rootfs", "not built yet; will use busybox on PATH");
    boolean lists = hasAptLists();
    if (lists) return Finding.ok("rootfs", "not built yet; will download Debian's busybox-static (not installed)");
    return Finding.warn("rootfs", "not built yet, and no apt package lists to fetch busybox-static: the host's own "
        + "binaries will be copied (larger)", "sudo apt-get update");
  }

  private static Finding tools() {
    List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
    if (missing.isEmpty()) return Finding.ok("tools", String.join(" ", TOOLS));
    return Finding.warn("tools", "missing: " + String.join(" ", missing),
        "sudo apt-get install iproute2 iputils-ping procps util-linux");
  }

  private static Finding jna() {
    String tmp = System.getProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
    boolean noexec = mountOptionsOf(Path.of(tmp)).contains("noexec");
    String where = "libc through JNA " + com.sun.jna.Native.VERSION;
    if (noexec) {
      return Finding.warn("jna", where + "; " + tmp + " is mounted noexec, so a JNA that is not installed may fail",
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
