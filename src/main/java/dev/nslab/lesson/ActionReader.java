package dev.nslab.lesson;

import dev.nslab.lab.MountFlags;
import dev.nslab.lab.Namespace;
import dev.nslab.lesson.YamlTree.Entry;
import dev.nslab.lesson.YamlTree.ListNode;
import dev.nslab.lesson.YamlTree.MapNode;
import dev.nslab.lesson.YamlTree.Node;
import dev.nslab.lesson.YamlTree.Scalar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one action: a one-key map whose key names an {@link Action.Kind}. The switch over the kind
 * has no default, so a kind without a reader does not compile. Every action read is kept with where
 * it stands, for the guard preview.
 */
final class ActionReader {
  private final YamlFields f;
  private final List<GuardPreview.Placed> placed = new ArrayList<>();

  ActionReader(YamlFields fields) {
    this.f = fields;
  }

  List<GuardPreview.Placed> placed() {
    return placed;
  }

  Action read(Node node, String path) {
    Action a = readKind(node, path);
    if (a != null)
      placed.add(new GuardPreview.Placed(a, path, node.loc().line(), node.loc().column()));
    return a;
  }

  private Action readKind(Node node, String path) {
    Entry e = f.single(node, path, "action", Action.names());
    if (e == null) return null;
    String p = path + "." + e.key();
    Node v = e.value();
    return switch (Action.Kind.byYaml(e.key()).orElseThrow()) {
      case UNSHARE -> new Action.Unshare(f.namespaces(v, p, false));
      case SETHOSTNAME -> sethostname(v, p);
      case MOUNT -> mount(v, p);
      case UMOUNT2 -> umount2(v, p);
      case PIVOT_ROOT -> pivotRoot(v, p);
      case CHDIR -> new MountAction.Chdir(f.text(v, p));
      case CHROOT -> new MountAction.Chroot(f.text(v, p));
      case MKDIR -> new Action.Mkdir(f.text(v, p));
      case RUN -> v instanceof MapNode m ? runThatFails(m, p) : new Action.Run(f.text(v, p), false);
      case LINK_UP -> new NetAction.LinkUp(f.text(v, p));
      case LINK_ADD -> NetActionReader.linkAdd(f, v, p);
      case LINK_SET -> NetActionReader.linkSet(f, v, p);
      case ADDR_ADD -> NetActionReader.addrAdd(f, v, p);
      case ADDR_FLUSH -> NetActionReader.addrFlush(f, v, p);
      case MQ_OPEN -> mqOpen(v, p);
      case CGROUP -> cgroup(v, p);
      case CLONE -> clone(v, p);
      case SETNS -> setns(v, p);
      case PIN -> pin(v, p);
      case PROC -> new MountAction.Proc(f.text(v, p));
      case WRITE -> write(v, p);
      case MSGGET -> msgget(v, p);
      case SHMGET -> shmget(v, p);
      case SEMGET -> semget(v, p);
      case KILL -> kill(v, p);
    };
  }

  private Action sethostname(Node v, String p) {
    String name = f.text(v, p);
    if (name != null && name.getBytes(StandardCharsets.UTF_8).length > 64) {
      f.add(v.loc(), p + ": a hostname is at most 64 bytes");
    }
    return new Action.Sethostname(name);
  }

  private Action mount(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("source", "target", "fstype", "flags", "data"));
    List<String> flags = f.items(m, p, "flags", this::mountFlag);
    return new MountAction.Mount(
        f.string(m, p, "source", false),
        f.string(m, p, "target", true),
        f.string(m, p, "fstype", false),
        flags,
        f.string(m, p, "data", false));
  }

  private String mountFlag(Node n, String path) {
    String flag = f.text(n, path);
    if (flag != null && MountFlags.byName(flag).isEmpty()) {
      f.add(
          n.loc(),
          path
              + ": unknown mount flag '"
              + flag
              + "'; known: "
              + String.join(
                  ", ",
                  MountFlags.names().stream().map(s -> s.substring(3).toLowerCase()).toList()));
    }
    return flag;
  }

  /** Either a target, or {target, detach}. */
  private Action umount2(Node v, String p) {
    if (v instanceof Scalar) return new MountAction.Umount2(f.text(v, p), false);
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("target", "detach"));
    return new MountAction.Umount2(f.string(m, p, "target", true), f.bool(m, p, "detach"));
  }

  private Action pivotRoot(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("new_root", "put_old"));
    return new MountAction.PivotRoot(
        f.string(m, p, "new_root", true), f.string(m, p, "put_old", true));
  }

  private Action mqOpen(Node v, String p) {
    String q = f.text(v, p);
    if (q != null && !q.matches("/[^/]{1,254}")) {
      f.add(v.loc(), p + ": a POSIX queue name is one '/' and a name, like /nslab-queue");
    }
    return new IpcAction.MqOpen(q);
  }

  private Action cgroup(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("pids.max", "memory.max", "join", "leave"));
    Map<String, String> limits = new LinkedHashMap<>();
    boolean join = f.bool(m, p, "join"), leave = f.bool(m, p, "leave");
    if (join && leave) f.add(m.loc(), p + ": join or leave, not both");
    for (String k : m.entries().keySet()) {
      if (k.equals("join") || k.equals("leave")) continue;
      String value = f.string(m, p, k, true);
      if (value != null) limits.put(k, value);
    }
    if (limits.isEmpty() && !join && !leave) {
      f.add(
          m.loc(),
          p + ": name at least one limit (pids.max or memory.max), or join: true, or leave: true");
    }
    return new Action.Cgroup(limits, join, leave);
  }

  /** Either the namespaces the child holds for the lab, or {namespaces, run}. */
  private Action clone(Node v, String p) {
    if (v instanceof ListNode) {
      List<Namespace> ns = f.namespaces(v, p, false);
      if (!ns.contains(Namespace.USER)) {
        f.add(
            v.loc(),
            p
                + ": a clone that holds the lab's namespaces makes a user namespace too: list user among them, "
                + "or give the child a command: {namespaces: [...], run: COMMAND}");
      }
      return new Action.Clone(ns, null);
    }
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("namespaces", "run"));
    return new Action.Clone(requiredNamespaces(m, p), f.string(m, p, "run", true));
  }

  private Action setns(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("from", "namespaces"));
    String from = f.string(m, p, "from", true);
    Action.NsSource source = null;
    if (from != null && from.startsWith("/")) source = new Action.NsSource(null, from);
    else if (from != null && Action.NsSource.PROCESSES.contains(from))
      source = new Action.NsSource(from, null);
    else if (from != null)
      f.add(
          YamlFields.valueLoc(m, "from"),
          p
              + ".from: '"
              + from
              + "' is neither a lab process ("
              + String.join(", ", Action.NsSource.PROCESSES)
              + ") nor a pinned file's path");
    List<Namespace> ns = requiredNamespaces(m, p);
    if (source != null && source.path() != null && ns.size() != 1) {
      f.add(m.loc(), p + ": a pinned file holds one namespace: name exactly one");
    }
    return new Action.Setns(source, ns);
  }

  private List<Namespace> requiredNamespaces(MapNode m, String p) {
    Entry nsEntry = m.entries().get("namespaces");
    if (nsEntry == null) f.add(m.loc(), p + ": missing required key 'namespaces'");
    return nsEntry == null ? List.of() : f.namespaces(nsEntry.value(), p + ".namespaces", false);
  }

  private Action pin(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("namespace", "of", "at"));
    String id = f.string(m, p, "namespace", true);
    Namespace ns = id == null ? null : Namespace.byId(id).orElse(null);
    if (id != null && ns == null) {
      f.add(YamlFields.valueLoc(m, "namespace"), p + ".namespace: unknown namespace '" + id + "'");
    }
    String of = YamlFields.has(m, "of") ? f.string(m, p, "of", true) : "lab";
    if (of != null && !Action.NsSource.PROCESSES.contains(of)) {
      f.add(
          YamlFields.valueLoc(m, "of"),
          p
              + ".of: '"
              + of
              + "' is not a lab process: "
              + String.join(", ", Action.NsSource.PROCESSES));
    }
    return new MountAction.Pin(ns, of, f.string(m, p, "at", true));
  }

  private Action write(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("path", "data"));
    return new Action.Write(f.string(m, p, "path", true), f.string(m, p, "data", true));
  }

  private Action msgget(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("key"));
    return new IpcAction.Msgget(f.integer(m, p, "key", 0));
  }

  private Action shmget(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("key", "size"));
    return new IpcAction.Shmget(f.integer(m, p, "key", 0), f.integer(m, p, "size", 4096));
  }

  private Action semget(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("key", "count"));
    return new IpcAction.Semget(f.integer(m, p, "key", 0), f.integer(m, p, "count", 1));
  }

  private Action kill(Node v, String p) {
    String target = f.text(v, p);
    if (target != null && !target.equals("init"))
      f.add(v.loc(), p + ": only 'init' (the lab's PID 1) can be killed");
    return new Action.Kill(target);
  }

  /** {@code run: {command, fails: true}}: a command run to be seen failing. */
  private Action.Run runThatFails(MapNode m, String path) {
    f.keys(m, path, Set.of("command", "fails"));
    return new Action.Run(f.string(m, path, "command", true), f.bool(m, path, "fails"));
  }
}
