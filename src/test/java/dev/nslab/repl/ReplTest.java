package dev.nslab.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.LabEnvironment;
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

/**
 * The REPL over a dumb terminal on pipes: what a learner types, line by line, and what they see.
 */
class ReplTest {
  @TempDir Path state;

  String session(String typed) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    // A DumbTerminal, not TerminalBuilder.streams(): the builder puts a pty between the pipes,
    // and the pty swallows piped input.
    try (Terminal t =
        new DumbTerminal(
            "nslab-test",
            Terminal.TYPE_DUMB,
            new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
            screen,
            StandardCharsets.UTF_8)) {
      int rc =
          Repl.loop(
              t,
              LessonCatalog.load(Path.of("lessons")),
              true,
              Map.of(),
              state,
              LabEnvironment.fromHost(Map.of()));
      assertThat(rc).isZero();
    }
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpThenEndOfInputLeavesCleanly() throws Exception {
    String seen = session("help\n");
    assertThat(seen)
        .contains("nslab: Linux namespaces, live", "start LESSON", "Bye.")
        .doesNotContain("Lab torn down"); // there was no lab
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

  @Test
  void aLearnerLeavesMidLessonResumesWithTheirOwnTurnReplayedRewindsAndFinishes() throws Exception {
    assumeTrue(Privileges.root(), "lessons run as root in CI");
    // Step 6 of pid is a turn (start a background process); the learner does it their own way.
    session("start pid\n" + "\n".repeat(6) + "run sleep 444 &\n\nquit\n");

    String back =
        session("lessons\nresume\nrun ps -o args= | grep -c '^sleep 444'\ntree\nback 2\nquit\n");
    assertThat(back)
        .contains("Welcome back: you were at step 6/7 of pid. `resume` takes you there.")
        .containsPattern("pid +PID: your own PID 1 .*… at step 6/7")
        .contains("Resuming at step 6/7: a fresh lab, steps 1-6 replayed silently.")
        .contains("Enter runs step 7: When PID 1 dies, the namespace dies.")
        .contains(
            "A fresh lab, steps 1-4 replayed silently", "Enter runs step 5: PID 1 adopts orphans.")
        .contains("pid 4/7 >");
    // tree: nslab-init is PID 1 inside and has the learner's sleep as a child, both apart in mnt
    // and pid.
    assertThat(back)
        .containsPattern("\\d+ +1 +┗━ nslab-init +mnt pid")
        .containsPattern("\\d+ +\\d+ +[┣┗]━ sleep 444 +mnt pid");
    // The replayed turn was the learner's `sleep 444`, not the lesson's solution.
    assertThat(back.substring(back.indexOf("Enter runs step 7")))
        .containsPattern("pid 6/7 > +1\\n");

    String end = session("resume\n\n\nsolution\nrun sleep 600 &\n\n\nlessons\nresume\nquit\n");
    assertThat(end)
        .contains("Resuming at step 4/7", "solution: run sleep 600 &", "Lesson complete")
        .containsPattern("pid +PID: your own PID 1 .*✓ done \\(solution shown at step 6\\)")
        .contains("Nothing to resume");
  }

  @Test
  void withNothingSavedResumeSaysHowToBeginAndGotoChecksItsStep() throws Exception {
    assumeTrue(Privileges.root(), "lessons run as root in CI");
    String seen = session("resume\nstart uts\nback\ngoto 9\ngoto two\ngoto 3\ntree\nquit\n");
    assertThat(seen)
        .contains("Nothing to resume: `lessons` shows your progress, `start LESSON` begins one.")
        .contains("No step has run yet: there is nothing to go back to.")
        .contains("error: goto needs a step number from 1 to 5, e.g. goto 2.")
        .contains(
            "A fresh lab, steps 1-2 replayed silently", "Enter runs step 3: Name it.", "uts 2/5 >")
        .containsPattern("\\d+ +- +nslab, lab thread \\d+ +uts");
  }
}
