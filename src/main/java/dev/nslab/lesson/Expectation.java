package dev.nslab.lesson;

import dev.nslab.lab.Namespace;
import java.util.List;

/**
 * The closed set of claims a step can make, each checked live against the kernel after the step
 * ran. In YAML each is a one-key map: {@code - hostname: nslab-uts}. Strings may use
 * {@code ${host.hostname}}: the host's hostname when the lesson started.
 */
public sealed interface Expectation {

  String name();

  /** These namespaces of the lab differ from the host's (inode numbers from /proc). */
  record NsChanged(List<Namespace> namespaces) implements Expectation {
    public String name() { return "ns_changed"; }
  }

  /** These namespaces of the lab are still the host's. */
  record NsSame(List<Namespace> namespaces) implements Expectation {
    public String name() { return "ns_same"; }
  }

  /** Exactly these namespaces differ from the host's; all others are shared. */
  record NsOnlyChanged(List<Namespace> namespaces) implements Expectation {
    public String name() { return "ns_only_changed"; }
  }

  /** The lab's hostname, as gethostname(2) returns it on the lab thread. */
  record Hostname(String value) implements Expectation {
    public String name() { return "hostname"; }
  }

  /** The lab's hostname is none of these (e.g. after the learner chose one). */
  record HostnameNot(List<String> values) implements Expectation {
    public String name() { return "hostname_not"; }
  }

  /** The host's hostname, read from the host's UTS namespace. "unchanged": as when nslab started. */
  record HostHostname(String value) implements Expectation {
    public String name() { return "host_hostname"; }
  }

  /**
   * A command run in the lab prints exactly this (trimmed). Only for output that is kernel data,
   * not a tool's English: a hostname, a PID, a file's contents.
   */
  record Output(String run, String equals) implements Expectation {
    public String name() { return "output"; }
  }

  /** A read-only command run on the host prints exactly this (trimmed). */
  record HostOutput(String run, String equals) implements Expectation {
    public String name() { return "host_output"; }
  }

  /** A command run in the lab exits with this code. */
  record Exits(String run, int code) implements Expectation {
    public String name() { return "exits"; }
  }

  /** A syscall of this step failed with this errno: the kernel's refusal is the lesson. */
  record Refused(String call, String errno) implements Expectation {
    public String name() { return "refused"; }
  }

  List<String> NAMES = List.of(
      "ns_changed", "ns_same", "ns_only_changed", "hostname", "hostname_not", "host_hostname",
      "output", "host_output", "exits", "refused");
}
