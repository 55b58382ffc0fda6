package dev.nslab.lesson;

import java.util.List;
import java.util.stream.Stream;

/**
 * The learner's turn: a prompt, hints from gentle to strong, a solution (a command run in the lab,
 * used by {@code play} and by {@code solution}), and checks read from the kernel: what the
 * learner's command must make true ({@code expect}), and what must stay true ({@code keeps}).
 */
public record Task(
    String prompt,
    List<String> hints,
    String solution,
    List<Expectation> expect,
    List<Expectation> keeps) {

  public List<Expectation> expectations() {
    return keeps.isEmpty() ? expect : Stream.concat(expect.stream(), keeps.stream()).toList();
  }
}
