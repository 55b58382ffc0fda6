package dev.nslab.lab;

import dev.nslab.lab.netlink.Rtnetlink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How a lab reaches namespaces it did not make on its own thread: setns(2) into those of its
 * processes or of a pinned file, pins (a namespace bound onto a file), and rtnetlink in its PID 1's
 * network namespace.
 */
final class LabJoins {
  private final LabThread thread;
  private final Kernel kernel;
  private final LabInit init;

  /** Files this lab bound a namespace onto (pin), as the lesson named them. */
  private final Set<String> pins = ConcurrentHashMap.newKeySet();

  LabJoins(LabThread thread, Kernel kernel, LabInit init) {
    this.thread = thread;
    this.kernel = kernel;
    this.init = init;
  }

  /**
   * An rtnetlink conversation in the lab's own network namespace (on the lab thread), or in that of
   * its PID 1 (on a short-lived thread that joins it first with setns(2), as `ip netns exec` and
   * `nsenter --net` do; the setns is in the trace).
   */
  List<Syscall> netlink(boolean inInit, Function<Rtnetlink, List<Syscall>> talk) {
    Rtnetlink rtnl = new Rtnetlink(kernel);
    if (!inInit) return thread.call(() -> talk.apply(rtnl));
    LabThread visitor = new LabThread("nslab-netns-of-init");
    try {
      return visitor.call(
          () -> {
            Syscall join = kernel.setns("/proc/" + init.pid() + "/ns/net", Namespace.NET);
            return join.failed() ? List.of(join) : talk.apply(rtnl);
          });
    } finally {
      visitor.close();
    }
  }

  /** setns(2) of the lab thread into namespaces of a lab process, one call per namespace. */
  List<Syscall> setnsFrom(int pid, List<Namespace> types) {
    return thread.call(
        () -> {
          List<Syscall> calls = new ArrayList<>();
          for (Namespace n : types) {
            Syscall s = kernel.setns("/proc/" + pid + "/ns/" + n.id, n);
            calls.add(s);
            if (s.failed()) break;
          }
          return calls;
        });
  }

  /**
   * Pins a namespace of a lab process: an empty file at {@code at}, then /proc/PID/ns/TYPE bound
   * onto it.
   */
  List<Syscall> pin(int pid, Namespace type, String at) {
    return thread.call(
        () -> {
          Syscall file = kernel.touch(at);
          if (file.failed()) return List.of(file);
          return List.of(
              file,
              kernel.mount("/proc/" + pid + "/ns/" + type.id, at, null, Kernel.MS_BIND, null));
        });
  }

  boolean pinned(String path) {
    return pins.contains(path);
  }

  void pinned(String path, boolean yes) {
    if (yes) pins.add(path);
    else pins.remove(path);
  }
}
