package dev.nslab.session;

import dev.nslab.lab.Lab;
import dev.nslab.lab.Namespace;
import dev.nslab.lesson.Action;
import dev.nslab.lesson.IpcAction;
import dev.nslab.lesson.MountAction;
import dev.nslab.lesson.NetAction;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The guard column of the action table: before an action makes its first syscall, nslab checks from
 * the lab's live state (never the lesson's intentions) that it cannot reach the host. Each visit
 * returns why the action is refused, or empty.
 */
final class ActionGuard implements Action.Visitor<Optional<String>> {
  private static final List<String> PROPAGATION =
      List.of("rec", "private", "slave", "ms_rec", "ms_private", "ms_slave");

  private final Lab lab;
  private final Vars vars;
  private final Set<Namespace> own;

  private ActionGuard(Lab lab, Vars vars) {
    this.lab = lab;
    this.vars = vars;
    this.own = lab.ownOnThread();
  }

  /** Throws a {@link GuardRefusal} naming the guard when the action could change the host. */
  static void check(Lab lab, Action action, Vars vars) {
    action
        .accept(new ActionGuard(lab, vars))
        .ifPresent(
            why -> {
              throw new GuardRefusal(
                  "nslab refused "
                      + action.name()
                      + ": "
                      + why
                      + ". (Guard: "
                      + action.kind().guard
                      + ".)");
            });
  }

  private Optional<String> needs(Namespace n) {
    return own.contains(n)
        ? Optional.empty()
        : Optional.of(
            "the lab still shares the host's "
                + n.id
                + " namespace, so this would change the host; unshare ["
                + n.id
                + "] first");
  }

  private Optional<String> privateMounts() {
    Optional<String> ns = needs(Namespace.MNT);
    if (ns.isPresent()) return ns;
    return lab.hasSharedMounts()
        ? Optional.of(
            "the lab's mounts are still shared with the host, so this would appear there too; make them "
                + "private first (- mount: {target: /, flags: [rec, private]})")
        : Optional.empty();
  }

  private Optional<String> owned(String path) {
    return lab.writeRefusal(vars.expand(path));
  }

  private Optional<String> ownIpc() {
    return needs(Namespace.IPC);
  }

  @Override
  public Optional<String> unshare(Action.Unshare a) {
    return Optional.empty();
  }

  @Override
  public Optional<String> sethostname(Action.Sethostname a) {
    return needs(Namespace.UTS);
  }

  @Override
  public Optional<String> mount(MountAction.Mount a) {
    boolean remount =
        a.flags().stream()
            .anyMatch(f -> f.toLowerCase(Locale.ROOT).replace("ms_", "").equals("remount"));
    boolean bind =
        a.flags().stream()
            .anyMatch(f -> f.toLowerCase(Locale.ROOT).replace("ms_", "").equals("bind"));
    if (remount && !bind) {
      return Optional.of(
          "a remount without bind changes the file system itself, which the host shares even from "
              + "a private copy; remount with [bind, remount] to change only the lab's mount");
    }
    boolean propagationOnly =
        a.source() == null
            && a.fstype() == null
            && !a.flags().isEmpty()
            && a.flags().stream().allMatch(f -> PROPAGATION.contains(f.toLowerCase(Locale.ROOT)));
    if (propagationOnly) return needs(Namespace.MNT);
    Optional<String> mounts = privateMounts();
    if (mounts.isPresent() || !"overlay".equals(a.fstype()) || a.data() == null) return mounts;
    // An overlay writes its upper and work directories: they must be the lab's too.
    for (String option : vars.expand(a.data()).split(",")) {
      if (option.startsWith("upperdir=") || option.startsWith("workdir=")) {
        Optional<String> why = lab.writeRefusal(option.substring(option.indexOf('=') + 1));
        if (why.isPresent()) return why;
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> umount2(MountAction.Umount2 a) {
    return privateMounts();
  }

  @Override
  public Optional<String> pivotRoot(MountAction.PivotRoot a) {
    return privateMounts();
  }

  @Override
  public Optional<String> chdir(MountAction.Chdir a) {
    return needs(Namespace.MNT);
  }

  @Override
  public Optional<String> chroot(MountAction.Chroot a) {
    return needs(Namespace.MNT);
  }

  @Override
  public Optional<String> mkdir(Action.Mkdir a) {
    return owned(a.path());
  }

  @Override
  public Optional<String> run(Action.Run a) {
    return lab.apartFromHost()
        ? Optional.empty()
        : Optional.of(
            "the lab has no namespace of its own yet, so the command would run on the host itself");
  }

  @Override
  public Optional<String> kill(Action.Kill a) {
    return lab.initPid() > 0
        ? Optional.empty()
        : Optional.of("the lab has no PID namespace of its own, so it has no PID 1 to kill");
  }

  @Override
  public Optional<String> clone(Action.Clone a) {
    return Optional.empty();
  }

  @Override
  public Optional<String> setns(Action.Setns a) {
    if (a.from().path() != null) {
      return lab.pinned(vars.expand(a.from().path()))
          ? Optional.empty()
          : Optional.of(vars.expand(a.from().path()) + " is not a namespace this lab pinned");
    }
    int pid = lab.process(a.from().process());
    if (pid <= 0)
      return Optional.of(
          "the lab has no " + a.from().process() + " process to take namespaces from");
    for (Namespace n : a.namespaces()) {
      if (lab.namespaceOf(pid, n) == Lab.hostNamespaces().get(n)) {
        return Optional.of(
            a.from().process()
                + "'s "
                + n.id
                + " namespace is the host's: joining it would make the lab the host");
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> pin(MountAction.Pin a) {
    Optional<String> mounts = privateMounts();
    if (mounts.isPresent()) return mounts;
    int pid = lab.process(a.of());
    if (pid <= 0)
      return Optional.of("the lab has no " + a.of() + " process whose namespace to pin");
    if (lab.namespaceOf(pid, a.namespace()) == Lab.hostNamespaces().get(a.namespace())) {
      return Optional.of("that " + a.namespace().id + " namespace is the host's, not the lab's");
    }
    return owned(a.at());
  }

  @Override
  public Optional<String> proc(MountAction.Proc a) {
    return privateMounts();
  }

  @Override
  public Optional<String> cgroup(Action.Cgroup a) {
    return Optional.empty();
  }

  @Override
  public Optional<String> write(Action.Write a) {
    return owned(a.path());
  }

  @Override
  public Optional<String> linkUp(NetAction.LinkUp a) {
    return needs(Namespace.NET);
  }

  /** A network action's namespace: the lab thread's own, or PID 1's, never the host's. */
  private Optional<String> network(NetAction.NetPlace place) {
    if (place == NetAction.NetPlace.LAB) return needs(Namespace.NET);
    if (lab.initPid() <= 0)
      return Optional.of(
          "the lab has no PID 1 (no PID namespace of its own) whose network namespace this could be");
    return lab.initNetNamespace() == Lab.hostNamespaces().get(Namespace.NET)
        ? Optional.of(
            "its PID 1 is still in the host's network namespace, so this would change the host's network")
        : Optional.empty();
  }

  @Override
  public Optional<String> linkAdd(NetAction.LinkAdd a) {
    return network(a.in()).or(() -> network(a.peerIn()));
  }

  @Override
  public Optional<String> linkSet(NetAction.LinkSet a) {
    return network(a.in());
  }

  @Override
  public Optional<String> addrAdd(NetAction.AddrAdd a) {
    return network(a.in());
  }

  @Override
  public Optional<String> addrFlush(NetAction.AddrFlush a) {
    return network(a.in());
  }

  @Override
  public Optional<String> mqOpen(IpcAction.MqOpen a) {
    return ownIpc();
  }

  @Override
  public Optional<String> msgget(IpcAction.Msgget a) {
    return ownIpc();
  }

  @Override
  public Optional<String> shmget(IpcAction.Shmget a) {
    return ownIpc();
  }

  @Override
  public Optional<String> semget(IpcAction.Semget a) {
    return ownIpc();
  }
}
