package dev.nslab.repl;

import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.Needs;
import dev.nslab.progress.LessonProgress;
import dev.nslab.render.Screen;
import dev.nslab.render.StepView;
import dev.nslab.render.Wrap;
import dev.nslab.repl.Commands.Result;
import dev.nslab.repl.Commands.Setup;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import dev.nslab.session.StepResult;
import dev.nslab.session.TaskResult;
import java.util.Optional;

/**
 * The commands that move a learner through a lesson: start, resume, next (Enter), goto, back,
 * reset. Going back is a fresh lab with the steps before replayed (a namespace change cannot be
 * undone in place); every move tells the listener, which saves the learner's place.
 */
final class LessonWalk {
  private final Session session;
  private final LessonCatalog catalog;
  private final Screen screen;
  private final Course course;
  private final LessonListener listener;
  private final Setup setup;

  LessonWalk(
      Session session,
      LessonCatalog catalog,
      Screen screen,
      Course course,
      LessonListener listener,
      Setup setup) {
    this.session = session;
    this.catalog = catalog;
    this.screen = screen;
    this.course = course;
    this.listener = listener;
    this.setup = setup;
  }

  Result start(String arg) {
    if (arg.isEmpty()) {
      screen.error("usage: start LESSON. Lessons: " + String.join(", ", catalog.ids()) + ".");
      return Result.CONTINUE;
    }
    Optional<Lesson> lesson = catalog.find(arg);
    if (lesson.isEmpty()) {
      screen.error(
          "no lesson named '" + arg + "'. Lessons: " + String.join(", ", catalog.ids()) + ".");
      return Result.CONTINUE;
    }
    return start(lesson.get());
  }

  /** Starts a lesson, if this machine lets nslab create its namespaces. */
  Result start(Lesson lesson) {
    if (!allowed(lesson)) return Result.CONTINUE;
    session.start(lesson);
    listener.started(lesson);
    title(lesson);
    screen.println(
        Screen.DIM,
        "  "
            + lesson.size()
            + " steps."
            + (setup.learnerHelp() ? " Press Enter for the first one." : ""));
    course
        .saved(lesson.id())
        .filter(p -> p.inProgress(lesson.size()))
        .ifPresent(
            p ->
                screen.println(
                    Screen.DIM,
                    "  You had reached step "
                        + p.reached()
                        + " before: `resume "
                        + lesson.id()
                        + "` takes you back there."));
    return Result.CONTINUE;
  }

  private boolean allowed(Lesson lesson) {
    Optional<String> problem =
        Privileges.problem(lesson.needs() == Needs.ROOT, lesson.unsharesOnLabThread());
    if (problem.isEmpty()) return true;
    screen.error("cannot start " + lesson.id() + ": " + problem.get());
    listener.failed(problem.get());
    return false;
  }

  private void title(Lesson lesson) {
    screen.println();
    screen.println(Screen.TITLE, "■ " + lesson.title());
    Wrap.reflow(lesson.summary()).forEach(screen::println);
    Privileges.rootlessUid()
        .ifPresent(
            uid ->
                screen.println(
                    Screen.DIM,
                    "  Unprivileged: nslab runs in a user "
                        + "namespace of its own, where you are root; outside it you are uid "
                        + uid
                        + ", as the host column shows."));
  }

  Result resume(String arg) {
    if (!course.kept()) {
      screen.error("there is no saved progress here: resume works in the interactive REPL.");
      return Result.CONTINUE;
    }
    Optional<LessonProgress> saved = arg.isEmpty() ? course.last() : course.saved(arg);
    Optional<Lesson> lesson = saved.flatMap(p -> catalog.find(p.lesson()));
    if (!arg.isEmpty() && catalog.find(arg).isEmpty()) {
      screen.error(
          "no lesson named '" + arg + "'. Lessons: " + String.join(", ", catalog.ids()) + ".");
      return Result.CONTINUE;
    }
    if (lesson.isEmpty() || !saved.get().inProgress(lesson.get().size())) {
      screen.println(
          "  Nothing to resume"
              + (arg.isEmpty() ? "" : " in " + arg)
              + ": `lessons` shows your "
              + "progress, `start LESSON` begins one.");
      course.reportProblem();
      return Result.CONTINUE;
    }
    if (!allowed(lesson.get())) return Result.CONTINUE;
    LessonProgress p = saved.get();
    title(lesson.get());
    screen.println(
        Screen.DIM,
        "  Resuming at step "
            + p.reached()
            + "/"
            + lesson.get().size()
            + ": a fresh lab, "
            + replayed(p.next())
            + ".");
    arrived(session.resume(lesson.get(), p));
    return Result.CONTINUE;
  }

  Result goTo(String arg) {
    if (!course.lessonRunning()) return Result.CONTINUE;
    int size = session.lesson().size();
    if (!arg.matches("\\d{1,4}") || Integer.parseInt(arg) < 1 || Integer.parseInt(arg) > size) {
      screen.error("goto needs a step number from 1 to " + size + ", e.g. goto 2.");
      return Result.CONTINUE;
    }
    return rewind(Integer.parseInt(arg) - 1);
  }

  Result back(String arg) {
    if (!course.lessonRunning()) return Result.CONTINUE;
    if (!arg.isEmpty() && !arg.matches("[1-9]\\d{0,3}")) {
      screen.error("back takes a number of steps, e.g. back 2.");
      return Result.CONTINUE;
    }
    int shown = session.reached();
    if (shown == 0) {
      screen.println("  No step has run yet: there is nothing to go back to.");
      return Result.CONTINUE;
    }
    return rewind(Math.max(0, shown - (arg.isEmpty() ? 1 : Integer.parseInt(arg))));
  }

  /**
   * To just before step {@code next}: namespaces cannot be left in place, so a fresh lab is
   * replayed.
   */
  private Result rewind(int next) {
    screen.println(
        Screen.DIM,
        "  A fresh lab, " + replayed(next) + " (a namespace change cannot be undone in place).");
    arrived(session.rewind(next, false));
    return Result.CONTINUE;
  }

  private static String replayed(int steps) {
    return steps == 0
        ? "nothing to replay"
        : steps == 1 ? "step 1 replayed silently" : "steps 1-" + steps + " replayed silently";
  }

  /** After a replay: what went wrong, or where the learner now is and what Enter does. */
  private void arrived(Optional<String> problem) {
    listener.placeChanged();
    if (problem.isPresent()) {
      screen.error(problem.get() + "; `reset` starts the lesson again.");
      listener.failed(problem.get());
      return;
    }
    if (session.awaitingTask()) {
      StepView.taskPrompt(screen, session.taskPrompt(), setup.learnerHelp());
    } else if (!session.finished()) {
      screen.println(
          "  Enter runs step "
              + (session.next() + 1)
              + ": "
              + session.lesson().step(session.next()).title()
              + ".");
    } else {
      screen.println("  You are at the end of the lesson.");
    }
  }

  Result next() {
    if (!course.lessonRunning()) return Result.CONTINUE;
    if (session.finished()) {
      screen.println(
          "  The lesson is complete. `lessons` lists the others; `reset` starts this one again.");
      return Result.CONTINUE;
    }
    if (session.awaitingTask()) {
      String prompt = session.taskPrompt();
      TaskResult r = session.checkTask();
      StepView.task(screen, r, prompt);
      listener.taskChecked(r, prompt);
    } else {
      listener.stepStarting();
      StepResult r = session.runStep();
      listener.stepRan(r, session.taskPrompt());
      StepView.print(screen, r, session.taskPrompt(), setup.learnerHelp());
      listener.stepShown(r);
    }
    boolean justFinished = session.finished();
    if (session.complete()) {
      screen.println();
      screen.println(Screen.GOOD, "■ Lesson complete: " + session.lesson().title() + ".");
      screen.println(Screen.GOOD, "  Every claim was checked on your kernel.");
    } else if (justFinished) {
      screen.println();
      screen.println(
          Screen.BAD,
          "■ End of "
              + session.lesson().title()
              + ", but the last step's claims did not "
              + "all hold: `trace` shows its syscalls, `back` runs it again on a fresh lab.");
    }
    listener.placeChanged();
    if (justFinished && setup.learnerHelp()) course.whatNext(session.lesson());
    return Result.CONTINUE;
  }

  Result reset() {
    if (!course.lessonRunning()) return Result.CONTINUE;
    return start(session.lesson());
  }
}
