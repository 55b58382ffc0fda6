package dev.nslab.repl;

import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.progress.LessonProgress;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.LessonList;
import dev.nslab.render.Screen;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the learner stands in the course: the lessons with their progress, and after a lesson what
 * comes next. With a {@link ProgressStore} (the REPL; play keeps none) it saves their place
 * whenever it changes.
 */
final class Course implements LessonListener {
  private final LessonCatalog catalog;
  private final Optional<ProgressStore> store;
  private final Session session;
  private final Screen screen;

  Course(LessonCatalog catalog, Optional<ProgressStore> store, Session session, Screen screen) {
    this.catalog = catalog;
    this.store = store;
    this.session = session;
    this.screen = screen;
  }

  boolean kept() {
    return store.isPresent();
  }

  /** Whether a lesson is under way; when not, says how to start one. */
  boolean lessonRunning() {
    if (session.active()) return true;
    screen.error(
        "no lesson is running: start one with `start LESSON` ("
            + String.join(", ", catalog.ids())
            + ").");
    return false;
  }

  @Override
  public void placeChanged() {
    if (store.isEmpty() || !session.active()) return;
    store.get().save(session.progress());
    reportProblem();
  }

  Optional<LessonProgress> saved(String lesson) {
    return store.flatMap(s -> s.of(lesson));
  }

  Optional<LessonProgress> last() {
    return store.flatMap(ProgressStore::last);
  }

  /** "Welcome back" when the learner has a lesson to resume; nothing otherwise. */
  void greet() {
    last()
        .ifPresent(
            p ->
                catalog
                    .find(p.lesson())
                    .filter(l -> p.inProgress(l.size()))
                    .ifPresent(
                        l ->
                            screen.println(
                                Screen.TASK,
                                "  Welcome back: you were at step "
                                    + p.reached()
                                    + "/"
                                    + l.size()
                                    + " of "
                                    + l.id()
                                    + ". `resume` takes you there.")));
    reportProblem();
  }

  void list() {
    LessonList.print(screen, catalog, all());
    reportProblem();
  }

  void reportProblem() {
    store
        .flatMap(ProgressStore::takeProblem)
        .ifPresent(p -> screen.println(Screen.DIM, "  note: " + p + "."));
  }

  private Map<String, LessonProgress> all() {
    return store.map(ProgressStore::all).orElse(Map.of());
  }

  /** After a lesson: the next one in course order, or after the last, where the learner stands. */
  void whatNext(Lesson finished) {
    List<Lesson> course = catalog.lessons();
    int at = course.stream().map(Lesson::id).toList().indexOf(finished.id());
    if (at < 0) return; // a lesson from a file, outside the course
    if (at + 1 < course.size()) {
      Lesson next = course.get(at + 1);
      screen.println(
          "  Next in the course: " + next.title() + ". `start " + next.id() + "` begins it.");
      return;
    }
    screen.println();
    if (store.isEmpty()) {
      screen.println(Screen.GOOD, "■ That was the last lesson of the course.");
      screen.println(Screen.DIM, "  `lessons` shows the whole course.");
      return;
    }
    Map<String, LessonProgress> saved = all();
    List<String> notDone =
        course.stream()
            .map(Lesson::id)
            .filter(id -> saved.get(id) == null || !saved.get(id).done())
            .toList();
    if (notDone.isEmpty()) {
      screen.println(Screen.GOOD, "■ Course complete: all " + course.size() + " lessons done.");
    } else {
      screen.println(
          Screen.GOOD,
          "■ The last lesson of the course. Done: "
              + (course.size() - notDone.size())
              + " of "
              + course.size()
              + "; still to do: "
              + String.join(", ", notDone)
              + ".");
    }
    List<String> withSolution =
        course.stream()
            .filter(
                l -> saved.get(l.id()) != null && !saved.get(l.id()).solvedWithSolution().isEmpty())
            .map(
                l ->
                    l.id()
                        + " (step "
                        + String.join(
                            ", ",
                            saved.get(l.id()).solvedWithSolution().stream()
                                .map(String::valueOf)
                                .toList())
                        + ")")
            .toList();
    screen.println(
        withSolution.isEmpty()
            ? "  Every turn solved without `solution`."
            : "  Solutions used: " + String.join(", ", withSolution) + ".");
    screen.println(Screen.DIM, "  `lessons` shows the whole course.");
  }
}
