package dev.nslab.lesson;

import java.util.List;
import java.util.stream.Collectors;

/** A lesson file that cannot be used, with every problem found in it. Nothing of it runs. */
public final class LessonFileException extends Exception {
  private final List<LessonProblem> problems;

  public LessonFileException(List<LessonProblem> problems) {
    super(problems.stream().map(LessonProblem::render).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<LessonProblem> problems() {
    return problems;
  }
}
