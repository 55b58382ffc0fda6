package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.doctor.Doctor;
import dev.nslab.doctor.DoctorReport;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.progress.LessonProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * doctor and lessons on an 80-column terminal (and a squeezed 40-column one): every line fits, and
 * every word is one the unwrapped text has, so none was split across lines.
 */
class NoWordSplitTest {
  final LessonCatalog catalog = LessonCatalog.load(Path.of("lessons"));

  @Test
  void theLessonsListWithProgress() {
    var progress =
        Map.of(
            "uts",
            new LessonProgress("uts", 5, false, true, new TreeSet<>(Set.of(5)), Map.of()),
            "pid",
            new LessonProgress("pid", 2, false, false, new TreeSet<>(), Map.of()));
    assertWrapsAtWords(s -> LessonList.print(s, catalog, progress));
  }

  @Test
  void theDoctorsReport() {
    Doctor doctor = new Doctor(LabEnvironment.fromHost(System.getenv()));
    assertWrapsAtWords(s -> DoctorReport.print(s, doctor, catalog.lessons()));
  }

  private static void assertWrapsAtWords(Consumer<Screen> print) {
    List<String> whole = words(draw(print, 100_000));
    for (int width : new int[] {80, 40}) {
      String text = draw(print, width);
      for (String line : text.split("\n")) {
        // Only a single word longer than the line may pass the edge (the terminal folds it).
        if (line.strip().contains(" "))
          assertThat(Wrap.columns(line)).as(line).isLessThanOrEqualTo(width);
      }
      assertThat(words(text)).as(text).isEqualTo(whole);
    }
  }

  private static String draw(Consumer<Screen> print, int width) {
    StringWriter out = new StringWriter();
    print.accept(new Screen(new PrintWriter(out), false, null, width));
    return out.toString();
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
