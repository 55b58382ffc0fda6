package dev.nslab.repl;

import dev.nslab.lab.LabEnvironment;
import java.nio.file.Path;
import java.util.Map;

/** The learner's state directory: $XDG_STATE_HOME/nslab, else ~/.local/state/nslab. */
public final class StateDir {
  private StateDir() {}

  public static Path of(Map<String, String> env) {
    return LabEnvironment.stateDir(env);
  }
}
