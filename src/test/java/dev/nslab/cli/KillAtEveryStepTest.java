package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.ChildNslab;
import dev.nslab.HostSnapshot;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * nslab killed at every step of every lesson: with SIGKILL the kernel must clean up by itself (lab
 * processes die with the JVM, namespaces with their last process), and the lab's cgroup watcher
 * removes its cgroups; nothing is left for a later start to sweep. With SIGINT (Ctrl-C in `play`)
 * and SIGTERM nslab closes its labs itself.
 */
class KillAtEveryStepTest {

  @TestFactory
  Stream<DynamicTest> sigkillAtEveryStepLeavesNothingAtAll() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    return LessonCatalog.load(Path.of("lessons")).lessons().stream()
        .flatMap(
            l ->
                IntStream.rangeClosed(1, l.size())
                    .mapToObj(
                        step ->
                            DynamicTest.dynamicTest(
                                l.id() + " step " + step, () -> killAt(l, step, "KILL"))));
  }

  @TestFactory
  Stream<DynamicTest> ctrlCAndSigtermMidLessonRemoveEverythingAtOnce() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    // The cgroup-heavy lessons, stopped halfway: their cgroups must go without a later sweep.
    return Stream.of("cgroup", "container")
        .flatMap(
            id ->
                Stream.of("INT", "TERM")
                    .map(
                        signal -> {
                          Lesson l = LessonCatalog.load(Path.of("lessons")).find(id).orElseThrow();
                          return DynamicTest.dynamicTest(
                              id + " SIG" + signal, () -> killAt(l, l.size() - 1, signal));
                        }));
  }

  private static void killAt(Lesson lesson, int step, String signal) throws Exception {
    HostSnapshot before = HostSnapshot.take();
    Process p = ChildNslab.start("play", lesson.id(), "--no-pause");
    // A step's header is printed once the step has run: killed here, the lab is in that step's
    // state.
    String marker = lesson.id() + " · step " + step + "/";
    StringBuilder seen = new StringBuilder();
    boolean reached = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        seen.append(line).append('\n');
        if (line.contains(marker)) {
          reached = true;
          break;
        }
      }
      assertThat(reached).as("never reached %s:\n%s", marker, seen).isTrue();
      new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("nslab ended after SIG" + signal).isTrue();
    } finally {
      p.destroyForcibly();
    }

    // SIGKILL included: the kernel ends the lab's processes and namespaces, the watcher its
    // cgroups.
    awaitEqual(before);
  }

  /** The host settles within seconds: the kernel reaps and frees asynchronously. */
  private static void awaitEqual(HostSnapshot before) throws InterruptedException {
    HostSnapshot now = null;
    for (int i = 0; i < 60; i++) {
      now = HostSnapshot.take();
      if (now.equals(before)) return;
      Thread.sleep(50);
    }
    assertThat(now).isEqualTo(before);
  }
}
