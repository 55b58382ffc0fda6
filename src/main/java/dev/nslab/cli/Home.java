package dev.nslab.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where nslab's own files are: the checkout the launcher started it from. */
public final class Home {
  private Home() {}

  /** -Dnslab.home (set by ./nslab), else the folder above target/nslab.jar, else the cwd. */
  public static Path dir() {
    String prop = System.getProperty("nslab.home");
    if (prop != null) return Path.of(prop);
    try {
      Path code = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = code; p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("lessons"))) return p;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }

  public static Path lessons() {
    return dir().resolve("lessons");
  }
}
