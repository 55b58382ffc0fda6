package dev.nslab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.LessonPlay;
import dev.nslab.lab.Privileges;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bundled lesson, played on the real kernel exactly as `nslab play LESSON --no-pause` does:
 * every claim must hold (exit 0), and the host must be as it was before. A lesson that went stale
 * fails here, not in front of a learner.
 */
class EveryLessonReplaysTest {

  @TestFactory
  Stream<DynamicTest> everyLessonPassesLiveAndLeavesTheHostAsItWas() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    return LessonCatalog.load(Path.of("lessons")).lessons().stream()
        .map(l -> DynamicTest.dynamicTest(l.id(), () -> replay(l.id())));
  }

  /**
   * Before Linux 6.15 proc has no pidns= option: a process inside the lab's PID namespace mounts it
   * instead. Forced here, so the lessons that mount one pass on older kernels too.
   */
  @TestFactory
  Stream<DynamicTest> lessonsThatMountProcPassWithoutThePidnsOption() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    return LessonCatalog.load(Path.of("lessons")).lessons().stream()
        .filter(
            l ->
                l.steps().stream()
                    .flatMap(s -> s.actions().stream())
                    .anyMatch(a -> a instanceof MountAction.Mount m && "proc".equals(m.fstype())))
        .map(
            l ->
                DynamicTest.dynamicTest(
                    l.id(),
                    () -> {
                      System.setProperty("nslab.procPidns", "false");
                      try {
                        assertThat(replay(l.id()))
                            .contains(
                                "posix_spawn(\"/bin/sh\", [\"sh\", \"-c\", \"mount -t proc -o nosuid,nodev,noexec proc '");
                      } finally {
                        System.clearProperty("nslab.procPidns");
                      }
                    }));
  }

  @TempDir static Path state;

  private static String replay(String id) {
    // The container lesson leaves a file in its volume, which lives in the state directory.
    String transcript = LessonPlay.completesLeavingTheHostAsItWas(state, id);
    // Every ${...} the learner reads is filled in: narration, prompts, checks.
    assertThat(transcript).doesNotContain("${");
    return transcript;
  }
}
