package dev.nslab.render;

import dev.nslab.lab.Namespace;
import java.util.Map;
import org.jline.utils.AttributedStringBuilder;

/**
 * All eight namespace types: the host's inode, the lab's, and a marker where they differ. The lab's
 * pid and time rows are its {@code pid_for_children} and {@code time_for_children}: unshare of those
 * two moves only the children the lab starts next (pid_namespaces(7), time_namespaces(7)), so the
 * rows say "for children" and a line under the table says why.
 */
public final class NamespaceTable {
  private NamespaceTable() {}

  /**
   * @param before the lab's namespaces before the step, to mark what this step changed; may be
   *     null to mark only what differs from the host
   */
  public static void print(Screen screen, Map<Namespace, Long> host, Map<Namespace, Long> before,
      Map<Namespace, Long> lab) {
    print(screen, host, before, lab, false);
  }

  /** @param compact only the rows where the lab is apart from the host (present's screens are short) */
  public static void print(Screen screen, Map<Namespace, Long> host, Map<Namespace, Long> before,
      Map<Namespace, Long> lab, boolean compact) {
    if (compact && host.equals(lab)) {
      screen.println(Screen.DIM, "  namespaces: all " + Namespace.values().length + " shared with the host");
      return;
    }
    screen.println(Screen.line().append("  ").styled(Screen.DIM,
        String.format("%-21s %-14s %-14s", "namespace", "host", "lab")).toAttributedString());
    int shared = 0;
    boolean forChildren = false;
    for (Namespace n : Namespace.values()) {
      long h = host.get(n), l = lab.get(n);
      if (compact && h == l) {
        shared++;
        continue;
      }
      boolean children = !n.procEntryForChildren().equals(n.id);
      forChildren |= children;
      AttributedStringBuilder row = Screen.line().append("  ")
          .append(String.format("%-21s %-14s ", children ? n.id + " (for children)" : n.id, inode(h)));
      if (h == l) {
        row.styled(Screen.DIM, String.format("%-14s", inode(l)));
      } else {
        row.styled(Screen.CHANGED, String.format("%-14s", inode(l)));
        boolean justNow = before != null && !before.get(n).equals(l);
        row.styled(Screen.CHANGED, justNow ? " ◆ new in this step" : " ◆ the lab's own");
      }
      screen.println(row.toAttributedString());
    }
    if (shared > 0) {
      screen.println(Screen.DIM, "  the other " + shared + ": shared with the host");
    }
    if (forChildren) {
      screen.println(Screen.DIM, "  (for children): unshare of pid or time moves only the lab's next children");
    }
  }

  private static String inode(long inode) {
    return inode == 0 ? "n/a" : Long.toString(inode);
  }
}
