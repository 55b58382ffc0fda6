package dev.nslab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `nslab check` tells an author, at LINE:COL and before anything runs, what the guards would
 * refuse.
 */
class GuardPreviewTest {
  @TempDir Path dir;

  @Test
  void anActionBeforeTheNamespaceItNeedsIsReportedWhereItStands() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("early.yaml"),
            """
        id: early
        title: t
        summary: s
        steps:
          - id: one
            title: t
            narration: n
            actions:
              - unshare: [pid]
              - link_add: {veth: [nslab-a, nslab-b], peer_in: init}
              - unshare: [uts]
              - sethostname: fine
              - msgget: {key: 7}
        """);
    assertThat(LessonReader.guardPreview(file))
        .extracting(LessonProblem::render)
        .containsExactly(
            file
                + ":10:9: steps[0].actions[1]: nslab would refuse link_add here: no unshare of net comes before it,"
                + " so the lab would still share the host's net namespace (guard: "
                + Action.Kind.LINK_ADD.guard
                + ")",
            file
                + ":13:9: steps[0].actions[4]: nslab would refuse msgget here: no unshare of ipc comes before it,"
                + " so the lab would still share the host's ipc namespace (guard: "
                + Action.Kind.MSGGET.guard
                + ")");
  }

  @Test
  void everyBundledAndDocumentedLessonPreviewsClean() throws Exception {
    try (Stream<Path> files =
        Stream.concat(
            Files.list(Path.of("lessons")), Files.list(Path.of("src/test/resources/docproof")))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        assertThat(LessonReader.guardPreview(f)).as(f.toString()).isEmpty();
      }
    }
  }
}
