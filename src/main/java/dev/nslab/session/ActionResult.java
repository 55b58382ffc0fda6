package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import java.util.List;

/** What one action did: the syscalls it made and, for {@code run}, the command's result. */
public record ActionResult(Action action, List<Syscall> syscalls, CommandResult command) {

  public boolean failed() {
    return syscalls.stream().anyMatch(Syscall::failed) || (command != null && !command.started());
  }
}
