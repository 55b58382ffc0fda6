package dev.nslab.bench;

import dev.nslab.lab.KernelRelease;
import dev.nslab.render.Screen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The bench's rows as the table a person reads, or as JSON to compare across changes. */
final class BenchReport {
  private BenchReport() {}

  /** The line above the table: what machine, under what load, the figures come from. */
  static void header(Screen screen, int runs) {
    screen.println(
        Screen.TITLE,
        "nslab bench: "
            + runs
            + " runs, Linux "
            + KernelRelease.running().text()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, Java "
            + Runtime.version()
            + ", load "
            + loadAverage());
  }

  static void table(Screen screen, List<Row> rows) {
    screen.println();
    screen.println(
        String.format("  %-72s %10s  %-8s %8s  %s", "what", "nslab", "yardstick", "ratio", "goal"));
    for (Row r : rows) {
      String value = Double.isNaN(r.value()) ? "-" : String.format("%.2f %s", r.value(), r.unit());
      String yard =
          Double.isNaN(r.yardstick()) ? "-" : String.format("%.2f %s", r.yardstick(), r.unit());
      String ratio = Double.isNaN(r.ratio()) ? "-" : String.format("%.2fx", r.ratio());
      String verdict = r.met() == null ? "" : r.met() ? "  met" : "  NOT MET";
      String what = r.what().length() > 72 ? r.what().substring(0, 71) + "…" : r.what();
      screen.println(
          String.format(
              "  %-72s %10s  %-8s %8s  %s%s", what, value, yard, ratio, r.goal(), verdict));
      String note =
          r.detail() + (r.yardstickName().isEmpty() ? "" : "; yardstick: " + r.yardstickName());
      screen.println(Screen.DIM, "      " + note);
    }
  }

  static void json(Screen screen, List<Row> rows) {
    StringBuilder b =
        new StringBuilder("{\n  \"kernel\": ")
            .append(quoted(KernelRelease.running().text()))
            .append(",\n  \"java\": ")
            .append(quoted(Runtime.version().toString()))
            .append(",\n  \"cpus\": ")
            .append(Runtime.getRuntime().availableProcessors())
            .append(",\n  \"load\": ")
            .append(quoted(loadAverage()))
            .append(",\n  \"rows\": [");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      b.append(i == 0 ? "\n" : ",\n")
          .append("    {\"what\": ")
          .append(quoted(r.what()))
          .append(", \"value\": ")
          .append(num(r.value()))
          .append(", \"unit\": ")
          .append(quoted(r.unit()))
          .append(", \"detail\": ")
          .append(quoted(r.detail()))
          .append(", \"yardstick\": ")
          .append(num(r.yardstick()))
          .append(", \"yardstick_name\": ")
          .append(quoted(r.yardstickName()))
          .append(", \"ratio\": ")
          .append(num(r.ratio()))
          .append(", \"goal\": ")
          .append(quoted(r.goal()))
          .append(", \"met\": ")
          .append(r.met() == null ? "null" : r.met().toString())
          .append('}');
    }
    b.append("\n  ]\n}");
    screen.println(b.toString());
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
