package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.HostObserver;
import dev.nslab.lab.HostView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs an observation command on the host. It runs powerless in nslab's read-only {@link HostView}:
 * lessons show the host, they never change it, whatever their commands say. Unprivileged, nslab
 * itself runs in a user namespace of its own, so the command goes to the {@link HostObserver} it
 * left in the initial namespaces: the host as the learner sees it.
 */
public final class HostShell {
  private HostShell() {}

  public static CommandResult run(String command) {
    return HostObserver.current()
        .map(o -> o.run(command))
        .orElseGet(() -> HostView.get().run(command));
  }

  /**
   * How many SysV message queues the host's IPC namespace holds, read by the JVM's thread, which
   * stays in it (/proc/sysvipc lists every object of the reader's namespace, whoever owns it).
   */
  public static String msgQueues() {
    try {
      return String.valueOf(Files.readAllLines(Path.of("/proc/sysvipc/msg")).size() - 1);
    } catch (IOException | RuntimeException e) {
      return "0";
    }
  }

  /**
   * The host's uptime in whole seconds, read by the JVM, which stays in the host's time namespace.
   */
  public static String uptimeSeconds() {
    try {
      String uptime = Files.readString(Path.of("/proc/uptime"));
      return uptime.substring(0, uptime.indexOf('.'));
    } catch (IOException | RuntimeException e) {
      return "0";
    }
  }

  /** The host's hostname, as the kernel tells the JVM's own (host) UTS namespace. */
  public static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
