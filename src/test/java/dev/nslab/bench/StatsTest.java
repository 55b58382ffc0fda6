package dev.nslab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench reports nearest-rank percentiles: values that were measured, never interpolated. */
class StatsTest {

  @Test
  void medianAndP95OfAHundredRunsAreThe50thAndThe95thValue() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) nanos[i] = (100 - i) * 1_000_000L; // unsorted on purpose
    Stats s = Stats.of(nanos);
    assertThat(s.runs()).isEqualTo(100);
    assertThat(s.medianNanos()).isEqualTo(50_000_000L);
    assertThat(s.p95Nanos()).isEqualTo(95_000_000L);
  }

  @Test
  void aSingleRunIsItsOwnMedianAndP95() {
    assertThat(Stats.of(new long[] {7})).isEqualTo(new Stats(1, 7, 7));
  }

  @Test
  void noRunsGiveZeroesRatherThanAnError() {
    assertThat(Stats.of(new long[0])).isEqualTo(new Stats(0, 0, 0));
  }
}
