package dev.nslab.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The lessons of one directory, in course order. */
public record LessonCatalog(Path dir, List<Lesson> lessons, List<LessonProblem> problems) {

  /**
   * Loads every *.yaml in {@code dir}; files with problems are left out and their problems kept.
   */
  public static LessonCatalog load(Path dir) {
    List<Lesson> lessons = new ArrayList<>();
    List<LessonProblem> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try {
          lessons.add(LessonReader.read(f));
        } catch (LessonFileException e) {
          problems.addAll(e.problems());
        }
      }
    } catch (IOException e) {
      problems.add(new LessonProblem(dir, 1, 1, "cannot list lessons: " + e.getMessage()));
    }
    lessons.sort(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::id));
    return new LessonCatalog(dir, List.copyOf(lessons), List.copyOf(problems));
  }

  public Optional<Lesson> find(String id) {
    return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  public List<String> ids() {
    return lessons.stream().map(Lesson::id).toList();
  }
}
