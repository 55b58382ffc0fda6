package dev.nslab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.HostSnapshot;
import dev.nslab.lab.Privileges;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson that needs no root, played by an unprivileged user (nobody, via setpriv) in a JVM
 * of their own, as a learner on a shared workshop server would. Lessons that unshare on nslab's
 * own thread run in the user namespace nslab re-enters itself in; the user lesson runs without it.
 */
class RootlessTest {
  private static Path home;
  private static List<String> classpath;

  @BeforeAll
  static void copyWhereNobodyCanRead() throws IOException {
    assumeTrue(Privileges.root(), "needs root to become nobody (CI runs as root)");
    home = Files.createTempDirectory("nslab-rootless-test");
    classpath = readableCopyOfClasspath(home.resolve("cp"));
    Files.createDirectories(home.resolve("lessons"));
    copyTree(Path.of("lessons"), home.resolve("lessons"));
    copyTree(Path.of("rootfs"), home.resolve("rootfs")); // the mount lesson builds its rootfs from here
    openUp(home);
    Files.createDirectories(home.resolve("nobody"));
    Files.setAttribute(home.resolve("nobody"), "unix:uid", 65534); // nobody's $HOME: caches, state
  }

  @AfterAll
  static void removeCopy() throws IOException {
    if (home == null) return;
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  static Stream<String> lessonsForAnyUser() {
    return LessonCatalog.load(Path.of("lessons")).lessons().stream()
        .filter(l -> l.needs() == Needs.USER_NAMESPACES).map(Lesson::id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessonsForAnyUser")
  void passesForAnUnprivilegedUser(String lesson) throws Exception {
    HostSnapshot before = HostSnapshot.take();
    String out = playAsNobody(lesson);
    assertThat(out).contains("Lesson complete");
    if (LessonCatalog.load(Path.of("lessons")).find(lesson).orElseThrow().unsharesOnLabThread()) {
      assertThat(out).as("re-entered in a user namespace of its own")
          .contains("Unprivileged: nslab runs in a user namespace of its own, where you are root; "
              + "outside it you are uid 65534.");
    }
    Thread.sleep(200);
    assertThat(HostSnapshot.take()).isEqualTo(before);
  }

  @Test
  void theUserLessonMapsNobodysOwnIdWithoutReentering() throws Exception {
    String out = playAsNobody("user");
    assertThat(out).contains("clone(execve, stack, CLONE_NEWUSER|CLONE_VM|CLONE_VFORK|SIGCHLD")
        .contains("write(\"/proc/").contains("\"0 65534 1\"")
        .contains("✓ `id -u` in the lab prints 0")
        .doesNotContain("Unprivileged: nslab runs in a user namespace");
  }

  @Test
  void aLessonThatNeedsTheHostsRootSaysSoAndFails() throws Exception {
    Process p = nobody("play", "cgroup", "--no-pause");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out).contains("cannot start cgroup: this lesson changes the host's cgroup tree, which needs root "
        + "on the host: run sudo ./nslab.");
  }

  @Test
  void doctorAsNobodyNamesTheLessonsThatNeedTheHostsRoot() throws Exception {
    Process p = nobody("doctor");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out).contains("uid 65534, in a user namespace of nslab's own")
        .containsPattern("namespaces\\s+all 8 types created")
        .containsPattern("cgroup\\s+needs root on the host").containsPattern("container\\s+needs root on the host")
        .doesNotContainPattern("(?m)^\\s+uts\\s+needs");
  }

  private static String playAsNobody(String lesson) throws Exception {
    Process p = nobody("play", lesson, "--no-pause");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static Process nobody(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
        "env", "HOME=" + home.resolve("nobody"), "NO_COLOR=1", java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dnslab.home=" + home, "-cp", String.join(File.pathSeparator, classpath), "dev.nslab.Main"));
    argv.addAll(List.of(args));
    return new ProcessBuilder(argv).redirectErrorStream(true).start();
  }

  /** The test JVM's classpath (target/classes and jars under root's ~/.m2), copied where nobody can read it. */
  private static List<String> readableCopyOfClasspath(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> out = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path src = Path.of(entry);
      if (src.toString().contains("test-classes") || src.toString().contains("surefire")) continue;
      Path dst = dir.resolve((i++) + "-" + src.getFileName());
      if (Files.isDirectory(src)) {
        copyTree(src, dst);
      } else if (Files.isRegularFile(src)) {
        Files.copy(src, dst);
      } else {
        continue;
      }
      out.add(dst.toString());
    }
    return out;
  }

  private static void copyTree(Path src, Path dst) throws IOException {
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = dst.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(t);
        else Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void openUp(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        f.toFile().setReadable(true, false);
        if (Files.isDirectory(f)) f.toFile().setExecutable(true, false);
      }
    }
  }
}
