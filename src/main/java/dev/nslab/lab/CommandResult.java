package dev.nslab.lab;

/**
 * What a command run in the lab (or on the host) did: its exit status, or the signal that ended it,
 * its output (stdout and stderr interleaved, as a terminal shows them), or the errno that kept it
 * from starting.
 */
public record CommandResult(
    String command, int exitCode, int signal, String output, int spawnErrno) {

  public static CommandResult notStarted(String command, int errno) {
    return new CommandResult(command, -1, 0, "", errno);
  }

  public boolean started() {
    return spawnErrno == 0;
  }

  public boolean ok() {
    return started() && signal == 0 && exitCode == 0;
  }

  /** One line for the learner: "exit 0", "killed by SIGKILL", "could not start: ENOMEM (...)". */
  public String status() {
    if (!started()) {
      return "could not start: " + Errno.name(spawnErrno) + " (" + Errno.message(spawnErrno) + ")";
    }
    return signal != 0 ? "killed by " + Signals.name(signal) : "exit " + exitCode;
  }
}
