package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lesson.Lesson;

/** Told what a lesson does as it goes: what {@code play --transcript} writes down. */
public interface LessonListener {
  default void started(Lesson lesson) {}

  default void stepRan(StepResult step, String taskPrompt) {}

  default void commandRan(String command, CommandResult result) {}

  default void turnChecked(TaskResult turn, String taskPrompt) {}
}
