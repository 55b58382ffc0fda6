package dev.nslab.lab;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one platform thread a lab lives on. Namespaces belong to threads, not to the JVM: every
 * unshare, mount and spawn of a lab runs here, and the lab's namespaces end when this thread ends.
 * The work done here is JNA calls only: after unshare(CLONE_NEWPID) this thread cannot start
 * threads, and after pivot_root it cannot load classes from the old root.
 */
final class LabThread implements AutoCloseable {
  private static final FutureTask<Void> STOP = new FutureTask<>(() -> null);

  private final BlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile int tid;

  LabThread(String name) {
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
    call(() -> tid = Libc.C.gettid());
  }

  /** The kernel's id for this thread: /proc/self/task/TID/ns shows the lab's namespaces. */
  int tid() {
    return tid;
  }

  boolean isCurrent() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code work} on the lab thread and waits for it. */
  <T> T call(Callable<T> work) {
    if (isCurrent()) {
      try {
        return work.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    FutureTask<T> task = new FutureTask<>(work);
    tasks.add(task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the lab thread finishes what it started; cancellation is by signal
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          if (e.getCause() instanceof Error err) throw err;
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (true) {
      FutureTask<?> task;
      try {
        task = tasks.take();
      } catch (InterruptedException e) {
        return;
      }
      if (task == STOP) return;
      task.run();
    }
  }

  /** Ends the thread, and with it every namespace that only it held. */
  @Override
  public void close() {
    if (!thread.isAlive()) return;
    tasks.add(STOP);
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
