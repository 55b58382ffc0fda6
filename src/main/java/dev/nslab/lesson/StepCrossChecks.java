package dev.nslab.lesson;

import dev.nslab.lesson.YamlTree.Loc;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules between the parts of a step, each fine alone: what one part claims, another must make
 * possible.
 */
final class StepCrossChecks {
  private StepCrossChecks() {}

  /**
   * An expectation with the path and place it was read from (an unreadable one before it shifts no
   * index).
   */
  record Placed(Expectation expectation, String path, Loc loc) {}

  static void check(YamlFields f, List<Action> actions, List<Placed> expect) {
    refusalsTheStepCanMake(f, actions, expect);
  }

  /**
   * A `refused` naming a call no action of the step makes can never hold: say so where it stands.
   */
  private static void refusalsTheStepCanMake(
      YamlFields f, List<Action> actions, List<Placed> expect) {
    Set<String> made = new HashSet<>();
    for (Action a : actions) made.addAll(a.kind().syscalls());
    for (Placed p : expect) {
      if (!(p.expectation() instanceof Expectation.Refused r)
          || r.call() == null
          || made.contains(r.call())) continue;
      f.add(
          p.loc(),
          p.path()
              + ".refused: no action of this step makes "
              + r.call()
              + " (they make: "
              + (made.isEmpty() ? "no syscall" : String.join(", ", new TreeSet<>(made)))
              + "), so this could never hold");
    }
  }
}
