package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Minimal hosts: when a tool the lessons run is missing and busybox's applet takes the same options
 * the lessons use, a symlink to busybox (the host's, else the one nslab fetched for the lab's root
 * filesystem) stands in for it, on the end of the lab's PATH. Tools busybox cannot replace (its ip
 * has no -br, no veth peer names) are named with their package instead ({@code nslab doctor}, and
 * before a lesson starts).
 */
public final class Applets {
  /** Tools whose busybox applets do what the lessons ask of them (checked on busybox 1.35). */
  public static final List<String> STAND_IN = List.of("ping", "ps");

  /** Every tool the lessons run in a lab, with the Debian/Ubuntu package that has it. */
  public static final Map<String, String> PACKAGES =
      Map.of(
          "ping",
          "iputils-ping",
          "ip",
          "iproute2",
          "ps",
          "procps",
          "findmnt",
          "util-linux",
          "ipcs",
          "util-linux",
          "nsenter",
          "util-linux",
          "setpriv",
          "util-linux");

  private Applets() {}

  /** The stand-in tools the host lacks. */
  public static List<String> missingStandIns() {
    List<String> missing = new ArrayList<>();
    for (String t : STAND_IN) if (LabEnvironment.find(t) == null) missing.add(t);
    return missing;
  }

  /**
   * Whether busybox stands in for {@code tool} here (the host lacks it and the applet is linked).
   */
  public static boolean standsIn(Path cacheDir, String tool) {
    return STAND_IN.contains(tool)
        && LabEnvironment.find(tool) == null
        && Files.isExecutable(cacheDir.resolve("applets").resolve(tool));
  }

  /**
   * Links busybox applets for the stand-in tools the host lacks into CACHE/applets; returns that
   * directory, or null when nothing is missing or no busybox can be had.
   */
  static Path prepare(Path cacheDir, Path home) {
    List<String> missing = missingStandIns();
    if (missing.isEmpty()) return null;
    String busybox = busybox(cacheDir, home);
    if (busybox == null) return null;
    Path dir = cacheDir.resolve("applets");
    try {
      Files.createDirectories(dir);
      for (String tool : missing) {
        Path link = dir.resolve(tool);
        String script = wrapper(tool, busybox);
        if (script != null) {
          if (Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)
              && Files.readString(link).equals(script)) continue;
          Files.deleteIfExists(link);
          Path tmp = Files.createTempFile(dir, tool, ".tmp");
          Files.writeString(tmp, script);
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
          Files.move(tmp, link, StandardCopyOption.REPLACE_EXISTING);
          continue;
        }
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).toString().equals(busybox))
          continue;
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(busybox));
      }
      return dir;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * A shell wrapper where the applet's exit status differs from the tool's: iputils ping exits 2 on
   * an error (lo down: "Network is unreachable") and 1 only when no reply came; busybox's ping
   * exits 1 for both. Null where a plain symlink does.
   */
  private static String wrapper(String tool, String busybox) {
    if (!tool.equals("ping")) return null;
    return "#!/bin/sh\n"
        + "# nslab: busybox's ping standing in for iputils-ping, which this host lacks; exits as iputils does.\n"
        + "exec 3>&1\n"
        + "msg=$("
        + busybox
        + " ping \"$@\" 2>&1 >&3 3>&-); rc=$?\n"
        + "[ -n \"$msg\" ] && printf '%s\\n' \"$msg\" >&2\n"
        + "case \"$rc:$msg\" in 1:*unreachable*|1:*\"bad address\"*|1:*\"Operation not permitted\"*|1:*sendto*) exit 2 ;; esac\n"
        + "exit $rc\n";
  }

  private static String busybox(Path cacheDir, Path home) {
    String host = LabEnvironment.find("busybox");
    if (host != null) return host;
    Path rootfs = cacheDir.resolve("rootfs");
    Path inRootfs = rootfs.resolve("bin/busybox");
    if (!Files.isExecutable(inRootfs)
        && Files.isRegularFile(home.resolve("rootfs/build-rootfs.sh"))) {
      try {
        Rootfs.ensure(new LabEnvironment(List.of(), null, null, null, home, rootfs, null));
      } catch (LabException e) {
        return null;
      }
    }
    return Files.isExecutable(inRootfs) ? inRootfs.toString() : null;
  }
}
