package dev.nslab.bench;

import static dev.nslab.bench.Row.ms;

import java.util.List;

/**
 * Start-up of `nslab lessons` and of the REPL to its prompt, against a hello-world JVM started the
 * same way.
 */
final class StartupBench {
  private StartupBench() {}

  static List<Row> measure(Launcher launcher) {
    Stats hello = Stats.of(launcher.time(10, launcher.hello(), ""));
    Stats lessons = Stats.of(launcher.time(10, launcher.nslab("lessons"), ""));
    Stats repl = Stats.of(launcher.time(10, launcher.nslab(), "quit\n"));
    String how =
        launcher.hasArchive()
            ? "with the class-data archive"
            : "no class-data archive could be made";
    double lr = Row.ratio(lessons, hello), rr = Row.ratio(repl, hello);
    return List.of(
        new Row(
            "`nslab lessons`",
            ms(lessons.medianNanos()),
            "ms",
            how + String.format(", p95 %.0f ms", ms(lessons.p95Nanos())),
            ms(hello.medianNanos()),
            "hello-world JVM, same flags",
            lr,
            "<= 2.5x",
            lr <= 2.5),
        new Row(
            "REPL to the prompt and quit",
            ms(repl.medianNanos()),
            "ms",
            how + String.format(", p95 %.0f ms", ms(repl.p95Nanos())),
            ms(hello.medianNanos()),
            "hello-world JVM, same flags",
            rr,
            "<= 4x",
            rr <= 4));
  }
}
