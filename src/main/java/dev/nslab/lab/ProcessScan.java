package dev.nslab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a lab's processes in /proc: this JVM's descendants that are in at least one namespace the
 * host is not (a host-side command nslab runs for comparison is not part of the lab). Read from the
 * kernel only, so it shows what {@code ps} inside could not: both PIDs at once.
 */
public final class ProcessScan {
  private ProcessScan() {}

  public static List<LabProcess> of(Map<Namespace, Long> host) {
    int self = (int) ProcessHandle.current().pid();
    Map<Integer, LabProcess> all = new HashMap<>();
    try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
      dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(d -> read(d).ifPresent(p -> all.put(p.pid(), p)));
    } catch (IOException e) {
      return List.of();
    }
    // Unprivileged, the host observer is nslab's child in namespaces not nslab's (the initial
    // ones): it and the commands it runs are the host column, not the lab.
    int observer = HostObserver.current().map(HostObserver::pid).orElse(-1);
    List<LabProcess> out = new ArrayList<>();
    for (LabProcess p : all.values()) {
      if (p.pid() == observer || descends(p, observer, all)) continue;
      if (descends(p, self, all) && !namespacesOf(p.namespaces()).equals(namespacesOf(host)))
        out.add(p);
    }
    out.sort(Comparator.comparingInt(LabProcess::pid));
    return out;
  }

  /** The namespaces of one thread of this JVM: the lab thread's own. */
  public static Map<Namespace, Long> threadNamespaces(int tid) {
    return Procfs.namespaces(Path.of("/proc/self/task/" + tid + "/ns"));
  }

  private static Map<Namespace, Long> namespacesOf(Map<Namespace, Long> m) {
    return new EnumMap<>(m);
  }

  private static boolean descends(LabProcess p, int ancestor, Map<Integer, LabProcess> all) {
    LabProcess at = p;
    for (int hops = 0; at != null && hops < 64; hops++) {
      if (at.ppid() == ancestor) return true;
      at = all.get(at.ppid());
    }
    return false;
  }

  private static Optional<LabProcess> read(Path dir) {
    try {
      int ppid = -1, inner = -1;
      boolean zombie = false;
      for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("PPid:")) ppid = Integer.parseInt(line.substring(5).strip());
        if (line.startsWith("NSpid:")) {
          String[] ids = line.substring(6).strip().split("\\s+");
          inner = Integer.parseInt(ids[ids.length - 1]);
        }
        if (line.startsWith("State:")) zombie = line.contains("Z");
      }
      if (zombie) return Optional.empty();
      int pid = Integer.parseInt(dir.getFileName().toString());
      byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
      String command = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
      if (command.isEmpty()) command = "[" + Files.readString(dir.resolve("comm")).strip() + "]";
      return Optional.of(
          new LabProcess(
              pid, ppid, inner < 0 ? pid : inner, command, Procfs.namespaces(dir.resolve("ns"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // it ended while we looked
    }
  }
}
