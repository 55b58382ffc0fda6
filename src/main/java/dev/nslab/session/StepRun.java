package dev.nslab.session;

import dev.nslab.lab.Errno;
import dev.nslab.lab.Explanations;
import dev.nslab.lab.Namespace;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step run on a lab: its {@code show} commands before, its actions in order until one fails
 * that the step does not expect to be refused, its {@code show} commands after (lab and host), its
 * claims checked. The session's rules (where the learner is, turns, replay) stay in {@link
 * Session}.
 */
final class StepRun {
  private StepRun() {}

  static StepResult run(SessionLab lab, Vars vars, Lesson lesson, int index) {
    Step step = lesson.step(index);
    Map<Namespace, Long> host = lab.hostNamespaces();
    Map<Namespace, Long> before = lab.namespaces();
    Map<String, String> labBefore = new LinkedHashMap<>();
    for (String cmd : step.show()) labBefore.put(cmd, lab.observe(vars.expand(cmd)).output());

    List<ActionResult> results = new ArrayList<>();
    Optional<String> unexpected = Optional.empty();
    for (Action action : step.actions()) {
      ActionResult r = lab.apply(action, vars);
      results.add(r);
      if (r.failed() && !expectsRefusal(step, r)) {
        unexpected = Optional.of(describeFailure(r));
        break;
      }
    }

    List<Shown> shown = new ArrayList<>();
    for (String cmd : step.show()) {
      String expanded = vars.expand(cmd);
      shown.add(
          new Shown(
              expanded,
              labBefore.get(cmd),
              lab.observe(expanded).output(),
              lab.observeOnHost(expanded).output()));
    }
    List<Check> checks = lab.check(step.expectations(), results, vars);
    return new StepResult(
        lesson,
        index,
        vars.expand(step.narration()),
        results,
        host,
        before,
        lab.namespaces(),
        shown,
        checks,
        unexpected);
  }

  private static boolean expectsRefusal(Step step, ActionResult r) {
    return r.syscalls().stream()
        .filter(s -> s.failed())
        .allMatch(
            s ->
                step.expect().stream()
                    .anyMatch(
                        e ->
                            e instanceof Expectation.Refused x
                                && x.call().equals(s.name())
                                && x.errno().equals(Errno.name(s.errno()))));
  }

  private static String describeFailure(ActionResult r) {
    return r.syscalls().stream()
        .filter(s -> s.failed())
        .findFirst()
        .map(s -> s.render() + ". " + Explanations.of(s))
        .orElse(r.action().name() + " failed");
  }
}
