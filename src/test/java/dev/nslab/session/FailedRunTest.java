package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.LessonReader;
import dev.nslab.render.StepView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose command fails fails its step, with no check failing; one marked fails: true passes
 * only by failing.
 */
class FailedRunTest {
  @TempDir Path dir;

  @Test
  void aFailedRunFailsItsStepUnlessTheStepRunsItToFail() throws Exception {
    assumeTrue(Privileges.root(), "labs run as root in CI");
    Path file =
        Files.writeString(
            dir.resolve("runs.yaml"),
            """
        id: runs
        title: t
        summary: s
        steps:
          - {id: apart, title: t, narration: n, actions: [unshare: [uts]]}
          - {id: fails, title: t, narration: n, actions: [run: "echo no; exit 3"]}
          - {id: meant, title: t, narration: n, actions: [run: {command: "exit 3", fails: true}]}
          - {id: surprise, title: t, narration: n, actions: [run: {command: "true", fails: true}]}
        """);
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(LessonReader.read(file));
      assertThat(s.runStep().passed()).isTrue();
      StepResult fails = s.runStep();
      assertThat(fails.checks()).isEmpty();
      assertThat(fails.passed()).isFalse();
      assertThat(fails.failures()).isEqualTo(1);
      assertThat(StepView.commandEnd(fails.actions().get(0)))
          .isEqualTo("the command failed: exit 3");
      assertThat(s.runStep().passed()).isTrue();
      StepResult surprise = s.runStep();
      assertThat(surprise.passed()).isFalse();
      assertThat(StepView.commandEnd(surprise.actions().get(0)))
          .isEqualTo("the command succeeded (exit 0), but the step expects it to fail");
    }
  }
}
