package dev.nslab.session;

import dev.nslab.lab.Cgroups;
import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.LabException;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Rootfs;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.Var;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real {@link SessionLab}: a {@link Lab} on the kernel, and the host seen through {@link
 * HostShell}.
 */
public final class KernelLab implements SessionLab {
  private final Lab lab;
  private final LabEnvironment environment;

  /** The host's name when the lab opened: claims compare with it, the host never changes. */
  private final String hostHostname;

  private final long started;

  /** The host's SysV message queues when the lab opened: a lab's queues must never add to them. */
  private final String hostMsgQueues = HostShell.msgQueues();

  private KernelLab(String hostHostname, Lab lab, LabEnvironment environment) {
    this.hostHostname = hostHostname;
    this.lab = lab;
    this.environment = environment;
    this.started = System.currentTimeMillis() / 1000;
  }

  /** A fresh lab: no namespace of its own yet. */
  public static KernelLab open(LabEnvironment environment) {
    return new KernelLab(HostShell.hostname(), Lab.open(environment), environment);
  }

  @Override
  public ActionResult apply(Action action, Vars vars) {
    return ActionRunner.apply(lab, action, vars);
  }

  @Override
  public List<Check> check(List<Expectation> claims, List<ActionResult> actions, Vars vars) {
    return new Checker(lab, vars, hostHostname).check(claims, actions);
  }

  @Override
  public String variable(Var name) {
    return switch (name) {
      case HOST_HOSTNAME -> hostHostname;
      case LAB_INIT -> String.valueOf(lab.initPid());
      case LAB_TID -> String.valueOf(lab.tid());
      case LAB_CHILD -> String.valueOf(lab.childPid());
      case HOST_UID -> String.valueOf(Privileges.uid());
      case HOST_GID -> String.valueOf(Privileges.gid());
      case LAB_CGROUP_PIDS -> cgroupDir(Cgroups.detect().pids());
      case LAB_CGROUP_MEMORY -> cgroupDir(Cgroups.detect().memory());
      case HOST_CGROUP -> Cgroups.detect().describe();
      case LAB_VOLUME -> volume().toString();
      case LAB_STARTED -> String.valueOf(started);
      case HOST_UPTIME -> HostShell.uptimeSeconds();
      case HOST_MSG_QUEUES -> hostMsgQueues;
      case LAB_ROOTFS -> Rootfs.ensure(environment).toString();
    };
  }

  /**
   * The host directory a container lesson mounts as its volume: $NSLAB_VOLUME, else STATE/volume.
   */
  private Path volume() {
    Path dir = environment.volume();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LabException("cannot create the volume directory " + dir + ": " + e.getMessage());
    }
    return dir;
  }

  private String cgroupDir(Path root) {
    return root == null ? "(no such controller here)" : lab.cgroup(root).toString();
  }

  @Override
  public CommandResult observe(String command) {
    return lab.observe(command);
  }

  @Override
  public CommandResult observeOnHost(String command) {
    return HostShell.run(command);
  }

  @Override
  public CommandResult run(String command) {
    return lab.run(command);
  }

  @Override
  public CommandResult runTraced(String command) {
    return lab.runTraced(command);
  }

  @Override
  public CommandResult shell() {
    List<String> argv =
        environment.shell() != null && !lab.rootMoved()
            ? List.of(
                environment.shell(), "--norc", "--noprofile", "-i") // dash cannot show \h or \w
            : List.of("/bin/sh", "-l"); // a login shell reads the root filesystem's /etc/profile
    return lab.interactive("sh", argv);
  }

  @Override
  public Map<Namespace, Long> namespaces() {
    return lab.namespaces();
  }

  @Override
  public Map<Namespace, Long> hostNamespaces() {
    return Lab.hostNamespaces();
  }

  @Override
  public boolean apartFromHost() {
    return lab.apartFromHost();
  }

  @Override
  public String hostname() {
    return lab.hostname();
  }

  @Override
  public List<Syscall> drainTrace() {
    return lab.drainTrace();
  }

  @Override
  public int tid() {
    return lab.tid();
  }

  @Override
  public void cancel() {
    lab.cancel();
  }

  @Override
  public void close() {
    lab.close();
  }
}
