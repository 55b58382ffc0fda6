package dev.nslab.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
  public static final AttributedStyle GOOD =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  public static final AttributedStyle BAD = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
  public static final AttributedStyle CHANGED =
      AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

  /** A line a step took away, in a before/after diff. */
  public static final AttributedStyle REMOVED =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

  public static final AttributedStyle CALL =
      AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
  public static final AttributedStyle TASK = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);

  /** present's bar across the top of each screen. */
  public static final AttributedStyle BANNER = AttributedStyle.BOLD.inverse();

  private final PrintWriter out;
  private final boolean color;
  private final Terminal terminal;
  private final int width;

  /**
   * Without a terminal (a pipe, a file): laid out for {@link #DEFAULT_WIDTH} columns, lines never
   * broken.
   */
  public Screen(PrintWriter out, boolean color) {
    this(out, color, null, 0);
  }

  /**
   * On a terminal, colours are rendered for what that terminal supports, and lines fit its width as
   * it is now.
   */
  public Screen(PrintWriter out, boolean color, Terminal terminal) {
    this(out, color, terminal, 0);
  }

  /**
   * @param width columns to wrap at; 0 to follow the terminal's width, resizes included, or with no
   *     terminal either, not to wrap at all (a pipe has no width: grep and diff read it whole)
   */
  public Screen(PrintWriter out, boolean color, Terminal terminal, int width) {
    this.out = out;
    this.color = color;
    this.terminal = terminal;
    this.width = width;
  }

  /** What a layout assumes when there is no terminal: the classic terminal width. */
  public static final int DEFAULT_WIDTH = 80;

  public boolean color() {
    return color;
  }

  /** The columns a line may take; never narrower than 20, so even a squeezed window reads. */
  public int width() {
    int w = width > 0 ? width : terminal != null ? terminal.getWidth() : DEFAULT_WIDTH;
    return Math.max(20, w <= 0 ? DEFAULT_WIDTH : w);
  }

  /**
   * A terminal that knows its size wraps; a dumb one over pipes may not know it, and then nothing
   * is broken.
   */
  private boolean wraps() {
    return width > 0 || terminal != null && terminal.getWidth() > 0;
  }

  public void print(AttributedString text) {
    out.print(!color ? text.toString() : terminal != null ? text.toAnsi(terminal) : text.toAnsi());
    out.flush();
  }

  /** A line of text, wrapped at words to the width (see {@link Wrap}). */
  public void println(AttributedString text) {
    println(text, -1);
  }

  /**
   * A line wrapped with its continuation lines at column {@code hanging}, for text in a column
   * (doctor's messages, code beside its label); -1 for the usual two past the line's indent.
   */
  public void println(AttributedString text, int hanging) {
    for (AttributedString part : splitLines(text)) {
      List<AttributedString> lines =
          !wraps()
              ? List.of(part)
              : hanging < 0 ? Wrap.line(part, width()) : Wrap.lines(part, width(), hanging);
      for (AttributedString line : lines) {
        print(line);
        out.println();
      }
    }
    out.flush();
  }

  private static List<AttributedString> splitLines(AttributedString text) {
    List<AttributedString> parts = new ArrayList<>();
    String s = text.toString();
    int start = 0;
    for (int nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      parts.add(text.subSequence(start, nl));
      start = nl + 1;
    }
    parts.add(text.subSequence(start, s.length()));
    return parts;
  }

  /** A line already laid out (and coloured) for this screen: printed as it is. */
  public void printRaw(String line) {
    out.println(line);
    out.flush();
  }

  public void println(AttributedStyle style, String text) {
    println(new AttributedString(text, style));
  }

  public void println(String text) {
    println(new AttributedString(text));
  }

  public void println() {
    out.println();
    out.flush();
  }

  public static AttributedStringBuilder line() {
    return new AttributedStringBuilder();
  }

  /** Leads with the error word in red, then the sentence: "error: no lesson named 'ut'." */
  public void error(String message) {
    println(line().styled(BAD, "error: ").append(message).toAttributedString());
  }
}
