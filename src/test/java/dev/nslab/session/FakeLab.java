package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Errno;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link SessionLab} without a kernel: it knows only a hostname, set by {@code sethostname}
 * actions and by {@code hostname NAME} commands, and checks only hostname claims (anything else
 * fails loudly, so a test cannot pass on what the fake ignores). Every lab of one {@link #factory}
 * writes what it did to one shared log, "lab N: ...", in order.
 */
final class FakeLab implements SessionLab {
  /** The hostname the host keeps; a fresh lab starts with it, as a real one does. */
  static final String HOST = "host";

  private static final Map<Namespace, Long> NAMESPACES = someNamespaces();

  private final int number;
  private final List<String> log;
  private final Set<String> refused;
  private String hostname = HOST;
  private final List<Syscall> trace = new ArrayList<>();

  private FakeLab(int number, List<String> log, Set<String> refused) {
    this.number = number;
    this.log = log;
    this.refused = refused;
    log("opened");
  }

  /**
   * Fresh labs, numbered from 1, logging into {@code log}; sethostname of a name in {@code refused}
   * (read at each call) fails with EPERM.
   */
  static Supplier<SessionLab> factory(List<String> log, Set<String> refused) {
    int[] opened = {0};
    return () -> new FakeLab(++opened[0], log, refused);
  }

  private void log(String what) {
    log.add("lab " + number + ": " + what);
  }

  @Override
  public ActionResult apply(Action action, Vars vars) {
    if (!(action instanceof Action.Sethostname a)) {
      throw new UnsupportedOperationException(
          "the fake lab only runs sethostname, not " + action.name());
    }
    String name = vars.expand(a.hostname());
    log("sethostname " + name);
    boolean no = refused.contains(name);
    if (!no) hostname = name;
    Syscall s =
        new Syscall(
            "sethostname",
            "\"" + name + "\", " + name.length(),
            no ? -1 : 0,
            no ? Errno.EPERM : 0,
            0);
    trace.add(s);
    return new ActionResult(action, List.of(s), null, null);
  }

  @Override
  public List<Check> check(List<Expectation> claims, List<ActionResult> actions, Vars vars) {
    List<Check> checks = new ArrayList<>();
    for (Expectation claim : claims) {
      if (claim instanceof Expectation.Hostname h) {
        String want = vars.expand(h.value());
        checks.add(new Check("hostname is " + want, hostname.equals(want), List.of(hostname)));
      } else if (claim instanceof Expectation.HostnameNot h) {
        List<String> avoid = h.values().stream().map(vars::expand).toList();
        checks.add(
            new Check("hostname is not " + avoid, !avoid.contains(hostname), List.of(hostname)));
      } else {
        throw new UnsupportedOperationException(
            "the fake lab only checks hostnames, not " + claim.kind());
      }
    }
    return checks;
  }

  @Override
  public String variable(Var name) {
    return name == Var.HOST_HOSTNAME ? HOST : "0";
  }

  @Override
  public CommandResult observe(String command) {
    return new CommandResult(command, 0, 0, "", 0);
  }

  @Override
  public CommandResult observeOnHost(String command) {
    return new CommandResult(command, 0, 0, "", 0);
  }

  @Override
  public CommandResult run(String command) {
    log("run " + command);
    if (command.startsWith("hostname ")) hostname = command.substring("hostname ".length()).strip();
    return new CommandResult(command, 0, 0, "", 0);
  }

  @Override
  public CommandResult runTraced(String command) {
    return run(command);
  }

  @Override
  public CommandResult shell() {
    throw new UnsupportedOperationException("the fake lab has no terminal");
  }

  @Override
  public Map<Namespace, Long> namespaces() {
    return NAMESPACES;
  }

  @Override
  public Map<Namespace, Long> hostNamespaces() {
    return NAMESPACES;
  }

  @Override
  public String hostname() {
    return hostname;
  }

  @Override
  public List<Syscall> drainTrace() {
    List<Syscall> out = List.copyOf(trace);
    trace.clear();
    return out;
  }

  @Override
  public int tid() {
    return 0;
  }

  @Override
  public void cancel() {}

  @Override
  public void close() {
    log("closed");
  }

  private static Map<Namespace, Long> someNamespaces() {
    Map<Namespace, Long> out = new EnumMap<>(Namespace.class);
    for (Namespace n : Namespace.values()) out.put(n, 4026531834L + n.ordinal());
    return Collections.unmodifiableMap(out);
  }
}
