package dev.nslab.session;

import dev.nslab.lab.Cgroups;
import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Step;
import dev.nslab.lesson.Var;
import dev.nslab.lab.Privileges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.nslab.progress.LessonProgress;

/**
 * A learner's session: the lesson under way, the step they are on, and the live lab. The REPL
 * and {@code play} both drive a lesson only through this class.
 */
public final class Session implements AutoCloseable {
  private final LabEnvironment environment;
  private Lesson lesson;
  private Lab lab;
  private Vars vars;
  private String hostHostname;
  private long labStarted;
  private int next;
  private boolean awaitingTask;
  private int hintsShown;
  private StepResult last;
  private boolean completedOnce;
  private final java.util.SortedSet<Integer> solvedWithSolution = new java.util.TreeSet<>();
  private final Map<Integer, List<String>> turns = new java.util.HashMap<>();
  private final List<String> turnCommands = new ArrayList<>();

  public Session(LabEnvironment environment) {
    this.environment = environment;
  }

  /** Starts a lesson afresh on a fresh lab; any lab before it is torn down first. */
  public void start(Lesson lesson) {
    completedOnce = false;
    solvedWithSolution.clear();
    turns.clear();
    openLab(lesson);
  }

  private void openLab(Lesson lesson) {
    closeLab();
    this.lesson = lesson;
    this.next = 0;
    this.awaitingTask = false;
    this.hintsShown = 0;
    this.last = null;
    this.turnCommands.clear();
    this.hostHostname = HostShell.hostname();
    this.lab = Lab.open(environment);
    this.labStarted = System.currentTimeMillis() / 1000;
    this.vars = new Vars(this::variable);
  }

  /** Where the learner is, for their progress file. */
  public LessonProgress progress() {
    return new LessonProgress(lesson.id(), next, awaitingTask, completedOnce || finished(), solvedWithSolution, turns);
  }

  /** Takes a learner back to where their progress says they were: a fresh lab, replayed. */
  public Optional<String> resume(Lesson lesson, LessonProgress progress) {
    openLab(lesson);
    completedOnce = progress.done();
    solvedWithSolution.clear();
    solvedWithSolution.addAll(progress.solvedWithSolution());
    turns.clear();
    turns.putAll(progress.turns());
    return replay(Math.min(progress.next(), lesson.size()), progress.awaitingTask());
  }

  /**
   * Goes to a point of the lesson: step {@code targetNext} is the one Enter runs next (with
   * {@code targetAwaiting}, it has run and waits for the learner's turn). A namespace change
   * cannot be undone in place, so this builds a fresh lab and replays every step before it,
   * silently; each turn is replayed with the commands the learner ran for it, else the
   * solution. Returns why a step would not replay, with the session stopped before that step.
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
        if (!replayTurn()) return Optional.of("your turn at step " + number + " did not pass again on the fresh lab");
      } else {
        StepResult r = runStep();
        if (!r.passed()) {
          next = r.index();
          awaitingTask = false;
          return Optional.of("step " + number + " did not replay: "
              + (r.unexpectedFailure() != null ? r.unexpectedFailure() : "a check failed"));
        }
      }
    }
    hintsShown = 0;
    return Optional.empty();
  }

  /** The learner's own commands for this turn, else the solution, then the kernel's check. */
  private boolean replayTurn() {
    List<String> own = turns.getOrDefault(next, List.of());
    turnCommands.clear();
    turnCommands.addAll(own); // kept as the turn's record when it passes again
    for (String command : own) lab.run(command);
    if (!own.isEmpty() && checkTask().passed()) return true;
    String solution = solutionForReplay();
    turnCommands.clear();
    turnCommands.add(solution);
    lab.run(solution);
    return checkTask().passed();
  }

  /** The values ${...} names stand for, read when used: lab.init changes as the lesson goes. */
  private String variable(Var name) {
    return switch (name) {
      case HOST_HOSTNAME -> hostHostname;
      case LAB_INIT -> String.valueOf(lab.initPid());
      case LAB_TID -> String.valueOf(lab.tid());
      case LAB_CHILD -> String.valueOf(lab.childPid());
      case HOST_UID -> String.valueOf(Privileges.uid());
      case HOST_GID -> String.valueOf(Privileges.gid());
      case LAB_CGROUP_PIDS -> cgroupDir(Cgroups.detect().pids());
      case LAB_CGROUP_MEMORY -> cgroupDir(Cgroups.detect().memory());
      case HOST_CGROUP -> Cgroups.detect().describe();
      case LAB_VOLUME -> volume().toString();
      case LAB_STARTED -> String.valueOf(labStarted);
      case HOST_UPTIME -> HostShell.uptimeSeconds();
      case LAB_ROOTFS -> dev.nslab.lab.Rootfs.ensure(environment).toString();
    };
  }

  /** The host directory a container lesson mounts as its volume: $NSLAB_VOLUME, else STATE/volume. */
  private java.nio.file.Path volume() {
    java.nio.file.Path dir = environment.volume();
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new dev.nslab.lab.LabException("cannot create the volume directory " + dir + ": " + e.getMessage());
    }
    return dir;
  }

  private String cgroupDir(java.nio.file.Path root) {
    return root == null ? "(no such controller here)" : lab.cgroup(root).toString();
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

  /** The index of the step that {@code next} will run (or check, on the learner's turn). */
  public int position() {
    return next;
  }

  /** The step number the learner sees: steps run so far, the one waiting for their turn included. */
  public int reached() {
    return next + (awaitingTask ? 1 : 0);
  }

  public boolean awaitingTask() {
    return awaitingTask;
  }

  public boolean finished() {
    return lesson != null && next >= lesson.size();
  }

  /** The step being worked on: the one awaiting the learner, else the last one run. */
  public Step current() {
    if (lesson == null || next == 0 && !awaitingTask) return null;
    return lesson.step(awaitingTask ? next : next - 1);
  }

  /** Runs the next step. */
  public StepResult runStep() {
    Step step = lesson.step(next);
    Map<Namespace, Long> host = Lab.hostNamespaces();
    Map<Namespace, Long> before = lab.namespaces();
    Map<String, String> labBefore = new LinkedHashMap<>();
    for (String cmd : step.show()) labBefore.put(cmd, lab.observe(vars.expand(cmd)).output());

    List<ActionResult> results = new ArrayList<>();
    String unexpected = null;
    for (Action action : step.actions()) {
      ActionResult r = ActionRunner.apply(lab, action, vars);
      results.add(r);
      if (r.failed() && !expectsRefusal(step, r)) {
        unexpected = describeFailure(r);
        break;
      }
    }

    List<Shown> shown = new ArrayList<>();
    for (String cmd : step.show()) {
      String expanded = vars.expand(cmd);
      shown.add(new Shown(expanded, labBefore.get(cmd), lab.observe(expanded).output(), HostShell.run(expanded).output()));
    }
    List<Check> checks = new Checker(lab, vars, hostHostname).check(step.checks(), results);
    StepResult result = new StepResult(lesson, next, vars.expand(step.narration()), results, host, before, lab.namespaces(), shown,
        checks, unexpected);
    hintsShown = 0;
    last = result;
    if (step.hasTask() && result.passed()) {
      awaitingTask = true;
      turnCommands.clear();
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
    return new Checker(lab, vars, hostHostname).check(claims, List.of());
  }

  /** The last step run, for `trace` and `code`; null before the first. */
  public StepResult lastStep() {
    return last;
  }

  /** Checks the learner's turn against the kernel; on success the lesson moves on. */
  public TaskResult checkTask() {
    Step step = lesson.step(next);
    TaskResult result = new TaskResult(step, new Checker(lab, vars, hostHostname).check(step.task().checks(), List.of()));
    if (result.passed()) {
      turns.put(next, List.copyOf(turnCommands));
      turnCommands.clear();
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

  /** The answer, without counting as asked for: {@code play} and {@code present} perform turns with it. */
  public String solutionForReplay() {
    return awaitingTask ? vars.expand(lesson.step(next).task().solution()) : null;
  }

  /**
   * A command of the learner's (or a task's solution), run in the lab and traced. During their
   * turn it is remembered: {@code goto} and {@code resume} replay a turn with the learner's own commands.
   */
  public CommandResult run(String command) {
    if (awaitingTask) turnCommands.add(command);
    return lab.runTraced(command);
  }

  /** Opens an interactive shell in the lab on the learner's terminal. */
  public CommandResult shell() {
    List<String> argv = environment.shell() != null && !lab.rootMoved()
        ? List.of(environment.shell(), "--norc", "--noprofile", "-i") // dash cannot show \h or \w
        : List.of("/bin/sh", "-l"); // a login shell reads the root filesystem's /etc/profile
    return lab.interactive("sh", argv);
  }

  public Lab lab() {
    return lab;
  }

  public LabEnvironment environment() {
    return environment;
  }

  /** Ctrl-C: stops the command the lab is waiting for. */
  public void cancel() {
    if (lab != null) lab.cancel();
  }

  private static boolean expectsRefusal(Step step, ActionResult r) {
    return r.syscalls().stream().filter(s -> s.failed()).allMatch(s -> step.expect().stream()
        .anyMatch(e -> e instanceof Expectation.Refused x && x.call().equals(s.name())
            && x.errno().equals(dev.nslab.lab.Errno.name(s.errno()))));
  }

  private static String describeFailure(ActionResult r) {
    return r.syscalls().stream().filter(s -> s.failed()).findFirst()
        .map(s -> s.render() + ". " + dev.nslab.lab.Explanations.of(s))
        .orElse(r.action().name() + " failed");
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
