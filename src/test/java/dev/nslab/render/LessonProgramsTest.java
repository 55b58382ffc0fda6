package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.HostSnapshot;
import dev.nslab.cli.Cli;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Rootfs;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nslab code LESSON --c} and {@code --shell} are real programs: every lesson's C compiles
 * with {@code gcc -Wall -Werror}, and the C and the shell script, run inside a throwaway set of
 * namespaces ({@code unshare --mount --uts --ipc --net --pid --fork --mount-proc}), do what the
 * lesson claims. Where gcc is missing, the C tests are skipped and say so.
 */
class LessonProgramsTest {
  private static final List<Lesson> LESSONS = LessonCatalog.load(Path.of("lessons")).lessons();

  /**
   * The lesson's central claims, as patterns its program's output must contain: C and shell alike.
   */
  private static final Map<String, List<String>> CLAIMS =
      Map.of(
          "uts", List.of("(?s)nslab-wrapper.*nslab-uts", "my-lab"),
          "ipc", List.of("nslab-queue", "(?m)^0x00000521 |^0x[0-9a-f]{8} +0 +root"),
          "pid", List.of("NSpid:\\t1\\n", "(?m)^ +\\d+ +1 sleep 300$"),
          "mount",
              List.of(
                  "nslab-tmpfs|only the lab can read this",
                  "(?m)^/\\.nslab-rootfs$",
                  "(?m)^linuxrc$"),
          "user",
              List.of(
                  "(?m)^65534$",
                  "(?m)^0$",
                  "sethostname: (EPERM|Operation not permitted)",
                  "(?m)^nslab-user$",
                  "(?m)^rootless-box$"),
          "time",
              List.of(
                  "(?m)^8[6-9]\\d{4,}\\.\\d\\d$|(?m)^9\\d{5,}\\.\\d\\d$|(?m)^\\d{7,}\\.\\d\\d$",
                  "(EACCES|Permission denied)",
                  "boottime +864000"),
          "net",
              List.of(
                  "(?m)^lo +DOWN",
                  "--- 127\\.0\\.0\\.1 ping statistics ---\\s+1 packets transmitted, 1 (packets )?received",
                  "--- 10\\.200\\.0\\.1 ping statistics ---\\s+2 packets transmitted, 2 (packets )?received",
                  "--- 10\\.200\\.0\\.2 ping statistics ---\\s+2 packets transmitted, 2 (packets )?received"),
          "cgroup", List.of("(?m)^(\\d+:pids|0:):/$", "(?m)^max [1-9]", "oom_kill [1-9]"),
          "doors",
              List.of(
                  "(?s)nslab-child\\n.*nslab-wrapper",
                  "(?m)^nslab-elsewhere$",
                  "(?m)^nslab-inside$",
                  "nsfs\\]? nsfs|\\] nsfs",
                  "--- 127\\.0\\.0\\.1 ping statistics ---\\s+1 packets transmitted, 1 (packets )?received",
                  "(?m)^no pin$"),
          "container",
              List.of(
                  "(?m)^container01$",
                  "nameserver 10\\.201\\.0\\.1",
                  "--- host-side ping statistics ---\\s+1 packets transmitted, 1 (packets )?received",
                  "(?m)^(\\d+:pids|0:):/$"));

  /** Claims only the C program shows (it prints what the shell cannot reach). */
  private static final Map<String, List<String>> C_CLAIMS =
      Map.of(
          "pid", List.of("sleep 600: killed by signal 9", "fork: Cannot allocate memory"),
          "mount", List.of("(?m)^/etc/debian_version$"),
          "cgroup", List.of("fork 5: Resource temporarily unavailable", "killed by signal 9"),
          "time", List.of("this process, still in the old one: up \\d+ s"));

  @TempDir static Path work;

  @Test
  void everyLessonHasAClaimHere() {
    assertThat(CLAIMS.keySet())
        .containsExactlyInAnyOrderElementsOf(LESSONS.stream().map(Lesson::id).toList());
  }

  @TestFactory
  Stream<DynamicTest> everyLessonsCCompilesWithWallWerror() {
    assumeTrue(
        gcc(), "gcc is not installed: the lessons' C programs were not compiled (test skipped)");
    return LESSONS.stream().map(l -> DynamicTest.dynamicTest(l.id(), () -> compile(l)));
  }

  @TestFactory
  Stream<DynamicTest> everyLessonsCDoesWhatTheLessonSaysInAThrowawayNamespace() {
    assumeTrue(
        gcc(),
        "gcc is not installed: the lessons' C programs were not built or run (test skipped)");
    assumeTrue(
        Privileges.root() && unshare(),
        "the programs run as root inside unshare(1) (CI runs as root)");
    return LESSONS.stream()
        .map(
            l ->
                DynamicTest.dynamicTest(
                    l.id(),
                    () -> {
                      Path program = compile(l);
                      String out = runInThrowawayNamespaces(l, program.toString());
                      assertClaims(l, out, CLAIMS.get(l.id()));
                      assertClaims(l, out, C_CLAIMS.getOrDefault(l.id(), List.of()));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyLessonsShellScriptDoesWhatTheLessonSaysInAThrowawayNamespace() {
    assumeTrue(
        Privileges.root() && unshare(),
        "the scripts run as root inside unshare(1) (CI runs as root)");
    return LESSONS.stream()
        .map(
            l ->
                DynamicTest.dynamicTest(
                    l.id(),
                    () -> {
                      Path script = work.resolve(l.id() + ".sh");
                      Files.writeString(script, CodeProgram.shell(l));
                      String out = runInThrowawayNamespaces(l, "/bin/sh", script.toString());
                      assertClaims(l, out, CLAIMS.get(l.id()));
                    }));
  }

  @Test
  void nslabCodePrintsTheProgramAloneOnStdout() {
    Lesson uts = LESSONS.stream().filter(l -> l.id().equals("uts")).findFirst().orElseThrow();
    for (String flag : List.of("--c", "--shell")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
      int rc =
          Cli.run(
              new ByteArrayInputStream(new byte[0]),
              out,
              err,
              Map.of("NO_COLOR", "1"),
              "code",
              "uts",
              flag);
      assertThat(rc).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .isEqualTo(flag.equals("--c") ? CodeProgram.c(uts) : CodeProgram.shell(uts));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    assertThat(Cli.run(new ByteArrayInputStream(new byte[0]), out, err, Map.of(), "code", "uts"))
        .isEqualTo(Cli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--c").contains("--shell");
  }

  @Test
  void theCProgramIsAPreludeThenEveryStepsSnippetInOrder() {
    Lesson uts = LESSONS.stream().filter(l -> l.id().equals("uts")).findFirst().orElseThrow();
    String c = CodeProgram.c(uts);
    assertThat(c)
        .startsWith("/* nslab lesson uts")
        .contains(CodeProgram.prelude())
        .contains("int main(void)");
    int at = c.indexOf("int main(void)");
    for (var s : uts.steps()) {
      if (s.code() == null || s.code().c() == null) continue;
      String first = s.code().c().strip().lines().findFirst().orElseThrow();
      int found = c.indexOf(first, at);
      assertThat(found).as("step %s's snippet, in order, inside main", s.id()).isGreaterThan(at);
      at = found;
    }
  }

  @Test
  void theShellScriptClosesEveryHereDocumentItOpens() {
    Lesson net = LESSONS.stream().filter(l -> l.id().equals("net")).findFirst().orElseThrow();
    String sh = CodeProgram.shell(net);
    assertThat(sh).startsWith("#!/bin/sh\n").endsWith("NET3\nNET2\nNET\n");
  }

  private static void assertClaims(Lesson l, String out, List<String> claims) {
    for (String claim : claims) {
      assertThat(Pattern.compile(claim).matcher(out).find())
          .as("%s: the program's output shows /%s/; it printed:%n%s", l.id(), claim, out)
          .isTrue();
    }
  }

  private static Path compile(Lesson l) throws Exception {
    Path out = work.resolve("nslab-" + l.id());
    Process p =
        new ProcessBuilder("gcc", "-Wall", "-Werror", "-x", "c", "-", "-o", out.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(CodeProgram.c(l).getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("gcc -Wall -Werror on nslab code %s --c:%n%s", l.id(), msg).isZero();
    return out;
  }

  /**
   * Runs the command as PID 1 of fresh mount, UTS, IPC, network and PID namespaces (mounts private,
   * a proc of its own), named nslab-wrapper; the host must be as it was after. Cgroups the programs
   * make are removed whatever happens.
   */
  private static String runInThrowawayNamespaces(Lesson l, String... command) throws Exception {
    Path volume = Files.createDirectories(work.resolve("volume-" + l.id()));
    String rootfs =
        Rootfs.ensure(LabEnvironment.fromHost(System.getenv(), Path.of("").toAbsolutePath()))
            .toString();
    HostSnapshot before = HostSnapshot.take();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--uts",
                "--ipc",
                "--net",
                "--pid",
                "--fork",
                "--mount-proc",
                "env",
                "ROOTFS=" + rootfs,
                "VOLUME=" + volume,
                "/bin/sh",
                "-c",
                "hostname nslab-wrapper; exec \"$@\"",
                "sh"));
    cmd.addAll(List.of(command));
    Path log = work.resolve(l.id() + ".out");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      boolean done = p.waitFor(90, TimeUnit.SECONDS);
      if (!done) p.destroyForcibly().waitFor();
      String out = Files.readString(log);
      assertThat(done).as("%s did not end within 90 s:%n%s", l.id(), out).isTrue();
      assertThat(p.exitValue()).as("%s exits 0:%n%s", l.id(), out).isZero();
      if (l.id().equals("container")) {
        assertThat(volume.resolve("hello-from-container"))
            .as("the volume outlives the container")
            .hasContent("hello");
      }
      return out;
    } finally {
      for (String dir :
          List.of(
              "/sys/fs/cgroup/nslab-demo",
              "/sys/fs/cgroup/pids/nslab-demo",
              "/sys/fs/cgroup/memory/nslab-demo",
              "/sys/fs/cgroup/nslab-container",
              "/sys/fs/cgroup/pids/nslab-container")) {
        removeCgroup(Path.of(dir));
      }
      HostSnapshot after = HostSnapshot.take();
      // Other people's sleeps come and go on a shared machine: only the programs' own count.
      assertThat(ours(after)).as("the host after %s's program", l.id()).isEqualTo(ours(before));
    }
  }

  private static HostSnapshot ours(HostSnapshot s) {
    Set<String> mine = new TreeSet<>();
    for (String p : s.processes()) {
      if (p.matches("\\d+ (nslab-init|sleep (300|600|infinity|1))")) mine.add(p);
    }
    return new HostSnapshot(
        s.hostname(), s.mounts(), s.links(), s.ipc(), s.cgroups(), mine, s.tempFiles());
  }

  private static void removeCgroup(Path dir) throws InterruptedException {
    for (int i = 0; i < 50 && Files.isDirectory(dir); i++) {
      try {
        Files.delete(dir);
      } catch (IOException busy) {
        Thread.sleep(100); // its last processes are still being reaped
      }
    }
  }

  private static boolean gcc() {
    return onPath("gcc");
  }

  private static boolean unshare() {
    return onPath("unshare");
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) return true;
    }
    return false;
  }
}
