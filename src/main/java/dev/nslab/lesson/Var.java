package dev.nslab.lesson;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The ${...} names lesson strings may use; each is read when the string is used. */
public enum Var {
  HOST_HOSTNAME("host.hostname", "the host's hostname when the lesson started"),
  HOST_UID(
      "host.uid",
      "nslab's user id where it runs (0 in the user namespace it re-enters, unprivileged)"),
  HOST_GID("host.gid", "nslab's group id where it runs"),
  HOST_MSG_QUEUES(
      "host.msg_queues", "how many SysV message queues the host had when the lesson started"),
  HOST_CGROUP("host.cgroup", "the host's cgroup layout, in words"),
  LAB_INIT("lab.init", "host PID of the lab's PID 1 (0 without a PID namespace)"),
  LAB_TID("lab.tid", "the lab thread's id, for /proc/TID paths"),
  LAB_CHILD("lab.child", "host PID of the child the clone action made (0 without one)"),
  LAB_ROOTFS("lab.rootfs", "the busybox root filesystem (a shared cache: read-only to lessons)"),
  LAB_CGROUP_PIDS("lab.cgroup.pids", "the lab's cgroup where the pids controller is"),
  LAB_CGROUP_MEMORY("lab.cgroup.memory", "the lab's cgroup where the memory controller is"),
  LAB_VOLUME("lab.volume", "the container lesson's volume directory on the host"),
  HOST_UPTIME("host.uptime", "the host's uptime (CLOCK_BOOTTIME) in whole seconds, read when used"),
  LAB_STARTED(
      "lab.started",
      "when the lab was made, in seconds since the epoch (to tell a file made now from an old one)");

  public final String yaml;
  public final String doc;

  Var(String yaml, String doc) {
    this.yaml = yaml;
    this.doc = doc;
  }

  public static Optional<Var> byName(String name) {
    return Arrays.stream(values()).filter(v -> v.yaml.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(v -> v.yaml).toList();
  }
}
