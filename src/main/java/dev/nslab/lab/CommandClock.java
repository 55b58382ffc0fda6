package dev.nslab.lab;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Time spent inside the commands a step runs (from their spawn to their exit), so that `play
 * --timings` can tell nslab's own time from theirs. One clock per JVM: a session runs its steps one
 * at a time.
 */
public final class CommandClock {
  private static final LongAdder NANOS = new LongAdder();

  private CommandClock() {}

  public static <T> T measure(Supplier<T> command) {
    long t0 = System.nanoTime();
    try {
      return command.get();
    } finally {
      NANOS.add(System.nanoTime() - t0);
    }
  }

  /** Nanoseconds spent in commands since the JVM started. */
  public static long nanos() {
    return NANOS.sum();
  }
}
