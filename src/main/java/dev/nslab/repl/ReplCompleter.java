package dev.nslab.repl;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completes command names, lesson ids after {@code start} and {@code resume}, step numbers after {@code goto}, and commands after {@code help}. */
final class ReplCompleter implements Completer {
  private final Commands commands;

  ReplCompleter(Commands commands) {
    this.commands = commands;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = candidates(line.words(), line.wordIndex());
    boolean steps = line.wordIndex() == 1 && line.words().get(0).equals("goto");
    for (String word : words) {
      // Step numbers carry their titles, so Tab shows where each goes; sorted as numbers.
      candidates.add(steps
          ? new Candidate(word, word, null, stepTitle(Integer.parseInt(word)), null, null, true, Integer.parseInt(word))
          : new Candidate(word));
    }
  }

  private String stepTitle(int number) {
    return commands.session().lesson().step(number - 1).title();
  }

  /** What may stand at word {@code index} of a line; the pure part, for tests. */
  List<String> candidates(List<String> words, int index) {
    if (index == 0) return commands.names();
    if (index == 1) {
      return switch (words.get(0)) {
        case "start", "resume" -> commands.lessonIds();
        case "help", "?" -> commands.names();
        case "goto" -> commands.session().active()
            ? java.util.stream.IntStream.rangeClosed(1, commands.session().lesson().size()).mapToObj(String::valueOf).toList()
            : List.of();
        default -> List.of();
      };
    }
    return List.of();
  }
}
