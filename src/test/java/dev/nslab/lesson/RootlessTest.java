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
import org.junit.jupiter.api.Test;

/**
 * The lessons that need no root, played by an unprivileged user (nobody, via setpriv) in a JVM
 * of their own, as a learner on a shared workshop server would.
 */
class RootlessTest {

  @Test
  void theUserLessonPassesForAnUnprivilegedUser() throws Exception {
    assumeTrue(Privileges.root(), "needs root to become nobody (CI runs as root)");
    Path home = Files.createTempDirectory("nslab-rootless-test");
    try {
      List<String> classpath = readableCopyOfClasspath(home.resolve("cp"));
      Files.createDirectories(home.resolve("lessons"));
      Files.copy(Path.of("lessons/user.yaml"), home.resolve("lessons/user.yaml"));
      openUp(home);
      String java = ProcessHandle.current().info().command().orElse("java");
      HostSnapshot before = HostSnapshot.take();

      Process p = new ProcessBuilder("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
          "env", "HOME=" + home, "NO_COLOR=1", java, "-XX:TieredStopAtLevel=1", "-Dnslab.home=" + home,
          "-cp", String.join(File.pathSeparator, classpath), "dev.nslab.Main", "play", "user", "--no-pause")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("clone(system, stack, CLONE_NEWUSER|SIGCHLD")
          .contains("write(\"/proc/").contains("\"0 65534 1\"")
          .contains("✓ `id -u` in the lab prints 0")
          .contains("Lesson complete");
      Thread.sleep(200);
      assertThat(HostSnapshot.take()).isEqualTo(before);
    } finally {
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
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
        try (Stream<Path> files = Files.walk(src)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Path t = dst.resolve(src.relativize(f).toString());
            if (Files.isDirectory(f)) Files.createDirectories(t);
            else Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } else if (Files.isRegularFile(src)) {
        Files.copy(src, dst);
      } else {
        continue;
      }
      out.add(dst.toString());
    }
    return out;
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
