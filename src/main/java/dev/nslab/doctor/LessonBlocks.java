package dev.nslab.doctor;

import dev.nslab.doctor.Doctor.Blocked;
import dev.nslab.lab.Cgroups;
import dev.nslab.lab.Explanations;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Needs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Why a lesson will not work on this machine: root it needs, namespaces the kernel refuses, tools,
 * cgroup controllers, time namespaces and link types. The probes that make a namespace run once, at
 * the first lesson that needs them, and are kept for the rest.
 */
final class LessonBlocks {
  private final LabEnvironment env;
  private final Map<Namespace, Syscall> namespaces;
  private final Cgroups.Layout cgroups;

  // Probed at the first lesson that needs them; a link probe with a bridge covers veth too.
  private LessonProbes.Outcome timeProbe, linkProbe;
  private boolean linkProbeBridge;

  LessonBlocks(LabEnvironment env, Map<Namespace, Syscall> namespaces, Cgroups.Layout cgroups) {
    this.env = env;
    this.namespaces = namespaces;
    this.cgroups = cgroups;
  }

  Optional<Blocked> why(Lesson lesson) {
    if (lesson.needs() == Needs.ROOT && !Privileges.hostRoot()) {
      return Optional.of(new Blocked("needs root on the host", "sudo ./nslab play " + lesson.id()));
    }
    List<Namespace> missing =
        LessonProbes.actions(lesson)
            .flatMap(
                a ->
                    a instanceof Action.Unshare u
                        ? u.namespaces().stream()
                        : a instanceof Action.Clone c ? c.namespaces().stream() : Stream.empty())
            .distinct()
            .filter(ns -> namespaces.get(ns).failed())
            .toList();
    if (!missing.isEmpty()) {
      String fix =
          Doctor.userNamespaceFix()
              .orElse(
                  Privileges.hostRoot()
                      ? Explanations.of(namespaces.get(missing.get(0)))
                      : "sudo ./nslab play " + lesson.id());
      return Optional.of(
          new Blocked(
              "this kernel will not create "
                  + missing.stream().map(n -> n.id).collect(Collectors.joining(", "))
                  + " namespaces for you",
              fix));
    }
    Optional<Blocked> tools = Doctor.missingTools(lesson, env);
    if (tools.isPresent()) return tools;
    // Only the controllers its limits use: container limits pids alone, cgroup pids and memory.
    List<String> limits =
        LessonProbes.actions(lesson)
            .filter(a -> a instanceof Action.Cgroup)
            .flatMap(a -> ((Action.Cgroup) a).limits().keySet().stream())
            .toList();
    boolean needsPids = limits.stream().anyMatch(k -> k.startsWith("pids."));
    boolean needsMemory = limits.stream().anyMatch(k -> k.startsWith("memory."));
    if ((needsPids && cgroups.pids() == null) || (needsMemory && cgroups.memory() == null)) {
      String which =
          needsPids && cgroups.pids() == null && needsMemory && cgroups.memory() == null
              ? "pids and memory"
              : needsPids && cgroups.pids() == null ? "pids" : "memory";
      return Optional.of(
          new Blocked(
              "needs the " + which + " cgroup controller" + (which.contains(" and ") ? "s" : ""),
              Doctor.cgroupFix(cgroups)));
    }
    if (LessonProbes.unsharesTime(lesson)) {
      if (timeProbe == null) timeProbe = LessonProbes.timeNamespaceSpawn(env);
      if (!timeProbe.ok()) {
        return Optional.of(
            new Blocked(timeProbe.detail(), "a kernel of 5.6 or later with CONFIG_TIME_NS=y"));
      }
    }
    boolean veth = LessonProbes.usesLinkType(lesson, "veth"),
        bridge = LessonProbes.usesLinkType(lesson, "bridge");
    if (veth || bridge) {
      if (linkProbe == null || (bridge && !linkProbeBridge)) {
        linkProbe = LessonProbes.links(env, bridge);
        linkProbeBridge = bridge;
      }
      if (!linkProbe.ok()) {
        return Optional.of(
            new Blocked(
                linkProbe.detail(),
                "as root: modprobe veth" + (bridge ? "; modprobe bridge" : "")));
      }
    }
    return Optional.empty();
  }
}
