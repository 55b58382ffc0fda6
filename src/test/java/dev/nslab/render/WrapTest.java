package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/**
 * How nslab's text meets the terminal's edge: at spaces, never inside a word, a command or a path.
 */
class WrapTest {
  @Test
  void linesBreakAtSpacesAndContinuationLinesAreIndentedPastTheLine() {
    assertThat(print(30, "  ✓ the host's hostname is still the-build-server-of-the-lab"))
        .isEqualTo(
            """
              ✓ the host's hostname is
                still
                the-build-server-of-the-lab
            """);
  }

  @Test
  void aCommandOrPathLongerThanTheLineStandsAloneAndWhole() {
    String path = "/sys/fs/cgroup/nslab-12345-1/pids.max";
    assertThat(print(24, "  write 5 to " + path + " now"))
        .isEqualTo("  write 5 to\n    " + path + "\n    now\n");
  }

  @Test
  void aLineThatFitsIsLeftAlone() {
    assertThat(print(80, "    lab:   two  spaces kept")).isEqualTo("    lab:   two  spaces kept\n");
  }

  @Test
  void doctorStyleTextKeepsItsColumn() {
    StringWriter out = new StringWriter();
    new Screen(new PrintWriter(out), false, null, 50)
        .println(
            new AttributedString("  ok    kernel           pids yes, memory yes, cpu yes, io yes"),
            25);
    assertThat(out.toString())
        .isEqualTo(
            """
          ok    kernel           pids yes, memory yes, cpu
                                 yes, io yes
        """);
  }

  @Test
  void proseFromALessonIsReflowedSoTheScreenWrapsItNotTheAuthorsEditor() {
    assertThat(
            Wrap.reflow(
                "unshare gives the lab\na stack of its own.\n\nThen:\n- one\n- two\n  indented"))
        .containsExactly(
            "unshare gives the lab a stack of its own.",
            "",
            "Then:",
            "- one",
            "- two",
            "  indented");
  }

  @Test
  void cutMarksWhatItLeftOut() {
    assertThat(Wrap.cut("eth0 UP 02:fc:00:00:00:01 <BROADCAST,MULTICAST,UP>", 20))
        .isEqualTo("eth0 UP 02:fc:00:00…")
        .satisfies(s -> assertThat(Wrap.columns(s)).isEqualTo(20));
  }

  private static String print(int width, String line) {
    StringWriter out = new StringWriter();
    new Screen(new PrintWriter(out), false, null, width).println(line);
    return out.toString();
  }
}
