package dev.nslab.lab;

/** The few signals nslab sends, by name. */
public final class Signals {
  public static final int SIGINT = 2, SIGKILL = 9, SIGTERM = 15, SIGCHLD = 17, SIGTTOU = 22;

  private Signals() {}

  public static String name(int signal) {
    return switch (signal) {
      case SIGINT -> "SIGINT";
      case SIGKILL -> "SIGKILL";
      case SIGTERM -> "SIGTERM";
      case SIGCHLD -> "SIGCHLD";
      default -> String.valueOf(signal);
    };
  }
}
