package dev.nslab.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.session.Session;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bottom line says where the learner is and which namespaces the lab has of its own. */
class StatusLineTest {
  @Test
  void withoutALessonItSaysHowToBegin() {
    try (Session session = new Session(LabEnvironment.fromHost(Map.of()))) {
      assertThat(StatusLine.text(session).toString())
          .isEqualTo(" nslab · no lesson running · `lessons` lists them, `start uts` begins ");
    }
  }

  @Test
  void itFollowsTheStepsAndNamesTheNamespacesApartFromTheHost() {
    assumeTrue(Privileges.root(), "lessons run as root in CI");
    try (Session session = new Session(LabEnvironment.fromHost(Map.of()))) {
      session.start(LessonCatalog.load(Path.of("lessons")).find("pid").orElseThrow());
      assertThat(StatusLine.text(session).toString())
          .contains("pid · step 0/7 · apart from the host: nothing yet");
      session.runStep();
      assertThat(StatusLine.text(session).toString())
          .contains("pid · step 1/7 · apart from the host: mnt pid");
    }
  }
}
