package dev.nslab.session;

/** A command the step shows: its output in the lab before and after the step, and on the host. */
public record Shown(String command, String labBefore, String labAfter, String host) {

  public boolean changed() {
    return !labBefore.equals(labAfter);
  }
}
