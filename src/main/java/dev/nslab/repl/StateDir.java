package dev.nslab.repl;

import java.nio.file.Path;
import java.util.Map;

/** The learner's state directory: $XDG_STATE_HOME/nslab, else ~/.local/state/nslab. */
public final class StateDir {
  private StateDir() {}

  public static Path of(Map<String, String> env) {
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "nslab");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".local", "state", "nslab");
  }
}
