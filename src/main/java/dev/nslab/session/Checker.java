package dev.nslab.session;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Errno;
import dev.nslab.lab.Lab;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Expectation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks a step's claims against the live kernel, after the step ran. */
final class Checker {
  private final Lab lab;
  private final Vars vars;
  private final String hostHostnameAtStart;

  Checker(Lab lab, Vars vars, String hostHostnameAtStart) {
    this.lab = lab;
    this.vars = vars;
    this.hostHostnameAtStart = hostHostnameAtStart;
  }

  List<Check> check(List<Expectation> expectations, List<ActionResult> actions) {
    List<Check> checks = new ArrayList<>();
    Map<Namespace, Long> host = Lab.hostNamespaces();
    Map<Namespace, Long> inLab = lab.namespaces();
    for (Expectation e : expectations) checks.add(check(e, host, inLab, actions));
    return checks;
  }

  private Check check(
      Expectation e,
      Map<Namespace, Long> host,
      Map<Namespace, Long> inLab,
      List<ActionResult> actions) {
    Set<Namespace> differ = EnumSet.noneOf(Namespace.class);
    for (Namespace n : Namespace.values()) {
      if (!host.get(n).equals(inLab.get(n))) differ.add(n);
    }
    List<String> seenNs =
        List.of(
            differ.isEmpty()
                ? "the kernel says: the lab shares every namespace with the host"
                : "the kernel says: the lab's own, apart from the host: " + names(differ));
    return e.accept(
        new Expectation.Visitor<Check>() {
          @Override
          public Check nsChanged(Expectation.NsChanged x) {
            return new Check(
                "the lab has its own "
                    + names(x.namespaces())
                    + " namespace"
                    + plural(x.namespaces()),
                differ.containsAll(x.namespaces()),
                seenNs);
          }

          @Override
          public Check nsSame(Expectation.NsSame x) {
            return new Check(
                "the lab still shares the host's "
                    + names(x.namespaces())
                    + " namespace"
                    + plural(x.namespaces()),
                x.namespaces().stream().noneMatch(differ::contains),
                seenNs);
          }

          @Override
          public Check nsOnlyChanged(Expectation.NsOnlyChanged x) {
            Set<Namespace> want =
                x.namespaces().isEmpty()
                    ? EnumSet.noneOf(Namespace.class)
                    : EnumSet.copyOf(x.namespaces());
            String claim =
                want.isEmpty()
                    ? "the lab shares every namespace with the host"
                    : "only the "
                        + names(want)
                        + " namespace"
                        + plural(x.namespaces())
                        + (want.size() == 1 ? " differs" : " differ")
                        + " from the host's";
            return new Check(claim, differ.equals(want), seenNs);
          }

          @Override
          public Check hostname(Expectation.Hostname x) {
            String want = vars.expand(x.value());
            String seen = lab.hostname();
            return new Check(
                "the lab's hostname is " + want,
                seen.equals(want),
                Seen.value("the kernel says:", seen));
          }

          @Override
          public Check hostnameNot(Expectation.HostnameNot x) {
            List<String> avoid = x.values().stream().map(vars::expand).toList();
            String seen = lab.hostname();
            return new Check(
                "the lab's hostname is a new one, not " + String.join(" or ", avoid),
                !avoid.contains(seen),
                Seen.value("the kernel says:", seen));
          }

          @Override
          public Check hostHostname(Expectation.HostHostname x) {
            String want =
                "unchanged".equals(x.value()) ? hostHostnameAtStart : vars.expand(x.value());
            String seen = HostShell.hostname();
            return new Check(
                "the host's hostname is still " + want,
                seen.equals(want),
                Seen.value("the kernel says:", seen));
          }

          @Override
          public Check output(Expectation.Output x) {
            String want = vars.expand(x.equals());
            String command = vars.expand(x.run());
            CommandResult r = lab.observe(command);
            return printsCheck(
                x.claim(),
                "`" + command + "` in the lab prints " + want,
                "look yourself: run " + command,
                r.started() && r.output().strip().equals(want),
                want,
                r);
          }

          @Override
          public Check hostOutput(Expectation.HostOutput x) {
            String want = vars.expand(x.equals());
            String command = vars.expand(x.run());
            CommandResult r = HostShell.run(command);
            return printsCheck(
                x.claim(),
                "on the host, `" + command + "` prints " + want,
                "look on the host: " + command,
                r.started() && r.output().strip().equals(want),
                want,
                r);
          }

          @Override
          public Check exits(Expectation.Exits x) {
            String command = vars.expand(x.run());
            CommandResult r = lab.observe(command);
            boolean held = r.started() && r.signal() == 0 && r.exitCode() == x.code();
            List<String> seen = new ArrayList<>();
            seen.add("expected exit " + x.code());
            seen.addAll(status("saw", r));
            return new Check(
                x.claim()
                    .map(vars::expand)
                    .orElse("`" + command + "` in the lab exits with " + x.code()),
                held,
                seen,
                x.claim().map(c -> "look yourself: run " + command));
          }

          @Override
          public Check printed(Expectation.Printed x) {
            String want = vars.expand(x.line()).strip();
            List<String> lines =
                actions.stream()
                    .filter(a -> a.command() != null)
                    .flatMap(a -> a.command().output().lines())
                    .map(String::strip)
                    .toList();
            return new Check(
                "a command of this step printed \"" + want + "\"",
                lines.contains(want),
                lines.isEmpty()
                    ? List.of("no command of this step printed anything")
                    : Seen.value("they printed", String.join("\n", lines)));
          }

          @Override
          public Check refused(Expectation.Refused x) {
            List<Syscall> calls =
                actions.stream()
                    .flatMap(a -> a.syscalls().stream())
                    .filter(s -> s.name().equals(x.call()))
                    .toList();
            boolean held = calls.stream().anyMatch(s -> Errno.name(s.errno()).equals(x.errno()));
            List<String> seen =
                calls.isEmpty()
                    ? List.of("the step made no " + x.call())
                    : calls.stream().map(s -> "the kernel said: " + s.render()).toList();
            return new Check("the kernel refuses " + x.call() + " with " + x.errno(), held, seen);
          }

          /**
           * An output check: the lesson's sentence (else the command and value), expected and seen
           * quoted.
           */
          private Check printsCheck(
              Optional<String> claim,
              String plain,
              String look,
              boolean held,
              String want,
              CommandResult r) {
            List<String> seen = new ArrayList<>(Seen.value("expected", want));
            // what it printed is the point; how it exited, only when it printed nothing or could
            // not start
            seen.addAll(
                r.started() && (r.ok() || !r.output().isBlank())
                    ? Seen.value("saw", r.output().strip())
                    : status("saw", r));
            return new Check(
                claim.map(vars::expand).orElse(plain), held, seen, claim.map(c -> look));
          }
        });
  }

  /** How a command ended, with what it printed: {@code saw exit 1, printing "..."}. */
  static List<String> status(String label, CommandResult r) {
    String head = label + " " + r.status();
    return r.output().isBlank()
        ? List.of(head)
        : Seen.value(head + ", printing", r.output().strip());
  }

  private static String names(Collection<Namespace> namespaces) {
    if (namespaces.isEmpty()) return "none";
    return namespaces.stream().map(n -> n.id).collect(Collectors.joining(", "));
  }

  private static String plural(List<Namespace> namespaces) {
    return namespaces.size() == 1 ? "" : "s";
  }
}
