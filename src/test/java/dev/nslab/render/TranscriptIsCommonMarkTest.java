package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.repl.Commands;
import dev.nslab.repl.Failures;
import dev.nslab.session.Check;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import dev.nslab.session.Shown;
import dev.nslab.session.StepResult;
import dev.nslab.session.TaskResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript is a handout: read by a real CommonMark parser, every command it shows (the step's
 * shown commands, the commands its claims ran, the commands typed, the C and shell code) comes back
 * byte for byte from a code span or block, ready to copy and paste.
 */
class TranscriptIsCommonMarkTest {
  @TempDir static Path state;

  @TestFactory
  Stream<DynamicTest> everyLessonsTranscriptGivesBackEveryCommandIntact() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    return LessonCatalog.load(Path.of("lessons")).lessons().stream()
        .map(l -> DynamicTest.dynamicTest(l.id(), () -> transcriptOf(l)));
  }

  @Test
  void aCommandWithPipesAndBackticksIsOneCodeSpanWithNoEscapes() {
    for (String command :
        List.of(
            "tail -n +3 /proc/self/net/dev | cut -d: -f1",
            "echo `hostname`",
            "`x`",
            " a ",
            "printf '\\\\n'")) {
      assertThat(codeIn(Markdown.code(command))).containsExactly(command);
    }
  }

  @Test
  void proseShowsAsWrittenAndKeepsItsCodeSpans() {
    String prose =
        "CLONE_NEW* flags: *not* <b>markup</b> [x] & a_b; run `hostname`\n- not a list\n# not a heading";
    String md = Markdown.prose(prose);
    var doc = Parser.builder().build().parse(md);
    assertThat(
            new org.commonmark.renderer.text.TextContentRenderer.Builder()
                .build()
                .render(doc)
                .strip())
        .isEqualTo(prose.replace("`", "\"")); // the text renderer quotes code
    assertThat(codeIn(md)).containsExactly("hostname");
  }

  private static void transcriptOf(Lesson lesson) {
    Transcript transcript = new Transcript();
    List<String> commands = new ArrayList<>(); // every command the transcript shows
    List<String> blocks = new ArrayList<>(); // every code block it should hold, whole
    StringWriter screen = new StringWriter();
    try (Session session =
        new Session(
            LabEnvironment.fromHost(
                Map.of(
                    "XDG_STATE_HOME",
                    state.toString(),
                    "HOME",
                    System.getProperty("user.home"))))) {
      LessonListener listener =
          new LessonListener() {
            @Override
            public void started(Lesson l) {
              transcript.started(l);
            }

            @Override
            public void stepRan(StepResult r, String taskPrompt) {
              transcript.stepRan(r, taskPrompt);
              r.shown().stream().map(Shown::command).forEach(commands::add);
              claimed(r.checks(), commands);
              if (r.step().code() != null) {
                if (r.step().code().c() != null) blocks.add(r.step().code().c().strip() + "\n");
                if (r.step().code().shell() != null)
                  blocks.add(r.step().code().shell().strip() + "\n");
              }
            }

            @Override
            public void commandRan(String command, CommandResult result) {
              transcript.commandRan(command, result);
              commands.add("# " + command);
            }

            @Override
            public void taskChecked(TaskResult task, String taskPrompt) {
              transcript.taskChecked(task, taskPrompt);
              claimed(task.checks(), commands);
            }
          };
      Failures failures = new Failures();
      Commands cmds =
          new Commands(
              session,
              LessonCatalog.load(Path.of("lessons")),
              new Screen(new PrintWriter(screen), false),
              Commands.Setup.play(failures, listener));
      cmds.start(lesson);
      while (session.active() && !session.finished()) {
        long failed = failures.count();
        if (session.awaitingTask()) cmds.execute("run " + session.solutionForReplay());
        cmds.execute("next");
        if (failures.count() > failed)
          break; // a machine without ping, say: what ran is still a handout
      }
    }
    String md = transcript.markdown();
    List<String> code = codeIn(md);
    List<String> blockLines = code.stream().flatMap(c -> c.lines()).toList();
    assertThat(commands).isNotEmpty();
    for (String command : commands) {
      assertThat(command.startsWith("# ") ? blockLines : code)
          .as("%s in\n%s", command, md)
          .contains(command);
    }
    assertThat(code).as(md).containsAll(blocks);
  }

  /**
   * The commands in claims such as "`cmd` in the lab prints X": what the reader should find as
   * code.
   */
  private static void claimed(List<Check> checks, List<String> commands) {
    for (Check c : checks) {
      var m =
          Pattern.compile(
                  "(?:on the host, )?`(.+)` (?:in the lab )?(?:prints|exits with) .*",
                  Pattern.DOTALL)
              .matcher(c.claim());
      if (m.matches()) commands.add(m.group(1));
    }
  }

  /** The literal of every code span and code block, as a CommonMark parser reads them. */
  private static List<String> codeIn(String markdown) {
    List<String> found = new ArrayList<>();
    Parser.builder()
        .build()
        .parse(markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Code code) {
                found.add(code.getLiteral());
              }

              @Override
              public void visit(FencedCodeBlock block) {
                found.add(block.getLiteral());
              }

              @Override
              public void visit(IndentedCodeBlock block) {
                found.add(block.getLiteral());
              }
            });
    return found;
  }
}
