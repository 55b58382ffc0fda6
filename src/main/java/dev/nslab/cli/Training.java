package dev.nslab.cli;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.LessonList;
import dev.nslab.render.Screen;
import dev.nslab.repl.Repl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * {@code nslab --cds-training}: what the launcher runs once, in the background, with {@code
 * -XX:ArchiveClassesAtExit}, so that the class-data archive holds the classes a start needs: the
 * lesson list (Jackson YAML), and a REPL to its prompt and back (JLine, JNA, a lab, the doctor),
 * once over a dumb terminal with a few commands, once over the system terminal. It prints nothing
 * and touches no learner state (a throw-away state directory).
 */
final class Training {
  private Training() {}

  static int run(Map<String, String> env) {
    Path state = null;
    try {
      state = Files.createTempDirectory("nslab-cds-training");
      LessonCatalog catalog = LessonCatalog.load(Home.lessons());
      Screen quiet = new Screen(new PrintWriter(OutputStream.nullOutputStream()), true);
      LessonList.print(quiet, catalog, new ProgressStore(state).all());
      byte[] typed = "help\nlessons\nquit\n".getBytes(StandardCharsets.UTF_8);
      try (Terminal t =
          new DumbTerminal(
              "nslab-training",
              Terminal.TYPE_DUMB,
              new ByteArrayInputStream(typed),
              OutputStream.nullOutputStream(),
              StandardCharsets.UTF_8)) {
        Repl.loop(t, catalog, false, env, state, LabEnvironment.fromHost(env, Home.dir()));
      }
      // And the way a real start goes: JLine's system terminal (its providers), on stdin at EOF.
      Map<String, String> own = new HashMap<>(env);
      own.put("XDG_STATE_HOME", state.toString());
      Repl.run(catalog, true, own, Home.dir(), new PrintWriter(OutputStream.nullOutputStream()));
      return Cli.OK;
    } catch (IOException | RuntimeException | Error e) {
      return Cli.FAILED; // an archive of fewer classes, or none: start-up is only slower
    } finally {
      if (state != null) delete(state);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind
    }
  }
}
