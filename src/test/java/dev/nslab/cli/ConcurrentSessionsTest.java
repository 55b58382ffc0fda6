package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.ChildNslab;
import dev.nslab.HostSnapshot;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A workshop server: ten nslab sessions at once, every lesson among them and two of the same. Each
 * must pass as if it were alone (no shared names: cgroup names are random, links and IPC objects
 * live in each lab's own namespaces), and the host must be as before.
 */
class ConcurrentSessionsTest {

  @Test
  void tenSessionsAtOnceAllPassAndLeaveTheHostAsItWas() throws Exception {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    List<String> lessons =
        new ArrayList<>(
            LessonCatalog.load(Path.of("lessons")).lessons().stream().map(Lesson::id).toList());
    while (lessons.size() < 10) lessons.add(lessons.get(lessons.size() % 3)); // and some twice
    HostSnapshot before = HostSnapshot.take();

    List<Process> running = new ArrayList<>();
    for (String id : lessons.subList(0, 10))
      running.add(ChildNslab.start("play", id, "--no-pause"));
    List<CompletableFuture<String>> outputs =
        running.stream()
            .map(
                p ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            return new String(
                                p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                          } catch (IOException e) {
                            return e.toString();
                          }
                        }))
            .toList();

    for (int i = 0; i < running.size(); i++) {
      Process p = running.get(i);
      boolean ended = p.waitFor(240, TimeUnit.SECONDS);
      if (!ended) p.destroyForcibly();
      String out = outputs.get(i).get(10, TimeUnit.SECONDS);
      assertThat(ended).as(lessons.get(i) + " ended").isTrue();
      assertThat(p.exitValue()).as(lessons.get(i) + ":\n" + out).isZero();
      assertThat(out).contains("Lesson complete");
    }
    Thread.sleep(300);
    assertThat(HostSnapshot.take()).isEqualTo(before);
  }
}
