package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs an observation command on the host, from a thread that never joined a lab. Read-only
 * commands only: lessons show the host, they never change it.
 */
public final class HostShell {
  private HostShell() {}

  public static CommandResult run(String command) {
    return dev.nslab.lab.CommandClock.measure(() -> runNow(command));
  }

  private static CommandResult runNow(String command) {
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      byte[] out = p.getInputStream().readNBytes(256 * 1024);
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
      return new CommandResult(command, p.exitValue(), 0, new String(out, StandardCharsets.UTF_8), 0);
    } catch (IOException e) {
      return new CommandResult(command, 127, 0, e.getMessage(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommandResult(command, -1, 2, "", 0);
    }
  }

  /** The host's hostname, as the kernel tells the JVM's own (host) UTS namespace. */
  public static String hostname() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
