package dev.nslab.session;

import dev.nslab.lab.Namespace;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a step did and showed, for rendering and for the verdict; the narration with its
 * ${...} filled in; why an action failed that the step did not expect to, if one did.
 */
public record StepResult(
    Lesson lesson,
    int index,
    String narration,
    List<ActionResult> actions,
    Map<Namespace, Long> host,
    Map<Namespace, Long> labBefore,
    Map<Namespace, Long> labAfter,
    List<Shown> shown,
    List<Check> checks,
    Optional<String> unexpectedFailure) {

  public Step step() {
    return lesson.step(index);
  }

  public boolean passed() {
    return unexpectedFailure.isEmpty() && checks.stream().allMatch(Check::held);
  }

  public boolean namespacesChanged() {
    return !labBefore.equals(labAfter);
  }
}
