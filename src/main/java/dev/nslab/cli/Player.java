package dev.nslab.cli;

import dev.nslab.doctor.Doctor;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.LessonProblem;
import dev.nslab.render.Screen;
import dev.nslab.render.Transcript;
import dev.nslab.repl.Commands;
import dev.nslab.repl.Failures;
import dev.nslab.repl.Sessions;
import dev.nslab.repl.StepTiming;
import dev.nslab.repl.StepTimings;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code nslab play}: a lesson replayed without a person, as a script of the very commands a
 * learner types. On the learner's turn it types the lesson's solution with {@code run}, then
 * presses Enter to have it checked. ({@code present} is the same script as slides: {@link
 * Presentation}.)
 */
final class Player {
  private Player() {}

  /**
   * {@code play} and {@code present}: the lesson found, checked runnable here, then run on a
   * session.
   */
  static int run(Verb.Call call) {
    Warmup.start(call.opts().verb());
    Options opts = call.opts();
    PrintWriter err = call.err();
    Screen screen = call.screen();
    LessonCatalog catalog = call.catalog();
    if (opts.args().size() != 1) {
      err.println(
          "nslab: usage: nslab "
              + opts.verb().word
              + " LESSON. Lessons: "
              + String.join(", ", catalog.ids()));
      return Cli.USAGE;
    }
    boolean presenting = opts.verb() == Verb.PRESENT;
    if (presenting && opts.autoSeconds().isEmpty() && !call.console().present()) {
      err.println(
          "nslab: present waits for keys, and there is no terminal here: add --auto SECONDS to run unattended.");
      return Cli.USAGE;
    }
    Optional<Lesson> found = Cli.lessonNamed(opts.args().get(0), catalog, opts.trust(), err);
    if (found.isEmpty()) return Cli.USAGE;
    Lesson lesson = found.get();
    Optional<Path> transcriptDir = opts.transcript().map(t -> t.toAbsolutePath().getParent());
    if (transcriptDir.isPresent() && !Files.isDirectory(transcriptDir.get())) {
      err.println(
          "nslab: --transcript: no directory "
              + transcriptDir.get()
              + " to write "
              + opts.transcript().get().getFileName()
              + " in.");
      return Cli.USAGE;
    }
    // A tool the lesson runs is missing (and busybox cannot stand in): say so now, not as an exit
    // 127 mid-step.
    LabEnvironment environment = LabEnvironment.fromHost(call.env(), Home.dir());
    Optional<Doctor.Blocked> missingTool = Doctor.missingTools(lesson, environment);
    if (missingTool.isPresent()) {
      err.println(
          "nslab: "
              + lesson.id()
              + " "
              + missingTool.get().reason()
              + ". First: "
              + missingTool.get().fix());
      return Cli.FAILED;
    }
    if (lesson.unsharesOnLabThread()) {
      Optional<Integer> rc = Rootless.enterIfUnprivileged(call.env(), call.args());
      if (rc.isPresent()) return rc.get();
    }
    for (LessonProblem p : catalog.problems()) err.println("nslab: warning: " + p.render());
    try (Session session = Sessions.open(environment)) {
      if (presenting) return Presentation.show(lesson, session, catalog, screen, call);
      return play(lesson, session, catalog, screen, call);
    }
  }

  private static int play(
      Lesson lesson, Session session, LessonCatalog catalog, Screen screen, Verb.Call call) {
    Options opts = call.opts();
    Failures failures = new Failures();
    StepTimings timings = new StepTimings();
    Transcript transcript = new Transcript();
    List<LessonListener> listeners = new ArrayList<>(List.of(failures));
    if (opts.timings()) listeners.add(timings);
    if (opts.transcript().isPresent()) listeners.add(transcript);
    Commands commands =
        new Commands(
            session,
            catalog,
            screen,
            Commands.Setup.play(listeners.toArray(LessonListener[]::new)));
    Pacer pacer =
        !opts.noPause() && call.console().present()
            ? Pacer.enterKey(
                screen,
                new BufferedReader(new InputStreamReader(call.in(), StandardCharsets.UTF_8)))
            : Pacer.NONE;
    int rc = play(lesson, commands, failures, screen, pacer);
    if (opts.timings()) printTimings(screen, timings.all());
    if (opts.transcript().isEmpty()) return rc;
    Path file = opts.transcript().get();
    if (rc != Cli.OK)
      transcript.stoppedAt("a step did not do what the lesson says (see the last ✗ above).");
    try {
      transcript.write(file);
      screen.println(Screen.DIM, "  Transcript written to " + file + ".");
      return rc;
    } catch (IOException e) {
      call.err().println("nslab: cannot write the transcript " + file + ": " + e.getMessage());
      return Cli.FAILED;
    }
  }

  /**
   * The script: Enter at each step; on a turn, the solution typed first. Stops at the first
   * failure.
   */
  static int play(Lesson lesson, Commands commands, Failures failures, Screen screen, Pacer pacer) {
    commands.start(lesson); // the lesson itself: it may be a file from outside the catalog
    if (!commands.session().active()) return Cli.FAILED;
    while (!commands.session().finished()) {
      long failedBefore = failures.count();
      int position = commands.session().next();
      if (commands.session().awaitingTask())
        type(commands, screen, "run " + commands.session().solutionForReplay(), false);
      type(commands, screen, "next", true);
      if (failures.count() > failedBefore) {
        screen.println();
        screen.error(
            "step "
                + (position + 1)
                + " of "
                + lesson.id()
                + " did not do what the lesson says; stopping here.");
        return Cli.FAILED;
      }
      boolean pause = !commands.session().awaitingTask() && !commands.session().finished();
      if (pause && pacer.next() == Pacer.Move.QUIT) return Cli.FAILED;
    }
    return failures.count() == 0 ? Cli.OK : Cli.FAILED;
  }

  /**
   * The --timings table: per step, nslab's own time (syscalls, /proc, rendering) and the commands'.
   */
  static void printTimings(Screen screen, List<StepTiming> timings) {
    screen.println();
    screen.println(
        Screen.TITLE,
        "Timings (ms): nslab's own part of each step, apart from the commands it ran");
    screen.println(
        Screen.DIM,
        String.format("  %-46s %9s %9s %9s %9s", "step", "total", "commands", "nslab", "render"));
    for (var t : timings) {
      String name = t.step().length() > 46 ? t.step().substring(0, 45) + "…" : t.step();
      screen.println(
          String.format(
              "  %-46s %9.2f %9.2f %9.2f %9.2f",
              name,
              t.totalNanos() / 1e6,
              t.commandNanos() / 1e6,
              t.engineNanos() / 1e6,
              t.renderNanos() / 1e6));
    }
    long[] own = timings.stream().mapToLong(StepTiming::engineNanos).sorted().toArray();
    if (own.length > 0) {
      screen.println(
          String.format(
              "  nslab's own part: median %.2f ms, max %.2f ms over %d steps",
              own[own.length / 2] / 1e6, own[own.length - 1] / 1e6, own.length));
    }
  }

  /** Echoes the command as a learner would have typed it, then runs it. */
  private static void type(Commands commands, Screen screen, String line, boolean quiet) {
    if (!quiet) {
      screen.println();
      echo(screen, line);
    }
    commands.execute(line);
  }

  /** The line as the REPL shows it typed after its prompt (present's turns show it too). */
  static void echo(Screen screen, String line) {
    screen.println(
        Screen.line().styled(Screen.DIM, "nslab> ").styled(Screen.BOLD, line).toAttributedString());
  }
}
