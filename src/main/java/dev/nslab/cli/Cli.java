package dev.nslab.cli;

import dev.nslab.doctor.Doctor;
import dev.nslab.doctor.DoctorReport;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.LessonFileException;
import dev.nslab.lesson.LessonProblem;
import dev.nslab.lesson.LessonReader;
import dev.nslab.render.CodeProgram;
import dev.nslab.render.LessonList;
import dev.nslab.render.Transcript;
import dev.nslab.render.Screen;
import dev.nslab.repl.Commands;
import dev.nslab.repl.Repl;
import dev.nslab.session.Session;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code nslab [options] [lessons | play LESSON | present LESSON | check FILE... | doctor | bench]}. Returns the
 * exit code instead of exiting, so tests run it in-process: 0 fine, 1 a check or file failed,
 * 2 a usage or lesson-file error.
 */
public final class Cli {
  public static final int OK = 0, FAILED = 1, USAGE = 2;

  static final String USAGE_TEXT = """
      Usage: nslab [OPTIONS] [COMMAND]

      Learn Linux namespaces live: every step is a real syscall on your kernel.

      Commands:
        (none)                 the interactive REPL
        lessons                the lessons, in course order
        play LESSON            replay a lesson without a person (LESSON: an id or a .yaml path)
        present LESSON         for a projector: a step per screen, clicker keys (→ ← PgDn PgUp), q quits
        check FILE...          validate lesson files: FILE:LINE:COL: message per problem
        code LESSON --c|--shell  the lesson as one C program or one shell script, alone on stdout
                               (nslab code uts --c | gcc -Wall -Werror -x c - -o uts)
        doctor                 what this machine lets nslab do, each problem with its fix
        bench [RUNS] [--json]  a benchmark: full labs against util-linux, start-up, memory (RUNS: 100)
        help [COMMAND]         this help, or one command's (of these, or of the REPL: run, back, ...)

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

      Exit codes: 0 all checks held, 1 a check failed, 2 usage or lesson-file error.
      """;

  private Cli() {}

  public static int run(InputStream in, OutputStream out, OutputStream err, Map<String, String> env, String... args) {
    // Not in --help: the launcher runs it once to fill the class-data archive (Training).
    if (args.length == 1 && args[0].equals("--cds-training")) return Training.run(env);
    PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Options opts;
    try {
      opts = parse(args, env);
    } catch (UsageException x) {
      e.println("nslab: " + x.getMessage());
      e.println("Try 'nslab --help'.");
      return USAGE;
    }
    try {
      return dispatch(opts, in, o, e, env, args);
    } catch (RuntimeException | Error x) {
      // The learner gets one sentence; the trace is for --debug.
      e.println("nslab: internal error: " + x + (opts.debug() ? "" : " (run with --debug for details)"));
      if (opts.debug()) {
        StringWriter sw = new StringWriter();
        x.printStackTrace(new PrintWriter(sw));
        e.print(sw);
      }
      e.flush();
      return FAILED;
    }
  }

  private static int dispatch(Options opts, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env,
      String[] args) {
    switch (opts.command()) {
      case "help" -> {
        if (opts.args().isEmpty()) {
          out.print(USAGE_TEXT);
          out.flush();
          return OK;
        }
        return help(opts.args().get(0), opts, out, err, env);
      }
      case "version" -> {
        out.println("nslab " + version());
        return OK;
      }
      case "check" -> {
        return check(opts, out, err);
      }
      case "code" -> {
        return code(opts, out, err);
      }
      case "repl" -> {
        // Into the user namespace first (unprivileged), then the lessons parsed on one thread
        // while the terminal and the lab come up on this one: the two longest parts of a start.
        Optional<Integer> rc = Rootless.enterIfUnprivileged(args);
        if (rc.isPresent()) return rc.get();
        Warmup.start(opts.command());
        java.util.concurrent.FutureTask<LessonCatalog> lessons =
            new java.util.concurrent.FutureTask<>(() -> LessonCatalog.load(opts.lessonsDir()));
        Thread parser = new Thread(lessons, "nslab-lessons");
        parser.setDaemon(true);
        parser.start();
        return Repl.run(() -> {
          try {
            return lessons.get();
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return LessonCatalog.load(opts.lessonsDir());
          } catch (java.util.concurrent.ExecutionException x) {
            throw x.getCause() instanceof RuntimeException r ? r : new IllegalStateException(x.getCause());
          }
        }, opts.noColor() || noColorEnv(env), env, Home.dir(), err);
      }
      default -> {
        Warmup.start(opts.command());
        boolean color = color(opts, env);
        Screen screen = new Screen(out, color, null, terminalWidth());
        LessonCatalog catalog = LessonCatalog.load(opts.lessonsDir());
        switch (opts.command()) {
          case "lessons" -> {
            LessonList.print(screen, catalog,
                new dev.nslab.progress.ProgressStore(LabEnvironment.stateDir(env)).all());
            return catalog.problems().isEmpty() ? OK : FAILED;
          }
          case "play", "present" -> {
            return play(opts, catalog, screen, in, err, env, args);
          }
          case "doctor" -> {
            Optional<Integer> rc = Rootless.enterIfUnprivileged(args);
            if (rc.isPresent()) return rc.get();
            Doctor doctor = new Doctor(LabEnvironment.fromHost(env, Home.dir()));
            return DoctorReport.print(screen, doctor, catalog.lessons()) ? OK : FAILED;
          }
          case "bench" -> {
            return bench(opts, screen, env, err, args);
          }
          default -> throw new IllegalStateException(opts.command());
        }
      }
    }
  }

  /**
   * {@code nslab help COMMAND}: a command of the command line (its line of the usage and the
   * options that go with it), or one typed in the REPL, as the REPL's own {@code help} says it.
   */
  private static int help(String name, Options opts, PrintWriter out, PrintWriter err, Map<String, String> env) {
    List<String> usage = USAGE_TEXT.lines().toList();
    List<String> own = usage.stream().filter(l -> l.startsWith("  " + name + " ") || l.equals("  " + name)).toList();
    if (COMMANDS.contains(name) && !own.isEmpty()) {
      out.println("Usage: nslab [OPTIONS] " + own.get(0).strip().replaceFirst("\\s{2,}", "\n\n  "));
      List<String> options = usage.stream().filter(l -> l.matches("\\s+-.*\\s" + name + "(/\\w+)*: .*")).toList();
      if (!options.isEmpty()) {
        out.println();
        out.println("Options:");
        options.forEach(out::println);
      }
      return OK;
    }
    try (Session session = new Session(LabEnvironment.fromHost(env, Home.dir()))) { // no lab: none is started
      Commands repl = new Commands(session, LessonCatalog.load(opts.lessonsDir()),
          new Screen(out, false, null, terminalWidth()));
      if (repl.names().contains(name) || repl.isAlias(name)) {
        out.println("In the REPL (nslab, with no command):");
        repl.execute("help " + name);
        return OK;
      }
      err.println("nslab: no command '" + name + "': commands are " + String.join(", ", COMMANDS)
          + "; in the REPL, " + String.join(", ", repl.names()) + ".");
      return USAGE;
    }
  }

  /** The command line's commands, as the first word after the options. */
  static final List<String> COMMANDS = List.of("lessons", "play", "present", "check", "code", "doctor", "bench", "help");

  private static int check(Options opts, PrintWriter out, PrintWriter err) {
    if (opts.args().isEmpty()) {
      err.println("nslab: check needs at least one lesson file, e.g. nslab check lessons/*.yaml");
      return USAGE;
    }
    int bad = 0;
    for (String f : opts.args()) {
      try {
        Lesson l = LessonReader.read(Path.of(f));
        List<LessonProblem> refused = LessonReader.guardPreview(Path.of(f));
        if (refused.isEmpty()) {
          out.println(f + ": ok (" + l.id() + ", " + l.size() + " steps)");
        } else {
          bad++;
          for (LessonProblem p : refused) out.println(p.render());
        }
      } catch (LessonFileException x) {
        bad++;
        for (LessonProblem p : x.problems()) out.println(p.render());
      }
    }
    return bad == 0 ? OK : FAILED;
  }

  /** {@code code LESSON --c|--shell}: the lesson as one program, alone on stdout (for gcc or sh). */
  private static int code(Options opts, PrintWriter out, PrintWriter err) {
    List<String> names = opts.args().stream().filter(a -> !a.startsWith("--")).toList();
    List<String> flags = opts.args().stream().filter(a -> a.startsWith("--")).distinct().toList();
    if (names.size() != 1 || flags.size() != 1) {
      err.println("nslab: usage: nslab code LESSON --c  (one C program)  or  nslab code LESSON --shell  (one shell script)");
      return USAGE;
    }
    LessonCatalog catalog = LessonCatalog.load(opts.lessonsDir());
    Optional<Lesson> found = lessonNamed(names.get(0), catalog, true, err); // printing code runs nothing
    if (found.isEmpty()) return USAGE;
    Lesson lesson = found.get();
    out.print(flags.get(0).equals("--c") ? CodeProgram.c(lesson) : CodeProgram.shell(lesson));
    out.flush();
    return OK;
  }

  /**
   * A bundled lesson by id, or a lesson file by path; a file from outside runs only when trusted.
   * Empty, with one sentence (or the file's problems) on {@code err}, when there is none.
   */
  private static Optional<Lesson> lessonNamed(String which, LessonCatalog catalog, boolean trusted, PrintWriter err) {
    Optional<Lesson> bundled = catalog.find(which);
    if (bundled.isPresent()) return bundled;
    if (!which.endsWith(".yaml") && !which.contains("/")) {
      err.println("nslab: no lesson named '" + which + "'. Lessons: " + String.join(", ", catalog.ids()));
      return Optional.empty();
    }
    if (!trusted) {
      err.println("nslab: " + which + " is not one of the bundled lessons. nslab's guards keep a lesson's actions "
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

  private static int play(Options opts, LessonCatalog catalog, Screen screen, InputStream in, PrintWriter err,
      Map<String, String> env, String[] args) {
    String verb = opts.command();
    if (opts.args().size() != 1) {
      err.println("nslab: usage: nslab " + verb + " LESSON. Lessons: " + String.join(", ", catalog.ids()));
      return USAGE;
    }
    boolean presenting = verb.equals("present");
    if (presenting && opts.autoSeconds() == null && System.console() == null) {
      err.println("nslab: present waits for keys, and there is no terminal here: add --auto SECONDS to run unattended.");
      return USAGE;
    }
    Optional<Lesson> found = lessonNamed(opts.args().get(0), catalog, opts.trust(), err);
    if (found.isEmpty()) return USAGE;
    Lesson lesson = found.get();
    if (opts.transcript() != null && !Files.isDirectory(opts.transcript().toAbsolutePath().getParent())) {
      err.println("nslab: --transcript: no directory " + opts.transcript().toAbsolutePath().getParent()
          + " to write " + opts.transcript().getFileName() + " in.");
      return USAGE;
    }
    // A tool the lesson runs is missing (and busybox cannot stand in): say so now, not as an exit 127 mid-step.
    Optional<Doctor.Blocked> missingTool = Doctor.missingTools(lesson, LabEnvironment.fromHost(env, Home.dir()));
    if (missingTool.isPresent()) {
      err.println("nslab: " + lesson.id() + " " + missingTool.get().reason() + ". First: " + missingTool.get().fix());
      return FAILED;
    }
    if (lesson.unsharesOnLabThread()) {
      Optional<Integer> rc = Rootless.enterIfUnprivileged(args);
      if (rc.isPresent()) return rc.get();
    }
    for (LessonProblem p : catalog.problems()) err.println("nslab: warning: " + p.render());
    try (Session session = new Session(LabEnvironment.fromHost(env, Home.dir()))) {
      if (presenting) return present(lesson, session, catalog, screen, opts, env);
      Commands commands = new Commands(session, catalog, screen);
      Transcript transcript = new Transcript();
      if (opts.transcript() != null) commands.listen(transcript);
      boolean pause = !opts.noPause() && System.console() != null;
      Pacer pacer = pause ? Pacer.enterKey(screen, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
          : Pacer.NONE;
      int rc = Player.play(lesson, commands, screen, pacer);
      if (opts.timings()) Player.printTimings(screen, commands.timings());
      if (opts.transcript() != null) {
        if (rc != OK) transcript.stoppedAt("a step did not do what the lesson says (see the last ✗ above).");
        try {
          transcript.write(opts.transcript());
          screen.println(Screen.DIM, "  Transcript written to " + opts.transcript() + ".");
        } catch (java.io.IOException e) {
          err.println("nslab: cannot write the transcript " + opts.transcript() + ": " + e.getMessage());
          return FAILED;
        }
      }
      return rc;
    }
  }

  /**
   * On a terminal, present shows pages on the alternate screen and reads a clicker's keys in raw
   * mode (echo and signals off, so no key or part of one reaches the shell); elsewhere it only waits.
   */
  private static int present(Lesson lesson, Session session, LessonCatalog catalog, Screen plain, Options opts,
      Map<String, String> env) {
    java.io.StringWriter rendered = new java.io.StringWriter();
    if (System.console() == null) {
      Screen screen = new Screen(new PrintWriter(rendered), plain.color(), null, Screen.DEFAULT_WIDTH);
      Commands commands = new Commands(session, catalog, screen);
      return new Presentation(lesson, commands, rendered, screen, Presentation.Display.plain(plain),
          Pacer.timed(opts.autoSeconds()), false, true).run();
    }
    java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
    try (org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(true)
        .graphemeCluster(false).build()) {
      boolean color = color(opts, env);
      Screen screen = new Screen(new PrintWriter(rendered), color, terminal, 0);
      Commands commands = new Commands(session, catalog, screen);
      var attributes = Pacer.rawKeys(terminal);
      terminal.puts(org.jline.utils.InfoCmp.Capability.enter_ca_mode);
      terminal.puts(org.jline.utils.InfoCmp.Capability.cursor_invisible);
      try {
        return new Presentation(lesson, commands, rendered, screen, Presentation.Display.terminal(terminal, color),
            Pacer.keys(terminal, opts.autoSeconds()), true, opts.autoSeconds() != null).run();
      } finally {
        terminal.puts(org.jline.utils.InfoCmp.Capability.cursor_normal);
        terminal.puts(org.jline.utils.InfoCmp.Capability.exit_ca_mode);
        terminal.flush();
        drain(terminal);
        terminal.setAttributes(attributes);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Whatever was typed and not read yet stays with nslab: the shell gets a clean prompt. */
  private static void drain(org.jline.terminal.Terminal terminal) {
    try {
      while (terminal.reader().read(50) >= 0) {
        // discard
      }
    } catch (java.io.IOException e) {
      // nothing more to read
    }
  }

  private static int bench(Options opts, Screen screen, Map<String, String> env, PrintWriter err, String[] args) {
    List<String> rest = new ArrayList<>(opts.args());
    boolean json = rest.remove("--json");
    if (rest.size() > 1 || rest.size() == 1 && !rest.get(0).matches("[1-9]\\d{0,5}")) {
      err.println("nslab: usage: nslab bench [RUNS] [--json], RUNS a number of labs (default 100)");
      return USAGE;
    }
    Optional<Integer> rc = Rootless.enterIfUnprivileged(args);
    if (rc.isPresent()) return rc.get();
    int runs = rest.isEmpty() ? 100 : Integer.parseInt(rest.get(0));
    try {
      new dev.nslab.bench.Bench(LabEnvironment.fromHost(env, Home.dir()), screen).run(runs, json);
      return OK;
    } catch (java.io.IOException | IllegalStateException | dev.nslab.lab.LabException e) {
      err.println("nslab: bench: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  static Options parse(String[] args, Map<String, String> env) throws UsageException {
    boolean noColor = false, debug = false, noPause = false, trust = false, timings = false;
    Path lessons = null, transcript = null;
    Integer auto = null;
    String command = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> command = "help";
        case "--version" -> command = "version";
        case "--no-color" -> noColor = true;
        case "--debug" -> debug = true;
        case "--no-pause" -> noPause = true;
        case "--trust" -> trust = true;
        case "--c", "--shell" -> {
          if (!"code".equals(command)) throw new UsageException(a + " goes with code, after it: nslab code LESSON " + a);
          rest.add(a);
        }
        case "--timings" -> timings = true;
        case "--json" -> rest.add(a); // bench's own: checked there
        case "--transcript" -> {
          if (i + 1 >= args.length || !args[i + 1].endsWith(".md")) {
            throw new UsageException("--transcript needs a Markdown file name, e.g. --transcript uts.md");
          }
          transcript = Path.of(args[++i]);
        }
        case "--auto" -> {
          if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,4}")) {
            throw new UsageException("--auto needs a number of seconds, e.g. --auto 8");
          }
          auto = Integer.parseInt(args[++i]);
        }
        case "--lessons" -> {
          if (i + 1 >= args.length) throw new UsageException("--lessons needs a directory");
          lessons = Path.of(args[++i]);
          if (!Files.isDirectory(lessons)) throw new UsageException("--lessons: no directory " + lessons);
        }
        default -> {
          if (a.startsWith("-")) throw new UsageException("unknown option " + a);
          if (command == null) {
            if (!COMMANDS.contains(a)) {
              throw new UsageException("unknown command '" + a + "' (commands: " + String.join(", ", COMMANDS) + ")");
            }
            command = a;
          } else {
            rest.add(a);
          }
        }
      }
    }
    if (command == null) command = "repl";
    if (transcript != null && !command.equals("play")) throw new UsageException("--transcript goes with play");
    if (lessons != null && !trust && List.of("repl", "play", "present").contains(command)) {
      throw new UsageException("the lessons in " + lessons + " run commands as you: read them, then add --trust");
    }
    if (auto != null && !command.equals("present")) throw new UsageException("--auto goes with present");
    if (!rest.isEmpty() && List.of("lessons", "repl", "doctor").contains(command)) {
      throw new UsageException(command + " takes no arguments");
    }
    return new Options(noColor, debug, noPause, trust, timings, transcript, auto, lessons != null ? lessons : Home.lessons(), command, List.copyOf(rest));
  }

  static boolean noColorEnv(Map<String, String> env) {
    String v = env.get("NO_COLOR");
    return v != null && !v.isEmpty();
  }

  /** Colour for non-REPL output: off for NO_COLOR and --no-color, on for CLICOLOR_FORCE or a terminal. */
  static boolean color(Options opts, Map<String, String> env) {
    if (opts.noColor() || noColorEnv(env)) return false;
    String force = env.get("CLICOLOR_FORCE");
    if (force != null && !force.isEmpty() && !force.equals("0")) return true;
    return System.console() != null && !"dumb".equals(env.get("TERM"));
  }

  /** The terminal's width when the output goes to one, so what nslab prints wraps there; 0 (no wrapping) otherwise. */
  static int terminalWidth() {
    if (System.console() == null) return 0;
    java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
    try (org.jline.terminal.Terminal t = org.jline.terminal.TerminalBuilder.builder().system(true)
        .graphemeCluster(false).build()) {
      return Math.max(0, t.getWidth());
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  static String version() {
    String v = Cli.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
