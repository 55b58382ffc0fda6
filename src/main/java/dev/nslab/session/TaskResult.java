package dev.nslab.session;

import dev.nslab.lesson.Step;
import java.util.List;

/** The check of a learner's turn. */
public record TaskResult(Step step, List<Check> checks) {

  public boolean passed() {
    return checks.stream().allMatch(Check::held);
  }
}
