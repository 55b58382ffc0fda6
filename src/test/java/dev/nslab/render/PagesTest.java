package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How present cuts a step longer than the screen into pages. */
class PagesTest {
  @Test
  void aBlockStartsTheNextPageWholeRatherThanStraddlingTwo() {
    List<String> step =
        List.of("header", "narration", "", "  $ echo $$", "    lab:", "      1", "", "  ✓ a check");
    assertThat(Pages.split(step, 6, 80))
        .containsExactly(
            List.of("header", "narration", "", "  $ echo $$", "    lab:", "      1"),
            List.of("  ✓ a check"));
    assertThat(Pages.split(step, 5, 80))
        .containsExactly(
            List.of("header", "narration", ""),
            List.of("  $ echo $$", "    lab:", "      1", "", "  ✓ a check"));
  }

  @Test
  void aLineWiderThanTheTerminalCountsForTheRowsItTakes() {
    assertThat(Pages.split(List.of("x".repeat(100), "a", "b"), 3, 80))
        .containsExactly(List.of("x".repeat(100), "a"), List.of("b"));
  }

  @Test
  void theBarsFillTheWidthAndCutTheLeftPartFirst() {
    assertThat(Pages.bar(" nslab · a long lesson title", "step 3/7 ", 30).toString())
        .isEqualTo(" nslab · a long les… step 3/7 ")
        .hasSize(30);
  }
}
