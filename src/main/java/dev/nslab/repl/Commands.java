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
import dev.nslab.lab.ProcessScan;
import dev.nslab.progress.LessonProgress;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.LessonList;
import dev.nslab.render.ProcessTree;
import dev.nslab.render.CodeProgram;
import dev.nslab.render.NamespaceTable;
import dev.nslab.render.Screen;
import dev.nslab.render.StepView;
import dev.nslab.session.LessonListener;
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
  private java.util.function.Predicate<String> confirm;
  private ProgressStore progress;
  private LessonListener listener = new LessonListener() {};
  private boolean learnerHelp = true;

  public Commands(Session session, LessonCatalog catalog, Screen screen) {
    this.session = session;
    this.catalog = catalog;
    this.screen = screen;
    add("help", List.of("?"), "[COMMAND]", "what each command does", this::help);
    add("lessons", List.of("ls"), "", "the lessons, in course order, with your progress", a -> lessons());
    add("start", List.of(), "LESSON", "start a lesson from its first step, on a fresh lab", this::start);
    add("resume", List.of(), "[LESSON]", "back to where you left off (the last lesson, or LESSON)", this::resume);
    add("next", List.of("n"), "", "run the next step (or check your turn); Enter does the same", a -> next());
    add("goto", List.of(), "STEP", "go to step STEP: a fresh lab, the steps before it replayed", this::goTo);
    add("back", List.of(), "[N]", "go back N steps (default 1): a fresh lab, replayed up to there", this::back);
    add("run", List.of("!"), "COMMAND", "run a shell command inside the lab; !COMMAND is the same", this::run);
    add("sh", List.of("shell"), "", "an interactive shell inside the lab (exit to come back)", a -> shell());
    add("trace", List.of(), "", "the syscalls of the last step: arguments, result, errno, time", a -> trace());
    add("code", List.of(), "[--c|--shell]", "the last step as C and as a shell command; --c or --shell: the whole lesson as one program", this::code);
    add("ns", List.of(), "", "the namespace table: host and lab, side by side", a -> ns());
    add("tree", List.of(), "", "the lab's processes: PIDs on the host and inside, their namespaces", a -> tree());
    add("hint", List.of(), "", "a hint for your turn (ask again for a stronger one)", a -> hint());
    add("solution", List.of(), "", "the answer to your turn (your progress notes that you asked)", a -> solution());
    add("reset", List.of(), "", "tear the lab down and start the lesson again", a -> reset());
    add("doctor", List.of(), "", "what this machine lets nslab do, and which lessons will not work here", a -> doctor());
    add("quit", List.of("exit", "q"), "", "leave nslab (a lab, if one is open, is torn down)", a -> Result.QUIT);
  }

  private Result doctor() {
    DoctorReport.print(screen, new Doctor(session.environment()), catalog.lessons());
    return Result.CONTINUE;
  }

  private void add(String name, List<String> aliases, String args, String help, Command.Handler h) {
    commands.add(new Command(name, aliases, args, help, h));
  }

  /** Keeps the learner's place in their state directory; the REPL does, play does not. */
  public void trackProgress(ProgressStore store) {
    this.progress = store;
  }

  /** Whether steps point at {@code hint} and {@code solution}; present turns that off. */
  public void learnerHelp(boolean on) {
    this.learnerHelp = on;
  }

  /** Told what a lesson does as it goes, for a transcript. */
  public void listen(LessonListener listener) {
    this.listener = listener;
  }

  /** "Welcome back" when the learner has a lesson to resume; nothing otherwise. */
  public void greet() {
    if (progress == null) return;
    progress.last().ifPresent(p -> catalog.find(p.lesson()).filter(l -> p.inProgress(l.size())).ifPresent(l ->
        screen.println(Screen.TURN, "  Welcome back: you were at step " + p.reached() + "/" + l.size() + " of "
            + l.id() + ". `resume` takes you there.")));
    reportProgressProblem();
  }

  /** How the REPL asks the learner a yes/no question; absent in play and on a dumb terminal, where the answer is no. */
  public void onConfirm(java.util.function.Predicate<String> confirm) {
    this.confirm = confirm;
  }

  /**
   * A command typed before the lab has any namespace of its own runs on the machine itself: as
   * root, `run hostname oops` one step early would rename it. Say so, and ask; without a way
   * to ask, refuse.
   */
  private boolean mayRunOnTheHost(String what) {
    if (session.lab().apartFromHost() || !Privileges.hostRoot()) return true;
    String why = "the lab has no namespace of its own yet, so " + what + " would run as root on your machine itself";
    if (confirm == null) {
      screen.error(why + "; press Enter to run the next step first.");
      return false;
    }
    return confirm.test("  " + why + ". Run it on your machine anyway? [y/N] ");
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
          .append(c.help()).toAttributedString(), 18); // a narrow window keeps the column
    }
    screen.println(Screen.DIM, "  A command in the lab: `run CMD`, or `!CMD` for short; `sh` for a shell of your own there.");
    screen.println(Screen.DIM, "  Enter on an empty line runs the next step. Ctrl-C stops a command; Ctrl-D leaves.");
    return Result.CONTINUE;
  }

  private Result lessons() {
    LessonList.print(screen, catalog, progress == null ? java.util.Map.of() : progress.all());
    reportProgressProblem();
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
    if (!allowed(lesson)) return Result.CONTINUE;
    session.start(lesson);
    listener.started(lesson);
    title(lesson);
    screen.println(Screen.DIM, "  " + lesson.size() + " steps." + (learnerHelp ? " Press Enter for the first one." : ""));
    if (progress != null) {
      progress.of(lesson.id()).filter(p -> p.inProgress(lesson.size())).ifPresent(p -> screen.println(Screen.DIM,
          "  You had reached step " + p.reached() + " before: `resume " + lesson.id() + "` takes you back there."));
    }
    return Result.CONTINUE;
  }

  private boolean allowed(Lesson lesson) {
    Optional<String> problem =
        Privileges.problem(lesson.needs() == dev.nslab.lesson.Needs.ROOT, lesson.unsharesOnLabThread());
    if (problem.isEmpty()) return true;
    screen.error("cannot start " + lesson.id() + ": " + problem.get());
    failedChecks++;
    return false;
  }

  private void title(Lesson lesson) {
    screen.println();
    screen.println(Screen.TITLE, "■ " + lesson.title());
    dev.nslab.render.Wrap.reflow(lesson.summary()).forEach(screen::println);
    Privileges.rootlessUid().ifPresent(uid -> screen.println(Screen.DIM, "  Unprivileged: nslab runs in a user "
        + "namespace of its own, where you are root; outside it you are uid " + uid + "."));
  }

  private Result resume(String arg) {
    if (progress == null) {
      screen.error("there is no saved progress here: resume works in the interactive REPL.");
      return Result.CONTINUE;
    }
    Optional<LessonProgress> saved = arg.isEmpty() ? progress.last() : progress.of(arg);
    Optional<Lesson> lesson = saved.flatMap(p -> catalog.find(p.lesson()));
    if (!arg.isEmpty() && catalog.find(arg).isEmpty()) {
      screen.error("no lesson named '" + arg + "'. Lessons: " + String.join(", ", catalog.ids()) + ".");
      return Result.CONTINUE;
    }
    if (lesson.isEmpty() || !saved.get().inProgress(lesson.get().size())) {
      screen.println("  Nothing to resume" + (arg.isEmpty() ? "" : " in " + arg) + ": `lessons` shows your progress, "
          + "`start LESSON` begins one.");
      reportProgressProblem();
      return Result.CONTINUE;
    }
    if (!allowed(lesson.get())) return Result.CONTINUE;
    LessonProgress p = saved.get();
    title(lesson.get());
    screen.println(Screen.DIM, "  Resuming at step " + p.reached() + "/" + lesson.get().size() + ": a fresh lab, "
        + replayed(p.next()) + ".");
    arrived(session.resume(lesson.get(), p));
    return Result.CONTINUE;
  }

  private Result goTo(String arg) {
    if (!requireLesson()) return Result.CONTINUE;
    int size = session.lesson().size();
    if (!arg.matches("\\d{1,4}") || Integer.parseInt(arg) < 1 || Integer.parseInt(arg) > size) {
      screen.error("goto needs a step number from 1 to " + size + ", e.g. goto 2.");
      return Result.CONTINUE;
    }
    return rewind(Integer.parseInt(arg) - 1);
  }

  private Result back(String arg) {
    if (!requireLesson()) return Result.CONTINUE;
    if (!arg.isEmpty() && !arg.matches("[1-9]\\d{0,3}")) {
      screen.error("back takes a number of steps, e.g. back 2.");
      return Result.CONTINUE;
    }
    int shown = session.reached();
    if (shown == 0) {
      screen.println("  No step has run yet: there is nothing to go back to.");
      return Result.CONTINUE;
    }
    return rewind(Math.max(0, shown - (arg.isEmpty() ? 1 : Integer.parseInt(arg))));
  }

  /** To just before step {@code next}: namespaces cannot be left in place, so a fresh lab is replayed. */
  private Result rewind(int next) {
    screen.println(Screen.DIM, "  A fresh lab, " + replayed(next)
        + " (a namespace change cannot be undone in place).");
    arrived(session.rewind(next, false));
    return Result.CONTINUE;
  }

  private static String replayed(int steps) {
    return steps == 0 ? "nothing to replay" : steps == 1 ? "step 1 replayed silently"
        : "steps 1-" + steps + " replayed silently";
  }

  /** After a replay: what went wrong, or where the learner now is and what Enter does. */
  private void arrived(Optional<String> problem) {
    saveProgress();
    if (problem.isPresent()) {
      screen.error(problem.get() + "; `reset` starts the lesson again.");
      failedChecks++;
      return;
    }
    if (session.awaitingTask()) {
      StepView.turn(screen, session.taskPrompt(), learnerHelp);
    } else if (!session.finished()) {
      screen.println("  Enter runs step " + (session.position() + 1) + ": "
          + session.lesson().step(session.position()).title() + ".");
    } else {
      screen.println("  You are at the end of the lesson.");
    }
  }

  private void saveProgress() {
    if (progress == null || !session.active()) return;
    progress.save(session.progress());
    reportProgressProblem();
  }

  private void reportProgressProblem() {
    if (progress != null) progress.takeProblem().ifPresent(p -> screen.println(Screen.DIM, "  note: " + p + "."));
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
      listener.turnChecked(r, prompt);
      if (!r.passed()) failedChecks += (int) r.checks().stream().filter(c -> !c.held()).count();
    } else {
      long t0 = System.nanoTime(), commands0 = CommandClock.nanos();
      StepResult r = session.runStep();
      long rendering = System.nanoTime();
      StepView.print(screen, r, session.taskPrompt(), learnerHelp);
      long end = System.nanoTime();
      listener.stepRan(r, session.taskPrompt());
      timings.add(new StepTiming((r.index() + 1) + " " + r.step().title(), end - t0, CommandClock.nanos() - commands0,
          end - rendering));
      failedChecks += r.failures();
    }
    boolean justFinished = session.finished();
    // Complete only when it is: the last step's claims held too (a failed step still moves on).
    boolean complete = justFinished && (session.lastStep() == null || session.lastStep().passed());
    if (complete) {
      screen.println();
      screen.println(Screen.GOOD, "■ Lesson complete: " + session.lesson().title() + ".");
      screen.println(Screen.GOOD, "  Every claim was checked on your kernel.");
    } else if (justFinished) {
      screen.println();
      screen.println(Screen.BAD, "■ End of " + session.lesson().title() + ", but the last step's claims did not all hold: "
          + "`trace` shows its syscalls, `back` runs it again on a fresh lab.");
    }
    saveProgress();
    if (justFinished && learnerHelp) whatNext(session.lesson());
    return Result.CONTINUE;
  }

  /** After a lesson: the next one in course order, or after the last, where the learner stands in the course. */
  private void whatNext(Lesson finished) {
    List<Lesson> course = catalog.lessons();
    int at = course.stream().map(Lesson::id).toList().indexOf(finished.id());
    if (at < 0) return; // a lesson from a file, outside the course
    if (at + 1 < course.size()) {
      Lesson next = course.get(at + 1);
      screen.println("  Next in the course: " + next.title() + ". `start " + next.id() + "` begins it.");
      return;
    }
    screen.println();
    var saved = progress == null ? java.util.Map.<String, LessonProgress>of() : progress.all();
    List<String> notDone = course.stream().map(Lesson::id)
        .filter(id -> saved.get(id) == null || !saved.get(id).done()).toList();
    if (progress == null) {
      screen.println(Screen.GOOD, "■ That was the last lesson of the course.");
    } else if (notDone.isEmpty()) {
      screen.println(Screen.GOOD, "■ Course complete: all " + course.size() + " lessons done.");
    } else {
      screen.println(Screen.GOOD, "■ The last lesson of the course. Done: " + (course.size() - notDone.size()) + " of "
          + course.size() + "; still to do: " + String.join(", ", notDone) + ".");
    }
    List<String> withSolution = course.stream().filter(l -> saved.get(l.id()) != null
            && !saved.get(l.id()).solvedWithSolution().isEmpty())
        .map(l -> l.id() + " (step " + String.join(", ", saved.get(l.id()).solvedWithSolution().stream()
            .map(String::valueOf).toList()) + ")").toList();
    if (progress != null) {
      screen.println(withSolution.isEmpty() ? "  Every turn solved without `solution`."
          : "  Solutions used: " + String.join(", ", withSolution) + ".");
    }
    screen.println(Screen.DIM, "  `lessons` shows the whole course.");
  }

  private Result run(String arg) {
    if (arg.isEmpty()) {
      screen.error("usage: run COMMAND (or !COMMAND), e.g. run hostname");
      return Result.CONTINUE;
    }
    if (!requireLesson() || !mayRunOnTheHost("`" + arg + "`")) return Result.CONTINUE;
    CommandResult r = session.run(arg);
    List<Syscall> trace = session.lab().drainTrace();
    for (Syscall s : trace) if (s.failed()) StepView.syscall(screen, s);
    StepView.output(screen, r.output(), Screen.PLAIN);
    if (!r.ok()) screen.println(Screen.DIM, "      (" + r.status() + ")");
    listener.commandRan(arg, r);
    return Result.CONTINUE;
  }

  private Result trace() {
    if (!requireLesson()) return Result.CONTINUE;
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

  private Result code(String args) {
    String flag = args == null ? "" : args.strip();
    if (flag.equals("--c") || flag.equals("--shell")) {
      if (!requireLesson()) return Result.CONTINUE;
      String program = flag.equals("--c") ? CodeProgram.c(session.lesson()) : CodeProgram.shell(session.lesson());
      for (String line : program.split("\n", -1)) screen.println(line);
      screen.println(Screen.DIM, "  (the same from a shell: nslab code " + session.lesson().id() + " " + flag
          + (flag.equals("--c") ? " | gcc -Wall -Werror -x c - -o " + session.lesson().id() : " > "
          + session.lesson().id() + ".sh") + ")");
      return Result.CONTINUE;
    }
    if (!flag.isEmpty()) {
      screen.println("  code takes no argument, --c (the whole lesson as one C program) or --shell (as one script).");
      return Result.CONTINUE;
    }
    if (!requireLesson()) return Result.CONTINUE;
    StepResult last = session.lastStep();
    if (last == null || last.step().code() == null) {
      screen.println("  No code to show yet: " + (session.finished() ? "this lesson has no more steps."
          : "Enter runs the next step."));
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

  private Result tree() {
    if (!requireLesson()) return Result.CONTINUE;
    int tid = session.lab().tid();
    var host = Lab.hostNamespaces();
    ProcessTree.print(screen, host, (int) ProcessHandle.current().pid(), tid, ProcessScan.threadNamespaces(tid),
        ProcessScan.of(host));
    return Result.CONTINUE;
  }

  private Result hint() {
    if (!requireLesson()) return Result.CONTINUE;
    if (!session.awaitingTask()) {
      screen.println("  There is no turn of yours to hint at right now: Enter runs the next step.");
      return Result.CONTINUE;
    }
    String hint = session.hint();
    screen.println(Screen.TURN, "  hint: " + (hint != null ? hint : "no more hints; `solution` shows the answer."));
    return Result.CONTINUE;
  }

  private Result solution() {
    if (!requireLesson()) return Result.CONTINUE;
    if (!session.awaitingTask()) {
      screen.println("  There is no turn of yours right now.");
      return Result.CONTINUE;
    }
    screen.println(Screen.TURN, "  solution: run " + session.solution());
    saveProgress();
    return Result.CONTINUE;
  }

  private Result shell() {
    if (!requireLesson() || !mayRunOnTheHost("a shell")) return Result.CONTINUE;
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
