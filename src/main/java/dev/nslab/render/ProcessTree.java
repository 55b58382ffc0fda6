package dev.nslab.render;

import dev.nslab.lab.LabProcess;
import dev.nslab.lab.Namespace;
import java.util.List;
import java.util.Map;

/**
 * {@code tree}: the lab's processes as parent and children, each with its PID on the host and
 * inside its PID namespace, and the namespaces in which it is apart from the host. The lab is a
 * thread, which lsns(8) never lists, so the tree says where its namespaces are.
 */
public final class ProcessTree {
  private ProcessTree() {}

  public static void print(
      Screen screen,
      Map<Namespace, Long> host,
      int jvmPid,
      int labTid,
      Map<Namespace, Long> labThread,
      List<LabProcess> processes) {
    screen.println(
        Screen.line()
            .styled(
                Screen.BOLD,
                String.format(
                    "  %-9s %-8s %-34s %s",
                    "host PID", "lab PID", "process", "apart from the host"))
            .toAttributedString());
    row(screen, String.valueOf(jvmPid), "-", "nslab, lab thread " + labTid, apart(host, labThread));
    List<Integer> pids = processes.stream().map(LabProcess::pid).toList();
    List<LabProcess> roots = processes.stream().filter(p -> !pids.contains(p.ppid())).toList();
    for (int i = 0; i < roots.size(); i++)
      branch(screen, host, processes, roots.get(i), "", i == roots.size() - 1);
    if (processes.isEmpty())
      screen.println(
          Screen.DIM, "  (no process runs in the lab right now, only nslab's lab thread)");
    // lsns(8) reads /proc/PID/ns of processes: namespaces only a thread is in never show there.
    if (!Namespace.apartFrom(host, labThread).isEmpty()) {
      screen.println(
          Screen.DIM,
          "  lsns lists processes only; the thread's: ls -l /proc/"
              + jvmPid
              + "/task/"
              + labTid
              + "/ns");
    }
  }

  private static void branch(
      Screen screen,
      Map<Namespace, Long> host,
      List<LabProcess> all,
      LabProcess p,
      String indent,
      boolean lastChild) {
    String command =
        p.command().length() > 30 - indent.length()
            ? p.command().substring(0, Math.max(8, 29 - indent.length())) + "…"
            : p.command();
    row(
        screen,
        String.valueOf(p.pid()),
        String.valueOf(p.innerPid()),
        indent + (lastChild ? "┗━ " : "┣━ ") + command,
        apart(host, p.namespaces()));
    List<LabProcess> children = all.stream().filter(c -> c.ppid() == p.pid()).toList();
    for (int i = 0; i < children.size(); i++) {
      branch(
          screen,
          host,
          all,
          children.get(i),
          indent + (lastChild ? "   " : "┃  "),
          i == children.size() - 1);
    }
  }

  private static void row(
      Screen screen, String pid, String inner, String process, String namespaces) {
    screen.println(
        Screen.line()
            .append(String.format("  %-9s %-8s ", pid, inner))
            .append(String.format("%-34s ", process))
            .styled(Screen.CHANGED, namespaces)
            .toAttributedString());
  }

  private static String apart(Map<Namespace, Long> host, Map<Namespace, Long> ns) {
    List<String> apart = Namespace.apartFrom(host, ns);
    return apart.isEmpty() ? "(none: all the host's)" : String.join(" ", apart);
  }
}
