package dev.nslab.session;

import dev.nslab.lab.Cgroups;
import dev.nslab.lab.CommandResult;
import dev.nslab.lab.Kernel;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabException;
import dev.nslab.lab.KernelRelease;
import dev.nslab.lab.MountFlags;
import dev.nslab.lab.Namespace;
import dev.nslab.lesson.Action;
import java.util.List;

/** Carries out one action on a lab: the syscalls it names, nothing else. */
final class ActionRunner {
  private ActionRunner() {}

  static ActionResult apply(Lab lab, Action action, Vars vars) {
    lab.drainTrace();
    CommandResult command = null;
    String note = null;
    if (action instanceof Action.Unshare a) {
      lab.unshare(a.namespaces());
    } else if (action instanceof Action.Sethostname a) {
      lab.sethostname(vars.expand(a.hostname()));
    } else if (action instanceof Action.Mount a) {
      requirePrivateMounts(lab, a);
      KernelRelease kernel = KernelRelease.running();
      if (procForPidNamespace(a) && !kernel.procPidnsOption()) {
        command = mountProcFromInside(lab, a, vars);
        note = (kernel.atLeast(6, 15) ? "With -Dnslab.procPidns=false, as if" : "Linux " + kernel.text() + " has")
            + " no pidns= for proc (6.15 added it): a process inside the lab's PID namespace made this mount, "
            + "as unshare --mount-proc does.";
      } else {
        lab.mount(vars.expand(a.source()), vars.expand(a.target()), a.fstype(), flags(a), vars.expand(a.data()));
      }
    } else if (action instanceof Action.Umount2 a) {
      lab.umount2(vars.expand(a.target()), a.detach() ? Kernel.MNT_DETACH : 0);
    } else if (action instanceof Action.PivotRoot a) {
      lab.pivotRoot(vars.expand(a.newRoot()), vars.expand(a.putOld()));
    } else if (action instanceof Action.Chdir a) {
      lab.chdir(vars.expand(a.path()));
    } else if (action instanceof Action.Chroot a) {
      lab.chroot(vars.expand(a.path()));
    } else if (action instanceof Action.Mkdir a) {
      lab.mkdir(vars.expand(a.path()), 0755);
    } else if (action instanceof Action.Clone a) {
      lab.cloneChild(a.namespaces());
    } else if (action instanceof Action.Cgroup a) {
      Cgroups.Layout layout = Cgroups.detect();
      for (var limit : a.limits().entrySet()) {
        boolean pids = limit.getKey().equals("pids.max");
        java.nio.file.Path root = pids ? layout.pids() : layout.memory();
        if (root == null) {
          String controller = pids ? "pids" : "memory";
          throw new LabException(layout.v2()
              ? "the " + controller + " controller is not enabled for child cgroups here (" + layout.describe()
                  + "): as root, echo +" + controller + " > /sys/fs/cgroup/cgroup.subtree_control enables it."
              : "this host has no " + controller + " cgroup controller (" + layout.describe()
                  + "): the kernel or the init system left it out.");
        }
        String value = vars.expand(limit.getValue());
        lab.limit(root, pids ? "pids.max" : layout.memoryLimitFile(), value);
        // With swap, the kernel would page a limited process out rather than stop it.
        if (!pids && java.nio.file.Files.exists(lab.cgroup(root).resolve(layout.swapLimitFile()))) {
          lab.limit(root, layout.swapLimitFile(), layout.v2() ? "0" : value);
        }
      }
      if (a.join()) lab.joinCgroups();
    } else if (action instanceof Action.Write a) {
      lab.write(vars.expand(a.path()), vars.expand(a.data()));
    } else if (action instanceof Action.LinkUp a) {
      if (lab.namespaces().get(Namespace.NET).equals(Lab.hostNamespaces().get(Namespace.NET))) {
        throw new LabException("nslab never changes the host's network links: unshare [net] first.");
      }
      lab.linkUp(vars.expand(a.ifname()));
    } else if (action instanceof Action.MqOpen a) {
      requireOwnIpc(lab);
      lab.mqOpen(a.queue());
    } else if (action instanceof Action.Msgget a) {
      requireOwnIpc(lab);
      lab.msgget(a.key());
    } else if (action instanceof Action.Shmget a) {
      requireOwnIpc(lab);
      lab.shmget(a.key(), a.size());
    } else if (action instanceof Action.Semget a) {
      requireOwnIpc(lab);
      lab.semget(a.key(), a.count());
    } else if (action instanceof Action.Run a) {
      command = lab.runTraced(vars.expand(a.command()));
    } else if (action instanceof Action.Kill) {
      lab.killInit();
    }
    return new ActionResult(action, lab.drainTrace(), command, note);
  }

  private static boolean procForPidNamespace(Action.Mount a) {
    return "proc".equals(a.fstype()) && a.data() != null && a.data().contains("pidns=");
  }

  /**
   * Before Linux 6.15 a proc shows the PID namespace of the process that mounts it, and no
   * thread of a JVM can be in the lab's. A child of the lab thread is (it is born there), so
   * mount(8) started from it makes the same mount(2).
   */
  private static CommandResult mountProcFromInside(Lab lab, Action.Mount a, Vars vars) {
    String options = a.flags().isEmpty() ? "" : " -o " + String.join(",", a.flags()).toLowerCase(java.util.Locale.ROOT);
    String target = vars.expand(a.target());
    CommandResult r = lab.runTraced("mount -t proc" + options + " proc '" + target.replace("'", "'\\''") + "'");
    if (!r.ok()) {
      throw new LabException("could not mount proc for the lab's PID namespace on " + target + ": "
          + (r.started() ? r.output().strip() : r.status()));
    }
    return r;
  }

  /** IPC objects made in the host's namespace would outlive nslab; nslab never makes them there. */
  private static void requireOwnIpc(Lab lab) {
    if (lab.namespaces().get(Namespace.IPC).equals(Lab.hostNamespaces().get(Namespace.IPC))) {
      throw new LabException("nslab makes SysV IPC objects only in an IPC namespace of the lab's own, "
          + "never in the host's, where they would outlive nslab: unshare [ipc] first.");
    }
  }

  /**
   * A mount in the host's mount namespace, or under a mount still shared with it, would appear on
   * the host. Changing propagation itself (no source, only rec/private/slave/shared) is allowed.
   */
  private static void requirePrivateMounts(Lab lab, Action.Mount mount) {
    boolean propagationOnly = mount.source() == null && mount.fstype() == null && !mount.flags().isEmpty()
        && mount.flags().stream().allMatch(f -> List.of("rec", "private", "slave", "ms_rec", "ms_private", "ms_slave")
            .contains(f.toLowerCase(java.util.Locale.ROOT)));
    if (lab.namespaces().get(Namespace.MNT).equals(Lab.hostNamespaces().get(Namespace.MNT))) {
      throw new LabException("nslab never mounts in the host's mount namespace: unshare [mnt] first.");
    }
    if (!propagationOnly && lab.hasSharedMounts()) {
      throw new LabException("the lab's mounts are still shared with the host, so this mount would appear "
          + "there too: make them private first (- mount: {target: /, flags: [rec, private]}).");
    }
  }

  private static int flags(Action.Mount mount) {
    int flags = 0;
    for (String name : mount.flags()) flags |= MountFlags.byName(name).orElseThrow();
    return flags;
  }
}
