package dev.nslab.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CommonMark for a handout: a command goes in a code span whose backtick run is longer than any
 * inside it (so it comes back byte for byte, never backslash-escaped), and prose has the characters
 * Markdown would read as markup escaped, so it shows as written.
 */
final class Markdown {
  private Markdown() {}

  /** {@code text} as an inline code span: copied, run and pasted, it is the command that ran. */
  static String code(String text) {
    String ticks = "`".repeat(longestRun(text, '`') + 1);
    // A span that starts or ends with a backtick, or with a space at both ends, needs a space of
    // padding: CommonMark strips exactly one on each side.
    boolean pad =
        text.startsWith("`")
            || text.endsWith("`")
            || text.startsWith(" ") && text.endsWith(" ") && !text.isBlank();
    String space = pad ? " " : "";
    return ticks + space + text + space + ticks;
  }

  /**
   * A check's claim, whose command nslab wrote between single backticks, with that command as a
   * proper code span.
   */
  static String claim(String claim) {
    Matcher m = CLAIM.matcher(claim);
    if (!m.matches()) return prose(claim);
    return (m.group(1) == null ? "" : prose(m.group(1)))
        + code(m.group(2))
        + " "
        + prose(m.group(3));
  }

  private static final Pattern CLAIM =
      Pattern.compile(
          "(on the host, )?`(.+)` ((?:in the lab )?(?:prints|exits with) .*)", Pattern.DOTALL);

  /** Prose with its code spans kept and everything else Markdown would take for markup escaped. */
  static String prose(String text) {
    StringBuilder out = new StringBuilder();
    boolean lineStart = true;
    int i = 0;
    while (i < text.length()) {
      if (lineStart) { // what would open a heading, quote, list or rule here is escaped
        lineStart = false;
        int spaces = 0;
        while (i + spaces < text.length() && text.charAt(i + spaces) == ' ') spaces++;
        out.append(text, i, i + spaces);
        i += spaces;
        Matcher block = BLOCK_START.matcher(text).region(i, text.length());
        if (block.lookingAt()) {
          out.append(block.group(1)).append('\\').append(block.group(2));
          i = block.end();
        }
        continue;
      }
      char c = text.charAt(i);
      if (c == '`') {
        int run = runAt(text, i, '`');
        int close = closing(text, i + run, run);
        if (close >= 0) { // a code span the author wrote: as it is
          out.append(text, i, close + run);
          i = close + run;
        } else {
          out.append("\\`".repeat(run));
          i += run;
        }
        continue;
      }
      if ("\\*[]<>&".indexOf(c) >= 0 || c == '_' && atWordEdge(text, i)) out.append('\\');
      out.append(c);
      lineStart = c == '\n';
      i++;
    }
    return out.toString();
  }

  private static final Pattern BLOCK_START = Pattern.compile("(\\d{0,9})([#>+=*_-]|(?<=\\d)[.)])");

  private static boolean atWordEdge(String text, int i) {
    boolean before = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
    boolean after = i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1));
    return !(before && after);
  }

  private static int closing(String text, int from, int run) {
    for (int j = text.indexOf('`', from); j >= 0; j = text.indexOf('`', j + runAt(text, j, '`'))) {
      if (runAt(text, j, '`') == run) return j;
    }
    return -1;
  }

  private static int runAt(String text, int i, char c) {
    int n = 0;
    while (i + n < text.length() && text.charAt(i + n) == c) n++;
    return n;
  }

  /** The longest run of {@code c} in {@code text}: a fence or span must be longer. */
  static int longestRun(String text, char c) {
    int longest = 0;
    for (int i = 0; i < text.length(); i++) longest = Math.max(longest, runAt(text, i, c));
    return longest;
  }
}
