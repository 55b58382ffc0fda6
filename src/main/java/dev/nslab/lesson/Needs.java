package dev.nslab.lesson;

/** What a lesson needs from the machine to run. */
public enum Needs {
  /** Root: it unshares namespaces on nslab's own thread, which needs CAP_SYS_ADMIN on the host. */
  ROOT("root", "root"),
  /** Any user, where the kernel allows unprivileged user namespaces: it works inside one it clones. */
  USER_NAMESPACES("user_namespaces", "any user, with user namespaces");

  public final String yaml;
  public final String label;

  Needs(String yaml, String label) {
    this.yaml = yaml;
    this.label = label;
  }
}
