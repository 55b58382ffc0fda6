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
 * and every per-thread namespace operation works. A JVM cannot enter a user namespace (the
 * kernel wants a single-threaded caller), so it execve(2)s {@code unshare --user
 * --map-root-user -- java ...}: util-linux makes the namespace and maps the learner's uid to
 * root, then execs the same java command line. The JVM replaces itself, so one JVM runs per
 * learner (there used to be an outer one that only waited, about 60 MiB), and the exit code,
 * the terminal and Ctrl-C are the inner nslab's own with nothing to relay.
 *
 * <p>This is not a lesson shelling out to unshare(1): a lesson's namespaces are still made by
 * nslab's own syscalls, inside this one. Entering a user namespace to run nslab at all is the
 * launcher's business, like sudo is for root.
 *
 * <p>Where util-linux's unshare is missing, the older way remains: the JVM clone(2)s a child
 * with CLONE_NEWUSER running libc's system("... exec java ..."), writes its maps, and waits.
 */
final class Rootless {
  static final String OUTER = "NSLAB_OUTER_PID";
  /** Set in the environment of the nslab that {@code unshare} started: never re-enter twice. */
  static final String REENTERED = "NSLAB_USERNS";

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
    if (Privileges.root() || System.getenv(REENTERED) != null) return Optional.empty();
    String unshare = unshareTool();
    if (unshare != null) {
      // Returns only when the kernel refuses a user namespace: then the lesson says what is missing.
      if (!userNamespaceAllowed(unshare)) return Optional.empty();
      execUnshare(unshare, args);
    }
    return reenter(args);
  }

  private static String unshareTool() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "unshare");
      if (Files.isExecutable(p)) return p.toString();
    }
    for (String p : List.of("/usr/bin/unshare", "/bin/unshare")) {
      if (Files.isExecutable(Path.of(p))) return p;
    }
    return null;
  }

  /** `unshare --user --map-root-user true`, spawned: whether exec'ing into one would work. */
  private static boolean userNamespaceAllowed(String unshare) {
    int devNull = Libc.C.open("/dev/null", 1 | 02000000, 0); // O_WRONLY|O_CLOEXEC
    try {
      int pid = Spawner.spawn(List.of(unshare, "--user", "--map-root-user", "true"), environment(), devNull, false);
      return pid > 0 && Spawner.waitFor(pid) == 0;
    } finally {
      Libc.C.close(devNull);
    }
  }

  private static List<String> environment() {
    return System.getenv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** execve(2) of unshare(1), which makes the user namespace and execs this java command line. */
  private static void execUnshare(String unshare, String[] args) {
    List<String> argv = new ArrayList<>(List.of(unshare, "--user", "--map-root-user", "--"));
    argv.addAll(javaArgv(args));
    List<String> env = new ArrayList<>(environment());
    env.add(REENTERED + "=1");
    System.out.flush();
    System.err.flush();
    com.sun.jna.Function execve = com.sun.jna.NativeLibrary.getInstance("c").getFunction("execve");
    execve.invokeInt(new Object[] {unshare, new com.sun.jna.StringArray(argv.toArray(String[]::new)),
        new com.sun.jna.StringArray(env.toArray(String[]::new))});
    // Still here: the exec failed (a vanished binary); the clone way below is next.
  }

  /** True in the nslab that runs inside the user namespace the outer one made. */
  static boolean inner() {
    return System.getenv(OUTER) != null;
  }

  private static Optional<Integer> reenter(String[] args) {
    // The inner exit code comes back through a pipe, not a file: nothing to leave behind when
    // the outer nslab is killed. The shell writes it to /proc/self/fd/N (dash redirects only
    // 0-9, and minimal hosts and containers may lack the /dev/fd link).
    int[] pipe = new int[2];
    if (Libc.C.pipe2(pipe, 0) != 0) return Optional.empty();
    try {
      Kernel kernel = new Kernel(s -> { });
      String command = "trap : INT; until read -r m < /proc/self/uid_map; do sleep 0.01; done; "
          + OUTER + "=" + Libc.C.getpid() + " " + javaCommandLine(args) + "; echo $? > /proc/self/fd/" + pipe[1];
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
    return javaArgv(args).stream().map(Rootless::quote).collect(Collectors.joining(" "));
  }

  /** The java command line of this JVM, with this nslab's arguments. */
  private static List<String> javaArgv(String[] args) {
    List<String> argv = new ArrayList<>();
    argv.add(ProcessHandle.current().info().command().orElse("java"));
    // Not a second class-data archive dump (the launcher's first run makes one): only the archive's use.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-XX:ArchiveClassesAtExit")).forEach(argv::add);
    // Started with -cp, the jar manifest's Enable-Native-Access does not apply (JDK 24+ warns).
    if (Runtime.version().feature() >= 22 && argv.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
      argv.add("--enable-native-access=ALL-UNNAMED");
    }
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.nslab.Main"));
    argv.addAll(List.of(args));
    return argv;
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
