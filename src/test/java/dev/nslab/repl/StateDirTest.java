package dev.nslab.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.Privileges;
import dev.nslab.progress.LessonProgress;
import dev.nslab.progress.ProgressStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a workshop server where attendees use sudo, each keeps a place of their own. */
class StateDirTest {
  @TempDir Path dir;

  @Test
  void underSudoTheStateIsTheInvokingUsersNotRoots() {
    assumeTrue(Privileges.root(), "sudo means root");
    Path home = Path.of(passwdHome("nobody"));
    assertThat(
            StateDir.of(
                Map.of(
                    "HOME",
                    "/root",
                    "SUDO_USER",
                    "nobody",
                    "SUDO_UID",
                    "65534",
                    "SUDO_GID",
                    "65534")))
        .isEqualTo(home.resolve(".local/state/nslab"));
    assertThat(StateDir.of(Map.of("HOME", "/root"))).isEqualTo(Path.of("/root/.local/state/nslab"));
  }

  @Test
  void whatNslabWroteUnderSudoBelongsToTheLearner() throws Exception {
    assumeTrue(Privileges.root(), "sudo means root");
    Map<String, String> env =
        Map.of(
            "XDG_STATE_HOME",
            dir.toString(),
            "SUDO_USER",
            "nobody",
            "SUDO_UID",
            "65534",
            "SUDO_GID",
            "65534");
    Path state = StateDir.of(env);
    Files.createDirectories(state);
    Path outside = Files.writeString(dir.resolve("root-only"), "x");
    Files.createSymbolicLink(state.resolve("link"), outside);
    ProgressStore store = new ProgressStore(state, () -> StateDir.handOver(state, env));
    store.save(new LessonProgress("uts", 1, false, false, new TreeSet<>(), Map.of()));
    assertThat(Files.getAttribute(state.resolve("progress"), "unix:uid")).isEqualTo(65534);
    assertThat(Files.getAttribute(state, "unix:uid")).isEqualTo(65534);
    assertThat(Files.getAttribute(outside, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .as("a link is not followed")
        .isEqualTo(0);
  }

  private static String passwdHome(String user) {
    try {
      return Files.readAllLines(Path.of("/etc/passwd")).stream()
          .filter(l -> l.startsWith(user + ":"))
          .map(l -> l.split(":")[5])
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
