package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A task's mounts, from /proc/TID/mountinfo: mount points are as that task sees them (its root).
 */
record MountTable(List<Entry> entries) {

  /**
   * One line of mountinfo: which superblock (device), where, what type, its options, whether
   * shared.
   */
  record Entry(
      String device,
      String mountPoint,
      String fstype,
      String source,
      String superOptions,
      boolean shared) {
    /** An option of the superblock, like upperdir of an overlay; empty when absent. */
    Optional<String> option(String name) {
      for (String o : superOptions.split(",")) {
        if (o.startsWith(name + "=")) return Optional.of(o.substring(name.length() + 1));
      }
      return Optional.empty();
    }
  }

  static MountTable of(Path mountinfo) {
    List<Entry> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(mountinfo)) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        if (dash < 6 || dash + 1 >= f.length) continue;
        boolean shared = false;
        for (int i = 6; i < dash; i++) shared |= f[i].startsWith("shared:");
        out.add(
            new Entry(
                f[2],
                unescape(f[4]),
                f[dash + 1],
                dash + 2 < f.length ? unescape(f[dash + 2]) : "",
                dash + 3 < f.length ? f[dash + 3] : "",
                shared));
      }
    } catch (IOException e) {
      // the task is gone: no mounts
    }
    return new MountTable(out);
  }

  /** The host's mounts: those of the JVM's main thread, which never changes namespace. */
  static MountTable host() {
    return of(Path.of("/proc/self/mountinfo"));
  }

  /**
   * The mount an absolute path is on: the last-mounted one with the longest matching mount point.
   */
  Optional<Entry> containing(String absolutePath) {
    Entry best = null;
    for (Entry e : entries) {
      String mp = e.mountPoint();
      boolean under =
          absolutePath.equals(mp) || mp.equals("/") || absolutePath.startsWith(mp + "/");
      if (under && (best == null || mp.length() >= best.mountPoint().length())) best = e;
    }
    return Optional.ofNullable(best);
  }

  Set<String> devices() {
    return entries.stream().map(Entry::device).collect(Collectors.toSet());
  }

  boolean anyShared() {
    return entries.stream().anyMatch(Entry::shared);
  }

  /** mountinfo writes space, tab, newline and backslash as octal escapes. */
  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() + 0 && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
