package dev.nslab.repl;

import dev.nslab.doctor.Doctor;
import dev.nslab.doctor.DoctorReport;
import dev.nslab.lab.CommandResult;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.progress.ProgressStore;
import dev.nslab.render.Screen;
import dev.nslab.session.LessonListener;
import dev.nslab.session.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive REPL: JLine line editing, history, completion and highlighting over the one
 * command table ({@link Commands}) that {@code play} uses too.
 */
public final class Repl {
  private Repl() {}

  /** Runs the REPL on the process's terminal. */
  public static int run(
      LessonCatalog catalog, boolean noColor, Map<String, String> env, Path home, PrintWriter err) {
    return run(() -> catalog, noColor, env, home, err);
  }

  /** The same, with the lessons still being parsed elsewhere: the terminal comes up meanwhile. */
  public static int run(
      Supplier<LessonCatalog> catalog,
      boolean noColor,
      Map<String, String> env,
      Path home,
      PrintWriter err) {
    Logger.getLogger("org.jline").setLevel(Level.OFF);
    try (Terminal terminal =
        TerminalBuilder.builder()
            .system(true)
            .graphemeCluster(false) // skips a terminal probe that costs ~0.5 s when nothing answers
            .build()) {
      return loop(
          terminal,
          catalog.get(),
          noColor,
          env,
          StateDir.of(env),
          LabEnvironment.fromHost(env, home));
    } catch (IOException e) {
      err.println("nslab: cannot open the terminal: " + e.getMessage());
      return 1;
    }
  }

  /** The read-eval-print loop over any terminal; tests pass a dumb one over pipes. */
  public static int loop(
      Terminal terminal,
      LessonCatalog catalog,
      boolean noColor,
      Map<String, String> env,
      Path stateDir,
      LabEnvironment labEnvironment) {
    boolean dumb =
        Terminal.TYPE_DUMB.equals(terminal.getType())
            || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    boolean color = !noColor && !dumb;
    Screen screen = new Screen(terminal.writer(), color, terminal);
    // The doctor's probes (a namespace of each type made and let go, a user-namespace child) run
    // beside the start, off the path to the prompt; their line comes when it is ready.
    CompletableFuture<String> blocked =
        CompletableFuture.supplyAsync(
            () -> DoctorReport.startLine(new Doctor(labEnvironment), catalog.lessons()),
            r -> {
              Thread t = new Thread(r, "nslab-doctor");
              t.setDaemon(true);
              t.start();
            });
    try (Session session = Sessions.open(labEnvironment)) {
      StatusLine status = new StatusLine(terminal, color);
      Runnable shell =
          () -> {
            status.suspend();
            try {
              shell(terminal, session, screen);
            } finally {
              status.restore();
            }
          };
      Commands commands =
          new Commands(
              session,
              catalog,
              screen,
              new Commands.Setup(
                  LessonListener.all(List.of()),
                  Optional.of(new ProgressStore(stateDir, () -> StateDir.handOver(stateDir, env))),
                  true,
                  dumb ? Optional.empty() : Optional.of(confirm(terminal)),
                  Optional.of(shell)));
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("nslab")
              .completer(new ReplCompleter(commands))
              .highlighter(status.redrawnOnResize(new ReplHighlighter(commands, color)))
              .variable(LineReader.HISTORY_FILE, prepare(stateDir.resolve("history")))
              .variable(LineReader.HISTORY_SIZE, 1000)
              .option(
                  LineReader.Option.DISABLE_EVENT_EXPANSION, true) // `run echo !` must stay literal
              .build();
      welcome(screen, catalog);
      String ready = blocked.getNow(null);
      if (ready != null) {
        if (!ready.isEmpty()) screen.println(Screen.DIM, ready);
      } else {
        blocked.thenAccept(
            line -> {
              if (!line.isEmpty())
                reader.printAbove(
                    new AttributedString(line, color ? Screen.DIM : AttributedStyle.DEFAULT));
            });
      }
      commands.greet();
      while (true) {
        String line;
        status.update(session);
        try {
          line = reader.readLine(Prompt.of(session, color).toAnsi(terminal));
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the line being typed
        } catch (EndOfFileException e) {
          break; // Ctrl-D leaves
        }
        Terminal.SignalHandler previous =
            terminal.handle(Terminal.Signal.INT, s -> session.cancel());
        try {
          if (commands.execute(line) == Commands.Result.QUIT) break;
        } finally {
          terminal.handle(Terminal.Signal.INT, previous);
        }
      }
      status.close();
      screen.println(Screen.DIM, session.active() ? "  Lab torn down. Bye." : "  Bye.");
    } finally {
      StateDir.handOver(stateDir, env);
    }
    return 0;
  }

  /**
   * A yes/no question, read by a reader of its own (made when asked: it is rare): an answer is not
   * history.
   */
  private static Predicate<String> confirm(Terminal terminal) {
    return question -> {
      try {
        return LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("nslab")
            .build()
            .readLine(question)
            .strip()
            .toLowerCase(Locale.ROOT)
            .startsWith("y");
      } catch (UserInterruptException | EndOfFileException e) {
        return false;
      }
    };
  }

  private static void welcome(Screen screen, LessonCatalog catalog) {
    screen.println(Screen.TITLE, "nslab: Linux namespaces, live on your kernel.");
    screen.println(
        "  Type `lessons` for the course, `start "
            + (catalog.ids().isEmpty() ? "LESSON" : catalog.ids().get(0))
            + "` to begin, `help` for every command.");
  }

  /** `sh`: the learner's terminal goes to a shell in the lab until it exits. */
  private static void shell(Terminal terminal, Session session, Screen screen) {
    screen.println(Screen.DIM, "  A shell inside the lab. `exit` (or Ctrl-D) comes back to nslab.");
    terminal.pause(); // JLine must not read the keys meant for the shell
    Terminal.SignalHandler previous =
        terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
    try {
      CommandResult r = session.shell();
      if (!r.started()) screen.error("the shell could not start: " + r.status());
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      terminal.resume();
    }
    screen.println(Screen.DIM, "  Back in nslab; the lab is as you left it.");
  }

  private static Path prepare(Path historyFile) {
    try {
      Files.createDirectories(historyFile.getParent());
    } catch (IOException e) {
      // no history then; the REPL works without it
    }
    return historyFile;
  }
}
