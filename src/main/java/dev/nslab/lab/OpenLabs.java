package dev.nslab.lab;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Labs not yet closed: Ctrl-C or SIGTERM closes them before the JVM ends. */
final class OpenLabs {
  private static final Set<Lab> OPEN = ConcurrentHashMap.newKeySet();

  static {
    // The kernel ends the lab's processes and namespaces by itself when the JVM dies (SIGKILL
    // included); only cgroup directories outlive it. A polite exit removes them at once.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> OPEN.forEach(Lab::close), "nslab-close-labs"));
  }

  private OpenLabs() {}

  static void add(Lab lab) {
    OPEN.add(lab);
  }

  /** Whether the lab was open: false when closed already (by its owner, or by the hook). */
  static boolean remove(Lab lab) {
    return OPEN.remove(lab);
  }
}
