package dev.nslab.lesson;

/** What a lesson needs from the machine to run. */
public enum Needs {
  /** Root on the host: it touches what only the initial user namespace may (cgroups, say). */
  ROOT("root"),
  /** Root, or a user namespace of its own: nslab re-enters one when started unprivileged. */
  ROOT_OR_USERNS("root or user namespaces");

  public final String label;

  Needs(String label) {
    this.label = label;
  }
}
