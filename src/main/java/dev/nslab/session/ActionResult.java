package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import java.util.List;

/**
 * What one action did: the syscalls it made, for {@code run} the command's result, and a note when
 * this kernel made nslab do it another way (null otherwise).
 */
public record ActionResult(
    Action action, List<Syscall> syscalls, CommandResult command, String note) {

  /**
   * A command this action ran (a run, a clone's child) started and then failed: an exit status not
   * 0, or a signal.
   */
  public boolean commandFailed() {
    return command != null && command.started() && !command.ok();
  }

  /** The lesson runs this command to see it fail ({@code run: {command, fails: true}}). */
  public boolean failureExpected() {
    return action instanceof Action.Run r && r.fails();
  }

  /**
   * Whether the command ended as the lesson says: one marked to fail failed, any other succeeded.
   */
  public boolean commandAsExpected() {
    return command == null || !command.started() || commandFailed() == failureExpected();
  }

  public boolean failed() {
    return syscalls.stream().anyMatch(Syscall::failed) || (command != null && !command.started());
  }
}
