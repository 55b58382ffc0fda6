package dev.nslab.cli;

import dev.nslab.lesson.Lesson;
import dev.nslab.render.Screen;
import dev.nslab.repl.Commands;

/**
 * {@code nslab play}: a lesson replayed without a person, as a script of the very commands a
 * learner types. On the learner's turn it types the lesson's solution with {@code run}, then
 * presses Enter to have it checked. ({@code present} is the same script as slides: {@link Presentation}.)
 */
final class Player {
  private Player() {}

  static int play(Lesson lesson, Commands commands, Screen screen, Pacer pacer) {
    commands.start(lesson); // the lesson itself: it may be a file from outside the catalog
    if (!commands.session().active()) return Cli.FAILED;
    while (!commands.session().finished()) {
      int failedBefore = commands.failedChecks();
      int position = commands.session().position();
      if (commands.session().awaitingTask()) type(commands, screen, "run " + commands.session().solutionForReplay(), false);
      type(commands, screen, "next", true);
      if (commands.failedChecks() > failedBefore) {
        screen.println();
        screen.error("step " + (position + 1) + " of " + lesson.id() + " did not do what the lesson says; stopping here.");
        return Cli.FAILED;
      }
      boolean pause = !commands.session().awaitingTask() && !commands.session().finished();
      if (pause && pacer.next() == Pacer.Move.QUIT) return Cli.FAILED;
    }
    return commands.failedChecks() == 0 ? Cli.OK : Cli.FAILED;
  }

  /** The --timings table: per step, nslab's own time (syscalls, /proc, rendering) and the commands'. */
  static void printTimings(Screen screen, java.util.List<dev.nslab.repl.StepTiming> timings) {
    screen.println();
    screen.println(Screen.TITLE, "Timings (ms): nslab's own part of each step, apart from the commands it ran");
    screen.println(Screen.DIM, String.format("  %-46s %9s %9s %9s %9s", "step", "total", "commands", "nslab", "render"));
    for (var t : timings) {
      String name = t.step().length() > 46 ? t.step().substring(0, 45) + "…" : t.step();
      screen.println(String.format("  %-46s %9.2f %9.2f %9.2f %9.2f", name, t.totalNanos() / 1e6,
          t.commandNanos() / 1e6, t.engineNanos() / 1e6, t.renderNanos() / 1e6));
    }
    long[] own = timings.stream().mapToLong(dev.nslab.repl.StepTiming::engineNanos).sorted().toArray();
    if (own.length > 0) {
      screen.println(String.format("  nslab's own part: median %.2f ms, max %.2f ms over %d steps",
          own[own.length / 2] / 1e6, own[own.length - 1] / 1e6, own.length));
    }
  }

  /** Echoes the command as a learner would have typed it, then runs it. */
  private static void type(Commands commands, Screen screen, String line, boolean quiet) {
    if (!quiet) {
      screen.println();
      screen.println(Screen.line().styled(Screen.DIM, "nslab> ").styled(Screen.BOLD, line).toAttributedString());
    }
    commands.execute(line);
  }
}
