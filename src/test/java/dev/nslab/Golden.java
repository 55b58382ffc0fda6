package dev.nslab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.session.HostShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Golden files for what the learner sees. Output from a live kernel differs between machines in a
 * few places only (namespace inodes, times, the host's name and kernel, PIDs), and those are
 * masked; everything else must match. Run with -Dnslab.golden.update=true to rewrite the files
 * after a deliberate change, then review the diff.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(Path golden, String actual) throws IOException {
    if (Boolean.getBoolean("nslab.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  /** Live output with what varies between machines and runs replaced by <inode>, <time>, ... */
  public static String masked(String live) {
    String host = HostShell.hostname();
    return live.replaceAll("\\b40265\\d{5}\\b", "<inode>")
        .replaceAll("\\d+ µs|\\d+\\.\\d ms", "<time>")
        .replace(System.getProperty("os.version"), "<kernel>")
        .replaceAll("(?<![\\w-])" + Pattern.quote(host) + "(?![\\w-])", "<host>")
        .replaceAll("(?m)^(\\s*)\\d+(\\s+\\d+\\s+\\S)", "$1<pid>$2");
  }
}
