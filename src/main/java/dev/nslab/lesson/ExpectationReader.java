package dev.nslab.lesson;

import dev.nslab.lesson.YamlTree.Entry;
import dev.nslab.lesson.YamlTree.MapNode;
import dev.nslab.lesson.YamlTree.Node;
import dev.nslab.lesson.YamlTree.Scalar;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one expectation: a one-key map whose key names an {@link Expectation.Kind}. The switch over
 * the kind has no default, so a kind without a reader does not compile.
 */
final class ExpectationReader {
  private final YamlFields f;

  ExpectationReader(YamlFields fields) {
    this.f = fields;
  }

  Expectation read(Node node, String path) {
    Entry e = f.single(node, path, "expectation", Expectation.names());
    if (e == null) return null;
    String p = path + "." + e.key();
    Node v = e.value();
    return switch (Expectation.Kind.byYaml(e.key()).orElseThrow()) {
      case NS_CHANGED -> new Expectation.NsChanged(f.namespaces(v, p, false));
      case NS_SAME -> new Expectation.NsSame(f.namespaces(v, p, false));
      case NS_ONLY_CHANGED -> new Expectation.NsOnlyChanged(f.namespaces(v, p, true));
      case HOSTNAME -> new Expectation.Hostname(f.text(v, p));
      case HOSTNAME_NOT -> new Expectation.HostnameNot(f.listOf(v, p, f::text));
      case HOST_HOSTNAME -> new Expectation.HostHostname(f.text(v, p));
      case OUTPUT -> {
        Command c = command(v, p, "equals");
        yield c == null
            ? null
            : new Expectation.Output(
                c.run(), trimmedEquals(c.map(), p), Optional.ofNullable(c.claim()));
      }
      case HOST_OUTPUT -> {
        Command c = command(v, p, "equals");
        yield c == null
            ? null
            : new Expectation.HostOutput(
                c.run(), trimmedEquals(c.map(), p), Optional.ofNullable(c.claim()));
      }
      case EXITS -> {
        Command c = command(v, p, "code");
        yield c == null
            ? null
            : new Expectation.Exits(
                c.run(), f.integer(c.map(), p, "code", 0), Optional.ofNullable(c.claim()));
      }
      case PRINTED -> new Expectation.Printed(f.text(v, p));
      case REFUSED -> refused(v, p);
    };
  }

  /**
   * What output, host_output and exits share: a map with the command to run and the learner's
   * sentence for it ({@code claim}, required where the command reads as shell: {@link ClaimRule}).
   */
  private record Command(MapNode map, String run, String claim) {}

  /**
   * The keys every command check has, read in one place: {@code run}, {@code claim}, and {@code
   * compared}, the key saying what its result must be (read by the caller).
   */
  private Command command(Node v, String p, String compared) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("run", compared, "claim"));
    String claim = f.string(m, p, "claim", false);
    Entry run = m.entries().get("run");
    if (run != null && run.value() instanceof Scalar s) {
      ClaimRule.missing(s.text(), claim)
          .ifPresent(why -> f.add(run.value().loc(), p + ".run: " + why));
    }
    return new Command(m, f.string(m, p, "run", true), claim);
  }

  private String trimmedEquals(MapNode m, String path) {
    String equals = f.string(m, path, "equals", true);
    TextRules.untrimmed(equals)
        .ifPresent(why -> f.add(YamlFields.valueLoc(m, "equals"), path + ".equals: " + why));
    return equals;
  }

  private Expectation refused(Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("call", "errno"));
    String errno = f.string(m, p, "errno", true);
    if (errno != null && !errno.matches("E[A-Z]+")) {
      f.add(
          YamlFields.valueLoc(m, "errno"),
          p + ".errno: '" + errno + "' is not an errno name like EPERM");
    }
    return new Expectation.Refused(f.string(m, p, "call", true), errno);
  }
}
