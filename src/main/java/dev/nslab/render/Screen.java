package dev.nslab.render;

import java.io.PrintWriter;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Where the learner reads: a writer that knows whether to colour. Colour goes through JLine's
 * AttributedStyle, and is plain text when off (NO_COLOR, --no-color, a pipe or a dumb terminal).
 */
public final class Screen {
  public static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
  public static final AttributedStyle BOLD = AttributedStyle.BOLD;
  public static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  public static final AttributedStyle TITLE = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
  public static final AttributedStyle GOOD = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  public static final AttributedStyle BAD = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
  public static final AttributedStyle CHANGED = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
  public static final AttributedStyle CALL = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
  public static final AttributedStyle TURN = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
  /** present's bar across the top of each screen. */
  public static final AttributedStyle BANNER = AttributedStyle.BOLD.inverse();

  private final PrintWriter out;
  private final boolean color;
  private final Terminal terminal;

  public Screen(PrintWriter out, boolean color) {
    this(out, color, null);
  }

  /** On a terminal, colours are rendered for what that terminal supports. */
  public Screen(PrintWriter out, boolean color, Terminal terminal) {
    this.out = out;
    this.color = color;
    this.terminal = terminal;
  }

  public boolean color() {
    return color;
  }

  public void print(AttributedString text) {
    out.print(!color ? text.toString() : terminal != null ? text.toAnsi(terminal) : text.toAnsi());
    out.flush();
  }

  public void println(AttributedString text) {
    print(text);
    out.println();
    out.flush();
  }

  public void println(AttributedStyle style, String text) {
    println(new AttributedString(text, style));
  }

  public void println(String text) {
    out.println(text);
    out.flush();
  }

  public void println() {
    out.println();
    out.flush();
  }

  /** Words of {@code text} in lines of at most {@code width} characters (a longer word stands alone). */
  public static java.util.List<String> wrap(String text, int width) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split(" +")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  public static AttributedStringBuilder line() {
    return new AttributedStringBuilder();
  }

  /** Leads with the error word in red, then the sentence: "error: no lesson named 'ut'." */
  public void error(String message) {
    println(line().styled(BAD, "error: ").append(message).toAttributedString());
  }
}
