package dev.nslab.lesson;

import dev.nslab.lesson.YamlTree.Entry;
import dev.nslab.lesson.YamlTree.ListNode;
import dev.nslab.lesson.YamlTree.Loc;
import dev.nslab.lesson.YamlTree.MapNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Rules between the parts of a step, each fine alone: what one part claims, another must make possible. */
final class StepCrossChecks {
  private StepCrossChecks() {}

  static void check(YamlFields f, MapNode step, String path, List<Action> actions, List<Expectation> expect) {
    refusalsTheStepCanMake(f, step, path, actions, expect);
  }

  /** A `refused` naming a call no action of the step makes can never hold: say so where it stands. */
  private static void refusalsTheStepCanMake(YamlFields f, MapNode step, String path, List<Action> actions,
      List<Expectation> expect) {
    Set<String> made = new HashSet<>();
    for (Action a : actions) made.addAll(a.kind().syscalls());
    Entry e = step.entries().get("expect");
    for (int i = 0; i < expect.size(); i++) {
      if (!(expect.get(i) instanceof Expectation.Refused r) || r.call() == null || made.contains(r.call())) continue;
      Loc at = e.value() instanceof ListNode l && i < l.items().size() ? l.items().get(i).loc() : e.value().loc();
      f.add(at, path + ".expect[" + i + "].refused: no action of this step makes " + r.call() + " (they make: "
          + (made.isEmpty() ? "no syscall" : String.join(", ", new TreeSet<>(made))) + "), so this could never hold");
    }
  }
}
