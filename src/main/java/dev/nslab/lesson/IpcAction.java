package dev.nslab.lesson;

/**
 * Actions that make an IPC object (a POSIX message queue, a SysV queue, segment or semaphore set)
 * in the lab's IPC namespace, which must be its own.
 */
public sealed interface IpcAction extends Action {

  /** The part of {@link Action.Visitor} for these actions. */
  interface Visitor<R> {
    R mqOpen(MqOpen a);

    R msgget(Msgget a);

    R shmget(Shmget a);

    R semget(Semget a);
  }

  record MqOpen(String queue) implements IpcAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.mqOpen(this);
    }
  }

  record Msgget(int key) implements IpcAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.msgget(this);
    }
  }

  record Shmget(int key, int size) implements IpcAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.shmget(this);
    }
  }

  record Semget(int key, int count) implements IpcAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.semget(this);
    }
  }
}
