package dev.nslab.render;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Step;
import dev.nslab.session.ActionResult;
import dev.nslab.session.Check;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Shown;
import dev.nslab.session.StepResult;
import dev.nslab.session.TaskResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code play --transcript FILE.md}: the lesson as it happened on this kernel, in Markdown, for a
 * handout. Outputs are the real ones of this run; the file is written whole at the end (a temporary
 * file renamed into place), so a half-run leaves no half-file.
 */
public final class Transcript implements LessonListener {
  private final StringBuilder md = new StringBuilder();
  private Lesson lesson;

  @Override
  public void started(Lesson lesson) {
    this.lesson = lesson;
    md.setLength(0);
    md.append("# ").append(Markdown.prose(lesson.title())).append("\n\n");
    md.append(Markdown.prose(lesson.summary().strip())).append("\n\n");
    md.append("_Recorded by ")
        .append(Markdown.code("nslab play " + lesson.id() + " --transcript"))
        .append(" on Linux ")
        .append(System.getProperty("os.version"))
        .append(
            ". Every output below is real, and every ✓ was checked "
                + "against the kernel as it ran._\n");
  }

  @Override
  public void stepRan(StepResult r, String taskPrompt) {
    Step step = r.step();
    md.append("\n## Step ")
        .append(r.index() + 1)
        .append("/")
        .append(lesson.size())
        .append(": ")
        .append(Markdown.prose(step.title()))
        .append("\n\n");
    md.append(Markdown.prose(r.narration().strip())).append("\n");
    StringBuilder calls = new StringBuilder();
    for (ActionResult a : r.actions()) {
      for (Syscall s : a.syscalls())
        calls.append(s.failed() ? "✗ " : "✓ ").append(s.render()).append('\n');
      if (a.command() != null && a.command().started() && !a.command().output().isBlank()) {
        calls.append(indent(a.command().output())).append('\n');
      }
      String end = StepView.commandEnd(a);
      if (end != null)
        calls
            .append("✗ ")
            .append(end)
            .append(
                a.failureExpected() && a.commandFailed()
                    ? " (the step runs it to see it fail)"
                    : "")
            .append('\n');
    }
    if (calls.length() > 0) fence("", calls.toString());
    r.unexpectedFailure()
        .ifPresent(
            why ->
                md.append("\n**The kernel said no:** ").append(Markdown.prose(why)).append('\n'));
    if (r.namespacesChanged()) namespaces(r);
    for (Shown s : r.shown()) shown(s, !r.actions().isEmpty());
    checks(r.checks());
    if (step.code() != null) {
      if (step.code().c() != null) {
        md.append("\nIn C:\n");
        fence("c", step.code().c().strip() + "\n");
      }
      if (step.code().shell() != null) {
        md.append("\nFrom a shell:\n");
        fence("sh", step.code().shell().strip() + "\n");
      }
    }
    if (step.hasTask() && r.passed()) {
      md.append("\n**Your turn:** ")
          .append(Markdown.prose(taskPrompt != null ? taskPrompt : step.task().prompt()))
          .append('\n');
    }
  }

  @Override
  public void commandRan(String command, CommandResult result) {
    fence(
        "console",
        "# "
            + command
            + "\n"
            + result.output()
            + (result.output().endsWith("\n") || result.output().isEmpty() ? "" : "\n"));
  }

  @Override
  public void taskChecked(TaskResult task, String taskPrompt) {
    checks(task.checks());
    md.append(
        task.passed()
            ? "\nDone: the kernel agrees.\n"
            : "\nNot yet: " + Markdown.prose(taskPrompt) + "\n");
  }

  /** Where the run ended, when it did not reach the end. */
  public void stoppedAt(String why) {
    md.append("\n---\n\n**Stopped:** ").append(Markdown.prose(why)).append('\n');
  }

  public String markdown() {
    return md.toString();
  }

  /** Writes the transcript to {@code file} whole, or not at all. */
  public void write(Path file) throws IOException {
    // Not createTempFile: its 0600 would make a handout unreadable to others; this follows the
    // umask.
    Path tmp =
        file.toAbsolutePath()
            .resolveSibling(
                "." + file.getFileName() + ".nslab-tmp-" + ProcessHandle.current().pid());
    try {
      Files.writeString(tmp, md, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void namespaces(StepResult r) {
    md.append("\n| namespace | host | lab before | lab after |\n|---|---|---|---|\n");
    for (Namespace n : Namespace.values()) {
      long before = r.labBefore().getOrDefault(n, 0L), after = r.labAfter().getOrDefault(n, 0L);
      if (before == after) continue;
      md.append("| ")
          .append(n.id)
          .append(" | ")
          .append(r.host().get(n))
          .append(" | ")
          .append(before)
          .append(" | **")
          .append(after)
          .append("** |\n");
    }
  }

  /**
   * As on screen: a step without actions shows one read (what differs between two is the world
   * moving).
   */
  private void shown(Shown s, boolean acted) {
    md.append('\n').append(Markdown.code(s.command())).append('\n');
    StringBuilder body = new StringBuilder();
    if (acted && s.changed()) {
      body.append("lab, before:\n")
          .append(indent(s.labBefore()))
          .append("\nlab, after:\n")
          .append(indent(s.labAfter()));
    } else {
      body.append("lab:\n").append(indent(s.labAfter()));
    }
    body.append("\nhost:\n").append(indent(s.host())).append('\n');
    fence("", body.toString());
  }

  private void checks(List<Check> checks) {
    if (checks.isEmpty()) return;
    md.append('\n');
    for (Check c : checks) {
      md.append("- ").append(c.held() ? "✓ " : "✗ ").append(Markdown.claim(c.claim()));
      md.append('\n');
      if (!c.held()) {
        String seen = String.join("\n", c.seen()) + c.look().map(look -> "\n" + look).orElse("");
        String ticks = "`".repeat(Math.max(3, Markdown.longestRun(seen, '`') + 1));
        md.append("\n  ")
            .append(ticks)
            .append("\n  ")
            .append(seen.replace("\n", "\n  "))
            .append("\n  ")
            .append(ticks)
            .append('\n');
      }
    }
  }

  /** A fenced block, with a fence longer than any run of backticks inside it. */
  private void fence(String lang, String body) {
    String ticks = "`".repeat(Math.max(3, Markdown.longestRun(body, '`') + 1));
    md.append('\n').append(ticks).append(lang).append('\n').append(body);
    if (!body.endsWith("\n")) md.append('\n');
    md.append(ticks).append('\n');
  }

  private static String indent(String text) {
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (t.isEmpty()) return "  (nothing)";
    return "  " + t.replace("\n", "\n  ");
  }
}
