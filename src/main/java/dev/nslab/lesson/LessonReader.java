package dev.nslab.lesson;

import dev.nslab.lab.MountFlags;
import dev.nslab.lab.Namespace;
import dev.nslab.lesson.YamlTree.Entry;
import dev.nslab.lesson.YamlTree.Kind;
import dev.nslab.lesson.YamlTree.ListNode;
import dev.nslab.lesson.YamlTree.Loc;
import dev.nslab.lesson.YamlTree.MapNode;
import dev.nslab.lesson.YamlTree.Node;
import dev.nslab.lesson.YamlTree.Scalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a lesson file strictly: unknown or duplicate keys, wrong types, unknown actions or
 * namespaces, missing fields, duplicate step ids and unknown ${...} names are all problems, each
 * with line, column and the path of the field. A file with any problem yields no lesson.
 */
public final class LessonReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)}");
  private static final List<String> KNOWN_VARS = Var.names();

  private final Path file;
  private final List<LessonProblem> problems = new ArrayList<>();
  /** Every action read, with where it stands, for the guard preview. */
  private final List<GuardPreview.Placed> placed = new ArrayList<>();

  private LessonReader(Path file) {
    this.file = file;
  }

  public static Lesson read(Path file) throws LessonFileException {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) throw problem(file, "this is a directory, not a lesson file");
      if (!Files.isRegularFile(file)) throw problem(file, "this is not a regular file (a device, a pipe?): a lesson is a YAML file");
      if (Files.size(file) > YamlTree.MAX_BYTES) {
        throw problem(file, "the file is " + Files.size(file) / 1024 + " KiB; a lesson file may be at most "
            + YamlTree.MAX_BYTES / 1024 + " KiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw problem(file, "cannot read it: " + e.getMessage());
    }
    return parse(file, bytes);
  }

  /**
   * The actions of a valid lesson that nslab's guards would refuse, each at LINE:COL (see
   * {@link GuardPreview}); what `nslab check` adds to reading. Empty for a lesson that plays.
   */
  public static List<LessonProblem> guardPreview(Path file) throws LessonFileException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw problem(file, "cannot read it: " + e.getMessage());
    }
    LessonReader reader = new LessonReader(file);
    try {
      reader.lesson(YamlTree.parse(bytes, new ArrayList<>()));
    } catch (YamlTree.SyntaxError e) {
      return List.of();
    }
    return GuardPreview.of(file, reader.placed);
  }

  public static Lesson parse(Path file, String yaml) throws LessonFileException {
    return parse(file, yaml.getBytes(StandardCharsets.UTF_8));
  }

  static Lesson parse(Path file, byte[] bytes) throws LessonFileException {
    LessonReader reader = new LessonReader(file);
    List<YamlTree.SyntaxError> duplicates = new ArrayList<>();
    Node root;
    try {
      root = YamlTree.parse(bytes, duplicates);
    } catch (YamlTree.SyntaxError e) {
      throw new LessonFileException(List.of(new LessonProblem(file, e.loc.line(), e.loc.column(), e.getMessage())));
    }
    for (YamlTree.SyntaxError d : duplicates) reader.add(d.loc, d.getMessage());
    Lesson lesson = reader.lesson(root);
    if (!reader.problems.isEmpty()) throw new LessonFileException(reader.problems);
    return lesson;
  }

  private static LessonFileException problem(Path file, String message) {
    return new LessonFileException(List.of(new LessonProblem(file, 1, 1, message)));
  }

  // ---- the lesson ----

  private Lesson lesson(Node root) {
    MapNode m = map(root, "the lesson");
    if (m == null) return null;
    keys(m, "", Set.of("id", "title", "summary", "order", "needs", "steps"));
    String id = string(m, "", "id", true);
    if (id != null && !ID.matcher(id).matches()) {
      add(m.entries().get("id").value().loc(), "id: '" + id + "' must be lower-case letters, digits and dashes");
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (id != null && ID.matcher(id).matches() && !id.equals(stem)) {
      add(m.entries().get("id").value().loc(), "id: '" + id + "' must match the file name (" + stem + ".yaml)");
    }
    String title = string(m, "", "title", true);
    String summary = string(m, "", "summary", true);
    int order = integer(m, "", "order", 100);
    Needs needs = Needs.ROOT;
    String needsText = string(m, "", "needs", false);
    if (needsText != null) {
      Needs named = Needs.byYaml(needsText);
      if (named != null) needs = named;
      else add(m.entries().get("needs").value().loc(), "needs: '" + needsText + "' is not one of: "
          + String.join(", ", java.util.Arrays.stream(Needs.values()).map(n -> n.yaml).toList()));
    }
    List<Step> steps = new ArrayList<>();
    ListNode list = list(m, "", "steps", true);
    if (list != null) {
      if (list.items().isEmpty()) add(list.loc(), "steps: a lesson needs at least one step");
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.items().size(); i++) {
        Step s = step(list.items().get(i), "steps[" + i + "]", ids);
        if (s != null) steps.add(s);
      }
    }
    return new Lesson(id, title, summary, order, needs, List.copyOf(steps), file);
  }

  private Step step(Node node, String path, Set<String> ids) {
    MapNode m = map(node, path);
    if (m == null) return null;
    keys(m, path, Set.of("id", "title", "narration", "actions", "show", "expect", "keeps", "task", "code"));
    String id = string(m, path, "id", true);
    if (id != null && !ids.add(id)) {
      add(m.entries().get("id").value().loc(), path + ".id: duplicate step id '" + id + "'");
    }
    String title = string(m, path, "title", true);
    String narration = string(m, path, "narration", true);
    List<Action> actions = items(m, path, "actions", this::action);
    List<String> show = items(m, path, "show", (n, p) -> text(n, p));
    List<Expectation> expect = items(m, path, "expect", this::expectation);
    List<Expectation> keeps = items(m, path, "keeps", this::expectation);
    refusalsTheStepCanMake(m, path, actions, expect);
    Task task = null;
    Entry t = m.entries().get("task");
    if (t != null) task = task(t.value(), path + ".task");
    Code code = null;
    Entry c = m.entries().get("code");
    if (c != null) {
      MapNode cm = map(c.value(), path + ".code");
      if (cm != null) {
        keys(cm, path + ".code", Set.of("c", "shell"));
        code = new Code(string(cm, path + ".code", "c", false), string(cm, path + ".code", "shell", false));
      }
    }
    return new Step(id, title, narration, actions, show, expect, keeps, task, code);
  }

  private Task task(Node node, String path) {
    MapNode m = map(node, path);
    if (m == null) return null;
    keys(m, path, Set.of("prompt", "hints", "solution", "expect", "keeps"));
    String prompt = string(m, path, "prompt", true);
    List<String> hints = items(m, path, "hints", (n, p) -> text(n, p));
    String solution = string(m, path, "solution", true);
    if (!m.entries().containsKey("expect")) add(m.loc(), path + ": missing 'expect': a learner's turn is checked from the kernel");
    List<Expectation> expect = items(m, path, "expect", this::expectation);
    return new Task(prompt, hints, solution, expect, items(m, path, "keeps", this::expectation));
  }

  // ---- actions ----

  private Action action(Node node, String path) {
    Action a = readAction(node, path);
    if (a != null) placed.add(new GuardPreview.Placed(a, path, node.loc().line(), node.loc().column()));
    return a;
  }

  private Action readAction(Node node, String path) {
    Entry e = single(node, path, "action", Action.names());
    if (e == null) return null;
    String p = path + "." + e.key();
    Node v = e.value();
    return switch (Action.Kind.byYaml(e.key()).orElseThrow()) {
      case UNSHARE -> new Action.Unshare(namespaces(v, p, false));
      case SETHOSTNAME -> {
        String name = text(v, p);
        if (name != null && name.getBytes(StandardCharsets.UTF_8).length > 64) {
          add(v.loc(), p + ": a hostname is at most 64 bytes");
        }
        yield new Action.Sethostname(name);
      }
      case MOUNT -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("source", "target", "fstype", "flags", "data"));
        List<String> flags = items(m, p, "flags", (n, fp) -> mountFlag(n, fp));
        yield new Action.Mount(string(m, p, "source", false), string(m, p, "target", true),
            string(m, p, "fstype", false), flags, string(m, p, "data", false));
      }
      case UMOUNT2 -> {
        if (v instanceof Scalar) yield new Action.Umount2(text(v, p), false);
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("target", "detach"));
        yield new Action.Umount2(string(m, p, "target", true), bool(m, p, "detach"));
      }
      case PIVOT_ROOT -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("new_root", "put_old"));
        yield new Action.PivotRoot(string(m, p, "new_root", true), string(m, p, "put_old", true));
      }
      case CHDIR -> new Action.Chdir(text(v, p));
      case CHROOT -> new Action.Chroot(text(v, p));
      case MKDIR -> new Action.Mkdir(text(v, p));
      case RUN -> v instanceof MapNode m ? runThatFails(m, p) : new Action.Run(text(v, p), false);
      case LINK_UP -> new Action.LinkUp(text(v, p));
      case LINK_ADD -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("veth", "bridge", "in", "peer_in"));
        Action.NetPlace in = place(m, p, "in"), peerIn = place(m, p, "peer_in");
        if (m.entries().containsKey("veth") == m.entries().containsKey("bridge")) {
          add(m.loc(), p + ": name either veth: [NAME, PEER] or bridge: NAME");
          yield null;
        }
        if (m.entries().containsKey("bridge")) {
          if (m.entries().containsKey("peer_in")) add(m.loc(), p + ": peer_in is for a veth pair, a bridge has no peer");
          yield new Action.LinkAdd(string(m, p, "bridge", true), null, in, in);
        }
        List<String> ends = listOf(m.entries().get("veth").value(), p + ".veth", this::text);
        if (ends.size() != 2) {
          add(m.entries().get("veth").value().loc(), p + ".veth: a veth pair has two ends: [NAME, PEER]");
          yield null;
        }
        yield new Action.LinkAdd(ends.get(0), ends.get(1), in, m.entries().containsKey("peer_in") ? peerIn : in);
      }
      case LINK_SET -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("dev", "up", "master", "in"));
        Boolean up = m.entries().containsKey("up") ? bool(m, p, "up") : null;
        String master = string(m, p, "master", false);
        if (up == null && master == null) add(m.loc(), p + ": say what to set: up: true|false, master: BRIDGE (or none)");
        yield new Action.LinkSet(string(m, p, "dev", true), up, master, place(m, p, "in"));
      }
      case ADDR_ADD -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("dev", "cidr", "in"));
        String cidr = string(m, p, "cidr", true);
        if (cidr != null && !cidr.contains("${") && !cidr.matches("[0-9a-fA-F:.]+/\\d{1,3}")) {
          add(m.entries().get("cidr").value().loc(), p + ".cidr: '" + cidr + "' is not an address with its prefix, like 10.0.0.1/24");
        }
        yield new Action.AddrAdd(string(m, p, "dev", true), cidr, place(m, p, "in"));
      }
      case ADDR_FLUSH -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("dev", "in"));
        yield new Action.AddrFlush(string(m, p, "dev", true), place(m, p, "in"));
      }
      case MQ_OPEN -> {
        String q = text(v, p);
        if (q != null && !q.matches("/[^/]{1,254}")) add(v.loc(), p + ": a POSIX queue name is one '/' and a name, like /nslab-queue");
        yield new Action.MqOpen(q);
      }
      case CGROUP -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("pids.max", "memory.max", "join", "leave"));
        java.util.Map<String, String> limits = new java.util.LinkedHashMap<>();
        boolean join = bool(m, p, "join"), leave = bool(m, p, "leave");
        if (join && leave) add(m.loc(), p + ": join or leave, not both");
        for (String k : m.entries().keySet()) {
          if (k.equals("join") || k.equals("leave")) continue;
          String value = string(m, p, k, true);
          if (value != null) limits.put(k, value);
        }
        if (limits.isEmpty() && !join && !leave) {
          add(m.loc(), p + ": name at least one limit (pids.max or memory.max), or join: true, or leave: true");
        }
        yield new Action.Cgroup(limits, join, leave);
      }
      case CLONE -> {
        if (v instanceof ListNode) {
          List<Namespace> ns = namespaces(v, p, false);
          if (!ns.contains(Namespace.USER)) {
            add(v.loc(), p + ": a clone that holds the lab's namespaces makes a user namespace too: list user among them, "
                + "or give the child a command: {namespaces: [...], run: COMMAND}");
          }
          yield new Action.Clone(ns, null);
        }
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("namespaces", "run"));
        Entry nsEntry = m.entries().get("namespaces");
        if (nsEntry == null) add(m.loc(), p + ": missing required key 'namespaces'");
        List<Namespace> ns = nsEntry == null ? List.of() : namespaces(nsEntry.value(), p + ".namespaces", false);
        yield new Action.Clone(ns, string(m, p, "run", true));
      }
      case SETNS -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("from", "namespaces"));
        String from = string(m, p, "from", true);
        Action.NsSource source = null;
        if (from != null && from.startsWith("/")) source = new Action.NsSource(null, from);
        else if (from != null && Action.NsSource.PROCESSES.contains(from)) source = new Action.NsSource(from, null);
        else if (from != null) add(m.entries().get("from").value().loc(), p + ".from: '" + from
            + "' is neither a lab process (" + String.join(", ", Action.NsSource.PROCESSES) + ") nor a pinned file's path");
        Entry nsEntry = m.entries().get("namespaces");
        if (nsEntry == null) add(m.loc(), p + ": missing required key 'namespaces'");
        List<Namespace> ns = nsEntry == null ? List.of() : namespaces(nsEntry.value(), p + ".namespaces", false);
        if (source != null && source.path() != null && ns.size() != 1) {
          add(m.loc(), p + ": a pinned file holds one namespace: name exactly one");
        }
        yield new Action.Setns(source, ns);
      }
      case PIN -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("namespace", "of", "at"));
        String id = string(m, p, "namespace", true);
        Namespace ns = id == null ? null : Namespace.byId(id).orElse(null);
        if (id != null && ns == null) add(m.entries().get("namespace").value().loc(), p + ".namespace: unknown namespace '" + id + "'");
        String of = m.entries().containsKey("of") ? string(m, p, "of", true) : "lab";
        if (of != null && !Action.NsSource.PROCESSES.contains(of)) {
          add(m.entries().get("of").value().loc(), p + ".of: '" + of + "' is not a lab process: " + String.join(", ", Action.NsSource.PROCESSES));
        }
        yield new Action.Pin(ns, of, string(m, p, "at", true));
      }
      case PROC -> new Action.Proc(text(v, p));
      case WRITE -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("path", "data"));
        yield new Action.Write(string(m, p, "path", true), string(m, p, "data", true));
      }
      case MSGGET -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("key"));
        yield new Action.Msgget(integer(m, p, "key", 0));
      }
      case SHMGET -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("key", "size"));
        yield new Action.Shmget(integer(m, p, "key", 0), integer(m, p, "size", 4096));
      }
      case SEMGET -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("key", "count"));
        yield new Action.Semget(integer(m, p, "key", 0), integer(m, p, "count", 1));
      }
      case KILL -> {
        String target = text(v, p);
        if (target != null && !target.equals("init")) add(v.loc(), p + ": only 'init' (the lab's PID 1) can be killed");
        yield new Action.Kill(target);
      }
    };
  }

  /** Where a network action works: lab (the default) or init. */
  private Action.NetPlace place(MapNode m, String path, String key) {
    String text = string(m, path, key, false);
    if (text == null) return Action.NetPlace.LAB;
    for (Action.NetPlace place : Action.NetPlace.values()) if (place.yaml.equals(text)) return place;
    add(m.entries().get(key).value().loc(), path + "." + key + ": '" + text
        + "' is not a network namespace nslab knows: lab (the lab's own) or init (its PID 1's)");
    return Action.NetPlace.LAB;
  }

  /** A `refused` naming a call no action of the step makes can never hold: say so where it stands. */
  private void refusalsTheStepCanMake(MapNode step, String path, List<Action> actions, List<Expectation> expect) {
    Set<String> made = new HashSet<>();
    for (Action a : actions) made.addAll(a.kind().syscalls());
    Entry e = step.entries().get("expect");
    for (int i = 0; i < expect.size(); i++) {
      if (!(expect.get(i) instanceof Expectation.Refused r) || r.call() == null || made.contains(r.call())) continue;
      Loc at = e.value() instanceof ListNode l && i < l.items().size() ? l.items().get(i).loc() : e.value().loc();
      add(at, path + ".expect[" + i + "].refused: no action of this step makes " + r.call() + " (they make: "
          + (made.isEmpty() ? "no syscall" : String.join(", ", new java.util.TreeSet<>(made))) + "), so this could never hold");
    }
  }

  /** The learner's sentence for a command check; required where the command reads as shell (ClaimRule). */
  private String claim(MapNode m, String path) {
    String claim = string(m, path, "claim", false);
    Entry run = m.entries().get("run");
    if (run != null && run.value() instanceof Scalar s) {
      ClaimRule.missing(s.text(), claim).ifPresent(why -> add(run.value().loc(), path + ".run: " + why));
    }
    return claim;
  }

  /** Output is compared trimmed: an `equals` with spaces at its ends could never match. */
  private String trimmedEquals(MapNode m, String path) {
    String equals = string(m, path, "equals", true);
    if (equals != null && !equals.equals(equals.strip())) {
      add(m.entries().get("equals").value().loc(), path + ".equals: '" + equals.replace("\n", "\\n")
          + "' has spaces or line breaks at its start or end, but output is compared trimmed: it could never match");
    }
    return equals;
  }

  private String mountFlag(Node n, String path) {
    String f = text(n, path);
    if (f != null && MountFlags.byName(f).isEmpty()) {
      add(n.loc(), path + ": unknown mount flag '" + f + "'; known: "
          + String.join(", ", MountFlags.names().stream().map(s -> s.substring(3).toLowerCase()).toList()));
    }
    return f;
  }

  /** {@code run: {command, fails: true}}: a command run to be seen failing. */
  private Action.Run runThatFails(MapNode m, String path) {
    keys(m, path, Set.of("command", "fails"));
    return new Action.Run(string(m, path, "command", true), bool(m, path, "fails"));
  }

  // ---- expectations ----

  private Expectation expectation(Node node, String path) {
    Entry e = single(node, path, "expectation", Expectation.names());
    if (e == null) return null;
    String p = path + "." + e.key();
    Node v = e.value();
    return switch (Expectation.Kind.byYaml(e.key()).orElseThrow()) {
      case NS_CHANGED -> new Expectation.NsChanged(namespaces(v, p, false));
      case NS_SAME -> new Expectation.NsSame(namespaces(v, p, false));
      case NS_ONLY_CHANGED -> new Expectation.NsOnlyChanged(namespaces(v, p, true));
      case HOSTNAME -> new Expectation.Hostname(text(v, p));
      case HOSTNAME_NOT -> new Expectation.HostnameNot(listOf(v, p, this::text));
      case HOST_HOSTNAME -> new Expectation.HostHostname(text(v, p));
      case OUTPUT -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("run", "equals", "claim"));
        yield new Expectation.Output(string(m, p, "run", true), trimmedEquals(m, p), claim(m, p));
      }
      case HOST_OUTPUT -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("run", "equals", "claim"));
        yield new Expectation.HostOutput(string(m, p, "run", true), trimmedEquals(m, p), claim(m, p));
      }
      case EXITS -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("run", "code", "claim"));
        yield new Expectation.Exits(string(m, p, "run", true), integer(m, p, "code", 0), claim(m, p));
      }
      case PRINTED -> new Expectation.Printed(text(v, p));
      case REFUSED -> {
        MapNode m = map(v, p);
        if (m == null) yield null;
        keys(m, p, Set.of("call", "errno"));
        String errno = string(m, p, "errno", true);
        if (errno != null && !errno.matches("E[A-Z]+")) add(m.entries().get("errno").value().loc(), p + ".errno: '" + errno + "' is not an errno name like EPERM");
        yield new Expectation.Refused(string(m, p, "call", true), errno);
      }
    };
  }

  // ---- shapes ----

  private List<Namespace> namespaces(Node v, String path, boolean mayBeEmpty) {
    List<Namespace> out = new ArrayList<>();
    ListNode l = v instanceof ListNode ln ? ln : null;
    if (l == null) {
      add(v.loc(), path + ": expected a list of namespaces like [uts, pid], found " + v.describe());
      return out;
    }
    if (l.items().isEmpty() && !mayBeEmpty) add(l.loc(), path + ": name at least one namespace");
    for (int i = 0; i < l.items().size(); i++) {
      Node item = l.items().get(i);
      String itemPath = path + "[" + i + "]";
      String id = text(item, itemPath);
      if (id == null) continue;
      Namespace.byId(id).ifPresentOrElse(out::add, () -> add(item.loc(), itemPath + ": unknown namespace '"
          + id + "'" + suggestion(id, Namespace.ids()) + "; known: " + String.join(", ", Namespace.ids())));
    }
    return out;
  }

  private Entry single(Node node, String path, String what, List<String> known) {
    MapNode m = node instanceof MapNode mn ? mn : null;
    if (m == null || m.entries().size() != 1) {
      add(node.loc(), path + ": an " + what + " is a one-key map like '- " + known.get(0)
          + ": ...', found " + (m == null ? node.describe() : "a map with " + m.entries().size() + " keys"));
      return null;
    }
    Entry e = m.entries().values().iterator().next();
    if (!known.contains(e.key())) {
      add(e.keyLoc(), path + ": unknown " + what + " '" + e.key() + "'" + suggestion(e.key(), known)
          + "; known: " + String.join(", ", known));
      return null;
    }
    return e;
  }

  private <T> List<T> items(MapNode m, String path, String key, ItemReader<T> reader) {
    Entry e = m.entries().get(key);
    if (e == null) return List.of();
    return listOf(e.value(), path.isEmpty() ? key : path + "." + key, reader);
  }

  private <T> List<T> listOf(Node v, String path, ItemReader<T> reader) {
    if (!(v instanceof ListNode l)) {
      add(v.loc(), path + ": expected a list, found " + v.describe());
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < l.items().size(); i++) {
      T item = reader.read(l.items().get(i), path + "[" + i + "]");
      if (item != null) out.add(item);
    }
    return List.copyOf(out);
  }

  private interface ItemReader<T> {
    T read(Node node, String path);
  }

  private void keys(MapNode m, String path, Set<String> allowed) {
    for (Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        List<String> sorted = allowed.stream().sorted().toList();
        add(e.keyLoc(), (path.isEmpty() ? "" : path + ": ") + "unknown key '" + e.key() + "'"
            + suggestion(e.key(), sorted) + "; allowed here: " + String.join(", ", sorted));
      }
    }
  }

  private MapNode map(Node n, String path) {
    if (n instanceof MapNode m) return m;
    add(n.loc(), path + ": expected a map of keys, found " + n.describe());
    return null;
  }

  private String string(MapNode m, String path, String key, boolean required) {
    Entry e = m.entries().get(key);
    String p = path.isEmpty() ? key : path + "." + key;
    if (e == null) {
      if (required) add(m.loc(), (path.isEmpty() ? "" : path + ": ") + "missing required key '" + key + "'");
      return null;
    }
    return text(e.value(), p);
  }

  private String text(Node n, String path) {
    if (n instanceof Scalar s && s.kind() == Kind.STRING) {
      checkVars(s, path);
      checkControls(s, path);
      if (s.text().equals("~")) add(s.loc(), path + ": '~' is how YAML writes null, not text: write the text you mean");
      return s.text();
    }
    add(n.loc(), path + ": expected text, found " + n.describe()
        + (n instanceof Scalar s && s.kind() != Kind.NULL ? " (quote it to make it text)" : ""));
    return null;
  }

  /** Text reaches the learner's terminal: an escape sequence in a lesson could clear it or write the clipboard. */
  private void checkControls(Scalar s, String path) {
    s.text().codePoints().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c < 0xa0).findFirst()
        .ifPresent(c -> add(s.loc(), path + ": control character U+" + String.format("%04X", c)
            + " in text; lessons may hold text, line breaks and tabs, nothing the terminal would obey"));
  }

  private void checkVars(Scalar s, String path) {
    Matcher m = VAR.matcher(s.text());
    while (m.find()) {
      if (!KNOWN_VARS.contains(m.group(1))) {
        add(s.loc(), path + ": unknown variable ${" + m.group(1) + "}; known: "
            + String.join(", ", KNOWN_VARS.stream().map(v -> "${" + v + "}").toList()));
      }
    }
  }

  private int integer(MapNode m, String path, String key, int fallback) {
    Entry e = m.entries().get(key);
    if (e == null) return fallback;
    if (e.value() instanceof Scalar s && s.kind() == Kind.NUMBER && s.text().matches("-?\\d{1,9}")) {
      return Integer.parseInt(s.text());
    }
    add(e.value().loc(), (path.isEmpty() ? "" : path + ".") + key + ": expected a whole number, found "
        + e.value().describe());
    return fallback;
  }

  private boolean bool(MapNode m, String path, String key) {
    Entry e = m.entries().get(key);
    if (e == null) return false;
    if (e.value() instanceof Scalar s && s.kind() == Kind.BOOLEAN) return Boolean.parseBoolean(s.text());
    add(e.value().loc(), path + "." + key + ": expected true or false, found " + e.value().describe());
    return false;
  }

  private ListNode list(MapNode m, String path, String key, boolean required) {
    Entry e = m.entries().get(key);
    if (e == null) {
      if (required) add(m.loc(), (path.isEmpty() ? "" : path + ": ") + "missing required key '" + key + "'");
      return null;
    }
    if (e.value() instanceof ListNode l) return l;
    add(e.value().loc(), (path.isEmpty() ? "" : path + ".") + key + ": expected a list, found " + e.value().describe());
    return null;
  }

  private void add(Loc loc, String message) {
    problems.add(new LessonProblem(file, loc.line(), loc.column(), message));
  }

  /** "; did you mean 'title'?" for a near miss, else nothing. */
  static String suggestion(String word, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = Levenshtein.distance(word, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }
}
