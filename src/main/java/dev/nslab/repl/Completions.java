package dev.nslab.repl;

import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.session.Session;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.jline.reader.Candidate;

/** What Tab offers for a command's argument: words, lesson ids or step numbers. */
final class Completions {
  private Completions() {}

  static List<Candidate> words(String... words) {
    return Arrays.stream(words).map(Candidate::new).toList();
  }

  /** Lesson ids in course order, each with its title. */
  static List<Candidate> lessons(LessonCatalog catalog) {
    List<Lesson> lessons = catalog.lessons();
    return IntStream.range(0, lessons.size())
        .mapToObj(i -> described(lessons.get(i).id(), lessons.get(i).title(), i))
        .toList();
  }

  /** Step numbers with their titles, so Tab shows where each goes; sorted as numbers. */
  static List<Candidate> steps(Session session) {
    if (!session.active()) return List.of();
    Lesson lesson = session.lesson();
    return IntStream.rangeClosed(1, lesson.size())
        .mapToObj(n -> described(String.valueOf(n), lesson.step(n - 1).title(), n))
        .toList();
  }

  /** A candidate shown with its description, in {@code order} rather than alphabetically. */
  private static Candidate described(String value, String description, int order) {
    return new Candidate(value, value, null, description, null, null, true, order);
  }
}
