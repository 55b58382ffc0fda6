package dev.nslab.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.WCWidth;

/**
 * Lines that fit the terminal: broken at spaces only, so a word, a command or a path is never cut
 * in two (one longer than the line stands alone and the terminal folds it). Continuation lines are
 * indented two columns past the line's own indent, so they read as one item.
 */
public final class Wrap {
  private Wrap() {}

  /** Plain text in lines of at most {@code width} columns, continuation lines not indented. */
  public static List<String> words(String text, int width) {
    return lines(new AttributedString(text.strip().replaceAll("\\s+", " ")), width, 0).stream()
        .map(AttributedString::toString)
        .toList();
  }

  /**
   * Prose as its logical lines: a lesson's YAML breaks lines where its author's editor did, so the
   * lines of a paragraph are joined (the screen wraps them to its own width). A blank line, a list
   * item or an indented line keeps its break.
   */
  public static List<String> reflow(String prose) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String raw : prose.strip().split("\n", -1)) {
      boolean keepsBreak =
          raw.isBlank() || raw.matches("\\s*([-*•]|\\d+[.)])\\s.*") || raw.startsWith(" ");
      if (line.length() > 0 && keepsBreak) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (raw.isBlank()) {
        out.add("");
      } else {
        if (line.length() > 0) line.append(' ');
        line.append(line.length() == 0 ? raw.stripTrailing() : raw.strip());
      }
    }
    if (line.length() > 0) out.add(line.toString());
    return out;
  }

  /** One styled line, wrapped: continuation lines get the line's indent plus two. */
  public static List<AttributedString> line(AttributedString line, int width) {
    String s = line.toString();
    int indent = 0;
    while (indent < s.length() && s.charAt(indent) == ' ') indent++;
    return lines(line, width, Math.min(indent + 2, width / 3));
  }

  /**
   * The core: greedy word wrap of {@code text}, continuation lines prefixed by {@code indent}
   * spaces.
   */
  public static List<AttributedString> lines(AttributedString text, int width, int indent) {
    List<AttributedString> out = new ArrayList<>();
    indent = Math.min(indent, width / 2); // a squeezed window still gets half a line of text
    if (columns(text.toString()) <= width) {
      out.add(text);
      return out;
    }
    String s = text.toString();
    int start = 0;
    boolean first = true;
    while (start < s.length()) {
      int room = first ? width : width - indent;
      int end = fit(s, start, room);
      AttributedString piece = text.subSequence(start, end);
      out.add(
          first
              ? piece
              : new AttributedStringBuilder()
                  .append(" ".repeat(indent))
                  .append(piece)
                  .toAttributedString());
      first = false;
      start = end;
      while (start < s.length() && s.charAt(start) == ' ') start++;
    }
    return out;
  }

  /**
   * Where the piece from {@code start} ends: after the last whole word that fits in {@code room}
   * columns.
   */
  private static int fit(String s, int start, int room) {
    int cols = 0, lastBreak = -1, i = start;
    int text = start; // a line's own indent is not a place to break
    while (text < s.length() && s.charAt(text) == ' ') text++;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (cp == ' ' && i > text) lastBreak = i;
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (cols + w > room) break;
      cols += w;
      i += Character.charCount(cp);
    }
    if (i >= s.length()) return s.length();
    if (s.charAt(i) == ' ' && i > text) return i; // the word ends right at the edge
    if (lastBreak > start) return trimEnd(s, start, lastBreak);
    // A single token longer than the line: it stands alone, whole.
    int end = s.indexOf(' ', i);
    return end < 0 ? s.length() : end;
  }

  private static int trimEnd(String s, int start, int end) {
    while (end > start && s.charAt(end - 1) == ' ') end--;
    return end;
  }

  /** The columns {@code s} takes on a terminal. */
  public static int columns(String s) {
    int cols = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      cols += Math.max(0, WCWidth.wcwidth(cp));
      i += Character.charCount(cp);
    }
    return cols;
  }

  /**
   * A line cut to {@code width} columns with an ellipsis: for outputs where the start says enough.
   */
  public static String cut(String s, int width) {
    if (columns(s) <= width) return s;
    StringBuilder b = new StringBuilder();
    int cols = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (cols + w > width - 1) break;
      b.appendCodePoint(cp);
      cols += w;
      i += Character.charCount(cp);
    }
    return b.append('…').toString();
  }
}
