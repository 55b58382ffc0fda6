package dev.nslab.session;

import dev.nslab.lab.LabException;

/**
 * An action nslab would not make because it could change the host: one sentence naming the guard.
 */
public final class GuardRefusal extends LabException {
  public GuardRefusal(String message) {
    super(message);
  }
}
