package dev.nslab.bench;

/**
 * One line of the bench's table: nslab's figure, its yardstick, the ratio and the goal. {@code
 * value}, {@code ratio} and {@code yardstick} are NaN where there is none; {@code met} is null
 * where the goal could not be judged.
 */
public record Row(
    String what,
    double value,
    String unit,
    String detail,
    double yardstick,
    String yardstickName,
    double ratio,
    String goal,
    Boolean met) {

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static double ratio(Stats a, Stats b) {
    return (double) a.medianNanos() / b.medianNanos();
  }
}
