package dev.nslab.bench;

import java.util.Arrays;

/** Median and 95th percentile of a set of durations (nearest-rank). */
public record Stats(int runs, long medianNanos, long p95Nanos) {

  public static Stats of(long[] nanos) {
    if (nanos.length == 0) return new Stats(0, 0, 0);
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Stats(sorted.length, rank(sorted, 50), rank(sorted, 95));
  }

  /** The smallest value with at least p percent of the values at or below it. */
  private static long rank(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  public String render() {
    return String.format(
        "median %7.2f ms   p95 %7.2f ms   (%d runs)", medianNanos / 1e6, p95Nanos / 1e6, runs);
  }
}
