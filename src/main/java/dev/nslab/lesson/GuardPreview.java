package dev.nslab.lesson;

import dev.nslab.lab.Namespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What `nslab check` can tell before anything runs: the actions whose namespace guard would refuse
 * them, found by following which namespaces the lab has of its own step by step (unshare adds,
 * setns takes a process's). The guards themselves decide at run time, from the live lab; this is
 * their preview, so an author learns at LINE:COL instead of mid-lesson.
 */
final class GuardPreview implements Action.Visitor<Optional<String>> {
  /** An action where the lesson file has it. */
  record Placed(Action action, String path, int line, int column) {}

  private final Set<Namespace> own = EnumSet.noneOf(Namespace.class);

  /** The namespaces the lab's PID 1 was born in, once there is one. */
  private Set<Namespace> init;

  private boolean holderChild;

  private GuardPreview() {}

  static List<LessonProblem> of(Path file, List<Placed> actions) {
    GuardPreview lab = new GuardPreview();
    List<LessonProblem> out = new ArrayList<>();
    for (Placed p : actions) {
      p.action()
          .accept(lab)
          .ifPresent(
              why ->
                  out.add(
                      new LessonProblem(
                          file,
                          p.line(),
                          p.column(),
                          p.path()
                              + ": nslab would refuse "
                              + p.action().name()
                              + " here: "
                              + why
                              + " (guard: "
                              + p.action().kind().guard
                              + ")")));
    }
    return out;
  }

  private Optional<String> needs(Namespace n) {
    return own.contains(n)
        ? Optional.empty()
        : Optional.of(
            "no unshare of "
                + n.id
                + " comes before it, so the lab would still share the host's "
                + n.id
                + " namespace");
  }

  private Optional<String> net(NetAction.NetPlace place) {
    if (place == NetAction.NetPlace.LAB) return needs(Namespace.NET);
    if (init == null)
      return Optional.of("in: init needs the lab's PID 1, and no unshare of pid comes before it");
    return init.contains(Namespace.NET)
        ? Optional.empty()
        : Optional.of(
            "the lab's PID 1 was born in the host's network namespace (unshare net before pid)");
  }

  @Override
  public Optional<String> unshare(Action.Unshare a) {
    for (Namespace n : a.namespaces()) if (n != Namespace.USER) own.add(n);
    if (a.namespaces().contains(Namespace.PID)) init = EnumSet.copyOf(own);
    return Optional.empty();
  }

  @Override
  public Optional<String> sethostname(Action.Sethostname a) {
    return needs(Namespace.UTS);
  }

  @Override
  public Optional<String> mount(MountAction.Mount a) {
    return needs(Namespace.MNT);
  }

  @Override
  public Optional<String> umount2(MountAction.Umount2 a) {
    return needs(Namespace.MNT);
  }

  @Override
  public Optional<String> pivotRoot(MountAction.PivotRoot a) {
    return needs(Namespace.MNT);
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
    return Optional.empty();
  }

  @Override
  public Optional<String> run(Action.Run a) {
    return own.isEmpty() && !holderChild
        ? Optional.of(
            "no unshare or clone comes before it, so the command would run on the host itself")
        : Optional.empty();
  }

  @Override
  public Optional<String> kill(Action.Kill a) {
    return init != null
        ? Optional.empty()
        : Optional.of("no unshare of pid comes before it, so the lab has no PID 1");
  }

  @Override
  public Optional<String> clone(Action.Clone a) {
    if (a.run() == null) holderChild = true;
    return Optional.empty();
  }

  @Override
  public Optional<String> setns(Action.Setns a) {
    if (a.from().path() != null) {
      for (Namespace n : a.namespaces()) own.add(n);
      return Optional.empty();
    }
    if ("init".equals(a.from().process())) {
      if (init == null)
        return Optional.of(
            "no unshare of pid comes before it, so the lab has no PID 1 to take namespaces from");
      for (Namespace n : a.namespaces()) {
        if (!init.contains(n))
          return Optional.of("the lab's PID 1 is in the host's " + n.id + " namespace");
      }
      return Optional.empty();
    }
    if ("child".equals(a.from().process()) && !holderChild)
      return Optional.of("no clone comes before it, so the lab has no child");
    return Optional.empty();
  }

  @Override
  public Optional<String> pin(MountAction.Pin a) {
    return needs(Namespace.MNT);
  }

  @Override
  public Optional<String> proc(MountAction.Proc a) {
    return needs(Namespace.MNT);
  }

  @Override
  public Optional<String> cgroup(Action.Cgroup a) {
    return Optional.empty();
  }

  @Override
  public Optional<String> write(Action.Write a) {
    return Optional.empty();
  }

  @Override
  public Optional<String> linkUp(NetAction.LinkUp a) {
    return needs(Namespace.NET);
  }

  @Override
  public Optional<String> linkAdd(NetAction.LinkAdd a) {
    return net(a.in()).or(() -> net(a.peerIn()));
  }

  @Override
  public Optional<String> linkSet(NetAction.LinkSet a) {
    return net(a.in());
  }

  @Override
  public Optional<String> addrAdd(NetAction.AddrAdd a) {
    return net(a.in());
  }

  @Override
  public Optional<String> addrFlush(NetAction.AddrFlush a) {
    return net(a.in());
  }

  @Override
  public Optional<String> mqOpen(IpcAction.MqOpen a) {
    return needs(Namespace.IPC);
  }

  @Override
  public Optional<String> msgget(IpcAction.Msgget a) {
    return needs(Namespace.IPC);
  }

  @Override
  public Optional<String> shmget(IpcAction.Shmget a) {
    return needs(Namespace.IPC);
  }

  @Override
  public Optional<String> semget(IpcAction.Semget a) {
    return needs(Namespace.IPC);
  }
}
