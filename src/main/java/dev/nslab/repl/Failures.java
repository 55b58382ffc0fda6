package dev.nslab.repl;

import dev.nslab.session.LessonListener;
import dev.nslab.session.StepResult;
import dev.nslab.session.TaskResult;

/**
 * play's and present's score: every check that did not hold, and every failure no check names (a
 * lab error, a lesson this machine cannot start, a replay that failed). They stop at the first;
 * play's exit code is whether there was any.
 */
public final class Failures implements LessonListener {
  private long count;

  public long count() {
    return count;
  }

  @Override
  public void stepRan(StepResult step, String taskPrompt) {
    count += step.failures();
  }

  @Override
  public void taskChecked(TaskResult task, String taskPrompt) {
    if (!task.passed()) count += task.checks().stream().filter(c -> !c.held()).count();
  }

  @Override
  public void failed(String why) {
    count++;
  }
}
