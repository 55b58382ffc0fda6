package dev.nslab.session;

import java.util.ArrayList;
import java.util.List;

/**
 * A value as the learner must see it to compare it with the claim: one line in quotes (a space at
 * its end shows), several lines each on its own line under the label, long ones cut.
 */
final class Seen {
  /** Of a longer value, this many lines, then how many more. */
  static final int LINES = 4;

  static final int WIDTH = 72;

  private Seen() {}

  /** {@code saw "x"}, {@code saw nothing}, or {@code saw:} and the lines indented. */
  static List<String> value(String label, String value) {
    if (value.isEmpty()) return List.of(label + " nothing");
    List<String> lines = value.lines().toList();
    if (lines.size() == 1) return List.of(label + " " + quoted(lines.get(0)));
    List<String> out = new ArrayList<>();
    out.add(label + ":");
    int keep = lines.size() <= LINES + 1 ? lines.size() : LINES;
    for (String line : lines.subList(0, keep)) out.add("  " + cut(line));
    if (keep < lines.size()) out.add("  … " + (lines.size() - keep) + " more lines");
    return out;
  }

  static String quoted(String line) {
    return "\"" + cut(line) + "\"";
  }

  private static String cut(String line) {
    return line.length() > WIDTH ? line.substring(0, WIDTH) + "…" : line;
  }
}
