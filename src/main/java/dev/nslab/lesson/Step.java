package dev.nslab.lesson;

import java.util.List;

/**
 * One step of a lesson: what the learner reads, the syscalls it makes, what it shows before and
 * after, what it claims (checked live), and optionally a turn for the learner.
 */
public record Step(
    String id,
    String title,
    String narration,
    List<Action> actions,
    List<String> show,
    List<Expectation> expect,
    Task task,
    Code code) {

  public boolean hasTask() {
    return task != null;
  }
}
