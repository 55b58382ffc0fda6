package dev.nslab.repl;

import dev.nslab.lab.Lab;
import dev.nslab.lab.Namespace;
import dev.nslab.session.Session;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The terminal's bottom line: the lesson, the step, and the namespaces in which the lab is now
 * apart from the host, kept in view while output scrolls above it. Terminals that cannot hold a
 * line apart (dumb ones, pipes) simply have none; the prompt says lesson and step too.
 */
final class StatusLine {
  private final Status status;
  private final Terminal terminal;

  StatusLine(Terminal terminal, boolean color) {
    this.terminal = terminal;
    Status s = null;
    if (color
        && !Terminal.TYPE_DUMB.equals(terminal.getType())
        && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
      s = Status.getStatus(terminal);
    }
    this.status = s;
  }

  private Session shown;
  private int drawnWidth;

  void update(Session session) {
    shown = session;
    if (status == null) return;
    drawnWidth = terminal.getWidth();
    AttributedString text = text(session);
    int width = Math.max(20, terminal.getWidth());
    // Full width, so the bar covers whatever the bottom line held before.
    AttributedString line =
        text.length() >= width
            ? text.columnSubSequence(0, width)
            : new AttributedStringBuilder()
                .append(text)
                .style(AttributedStyle.INVERSE)
                .append(" ".repeat(width - text.columnLength()))
                .toAttributedString();
    status.update(List.of(line));
  }

  /** What the line says; plain text, for tests. */
  static AttributedString text(Session session) {
    AttributedStyle bar = AttributedStyle.INVERSE;
    AttributedStringBuilder sb = new AttributedStringBuilder().style(bar).append(" nslab");
    if (!session.active()) {
      sb.append(" · no lesson running · `lessons` lists them, `start uts` begins");
    } else {
      sb.append(
          " · "
              + session.lesson().id()
              + " · step "
              + session.reached()
              + "/"
              + session.lesson().size());
      List<String> apart = Namespace.apartFrom(Lab.hostNamespaces(), session.lab().namespaces());
      sb.append(
          " · apart from the host: " + (apart.isEmpty() ? "nothing yet" : String.join(" ", apart)));
      if (session.awaitingTask()) sb.append(" · your turn");
      if (session.finished()) sb.append(" · done");
    }
    return sb.append(" ").toAttributedString();
  }

  /**
   * The line editor redraws after a resize but knows the status only as the text it was given, cut
   * to the old width; it highlights the line on every redraw, so this wraps the highlighter to lay
   * the status out again first whenever the width has changed.
   */
  Highlighter redrawnOnResize(Highlighter highlighter) {
    return new Highlighter() {
      @Override
      public AttributedString highlight(LineReader reader, String buffer) {
        if (status != null && shown != null && terminal.getWidth() != drawnWidth) {
          status.reset(); // forget what it drew at the old size: a terminal may have reflowed it
          update(shown);
        }
        return highlighter.highlight(reader, buffer);
      }

      @Override
      public void refresh(LineReader reader) {
        highlighter.refresh(reader);
      }

      @Override
      public void setErrorPattern(Pattern pattern) {
        highlighter.setErrorPattern(pattern);
      }

      @Override
      public void setErrorIndex(int index) {
        highlighter.setErrorIndex(index);
      }
    };
  }

  /** Out of the way while a shell owns the terminal. */
  void suspend() {
    if (status != null) status.suspend();
  }

  void restore() {
    if (status != null) status.restore();
  }

  /** Gives the terminal its full height back. */
  void close() {
    if (status == null) return;
    status.hide(); // erase it: the shell prompt comes next on that line
    status.close();
  }
}
