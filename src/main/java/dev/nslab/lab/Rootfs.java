package dev.nslab.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The busybox root filesystem labs pivot into. Built on first use by rootfs/build-rootfs.sh
 * (busybox-static from Debian's packages without installing it, else the host's own binaries), into
 * the learner's cache directory, and rebuilt when the skeleton changes.
 */
public final class Rootfs {
  private static final Object LOCK = new Object();

  private Rootfs() {}

  /** The built tree, building it first if it is missing or older than the skeleton. */
  public static Path ensure(LabEnvironment env) {
    synchronized (LOCK) {
      Path out = env.rootfsDir();
      Path marker = out.resolve(".nslab-rootfs");
      if (Files.exists(marker) && !stale(marker, env.home().resolve("rootfs/skeleton"))) return out;
      build(env, out);
      return out;
    }
  }

  /** The first line of the marker, e.g. "source=busybox-static from package ...", or null. */
  public static String source(Path dir) {
    try {
      return Files.readAllLines(dir.resolve(".nslab-rootfs")).stream()
          .filter(l -> l.startsWith("source="))
          .map(l -> l.substring(7))
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean stale(Path marker, Path skeleton) {
    try (Stream<Path> files = Files.walk(skeleton)) {
      long built = Files.getLastModifiedTime(marker).toMillis();
      return files.anyMatch(
          f -> {
            try {
              return Files.getLastModifiedTime(f).toMillis() > built;
            } catch (IOException e) {
              return false;
            }
          });
    } catch (IOException e) {
      return false;
    }
  }

  private static void build(LabEnvironment env, Path out) {
    Path script = env.home().resolve("rootfs/build-rootfs.sh");
    if (!Files.isRegularFile(script)) {
      throw new LabException(
          "the rootfs builder " + script + " is missing: run nslab from its checkout.");
    }
    try {
      Files.createDirectories(out.getParent());
      Process p =
          new ProcessBuilder(
                  List.of(
                      "/bin/sh",
                      script.toString(),
                      env.home().resolve("rootfs/skeleton").toString(),
                      out.toString()))
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        String last = log.strip().lines().reduce((a, b) -> b).orElse("no output");
        throw new LabException(
            "could not build the lab's root filesystem ("
                + last
                + "); `apt-get update` as root lets it fetch busybox-static.");
      }
    } catch (IOException e) {
      String why =
          e instanceof AccessDeniedException
              ? e.getMessage() + ": permission denied"
              : e.getMessage();
      throw new LabException(
          "could not build the lab's root filesystem ("
              + why
              + "); set XDG_CACHE_HOME to a directory you can write.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("building the lab's root filesystem was interrupted.");
    }
  }
}
