package dev.nslab.lab;

import java.util.Optional;

/** Whether this process may create the namespaces a lesson needs, and if not, what to do. */
public final class Privileges {
  private Privileges() {}

  public static boolean root() {
    return Libc.C.geteuid() == 0;
  }

  /** One sentence with the fix, when nslab cannot create namespaces here. */
  public static Optional<String> problem() {
    if (root()) return Optional.empty();
    return Optional.of("creating namespaces needs root here: run it as root (sudo ./nslab), "
        + "or see `./nslab doctor` for what unprivileged use needs.");
  }
}
