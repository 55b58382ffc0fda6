package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.Var;
import java.util.List;
import java.util.Map;

/**
 * The lab as a {@link Session} drives it, and the host beside it: a step's actions and checks, the
 * learner's commands, what the screen shows. {@link KernelLab} is the real one (a {@link
 * dev.nslab.lab.Lab} and the host's read-only view); the session rules (replay on rewind, turns,
 * progress) are tested over a fake that needs neither root nor syscalls.
 */
public interface SessionLab extends AutoCloseable {

  /** One action of a step: its guard, then its syscalls. */
  ActionResult apply(Action action, Vars vars);

  /**
   * Claims checked against the lab as it is now; {@code actions} are the step's, for claims about
   * them.
   */
  List<Check> check(List<Expectation> claims, List<ActionResult> actions, Vars vars);

  /** What a ${...} name stands for in this lab, read now. */
  String variable(Var name);

  /** A step's {@code show} command in the lab, not traced. */
  CommandResult observe(String command);

  /** A step's {@code show} command on the host, powerless. */
  CommandResult observeOnHost(String command);

  /** A command replayed for a turn: in the lab, not traced. */
  CommandResult run(String command);

  /** A command of the learner's, in the lab and in the trace. */
  CommandResult runTraced(String command);

  /** An interactive shell in the lab on the learner's terminal. */
  CommandResult shell();

  /** The namespaces a process started in the lab now would be in. */
  Map<Namespace, Long> namespaces();

  /** The host's namespaces, as nslab found them. */
  Map<Namespace, Long> hostNamespaces();

  /** Whether a command started in the lab now would be apart from the host in any namespace. */
  default boolean apartFromHost() {
    return !namespaces().equals(hostNamespaces());
  }

  /** The lab's hostname (gethostname(2) on the lab thread). */
  String hostname();

  /** The syscalls made since the last call, in order. */
  List<Syscall> drainTrace();

  /** The kernel's id of the lab thread, for /proc/TID paths. */
  int tid();

  /** Ctrl-C: ends the command the lab is waiting for. Safe from any thread. */
  void cancel();

  /** Tears the lab down: the host is as before it. */
  @Override
  void close();
}
