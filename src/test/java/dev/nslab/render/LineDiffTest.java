package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.render.LineDiff.Kind;
import dev.nslab.render.LineDiff.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What went away is shown where it was; what stayed is never marked. */
class LineDiffTest {

  @Test
  void aRemovedLineStaysInPlaceMarkedRemoved() {
    assertThat(LineDiff.of(List.of("/", "/mnt", "/proc"), List.of("/", "/proc")))
        .containsExactly(
            new Line(Kind.KEPT, "/"), new Line(Kind.REMOVED, "/mnt"), new Line(Kind.KEPT, "/proc"));
  }

  @Test
  void aChangedValueIsTheOldOneRemovedAndTheNewOneAdded() {
    assertThat(LineDiff.of(List.of("uts:[1]"), List.of("uts:[2]")))
        .containsExactly(new Line(Kind.REMOVED, "uts:[1]"), new Line(Kind.ADDED, "uts:[2]"));
  }

  @Test
  void anUnchangedOutputIsAllKept() {
    assertThat(LineDiff.of(List.of("a", "b"), List.of("a", "b")))
        .extracting(Line::kind)
        .containsOnly(Kind.KEPT);
  }

  @Test
  void linesMovedAroundAddedAndRemovedInOneOutput() {
    assertThat(LineDiff.of(List.of("lo", "eth0"), List.of("lo", "veth0", "veth1")))
        .containsExactly(
            new Line(Kind.KEPT, "lo"),
            new Line(Kind.REMOVED, "eth0"),
            new Line(Kind.ADDED, "veth0"),
            new Line(Kind.ADDED, "veth1"));
  }
}
