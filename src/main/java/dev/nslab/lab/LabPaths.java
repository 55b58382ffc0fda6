package dev.nslab.lab;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths as the lab thread resolves them: its root, its working directory, its mounts. Each question
 * is asked on that thread, as its syscalls would see it.
 */
final class LabPaths {
  private final LabThread thread;

  LabPaths(LabThread thread) {
    this.thread = thread;
  }

  /** Whether the lab thread can resolve this path. */
  boolean resolves(String path) {
    return thread.call(() -> realpath(path).isPresent());
  }

  /** The mounts the lab thread sees (its mountinfo). */
  MountTable mounts() {
    return MountTable.of(Path.of("/proc/" + thread.tid() + "/mountinfo"));
  }

  /**
   * Why the lab may not create or write {@code path}, or empty when {@code owned} says it is the
   * lab's. The directory is resolved, the last component is not, and a symbolic link there is
   * refused outright.
   */
  Optional<String> writeRefusal(String path, OwnedPaths owned) {
    return thread.call(() -> refusal(path, owned));
  }

  private static Optional<String> refusal(String path, OwnedPaths owned) {
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

  /** realpath(3) on the calling thread, or empty when the path does not resolve. */
  private static Optional<String> realpath(String path) {
    byte[] buf = new byte[4096];
    if (Libc.C.realpath(path, buf) == null) return Optional.empty();
    return Optional.of(Native.toString(buf, StandardCharsets.UTF_8));
  }
}
