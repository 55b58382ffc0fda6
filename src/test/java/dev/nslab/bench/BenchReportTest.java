package dev.nslab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.render.Screen;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The bench's report: a figure that was not measured is "-" and null, never 0 or NaN. */
class BenchReportTest {
  private static final List<Row> ROWS =
      List.of(
          new Row(
              "full lab",
              12.345,
              "ms",
              "p95 13 ms",
              10,
              "util-linux \"unshare\"",
              1.25,
              "<= 1.5x",
              true),
          new Row(
              "one rootless learner",
              Double.NaN,
              "MiB",
              "not measured",
              Double.NaN,
              "",
              Double.NaN,
              "<= 64 MiB",
              null));

  @Test
  void theTableShowsEachRowWithItsVerdictAndADashWhereNothingWasMeasured() {
    assertThat(render(s -> BenchReport.table(s, ROWS)))
        .isEqualTo(
            String.join(
                "\n",
                "",
                String.format(
                    "  %-72s %10s  %-8s %8s  %s", "what", "nslab", "yardstick", "ratio", "goal"),
                String.format(
                    "  %-72s %10s  %-8s %8s  %s",
                    "full lab", "12.35 ms", "10.00 ms", "1.25x", "<= 1.5x  met"),
                "      p95 13 ms; yardstick: util-linux \"unshare\"",
                String.format(
                    "  %-72s %10s  %-8s %8s  %s",
                    "one rootless learner", "-", "-", "-", "<= 64 MiB"),
                "      not measured",
                ""));
  }

  @Test
  void jsonRowsAreEscapedAndWhatWasNotMeasuredIsNull() {
    String json = render(s -> BenchReport.json(s, ROWS));
    assertThat(json.substring(json.indexOf("\"rows\"")))
        .isEqualTo(
            String.join(
                "\n",
                "\"rows\": [",
                "    {\"what\": \"full lab\", \"value\": 12.345, \"unit\": \"ms\", \"detail\": \"p95 13 ms\", \"yardstick\":"
                    + " 10.000, \"yardstick_name\": \"util-linux \\\"unshare\\\"\", \"ratio\": 1.250, \"goal\": \"<= 1.5x\","
                    + " \"met\": true},",
                "    {\"what\": \"one rootless learner\", \"value\": null, \"unit\": \"MiB\", \"detail\": \"not measured\","
                    + " \"yardstick\": null, \"yardstick_name\": \"\", \"ratio\": null, \"goal\": \"<= 64 MiB\", \"met\": null}",
                "  ]",
                "}",
                ""));
  }

  private static String render(Consumer<Screen> report) {
    StringWriter out = new StringWriter();
    Screen screen = new Screen(new PrintWriter(out), false);
    report.accept(screen);
    return out.toString();
  }
}
