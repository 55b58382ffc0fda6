package dev.nslab.repl;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabException;
import dev.nslab.doctor.Doctor;
import dev.nslab.doctor.DoctorReport;
import dev.nslab.lab.CommandClock;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.Levenshtein;
import dev.nslab.render.LessonList;
import dev.nslab.render.NamespaceTable;
import dev.nslab.render.Screen;
import dev.nslab.render.StepView;
import dev.nslab.session.Session;
import dev.nslab.session.StepResult;
import dev.nslab.session.TaskResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one table of what a learner can type, and what each does. The interactive REPL and
 * {@code play} both go through {@link #execute}: {@code play} is a script of these commands.
 */
public final class Commands {
  public enum Result { CONTINUE, QUIT }

  private final Session session;
  private final LessonCatalog catalog;
  private final Screen screen;
  private final List<Command> commands = new ArrayList<>();
  private int failedChecks;
  private final List<StepTiming> timings = new ArrayList<>();
  private Runnable interactiveShell;

  public Commands(Session session, LessonCatalog catalog, Screen screen) {
    this.session = session;
    this.catalog = catalog;
    this.screen = screen;
    add("help", List.of("?"), "[COMMAND]", "what each command does", this::help);
    add("lessons", List.of("ls"), "", "the lessons, in course order", a -> lessons());
    add("start", List.of(), "LESSON", "start a lesson on a fresh lab", this::start);
    add("next", List.of("n"), "", "run the next step (or check your turn); Enter does the same", a -> next());
    add("run", List.of("!"), "COMMAND", "run a shell command inside the lab", this::run);
    add("trace", List.of(), "", "the syscalls of the last step: arguments, result, errno, time", a -> trace());
    add("code", List.of(), "", "the last step as C and as a shell command", a -> code());
    add("ns", List.of(), "", "the namespace table: host and lab, side by side", a -> ns());
    add("hint", List.of(), "", "a hint for your turn (ask again for a stronger one)", a -> hint());
    add("solution", List.of(), "", "the answer to your turn", a -> solution());
    add("sh", List.of("shell"), "", "an interactive shell inside the lab (exit to come back)", a -> shell());
    add("reset", List.of(), "", "tear the lab down and start the lesson again", a -> reset());
    add("doctor", List.of(), "", "what this machine lets nslab do, and which lessons will not work here", a -> doctor());
    add("quit", List.of("exit", "q"), "", "leave nslab (the lab is torn down)", a -> Result.QUIT);
  }

  private Result doctor() {
    DoctorReport.print(screen, new Doctor(session.environment()), catalog.lessons());
    return Result.CONTINUE;
  }

  private void add(String name, List<String> aliases, String args, String help, Command.Handler h) {
    commands.add(new Command(name, aliases, args, help, h));
  }

  /** How the REPL opens an interactive shell on its terminal; absent in play. */
  public void onShell(Runnable shell) {
    this.interactiveShell = shell;
  }

  /** How long each step run so far took, and how much of it was nslab's own. */
  public List<StepTiming> timings() {
    return List.copyOf(timings);
  }

  public List<String> names() {
    return commands.stream().map(Command::name).toList();
  }

  public boolean isAlias(String word) {
    return commands.stream().anyMatch(c -> c.aliases().contains(word));
  }

  public List<String> lessonIds() {
    return catalog.ids();
  }

  /** How many checks failed so far: play's exit code. */
  public int failedChecks() {
    return failedChecks;
  }

  public Session session() {
    return session;
  }

  /** Runs one line as the learner typed it. An empty line runs the next step. */
  public Result execute(String line) {
    String text = line.strip();
    if (text.isEmpty()) return session.active() ? next() : Result.CONTINUE;
    String word;
    String arg;
    if (text.startsWith("!")) {
      word = "!";
      arg = text.substring(1).strip();
    } else {
      int space = text.indexOf(' ');
      word = space < 0 ? text : text.substring(0, space);
      arg = space < 0 ? "" : text.substring(space + 1).strip();
    }
    Optional<Command> cmd = commands.stream().filter(c -> c.answersTo(word)).findFirst();
    if (cmd.isEmpty()) {
      screen.error("unknown command '" + word + "'" + nearest(word) + "; type help for the list.");
      return Result.CONTINUE;
    }
    try {
      return cmd.get().handler().handle(arg);
    } catch (LabException e) {
      screen.error(e.getMessage());
      failedChecks++;
      return Result.CONTINUE;
    }
  }

  private String nearest(String word) {
    return commands.stream()
        .min(Comparator.comparingInt(c -> Levenshtein.distance(word, c.name())))
        .filter(c -> Levenshtein.distance(word, c.name()) <= 2)
        .map(c -> " (did you mean '" + c.name() + "'?)").orElse("");
  }

  private Result help(String arg) {
    if (!arg.isEmpty()) {
      Optional<Command> c = commands.stream().filter(x -> x.answersTo(arg)).findFirst();
      if (c.isEmpty()) {
        screen.error("no command '" + arg + "'" + nearest(arg) + ".");
      } else {
        screen.println(Screen.BOLD, "  " + c.get().usage());
        screen.println("  " + c.get().help());
        if (!c.get().aliases().isEmpty()) screen.println(Screen.DIM, "  also: " + String.join(", ", c.get().aliases()));
      }
      return Result.CONTINUE;
    }
    for (Command c : commands) {
      screen.println(Screen.line().append("  ").styled(Screen.BOLD, String.format("%-16s", c.usage()))
          .append(c.help()).toAttributedString());
    }
    screen.println(Screen.DIM, "  Enter on an empty line runs the next step. Ctrl-C stops a command; Ctrl-D leaves.");
    return Result.CONTINUE;
  }

  private Result lessons() {
    LessonList.print(screen, catalog);
    return Result.CONTINUE;
  }

  private Result start(String arg) {
    if (arg.isEmpty()) {
      screen.error("usage: start LESSON. Lessons: " + String.join(", ", catalog.ids()) + ".");
      return Result.CONTINUE;
    }
    Optional<Lesson> lesson = catalog.find(arg);
    if (lesson.isEmpty()) {
      screen.error("no lesson named '" + arg + "'. Lessons: " + String.join(", ", catalog.ids()) + ".");
      return Result.CONTINUE;
    }
    return start(lesson.get());
  }

  /** Starts a lesson, if this machine lets nslab create its namespaces. */
  public Result start(Lesson lesson) {
    Optional<String> problem =
        Privileges.problem(lesson.needs() == dev.nslab.lesson.Needs.ROOT, lesson.unsharesOnLabThread());
    if (problem.isPresent()) {
      screen.error("cannot start " + lesson.id() + ": " + problem.get());
      failedChecks++;
      return Result.CONTINUE;
    }
    session.start(lesson);
    screen.println();
    screen.println(Screen.TITLE, "■ " + lesson.title());
    screen.println(lesson.summary().strip());
    Privileges.rootlessUid().ifPresent(uid -> screen.println(Screen.DIM, "  Unprivileged: nslab runs in a user "
        + "namespace of its own, where you are root; outside it you are uid " + uid + "."));
    screen.println(Screen.DIM, "  " + lesson.size() + " steps. Press Enter for the first one.");
    return Result.CONTINUE;
  }

  private Result next() {
    if (!requireLesson()) return Result.CONTINUE;
    if (session.finished()) {
      screen.println("  The lesson is complete. `lessons` lists the others; `reset` starts this one again.");
      return Result.CONTINUE;
    }
    if (session.awaitingTask()) {
      String prompt = session.taskPrompt();
      TaskResult r = session.checkTask();
      StepView.task(screen, r, prompt);
      if (!r.passed()) failedChecks += (int) r.checks().stream().filter(c -> !c.held()).count();
    } else {
      long t0 = System.nanoTime(), commands0 = CommandClock.nanos();
      StepResult r = session.runStep();
      long rendering = System.nanoTime();
      StepView.print(screen, r, session.taskPrompt());
      long end = System.nanoTime();
      timings.add(new StepTiming((r.index() + 1) + " " + r.step().title(), end - t0, CommandClock.nanos() - commands0,
          end - rendering));
      failedChecks += (int) r.checks().stream().filter(c -> !c.held()).count();
      if (r.unexpectedFailure() != null) failedChecks++;
    }
    if (session.finished()) {
      screen.println();
      screen.println(Screen.GOOD, "■ Lesson complete: " + session.lesson().title() + ".");
      screen.println(Screen.GOOD, "  Every claim was checked on your kernel.");
    }
    return Result.CONTINUE;
  }

  private Result run(String arg) {
    if (arg.isEmpty()) {
      screen.error("usage: run COMMAND (or !COMMAND), e.g. run hostname");
      return Result.CONTINUE;
    }
    if (!requireLesson()) return Result.CONTINUE;
    CommandResult r = session.run(arg);
    List<Syscall> trace = session.lab().drainTrace();
    for (Syscall s : trace) if (s.failed()) StepView.syscall(screen, s);
    StepView.output(screen, r.output(), Screen.PLAIN);
    if (!r.ok()) screen.println(Screen.DIM, "      (" + r.status() + ")");
    return Result.CONTINUE;
  }

  private Result trace() {
    StepResult last = session.lastStep();
    if (last == null) {
      screen.println("  No step has run yet: Enter runs the first one.");
      return Result.CONTINUE;
    }
    List<Syscall> calls = last.actions().stream().flatMap(a -> a.syscalls().stream()).toList();
    screen.println(Screen.DIM, "  step " + (last.index() + 1) + ", " + last.step().title() + ": "
        + calls.size() + " syscall" + (calls.size() == 1 ? "" : "s"));
    for (Syscall s : calls) StepView.syscall(screen, s);
    return Result.CONTINUE;
  }

  private Result code() {
    StepResult last = session.lastStep();
    if (last == null || last.step().code() == null) {
      screen.println("  No code to show yet: Enter runs the next step.");
      return Result.CONTINUE;
    }
    StepView.code(screen, last.step().code());
    return Result.CONTINUE;
  }

  private Result ns() {
    if (!requireLesson()) return Result.CONTINUE;
    NamespaceTable.print(screen, Lab.hostNamespaces(), null, session.lab().namespaces());
    return Result.CONTINUE;
  }

  private Result hint() {
    if (!session.awaitingTask()) {
      screen.println("  There is no turn of yours to hint at right now: Enter runs the next step.");
      return Result.CONTINUE;
    }
    String hint = session.hint();
    screen.println(Screen.TURN, "  hint: " + (hint != null ? hint : "no more hints; `solution` shows the answer."));
    return Result.CONTINUE;
  }

  private Result solution() {
    if (!session.awaitingTask()) {
      screen.println("  There is no turn of yours right now.");
      return Result.CONTINUE;
    }
    screen.println(Screen.TURN, "  solution: run " + session.solution());
    return Result.CONTINUE;
  }

  private Result shell() {
    if (!requireLesson()) return Result.CONTINUE;
    if (interactiveShell == null) {
      screen.error("sh needs an interactive terminal.");
      return Result.CONTINUE;
    }
    interactiveShell.run();
    return Result.CONTINUE;
  }

  private Result reset() {
    if (!requireLesson()) return Result.CONTINUE;
    return start(session.lesson());
  }

  private boolean requireLesson() {
    if (session.active()) return true;
    screen.error("no lesson is running: start one with `start LESSON` (" + String.join(", ", catalog.ids()) + ").");
    return false;
  }
}
