package dev.nslab.cli;

import dev.nslab.render.Screen;
import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;

/**
 * Where {@link Presentation}'s pages go: a terminal (cleared per page, the key bar at the bottom)
 * or a plain stream.
 */
interface SlideDisplay {
  int rows();

  int width();

  void show(AttributedString banner, List<String> lines, AttributedString bar);

  /** A recording or a pipe: each page follows the last, under its banner, with no key bar. */
  static SlideDisplay plain(Screen screen) {
    return new SlideDisplay() {
      public int rows() {
        return Integer.MAX_VALUE;
      }

      public int width() {
        return screen.width();
      }

      public void show(AttributedString banner, List<String> lines, AttributedString bar) {
        screen.println();
        screen.println(banner);
        lines.forEach(screen::printRaw);
      }
    };
  }

  /**
   * A terminal, in raw mode: each page on a cleared screen, the banner on top, the key bar on the
   * last row.
   */
  static SlideDisplay terminal(Terminal terminal, boolean color) {
    return new SlideDisplay() {
      public int rows() {
        return Math.max(4, terminal.getHeight());
      }

      public int width() {
        return Math.max(20, terminal.getWidth());
      }

      public void show(AttributedString banner, List<String> lines, AttributedString bar) {
        PrintWriter w = terminal.writer();
        terminal.puts(Capability.clear_screen);
        w.print(color ? banner.toAnsi(terminal) : banner.toString());
        w.print("\r\n");
        for (String line : lines) w.print(line + "\r\n");
        terminal.puts(Capability.cursor_address, rows() - 1, 0);
        w.print(color ? bar.toAnsi(terminal) : bar.toString());
        w.flush();
      }
    };
  }
}
