package dev.nslab.lesson;

import dev.nslab.lab.Namespace;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The closed set of claims a step can make, each checked live against the kernel after the step
 * ran. In YAML each is a one-key map: {@code - hostname: nslab-uts}. Strings may use the {@link
 * Var} names, e.g. {@code ${host.hostname}}. As with {@link Action}, the reader switches
 * exhaustively over {@link Kind} and the checker is a {@link Visitor}.
 */
public sealed interface Expectation {

  Kind kind();

  <R> R accept(Visitor<R> visitor);

  default String name() {
    return kind().yaml;
  }

  enum Kind {
    NS_CHANGED("ns_changed", "these namespaces of the lab differ from the host's"),
    NS_SAME("ns_same", "these namespaces of the lab are still the host's"),
    NS_ONLY_CHANGED("ns_only_changed", "exactly these namespaces differ from the host's"),
    HOSTNAME("hostname", "the lab's hostname (gethostname(2) on the lab thread)"),
    HOSTNAME_NOT("hostname_not", "the lab's hostname is none of these"),
    HOST_HOSTNAME("host_hostname", "the host's hostname; unchanged: as when the lesson started"),
    OUTPUT(
        "output",
        "a command run in the lab prints exactly this (trimmed); claim: the sentence the learner reads"),
    HOST_OUTPUT(
        "host_output",
        "a command run on the host, powerless (no capabilities, read-only), prints exactly this; claim: the sentence"),
    EXITS(
        "exits",
        "a command run in the lab exits with this code; claim: the sentence the learner reads"),
    REFUSED("refused", "a syscall of this step failed with this errno"),
    PRINTED("printed", "a command this step ran (a run, a clone's child) printed this line");

    public final String yaml;
    public final String doc;

    Kind(String yaml, String doc) {
      this.yaml = yaml;
      this.doc = doc;
    }

    public static Optional<Kind> byYaml(String name) {
      return Arrays.stream(values()).filter(k -> k.yaml.equals(name)).findFirst();
    }
  }

  interface Visitor<R> {
    R nsChanged(NsChanged e);

    R nsSame(NsSame e);

    R nsOnlyChanged(NsOnlyChanged e);

    R hostname(Hostname e);

    R hostnameNot(HostnameNot e);

    R hostHostname(HostHostname e);

    R output(Output e);

    R hostOutput(HostOutput e);

    R exits(Exits e);

    R refused(Refused e);

    R printed(Printed e);
  }

  record NsChanged(List<Namespace> namespaces) implements Expectation {
    public Kind kind() {
      return Kind.NS_CHANGED;
    }

    public <R> R accept(Visitor<R> v) {
      return v.nsChanged(this);
    }
  }

  record NsSame(List<Namespace> namespaces) implements Expectation {
    public Kind kind() {
      return Kind.NS_SAME;
    }

    public <R> R accept(Visitor<R> v) {
      return v.nsSame(this);
    }
  }

  record NsOnlyChanged(List<Namespace> namespaces) implements Expectation {
    public Kind kind() {
      return Kind.NS_ONLY_CHANGED;
    }

    public <R> R accept(Visitor<R> v) {
      return v.nsOnlyChanged(this);
    }
  }

  record Hostname(String value) implements Expectation {
    public Kind kind() {
      return Kind.HOSTNAME;
    }

    public <R> R accept(Visitor<R> v) {
      return v.hostname(this);
    }
  }

  record HostnameNot(List<String> values) implements Expectation {
    public Kind kind() {
      return Kind.HOSTNAME_NOT;
    }

    public <R> R accept(Visitor<R> v) {
      return v.hostnameNot(this);
    }
  }

  record HostHostname(String value) implements Expectation {
    public Kind kind() {
      return Kind.HOST_HOSTNAME;
    }

    public <R> R accept(Visitor<R> v) {
      return v.hostHostname(this);
    }
  }

  /**
   * Only for output that is kernel data, not a tool's English: a hostname, a PID, a file's
   * contents. {@code claim} (null when the command is short and plain enough to read as one) is the
   * sentence about the kernel the learner reads in place of the shell.
   */
  record Output(String run, String equals, Optional<String> claim) implements Expectation {
    public Kind kind() {
      return Kind.OUTPUT;
    }

    public <R> R accept(Visitor<R> v) {
      return v.output(this);
    }
  }

  record HostOutput(String run, String equals, Optional<String> claim) implements Expectation {
    public Kind kind() {
      return Kind.HOST_OUTPUT;
    }

    public <R> R accept(Visitor<R> v) {
      return v.hostOutput(this);
    }
  }

  record Exits(String run, int code, Optional<String> claim) implements Expectation {
    public Kind kind() {
      return Kind.EXITS;
    }

    public <R> R accept(Visitor<R> v) {
      return v.exits(this);
    }
  }

  record Refused(String call, String errno) implements Expectation {
    public Kind kind() {
      return Kind.REFUSED;
    }

    public <R> R accept(Visitor<R> v) {
      return v.refused(this);
    }
  }

  record Printed(String line) implements Expectation {
    public Kind kind() {
      return Kind.PRINTED;
    }

    public <R> R accept(Visitor<R> v) {
      return v.printed(this);
    }
  }

  static List<String> names() {
    return Arrays.stream(Kind.values()).map(k -> k.yaml).toList();
  }
}
