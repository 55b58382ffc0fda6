package dev.nslab.lab;

import java.util.Optional;

/** Whether this process may create the namespaces a lesson needs, and if not, what to do. */
public final class Privileges {
  private Privileges() {}

  public static boolean root() {
    return Libc.C.geteuid() == 0;
  }

  /**
   * One sentence with the fix, when this lesson cannot run here: lessons that need root need it;
   * a lesson that works in user namespaces runs for anyone (a kernel that refuses says so itself).
   */
  public static Optional<String> problem(boolean needsRoot) {
    if (root() || !needsRoot) return Optional.empty();
    return Optional.of("this lesson needs root: run nslab as root (sudo ./nslab). Unprivileged, "
        + "the lessons marked 'any user' work.");
  }
}
