package dev.nslab.repl;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Lab;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.ProcessScan;
import dev.nslab.lab.Syscall;
import dev.nslab.render.CodeProgram;
import dev.nslab.render.NamespaceTable;
import dev.nslab.render.ProcessTree;
import dev.nslab.render.Screen;
import dev.nslab.render.StepView;
import dev.nslab.repl.Commands.Result;
import dev.nslab.repl.Commands.Setup;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import dev.nslab.session.StepResult;
import java.util.List;

/**
 * The commands that act in the lab or look at it: run, sh, trace, code, ns, tree, and help with the
 * learner's turn (hint, solution).
 */
final class LabTools {
  private final Session session;
  private final Screen screen;
  private final Course course;
  private final LessonListener listener;
  private final Setup setup;

  LabTools(Session session, Screen screen, Course course, LessonListener listener, Setup setup) {
    this.session = session;
    this.screen = screen;
    this.course = course;
    this.listener = listener;
    this.setup = setup;
  }

  /**
   * A command typed before the lab has any namespace of its own runs on the machine itself: as
   * root, `run hostname oops` one step early would rename it. Say so, and ask; without a way to
   * ask, refuse.
   */
  private boolean mayRunOnTheHost(String what) {
    if (session.lab().apartFromHost() || !Privileges.hostRoot()) return true;
    String why =
        "the lab has no namespace of its own yet, so "
            + what
            + " would run as root on your machine itself";
    if (setup.confirm().isEmpty()) {
      screen.error(why + "; press Enter to run the next step first.");
      return false;
    }
    return setup.confirm().get().test("  " + why + ". Run it on your machine anyway? [y/N] ");
  }

  Result run(String arg) {
    if (arg.isEmpty()) {
      screen.error("usage: run COMMAND (or !COMMAND), e.g. run hostname");
      return Result.CONTINUE;
    }
    if (!course.lessonRunning() || !mayRunOnTheHost("`" + arg + "`")) return Result.CONTINUE;
    CommandResult r = session.run(arg);
    List<Syscall> trace = session.lab().drainTrace();
    for (Syscall s : trace) if (s.failed()) StepView.syscall(screen, s);
    StepView.output(screen, r.output(), Screen.PLAIN);
    if (!r.ok()) screen.println(Screen.DIM, "      (" + r.status() + ")");
    listener.commandRan(arg, r);
    return Result.CONTINUE;
  }

  Result trace() {
    if (!course.lessonRunning()) return Result.CONTINUE;
    StepResult last = session.lastStep();
    if (last == null) {
      screen.println("  No step has run yet: Enter runs the first one.");
      return Result.CONTINUE;
    }
    List<Syscall> calls = last.actions().stream().flatMap(a -> a.syscalls().stream()).toList();
    screen.println(
        Screen.DIM,
        "  step "
            + (last.index() + 1)
            + ", "
            + last.step().title()
            + ": "
            + calls.size()
            + " syscall"
            + (calls.size() == 1 ? "" : "s"));
    for (Syscall s : calls) StepView.syscall(screen, s);
    return Result.CONTINUE;
  }

  Result code(String args) {
    String flag = args == null ? "" : args.strip();
    if (flag.equals("--c") || flag.equals("--shell")) {
      if (!course.lessonRunning()) return Result.CONTINUE;
      String program =
          flag.equals("--c")
              ? CodeProgram.c(session.lesson())
              : CodeProgram.shell(session.lesson());
      for (String line : program.split("\n", -1)) screen.println(line);
      screen.println(
          Screen.DIM,
          "  (the same from a shell: nslab code "
              + session.lesson().id()
              + " "
              + flag
              + (flag.equals("--c")
                  ? " | gcc -Wall -Werror -x c - -o " + session.lesson().id()
                  : " > " + session.lesson().id() + ".sh")
              + ")");
      return Result.CONTINUE;
    }
    if (!flag.isEmpty()) {
      screen.println(
          "  code takes no argument, --c (the whole lesson as one C program) or --shell (as one script).");
      return Result.CONTINUE;
    }
    if (!course.lessonRunning()) return Result.CONTINUE;
    StepResult last = session.lastStep();
    if (last == null || last.step().code() == null) {
      screen.println(
          "  No code to show yet: "
              + (session.finished()
                  ? "this lesson has no more steps."
                  : "Enter runs the next step."));
      return Result.CONTINUE;
    }
    StepView.code(screen, last.step().code());
    return Result.CONTINUE;
  }

  Result ns() {
    if (!course.lessonRunning()) return Result.CONTINUE;
    NamespaceTable.print(screen, Lab.hostNamespaces(), null, session.lab().namespaces());
    return Result.CONTINUE;
  }

  Result tree() {
    if (!course.lessonRunning()) return Result.CONTINUE;
    int tid = session.lab().tid();
    var host = Lab.hostNamespaces();
    ProcessTree.print(
        screen,
        host,
        (int) ProcessHandle.current().pid(),
        tid,
        ProcessScan.threadNamespaces(tid),
        ProcessScan.of(host));
    return Result.CONTINUE;
  }

  Result hint() {
    if (!course.lessonRunning()) return Result.CONTINUE;
    if (!session.awaitingTask()) {
      screen.println("  There is no turn of yours to hint at right now: Enter runs the next step.");
      return Result.CONTINUE;
    }
    String hint = session.hint();
    screen.println(
        Screen.TASK,
        "  hint: " + (hint != null ? hint : "no more hints; `solution` shows the answer."));
    return Result.CONTINUE;
  }

  Result solution() {
    if (!course.lessonRunning()) return Result.CONTINUE;
    if (!session.awaitingTask()) {
      screen.println("  There is no turn of yours right now.");
      return Result.CONTINUE;
    }
    screen.println(Screen.TASK, "  solution: run " + session.solution());
    listener.placeChanged();
    return Result.CONTINUE;
  }

  Result shell() {
    if (!course.lessonRunning() || !mayRunOnTheHost("a shell")) return Result.CONTINUE;
    if (setup.shell().isEmpty()) {
      screen.error("sh needs an interactive terminal.");
      return Result.CONTINUE;
    }
    setup.shell().get().run();
    return Result.CONTINUE;
  }
}
