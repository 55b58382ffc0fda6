package dev.nslab.lab;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * Loads libc and starts JNA's cleaner thread from an ordinary thread. Were the first JNA allocation
 * to happen on a lab thread after unshare(CLONE_NEWPID), the cleaner thread could not be created
 * (EINVAL) and would, worse, carry the lab's namespaces.
 */
public final class NativeWarmup {
  private static volatile boolean done;

  private NativeWarmup() {}

  /** The JNA version nslab calls libc through, for doctor. */
  public static String jnaVersion() {
    return Native.VERSION;
  }

  public static void ensure() {
    if (done) return;
    synchronized (NativeWarmup.class) {
      if (done) return;
      Libc.C.getpid();
      try (Memory m = new Memory(8)) {
        m.setLong(0, 0);
      }
      done = true;
    }
  }
}
