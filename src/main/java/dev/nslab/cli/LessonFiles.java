package dev.nslab.cli;

import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.lesson.LessonFileException;
import dev.nslab.lesson.LessonProblem;
import dev.nslab.lesson.LessonReader;
import dev.nslab.render.CodeProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The verbs that read lessons and run nothing: {@code check} and {@code code}. */
final class LessonFiles {
  private LessonFiles() {}

  /** {@code check FILE...}: each file's problems as FILE:LINE:COL: message, or ok. */
  static int check(Verb.Call call) {
    List<String> files = call.opts().args();
    if (files.isEmpty()) {
      call.err()
          .println("nslab: check needs at least one lesson file, e.g. nslab check lessons/*.yaml");
      return Cli.USAGE;
    }
    int bad = 0;
    for (String f : files) {
      try {
        Lesson l = LessonReader.read(Path.of(f));
        List<LessonProblem> refused = LessonReader.guardPreview(Path.of(f));
        if (refused.isEmpty()) {
          call.out().println(f + ": ok (" + l.id() + ", " + l.size() + " steps)");
        } else {
          bad++;
          for (LessonProblem p : refused) call.out().println(p.render());
        }
      } catch (LessonFileException x) {
        bad++;
        for (LessonProblem p : x.problems()) call.out().println(p.render());
      }
    }
    return bad == 0 ? Cli.OK : Cli.FAILED;
  }

  /**
   * {@code code LESSON --c|--shell}: the lesson as one program, alone on stdout (for gcc or sh).
   */
  static int code(Verb.Call call) {
    List<String> names = call.opts().args().stream().filter(a -> !a.startsWith("--")).toList();
    List<String> flags =
        call.opts().args().stream().filter(a -> a.startsWith("--")).distinct().toList();
    if (names.size() != 1 || flags.size() != 1) {
      call.err()
          .println(
              "nslab: usage: nslab code LESSON --c  (one C program)  or  nslab code LESSON --shell  "
                  + "(one shell script)");
      return Cli.USAGE;
    }
    LessonCatalog catalog = call.catalog();
    Optional<Lesson> found =
        Cli.lessonNamed(names.get(0), catalog, true, call.err()); // printing code runs nothing
    if (found.isEmpty()) return Cli.USAGE;
    call.out()
        .print(
            flags.get(0).equals("--c")
                ? CodeProgram.c(found.get())
                : CodeProgram.shell(found.get()));
    call.out().flush();
    return Cli.OK;
  }
}
