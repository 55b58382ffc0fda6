package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.Privileges;
import dev.nslab.session.HostShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user types it, run in-process: output, errors and exit codes. */
class CliTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

  int nslab(String... args) {
    return Cli.run(new ByteArrayInputStream(new byte[0]), out, err, Map.of("NO_COLOR", "1"), args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheCommandsAndExitsZero() {
    assertThat(nslab("--help")).isZero();
    assertThat(out()).contains("play LESSON", "check FILE...", "lessons", "--no-color");
  }

  @Test
  void timingsAddsOneRowPerStepWhoseNslabPartIsTotalMinusCommands() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    assertThat(nslab("play", "uts", "--no-pause", "--timings")).isZero();
    String table = out().substring(out().indexOf("Timings (ms)"));
    List<String> rows = table.lines().filter(l -> l.matches("\\s+\\d .*")).toList();
    assertThat(rows).hasSize(5);
    for (String row : rows) {
      String[] f = row.trim().split("\\s+");
      double total = Double.parseDouble(f[f.length - 4]),
          commands = Double.parseDouble(f[f.length - 3]),
          own = Double.parseDouble(f[f.length - 2]),
          render = Double.parseDouble(f[f.length - 1]);
      assertThat(own).as(row).isCloseTo(total - commands, Offset.offset(0.02));
      assertThat(render).as(row).isLessThanOrEqualTo(own);
    }
    assertThat(table)
        .containsPattern("nslab's own part: median [\\d.]+ ms, max [\\d.]+ ms over 5 steps");
  }

  @Test
  void benchRejectsARunCountThatIsNotANumber() {
    assertThat(nslab("bench", "lots")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("usage: nslab bench [RUNS]");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(nslab("--colour")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("unknown option --colour").doesNotContain("Exception");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(nslab("plya", "uts")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("unknown command 'plya'");
  }

  @Test
  void lessonsListsTheUtsLessonWithWhatItNeeds() {
    assertThat(nslab("lessons")).isZero();
    assertThat(out())
        .containsPattern("uts\\s+UTS: a hostname of your own\\s+\\[any user, with user namespaces]")
        .containsPattern(
            "user\\s+User: root inside, nobody outside\\s+\\[any user, with user namespaces]");
  }

  @Test
  void checkPrintsFileLineColumnForEveryProblemAndExitsOne() {
    String file = "src/test/resources/bad-lessons/unknown-action.yaml";
    assertThat(nslab("check", file, "lessons/uts.yaml")).isEqualTo(Cli.FAILED);
    assertThat(out())
        .contains(
            file + ":9:9: steps[0].actions[0]: unknown action 'unshar' (did you mean 'unshare'?)")
        .contains("lessons/uts.yaml: ok (uts, 5 steps)");
  }

  @Test
  void checkOfAGoodLessonExitsZero() {
    assertThat(nslab("check", "lessons/uts.yaml")).isZero();
  }

  @Test
  void playOfAnUnknownLessonNamesTheLessons() {
    assertThat(nslab("play", "utz")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("no lesson named 'utz'", "uts");
  }

  @Test
  void playOfAFileFromOutsideNeedsTrust() {
    assertThat(nslab("play", "src/test/resources/bad-lessons/unknown-key.yaml"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--trust");
  }

  @Test
  void playOfABrokenTrustedFileIsALessonFileErrorAndRunsNothing() {
    assertThat(nslab("play", "--trust", "src/test/resources/bad-lessons/unknown-key.yaml"))
        .isEqualTo(Cli.USAGE);
    assertThat(err()).contains("unknown-key.yaml:6:5:");
    assertThat(out()).doesNotContain("unshare(", "step 1");
  }

  @Test
  void playUtsExitsZeroAndShowsTheUtsInodeChangeAndTheHostUnchanged() {
    assumeTrue(Privileges.root(), "lessons run as root in CI");
    String host = HostShell.hostname();
    assertThat(nslab("play", "uts", "--no-pause")).as(err()).isZero();
    assertThat(out())
        .contains("unshare(CLONE_NEWUTS) = 0", "sethostname(\"nslab-uts\", 9) = 0")
        .containsPattern("uts\\s+\\d+\\s+\\d+\\s+◆ new in this step")
        .contains("✓ only the uts namespace differs from the host's")
        .contains("✓ the host's hostname is still " + host)
        .contains(
            "Lesson complete",
            "Next in the course: IPC: message queues no one else can see. `start ipc` begins it.");
    assertThat(HostShell.hostname()).isEqualTo(host);
  }

  @Test
  void presentShowsEachStepOnAScreenOfItsOwnAndDoesTheTurnWithoutHints() throws Exception {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    assertThat(nslab("present", "uts", "--auto", "0")).isZero();
    // A title screen, five steps, and the learner's turn: each under its own bar.
    assertThat(out().lines().filter(l -> l.startsWith(" nslab · UTS"))).hasSize(7);
    assertThat(out())
        .doesNotContain("hint", "solution")
        .contains("nslab> run hostname my-lab", "done: the kernel agrees");
    dev.nslab.Golden.assertMatches(
        Path.of("src/test/resources/golden/present-uts.txt"), dev.nslab.Golden.masked(out()));
  }

  @Test
  void helpForOneCommandWorksFromTheShellForBothTheCommandLineAndTheRepl() {
    assertThat(nslab("help", "play")).isZero();
    assertThat(out())
        .contains("Usage: nslab [OPTIONS] play LESSON", "--transcript FILE.md   play:")
        .doesNotContain("--auto");
    assertThat(nslab("help", "run")).isZero();
    assertThat(out()).contains("In the REPL", "run COMMAND", "also: !");
    assertThat(nslab("help", "nope")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("no command 'nope'");
  }

  @Test
  void presentWithoutATerminalNeedsAuto() {
    assertThat(nslab("present", "uts")).isEqualTo(Cli.USAGE);
    assertThat(err())
        .contains("present waits for keys, and there is no terminal here: add --auto SECONDS");
  }

  @Test
  void transcriptWritesTheLessonAsItRanAsMarkdown(@TempDir Path dir) throws Exception {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    Path md = dir.resolve("uts.md");
    assertThat(nslab("play", "uts", "--no-pause", "--transcript", md.toString())).isZero();
    String text = Files.readString(md);
    assertThat(text)
        .startsWith("# UTS: a hostname of your own")
        .contains("## Step 5/5", "```c", "- ✓ ");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(md); // no temporary file left beside it
    }
    assertThat(Files.getPosixFilePermissions(md))
        .as("a handout others can read")
        .contains(PosixFilePermission.OTHERS_READ);
    dev.nslab.Golden.assertMatches(
        Path.of("src/test/resources/golden/transcript-uts.md"), dev.nslab.Golden.masked(text));
  }

  @Test
  void transcriptAndAutoAreCheckedBeforeAnythingRuns() {
    assertThat(nslab("play", "uts", "--transcript", "notes.txt")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--transcript needs a Markdown file name");
    assertThat(nslab("play", "uts", "--transcript", "/no/such/dir/uts.md")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("no directory /no/such/dir to write uts.md in");
    assertThat(nslab("play", "uts", "--auto", "3")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--auto goes with present");
    assertThat(nslab("present", "uts", "--auto", "soon")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--auto needs a number of seconds");
  }

  @Test
  void lessonsFromADirectoryOfYourChoiceRunOnlyWithTrust() {
    assertThat(nslab("--lessons", "lessons", "play", "uts", "--no-pause")).isEqualTo(Cli.USAGE);
    assertThat(err())
        .contains("the lessons in lessons run commands as you: read them, then add --trust");
    assertThat(nslab("--lessons", "lessons", "lessons")).isZero(); // listing them runs nothing
  }
}
