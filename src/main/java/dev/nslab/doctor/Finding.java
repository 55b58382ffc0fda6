package dev.nslab.doctor;

/** One line of `nslab doctor`: what was checked, what the machine said, and the fix if any. */
public record Finding(Status status, String topic, String message, String fix) {

  public enum Status {
    OK,
    WARN,
    FAIL
  }

  public static Finding ok(String topic, String message) {
    return new Finding(Status.OK, topic, message, null);
  }

  public static Finding warn(String topic, String message, String fix) {
    return new Finding(Status.WARN, topic, message, fix);
  }

  public static Finding fail(String topic, String message, String fix) {
    return new Finding(Status.FAIL, topic, message, fix);
  }
}
