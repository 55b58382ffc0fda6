package dev.nslab.progress;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where one learner is in one lesson: the step {@code next} runs (0-based), whether that step
 * already ran and waits for their turn, whether they ever completed the lesson, the steps they
 * solved with {@code solution} (1-based, as the screen numbers them), and the commands they ran to
 * complete each turn (by 0-based step index), which {@code resume} and {@code goto} replay.
 */
public record LessonProgress(
    String lesson,
    int next,
    boolean awaitingTask,
    boolean done,
    SortedSet<Integer> solvedWithSolution,
    Map<Integer, List<String>> taskCommands) {

  public LessonProgress {
    solvedWithSolution = Collections.unmodifiableSortedSet(new TreeSet<>(solvedWithSolution));
    taskCommands = Map.copyOf(taskCommands);
  }

  /** The step number the screen shows: steps run so far, the waiting one included. */
  public int reached() {
    return next + (awaitingTask ? 1 : 0);
  }

  /** Started and not at its end: there is something to resume. */
  public boolean inProgress(int steps) {
    return reached() > 0 && next < steps;
  }
}
