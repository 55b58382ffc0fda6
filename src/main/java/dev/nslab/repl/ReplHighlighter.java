package dev.nslab.repl;

import dev.nslab.render.Screen;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/** A known command word shows bold, an unknown one red, as it is typed. */
final class ReplHighlighter implements Highlighter {
  static final int MAX_STYLED = 2000;
  private final Commands commands;
  private final boolean color;

  ReplHighlighter(Commands commands, boolean color) {
    this.commands = commands;
    this.color = color;
  }

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    // A huge paste is shown plain: redrawing it styled at every key would keep Ctrl-C waiting.
    if (!color || buffer.length() > MAX_STYLED) return new AttributedString(buffer);
    int lead = buffer.length() - buffer.stripLeading().length();
    String rest = buffer.substring(lead);
    String word = Command.Typed.of(rest).word();
    int end = word.length();
    boolean known = commands.knows(word);
    return new AttributedStringBuilder()
        .append(buffer.substring(0, lead))
        .styled(word.isEmpty() ? Screen.PLAIN : known ? Screen.BOLD : Screen.BAD, word)
        .append(rest.substring(end))
        .toAttributedString();
  }
}
