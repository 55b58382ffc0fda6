package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kernel settings that refuse unprivileged users a user namespace, each with the one value that
 * allows it: doctor, play and the explanations all propose the same (never max_user_namespaces=1 in
 * one place and =15000 in another).
 */
public final class UserNamespaceSettings {
  /** What {@code user.max_user_namespaces} is set to by the fix (as in lab/Explanations). */
  public static final String MAX_USER_NAMESPACES = "15000";

  /** A setting that refuses, as read ({@code setting}), and the assignment that fixes it. */
  public record Refusal(String setting, String fix) {}

  private UserNamespaceSettings() {}

  public static List<Refusal> refusals() {
    List<Refusal> out = new ArrayList<>();
    if ("0".equals(read("/proc/sys/user/max_user_namespaces"))) {
      out.add(
          new Refusal(
              "user.max_user_namespaces=0", "user.max_user_namespaces=" + MAX_USER_NAMESPACES));
    }
    if ("0".equals(read("/proc/sys/kernel/unprivileged_userns_clone"))) {
      out.add(
          new Refusal("kernel.unprivileged_userns_clone=0", "kernel.unprivileged_userns_clone=1"));
    }
    if ("1".equals(read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"))) {
      out.add(
          new Refusal(
              "kernel.apparmor_restrict_unprivileged_userns=1 (AppArmor, Ubuntu 23.10 and later)",
              "kernel.apparmor_restrict_unprivileged_userns=0"));
    }
    return out;
  }

  /** {@code sudo sysctl -w ...} for every refusing setting, or empty when none refuses. */
  public static Optional<String> sysctlFix() {
    List<Refusal> r = refusals();
    if (r.isEmpty()) return Optional.empty();
    return Optional.of(
        "sudo sysctl -w " + r.stream().map(Refusal::fix).collect(Collectors.joining(" ")));
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
