package dev.nslab.cli;

import dev.nslab.bench.Bench;
import dev.nslab.doctor.Doctor;
import dev.nslab.doctor.DoctorReport;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.LabException;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.LessonFileException;
import dev.nslab.lesson.LessonProblem;
import dev.nslab.lesson.LessonReader;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.LessonList;
import dev.nslab.render.Screen;
import dev.nslab.repl.Commands;
import dev.nslab.repl.Repl;
import dev.nslab.repl.Sessions;
import dev.nslab.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * The command line: {@code nslab [OPTIONS] [COMMAND]}, its commands the {@link Verb}s. Returns the
 * exit code instead of exiting, so tests run it in-process: 0 fine, 1 a check or file failed, 2 a
 * usage or lesson-file error.
 */
public final class Cli {
  public static final int OK = 0, FAILED = 1, USAGE = 2;

  private static final String OPTIONS =
      """
      Options:
        --no-pause             play: do not wait for Enter between steps
        --timings              play: per step, nslab's own time apart from the commands it ran
        --transcript FILE.md   play: write what happened, with the real outputs, as Markdown
        --auto SECONDS         present: go on by itself after SECONDS (an unattended demo)
        --trust                run lessons from outside the bundled ones (a FILE, or --lessons DIR)
        --lessons DIR          use the lessons in DIR instead of the bundled ones (runs need --trust)
        --no-color             plain text (also: NO_COLOR=1)
        --debug                show Java stack traces on internal errors
        --version              the version
        -h, --help             this help
      """;

  /** The whole of {@code --help}: the commands from {@link Verb}, then the options. */
  static final String USAGE_TEXT =
      "Usage: nslab [OPTIONS] [COMMAND]\n\n"
          + "Learn Linux namespaces live: every step is a real syscall on your kernel.\n\n"
          + "Commands:\n"
          + Arrays.stream(Verb.values())
              .flatMap(v -> v.usageLines().stream())
              .collect(Collectors.joining("\n", "", "\n\n"))
          + OPTIONS
          + "\nExit codes: 0 all checks held, 1 a check failed, 2 usage or lesson-file error.\n";

  private Cli() {}

  /** Run as from a pipe, with no terminal (what tests do). */
  public static int run(
      InputStream in, OutputStream out, OutputStream err, Map<String, String> env, String... args) {
    return run(in, out, err, env, Console.NONE, args);
  }

  /**
   * @param console the terminal nslab was started on ({@link Console#system()}), or none
   */
  public static int run(
      InputStream in,
      OutputStream out,
      OutputStream err,
      Map<String, String> env,
      Console console,
      String... args) {
    // Not in --help: the launcher runs it once to fill the class-data archive (Training).
    if (args.length == 1 && args[0].equals("--cds-training")) return Training.run(env);
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Options opts;
    try {
      opts = OptionsParser.parse(args);
    } catch (OptionsParser.UsageException x) {
      e.println("nslab: " + x.getMessage());
      e.println("Try 'nslab --help'.");
      return USAGE;
    }
    try {
      return opts.verb().runner.run(new Verb.Call(opts, in, o, e, env, console, args));
    } catch (RuntimeException | Error x) {
      // The learner gets one sentence; the trace is for --debug.
      e.println(
          "nslab: internal error: " + x + (opts.debug() ? "" : " (run with --debug for details)"));
      if (opts.debug()) {
        StringWriter sw = new StringWriter();
        x.printStackTrace(new PrintWriter(sw));
        e.print(sw);
      }
      e.flush();
      return FAILED;
    }
  }

  static int repl(Verb.Call call) {
    // Into the user namespace first (unprivileged), then the lessons parsed on one thread
    // while the terminal and the lab come up on this one: the two longest parts of a start.
    Optional<Integer> rc = Rootless.enterIfUnprivileged(call.env(), call.args());
    if (rc.isPresent()) return rc.get();
    Warmup.start(Verb.REPL);
    Path dir = call.opts().lessonsDir();
    FutureTask<LessonCatalog> lessons = new FutureTask<>(() -> LessonCatalog.load(dir));
    Thread parser = new Thread(lessons, "nslab-lessons");
    parser.setDaemon(true);
    parser.start();
    return Repl.run(
        () -> {
          try {
            return lessons.get();
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return LessonCatalog.load(dir);
          } catch (ExecutionException x) {
            throw x.getCause() instanceof RuntimeException r
                ? r
                : new IllegalStateException(x.getCause());
          }
        },
        call.opts().noColor() || noColorEnv(call.env()),
        call.env(),
        Home.dir(),
        call.err());
  }

  static int lessons(Verb.Call call) {
    LessonCatalog catalog = call.catalog();
    LessonList.print(
        call.screen(), catalog, new ProgressStore(LabEnvironment.stateDir(call.env())).all());
    return catalog.problems().isEmpty() ? OK : FAILED;
  }

  static int doctor(Verb.Call call) {
    Warmup.start(Verb.DOCTOR);
    Screen screen = call.screen();
    LessonCatalog catalog = call.catalog();
    Optional<Integer> rc = Rootless.enterIfUnprivileged(call.env(), call.args());
    if (rc.isPresent()) return rc.get();
    Doctor doctor = new Doctor(LabEnvironment.fromHost(call.env(), Home.dir()));
    return DoctorReport.print(screen, doctor, catalog.lessons()) ? OK : FAILED;
  }

  static int bench(Verb.Call call) {
    Warmup.start(Verb.BENCH);
    Screen screen = call.screen();
    List<String> rest = new ArrayList<>(call.opts().args());
    boolean json = rest.remove("--json");
    if (rest.size() > 1 || rest.size() == 1 && !rest.get(0).matches("[1-9]\\d{0,5}")) {
      call.err()
          .println(
              "nslab: usage: nslab bench [RUNS] [--json], RUNS a number of labs (default 100)");
      return USAGE;
    }
    Optional<Integer> rc = Rootless.enterIfUnprivileged(call.env(), call.args());
    if (rc.isPresent()) return rc.get();
    int runs = rest.isEmpty() ? 100 : Integer.parseInt(rest.get(0));
    try {
      new Bench(LabEnvironment.fromHost(call.env(), Home.dir()), screen).run(runs, json);
      return OK;
    } catch (IOException | IllegalStateException | LabException e) {
      call.err().println("nslab: bench: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  /**
   * {@code nslab help [COMMAND]}: the usage, a command of the command line (its lines of the usage
   * and the options that go with it), or one typed in the REPL, as the REPL's own {@code help} says
   * it.
   */
  static int help(Verb.Call call) {
    PrintWriter out = call.out();
    if (call.opts().args().isEmpty()) {
      out.print(USAGE_TEXT);
      out.flush();
      return OK;
    }
    String name = call.opts().args().get(0);
    Optional<Verb> verb = Verb.named(name);
    if (verb.isPresent()) {
      out.println("Usage: nslab [OPTIONS] " + verb.get().synopsis);
      out.println();
      verb.get().help.lines().forEach(l -> out.println("  " + l));
      List<String> options =
          OPTIONS.lines().filter(l -> l.matches("\\s+-.*\\s" + name + "(/\\w+)*: .*")).toList();
      if (!options.isEmpty()) {
        out.println();
        out.println("Options:");
        options.forEach(out::println);
      }
      return OK;
    }
    try (Session session =
        Sessions.open(LabEnvironment.fromHost(call.env(), Home.dir()))) { // no lab is started
      Commands repl =
          new Commands(
              session, call.catalog(), new Screen(out, false, null, call.console().width()));
      if (repl.knows(name)) {
        out.println("In the REPL (nslab, with no command):");
        repl.execute("help " + name);
        return OK;
      }
      call.err()
          .println(
              "nslab: no command '"
                  + name
                  + "': commands are "
                  + String.join(", ", Verb.words())
                  + "; in the REPL, "
                  + String.join(", ", repl.names())
                  + ".");
      return USAGE;
    }
  }

  /**
   * A bundled lesson by id, or a lesson file by path; a file from outside runs only when trusted.
   * Empty, with one sentence (or the file's problems) on {@code err}, when there is none.
   */
  static Optional<Lesson> lessonNamed(
      String which, LessonCatalog catalog, boolean trusted, PrintWriter err) {
    Optional<Lesson> bundled = catalog.find(which);
    if (bundled.isPresent()) return bundled;
    if (!which.endsWith(".yaml") && !which.contains("/")) {
      err.println(
          "nslab: no lesson named '" + which + "'. Lessons: " + String.join(", ", catalog.ids()));
      return Optional.empty();
    }
    if (!trusted) {
      err.println(
          "nslab: "
              + which
              + " is not one of the bundled lessons. nslab's guards keep a lesson's actions "
              + "and its host-side commands off your machine, but the commands it runs inside its lab run as you (as root "
              + "under sudo), and reach whatever the lab still shares with the host, its files included: read it, then run "
              + "it with --trust.");
      return Optional.empty();
    }
    try {
      return Optional.of(LessonReader.read(Path.of(which)));
    } catch (LessonFileException x) {
      for (LessonProblem p : x.problems()) err.println(p.render());
      return Optional.empty();
    }
  }

  static boolean noColorEnv(Map<String, String> env) {
    String v = env.get("NO_COLOR");
    return v != null && !v.isEmpty();
  }

  /**
   * Colour for non-REPL output: off for NO_COLOR and --no-color, on for CLICOLOR_FORCE or a
   * terminal.
   */
  static boolean color(Options opts, Map<String, String> env, Console console) {
    if (opts.noColor() || noColorEnv(env)) return false;
    String force = env.get("CLICOLOR_FORCE");
    if (force != null && !force.isEmpty() && !force.equals("0")) return true;
    return console.present() && !"dumb".equals(env.get("TERM"));
  }

  static String version() {
    String v = Cli.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
