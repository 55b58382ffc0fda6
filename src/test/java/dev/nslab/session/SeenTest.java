package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values under a failed check: quoted on one line, or each line on its own, cut after a few. */
class SeenTest {

  @Test
  void oneLineIsQuotedSoItsSpacesShow() {
    assertThat(Seen.value("saw", " x ")).containsExactly("saw \" x \"");
  }

  @Test
  void nothingIsSaidInWords() {
    assertThat(Seen.value("saw", "")).containsExactly("saw nothing");
  }

  @Test
  void severalLinesStandEachOnItsOwnLineAndALongValueIsCut() {
    assertThat(Seen.value("saw", "a\nb")).containsExactly("saw:", "  a", "  b");
    assertThat(Seen.value("saw", "1\n2\n3\n4\n5"))
        .containsExactly("saw:", "  1", "  2", "  3", "  4", "  5");
    assertThat(Seen.value("saw", "1\n2\n3\n4\n5\n6\n7"))
        .containsExactly("saw:", "  1", "  2", "  3", "  4", "  … 3 more lines");
    assertThat(Seen.value("saw", "x".repeat(100)).get(0))
        .isEqualTo("saw \"" + "x".repeat(72) + "…\"");
  }
}
