package dev.nslab.lab;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a path a lesson writes to (or makes a directory in) belongs to the lab. Only four
 * things do: a file system the lab mounted itself (a tmpfs, or an overlay whose upper layer is
 * one), the /proc files that configure the lab's own processes, the sysctls of namespaces the lab
 * owns, and the lab's cgroups. The path is resolved as the lab thread sees it, symlinks followed to
 * where they really lead; a symlink as the last component is refused outright.
 */
final class OwnedPaths {
  private static final Pattern PROC_FILE =
      Pattern.compile(
          "(\\d+)(?:/task/(\\d+))?/(uid_map|gid_map|setgroups|timens_offsets|projid_map)");
  private static final Set<String> IPC_SYSCTLS =
      Set.of(
          "msgmax",
          "msgmnb",
          "msgmni",
          "shmmax",
          "shmall",
          "shmmni",
          "shm_rmid_forced",
          "sem",
          "msg_next_id",
          "sem_next_id",
          "shm_next_id");

  /** What the guard needs to know about the lab at this moment. */
  record LabView(
      MountTable mounts, Set<Integer> pids, Set<Namespace> own, Set<String> cgroupDirs) {}

  private final LabView lab;
  private final MountTable host = MountTable.host();

  OwnedPaths(LabView lab) {
    this.lab = lab;
  }

  /** Why the lab may not write at this resolved absolute path, or empty when it may. */
  Optional<String> refusal(String resolved) {
    Optional<MountTable.Entry> on = lab.mounts().containing(resolved);
    if (on.isEmpty()) return Optional.of(resolved + " is on no mount the lab can see");
    MountTable.Entry m = on.get();
    for (String dir : lab.cgroupDirs()) {
      if (resolved.equals(dir) || resolved.startsWith(dir + "/")) return Optional.empty();
    }
    return switch (m.fstype()) {
      case "proc" -> proc(resolved, relative(resolved, m.mountPoint()), m);
      case "tmpfs", "ramfs" ->
          madeByLab(m)
              ? Optional.empty()
              : Optional.of(resolved + " is on the host's " + m.fstype() + " at " + m.mountPoint());
      case "overlay" -> overlay(resolved, m);
      case "cgroup", "cgroup2" -> Optional.of(resolved + " is a cgroup the lab did not make");
      default ->
          Optional.of(
              resolved
                  + " is on the host's file system ("
                  + m.fstype()
                  + " at "
                  + m.mountPoint()
                  + ")");
    };
  }

  private boolean madeByLab(MountTable.Entry m) {
    return !host.devices().contains(m.device());
  }

  private Optional<String> overlay(String resolved, MountTable.Entry m) {
    String upper = m.option("upperdir").orElse(null);
    if (upper == null) return Optional.of(resolved + " is on a read-only overlay");
    Optional<MountTable.Entry> upperMount = lab.mounts().containing(upper);
    if (madeByLab(m)
        && upperMount.isPresent()
        && upperMount.get().fstype().equals("tmpfs")
        && madeByLab(upperMount.get())) {
      return Optional.empty();
    }
    return Optional.of(
        resolved + " is on an overlay whose writes land on the host (upperdir " + upper + ")");
  }

  private Optional<String> proc(String resolved, String rel, MountTable.Entry m) {
    if (rel.startsWith("sys/")) return sysctl(resolved, rel.substring(4));
    Matcher f = PROC_FILE.matcher(rel);
    if (f.matches()) {
      if (!hostProc(m))
        return Optional.of(
            resolved + " is in a /proc of another PID namespace: name the process by its host PID");
      int pid = Integer.parseInt(f.group(2) != null ? f.group(2) : f.group(1));
      if (lab.pids().contains(pid)) return Optional.empty();
      return Optional.of(resolved + " configures process " + pid + ", which is not the lab's");
    }
    return Optional.of(resolved + " is a /proc file the lab does not own");
  }

  /** Whether this proc shows the host's PIDs: the same superblock as the JVM's /proc. */
  private boolean hostProc(MountTable.Entry m) {
    return host.containing("/proc").map(h -> h.device().equals(m.device())).orElse(false);
  }

  private Optional<String> sysctl(String resolved, String name) {
    Namespace needed = null;
    if (name.equals("kernel/hostname") || name.equals("kernel/domainname")) needed = Namespace.UTS;
    else if (name.startsWith("net/")) needed = Namespace.NET;
    else if (name.startsWith("fs/mqueue/")
        || name.startsWith("kernel/") && IPC_SYSCTLS.contains(name.substring(7))) {
      needed = Namespace.IPC;
    }
    if (needed == null)
      return Optional.of(resolved + " is a setting of the whole machine, not of a namespace");
    if (lab.own().contains(needed)) return Optional.empty();
    return Optional.of(
        resolved
            + " belongs to the "
            + needed.id
            + " namespace, which the lab still shares with the host");
  }

  private static String relative(String path, String mountPoint) {
    if (path.equals(mountPoint)) return "";
    return mountPoint.equals("/") ? path.substring(1) : path.substring(mountPoint.length() + 1);
  }
}
