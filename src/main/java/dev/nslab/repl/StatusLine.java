package dev.nslab.repl;

import dev.nslab.lab.Lab;
import dev.nslab.lab.Namespace;
import dev.nslab.session.Session;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The terminal's bottom line: the lesson, the step, and the namespaces in which the lab is now
 * apart from the host, kept in view while output scrolls above it. Terminals that cannot hold
 * a line apart (dumb ones, pipes) simply have none; the prompt says lesson and step too.
 */
final class StatusLine {
  private final Status status;
  private final Terminal terminal;

  StatusLine(Terminal terminal, boolean color) {
    this.terminal = terminal;
    Status s = null;
    if (color && !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
      s = Status.getStatus(terminal);
    }
    this.status = s;
  }

  void update(Session session) {
    if (status == null) return;
    AttributedString text = text(session);
    int width = Math.max(20, terminal.getWidth());
    // Full width, so the bar covers whatever the bottom line held before.
    AttributedString line = text.length() >= width ? text.columnSubSequence(0, width)
        : new AttributedStringBuilder().append(text).style(AttributedStyle.INVERSE)
            .append(" ".repeat(width - text.columnLength())).toAttributedString();
    status.update(List.of(line));
  }

  /** What the line says; plain text, for tests. */
  static AttributedString text(Session session) {
    AttributedStyle bar = AttributedStyle.INVERSE;
    AttributedStringBuilder sb = new AttributedStringBuilder().style(bar).append(" nslab");
    if (!session.active()) {
      sb.append(" · no lesson running · `lessons` lists them, `start uts` begins");
    } else {
      sb.append(" · " + session.lesson().id() + " · step " + session.reached() + "/" + session.lesson().size());
      List<String> apart = Namespace.apartFrom(Lab.hostNamespaces(), session.lab().namespaces());
      sb.append(" · apart from the host: " + (apart.isEmpty() ? "nothing yet" : String.join(" ", apart)));
      if (session.awaitingTask()) sb.append(" · your turn");
      if (session.finished()) sb.append(" · done");
    }
    return sb.append(" ").toAttributedString();
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
