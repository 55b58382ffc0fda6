package dev.nslab.render;

import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Code;
import dev.nslab.lesson.Step;
import dev.nslab.session.ActionResult;
import dev.nslab.session.Check;
import dev.nslab.session.Shown;
import dev.nslab.session.StepResult;
import dev.nslab.session.TaskResult;
import java.util.List;
import org.jline.utils.AttributedStyle;

/** How a step looks: narration, the syscalls with their results, before/after, and the checks. */
public final class StepView {
  private StepView() {}

  public static void header(Screen screen, String lessonId, int index, int size, String title) {
    String head = "━━ " + lessonId + " · step " + (index + 1) + "/" + size + " · " + title + " ";
    screen.println();
    screen.println(
        Screen.TITLE, head + "━".repeat(Math.max(3, screen.width() - 2 - Wrap.columns(head))));
  }

  public static void print(Screen screen, StepResult r, String taskPrompt) {
    print(screen, r, taskPrompt, true);
  }

  /**
   * @param learnerHelp whether to point at hint and solution; present leaves them out, and keeps
   *     its screens short with only the namespaces apart from the host
   */
  public static void print(Screen screen, StepResult r, String taskPrompt, boolean learnerHelp) {
    Step step = r.step();
    header(screen, r.lesson().id(), r.index(), r.lesson().size(), step.title());
    Wrap.reflow(r.narration()).forEach(screen::println);

    if (!r.actions().isEmpty()) {
      screen.println();
      for (ActionResult a : r.actions()) {
        for (Syscall s : a.syscalls()) syscall(screen, s);
        if (a.command() != null && a.command().started()) {
          output(screen, a.command().output(), Screen.PLAIN);
          commandEnd(screen, a);
        }
        if (a.note() != null)
          screen.println(Screen.DIM, "    " + a.note().strip().replaceAll("\\s+", " "));
      }
    }
    r.unexpectedFailure()
        .ifPresent(
            why -> {
              screen.println();
              screen.println(
                  Screen.line()
                      .styled(Screen.BAD, "  ✗ the kernel said no: ")
                      .append(why)
                      .toAttributedString());
            });
    if (r.namespacesChanged() || r.index() == 0) {
      screen.println();
      NamespaceTable.print(screen, r.host(), r.labBefore(), r.labAfter(), !learnerHelp);
    }
    for (Shown s : r.shown()) shown(screen, s, !r.actions().isEmpty());
    checks(screen, r.checks());
    code(screen, step.code());
    if (step.hasTask() && r.passed()) {
      taskPrompt(screen, taskPrompt != null ? taskPrompt : step.task().prompt(), learnerHelp);
    }
  }

  /**
   * The learner's turn: what to do, and the three ways on. Without learner help (present, where
   * nobody can type) it only says a turn comes; the next screen shows it taken.
   */
  public static void taskPrompt(Screen screen, String prompt, boolean learnerHelp) {
    screen.println();
    if (!learnerHelp) {
      screen.println(Screen.TASK, "  ▶ next: the learner's turn");
      return;
    }
    labelled(screen, Screen.TASK, "  ▶ your turn: ", prompt);
    screen.println(Screen.DIM, "    (hint: a hint · solution: the answer · Enter: check)");
  }

  /**
   * A styled label, then the text (the screen wraps it at words, so a narrow projector does not
   * split them).
   */
  private static void labelled(Screen screen, AttributedStyle style, String label, String text) {
    screen.println(
        Screen.line()
            .styled(style, label)
            .append(text.strip().replaceAll("\\s+", " "))
            .toAttributedString());
  }

  /**
   * A command that failed is a ✗ with how it ended, whether the lesson expected that or not; one
   * expected to fail and did not, too.
   */
  private static void commandEnd(Screen screen, ActionResult a) {
    String end = commandEnd(a);
    if (end == null) return;
    var line = Screen.line().append("  ").styled(Screen.BAD, "✗ ").append(end);
    if (a.failureExpected() && a.commandFailed())
      line.styled(Screen.DIM, " (the step runs it to see it fail)");
    screen.println(line.toAttributedString());
  }

  /** "the command failed: exit 1", or null for a command that succeeded as expected. */
  public static String commandEnd(ActionResult a) {
    if (a.commandFailed()) return "the command failed: " + a.command().status();
    if (!a.commandAsExpected())
      return "the command succeeded (exit 0), but the step expects it to fail";
    return null;
  }

  public static void syscall(Screen screen, Syscall s) {
    String time =
        s.nanos() < 1_000_000
            ? (s.nanos() / 1000) + " µs"
            : String.format("%.1f ms", s.nanos() / 1e6);
    screen.println(
        Screen.line()
            .append("  ")
            .styled(s.failed() ? Screen.BAD : Screen.GOOD, s.failed() ? "✗ " : "✓ ")
            .styled(Screen.CALL, s.render())
            .styled(Screen.DIM, "   " + time)
            .toAttributedString());
  }

  /**
   * A command the step shows, reduced to what the step is about: a short output whole, a long one
   * as the lines the step changed (or its first lines) and a count of the rest. Lines are cut at
   * the screen's edge: a host's process list must not push the step off a projector.
   */
  private static void shown(Screen screen, Shown s, boolean acted) {
    // A step without actions changes nothing: two reads differ only as the world moves (an uptime
    // ticking).
    boolean changed = acted && s.changed();
    screen.println();
    screen.println(Screen.line().styled(Screen.BOLD, "  $ " + s.command()).toAttributedString());
    int width = screen.width() - 6;
    if (changed) {
      screen.println(Screen.DIM, "    lab, before:");
      brief(screen, s.labBefore(), Screen.DIM, width);
      screen.println(Screen.DIM, "    lab, after:");
      diff(screen, s.labBefore(), s.labAfter(), width);
    } else {
      screen.println(Screen.DIM, "    lab:");
      brief(screen, s.labAfter(), Screen.PLAIN, width);
    }
    if (s.host().equals(s.labAfter())) {
      screen.println(Screen.DIM, "    host: the same");
    } else {
      screen.println(Screen.DIM, "    host:");
      brief(screen, s.host(), Screen.PLAIN, width);
    }
  }

  /**
   * An output of at most this many lines is shown whole in a step; {@code run} always shows
   * everything.
   */
  static final int FULL = 8;

  /** Of a longer output, this many first lines, then how many more. */
  static final int HEAD = 4;

  /**
   * The after-output with what the step changed marked: lines it added {@code +}, lines that went
   * away {@code -} (in red) where they were. When it is long, only the changed lines, and a count
   * of the rest.
   */
  private static void diff(Screen screen, String before, String after, int width) {
    List<LineDiff.Line> all = LineDiff.of(lines(before), lines(after));
    boolean whole = all.size() <= FULL;
    int shown = 0, changed = 0;
    for (LineDiff.Line line : all) {
      boolean kept = line.kind() == LineDiff.Kind.KEPT;
      if (!kept) changed++;
      if (!whole && (kept || shown >= FULL)) continue;
      shown++;
      String mark =
          switch (line.kind()) {
            case KEPT -> "      ";
            case ADDED -> "    + ";
            case REMOVED -> "    - ";
          };
      var style =
          switch (line.kind()) {
            case KEPT -> Screen.PLAIN;
            case ADDED -> Screen.CHANGED;
            case REMOVED -> Screen.REMOVED;
          };
      screen.println(
          Screen.line().styled(style, mark + Wrap.cut(line.text(), width)).toAttributedString());
    }
    if (!whole) {
      int unchanged = all.size() - changed, hidden = changed - shown;
      screen.println(
          Screen.DIM,
          "      … "
              + (hidden > 0 ? hidden + " more changed line" + plural(hidden) + ", " : "")
              + unchanged
              + " line"
              + plural(unchanged)
              + " as before");
    }
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }

  public static void output(Screen screen, String text, AttributedStyle style) {
    for (String line : lines(text)) screen.println(style, "      " + line);
  }

  private static void brief(Screen screen, String text, AttributedStyle style, int width) {
    List<String> lines = lines(text);
    int keep = lines.size() <= FULL ? lines.size() : HEAD;
    for (String line : lines.subList(0, keep))
      screen.println(style, "      " + Wrap.cut(line, width));
    if (keep < lines.size()) {
      screen.println(Screen.DIM, "      … " + (lines.size() - keep) + " more lines");
    }
  }

  private static List<String> lines(String text) {
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return t.isEmpty() ? List.of() : List.of(t.split("\n", -1));
  }

  public static void checks(Screen screen, List<Check> checks) {
    if (checks.isEmpty()) return;
    screen.println();
    for (Check c : checks) {
      screen.println(
          Screen.line()
              .append("  ")
              .styled(c.held() ? Screen.GOOD : Screen.BAD, c.held() ? "✓ " : "✗ ")
              .append(c.claim())
              .toAttributedString(),
          4);
      if (c.held()) continue;
      for (String seen : c.seen()) screen.println(Screen.PLAIN, "    " + seen);
      c.look().ifPresent(look -> screen.println(Screen.DIM, "    " + look));
    }
  }

  public static void code(Screen screen, Code code) {
    if (code == null) return;
    screen.println();
    if (code.c() != null) block(screen, "C    ", code.c());
    if (code.shell() != null) block(screen, "shell", code.shell());
  }

  private static void block(Screen screen, String label, String text) {
    List<String> lines = lines(text.strip());
    for (int i = 0; i < lines.size(); i++) {
      screen.println(
          Screen.line()
              .styled(Screen.DIM, "  " + (i == 0 ? label : "     ") + "  ")
              .append(lines.get(i))
              .toAttributedString(),
          9 + 2);
    }
  }

  public static void task(Screen screen, TaskResult r, String taskPrompt) {
    checks(screen, r.checks());
    screen.println();
    if (r.passed()) {
      screen.println(Screen.GOOD, "  ✓ done: the kernel agrees.");
    } else {
      labelled(screen, Screen.CHANGED, "  not yet: ", taskPrompt);
    }
  }
}
