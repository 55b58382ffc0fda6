package dev.nslab.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.Screen;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Between lessons the next one is offered; after the last, where the learner stands in the course.
 */
class CourseFlowTest {
  @TempDir Path state;

  @Test
  void aFinishedLessonOffersTheNextAndTheLastOneSumsUpTheCourse() {
    assumeTrue(Privileges.root(), "labs run as root in CI");
    StringWriter text = new StringWriter();
    try (Session session = new Session(LabEnvironment.fromHost(Map.of()))) {
      Commands commands =
          new Commands(
              session,
              LessonCatalog.load(Path.of("src/test/resources/course-of-two")),
              new Screen(new PrintWriter(text), false),
              new Commands.Setup(
                  LessonListener.all(List.of()),
                  Optional.of(new ProgressStore(state)),
                  true,
                  Optional.empty(),
                  Optional.empty()));
      commands.execute("start first");
      commands.execute("next");
      assertThat(text.toString())
          .contains(
              "■ Lesson complete: First: a look around.",
              "Next in the course: Last: a hostname. `start last` begins it.");

      commands.execute("start last");
      commands.execute("next");
      commands.execute("solution");
      commands.execute("run hostname mine");
      text.getBuffer().setLength(0);
      commands.execute("next");
      assertThat(text.toString())
          .contains(
              "■ Lesson complete: Last: a hostname.",
              "■ Course complete: all 2 lessons done.",
              "Solutions used: last (step 1).")
          .doesNotContain("Next in the course");
    }
  }
}
