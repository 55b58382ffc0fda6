package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.Privileges;
import dev.nslab.session.HostShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    java.util.List<String> rows = table.lines().filter(l -> l.matches("\\s+\\d .*")).toList();
    assertThat(rows).hasSize(5);
    for (String row : rows) {
      String[] f = row.trim().split("\\s+");
      double total = Double.parseDouble(f[f.length - 4]), commands = Double.parseDouble(f[f.length - 3]),
          own = Double.parseDouble(f[f.length - 2]), render = Double.parseDouble(f[f.length - 1]);
      assertThat(own).as(row).isCloseTo(total - commands, org.assertj.core.data.Offset.offset(0.02));
      assertThat(render).as(row).isLessThanOrEqualTo(own);
    }
    assertThat(table).containsPattern("nslab's own part: median [\\d.]+ ms, max [\\d.]+ ms over 5 steps");
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
    assertThat(out()).containsPattern("uts\\s+UTS: a hostname of your own\\s+\\[any user, with user namespaces]")
        .containsPattern("user\\s+User: root inside, nobody outside\\s+\\[any user, with user namespaces]");
  }

  @Test
  void checkPrintsFileLineColumnForEveryProblemAndExitsOne() {
    String file = "src/test/resources/bad-lessons/unknown-action.yaml";
    assertThat(nslab("check", file, "lessons/uts.yaml")).isEqualTo(Cli.FAILED);
    assertThat(out()).contains(file + ":9:9: steps[0].actions[0]: unknown action 'unshar' (did you mean 'unshare'?)")
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
    assertThat(nslab("play", "src/test/resources/bad-lessons/unknown-key.yaml")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--trust");
  }

  @Test
  void playOfABrokenTrustedFileIsALessonFileErrorAndRunsNothing() {
    assertThat(nslab("play", "--trust", "src/test/resources/bad-lessons/unknown-key.yaml")).isEqualTo(Cli.USAGE);
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
        .contains("Lesson complete");
    assertThat(HostShell.hostname()).isEqualTo(host);
  }
}
