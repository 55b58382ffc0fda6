package dev.nslab.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * present's screens: a step's lines in pages that fit the terminal, each page under the banner
 * (lesson and step) and above the key bar, so neither ever scrolls away on a projector.
 */
public final class Pages {
  private Pages() {}

  /** The rows a page leaves for the step: all but the banner and the key bar. */
  public static int rowsForText(int terminalRows) {
    return Math.max(1, terminalRows - 2);
  }

  /**
   * {@code lines} (as printed, colours and all) in pages of at most {@code rows} terminal rows at
   * {@code width} columns: a line longer than the width takes more than one. A page after the first
   * does not start blank.
   */
  public static List<List<String>> split(List<String> lines, int rows, int width) {
    List<List<String>> pages = new ArrayList<>();
    List<String> page = new ArrayList<>();
    int used = 0;
    for (String line : lines) {
      int takes = rows(line, width);
      if (used + takes > rows && !page.isEmpty()) {
        // Break at the page's last blank line when it is in the lower half: a block (a command
        // and its output, the checks) then starts the next page whole instead of straddling two.
        int half = Math.max(1, page.size() / 2), blank = page.size() - 1;
        while (blank > half && !page.get(blank).isBlank()) blank--;
        List<String> carried =
            blank >= half && page.get(blank).isBlank()
                ? new ArrayList<>(page.subList(blank + 1, page.size()))
                : new ArrayList<>();
        pages.add(new ArrayList<>(page.subList(0, page.size() - carried.size())));
        page = carried;
        used = carried.stream().mapToInt(l -> rows(l, width)).sum();
      }
      if (page.isEmpty() && !pages.isEmpty() && line.isBlank()) continue;
      page.add(line);
      used += takes;
    }
    if (!page.isEmpty() || pages.isEmpty()) pages.add(page);
    return pages;
  }

  /** The terminal rows a printed line takes: more than one when it is wider than the terminal. */
  private static int rows(String line, int width) {
    return Math.max(1, (AttributedString.fromAnsi(line).columnLength() + width - 1) / width);
  }

  /**
   * A full-width inverse bar: {@code left} at the start, {@code right} at the end; the left part is
   * cut first.
   */
  public static AttributedString bar(String left, String right, int width) {
    String r = Wrap.cut(right, width);
    int room = width - Wrap.columns(r);
    String l = room <= 1 ? "" : Wrap.cut(left, room - 1);
    String gap = " ".repeat(Math.max(0, width - Wrap.columns(l) - Wrap.columns(r)));
    return new AttributedStringBuilder().styled(Screen.BANNER, l + gap + r).toAttributedString();
  }
}
