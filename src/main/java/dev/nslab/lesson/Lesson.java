package dev.nslab.lesson;

import java.nio.file.Path;
import java.util.List;

/** A lesson, as loaded from one YAML file under lessons/. */
public record Lesson(
    String id, String title, String summary, int order, Needs needs, List<Step> steps, Path source) {

  public Step step(int index) {
    return steps.get(index);
  }

  public int size() {
    return steps.size();
  }
}
