package dev.nslab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The eight namespace types of Linux, in the order {@code ls /proc/self/ns} lists them. */
public enum Namespace {
  CGROUP(0x02000000, "cgroup"),
  IPC(0x08000000, "ipc"),
  MNT(0x00020000, "mnt"),
  NET(0x40000000, "net"),
  PID(0x20000000, "pid"),
  TIME(0x00000080, "time"),
  USER(0x10000000, "user"),
  UTS(0x04000000, "uts");

  /**
   * The names of the namespace types in which {@code mine} differs from {@code host}, in {@code
   * /proc/self/ns} order; a type the kernel lacks (inode 0) never counts.
   */
  public static List<String> apartFrom(Map<Namespace, Long> host, Map<Namespace, Long> mine) {
    return Arrays.stream(values())
        .filter(n -> mine.get(n) != null && mine.get(n) != 0 && !mine.get(n).equals(host.get(n)))
        .map(n -> n.id)
        .toList();
  }

  /** The CLONE_NEW* flag. */
  public final int flag;

  /** The name under /proc/PID/ns, and the name lessons use. */
  public final String id;

  Namespace(int flag, String id) {
    this.flag = flag;
    this.id = id;
  }

  /**
   * The C constant, e.g. CLONE_NEWUTS (the mount namespace's is CLONE_NEWNS, for history's sake).
   */
  public String cloneFlag() {
    return this == MNT ? "CLONE_NEWNS" : "CLONE_NEW" + id.toUpperCase(Locale.ROOT);
  }

  /**
   * The /proc/PID/ns entry a process started in the lab would be in. unshare(CLONE_NEWPID) and
   * (CLONE_NEWTIME) move only the caller's future children, so their *_for_children entry is what
   * the lab means.
   */
  public String procEntryForChildren() {
    return this == PID || this == TIME ? id + "_for_children" : id;
  }

  public static Optional<Namespace> byId(String id) {
    return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(n -> n.id).toList();
  }

  public static int flags(Iterable<Namespace> namespaces) {
    int flags = 0;
    for (Namespace n : namespaces) flags |= n.flag;
    return flags;
  }

  /** Renders flags the way C would spell them: CLONE_NEWUTS|CLONE_NEWPID. */
  public static String flagNames(Iterable<Namespace> namespaces) {
    StringBuilder sb = new StringBuilder();
    for (Namespace n : namespaces) sb.append(sb.isEmpty() ? "" : "|").append(n.cloneFlag());
    return sb.isEmpty() ? "0" : sb.toString();
  }
}
