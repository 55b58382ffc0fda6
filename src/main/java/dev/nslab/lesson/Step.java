package dev.nslab.lesson;

import java.util.List;
import java.util.stream.Stream;

/**
 * One step of a lesson: what the learner reads, the syscalls it makes, what it shows before and
 * after, what it claims (checked live), and optionally a turn for the learner.
 *
 * <p>{@code expect} holds what the step makes true: each claim must fail were the step's actions
 * left out (the suite proves it). {@code keeps} holds what stays true on purpose, before and after
 * (the host keeps its name): checked and shown the same way, but proving nothing new.
 */
public record Step(
    String id,
    String title,
    String narration,
    List<Action> actions,
    List<String> show,
    List<Expectation> expect,
    List<Expectation> keeps,
    Task task,
    Code code) {

  /** Every check of the step, its claims first. */
  public List<Expectation> expectations() {
    return keeps.isEmpty() ? expect : Stream.concat(expect.stream(), keeps.stream()).toList();
  }

  public boolean hasTask() {
    return task != null;
  }
}
