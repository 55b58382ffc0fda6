package dev.nslab.repl;

import dev.nslab.doctor.Doctor;
import dev.nslab.doctor.DoctorReport;
import dev.nslab.lab.LabException;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.Levenshtein;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.Screen;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jline.reader.Candidate;

/**
 * The one table of what a learner can type, and what each does; each command completes its own
 * argument. The interactive REPL and {@code play} both go through {@link #execute}: {@code play} is
 * a script of these commands.
 */
public final class Commands {
  public enum Result {
    CONTINUE,
    QUIT
  }

  /**
   * How these commands meet their learner, fixed when they are made: who is told what a lesson does
   * (scores, timings, a transcript), where their place is kept (the REPL; play keeps none), whether
   * steps point at {@code hint} and {@code solution} (present: no), and how to ask a yes/no
   * question and open a shell (only an interactive terminal can; without, the answer is no).
   */
  public record Setup(
      LessonListener listener,
      Optional<ProgressStore> progress,
      boolean learnerHelp,
      Optional<Predicate<String>> confirm,
      Optional<Runnable> shell) {
    /** play: each of {@code listeners} told, nothing kept, nothing asked. */
    public static Setup play(LessonListener... listeners) {
      return scripted(true, listeners);
    }

    /** present: play without the learner's hints and solutions. */
    public static Setup present(LessonListener... listeners) {
      return scripted(false, listeners);
    }

    private static Setup scripted(boolean learnerHelp, LessonListener... listeners) {
      return new Setup(
          LessonListener.all(List.of(listeners)),
          Optional.empty(),
          learnerHelp,
          Optional.empty(),
          Optional.empty());
    }
  }

  private static final Supplier<List<Candidate>> NOTHING = List::of;
  private final Session session;
  private final LessonCatalog catalog;
  private final Screen screen;
  private final Course course;
  private final LessonListener listener;
  private final LessonWalk walk;
  private final List<Command> commands = new ArrayList<>();

  /** As play drives them. */
  public Commands(Session session, LessonCatalog catalog, Screen screen) {
    this(session, catalog, screen, Setup.play());
  }

  public Commands(Session session, LessonCatalog catalog, Screen screen, Setup setup) {
    this.session = session;
    this.catalog = catalog;
    this.screen = screen;
    this.course = new Course(catalog, setup.progress(), session, screen);
    this.listener = LessonListener.all(List.of(course, setup.listener()));
    this.walk = new LessonWalk(session, catalog, screen, course, listener, setup);
    LabTools lab = new LabTools(session, screen, course, listener, setup);
    add(
        "help",
        List.of("?"),
        "[COMMAND]",
        "what each command does",
        this::help,
        this::commandNames);
    add(
        "lessons",
        List.of("ls"),
        "",
        "the lessons, in course order, with your progress",
        a -> lessons(),
        NOTHING);
    add(
        "start",
        List.of(),
        "LESSON",
        "start a lesson from its first step, on a fresh lab",
        walk::start,
        () -> Completions.lessons(catalog));
    add(
        "resume",
        List.of(),
        "[LESSON]",
        "back to where you left off (the last lesson, or LESSON)",
        walk::resume,
        () -> Completions.lessons(catalog));
    add(
        "next",
        List.of("n"),
        "",
        "run the next step (or check your turn); Enter does the same",
        a -> walk.next(),
        NOTHING);
    add(
        "goto",
        List.of(),
        "STEP",
        "go to step STEP: a fresh lab, the steps before it replayed",
        walk::goTo,
        () -> Completions.steps(session));
    add(
        "back",
        List.of(),
        "[N]",
        "go back N steps (default 1): a fresh lab, replayed up to there",
        walk::back,
        NOTHING);
    add(
        "run",
        List.of("!"),
        "COMMAND",
        "run a shell command inside the lab; !COMMAND is the same",
        lab::run,
        NOTHING);
    add(
        "sh",
        List.of("shell"),
        "",
        "an interactive shell inside the lab (exit to come back)",
        a -> lab.shell(),
        NOTHING);
    add(
        "trace",
        List.of(),
        "",
        "the syscalls of the last step: arguments, result, errno, time",
        a -> lab.trace(),
        NOTHING);
    add(
        "code",
        List.of(),
        "[--c|--shell]",
        "the last step as C and as a shell command; --c or --shell: the "
            + "whole lesson as one program",
        lab::code,
        () -> Completions.words("--c", "--shell"));
    add(
        "ns",
        List.of(),
        "",
        "the namespace table: host and lab, side by side",
        a -> lab.ns(),
        NOTHING);
    add(
        "tree",
        List.of(),
        "",
        "the lab's processes: PIDs on the host and inside, their namespaces",
        a -> lab.tree(),
        NOTHING);
    add(
        "hint",
        List.of(),
        "",
        "a hint for your turn (ask again for a stronger one)",
        a -> lab.hint(),
        NOTHING);
    add(
        "solution",
        List.of(),
        "",
        "the answer to your turn (your progress notes that you asked)",
        a -> lab.solution(),
        NOTHING);
    add(
        "reset",
        List.of(),
        "",
        "tear the lab down and start the lesson again",
        a -> walk.reset(),
        NOTHING);
    add(
        "doctor",
        List.of(),
        "",
        "what this machine lets nslab do, and which lessons will not work here",
        a -> doctor(),
        NOTHING);
    add(
        "quit",
        List.of("exit", "q"),
        "",
        "leave nslab (a lab, if one is open, is torn down)",
        a -> Result.QUIT,
        NOTHING);
  }

  private void add(
      String name,
      List<String> aliases,
      String args,
      String help,
      Command.Handler h,
      Supplier<List<Candidate>> completion) {
    commands.add(new Command(name, aliases, args, help, h, completion));
  }

  /** What Tab offers first, and after {@code help}. */
  List<Candidate> commandNames() {
    return Completions.words(names().toArray(String[]::new));
  }

  /** "Welcome back" when the learner has a lesson to resume; nothing otherwise. */
  public void greet() {
    course.greet();
  }

  public List<String> names() {
    return commands.stream().map(Command::name).toList();
  }

  /** Whether {@code word} is a command's name or one of its aliases. */
  public boolean knows(String word) {
    return find(word).isPresent();
  }

  Optional<Command> find(String word) {
    return commands.stream().filter(c -> c.answersTo(word)).findFirst();
  }

  /**
   * Starts a lesson, if this machine lets nslab create its namespaces (play's lesson may be a
   * file).
   */
  public Result start(Lesson lesson) {
    return walk.start(lesson);
  }

  public Session session() {
    return session;
  }

  /** Runs one line as the learner typed it. An empty line runs the next step. */
  public Result execute(String line) {
    Command.Typed typed = Command.Typed.of(line);
    if (typed.word().isEmpty()) return session.active() ? walk.next() : Result.CONTINUE;
    Optional<Command> cmd = find(typed.word());
    if (cmd.isEmpty()) {
      screen.error(
          "unknown command '"
              + typed.word()
              + "'"
              + nearest(typed.word())
              + "; type help for the list.");
      return Result.CONTINUE;
    }
    try {
      return cmd.get().handler().handle(typed.arg());
    } catch (LabException e) {
      screen.error(e.getMessage());
      listener.failed(e.getMessage());
      return Result.CONTINUE;
    }
  }

  private String nearest(String word) {
    return commands.stream()
        .min(Comparator.comparingInt(c -> Levenshtein.distance(word, c.name())))
        .filter(c -> Levenshtein.distance(word, c.name()) <= 2)
        .map(c -> " (did you mean '" + c.name() + "'?)")
        .orElse("");
  }

  private Result help(String arg) {
    if (!arg.isEmpty()) {
      Optional<Command> c = find(arg);
      if (c.isEmpty()) {
        screen.error("no command '" + arg + "'" + nearest(arg) + ".");
      } else {
        screen.println(Screen.BOLD, "  " + c.get().usage());
        screen.println("  " + c.get().help());
        if (!c.get().aliases().isEmpty())
          screen.println(Screen.DIM, "  also: " + String.join(", ", c.get().aliases()));
      }
      return Result.CONTINUE;
    }
    for (Command c : commands) {
      screen.println(
          Screen.line()
              .append("  ")
              .styled(Screen.BOLD, String.format("%-16s", c.usage()))
              .append(c.help())
              .toAttributedString(),
          18); // a narrow window keeps the column
    }
    screen.println(
        Screen.DIM,
        "  A command in the lab: `run CMD`, or `!CMD` for short; `sh` for a shell of your own there.");
    screen.println(
        Screen.DIM,
        "  Enter on an empty line runs the next step. Ctrl-C stops a command; Ctrl-D leaves.");
    return Result.CONTINUE;
  }

  private Result lessons() {
    course.list();
    return Result.CONTINUE;
  }

  private Result doctor() {
    DoctorReport.print(screen, new Doctor(session.environment()), catalog.lessons());
    return Result.CONTINUE;
  }
}
