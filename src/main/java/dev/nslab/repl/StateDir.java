package dev.nslab.repl;

import dev.nslab.lab.LabEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The learner's state directory: $XDG_STATE_HOME/nslab, else ~/.local/state/nslab; under sudo, the
 * invoking user's, and what nslab writes there is handed to that user.
 */
public final class StateDir {
  private StateDir() {}

  public static Path of(Map<String, String> env) {
    return LabEnvironment.stateDir(env);
  }

  /**
   * Under sudo, gives the state directory and what is directly in it (progress, history, the volume
   * directory) to the user who ran sudo: their nslab, with or without sudo, can read and write
   * them. Links are neither followed nor changed.
   */
  public static void handOver(Path dir, Map<String, String> env) {
    String uid = env.get("SUDO_UID"), gid = env.get("SUDO_GID");
    if (uid == null || gid == null || !uid.matches("[1-9]\\d*") || !gid.matches("\\d+")) return;
    if (!dir.startsWith(LabEnvironment.stateDir(env)) && !dir.equals(LabEnvironment.stateDir(env)))
      return;
    try (var entries = Files.list(dir)) {
      for (Path p : entries.toList()) own(p, uid, gid);
      own(dir, uid, gid);
    } catch (IOException e) {
      // not there yet, or not ours to change: nothing to hand over
    }
  }

  private static void own(Path p, String uid, String gid) throws IOException {
    if (Files.isSymbolicLink(p)) return;
    Files.setAttribute(p, "unix:uid", Integer.parseInt(uid), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", Integer.parseInt(gid), LinkOption.NOFOLLOW_LINKS);
  }
}
