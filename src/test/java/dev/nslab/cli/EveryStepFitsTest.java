package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.render.Screen;
import dev.nslab.render.StepView;
import dev.nslab.render.Wrap;
import dev.nslab.repl.Commands;
import dev.nslab.repl.Failures;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import dev.nslab.session.StepResult;
import dev.nslab.session.TaskResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step of every lesson, presented on a laptop (80x24) and a projector (110x40): each page
 * keeps the banner on its first row and the key bar on its last, no line is wider than the screen
 * (so the terminal never folds one), and no word is split: the words on the narrow screen are the
 * words of the same step laid out on one unbounded line each.
 */
class EveryStepFitsTest {
  @TempDir static Path state;

  @TestFactory
  Stream<DynamicTest> everyStepFitsALaptopAndAProjector() {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    return LessonCatalog.load(Path.of("lessons")).lessons().stream()
        .flatMap(
            l ->
                Stream.of(new int[] {80, 24}, new int[] {110, 40})
                    .map(
                        size ->
                            DynamicTest.dynamicTest(
                                l.id() + " at " + size[0] + "x" + size[1],
                                () -> present(l, size[0], size[1]))));
  }

  private static void present(Lesson lesson, int width, int rows) {
    List<Page> pages = new ArrayList<>();
    List<Consumer<Screen>> steps =
        new ArrayList<>(); // each step and turn, to be drawn again at any width
    StringWriter rendered = new StringWriter();
    Screen screen = new Screen(new PrintWriter(rendered), false, null, width);
    LabEnvironment env =
        LabEnvironment.fromHost(
            Map.of("XDG_STATE_HOME", state.toString(), "HOME", System.getProperty("user.home")));
    try (Session session = new Session(env)) {
      Failures failures = new Failures();
      Commands commands =
          new Commands(
              session,
              LessonCatalog.load(Path.of("lessons")),
              screen,
              Commands.Setup.present(
                  failures,
                  new LessonListener() {
                    @Override
                    public void stepRan(StepResult step, String taskPrompt) {
                      steps.add(s -> StepView.print(s, step, taskPrompt, false));
                    }

                    @Override
                    public void taskChecked(TaskResult task, String taskPrompt) {
                      steps.add(s -> StepView.task(s, task, taskPrompt));
                    }
                  }));
      SlideDisplay display =
          new SlideDisplay() {
            public int rows() {
              return rows;
            }

            public int width() {
              return width;
            }

            public void show(AttributedString banner, List<String> lines, AttributedString bar) {
              pages.add(new Page(banner.toString(), lines, bar.toString()));
            }
          };
      // Whether every claim holds is EveryLessonReplaysTest's to say; here, how each screen looks.
      new Presentation(
              lesson,
              commands,
              failures,
              rendered,
              screen,
              display,
              () -> Pacer.Move.NEXT,
              false,
              false)
          .run();
    }

    assertThat(pages).isNotEmpty();
    for (Page page : pages) {
      String where =
          lesson.id() + " at " + width + "x" + rows + ", page:\n" + String.join("\n", page.lines());
      assertThat(1 + page.lines().size() + 1)
          .as("banner, page and key bar fit: " + where)
          .isLessThanOrEqualTo(rows);
      assertThat(page.banner())
          .as(where)
          .startsWith(" ")
          .hasSize(width)
          .containsPattern("\\d+ steps|step \\d+/\\d+");
      assertThat(page.bar()).as(where).contains("q quit").hasSize(width);
      for (String line : page.lines()) {
        assertThat(Wrap.columns(line))
            .as("not folded by the terminal: " + line + "\n" + where)
            .isLessThanOrEqualTo(width);
      }
    }
    for (Consumer<Screen> step : steps) {
      Set<String> whole = new HashSet<>(words(draw(step, 100_000)));
      for (String word : words(draw(step, width))) {
        if (word.endsWith("…") || word.matches("━+"))
          continue; // a line cut at the edge; the header's rule
        assertThat(whole)
            .as("'" + word + "' is a whole word at " + width + " columns:\n" + draw(step, width))
            .contains(word);
      }
    }
  }

  record Page(String banner, List<String> lines, String bar) {}

  private static String draw(Consumer<Screen> step, int width) {
    StringWriter text = new StringWriter();
    step.accept(new Screen(new PrintWriter(text), false, null, width));
    return text.toString();
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
