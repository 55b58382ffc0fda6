package dev.nslab.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.LessonReader;
import dev.nslab.render.Screen;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The command table, driven as the REPL and play drive it, without a terminal. */
class CommandsTest {
  final StringWriter text = new StringWriter();
  final Session session = new Session(LabEnvironment.fromHost(Map.of()));
  final LessonCatalog catalog = LessonCatalog.load(Path.of("lessons"));
  final String courseList = String.join(", ", catalog.ids());
  final Commands commands =
      new Commands(session, catalog, new Screen(new PrintWriter(text), false));

  @Test
  void anUnknownCommandSuggestsTheNearestOne() {
    commands.execute("nxet");
    assertThat(text.toString())
        .contains("error: unknown command 'nxet' (did you mean 'next'?); type help");
  }

  @Test
  void startWithoutALessonGivesUsageAndTheList() {
    commands.execute("start");
    assertThat(text.toString()).contains("usage: start LESSON. Lessons: " + courseList + ".");
  }

  @Test
  void startOfAnUnknownLessonGivesTheList() {
    commands.execute("start nope");
    assertThat(text.toString()).contains("no lesson named 'nope'. Lessons: " + courseList + ".");
    assertThat(session.active()).isFalse();
  }

  /**
   * One step early, `run hostname oops` would rename the machine: the lab is still the host.
   * Without a way to ask (play, a dumb terminal) it is refused; asked, a "no" runs nothing.
   */
  @Test
  void aCommandBeforeTheLabHasANamespaceRunsNothingUnlessTheLearnerSaysSo() throws Exception {
    Assumptions.assumeTrue(Privileges.hostRoot(), "as root only");
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    try (session) {
      commands.execute("start uts");
      commands.execute("run hostname nslab-too-early");
      assertThat(text.toString())
          .contains(
              "the lab has no namespace of its own yet, so `hostname nslab-too-early` "
                  + "would run as root on your machine itself; press Enter to run the next step first.");
      List<String> asked = new ArrayList<>();
      Commands asking =
          new Commands(
              session,
              catalog,
              new Screen(new PrintWriter(text), false),
              new Commands.Setup(
                  LessonListener.all(List.of()),
                  Optional.empty(),
                  true,
                  Optional.of(q -> asked.add(q) && false),
                  Optional.empty()));
      asking.execute("!hostname nslab-too-early");
      assertThat(asked).hasSize(1);
      assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).isEqualTo(host);
    }
  }

  /** A failed last step still ends the lesson; it must not be called complete. */
  @Test
  void aLessonWhoseLastClaimFailedIsNotCalledComplete() throws Exception {
    Assumptions.assumeTrue(Privileges.root(), "labs run as root in CI");
    var lesson =
        LessonReader.parse(
            Path.of("stale.yaml"),
            """
        id: stale
        title: A stale lesson
        summary: s
        steps:
          - id: one
            title: t
            narration: n
            expect:
              - hostname: nslab-not-this-one
        """);
    try (session) {
      session.start(lesson);
      commands.execute("");
      assertThat(text.toString())
          .contains("■ End of A stale lesson, but the last step's claims did not all hold")
          .doesNotContain("Lesson complete")
          .containsPattern(
              "✗ the lab's hostname is nslab-not-this-one\n    the kernel says: \"[^\"]+\"\n");
    }
  }

  @Test
  void runWithoutALessonSaysHowToStartOne() {
    commands.execute("!hostname");
    assertThat(text.toString()).contains("no lesson is running: start one with `start LESSON`");
  }

  @Test
  void helpNamesEveryCommandAndHelpCommandExplainsOne() {
    commands.execute("help");
    for (String name : commands.names()) assertThat(text.toString()).contains(name);
    commands.execute("help run");
    assertThat(text.toString())
        .contains("run COMMAND", "run a shell command inside the lab", "also: !");
  }

  @Test
  void quitAndItsAliasesLeave() {
    assertThat(commands.execute("quit")).isEqualTo(Commands.Result.QUIT);
    assertThat(commands.execute("exit")).isEqualTo(Commands.Result.QUIT);
    assertThat(commands.execute("help")).isEqualTo(Commands.Result.CONTINUE);
  }

  @Test
  void withoutALessonCodeAndHintSayHowToStartOneNotWhatEnterDoes() {
    for (String command : List.of("code", "trace", "hint", "solution")) {
      text.getBuffer().setLength(0);
      commands.execute(command);
      assertThat(text.toString())
          .as(command)
          .contains("no lesson is running: start one with `start LESSON`")
          .doesNotContain("Enter");
    }
  }

  @Test
  void helpNamesEveryWayToRunACommandInTheLab() {
    commands.execute("help");
    assertThat(text.toString()).contains("`run CMD`", "`!CMD`", "`sh`");
  }

  @Test
  void completionOffersCommandsThenLessonIds() {
    ReplCompleter completer = new ReplCompleter(commands);
    assertThat(completer.candidates(List.of(""), 0)).contains("start", "next", "run", "ns", "quit");
    assertThat(completer.candidates(List.of("start", ""), 1))
        .containsExactlyElementsOf(catalog.ids())
        .startsWith("uts");
    assertThat(completer.candidates(List.of("run", ""), 1)).isEmpty();
    assertThat(completer.candidates(List.of("help", ""), 1))
        .containsExactlyElementsOf(commands.names());
    assertThat(completer.candidates(List.of("code", ""), 1)).containsExactly("--c", "--shell");
    assertThat(completer.candidates(List.of("goto", ""), 1)).as("no lesson, no steps").isEmpty();
    assertThat(completer.candidates(List.of("start", "uts", ""), 2)).isEmpty();
  }

  /**
   * Each command completes its own argument: Tab after `start` shows each lesson's title beside its
   * id.
   */
  @Test
  void lessonCandidatesCarryTheirTitlesInCourseOrder() {
    List<Candidate> offered = commands.find("resume").orElseThrow().completion().get();
    assertThat(offered).extracting(Candidate::value).containsExactlyElementsOf(catalog.ids());
    assertThat(offered.get(0).descr()).isEqualTo(catalog.lessons().get(0).title());
    assertThat(offered).extracting(Candidate::sort).isSorted();
  }

  @Test
  void stepNumbersAfterGotoCarryTheStepsTitles() {
    Assumptions.assumeTrue(Privileges.root(), "labs run as root in CI");
    try (session) {
      commands.execute("start uts");
      List<Candidate> offered = commands.find("goto").orElseThrow().completion().get();
      assertThat(offered).extracting(Candidate::value).containsExactly("1", "2", "3", "4", "5");
      assertThat(offered.get(1).descr()).isEqualTo("A UTS namespace of its own");
    }
  }

  /** `!CMD` is `run CMD`: the one rule the REPL, its highlighter and play all read. */
  @Test
  void aLineIsItsCommandWordAndTheRestAndBangIsAWordOfItsOwn() {
    assertThat(Command.Typed.of("  !hostname  my-lab "))
        .isEqualTo(new Command.Typed("!", "hostname  my-lab"));
    assertThat(Command.Typed.of("run   echo !")).isEqualTo(new Command.Typed("run", "echo !"));
    assertThat(Command.Typed.of("   ")).isEqualTo(new Command.Typed("", ""));
    assertThat(commands.knows("!")).isTrue();
  }

  @Test
  void traceAndCodeShowTheLastStepsSyscallsAndItsC() {
    Assumptions.assumeTrue(Privileges.root(), "labs run as root in CI");
    commands.execute("trace");
    assertThat(text.toString()).contains("no lesson is running");
    commands.execute("start uts");
    commands.execute("trace");
    assertThat(text.toString()).contains("No step has run yet");
    commands.execute("next");
    commands.execute("next");
    text.getBuffer().setLength(0);
    commands.execute("trace");
    assertThat(text.toString())
        .contains("step 2, A UTS namespace of its own: 1 syscall")
        .containsPattern("✓ unshare\\(CLONE_NEWUTS\\) = 0\\s+\\d+ µs");
    commands.execute("code");
    assertThat(text.toString())
        .contains("C      CHECK(unshare(CLONE_NEWUTS));", "shell  unshare --uts sh <<'UTS'");
    text.getBuffer().setLength(0);
    commands.execute("code --c");
    assertThat(text.toString())
        .contains("int main(void)", "CHECK(sethostname(\"nslab-uts\"", "nslab code uts --c | gcc");
    session.close();
  }
}
