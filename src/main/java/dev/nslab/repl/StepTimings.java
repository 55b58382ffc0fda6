package dev.nslab.repl;

import dev.nslab.lab.CommandClock;
import dev.nslab.session.LessonListener;
import dev.nslab.session.StepResult;
import java.util.ArrayList;
import java.util.List;

/** {@code play --timings}: how long each step took, and how much of it was nslab's own. */
public final class StepTimings implements LessonListener {
  private final List<StepTiming> timings = new ArrayList<>();
  private long start;
  private long commandsAtStart;
  private long ran;

  public List<StepTiming> all() {
    return List.copyOf(timings);
  }

  @Override
  public void stepStarting() {
    start = System.nanoTime();
    commandsAtStart = CommandClock.nanos();
  }

  @Override
  public void stepRan(StepResult step, String taskPrompt) {
    ran = System.nanoTime(); // rendering starts
  }

  @Override
  public void stepShown(StepResult step) {
    long end = System.nanoTime();
    timings.add(
        new StepTiming(
            (step.index() + 1) + " " + step.step().title(),
            end - start,
            CommandClock.nanos() - commandsAtStart,
            end - ran));
  }
}
