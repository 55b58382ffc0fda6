package dev.nslab.doctor;

import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Errno;
import dev.nslab.lab.Kernel;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Spawner;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.NetAction;
import dev.nslab.lesson.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a lesson depends on, read from its YAML (the commands its steps run, its syscalls), and the
 * live probes doctor runs for it: starting a command in a new time namespace, creating a veth pair
 * and a bridge in a throwaway network namespace. Each probe runs once, on a thread of its own that
 * dies with the namespaces it made, so the host is never touched.
 */
final class LessonProbes {
  /** The tools lessons run in the lab that a host may lack. */
  static final List<String> TOOLS =
      List.of("ip", "ping", "ps", "nsenter", "setpriv", "ipcs", "findmnt");

  private LessonProbes() {}

  /** Every shell command the lesson runs: show lines, run actions, checks, the task's solution. */
  static List<String> commands(Lesson lesson) {
    List<String> out = new ArrayList<>();
    for (Step s : lesson.steps()) {
      out.addAll(s.show());
      for (Action a : s.actions()) if (a instanceof Action.Run r) out.add(r.command());
      addChecks(s.expect(), out);
      if (s.task() != null) {
        if (s.task().solution() != null) out.add(s.task().solution());
        addChecks(s.task().expect(), out);
      }
    }
    return out;
  }

  private static void addChecks(List<Expectation> checks, List<String> out) {
    if (checks == null) return;
    for (Expectation e : checks) {
      if (e instanceof Expectation.Output o) out.add(o.run());
      else if (e instanceof Expectation.HostOutput o) out.add(o.run());
      else if (e instanceof Expectation.Exits x) out.add(x.run());
    }
  }

  /**
   * The tools of {@link #TOOLS} the lesson's commands call (nsenter too when it clones a child).
   */
  static Set<String> toolsUsed(Lesson lesson) {
    Set<String> used = new LinkedHashSet<>();
    List<String> commands = commands(lesson);
    for (String tool : TOOLS) {
      Pattern p = Pattern.compile("(^|[\\s;&|(`'\"])" + tool + "($|[\\s;&|)`'\"])");
      if (commands.stream().anyMatch(c -> p.matcher(c).find())) used.add(tool);
    }
    // A lab that cloned a child runs its commands through nsenter(1) into the child's namespaces.
    if (actions(lesson).anyMatch(a -> a instanceof Action.Clone c && c.run() == null))
      used.add("nsenter");
    return used;
  }

  static Stream<Action> actions(Lesson lesson) {
    return lesson.steps().stream().flatMap(s -> s.actions().stream());
  }

  static boolean unsharesTime(Lesson lesson) {
    return actions(lesson)
        .anyMatch(a -> a instanceof Action.Unshare u && u.namespaces().contains(Namespace.TIME));
  }

  static boolean usesLinkType(Lesson lesson, String type) {
    // nslab's own link_add (rtnetlink), or an `ip link add ... type TYPE` a lesson runs.
    return actions(lesson)
            .anyMatch(
                a ->
                    a instanceof NetAction.LinkAdd l
                        && (l.bridge() ? "bridge" : "veth").equals(type))
        || commands(lesson).stream().anyMatch(c -> c.contains("type " + type));
  }

  /** A probe's outcome: null when it worked, else why not. */
  record Outcome(boolean ok, String detail) {}

  /**
   * unshare(CLONE_NEWTIME) on a throwaway thread, then start a command there as a lab does. On
   * kernels that refuse posix_spawn's CLONE_VM there (before 6.3), this exercises nslab's
   * fork-style start.
   */
  static Outcome timeNamespaceSpawn(LabEnvironment env) {
    return onThrowawayThread(
        "time",
        () -> {
          Syscall u = new Kernel(s -> {}).unshare(List.of(Namespace.TIME));
          if (u.failed())
            return new Outcome(false, "unshare(CLONE_NEWTIME) failed: " + Errno.name(u.errno()));
          CommandResult r = run(env, "cat /proc/self/timens_offsets >/dev/null");
          if (r.spawnErrno() != 0) {
            return new Outcome(
                false,
                "no command starts in a new time namespace (" + Errno.name(r.spawnErrno()) + ")");
          }
          if (r.exitCode() != 0)
            return new Outcome(false, "a command in a new time namespace exited " + r.exitCode());
          return new Outcome(
              true,
              Spawner.vmCloneRefusedInNewTimeNamespace()
                  ? "this kernel refuses posix_spawn there (CLONE_VM); nslab starts commands with a fork-style clone"
                  : "commands start in a new time namespace");
        });
  }

  /** A veth pair (and a bridge, when asked) in a throwaway network namespace, with ip(8). */
  static Outcome links(LabEnvironment env, boolean bridge) {
    return onThrowawayThread(
        "net",
        () -> {
          Syscall u = new Kernel(s -> {}).unshare(List.of(Namespace.NET));
          if (u.failed())
            return new Outcome(false, "unshare(CLONE_NEWNET) failed: " + Errno.name(u.errno()));
          CommandResult r =
              run(
                  env,
                  "ip link add nslab-doc0 type veth peer name nslab-doc1 || exit 3; "
                      + (bridge ? "ip link add nslab-doc2 type bridge || exit 4; " : "")
                      + "exit 0");
          if (r.spawnErrno() != 0)
            return new Outcome(false, "could not start ip (" + Errno.name(r.spawnErrno()) + ")");
          return switch (r.exitCode()) {
            case 0 ->
                new Outcome(
                    true, bridge ? "veth and bridge links can be made" : "veth links can be made");
            case 3 ->
                new Outcome(
                    false, "this kernel makes no veth pair (" + firstLine(r.output()) + ")");
            case 4 ->
                new Outcome(false, "this kernel makes no bridge (" + firstLine(r.output()) + ")");
            default ->
                new Outcome(
                    false, "ip exited " + r.exitCode() + " (" + firstLine(r.output()) + ")");
          };
        });
  }

  private static String firstLine(String s) {
    String l = s.strip().lines().findFirst().orElse("no output");
    return l.length() > 100 ? l.substring(0, 100) + "..." : l;
  }

  private static CommandResult run(LabEnvironment env, String command) {
    Spawner.Started started;
    try {
      started = Spawner.start(List.of("/bin/sh", "-c", command), env.variables(), true);
    } catch (Spawner.Refused e) {
      return CommandResult.notStarted(command, e.errno());
    }
    int status = Spawner.waitFor(started.pid());
    return Spawner.result(command, status, Spawner.drain(started.outputFd()));
  }

  private static Outcome onThrowawayThread(String name, Supplier<Outcome> probe) {
    Outcome[] result = new Outcome[1];
    Thread t =
        new Thread(
            () -> {
              try {
                result[0] = probe.get();
              } catch (RuntimeException e) {
                result[0] = new Outcome(false, e.toString());
              }
            },
            "nslab-doctor-probe-" + name);
    t.start();
    try {
      t.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result[0] != null ? result[0] : new Outcome(false, "the probe did not finish in 20 s");
  }
}
