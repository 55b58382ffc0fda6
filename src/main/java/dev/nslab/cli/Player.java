package dev.nslab.cli;

import dev.nslab.lesson.Lesson;
import dev.nslab.render.Screen;
import dev.nslab.repl.Commands;

/**
 * {@code nslab play}: a lesson replayed without a person, as a script of the very commands a
 * learner types. On the learner's turn it types the lesson's solution with {@code run}, then
 * presses Enter to have it checked.
 */
final class Player {
  private Player() {}

  static int play(Lesson lesson, Commands commands, Screen screen, Pacer pacer) {
    return run(lesson, commands, screen, pacer, null);
  }

  /**
   * {@code present}: the same replay, one step per screen under a banner, paced by keys or by
   * time, without the learner-only parts (hints, solution). A turn gets a screen of its own
   * where nslab does what the learner would.
   */
  static int present(Lesson lesson, Commands commands, Screen screen, Pacer pacer, Runnable clear) {
    commands.learnerHelp(false);
    return run(lesson, commands, screen, pacer, clear);
  }

  private static int run(Lesson lesson, Commands commands, Screen screen, Pacer pacer, Runnable clear) {
    boolean presenting = clear != null;
    if (presenting) banner(screen, clear, lesson, "", lesson.size() + " steps");
    commands.start(lesson); // the lesson itself: it may be a file from outside the catalog
    if (!commands.session().active()) return Cli.FAILED;
    if (presenting && !pacer.next()) return Cli.OK;
    while (!commands.session().finished()) {
      int failedBefore = commands.failedChecks();
      int position = commands.session().position();
      boolean turn = commands.session().awaitingTask();
      if (presenting) {
        banner(screen, clear, lesson, "step " + (position + 1) + "/" + lesson.size(), turn ? "the learner's turn" : "");
      }
      if (turn) type(commands, screen, "run " + commands.session().solutionForReplay(), false);
      type(commands, screen, "next", true);
      if (commands.failedChecks() > failedBefore) {
        screen.println();
        screen.error("step " + (position + 1) + " of " + lesson.id() + " did not do what the lesson says; stopping here.");
        return Cli.FAILED;
      }
      boolean pause = presenting || !commands.session().awaitingTask() && !commands.session().finished();
      if (pause && !pacer.next()) return presenting ? Cli.OK : Cli.FAILED;
    }
    return commands.failedChecks() == 0 ? Cli.OK : Cli.FAILED;
  }

  /** A presenter's screen starts clean, with the lesson and the step in a bar across the top. */
  private static void banner(Screen screen, Runnable clear, Lesson lesson, String where, String what) {
    clear.run();
    String left = " nslab · " + lesson.title();
    String right = (where + (what.isEmpty() || where.isEmpty() ? "" : " · ") + what) + " ";
    screen.println(Screen.line().styled(Screen.BANNER,
        left + " ".repeat(Math.max(2, 80 - left.length() - right.length())) + right).toAttributedString());
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
