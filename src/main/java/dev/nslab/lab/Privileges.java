package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** Whether this process may create the namespaces a lesson needs, and if not, what to do. */
public final class Privileges {
  private Privileges() {}

  /** Root in nslab's own user namespace: the host's root, or an unprivileged nslab re-entered. */
  public static boolean root() {
    return Libc.C.geteuid() == 0;
  }

  /** nslab's effective user id, in its own user namespace. */
  public static int uid() {
    return Libc.C.geteuid();
  }

  public static int gid() {
    return Libc.C.getgid();
  }

  /** Root in the initial user namespace: what the host's cgroup tree demands. */
  public static boolean hostRoot() {
    return root() && initialUserNamespace();
  }

  static boolean initialUserNamespace() {
    try {
      return Files.readString(Path.of("/proc/self/uid_map"))
          .strip()
          .matches("0\\s+0\\s+4294967295");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The host uid this process's root stands for, when nslab re-entered itself unprivileged in a
   * user namespace of its own ("0 UID 1" in its uid_map); empty otherwise.
   */
  public static OptionalInt rootlessUid() {
    try {
      String[] map = Files.readString(Path.of("/proc/self/uid_map")).strip().split("\\s+");
      if (root() && map.length == 3 && map[0].equals("0") && !map[1].equals("0")) {
        return OptionalInt.of(Integer.parseInt(map[1]));
      }
    } catch (IOException | NumberFormatException e) {
      // not readable: not re-entered
    }
    return OptionalInt.empty();
  }

  /** One sentence with the fix, when a lesson cannot run here. */
  public static Optional<String> problem(boolean needsHostRoot, boolean unshares) {
    if (needsHostRoot && !hostRoot()) {
      return Optional.of(
          "this lesson changes the host's cgroup tree, which needs root on the host: "
              + "run sudo ./nslab.");
    }
    if (unshares && !root()) {
      Optional<String> fix = UserNamespaceSettings.sysctlFix();
      if (fix.isPresent()) {
        return Optional.of(
            "creating namespaces needs root, or unprivileged user namespaces, which this kernel "
                + "refuses ("
                + UserNamespaceSettings.refusals().stream()
                    .map(UserNamespaceSettings.Refusal::setting)
                    .collect(Collectors.joining(", "))
                + "): run sudo ./nslab, or allow them: "
                + fix.get()
                + " (nslab doctor says more).");
      }
      return Optional.of(
          "creating namespaces needs root, or unprivileged user namespaces, which this "
              + "kernel refuses (see user.max_user_namespaces, kernel.unprivileged_userns_clone and "
              + "kernel.apparmor_restrict_unprivileged_userns): run sudo ./nslab, or allow them.");
    }
    return Optional.empty();
  }
}
