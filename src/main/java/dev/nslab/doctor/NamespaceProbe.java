package dev.nslab.doctor;

import dev.nslab.lab.Kernel;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Spawner;
import dev.nslab.lab.Syscall;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Creates one namespace of each type for real and lets it go at once. Each type but user is
 * unshared on a throwaway thread of its own (namespaces are per thread, and die with it); a user
 * namespace needs a child process, which exits straight away.
 */
final class NamespaceProbe {
  private NamespaceProbe() {}

  /** For each type, the syscall that tried it: {@code failed()} with the kernel's errno, or not. */
  static Map<Namespace, Syscall> run() {
    Map<Namespace, Syscall> results = new EnumMap<>(Namespace.class);
    for (Namespace ns : Namespace.values())
      results.put(ns, ns == Namespace.USER ? userNamespace() : onThrowawayThread(ns));
    return results;
  }

  private static Syscall onThrowawayThread(Namespace ns) {
    Syscall[] result = new Syscall[1];
    Thread t =
        new Thread(
            () -> {
              Kernel kernel = new Kernel(s -> {});
              // A JVM's threads share one fs_struct: a new mount namespace needs a private one
              // first.
              if (ns == Namespace.MNT) kernel.unshareFs();
              result[0] = kernel.unshare(List.of(ns));
            },
            "nslab-doctor-" + ns.id);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result[0];
  }

  private static Syscall userNamespace() {
    Syscall clone = new Kernel(s -> {}).cloneSystem(List.of(Namespace.USER), "true");
    if (!clone.failed()) Spawner.waitFor((int) clone.result());
    return clone;
  }
}
