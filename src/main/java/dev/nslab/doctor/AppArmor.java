package dev.nslab.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ubuntu 23.10 and later (24.04 LTS among them) restrict unprivileged user namespaces with AppArmor
 * ({@code kernel.apparmor_restrict_unprivileged_userns=1}): a program may create one only under a
 * profile that grants {@code userns}. Without it, rootless nslab's clone fails (or its user
 * namespace has no capabilities). The lasting fix is such a profile for the java that runs nslab;
 * docs/troubleshooting.md shows it whole.
 */
final class AppArmor {
  private AppArmor() {}

  /** The real path of the java running nslab (a profile attaches to it, symlinks resolved). */
  static String javaBinary() {
    try {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      return java.toRealPath().toString();
    } catch (IOException | RuntimeException e) {
      return "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";
    }
  }

  /** The profile text granting userns to this java (what docs/troubleshooting.md shows). */
  static String profile() {
    return "abi <abi/4.0>,\ninclude <tunables/global>\n\nprofile nslab-java "
        + javaBinary()
        + " flags=(unconfined) {\n  userns,\n\n  include if exists <local/nslab-java>\n}\n";
  }

  /** One line: write the profile and load it. */
  static String profileHint() {
    return "printf '"
        + profile().replace("\n", "\\n")
        + "' | sudo tee /etc/apparmor.d/nslab-java"
        + " && sudo apparmor_parser -r /etc/apparmor.d/nslab-java";
  }

  /** Whether an AppArmor profile named nslab-java is loaded. */
  static boolean profileLoaded() {
    try {
      return Files.readString(Path.of("/sys/kernel/security/apparmor/profiles"))
          .contains("nslab-java");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
