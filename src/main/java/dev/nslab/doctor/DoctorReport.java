package dev.nslab.doctor;

import dev.nslab.lesson.Lesson;
import dev.nslab.render.Screen;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;

/** Renders doctor's findings and the lessons that will not work here. */
public final class DoctorReport {
  private DoctorReport() {}

  /** Where a finding's message starts: after the mark (8) and the topic (17). */
  private static final int MESSAGE_COLUMN = 8 + 17;

  /** Prints the report; returns whether every lesson can run here. */
  public static boolean print(Screen screen, Doctor doctor, List<Lesson> lessons) {
    for (Finding f : doctor.findings()) {
      var mark =
          switch (f.status()) {
            case OK -> Screen.line().styled(Screen.GOOD, "  ok    ");
            case WARN -> Screen.line().styled(Screen.CHANGED, "  warn  ");
            case FAIL -> Screen.line().styled(Screen.BAD, "  FAIL  ");
          };
      // Continuation lines stay in the message's column, under its first word.
      screen.println(
          mark.styled(Screen.BOLD, String.format("%-17s", f.topic()))
              .append(f.message())
              .toAttributedString(),
          MESSAGE_COLUMN);
      if (f.fix() != null) {
        screen.println(
            new AttributedString(" ".repeat(MESSAGE_COLUMN) + "fix: " + f.fix(), Screen.DIM),
            MESSAGE_COLUMN + 5);
      }
    }
    Map<String, Doctor.Blocked> blocked = doctor.blockedLessons(lessons);
    screen.println();
    if (blocked.isEmpty()) {
      screen.println(Screen.GOOD, "  Every lesson can run here.");
    } else {
      screen.println("  Lessons that will not work here:");
      blocked.forEach(
          (id, why) -> {
            screen.println(
                Screen.line()
                    .append("    ")
                    .styled(Screen.BOLD, String.format("%-10s", id))
                    .append(why.reason())
                    .toAttributedString(),
                14);
            screen.println(Screen.DIM, "              fix: " + why.fix());
          });
    }
    return blocked.isEmpty();
  }

  /** One line for the REPL's start, when some lesson cannot run here; empty otherwise. */
  public static String startLine(Doctor doctor, List<Lesson> lessons) {
    Map<String, Doctor.Blocked> blocked = doctor.blockedLessons(lessons);
    if (blocked.isEmpty()) return "";
    Doctor.Blocked first = blocked.values().iterator().next();
    return "  Here "
        + String.join(", ", blocked.keySet())
        + " will"
        + " not work ("
        + first.reason()
        + "; fix: "
        + first.fix()
        + "); `doctor` says why.";
  }
}
