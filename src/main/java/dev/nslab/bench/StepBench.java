package dev.nslab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nslab's own time per step: what `play uts --timings` reports beside the kernel's and the
 * commands'.
 */
final class StepBench {
  private static final String WHAT =
      "nslab's own time per step (`play uts --timings`, after step 1)";
  private static final String GOAL = "< 1 ms median, < 5 ms max";

  /** A row of the --timings table: step number and title, then total, commands, nslab, render. */
  private static final Pattern STEP =
      Pattern.compile("^\\s+(\\d+) .*?\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s*$");

  private StepBench() {}

  /**
   * `play uts --no-pause --timings` five times: the median of the plays' medians and maxima, steps
   * 2 and later.
   */
  static Row measure(Launcher launcher) {
    List<Double> medians = new ArrayList<>(), maxima = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String out =
          launcher.output(
              launcher.nslab("--no-color", "play", "uts", "--no-pause", "--timings"), "");
      List<Double> own = new ArrayList<>();
      for (String line : out.split("\n")) {
        Matcher m = STEP.matcher(line);
        if (m.matches() && Integer.parseInt(m.group(1)) > 1)
          own.add(Double.parseDouble(m.group(4))); // nslab
      }
      if (own.isEmpty()) continue;
      own.sort(Comparator.naturalOrder());
      medians.add(own.get(own.size() / 2));
      maxima.add(own.get(own.size() - 1));
    }
    if (medians.isEmpty()) {
      return new Row(
          WHAT, Double.NaN, "ms", "play uts failed here", Double.NaN, "", Double.NaN, GOAL, null);
    }
    medians.sort(Comparator.naturalOrder());
    maxima.sort(Comparator.naturalOrder());
    double median = medians.get(medians.size() / 2), max = maxima.get(maxima.size() / 2);
    return new Row(
        WHAT,
        median,
        "ms",
        String.format("max %.2f ms (medians of %d plays)", max, medians.size()),
        Double.NaN,
        "",
        Double.NaN,
        GOAL,
        median < 1 && max < 5);
  }
}
