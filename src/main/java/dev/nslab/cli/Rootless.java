package dev.nslab.cli;

import dev.nslab.lab.Kernel;
import dev.nslab.lab.Libc;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Spawner;
import dev.nslab.lab.Syscall;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Unprivileged, nslab runs itself again inside a user namespace of its own, where it is root
 * and every per-thread namespace operation works. A JVM cannot enter a user namespace, so the
 * outer JVM clone(2)s a child with CLONE_NEWUSER running libc's system("... exec java ..."),
 * writes its uid and gid maps, and waits for it, passing its exit code on.
 */
final class Rootless {
  static final String OUTER = "NSLAB_OUTER_PID";

  private Rootless() {}

  /**
   * Unprivileged, runs this command line again in a user namespace of its own and returns its
   * exit code. Empty when this nslab goes on itself: as root, as the inner nslab (which then
   * ends with the outer one), or where the kernel refuses (the lesson then says what is missing).
   */
  static Optional<Integer> enterIfUnprivileged(String[] args) {
    if (inner()) {
      watchOuter();
      return Optional.empty();
    }
    return Privileges.root() ? Optional.empty() : reenter(args);
  }

  /** True in the nslab that runs inside the user namespace the outer one made. */
  static boolean inner() {
    return System.getenv(OUTER) != null;
  }

  private static Optional<Integer> reenter(String[] args) {
    // The inner exit code comes back through a pipe, not a file: nothing to leave behind when
    // the outer nslab is killed. The shell writes it to /dev/fd/N (dash redirects only 0-9).
    int[] pipe = new int[2];
    if (Libc.C.pipe2(pipe, 0) != 0) return Optional.empty();
    try {
      Kernel kernel = new Kernel(s -> { });
      String command = "trap : INT; until read -r m < /proc/self/uid_map; do sleep 0.01; done; "
          + OUTER + "=" + Libc.C.getpid() + " " + javaCommandLine(args) + "; echo $? > /dev/fd/" + pipe[1];
      Syscall clone = kernel.cloneSystem(List.of(Namespace.USER), command);
      if (clone.failed()) return Optional.empty();
      int child = (int) clone.result();
      String pid = "/proc/" + child + "/";
      boolean mapped = !kernel.write(pid + "setgroups", "deny").failed()
          && !kernel.write(pid + "gid_map", "0 " + Libc.C.getgid() + " 1").failed()
          && !kernel.write(pid + "uid_map", "0 " + Libc.C.geteuid() + " 1").failed();
      if (!mapped) {
        Libc.C.kill(child, dev.nslab.lab.Signals.SIGKILL);
        Spawner.waitFor(child);
        return Optional.empty();
      }
      ignoreInterrupts(); // Ctrl-C belongs to the inner nslab, which shares the terminal
      Spawner.waitFor(child);
      Libc.C.close(pipe[1]);
      pipe[1] = -1;
      byte[] buf = new byte[16];
      int n = Libc.C.read(pipe[0], buf, new com.sun.jna.NativeLong(buf.length)).intValue();
      String rc = n > 0 ? new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII).strip() : "";
      return Optional.of(rc.matches("\\d+") ? Integer.parseInt(rc) : Cli.FAILED);
    } finally {
      Libc.C.close(pipe[0]);
      if (pipe[1] >= 0) Libc.C.close(pipe[1]);
    }
  }

  /** In the inner nslab: end with the outer one, whatever killed it. */
  private static void watchOuter() {
    String outer = System.getenv(OUTER);
    Thread t = new Thread(() -> {
      Path proc = Path.of("/proc", outer);
      while (Files.exists(proc)) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.exit(Cli.FAILED);
    }, "nslab-outer-watch");
    t.setDaemon(true);
    t.start();
  }

  private static String javaCommandLine(String[] args) {
    List<String> argv = new ArrayList<>();
    argv.add(ProcessHandle.current().info().command().orElse("java"));
    argv.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    // Started with -cp, the jar manifest's Enable-Native-Access does not apply (JDK 24+ warns).
    if (Runtime.version().feature() >= 22 && argv.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
      argv.add("--enable-native-access=ALL-UNNAMED");
    }
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.nslab.Main"));
    argv.addAll(List.of(args));
    return argv.stream().map(Rootless::quote).collect(Collectors.joining(" "));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @SuppressWarnings("restriction")
  private static void ignoreInterrupts() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
    } catch (IllegalArgumentException e) {
      // no SIGINT here: nothing to ignore
    }
  }
}
