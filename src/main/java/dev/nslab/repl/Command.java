package dev.nslab.repl;

import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;

/**
 * One REPL command: its name, aliases, argument synopsis, one-line help, what it does, and what Tab
 * offers for its argument (JLine's shape: a command completes its own arguments).
 */
record Command(
    String name,
    List<String> aliases,
    String args,
    String help,
    Handler handler,
    Supplier<List<Candidate>> completion) {

  interface Handler {
    /**
     * @param arg everything after the command word, trimmed ("" when none)
     */
    Commands.Result handle(String arg);
  }

  /** A line as typed: its command word and the rest. The one place the {@code !CMD} rule lives. */
  record Typed(String word, String arg) {
    static Typed of(String line) {
      String text = line.strip();
      if (text.startsWith("!")) return new Typed("!", text.substring(1).strip());
      int space = text.indexOf(' ');
      return space < 0
          ? new Typed(text, "")
          : new Typed(text.substring(0, space), text.substring(space + 1).strip());
    }
  }

  String usage() {
    return args.isEmpty() ? name : name + " " + args;
  }

  boolean answersTo(String word) {
    return name.equals(word) || aliases.contains(word);
  }
}
