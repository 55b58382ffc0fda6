package dev.nslab.lesson;

import dev.nslab.lab.Namespace;
import dev.nslab.lesson.YamlTree.Entry;
import dev.nslab.lesson.YamlTree.Kind;
import dev.nslab.lesson.YamlTree.ListNode;
import dev.nslab.lesson.YamlTree.Loc;
import dev.nslab.lesson.YamlTree.MapNode;
import dev.nslab.lesson.YamlTree.Node;
import dev.nslab.lesson.YamlTree.Scalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The typed fields of one lesson file: each reader returns what it could read and records, at
 * LINE:COL with the field's path, every way the node differs from what was asked. The action,
 * expectation and step readers all collect their problems here, in the order they find them.
 */
final class YamlFields {
  private final Path file;
  private final List<LessonProblem> problems = new ArrayList<>();

  YamlFields(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  List<LessonProblem> problems() {
    return problems;
  }

  void add(Loc loc, String message) {
    problems.add(new LessonProblem(file, loc.line(), loc.column(), message));
  }

  /** Where the value of a key present in the map stands. */
  static Loc valueLoc(MapNode m, String key) {
    return m.entries().get(key).value().loc();
  }

  static boolean has(MapNode m, String key) {
    return m.entries().containsKey(key);
  }

  MapNode map(Node n, String path) {
    if (n instanceof MapNode m) return m;
    add(n.loc(), path + ": expected a map of keys, found " + n.describe());
    return null;
  }

  void keys(MapNode m, String path, Set<String> allowed) {
    for (Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        List<String> sorted = allowed.stream().sorted().toList();
        add(
            e.keyLoc(),
            (path.isEmpty() ? "" : path + ": ")
                + "unknown key '"
                + e.key()
                + "'"
                + suggestion(e.key(), sorted)
                + "; allowed here: "
                + String.join(", ", sorted));
      }
    }
  }

  String string(MapNode m, String path, String key, boolean required) {
    Entry e = m.entries().get(key);
    String p = path.isEmpty() ? key : path + "." + key;
    if (e == null) {
      if (required)
        add(m.loc(), (path.isEmpty() ? "" : path + ": ") + "missing required key '" + key + "'");
      return null;
    }
    return text(e.value(), p);
  }

  /** A text scalar, held to the {@link TextRules} since it reaches the learner's terminal. */
  String text(Node n, String path) {
    if (n instanceof Scalar s && s.kind() == Kind.STRING) {
      for (String problem : TextRules.problems(s.text())) add(s.loc(), path + ": " + problem);
      return s.text();
    }
    add(
        n.loc(),
        path
            + ": expected text, found "
            + n.describe()
            + (n instanceof Scalar s && s.kind() != Kind.NULL
                ? " (quote it to make it text)"
                : ""));
    return null;
  }

  int integer(MapNode m, String path, String key, int fallback) {
    Entry e = m.entries().get(key);
    if (e == null) return fallback;
    if (e.value() instanceof Scalar s
        && s.kind() == Kind.NUMBER
        && s.text().matches("-?\\d{1,9}")) {
      return Integer.parseInt(s.text());
    }
    add(
        e.value().loc(),
        (path.isEmpty() ? "" : path + ".")
            + key
            + ": expected a whole number, found "
            + e.value().describe());
    return fallback;
  }

  boolean bool(MapNode m, String path, String key) {
    Entry e = m.entries().get(key);
    if (e == null) return false;
    if (e.value() instanceof Scalar s && s.kind() == Kind.BOOLEAN)
      return Boolean.parseBoolean(s.text());
    add(
        e.value().loc(),
        path + "." + key + ": expected true or false, found " + e.value().describe());
    return false;
  }

  ListNode list(MapNode m, String path, String key, boolean required) {
    Entry e = m.entries().get(key);
    if (e == null) {
      if (required)
        add(m.loc(), (path.isEmpty() ? "" : path + ": ") + "missing required key '" + key + "'");
      return null;
    }
    if (e.value() instanceof ListNode l) return l;
    add(
        e.value().loc(),
        (path.isEmpty() ? "" : path + ".")
            + key
            + ": expected a list, found "
            + e.value().describe());
    return null;
  }

  interface ItemReader<T> {
    T read(Node node, String path);
  }

  /** The items of an optional list under key; an item its reader could not read is left out. */
  <T> List<T> items(MapNode m, String path, String key, ItemReader<T> reader) {
    Entry e = m.entries().get(key);
    if (e == null) return List.of();
    return listOf(e.value(), path.isEmpty() ? key : path + "." + key, reader);
  }

  <T> List<T> listOf(Node v, String path, ItemReader<T> reader) {
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

  /** The one entry of a one-key map naming a known kind ("- hostname: x"), else null. */
  Entry single(Node node, String path, String what, List<String> known) {
    MapNode m = node instanceof MapNode mn ? mn : null;
    if (m == null || m.entries().size() != 1) {
      add(
          node.loc(),
          path
              + ": an "
              + what
              + " is a one-key map like '- "
              + known.get(0)
              + ": ...', found "
              + (m == null ? node.describe() : "a map with " + m.entries().size() + " keys"));
      return null;
    }
    Entry e = m.entries().values().iterator().next();
    if (!known.contains(e.key())) {
      add(
          e.keyLoc(),
          path
              + ": unknown "
              + what
              + " '"
              + e.key()
              + "'"
              + suggestion(e.key(), known)
              + "; known: "
              + String.join(", ", known));
      return null;
    }
    return e;
  }

  List<Namespace> namespaces(Node v, String path, boolean mayBeEmpty) {
    List<Namespace> out = new ArrayList<>();
    if (!(v instanceof ListNode l)) {
      add(v.loc(), path + ": expected a list of namespaces like [uts, pid], found " + v.describe());
      return out;
    }
    if (l.items().isEmpty() && !mayBeEmpty) add(l.loc(), path + ": name at least one namespace");
    for (int i = 0; i < l.items().size(); i++) {
      Node item = l.items().get(i);
      String itemPath = path + "[" + i + "]";
      String id = text(item, itemPath);
      if (id == null) continue;
      Namespace.byId(id)
          .ifPresentOrElse(
              out::add,
              () ->
                  add(
                      item.loc(),
                      itemPath
                          + ": unknown namespace '"
                          + id
                          + "'"
                          + suggestion(id, Namespace.ids())
                          + "; known: "
                          + String.join(", ", Namespace.ids())));
    }
    return out;
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
