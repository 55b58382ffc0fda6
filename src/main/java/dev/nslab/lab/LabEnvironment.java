package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the processes of a lab start with (environment variables, the host's setpriv(1) that ties a
 * process's life to the lab thread), and where nslab's files are: its checkout ({@code home}) and
 * the learner's built root filesystem.
 */
public record LabEnvironment(
    List<String> variables,
    String setpriv,
    String shell,
    String nsenter,
    Path home,
    Path rootfsDir,
    Path volume) {
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** For tests and tools run from the checkout itself. */
  public static LabEnvironment fromHost(Map<String, String> hostEnv) {
    return fromHost(hostEnv, Path.of("").toAbsolutePath());
  }

  /** The learner's locale and terminal, a standard PATH, and a prompt that says where you are. */
  public static LabEnvironment fromHost(Map<String, String> hostEnv, Path home) {
    List<String> vars = new ArrayList<>();
    Path applets = Applets.prepare(cacheDir(hostEnv), home);
    vars.add("PATH=" + (applets != null ? PATH + ":" + applets : PATH));
    vars.add("HOME=/root");
    vars.add("PS1=[nslab lab \\h] \\w # ");
    for (String key :
        List.of("TERM", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "COLUMNS", "LINES")) {
      String value = hostEnv.get(key);
      if (value != null) vars.add(key + "=" + value);
    }
    String volume = hostEnv.get("NSLAB_VOLUME");
    return new LabEnvironment(
        List.copyOf(vars),
        find("setpriv"),
        find("bash"),
        find("nsenter"),
        home,
        cacheDir(hostEnv).resolve("rootfs"),
        volume != null && !volume.isBlank()
            ? Path.of(volume).toAbsolutePath()
            : stateDir(hostEnv).resolve("volume"));
  }

  /**
   * $XDG_STATE_HOME/nslab, else ~/.local/state/nslab: history, progress, the container's volume.
   * Under sudo, the invoking user's (sudo sets HOME to root's): attendees of a workshop server who
   * all use sudo must not share one root's progress.
   */
  public static Path stateDir(Map<String, String> env) {
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "nslab");
    String home =
        sudoUserHome(env).orElse(env.getOrDefault("HOME", System.getProperty("user.home")));
    return Path.of(home, ".local", "state", "nslab");
  }

  /** The home of the user who ran sudo, from /etc/passwd, when nslab runs as root through sudo. */
  static Optional<String> sudoUserHome(Map<String, String> env) {
    String user = env.get("SUDO_USER");
    if (user == null || user.isBlank() || user.equals("root") || Libc.C.geteuid() != 0)
      return Optional.empty();
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":");
        if (f.length >= 6 && f[0].equals(user) && Path.of(f[5]).isAbsolute())
          return Optional.of(f[5]);
      }
    } catch (IOException e) {
      // no passwd to read: root's own state then
    }
    return Optional.empty();
  }

  /** $XDG_CACHE_HOME/nslab, else ~/.cache/nslab. */
  static Path cacheDir(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "nslab");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".cache", "nslab");
  }

  /** The host's copy of a program on the lab's standard PATH, or null. */
  public static String find(String program) {
    for (String dir : PATH.split(":")) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) return p.toString();
    }
    return null;
  }
}
