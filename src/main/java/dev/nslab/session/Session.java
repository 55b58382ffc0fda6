package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Step;
import dev.nslab.progress.LessonProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A learner's session: the lesson under way, the step they are on, and the live lab. The REPL and
 * {@code play} both drive a lesson only through this class. It reaches the lab only through {@link
 * SessionLab}, opening a fresh one from {@code labs} for each start and rewind.
 */
public final class Session implements AutoCloseable {
  private final LabEnvironment environment;
  private final Supplier<SessionLab> labs;
  private Lesson lesson;
  private SessionLab lab;
  private Vars vars;
  private int next;
  private boolean awaitingTask;
  private int hintsShown;
  private StepResult last;
  private boolean completedOnce;
  private final SortedSet<Integer> solvedWithSolution = new TreeSet<>();
  private final Map<Integer, List<String>> taskCommands = new HashMap<>();
  private final List<String> currentTaskCommands = new ArrayList<>();

  /** A session on the kernel: each lab a {@link KernelLab}. */
  public Session(LabEnvironment environment) {
    this(environment, () -> KernelLab.open(environment));
  }

  /** A session whose labs come from {@code labs}: tests give a fake. */
  public Session(LabEnvironment environment, Supplier<SessionLab> labs) {
    this.environment = environment;
    this.labs = labs;
  }

  /** Starts a lesson afresh on a fresh lab; any lab before it is torn down first. */
  public void start(Lesson lesson) {
    completedOnce = false;
    solvedWithSolution.clear();
    taskCommands.clear();
    openLab(lesson);
  }

  private void openLab(Lesson lesson) {
    closeLab();
    this.lesson = lesson;
    this.next = 0;
    this.awaitingTask = false;
    this.hintsShown = 0;
    this.last = null;
    this.currentTaskCommands.clear();
    SessionLab opened = labs.get();
    this.lab = opened;
    this.vars = new Vars(opened::variable);
  }

  /** Where the learner is, for their progress file. */
  public LessonProgress progress() {
    return new LessonProgress(
        lesson.id(),
        next,
        awaitingTask,
        completedOnce || finished(),
        solvedWithSolution,
        taskCommands);
  }

  /** Takes a learner back to where their progress says they were: a fresh lab, replayed. */
  public Optional<String> resume(Lesson lesson, LessonProgress progress) {
    openLab(lesson);
    completedOnce = progress.done();
    solvedWithSolution.clear();
    solvedWithSolution.addAll(progress.solvedWithSolution());
    taskCommands.clear();
    taskCommands.putAll(progress.taskCommands());
    return replay(Math.min(progress.next(), lesson.size()), progress.awaitingTask());
  }

  /**
   * Goes to a point of the lesson: step {@code targetNext} is the one Enter runs next (with {@code
   * targetAwaiting}, it has run and waits for the learner's turn). A namespace change cannot be
   * undone in place, so this builds a fresh lab and replays every step before it, silently; each
   * turn is replayed with the commands the learner ran for it, else the solution. Returns why a
   * step would not replay, with the session stopped before that step.
   */
  public Optional<String> rewind(int targetNext, boolean targetAwaiting) {
    completedOnce |= finished(); // going back after the end leaves the lesson done
    openLab(lesson);
    return replay(targetNext, targetAwaiting);
  }

  private Optional<String> replay(int targetNext, boolean targetAwaiting) {
    int target = 2 * targetNext + (targetAwaiting ? 1 : 0);
    while (2 * next + (awaitingTask ? 1 : 0) < target && next < lesson.size()) {
      int number = next + 1;
      if (awaitingTask) {
        if (!replayTask())
          return Optional.of(
              "your turn at step " + number + " did not pass again on the fresh lab");
      } else {
        StepResult r = runStep();
        if (!r.passed()) {
          next = r.index();
          awaitingTask = false;
          return Optional.of(
              "step "
                  + number
                  + " did not replay: "
                  + r.unexpectedFailure().orElse("a check failed"));
        }
      }
    }
    hintsShown = 0;
    return Optional.empty();
  }

  /** The learner's own commands for this turn, else the solution, then the kernel's check. */
  private boolean replayTask() {
    List<String> own = taskCommands.getOrDefault(next, List.of());
    currentTaskCommands.clear();
    currentTaskCommands.addAll(own); // kept as the turn's record when it passes again
    for (String command : own) lab.run(command);
    if (!own.isEmpty() && checkTask().passed()) return true;
    String solution = solutionForReplay();
    currentTaskCommands.clear();
    currentTaskCommands.add(solution);
    lab.run(solution);
    return checkTask().passed();
  }

  /** The learner's turn, its ${...} filled in. */
  public String taskPrompt() {
    return awaitingTask ? vars.expand(lesson.step(next).task().prompt()) : null;
  }

  public boolean active() {
    return lesson != null;
  }

  public Lesson lesson() {
    return lesson;
  }

  /**
   * Where the learner is, as progress records it: the 0-based index of the step Enter runs next (or
   * checks, while its task waits). {@link #reached} is the number the screen shows.
   */
  public int next() {
    return next;
  }

  /**
   * The step number the learner sees: steps run so far, the one waiting for their turn included.
   */
  public int reached() {
    return next + (awaitingTask ? 1 : 0);
  }

  public boolean awaitingTask() {
    return awaitingTask;
  }

  public boolean finished() {
    return lesson != null && next >= lesson.size();
  }

  /**
   * At the end, and the last step's claims held (a step whose claims fail still moves on): only
   * then is the lesson complete.
   */
  public boolean complete() {
    return finished() && (last == null || last.passed());
  }

  /** The step being worked on: the one awaiting the learner, else the last one run. */
  public Step current() {
    if (lesson == null || next == 0 && !awaitingTask) return null;
    return lesson.step(awaitingTask ? next : next - 1);
  }

  /** Runs the next step. */
  public StepResult runStep() {
    StepResult result = StepRun.run(lab, vars, lesson, next);
    hintsShown = 0;
    last = result;
    if (lesson.step(next).hasTask() && result.passed()) {
      awaitingTask = true;
      currentTaskCommands.clear();
    } else {
      next++;
    }
    return result;
  }

  /**
   * Checks claims against the lab as it is now, changing nothing of the session: the suite asks
   * whether a step's claims already hold before its actions ran (then they prove nothing).
   */
  public List<Check> probe(List<Expectation> claims) {
    return lab.check(claims, List.of(), vars);
  }

  /** The last step run, for `trace` and `code`; null before the first. */
  public StepResult lastStep() {
    return last;
  }

  /** Checks the learner's turn against the kernel; on success the lesson moves on. */
  public TaskResult checkTask() {
    Step step = lesson.step(next);
    TaskResult result =
        new TaskResult(step, lab.check(step.task().expectations(), List.of(), vars));
    if (result.passed()) {
      taskCommands.put(next, List.copyOf(currentTaskCommands));
      currentTaskCommands.clear();
      awaitingTask = false;
      next++;
    }
    return result;
  }

  /** The next hint for the learner's turn, or null when there are no more. */
  public String hint() {
    if (!awaitingTask) return null;
    List<String> hints = lesson.step(next).task().hints();
    if (hintsShown >= hints.size()) return null;
    return vars.expand(hints.get(hintsShown++));
  }

  /** The answer to the learner's turn; their progress records that they asked for it. */
  public String solution() {
    if (!awaitingTask) return null;
    solvedWithSolution.add(next + 1);
    return solutionForReplay();
  }

  /**
   * The answer, without counting as asked for: {@code play} and {@code present} perform
   * taskCommands with it.
   */
  public String solutionForReplay() {
    return awaitingTask ? vars.expand(lesson.step(next).task().solution()) : null;
  }

  /**
   * A command of the learner's (or a task's solution), run in the lab and traced. During their turn
   * it is remembered: {@code goto} and {@code resume} replay a turn with the learner's own
   * commands.
   */
  public CommandResult run(String command) {
    if (awaitingTask) currentTaskCommands.add(command);
    return lab.runTraced(command);
  }

  /** Opens an interactive shell in the lab on the learner's terminal. */
  public CommandResult shell() {
    return lab.shell();
  }

  /** The live lab: for the namespace table, the trace, the process tree. */
  public SessionLab lab() {
    return lab;
  }

  public LabEnvironment environment() {
    return environment;
  }

  /** Ctrl-C: stops the command the lab is waiting for. */
  public void cancel() {
    if (lab != null) lab.cancel();
  }

  private void closeLab() {
    if (lab != null) {
      lab.close();
      lab = null;
    }
  }

  /** Tears the lab down: the host is as before the lesson. */
  @Override
  public void close() {
    closeLab();
    lesson = null;
  }
}
