package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import java.util.List;

/**
 * What one action did: the syscalls it made, for {@code run} the command's result, and a note
 * when this kernel made nslab do it another way (null otherwise).
 */
public record ActionResult(Action action, List<Syscall> syscalls, CommandResult command, String note) {

  public boolean failed() {
    return syscalls.stream().anyMatch(Syscall::failed) || (command != null && !command.started());
  }
}
