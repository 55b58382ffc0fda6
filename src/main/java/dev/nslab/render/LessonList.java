package dev.nslab.render;

import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.LessonProblem;
import dev.nslab.progress.LessonProgress;
import java.util.Map;

/** The course: lessons in order with their one-line summaries and what they need. */
public final class LessonList {
  private LessonList() {}

  /** With the learner's progress: done, or the step reached, after each title. */
  public static void print(
      Screen screen, LessonCatalog catalog, Map<String, LessonProgress> progress) {
    int n = 1;
    for (Lesson l : catalog.lessons()) {
      var line =
          Screen.line()
              .append(String.format("  %2d. ", n++))
              .styled(Screen.BOLD, String.format("%-10s", l.id()))
              .append(l.title())
              .styled(Screen.DIM, "  [" + l.needs().label + "]");
      LessonProgress p = progress.get(l.id());
      if (p != null && p.done()) {
        line.styled(Screen.GOOD, "  ✓ done");
        if (!p.solvedWithSolution().isEmpty())
          line.styled(
              Screen.DIM,
              " (solution shown at step "
                  + String.join(", ", p.solvedWithSolution().stream().map(String::valueOf).toList())
                  + ")");
      } else if (p != null && p.inProgress(l.size())) {
        line.styled(Screen.TASK, "  … at step " + p.reached() + "/" + l.size());
      }
      screen.println(line.toAttributedString());
      for (String part : Wrap.words(l.summary(), screen.width() - 6))
        screen.println(Screen.DIM, "      " + part);
    }
    for (LessonProblem p : catalog.problems()) screen.error(p.render());
  }
}
