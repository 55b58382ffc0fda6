package dev.nslab.cli;

import dev.nslab.lesson.LessonCatalog;
import dev.nslab.render.Screen;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What nslab can be asked to do from the shell: each verb is its word, its line in the usage,
 * whether it takes arguments, and what it runs. The usage, the parser and the dispatch all read
 * this one table, so a verb cannot be in one and missing from another.
 */
enum Verb {
  REPL(null, "(none)", "the interactive REPL", false, Warm.TERMINAL, Cli::repl),
  LESSONS("lessons", "lessons", "the lessons, in course order", false, Warm.NOTHING, Cli::lessons),
  PLAY(
      "play",
      "play LESSON",
      "replay a lesson without a person (LESSON: an id or a .yaml path)",
      true,
      Warm.NATIVE,
      Player::run),
  PRESENT(
      "present",
      "present LESSON",
      "for a projector: a step per screen, clicker keys (→ ← PgDn PgUp), q quits",
      true,
      Warm.TERMINAL,
      Player::run),
  CHECK(
      "check",
      "check FILE...",
      "validate lesson files: FILE:LINE:COL: message per problem",
      true,
      Warm.NOTHING,
      LessonFiles::check),
  CODE(
      "code",
      "code LESSON --c|--shell",
      "the lesson as one C program or one shell script, alone on stdout\n"
          + "(nslab code uts --c | gcc -Wall -Werror -x c - -o uts)",
      true,
      Warm.NOTHING,
      LessonFiles::code),
  DOCTOR(
      "doctor",
      "doctor",
      "what this machine lets nslab do, each problem with its fix",
      false,
      Warm.NATIVE,
      Cli::doctor),
  BENCH(
      "bench",
      "bench [RUNS] [--json]",
      "a benchmark: full labs against util-linux, start-up, memory (RUNS: 100)",
      true,
      Warm.NATIVE,
      Cli::bench),
  HELP(
      "help",
      "help [COMMAND]",
      "this help, or one command's (of these, or of the REPL: run, back, ...)",
      true,
      Warm.NOTHING,
      Cli::help),
  /** {@code --version}: an option, not a word, so not among the commands. */
  VERSION(
      null,
      null,
      null,
      true,
      Warm.NOTHING,
      call -> {
        call.out().println("nslab " + Cli.version());
        return Cli.OK;
      });

  /** What a start loads beside parsing the lessons (see {@link Warmup}). */
  enum Warm {
    NOTHING,
    NATIVE,
    TERMINAL
  }

  /** One run of a verb: the parsed command line, the streams, the environment, the terminal. */
  record Call(
      Options opts,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Console console,
      String[] args) {
    boolean color() {
      return Cli.color(opts, env, console);
    }

    /** Output for the shell: coloured as {@link #color} says, wrapped at the terminal's width. */
    Screen screen() {
      return new Screen(out, color(), null, console.width());
    }

    LessonCatalog catalog() {
      return LessonCatalog.load(opts.lessonsDir());
    }
  }

  interface Runner {
    int run(Call call);
  }

  /** The word typed after the options; null for the REPL (no word) and --version. */
  final String word;

  /** Its line in the usage, left column; null when not listed. */
  final String synopsis;

  /** Its line in the usage, right column; a second line continues it. */
  final String help;

  final boolean takesArgs;
  final Warm warm;
  final Runner runner;

  Verb(String word, String synopsis, String help, boolean takesArgs, Warm warm, Runner runner) {
    this.word = word;
    this.synopsis = synopsis;
    this.help = help;
    this.takesArgs = takesArgs;
    this.warm = warm;
    this.runner = runner;
  }

  static Optional<Verb> named(String word) {
    return Arrays.stream(values()).filter(v -> word.equals(v.word)).findFirst();
  }

  /** The words, in usage order. */
  static List<String> words() {
    return Arrays.stream(values()).filter(v -> v.word != null).map(v -> v.word).toList();
  }

  /** Its lines of the usage: synopsis and help, a second help line under the first. */
  List<String> usageLines() {
    if (synopsis == null) return List.of();
    List<String> lines = help.lines().toList();
    String first = "  " + synopsis + " ".repeat(Math.max(2, 23 - synopsis.length())) + lines.get(0);
    return Stream.concat(Stream.of(first), lines.stream().skip(1).map(l -> " ".repeat(25) + l))
        .toList();
  }
}
