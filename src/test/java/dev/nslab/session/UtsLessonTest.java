package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.Lab;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The UTS lesson replayed step by step on the real kernel, checking the kernel ourselves too. */
class UtsLessonTest {

  @Test
  void theUtsLessonChangesTheLabsHostnameAndNeverTheHosts() throws Exception {
    assumeTrue(Privileges.root(), "lessons run as root in CI");
    Lesson uts = LessonReader.read(Path.of("lessons/uts.yaml"));
    String host = HostShell.hostname();
    Map<Namespace, Long> hostNs = Lab.hostNamespaces();
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(uts);
      StepResult look = s.runStep();
      assertThat(look.passed()).isTrue();
      assertThat(s.lab().namespaces()).isEqualTo(hostNs);

      StepResult unshare = s.runStep();
      assertThat(unshare.passed()).isTrue();
      assertThat(unshare.actions().get(0).syscalls().get(0).render())
          .isEqualTo("unshare(CLONE_NEWUTS) = 0");
      assertThat(unshare.labAfter().get(Namespace.UTS)).isNotEqualTo(hostNs.get(Namespace.UTS));

      StepResult named = s.runStep();
      assertThat(named.passed()).isTrue();
      assertThat(s.lab().hostname()).isEqualTo("nslab-uts");
      assertThat(named.shown().get(0).labAfter().strip()).isEqualTo("nslab-uts");
      assertThat(named.shown().get(0).host().strip()).isEqualTo(host);

      assertThat(s.runStep().passed()).isTrue();

      StepResult turn = s.runStep();
      assertThat(s.awaitingTask()).isTrue();
      assertThat(turn.step().id()).isEqualTo("your-turn");
      assertThat(s.checkTask().passed()).as("nothing done yet").isFalse();
      assertThat(s.run("hostname nslab-mine").ok()).isTrue();
      TaskResult done = s.checkTask();
      assertThat(done.passed()).isTrue();
      assertThat(s.finished()).isTrue();
      assertThat(HostShell.hostname()).isEqualTo(host);
    }
    assertThat(HostShell.hostname()).isEqualTo(host);
    assertThat(Lab.hostNamespaces()).isEqualTo(hostNs);
  }
}
