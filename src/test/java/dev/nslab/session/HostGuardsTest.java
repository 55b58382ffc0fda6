package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.HostSnapshot;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.LabException;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever a lesson says, nslab will not change the host: these actions are refused, unmade. */
class HostGuardsTest {

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mount: {source: nslab-x, target: /mnt, fstype: tmpfs}|nslab refused mount: the lab still shares the host's mnt namespace",
        "msgget: {key: 99}|nslab refused msgget: the lab still shares the host's ipc namespace",
        "link_up: lo|nslab refused link_up: the lab still shares the host's net namespace",
        "sethostname: x|nslab refused sethostname: the lab still shares the host's uts namespace",
        "write: {path: /etc/hosts, data: x}|nslab refused write: /etc/hosts is on the host's file system",
      })
  void anActionOnTheHostsOwnNamespaceIsRefusedBeforeAnySyscall(String action, String message)
      throws Exception {
    assumeTrue(Privileges.root(), "labs run as root in CI");
    var lesson = oneStep("- " + action);
    HostSnapshot before = HostSnapshot.take();
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(lesson);
      assertThatThrownBy(s::runStep).isInstanceOf(LabException.class).hasMessageContaining(message);
      assertThat(s.lab().drainTrace()).as("no syscall was made").isEmpty();
    }
    assertThat(HostSnapshot.take()).isEqualTo(before);
  }

  @Test
  void aMountWhileTheLabsMountsAreSharedIsRefused() throws Exception {
    assumeTrue(Privileges.root(), "labs run as root in CI");
    var lesson =
        oneStep(
            """
        - unshare: [mnt]
        - mount: {target: /, flags: [rec, shared]}
        - mount: {source: nslab-x, target: /mnt, fstype: tmpfs}""");
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(lesson);
      assertThatThrownBy(s::runStep)
          .isInstanceOf(LabException.class)
          .hasMessageContaining("still shared with the host");
    }
  }

  /** A lesson of one step whose actions are the given YAML list items. */
  private static Lesson oneStep(String actions) throws Exception {
    return LessonReader.parse(
        Path.of("guard.yaml"),
        """
        id: guard
        title: t
        summary: s
        steps:
          - id: one
            title: t
            narration: n
            actions:
        """
            + actions.indent(6));
  }
}
