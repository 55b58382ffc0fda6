package dev.nslab.lab;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Commands run in a lab: posix_spawn(3) from the lab thread, so each is born in the lab's
 * namespaces, root and working directory (in the cloned child's, through nsenter, while there is
 * one); waited for there, and ended with their process group by Ctrl-C.
 */
final class LabCommands {
  private final LabThread thread;
  private final Kernel kernel;
  private final LabEnvironment env;
  private final LabCgroups cgroups;
  private final LabInit init;
  private final UserChild child;
  private final BooleanSupplier rootMoved;
  private volatile int foregroundPid;

  LabCommands(
      LabThread thread,
      Kernel kernel,
      LabEnvironment env,
      LabCgroups cgroups,
      LabInit init,
      UserChild child,
      BooleanSupplier rootMoved) {
    this.thread = thread;
    this.kernel = kernel;
    this.env = env;
    this.cgroups = cgroups;
    this.init = init;
    this.child = child;
    this.rootMoved = rootMoved;
  }

  /**
   * Runs a command in the lab and waits for it; with {@code traced}, its posix_spawn is in the
   * trace.
   */
  CommandResult exec(String display, List<String> argv, boolean traced) {
    return thread.call(
        () ->
            CommandClock.measure(
                () -> {
                  long t0 = System.nanoTime();
                  String call = "\"/bin/sh\", [\"sh\", \"-c\", " + Kernel.quote(display) + "]";
                  Spawner.Started started;
                  try {
                    started = Spawner.start(wrap(argv), env.variables(), true);
                  } catch (Spawner.Refused e) {
                    if (traced)
                      kernel.record("posix_spawn", call, -1, e.errno(), System.nanoTime() - t0);
                    return CommandResult.notStarted(display, e.errno());
                  }
                  if (traced)
                    kernel.record("posix_spawn", call, started.pid(), 0, System.nanoTime() - t0);
                  cgroups.startedInLab(started.pid());
                  foregroundPid = started.pid();
                  int status = Spawner.waitFor(started.pid());
                  foregroundPid = 0;
                  // Outside a PID namespace nothing would hold a background child (`sleep 9 &`) to
                  // the lab:
                  // its process group ends with the command.
                  if (!init.started()) Libc.C.kill(-started.pid(), Signals.SIGKILL);
                  return Spawner.result(display, status, Spawner.drain(started.outputFd()));
                }));
  }

  /** Runs a command in the lab on the learner's own terminal (the {@code sh} command). */
  CommandResult interactive(String display, List<String> argv) {
    return thread.call(
        () -> {
          int pid;
          try {
            pid = Spawner.spawn(wrap(argv), env.variables(), -1, false);
          } catch (Spawner.Refused e) {
            return CommandResult.notStarted(display, e.errno());
          }
          cgroups.startedInLab(pid);
          foregroundPid = pid;
          int status = Spawner.waitFor(pid);
          foregroundPid = 0;
          reclaimTerminal();
          return Spawner.result(display, status, "");
        });
  }

  /**
   * clone(2) of a child into new namespaces that runs {@code command} there (libc's system, no Java
   * in the child) while the lab thread waits for it, as the classic clone(child_fn, ...) programs
   * do. Its output comes back through a memfd it inherits; the lab itself does not move.
   */
  CommandResult cloneRun(List<Namespace> namespaces, String command) {
    return thread.call(
        () ->
            CommandClock.measure(
                () -> {
                  int out =
                      Libc.C.memfd_create(
                          "nslab-clone-output", 0); // inherited: the child writes here
                  int status = Libc.C.memfd_create("nslab-clone-status", 0);
                  try {
                    // system() folds the shell's status into its own return, which clone truncates
                    // to a
                    // byte: the shell writes its exit code where nslab can read it whole.
                    String script =
                        "exec </dev/null >/dev/fd/"
                            + out
                            + " 2>&1; "
                            + command
                            + "\necho $? >/dev/fd/"
                            + status;
                    Syscall c = kernel.cloneSystem(namespaces, script, command);
                    if (c.failed()) return CommandResult.notStarted(command, c.errno());
                    int pid = (int) c.result();
                    cgroups.startedInLab(pid);
                    long t0 = System.nanoTime();
                    int raw = Spawner.waitFor(pid);
                    kernel.record("waitpid", pid + ", &status, 0", pid, 0, System.nanoTime() - t0);
                    String code = Spawner.drain(status).strip();
                    status = -1;
                    String text = Spawner.drain(out);
                    out = -1;
                    return code.matches("\\d+")
                        ? new CommandResult(command, Integer.parseInt(code), 0, text, 0)
                        : Spawner.result(command, raw, text);
                  } finally {
                    if (out >= 0) Libc.C.close(out);
                    if (status >= 0) Libc.C.close(status);
                  }
                }));
  }

  /**
   * Ctrl-C: ends whatever command the lab is waiting for, and what it started. Safe from any
   * thread.
   */
  void cancel() {
    int pid = foregroundPid;
    if (pid <= 0) return;
    // The whole process group: `sleep 600` forked by the shell dies too, in a PID namespace as
    // outside one, so a killed command cannot leave its work running (nor pass a turn with it).
    Libc.C.kill(-pid, Signals.SIGKILL);
    Libc.C.kill(pid, Signals.SIGKILL);
  }

  /**
   * An interactive shell makes its own process group the terminal's foreground. bash hands it back
   * on exit; busybox sh in a PID namespace cannot (nslab's group is not visible there), and the
   * REPL's next read would fail as a background read. Take it back, ignoring the SIGTTOU a
   * background tcsetpgrp raises.
   */
  private static void reclaimTerminal() {
    int pgrp = Libc.C.getpgrp();
    if (Libc.C.tcgetpgrp(0) < 0 || Libc.C.tcgetpgrp(0) == pgrp) return;
    Pointer previous = Libc.C.signal(Signals.SIGTTOU, Pointer.createConstant(1)); // SIG_IGN
    Libc.C.tcsetpgrp(0, pgrp);
    Libc.C.signal(Signals.SIGTTOU, previous);
  }

  /**
   * A command outside a PID namespace would outlive a killed JVM: it starts under setpriv(1), which
   * sets PR_SET_PDEATHSIG=SIGKILL and then execs it, so it dies with the lab thread. While there is
   * a cloned child, the command joins its namespaces through nsenter.
   */
  private List<String> wrap(List<String> argv) {
    List<String> wrapped = new ArrayList<>();
    if (!init.started() && !rootMoved.getAsBoolean() && env.setpriv() != null) {
      wrapped.addAll(List.of(env.setpriv(), "--pdeathsig", "KILL", "--"));
    }
    int holder = child.pid();
    if (holder > 0 && env.nsenter() != null) {
      // Exactly the namespaces the clone made: joining the host's own (its cgroup namespace,
      // say) is refused to an unprivileged user, and would change nothing anyway.
      wrapped.addAll(List.of(env.nsenter(), "--target", String.valueOf(holder)));
      for (Namespace n : child.namespaces())
        wrapped.add(n == Namespace.MNT ? "--mount" : "--" + n.id);
      wrapped.addAll(List.of("--preserve-credentials", "--"));
    }
    wrapped.addAll(argv);
    return wrapped;
  }
}
