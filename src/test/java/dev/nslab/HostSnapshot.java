package dev.nslab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a learner's machine must look like again after nslab: the host's hostname, mounts, network
 * interfaces, SysV IPC objects, nslab cgroups, nslab processes and nslab temp files, read from the
 * kernel.
 */
public record HostSnapshot(
    String hostname,
    List<String> mounts,
    Set<String> links,
    List<String> ipc,
    Set<String> cgroups,
    Set<String> processes,
    Set<String> tempFiles) {

  public static HostSnapshot take() {
    return new HostSnapshot(
        read("/proc/sys/kernel/hostname"),
        read("/proc/self/mountinfo").lines().map(HostSnapshot::mountPoint).sorted().toList(),
        list(Path.of("/sys/class/net")),
        Stream.of("msg", "shm", "sem")
            .map(t -> t + ":" + read("/proc/sysvipc/" + t).lines().skip(1).count())
            .toList(),
        nslabCgroups(),
        nslabProcesses(),
        nslabTempFiles());
  }

  private static Set<String> nslabTempFiles() {
    Set<String> out = new TreeSet<>();
    for (String dir :
        new TreeSet<>(
            List.of(
                "/tmp", Path.of(System.getProperty("java.io.tmpdir")).normalize().toString()))) {
      list(Path.of(dir)).stream()
          .filter(f -> f.contains("nslab"))
          .forEach(f -> out.add(dir + "/" + f));
    }
    return out;
  }

  private static String mountPoint(String mountinfoLine) {
    String[] f = mountinfoLine.split(" ");
    return f[4] + " " + f[f.length - 3 > 6 ? 8 : 7]; // mount point and fstype, not ids that change
  }

  private static Set<String> nslabCgroups() {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 3)) {
      s.filter(p -> p.getFileName() != null && p.getFileName().toString().contains("nslab"))
          .forEach(p -> out.add(p.toString()));
    } catch (IOException | RuntimeException e) {
      // no cgroup fs: nothing to compare
    }
    return out;
  }

  /**
   * nslab's helpers by name, and the {@code sleep}s lessons start, when they live in a lab: in a
   * namespace other than ours or an nslab cgroup. A {@code sleep} of someone's shell on the same
   * machine is not nslab's and does not count.
   */
  private static Set<String> nslabProcesses() {
    Set<String> out = new TreeSet<>();
    for (String pid : list(Path.of("/proc"))) {
      if (!pid.matches("\\d+")) continue;
      String cmd = read("/proc/" + pid + "/cmdline").replace('\0', ' ');
      boolean helper = cmd.contains("nslab-init") || cmd.contains("nslab-cgroup-watch");
      boolean labSleep =
          cmd.startsWith("sleep ")
              && !read("/proc/" + pid + "/stat").contains(") Z")
              && (inOtherNamespace(pid) || read("/proc/" + pid + "/cgroup").contains("nslab"));
      if (helper || labSleep) out.add(pid + " " + cmd.strip());
    }
    return out;
  }

  private static boolean inOtherNamespace(String pid) {
    for (String ns : list(Path.of("/proc/self/ns"))) {
      try {
        Path ours = Files.readSymbolicLink(Path.of("/proc/self/ns", ns));
        if (!ours.equals(Files.readSymbolicLink(Path.of("/proc", pid, "ns", ns)))) return true;
      } catch (IOException e) {
        // gone, or not ours to read: decided by its cgroup
      }
    }
    return false;
  }

  private static Set<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    } catch (IOException e) {
      return Set.of();
    }
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path)).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
