package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.lab.Explanations;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.progress.LessonProgress;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.Screen;
import dev.nslab.repl.Commands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's rules on a {@link FakeLab}: no root, no syscalls, well under a second. The lesson
 * (session-rules/rules.yaml) names the lab one, then two; step 3 is the learner's turn (any name
 * but two, solution "solved"); step 4 claims the name is not "broken". The last tests drive it as
 * the learner does, through {@link Commands}, with progress kept in a temporary state dir.
 */
class SessionRulesTest {
  static final LessonCatalog CATALOG =
      LessonCatalog.load(Path.of("src/test/resources/session-rules"));
  static final Lesson RULES = CATALOG.find("rules").orElseThrow();

  final List<String> log = new ArrayList<>();
  final Set<String> refused = new HashSet<>();
  final Session session =
      new Session(LabEnvironment.fromHost(Map.of()), FakeLab.factory(log, refused));

  @AfterEach
  void close() {
    session.close();
  }

  /** Steps 1 and 2 run, the turn shown, then passed with the learner's own commands. */
  private void throughTheTurn(String... learnerCommands) {
    session.start(RULES);
    session.runStep();
    session.runStep();
    session.runStep();
    assertThat(session.awaitingTask()).isTrue();
    for (String c : learnerCommands) session.run(c);
    assertThat(session.checkTask().passed()).as("the turn passed").isTrue();
  }

  @Test
  void gotoReplaysTheStepsBeforeTheTargetInOrderOnAFreshLab() {
    throughTheTurn("hostname mine");
    log.clear();

    assertThat(session.rewind(1, false)).isEmpty(); // goto 2
    assertThat(log).containsExactly("lab 1: closed", "lab 2: opened", "lab 2: sethostname one");
    assertThat(session.next()).isEqualTo(1);
    assertThat(session.awaitingTask()).isFalse();
    assertThat(session.lab().hostname()).isEqualTo("one");

    log.clear();
    assertThat(session.rewind(3, false))
        .isEmpty(); // goto 4: the turn replayed with the learner's command
    assertThat(log)
        .containsExactly(
            "lab 2: closed",
            "lab 3: opened",
            "lab 3: sethostname one",
            "lab 3: sethostname two",
            "lab 3: run hostname mine");
    assertThat(session.lab().hostname()).isEqualTo("mine");
    assertThat(session.next()).isEqualTo(3);
  }

  @Test
  void gotoTheTurnsStepStopsWithTheTurnWaitingAndNothingOfItRun() {
    throughTheTurn("hostname mine");
    log.clear();
    assertThat(session.rewind(2, true)).isEmpty();
    assertThat(log)
        .containsExactly(
            "lab 1: closed", "lab 2: opened", "lab 2: sethostname one", "lab 2: sethostname two");
    assertThat(session.awaitingTask()).isTrue();
    assertThat(session.taskPrompt())
        .isEqualTo("Give the lab a name of your own: run hostname NAME.");
  }

  @Test
  void aStepThatNoLongerReplaysStopsTheSessionBeforeItAndSaysWhy() {
    throughTheTurn("hostname mine");
    refused.add("two"); // the kernel now says no
    Syscall no = new Syscall("sethostname", "\"two\", 3", -1, dev.nslab.lab.Errno.EPERM, 0);
    assertThat(session.rewind(3, false))
        .contains("step 2 did not replay: " + no.render() + ". " + Explanations.of(no));
    assertThat(session.next()).isEqualTo(1);
    assertThat(session.awaitingTask()).isFalse();
  }

  @Test
  void resumeReplaysATurnWithTheLearnersOwnCommands() {
    LessonProgress saved =
        new LessonProgress(
            "rules",
            3,
            false,
            false,
            new TreeSet<>(),
            Map.of(2, List.of("hostname my", "hostname mine")));
    assertThat(session.resume(RULES, saved)).isEmpty();
    assertThat(log)
        .containsExactly(
            "lab 1: opened",
            "lab 1: sethostname one",
            "lab 1: sethostname two",
            "lab 1: run hostname my",
            "lab 1: run hostname mine");
    assertThat(session.lab().hostname()).isEqualTo("mine");
    assertThat(session.progress().taskCommands())
        .isEqualTo(Map.of(2, List.of("hostname my", "hostname mine")));
    assertThat(session.next()).isEqualTo(3);
  }

  @Test
  void resumeFallsBackToTheSolutionWhenTheLearnersCommandsNoLongerPass() {
    LessonProgress saved =
        new LessonProgress(
            "rules",
            3,
            false,
            false,
            new TreeSet<>(),
            Map.of(2, List.of("hostname two"))); // the turn asks for any name but two
    assertThat(session.resume(RULES, saved)).isEmpty();
    assertThat(log)
        .containsExactly(
            "lab 1: opened",
            "lab 1: sethostname one",
            "lab 1: sethostname two",
            "lab 1: run hostname two",
            "lab 1: run hostname solved");
    assertThat(session.progress().taskCommands())
        .as("the solution is now the turn's record")
        .isEqualTo(Map.of(2, List.of("hostname solved")));
  }

  @Test
  void resumeKeepsWhatTheProgressSays() {
    LessonProgress saved =
        new LessonProgress("rules", 2, true, true, new TreeSet<>(Set.of(3)), Map.of());
    assertThat(session.resume(RULES, saved)).isEmpty();
    assertThat(session.awaitingTask()).isTrue();
    assertThat(session.progress()).isEqualTo(saved);
  }

  @Test
  void askingForTheSolutionIsRecordedInProgress() {
    session.start(RULES);
    session.runStep();
    session.runStep();
    session.runStep();
    assertThat(session.progress().solvedWithSolution()).isEmpty();
    assertThat(session.solution()).isEqualTo("hostname solved");
    assertThat(session.progress().solvedWithSolution()).containsExactly(3);
  }

  // As the learner types it: goto, back, progress after each step, the end.

  @TempDir Path state;
  final StringWriter screen = new StringWriter();

  private Commands commands() {
    // As root the fake lab is "the host": say yes to run there.
    return new Commands(
        session,
        CATALOG,
        new Screen(new PrintWriter(screen), false),
        new Commands.Setup(
            LessonListener.all(List.of()),
            Optional.of(new ProgressStore(state)),
            true,
            Optional.of(question -> true),
            Optional.empty()));
  }

  private LessonProgress saved() {
    return new ProgressStore(state).of("rules").orElseThrow();
  }

  @Test
  void progressIsSavedAfterEachStepAndTurn() {
    Commands c = commands();
    c.execute("start rules");
    List<String> after = new ArrayList<>();
    for (String typed : List.of("next", "next", "next", "run hostname mine", "next", "next")) {
      c.execute(typed);
      LessonProgress p = new ProgressStore(state).of("rules").orElse(null);
      after.add(
          typed
              + " -> "
              + (p == null
                  ? "nothing saved"
                  : p.next()
                      + (p.awaitingTask() ? " waiting" : "")
                      + (p.done() ? " done" : "")
                      + " "
                      + p.taskCommands()));
    }
    assertThat(after)
        .containsExactly(
            "next -> 1 {}",
            "next -> 2 {}",
            "next -> 2 waiting {}",
            "run hostname mine -> 2 waiting {}",
            "next -> 3 {2=[hostname mine]}",
            "next -> 4 done {2=[hostname mine]}");
  }

  @Test
  void backNGoesBackNStepsOnAFreshLab() {
    Commands c = commands();
    c.execute("start rules");
    c.execute("next");
    c.execute("next");
    c.execute("next"); // step 3 shown: the turn waits
    log.clear();
    c.execute("back 2");
    assertThat(log).containsExactly("lab 1: closed", "lab 2: opened", "lab 2: sethostname one");
    assertThat(session.reached()).isEqualTo(1);
    assertThat(screen.toString()).contains("A fresh lab, step 1 replayed silently");
    assertThat(saved().next()).as("saved where back led").isEqualTo(1);
  }

  @Test
  void theEndSaysCompleteOnlyWhenTheLastStepHeld() {
    Commands c = commands();
    c.execute("start rules");
    for (String typed :
        List.of("next", "next", "next", "run hostname mine", "next", "run hostname broken")) {
      c.execute(typed);
    }
    c.execute("next"); // step 4: the name is "broken"
    assertThat(session.finished()).isTrue();
    assertThat(session.complete()).isFalse();
    assertThat(screen.toString())
        .contains(
            "■ End of Rules: replay, turns, progress, but the last step's claims "
                + "did not all hold")
        .doesNotContain("Lesson complete");

    c.execute(
        "back"); // a fresh lab: the turn replayed with "hostname mine", not the later "broken"
    c.execute("next");
    assertThat(session.complete()).isTrue();
    assertThat(screen.toString()).contains("■ Lesson complete: Rules: replay, turns, progress.");
    assertThat(saved().done()).isTrue();
  }
}
