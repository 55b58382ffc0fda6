package dev.nslab.repl;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab: command names first, then whatever the command typed offers for its argument. */
final class ReplCompleter implements Completer {
  private final Commands commands;

  ReplCompleter(Commands commands) {
    this.commands = commands;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    candidates.addAll(offered(line.words(), line.wordIndex()));
  }

  private List<Candidate> offered(List<String> words, int index) {
    if (index == 0) return commands.commandNames();
    if (index > 1) return List.of();
    return commands.find(words.get(0)).map(c -> c.completion().get()).orElse(List.of());
  }

  /** What may stand at word {@code index} of a line; the pure part, for tests. */
  List<String> candidates(List<String> words, int index) {
    return offered(words, index).stream().map(Candidate::value).toList();
  }
}
