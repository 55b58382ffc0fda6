package dev.nslab;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** nslab started in a JVM of its own, as `./nslab ARGS` would, for tests that kill or crowd it. */
public final class ChildNslab {
  private ChildNslab() {}

  /** The test JVM's classpath without the test classes and the test runner: nslab and its jars. */
  public static List<String> classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("test-classes") && !e.contains("surefire"))
        .toList();
  }

  /** The java command line for nslab with these arguments (C1 and SerialGC, as the launcher). */
  public static List<String> command(List<String> classpath, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dnslab.home=" + System.getProperty("user.dir"),
                "-cp",
                String.join(File.pathSeparator, classpath),
                "dev.nslab.Main"));
    argv.addAll(List.of(args));
    return argv;
  }

  public static Process start(String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(classpath(), args)).redirectErrorStream(true);
    pb.environment().put("NO_COLOR", "1");
    return pb.start();
  }
}
