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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lesson that needs no root, played by an unprivileged user (nobody, via setpriv) in a JVM of
 * their own, as a learner on a shared workshop server would. Lessons that unshare on nslab's own
 * thread run in the user namespace nslab re-enters itself in; the user lesson runs without it.
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
    copyTree(
        Path.of("rootfs"), home.resolve("rootfs")); // the mount lesson builds its rootfs from here
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
        .filter(l -> l.needs() == Needs.USER_NAMESPACES)
        .map(Lesson::id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessonsForAnyUser")
  void passesForAnUnprivilegedUser(String lesson) throws Exception {
    HostSnapshot before = HostSnapshot.take();
    String out = playAsNobody(lesson);
    assertThat(out).contains("Lesson complete");
    if (LessonCatalog.load(Path.of("lessons")).find(lesson).orElseThrow().unsharesOnLabThread()) {
      assertThat(out)
          .as("re-entered in a user namespace of its own")
          .contains(
              "Unprivileged: nslab runs in a user namespace of its own, where you are root; "
                  + "outside it you are uid 65534, as the host column shows.");
    }
    Thread.sleep(200);
    assertThat(HostSnapshot.take()).isEqualTo(before);
  }

  /**
   * A lesson that re-enters, with host-side commands that would show nslab's own user namespace if
   * they ran in it: `id`, the user namespace, and `ps` with full command lines.
   */
  private static final String HOST_VIEW_LESSON =
      """
      id: hostview
      title: "The host column, unprivileged"
      summary: "What the host column shows when nslab runs in a user namespace of its own."
      order: 99
      needs: user_namespaces
      steps:
        - id: apart
          title: "A UTS namespace, and the host beside it"
          narration: |
            The lab unshares; the host column shows the host.
          actions:
            - unshare: [uts]
          show:
            - id -u
            - readlink /proc/self/ns/user
            - p=$(ps -o ppid= -p $PPID); ps -ww -o pid,args -p $p --ppid $p
          expect:
            - ns_only_changed: [uts]
      """;

  @Test
  void unprivilegedTheHostColumnIsTheLearnersOwnViewOfTheHost() throws Exception {
    // This JVM is root in the initial user namespace (not a user namespace of its own): its
    // user namespace is the one the host column must show (/proc/1 may be closed to it in a
    // container).
    assumeTrue(Privileges.hostRoot(), "needs root in the initial user namespace");
    String initialUserNs = Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString();
    Path lessons = home.resolve("hostview-lessons");
    Files.createDirectories(lessons);
    Files.writeString(lessons.resolve("hostview.yaml"), HOST_VIEW_LESSON);
    openUp(lessons);
    String out = playAsNobody("hostview", "--lessons", lessons.toString(), "--trust");

    assertThat(hostSide(out, "id -u")).as(out).isEqualTo("65534");
    assertThat(labSide(out, "id -u"))
        .as("the lab is in nslab's user namespace, where nobody is root")
        .isEqualTo("0");
    assertThat(hostSide(out, "readlink /proc/self/ns/user")).as(out).isEqualTo(initialUserNs);
    // nslab and its children, as the host sees them (the observer's parent is nslab).
    String ps = hostSide(out, "p=$(ps -o ppid= -p $PPID); ps -ww -o pid,args -p $p --ppid $p");
    assertThat(ps)
        .as("host ps shows nslab's own JVM by name, no java command line")
        .containsPattern("(?m)^\\d+ nslab$")
        .containsPattern("(?m)^\\d+ nslab-host-view$")
        .doesNotContain("java")
        .doesNotContain("dev.nslab.Main")
        .doesNotContain("-XX:")
        .doesNotContain("unshare");
    // The ns table: the host's user namespace is the initial one, and nslab's is named as its own.
    assertThat(out)
        .containsPattern(
            "(?m)^\\s+user\\s+"
                + initialUserNs.replaceAll("\\D", "")
                + "\\s+\\d+\\s+◆ nslab's own$");
    assertThat(observersLeft()).as("the observer reads end-of-file and ends with nslab").isZero();
  }

  /**
   * The lines under {@code host:} for a shown command (or the lab's, when the host's are "the
   * same").
   */
  private static String hostSide(String out, String command) {
    String block = block(out, command);
    String host = block.substring(block.indexOf("    host:") + "    host:".length());
    return host.strip().equals("the same") ? labSide(out, command) : dedent(host);
  }

  private static String labSide(String out, String command) {
    String block = block(out, command);
    int lab = block.indexOf("    lab");
    String labPart = block.substring(block.indexOf('\n', lab) + 1, block.indexOf("    host:"));
    if (labPart.contains("lab, after:"))
      labPart = labPart.substring(labPart.indexOf("lab, after:") + "lab, after:".length());
    return dedent(labPart.replaceAll("(?m)^(\\s*)\\+ ", "$1  "));
  }

  private static String block(String out, String command) {
    int at = out.indexOf("  $ " + command + "\n");
    assertThat(at).as("`%s` shown in:%n%s", command, out).isNotNegative();
    int end = out.indexOf("\n\n", at);
    return out.substring(at, end < 0 ? out.length() : end);
  }

  private static String dedent(String lines) {
    return lines
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  /** nslab-host-view processes, once they had the time to read end-of-file (at most 10 s). */
  private static long observersLeft() throws Exception {
    long left = 0;
    for (int i = 0; i < 100; i++) {
      try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
        left =
            dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                .filter(
                    d -> {
                      try {
                        return new String(
                                Files.readAllBytes(d.resolve("cmdline")), StandardCharsets.UTF_8)
                            .startsWith("nslab-host-view");
                      } catch (IOException e) {
                        return false;
                      }
                    })
                .count();
      }
      if (left == 0) return 0;
      Thread.sleep(100);
    }
    return left;
  }

  @Test
  void theUserLessonMapsNobodysOwnIdWithoutReentering() throws Exception {
    String out = playAsNobody("user");
    assertThat(out)
        .contains("clone(execve, stack, CLONE_NEWUSER|CLONE_VM|CLONE_VFORK|SIGCHLD")
        .contains("write(\"/proc/")
        .contains("\"0 65534 1\"")
        .contains("✓ `id -u` in the lab prints 0")
        .doesNotContain("Unprivileged: nslab runs in a user namespace");
  }

  @Test
  void aLessonThatNeedsTheHostsRootSaysSoAndFails() throws Exception {
    Process p = nobody("play", "cgroup", "--no-pause");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out)
        .contains(
            "cannot start cgroup: this lesson changes the host's cgroup tree, which needs root "
                + "on the host: run sudo ./nslab.");
  }

  @Test
  void doctorAsNobodyNamesTheLessonsThatNeedTheHostsRoot() throws Exception {
    Process p = nobody("doctor");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out)
        .contains("uid 65534, in a user namespace of nslab's own")
        .containsPattern("namespaces\\s+all 8 types created")
        .containsPattern("cgroup\\s+needs root on the host")
        .containsPattern("container\\s+needs root on the host")
        .doesNotContainPattern("(?m)^\\s+uts\\s+needs");
  }

  private static String playAsNobody(String lesson, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("play", lesson, "--no-pause"));
    args.addAll(List.of(more));
    Process p = nobody(args.toArray(String[]::new));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static Process nobody(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> argv =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid",
                "65534",
                "--regid",
                "65534",
                "--clear-groups",
                "env",
                "HOME=" + home.resolve("nobody"),
                "NO_COLOR=1",
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dnslab.home=" + home,
                "-cp",
                String.join(File.pathSeparator, classpath),
                "dev.nslab.Main"));
    argv.addAll(List.of(args));
    return new ProcessBuilder(argv).redirectErrorStream(true).start();
  }

  /**
   * The test JVM's classpath (target/classes and jars under root's ~/.m2), copied where nobody can
   * read it.
   */
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
        else
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
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
