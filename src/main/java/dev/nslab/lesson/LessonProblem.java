package dev.nslab.lesson;

import java.nio.file.Path;

/** One thing wrong with a lesson file, where it is, and what the field's path is. */
public record LessonProblem(Path file, int line, int column, String message) {

  /**
   * {@code lessons/uts.yaml:12:7: steps[1].actions[0]: unknown action 'unshar'}: what check prints.
   */
  public String render() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
