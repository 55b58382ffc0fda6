package dev.nslab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.session.Check;
import dev.nslab.session.Session;
import dev.nslab.session.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A claim that already holds before its step acts proves nothing: a learner would read a green
 * check for something the step did not do. Every lesson is replayed, and before each step's actions
 * (and before each turn's solution) its claims are checked against the lab as it is: none may hold
 * yet. What holds on purpose (the host keeps its name) belongs in {@code keeps}.
 */
class ChecksThatCanFailTest {

  @TestFactory
  Stream<DynamicTest> noClaimHoldsBeforeItsStepActs() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    return LessonCatalog.load(Path.of("lessons")).lessons().stream()
        .map(
            l ->
                DynamicTest.dynamicTest(
                    l.id(), () -> assertThat(claimsHoldingWithoutTheirStep(l)).isEmpty()));
  }

  /** "step 3 (unshare): the lab has its own uts namespace" for each claim that held too early. */
  static List<String> claimsHoldingWithoutTheirStep(Lesson lesson) {
    List<String> early = new ArrayList<>();
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(lesson);
      for (int i = 0; i < lesson.size(); i++) {
        Step step = lesson.step(i);
        String where = "step " + (i + 1) + " (" + step.id() + ")";
        // A probe runs commands in the lab: before offsets are written to a new time namespace,
        // the first of them would enter it and freeze the offsets (EACCES). Such steps are read,
        // not probed.
        boolean timeOffsets =
            step.actions().stream()
                .anyMatch(a -> a instanceof Action.Write w && w.path().contains("timens_offsets"));
        if (!step.actions().isEmpty() && !timeOffsets) {
          for (Check c : s.probe(step.expect())) if (c.held()) early.add(where + ": " + c.claim());
        }
        StepResult r = s.runStep();
        assertThat(r.passed()).as(where + " plays").isTrue();
        if (step.hasTask()) {
          for (Check c : s.probe(step.task().expect()))
            if (c.held()) early.add(where + " turn: " + c.claim());
          s.run(s.solutionForReplay());
          assertThat(s.checkTask().passed()).as(where + " turn, with its solution").isTrue();
        }
      }
    }
    return early;
  }
}
