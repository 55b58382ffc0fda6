package dev.nslab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The syscalls a lab made, in order, kept until drained: what a step shows the learner. */
final class Trace implements Consumer<Syscall> {
  private final List<Syscall> calls = new ArrayList<>();

  @Override
  public synchronized void accept(Syscall s) {
    calls.add(s);
  }

  /** The syscalls made since the last drain, in order. */
  synchronized List<Syscall> drain() {
    List<Syscall> out = List.copyOf(calls);
    calls.clear();
    return out;
  }
}
