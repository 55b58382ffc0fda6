package dev.nslab.lesson;

import dev.nslab.lesson.YamlTree.Loc;
import dev.nslab.lesson.YamlTree.SyntaxError;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses YAML tags ({@code !foo}, {@code !!python/object:...}, {@code !!binary}): a lesson is
 * text, maps and lists, and a tag would only pretend to mean more (Jackson does not even hold a
 * scalar to {@code !!int}). Allowed are the core tags that say what the reader already makes of the
 * node: {@code !!str} on a scalar, {@code !!map} on a map, {@code !!seq} on a list.
 */
final class YamlTags {
  private static final String CORE = "tag:yaml.org,2002:";

  /** An optional anchor, then a tag as written: verbatim !<...>, or a handle and suffix. */
  private static final Pattern WRITTEN =
      Pattern.compile("(?:&\\S+\\s+)?(!<[^>]*>|![^\\s,\\[\\]{}]*)");

  enum Shape {
    SCALAR,
    MAP,
    LIST
  }

  private final String[] lines;
  private final List<SyntaxError> problems;

  /** An alias replays its anchor's node, tag and place included: say it once. */
  private final Set<Loc> reported = new HashSet<>();

  YamlTags(String text, List<SyntaxError> problems) {
    this.lines = text.split("\n", -1);
    this.problems = problems;
  }

  /** A node's tag as the parser resolved it ({@code getRawTag}: null when it has none). */
  void node(String resolved, Shape shape, Loc at) {
    if (resolved == null || resolved.equals(CORE + allowed(shape))) return;
    refuse(at, written(at).orElse(spelled(resolved)));
  }

  /**
   * A map key's tag, read where the key starts: Jackson reports the first key of a map with the
   * map's tag (it defers type ids), so its own tag cannot be asked for.
   */
  void key(Loc at) {
    written(at).filter(tag -> !tag.equals("!!str")).ifPresent(tag -> refuse(at, tag));
  }

  private static String allowed(Shape shape) {
    return switch (shape) {
      case SCALAR -> "str";
      case MAP -> "map";
      case LIST -> "seq";
    };
  }

  private void refuse(Loc at, String tag) {
    if (reported.add(at))
      problems.add(new SyntaxError(at, "YAML tags are not part of a lesson: remove `" + tag + "`"));
  }

  /** The tag as the author wrote it, where the node starts (its anchor, if any, comes first). */
  private Optional<String> written(Loc at) {
    if (at.line() > lines.length) return Optional.empty();
    String line = lines[at.line() - 1];
    if (at.column() > line.length()) return Optional.empty();
    Matcher m = WRITTEN.matcher(line).region(at.column() - 1, line.length());
    return m.lookingAt() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * A resolved tag spelled as YAML writes it, for when the text at the node's place says nothing.
   */
  private static String spelled(String resolved) {
    if (resolved.startsWith(CORE)) return "!!" + resolved.substring(CORE.length());
    return resolved.startsWith("!") ? resolved : "!<" + resolved + ">";
  }
}
