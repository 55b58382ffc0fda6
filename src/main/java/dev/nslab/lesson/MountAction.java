package dev.nslab.lesson;

import dev.nslab.lab.Namespace;
import java.util.List;

/**
 * Actions in the lab's mount namespace, on its mounts and its root: the guard first asks that the
 * namespace be the lab's own (its mounts private, for most).
 */
public sealed interface MountAction extends Action {

  /** The part of {@link Action.Visitor} for these actions. */
  interface Visitor<R> {
    R mount(Mount a);

    R umount2(Umount2 a);

    R pivotRoot(PivotRoot a);

    R chdir(Chdir a);

    R chroot(Chroot a);

    R pin(Pin a);

    R proc(Proc a);
  }

  record Mount(String source, String target, String fstype, List<String> flags, String data)
      implements MountAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.mount(this);
    }
  }

  record Umount2(String target, boolean detach) implements MountAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.umount2(this);
    }
  }

  record PivotRoot(String newRoot, String putOld) implements MountAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.pivotRoot(this);
    }
  }

  record Chdir(String path) implements MountAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.chdir(this);
    }
  }

  record Chroot(String path) implements MountAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.chroot(this);
    }
  }

  record Pin(Namespace namespace, String of, String at) implements MountAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.pin(this);
    }
  }

  record Proc(String target) implements MountAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.proc(this);
    }
  }
}
