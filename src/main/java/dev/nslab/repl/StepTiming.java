package dev.nslab.repl;

/**
 * Where the time of one `next` went: in the commands the step ran (shows, checks, `run` actions,
 * host observations), and in nslab itself (syscalls, reading /proc, rendering).
 */
public record StepTiming(String step, long totalNanos, long commandNanos, long renderNanos) {

  /** nslab's own part: everything but the commands, rendering included. */
  public long engineNanos() {
    return totalNanos - commandNanos;
  }
}
