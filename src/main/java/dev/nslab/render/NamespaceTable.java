package dev.nslab.render;

import dev.nslab.lab.HostObserver;
import dev.nslab.lab.Namespace;
import java.util.Map;
import org.jline.utils.AttributedStringBuilder;

/**
 * All eight namespace types: the host's inode, the lab's, and a marker where they differ. The lab's
 * pid and time rows are its {@code pid_for_children} and {@code time_for_children}: unshare of
 * those two moves only the children the lab starts next (pid_namespaces(7), time_namespaces(7)), so
 * the rows say "for children" and a line under the table says why. Unprivileged, the host column is
 * the initial namespaces ({@link HostObserver}), and nslab's own user namespace is named as such.
 */
public final class NamespaceTable {
  private NamespaceTable() {}

  /**
   * @param before the lab's namespaces before the step, to mark what this step changed; may be null
   *     to mark only what differs from the host
   */
  public static void print(
      Screen screen,
      Map<Namespace, Long> host,
      Map<Namespace, Long> before,
      Map<Namespace, Long> lab) {
    print(screen, host, before, lab, false);
  }

  /**
   * @param compact only the rows where the lab is apart from the host (present's screens are short)
   */
  public static void print(
      Screen screen,
      Map<Namespace, Long> host,
      Map<Namespace, Long> before,
      Map<Namespace, Long> lab,
      boolean compact) {
    print(screen, host, HostObserver.initialNamespaces().orElse(host), before, lab, compact);
  }

  /**
   * @param own the namespaces nslab runs in, which a lab starts with
   * @param host the host's, as the learner sees them: unprivileged, nslab re-entered itself in a
   *     user namespace of its own, so host and own differ in user and that row says whose it is
   */
  static void print(
      Screen screen,
      Map<Namespace, Long> own,
      Map<Namespace, Long> host,
      Map<Namespace, Long> before,
      Map<Namespace, Long> lab,
      boolean compact) {
    boolean nslabsOwn = false;
    for (Namespace n : Namespace.values())
      nslabsOwn |= !host.get(n).equals(own.get(n)) && own.get(n).equals(lab.get(n));
    if (compact && own.equals(lab)) {
      screen.println(
          Screen.DIM,
          "  namespaces: all "
              + Namespace.values().length
              + " shared with the host"
              + (nslabsOwn ? ", but user: nslab's own" : ""));
      return;
    }
    screen.println(
        Screen.line()
            .append("  ")
            .styled(Screen.DIM, String.format("%-21s %-14s %-14s", "namespace", "host", "lab"))
            .toAttributedString());
    int shared = 0;
    boolean forChildren = false;
    for (Namespace n : Namespace.values()) {
      long h = host.get(n), l = lab.get(n);
      boolean ownNotLabs = h != l && own.get(n) == l;
      if (compact && (h == l || ownNotLabs)) {
        shared++;
        continue;
      }
      boolean children = !n.procEntryForChildren().equals(n.id);
      forChildren |= children;
      AttributedStringBuilder row =
          Screen.line()
              .append("  ")
              .append(
                  String.format(
                      "%-21s %-14s ", children ? n.id + " (for children)" : n.id, inode(h)));
      if (h == l) {
        row.styled(Screen.DIM, String.format("%-14s", inode(l)));
      } else if (ownNotLabs) {
        row.styled(Screen.DIM, String.format("%-14s", inode(l)) + " ◆ nslab's own");
      } else {
        row.styled(Screen.CHANGED, String.format("%-14s", inode(l)));
        boolean justNow = before != null && !before.get(n).equals(l);
        row.styled(Screen.CHANGED, justNow ? " ◆ new in this step" : " ◆ the lab's own");
      }
      screen.println(row.toAttributedString());
    }
    if (shared > 0) {
      screen.println(
          Screen.DIM,
          "  the other "
              + shared
              + ": shared with the host"
              + (nslabsOwn ? ", but user: nslab's own" : ""));
    }
    if (forChildren) {
      screen.println(
          Screen.DIM,
          "  (for children): unshare of pid or time moves only the lab's next children");
    }
    if (nslabsOwn && !compact) {
      screen.println(
          Screen.DIM, "  nslab's own: unprivileged, nslab runs in a user namespace of its own");
    }
  }

  private static String inode(long inode) {
    return inode == 0 ? "n/a" : Long.toString(inode);
  }
}
