package dev.nslab.session;

import dev.nslab.lab.Cgroups;
import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Kernel;
import dev.nslab.lab.KernelRelease;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabException;
import dev.nslab.lab.MountFlags;
import dev.nslab.lab.Syscall;
import dev.nslab.lab.netlink.PeerNamespace;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.IpcAction;
import dev.nslab.lesson.MountAction;
import dev.nslab.lesson.NetAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Carries out one action on a lab: first its guard ({@link ActionGuard}), then the syscalls it
 * names, nothing else. Returns the command a {@code run} started, or null.
 */
final class ActionRunner implements Action.Visitor<CommandResult> {
  private final Lab lab;
  private final Vars vars;
  private String note;

  private ActionRunner(Lab lab, Vars vars) {
    this.lab = lab;
    this.vars = vars;
  }

  static ActionResult apply(Lab lab, Action action, Vars vars) {
    lab.drainTrace();
    ActionGuard.check(lab, action, vars);
    ActionRunner runner = new ActionRunner(lab, vars);
    CommandResult command = action.accept(runner);
    return new ActionResult(action, lab.drainTrace(), command, runner.note);
  }

  private String x(String text) {
    return vars.expand(text);
  }

  @Override
  public CommandResult unshare(Action.Unshare a) {
    lab.unshare(a.namespaces());
    return null;
  }

  @Override
  public CommandResult sethostname(Action.Sethostname a) {
    lab.sethostname(x(a.hostname()));
    return null;
  }

  @Override
  public CommandResult mount(MountAction.Mount a) {
    KernelRelease kernel = KernelRelease.running();
    if (procForPidNamespace(a) && !kernel.procPidnsOption()) {
      note =
          (kernel.atLeast(6, 15)
                  ? "With -Dnslab.procPidns=false, as if"
                  : "Linux " + kernel.text() + " has")
              + " no pidns= for proc (6.15 added it): a process inside the lab's PID namespace made this mount, "
              + "as unshare --mount-proc does.";
      return mountProcFromInside(a);
    }
    int flags = 0;
    for (String name : a.flags()) flags |= MountFlags.byName(name).orElseThrow();
    lab.mount(x(a.source()), x(a.target()), a.fstype(), flags, x(a.data()));
    return null;
  }

  private static boolean procForPidNamespace(MountAction.Mount a) {
    return "proc".equals(a.fstype()) && a.data() != null && a.data().contains("pidns=");
  }

  /**
   * Before Linux 6.15 a proc shows the PID namespace of the process that mounts it, and no thread
   * of a JVM can be in the lab's. A child of the lab thread is (it is born there), so mount(8)
   * started from it makes the same mount(2).
   */
  private CommandResult mountProcFromInside(MountAction.Mount a) {
    String options =
        a.flags().isEmpty() ? "" : " -o " + String.join(",", a.flags()).toLowerCase(Locale.ROOT);
    String target = x(a.target());
    CommandResult r =
        lab.runTraced("mount -t proc" + options + " proc '" + target.replace("'", "'\\''") + "'");
    if (!r.ok()) {
      throw new LabException(
          "could not mount proc for the lab's PID namespace on "
              + target
              + ": "
              + (r.started() ? r.output().strip() : r.status()));
    }
    return r;
  }

  @Override
  public CommandResult umount2(MountAction.Umount2 a) {
    lab.umount2(x(a.target()), a.detach() ? Kernel.MNT_DETACH : 0);
    return null;
  }

  @Override
  public CommandResult pivotRoot(MountAction.PivotRoot a) {
    lab.pivotRoot(x(a.newRoot()), x(a.putOld()));
    return null;
  }

  @Override
  public CommandResult chdir(MountAction.Chdir a) {
    lab.chdir(x(a.path()));
    return null;
  }

  @Override
  public CommandResult chroot(MountAction.Chroot a) {
    lab.chroot(x(a.path()));
    return null;
  }

  @Override
  public CommandResult mkdir(Action.Mkdir a) {
    lab.mkdir(x(a.path()), 0755);
    return null;
  }

  @Override
  public CommandResult run(Action.Run a) {
    return lab.runTraced(x(a.command()));
  }

  @Override
  public CommandResult kill(Action.Kill a) {
    lab.killInit();
    return null;
  }

  @Override
  public CommandResult clone(Action.Clone a) {
    if (a.run() != null) return lab.cloneRun(a.namespaces(), x(a.run()));
    lab.cloneChild(a.namespaces());
    return null;
  }

  @Override
  public CommandResult setns(Action.Setns a) {
    if (a.from().path() != null) lab.setnsFrom(x(a.from().path()), a.namespaces().get(0));
    else lab.setnsFrom(lab.process(a.from().process()), a.namespaces());
    return null;
  }

  @Override
  public CommandResult pin(MountAction.Pin a) {
    String at = x(a.at());
    if (!lab.pin(lab.process(a.of()), a.namespace(), at).stream().anyMatch(Syscall::failed))
      lab.pinned(at, true);
    return null;
  }

  /**
   * A proc for the lab's PID namespace: with pidns= naming nslab-init's namespace where the kernel
   * has it and the lab thread still sees the host's /proc, else made from inside.
   */
  @Override
  public CommandResult proc(MountAction.Proc a) {
    List<String> flags = List.of("nosuid", "nodev", "noexec");
    if (lab.initPid() <= 0) {
      lab.mount(
          "proc",
          x(a.target()),
          "proc",
          Kernel.MS_NOSUID | Kernel.MS_NODEV | Kernel.MS_NOEXEC,
          null);
      return null;
    }
    String pidns = "/proc/" + lab.initPid() + "/ns/pid";
    boolean named =
        KernelRelease.running().procPidnsOption()
            && lab.threadSees("/proc/" + lab.initPid() + "/ns");
    if (!named) {
      note =
          "A process inside the lab's PID namespace made this mount, as unshare --mount-proc does: "
              + (KernelRelease.running().procPidnsOption()
                  ? "the lab's own /proc no longer shows nslab-init's host PID."
                  : "Linux "
                      + KernelRelease.running().text()
                      + " has no pidns= for proc (6.15 added it).");
      return mountProcFromInside(new MountAction.Mount("proc", a.target(), "proc", flags, null));
    }
    lab.mount(
        "proc",
        x(a.target()),
        "proc",
        Kernel.MS_NOSUID | Kernel.MS_NODEV | Kernel.MS_NOEXEC,
        "pidns=" + pidns);
    return null;
  }

  @Override
  public CommandResult cgroup(Action.Cgroup a) {
    Cgroups.Layout layout = Cgroups.detect();
    List<Path> named = new ArrayList<>();
    for (var limit : a.limits().entrySet()) {
      boolean pids = limit.getKey().equals("pids.max");
      Path root = pids ? layout.pids() : layout.memory();
      if (root == null) {
        String controller = pids ? "pids" : "memory";
        throw new LabException(
            layout.v2()
                ? "the "
                    + controller
                    + " controller is not enabled for child cgroups here ("
                    + layout.describe()
                    + "): as root, echo +"
                    + controller
                    + " > /sys/fs/cgroup/cgroup.subtree_control enables it."
                : "this host has no "
                    + controller
                    + " cgroup controller ("
                    + layout.describe()
                    + "): the kernel or the init system left it out.");
      }
      named.add(lab.cgroup(root));
      String value = x(limit.getValue());
      lab.limit(root, pids ? "pids.max" : layout.memoryLimitFile(), value);
      // With swap, the kernel would page a limited process out rather than stop it.
      if (!pids && Files.exists(lab.cgroup(root).resolve(layout.swapLimitFile()))) {
        lab.limit(root, layout.swapLimitFile(), layout.v2() ? "0" : value);
      }
    }
    if (a.join()) lab.joinCgroups(named);
    if (a.leave()) lab.leaveCgroups();
    return null;
  }

  @Override
  public CommandResult write(Action.Write a) {
    lab.write(x(a.path()), x(a.data()));
    return null;
  }

  @Override
  public CommandResult linkUp(NetAction.LinkUp a) {
    lab.netlink(false, r -> List.of(r.linkSetUp(x(a.ifname()), true)));
    return null;
  }

  @Override
  public CommandResult linkAdd(NetAction.LinkAdd a) {
    boolean inInit = a.in() == NetAction.NetPlace.INIT;
    if (a.bridge()) {
      lab.netlink(inInit, r -> List.of(r.linkAddBridge(x(a.link()))));
      return null;
    }
    // The peer goes where the kernel is told by PID: nslab-init's, or the lab thread's own.
    PeerNamespace peer =
        a.peerIn() == a.in()
            ? null
            : PeerNamespace.pid(a.peerIn() == NetAction.NetPlace.INIT ? lab.initPid() : lab.tid());
    lab.netlink(inInit, r -> List.of(r.linkAddVeth(x(a.link()), x(a.peer()), peer)));
    return null;
  }

  @Override
  public CommandResult linkSet(NetAction.LinkSet a) {
    String dev = x(a.dev());
    lab.netlink(
        a.in() == NetAction.NetPlace.INIT,
        r -> {
          List<Syscall> calls = new ArrayList<>();
          if (a.master() != null)
            calls.add(r.linkSetMaster(dev, a.master().equals("none") ? null : x(a.master())));
          if (a.up() != null && calls.stream().noneMatch(Syscall::failed))
            calls.add(r.linkSetUp(dev, a.up()));
          return calls;
        });
    return null;
  }

  @Override
  public CommandResult addrAdd(NetAction.AddrAdd a) {
    String cidr = x(a.cidr());
    try {
      lab.netlink(a.in() == NetAction.NetPlace.INIT, r -> List.of(r.addrAdd(x(a.dev()), cidr)));
    } catch (IllegalArgumentException e) {
      throw new LabException(
          "addr_add: '" + cidr + "' is not an address with its prefix, like 10.0.0.1/24.");
    }
    return null;
  }

  @Override
  public CommandResult addrFlush(NetAction.AddrFlush a) {
    lab.netlink(a.in() == NetAction.NetPlace.INIT, r -> List.of(r.addrFlush(x(a.dev()))));
    return null;
  }

  @Override
  public CommandResult mqOpen(IpcAction.MqOpen a) {
    lab.mqOpen(a.queue());
    return null;
  }

  @Override
  public CommandResult msgget(IpcAction.Msgget a) {
    lab.msgget(a.key());
    return null;
  }

  @Override
  public CommandResult shmget(IpcAction.Shmget a) {
    lab.shmget(a.key(), a.size());
    return null;
  }

  @Override
  public CommandResult semget(IpcAction.Semget a) {
    lab.semget(a.key(), a.count());
    return null;
  }
}
