package dev.nslab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code nslab [OPTIONS] [COMMAND] [ARGS]} into {@link Options}: the verb from {@link Verb},
 * and each option checked against the verb it goes with, so a mistake is one sentence before
 * anything runs.
 */
final class OptionsParser {
  private OptionsParser() {}

  static Options parse(String[] args) throws UsageException {
    boolean noColor = false, debug = false, noPause = false, trust = false, timings = false;
    Optional<Path> lessons = Optional.empty(), transcript = Optional.empty();
    OptionalInt auto = OptionalInt.empty();
    Verb verb = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> verb = Verb.HELP;
        case "--version" -> verb = Verb.VERSION;
        case "--no-color" -> noColor = true;
        case "--debug" -> debug = true;
        case "--no-pause" -> noPause = true;
        case "--trust" -> trust = true;
        case "--c", "--shell" -> {
          if (verb != Verb.CODE)
            throw new UsageException(a + " goes with code, after it: nslab code LESSON " + a);
          rest.add(a);
        }
        case "--timings" -> timings = true;
        case "--json" -> rest.add(a); // bench's own: checked there
        case "--transcript" -> {
          if (i + 1 >= args.length || !args[i + 1].endsWith(".md")) {
            throw new UsageException(
                "--transcript needs a Markdown file name, e.g. --transcript uts.md");
          }
          transcript = Optional.of(Path.of(args[++i]));
        }
        case "--auto" -> {
          if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,4}")) {
            throw new UsageException("--auto needs a number of seconds, e.g. --auto 8");
          }
          auto = OptionalInt.of(Integer.parseInt(args[++i]));
        }
        case "--lessons" -> {
          if (i + 1 >= args.length) throw new UsageException("--lessons needs a directory");
          lessons = Optional.of(Path.of(args[++i]));
          if (!Files.isDirectory(lessons.get()))
            throw new UsageException("--lessons: no directory " + lessons.get());
        }
        default -> {
          if (a.startsWith("-")) throw new UsageException("unknown option " + a);
          if (verb == null) {
            verb =
                Verb.named(a)
                    .orElseThrow(
                        () ->
                            new UsageException(
                                "unknown command '"
                                    + a
                                    + "' (commands: "
                                    + String.join(", ", Verb.words())
                                    + ")"));
          } else {
            rest.add(a);
          }
        }
      }
    }
    if (verb == null) verb = Verb.REPL;
    if (transcript.isPresent() && verb != Verb.PLAY)
      throw new UsageException("--transcript goes with play");
    if (lessons.isPresent()
        && !trust
        && List.of(Verb.REPL, Verb.PLAY, Verb.PRESENT).contains(verb)) {
      throw new UsageException(
          "the lessons in " + lessons.get() + " run commands as you: read them, then add --trust");
    }
    if (auto.isPresent() && verb != Verb.PRESENT)
      throw new UsageException("--auto goes with present");
    if (!rest.isEmpty() && !verb.takesArgs)
      throw new UsageException(verb.word + " takes no arguments");
    return new Options(
        noColor,
        debug,
        noPause,
        trust,
        timings,
        transcript,
        auto,
        lessons.orElseGet(Home::lessons),
        verb,
        List.copyOf(rest));
  }

  /** A command line nslab cannot run: its message is the one sentence the learner sees. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
