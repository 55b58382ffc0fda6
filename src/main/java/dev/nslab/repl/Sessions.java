package dev.nslab.repl;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.session.Session;

/**
 * Where the REPL, play, present and {@code nslab help} get their session: one place that builds it.
 */
public final class Sessions {
  private Sessions() {}

  public static Session open(LabEnvironment environment) {
    return new Session(environment);
  }
}
