package dev.nslab.render;

import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.LessonProblem;

/** The course: lessons in order with their one-line summaries and what they need. */
public final class LessonList {
  private LessonList() {}

  public static void print(Screen screen, LessonCatalog catalog) {
    int n = 1;
    for (Lesson l : catalog.lessons()) {
      screen.println(Screen.line().append(String.format("  %2d. ", n++))
          .styled(Screen.BOLD, String.format("%-10s", l.id()))
          .append(l.title())
          .styled(Screen.DIM, "  [" + l.needs().label + "]").toAttributedString());
      screen.println(Screen.DIM, "      " + l.summary().strip());
    }
    for (LessonProblem p : catalog.problems()) screen.error(p.render());
  }
}
