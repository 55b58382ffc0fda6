package dev.nslab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes the bench times, each JVM started as the ./nslab launcher starts one, from a
 * scratch directory that close() deletes. The measured nslabs keep progress and history in a state
 * directory of their own there, never the learner's.
 */
final class Launcher implements AutoCloseable {
  private final Path nslabHome;
  private final Path work;
  private final Path state;
  private Path archive;

  Launcher(Path nslabHome) throws IOException {
    this.nslabHome = nslabHome;
    this.work = Files.createTempDirectory("nslab-bench");
    this.state = Files.createDirectories(work.resolve("state"));
  }

  Path work() {
    return work;
  }

  Path state() {
    return state;
  }

  /**
   * Copies the jar in, readable by anyone (the rootless learners run it as nobody), and makes its
   * class-data archive as the launcher would. False when there is no jar to measure.
   */
  boolean install(Path builtJar) throws IOException {
    if (!Files.isRegularFile(builtJar)) return false;
    Files.copy(builtJar, jar());
    openUp(work);
    archive = makeArchive();
    return true;
  }

  boolean hasArchive() {
    return archive != null;
  }

  private Path jar() {
    return work.resolve("nslab.jar");
  }

  /** nslab with these arguments, as the launcher starts it (with the archive when there is one). */
  List<String> nslab(String... args) {
    List<String> argv =
        new ArrayList<>(List.of("-Dnslab.home=" + nslabHome, "-jar", jar().toString()));
    argv.addAll(Arrays.asList(args));
    return javaCommand(archive, argv);
  }

  /** The hello-world JVM, with the launcher's flags and no archive. */
  List<String> hello() {
    return javaCommand(null, List.of("-cp", jar().toString(), Hello.class.getName()));
  }

  /**
   * The class-data archive the launcher would make for this jar, made here the same way (a training
   * run).
   */
  private Path makeArchive() {
    Path jsa = work.resolve("nslab.jsa");
    List<String> argv =
        javaCommand(
            null,
            List.of(
                "-XX:ArchiveClassesAtExit=" + jsa,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-Dnslab.home=" + nslabHome,
                "-jar",
                jar().toString(),
                "--cds-training"));
    try {
      time(1, argv, "");
      if (Files.size(jsa) > 0) {
        jsa.toFile().setReadable(true, false);
        return jsa;
      }
    } catch (IOException | IllegalStateException e) {
      // start-up measured without an archive
    }
    return null;
  }

  /**
   * The java command of the ./nslab launcher: its flags, and its class-data archive when there is
   * one.
   */
  private static List<String> javaCommand(Path archive, List<String> args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-Xms8m",
                "-Xmx128m",
                "-XX:ReservedCodeCacheSize=16m",
                "-XX:-UsePerfData",
                "-Djna.platform.library.path=" + jnaPath()));
    if (archive != null) {
      argv.addAll(
          List.of(
              "-XX:SharedArchiveFile=" + archive,
              "-Xshare:auto",
              "-Xlog:cds=off",
              "-Xlog:cds+dynamic=off"));
    }
    argv.addAll(args);
    return argv;
  }

  /** As the launcher: the multiarch library folders, so JNA does not spawn ldconfig -p. */
  private static String jnaPath() {
    String arch =
        System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
    return "/lib/"
        + arch
        + "-linux-gnu:/usr/lib/"
        + arch
        + "-linux-gnu:/lib64:/usr/lib64:/lib:/usr/lib";
  }

  /** The wall time of each of RUNS runs of argv fed input, each to its end. */
  long[] time(int runs, List<String> argv, String input) {
    long[] out = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      output(argv, input);
      out[i] = System.nanoTime() - t0;
    }
    return out;
  }

  /** What argv printed (stdout and stderr) fed input; it must exit 0 within two minutes. */
  String output(List<String> argv, String input) {
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      pb.environment().put("XDG_STATE_HOME", state.toString());
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", argv) + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
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

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind
    }
  }
}
