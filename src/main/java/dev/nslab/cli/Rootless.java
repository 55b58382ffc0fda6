package dev.nslab.cli;

import dev.nslab.lab.HostObserver;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.UserNamespaceEntry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Unprivileged, nslab runs itself again inside a user namespace of its own, where it is root and
 * every per-thread namespace operation works. A JVM cannot enter a user namespace (the kernel wants
 * a single-threaded caller), so it execve(2)s {@code unshare --user --map-root-user -- java ...}:
 * util-linux makes the namespace and maps the learner's uid to root, then execs the same java
 * command line. The JVM replaces itself, so one JVM runs per learner (there used to be an outer one
 * that only waited, about 60 MiB), and the exit code, the terminal and Ctrl-C are the inner nslab's
 * own with nothing to relay.
 *
 * <p>This is not a lesson shelling out to unshare(1): a lesson's namespaces are still made by
 * nslab's own syscalls, inside this one. Entering a user namespace to run nslab at all is the
 * launcher's business, like sudo is for root.
 *
 * <p>Inside, nslab would see the host through its own user namespace (uid 0, that namespace's
 * inode). So before re-entering it leaves {@link HostObserver} in the initial namespaces, whose
 * pipe the inner nslab inherits: the host column is then the learner's real view.
 *
 * <p>Where util-linux's unshare is missing, the older way remains: the JVM clone(2)s a child with
 * CLONE_NEWUSER running libc's system("... exec java ..."), writes its maps, and waits.
 */
final class Rootless {
  static final String OUTER = "NSLAB_OUTER_PID";

  /** Set in the environment of the nslab that {@code unshare} started: never re-enter twice. */
  static final String REENTERED = "NSLAB_USERNS";

  private Rootless() {}

  /**
   * Unprivileged, runs this command line again in a user namespace of its own and returns its exit
   * code. Empty when this nslab goes on itself: as root, as the inner nslab (which then ends with
   * the outer one), or where the kernel refuses (the lesson then says what is missing).
   */
  static Optional<Integer> enterIfUnprivileged(Map<String, String> env, String[] args) {
    if (inner(env) || env.get(REENTERED) != null) {
      // First, before anything is spawned: the observer's pipe ends must not leak into the lab.
      HostObserver.adopt(env.get(HostObserver.ENV));
      if (inner(env)) watchOuter(env.get(OUTER));
      return Optional.empty();
    }
    if (Privileges.root()) return Optional.empty();
    String unshare = unshareTool(env);
    Optional<String> observer = Optional.empty();
    if (unshare != null) {
      // Returns only when the kernel refuses a user namespace: then the lesson says what is
      // missing.
      if (!userNamespaceAllowed(unshare, env)) return Optional.empty();
      observer = HostObserver.leave();
      execUnshare(unshare, env, args, observer);
    }
    if (observer.isEmpty()) observer = HostObserver.leave();
    return reenter(args, observer);
  }

  private static String unshareTool(Map<String, String> env) {
    for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "unshare");
      if (Files.isExecutable(p)) return p.toString();
    }
    for (String p : List.of("/usr/bin/unshare", "/bin/unshare")) {
      if (Files.isExecutable(Path.of(p))) return p;
    }
    return null;
  }

  /** `unshare --user --map-root-user true`, spawned: whether exec'ing into one would work. */
  private static boolean userNamespaceAllowed(String unshare, Map<String, String> env) {
    return UserNamespaceEntry.allowed(unshare, environment(env));
  }

  private static List<String> environment(Map<String, String> env) {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** execve(2) of unshare(1), which makes the user namespace and execs this java command line. */
  private static void execUnshare(
      String unshare, Map<String, String> env, String[] args, Optional<String> observer) {
    List<String> argv = new ArrayList<>(List.of(unshare, "--user", "--map-root-user", "--"));
    argv.addAll(javaArgv(args));
    List<String> envp = new ArrayList<>(environment(env));
    envp.add(REENTERED + "=1");
    observer.ifPresent(o -> envp.add(HostObserver.ENV + "=" + o));
    System.out.flush();
    System.err.flush();
    UserNamespaceEntry.execve(unshare, argv, envp);
    // Still here: the exec failed (a vanished binary); the clone way below is next.
  }

  /** True in the nslab that runs inside the user namespace the outer one made. */
  static boolean inner(Map<String, String> env) {
    return env.get(OUTER) != null;
  }

  private static Optional<Integer> reenter(String[] args, Optional<String> observer) {
    // The inner exit code comes back through a pipe, not a file: nothing to leave behind when
    // the outer nslab is killed. The shell writes it to /proc/self/fd/N (dash redirects only
    // 0-9, and minimal hosts and containers may lack the /dev/fd link).
    String observerVar = observer.map(o -> HostObserver.ENV + "=" + o + " ").orElse("");
    Optional<String> rc =
        UserNamespaceEntry.runAsRoot(
            fd ->
                "trap : INT; until read -r m < /proc/self/uid_map; do sleep 0.01; done; "
                    + OUTER
                    + "="
                    + UserNamespaceEntry.pid()
                    + " "
                    + observerVar
                    + javaCommandLine(args)
                    + "; echo $? > /proc/self/fd/"
                    + fd,
            () -> {
              ignoreInterrupts(); // Ctrl-C belongs to the inner nslab, which shares the terminal
              observer.ifPresent(
                  HostObserver::closeHere); // the inner holds them: its end is the observer's
            });
    if (rc.isEmpty())
      observer.ifPresent(HostObserver::closeHere); // refused: this nslab goes on itself
    return rc.map(code -> code.matches("\\d+") ? Integer.parseInt(code) : Cli.FAILED);
  }

  /** In the inner nslab: end with the outer one, whatever killed it. */
  private static void watchOuter(String outer) {
    Thread t =
        new Thread(
            () -> {
              Path proc = Path.of("/proc", outer);
              while (Files.exists(proc)) {
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.exit(Cli.FAILED);
            },
            "nslab-outer-watch");
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
    // Not a second class-data archive dump (the launcher's first run makes one): only the archive's
    // use.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-XX:ArchiveClassesAtExit"))
        .forEach(argv::add);
    // Started with -cp, the jar manifest's Enable-Native-Access does not apply (JDK 24+ warns).
    if (Runtime.version().feature() >= 22
        && argv.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
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
