package dev.nslab.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.Privileges;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.session.HostShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL over a dumb terminal on pipes: what a learner types, line by line, and what they see. */
class ReplTest {
  @TempDir Path state;

  String session(String typed) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    // A DumbTerminal, not TerminalBuilder.streams(): the builder puts a pty between the pipes,
    // and the pty swallows piped input.
    try (Terminal t = new DumbTerminal("nslab-test", Terminal.TYPE_DUMB,
        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
      int rc = Repl.loop(t, LessonCatalog.load(Path.of("lessons")), true, Map.of(), state.resolve("history"),
          dev.nslab.lab.LabEnvironment.fromHost(Map.of()));
      assertThat(rc).isZero();
    }
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpThenEndOfInputLeavesCleanly() throws Exception {
    String seen = session("help\n");
    assertThat(seen).contains("nslab: Linux namespaces, live", "start LESSON", "Lab torn down");
  }

  @Test
  void historyIsKeptInTheStateDir() throws Exception {
    session("lessons\nquit\n");
    assertThat(Files.readString(state.resolve("history"))).contains("lessons");
  }

  @Test
  void aLearnerWalksTheUtsLessonWithEnterAndTakesTheirTurn() throws Exception {
    assumeTrue(Privileges.root(), "lessons run as root in CI");
    String host = HostShell.hostname();
    String seen = session("start uts\n" + "\n".repeat(6) + "run hostname learner-box\n\nquit\n");
    assertThat(seen)
        .contains("uts 0/5 >", "uts 5/5 your turn >", "unshare(CLONE_NEWUTS) = 0")
        .contains("not yet:")
        .contains("✓ done: the kernel agrees.", "Lesson complete", "uts 5/5 done >");
    assertThat(HostShell.hostname()).isEqualTo(host);
  }
}
