package dev.nslab.repl;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completes command names, lesson ids after {@code start}, and commands after {@code help}. */
final class ReplCompleter implements Completer {
  private final Commands commands;

  ReplCompleter(Commands commands) {
    this.commands = commands;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    for (String word : candidates(line.words(), line.wordIndex())) candidates.add(new Candidate(word));
  }

  /** What may stand at word {@code index} of a line; the pure part, for tests. */
  List<String> candidates(List<String> words, int index) {
    if (index == 0) return commands.names();
    if (index == 1) {
      return switch (words.get(0)) {
        case "start" -> commands.lessonIds();
        case "help", "?" -> commands.names();
        default -> List.of();
      };
    }
    return List.of();
  }
}
