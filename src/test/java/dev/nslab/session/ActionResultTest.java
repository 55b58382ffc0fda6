package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.lab.CommandResult;
import dev.nslab.lesson.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A command that fails is a failure of its step, unless the lesson runs it to see it fail. */
class ActionResultTest {
  static final CommandResult OK = new CommandResult("true", 0, 0, "", 0);
  static final CommandResult EXIT_1 = new CommandResult("false", 1, 0, "", 0);
  static final CommandResult KILLED = new CommandResult("dd", -1, 9, "Killed\n", 0);
  static final CommandResult NOT_STARTED = CommandResult.notStarted("true", 12);

  private static ActionResult run(boolean fails, CommandResult r) {
    return new ActionResult(new Action.Run(r.command(), fails), List.of(), r, null);
  }

  @Test
  void aPlainRunMustSucceed() {
    assertThat(run(false, OK).commandAsExpected()).isTrue();
    assertThat(run(false, EXIT_1).commandAsExpected()).isFalse();
    assertThat(run(false, KILLED).commandAsExpected()).isFalse();
    assertThat(run(false, EXIT_1).commandFailed()).isTrue();
  }

  @Test
  void aRunMarkedToFailMustFail() {
    assertThat(run(true, KILLED).commandAsExpected()).isTrue();
    assertThat(run(true, KILLED).commandFailed()).isTrue();
    assertThat(run(true, OK).commandAsExpected()).isFalse();
  }

  /**
   * A command that never started is a refused posix_spawn: the step's refused expectations judge
   * that.
   */
  @Test
  void aCommandThatNeverStartedIsLeftToTheSyscallsVerdict() {
    assertThat(run(false, NOT_STARTED).commandAsExpected()).isTrue();
    assertThat(run(false, NOT_STARTED).commandFailed()).isFalse();
  }
}
