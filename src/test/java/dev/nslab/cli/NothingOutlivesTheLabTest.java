package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.ChildNslab;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.Var;
import dev.nslab.session.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a lab starts ends with it, however it ends; and what one nslab makes, no other removes. Each
 * case here left something behind, or broke a running learner's lab, before the lab tracked its
 * processes in a cgroup of its own with a watcher, under a random name.
 */
class NothingOutlivesTheLabTest {

  @Test
  void killMinus9DuringAForegroundCommandLeavesNoProcess() throws Exception {
    assumeTrue(Privileges.hostRoot(), "process tracking needs root (CI runs as root)");
    Process repl = ChildNslab.start(); // the REPL, on a dumb terminal over pipes
    try (OutputStream in = repl.getOutputStream()) {
      in.write(
          "start uts\n\n\nrun sleep 932\n"
              .getBytes(StandardCharsets.UTF_8)); // after the unshare step
      in.flush();
      awaitProcesses("sleep 932", 1);
      new ProcessBuilder("kill", "-KILL", String.valueOf(repl.pid())).start().waitFor();
      assertThat(repl.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } catch (IOException e) {
      // the pipe broke as nslab died: fine
    } finally {
      repl.destroyForcibly();
    }
    awaitProcesses("sleep 932", 0);
  }

  @Test
  void aJobInANewSessionEndsWithTheLab() throws Exception {
    assumeTrue(Privileges.hostRoot(), "process tracking needs root (CI runs as root)");
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(LessonCatalog.load(Path.of("lessons")).find("uts").orElseThrow());
      s.runStep();
      s.runStep(); // unshare [uts]
      // A new session escapes the command's process group (killed when it returns) and the
      // parent-death signal (not inherited by forks): only the lab's cgroup still holds it.
      s.run("setsid sleep 903 >/dev/null 2>&1 & sleep 0.3");
      awaitProcesses("sleep 903", 1);
    }
    awaitProcesses("sleep 903", 0);
  }

  @Test
  void anotherNslabInAnotherPidNamespaceLeavesARunningLabsCgroupAlone() throws Exception {
    assumeTrue(Privileges.hostRoot(), "cgroups need root (CI runs as root)");
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(LessonCatalog.load(Path.of("lessons")).find("cgroup").orElseThrow());
      s.runStep();
      s.runStep(); // cgroup: {pids.max: "5"}
      List<Path> mine =
          Stream.of(Var.LAB_CGROUP_PIDS, Var.LAB_CGROUP_MEMORY)
              .map(v -> Path.of(s.lab().variable(v)))
              .filter(Files::isDirectory)
              .toList();
      assertThat(mine).as("the lab made its cgroup").isNotEmpty();
      // A second nslab that cannot see this JVM's PID, as in a container: its doctor and a lab of
      // its own.
      List<String> argv =
          new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount", "--mount-proc"));
      argv.addAll(ChildNslab.command(ChildNslab.classpath(), "play", "uts", "--no-pause"));
      Process other = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).as(out).isZero();
      for (Path dir : mine) assertThat(dir).as("the running lab's cgroup").isDirectory();
    }
  }

  /** argv as the kernel has it, spaces between (a zombie has none). */
  private static String commandLine(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ')
          .strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static void awaitProcesses(String commandLine, int count) throws Exception {
    long seen = -1;
    for (int i = 0; i < 100; i++) {
      seen =
          ProcessHandle.allProcesses()
              .filter(p -> commandLine(p.pid()).equals(commandLine))
              .count();
      if (seen == count) return;
      Thread.sleep(50);
    }
    assertThat(seen).as("processes running `%s`", commandLine).isEqualTo(count);
  }
}
