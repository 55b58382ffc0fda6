package dev.nslab.lab;

import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Paths as the lab thread resolves them: its root, its working directory, its mounts. */
final class LabPaths {
  private LabPaths() {}

  /** realpath(3) on the calling thread, or empty when the path does not resolve. */
  static Optional<String> realpath(String path) {
    byte[] buf = new byte[4096];
    if (Libc.C.realpath(path, buf) == null) return Optional.empty();
    int len = 0;
    while (len < buf.length && buf[len] != 0) len++;
    return Optional.of(new String(buf, 0, len, StandardCharsets.UTF_8));
  }

  /**
   * Why the lab may not create or write {@code path}, or empty when {@code owned} says it is the
   * lab's. Call on the lab thread: the directory is resolved, the last component is not, and a
   * symbolic link there is refused outright.
   */
  static Optional<String> writeRefusal(String path, OwnedPaths owned) {
    String name = path.endsWith("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : ".";
    if (name.equals(".") || name.equals("..") || name.isEmpty()) {
      return realpath(path).flatMap(owned::refusal);
    }
    Optional<String> dir = realpath(parent.isEmpty() ? "/" : parent);
    if (dir.isEmpty()) return Optional.empty(); // no such directory: the kernel refuses by itself
    String resolved = (dir.get().equals("/") ? "" : dir.get()) + "/" + name;
    if (Libc.C.readlink(resolved, new byte[1], new NativeLong(1)).longValue() >= 0) {
      return Optional.of(resolved + " is a symbolic link; nslab never writes through one");
    }
    return owned.refusal(resolved);
  }
}
