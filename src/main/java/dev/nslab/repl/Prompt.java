package dev.nslab.repl;

import dev.nslab.render.Screen;
import dev.nslab.session.Session;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/** The prompt says where the learner is: {@code uts 2/5 >}, or {@code uts 5/5 your turn >}. */
final class Prompt {
  private Prompt() {}

  static AttributedString of(Session session, boolean color) {
    AttributedStringBuilder sb = new AttributedStringBuilder();
    if (!session.active()) {
      sb.styled(color ? Screen.TITLE : Screen.PLAIN, "nslab");
    } else {
      sb.styled(color ? Screen.TITLE : Screen.PLAIN, session.lesson().id())
          .append(" " + session.reached() + "/" + session.lesson().size());
      if (session.awaitingTask()) sb.styled(color ? Screen.TASK : Screen.PLAIN, " your turn");
      if (session.finished()) sb.styled(color ? Screen.GOOD : Screen.PLAIN, " done");
    }
    return sb.append(" > ").toAttributedString();
  }
}
