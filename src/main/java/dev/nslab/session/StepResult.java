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
    return failures() == 0;
  }

  /**
   * What went wrong: each failed check, a refused action, each command that did not end as the
   * lesson says.
   */
  public int failures() {
    return (int)
        (checks.stream().filter(c -> !c.held()).count()
            + (unexpectedFailure.isPresent() ? 1 : 0)
            + actions.stream().filter(a -> !a.commandAsExpected()).count());
  }

  public boolean namespacesChanged() {
    return !labBefore.equals(labAfter);
  }
}
