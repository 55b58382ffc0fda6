package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lesson.Lesson;
import java.util.List;

/**
 * Told what a lesson does as it goes: what {@code play --transcript} writes down, what play scores
 * and times, and when the REPL saves the learner's place. Given to the commands when they are made,
 * never later.
 */
public interface LessonListener {
  default void started(Lesson lesson) {}

  /** Right before a step's first action: where its timing starts. */
  default void stepStarting() {}

  /** A step ran; {@link #stepShown} follows once the learner has seen it. */
  default void stepRan(StepResult step, String taskPrompt) {}

  default void stepShown(StepResult step) {}

  default void commandRan(String command, CommandResult result) {}

  default void taskChecked(TaskResult task, String taskPrompt) {}

  /**
   * Something went wrong that no check says: a lab error, a lesson this machine cannot start, a
   * failed replay.
   */
  default void failed(String why) {}

  /**
   * Where the learner is, or what their progress records, changed: a step, a turn, a replay, a
   * solution shown.
   */
  default void placeChanged() {}

  /** Each of {@code listeners}, in order. */
  static LessonListener all(List<LessonListener> listeners) {
    List<LessonListener> each = List.copyOf(listeners);
    return new LessonListener() {
      @Override
      public void started(Lesson lesson) {
        each.forEach(l -> l.started(lesson));
      }

      @Override
      public void stepStarting() {
        each.forEach(LessonListener::stepStarting);
      }

      @Override
      public void stepRan(StepResult step, String taskPrompt) {
        each.forEach(l -> l.stepRan(step, taskPrompt));
      }

      @Override
      public void stepShown(StepResult step) {
        each.forEach(l -> l.stepShown(step));
      }

      @Override
      public void commandRan(String command, CommandResult result) {
        each.forEach(l -> l.commandRan(command, result));
      }

      @Override
      public void taskChecked(TaskResult task, String taskPrompt) {
        each.forEach(l -> l.taskChecked(task, taskPrompt));
      }

      @Override
      public void failed(String why) {
        each.forEach(l -> l.failed(why));
      }

      @Override
      public void placeChanged() {
        each.forEach(LessonListener::placeChanged);
      }
    };
  }
}
