package dev.nslab.lab;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PID 1 of the lab's PID namespace: the host's /bin/sh named nslab-init, reading its script from a
 * pipe only this lab holds. The first child after unshare(CLONE_NEWPID) becomes PID 1 and the
 * namespace dies with it, so the lab starts this one at once. The script ignores SIGCHLD, so the
 * kernel reaps every orphan re-parented to it; then the shell waits for more script. When the lab
 * closes the pipe, or the JVM dies however it dies, the shell reads end-of-file and exits, and the
 * PID namespace ends with it. One exec instead of setpriv, bash and sleep.
 */
final class LabInit {
  private final Kernel kernel;
  private final LabCgroups cgroups;
  private final List<String> env;
  private volatile int pid;

  /** The write end of nslab-init's stdin; nslab-init ends when it closes. */
  private int input = -1;

  /** Once started, the lab's commands are held by its PID namespace, even after PID 1 is killed. */
  private boolean started;

  LabInit(Kernel kernel, LabCgroups cgroups, List<String> env) {
    this.kernel = kernel;
    this.cgroups = cgroups;
    this.env = env;
  }

  /** On the lab thread, right after its unshare(CLONE_NEWPID): the traced posix_spawn of PID 1. */
  void start() {
    long t0 = System.nanoTime();
    int[] pipe = new int[2];
    if (Libc.C.pipe2(pipe, Kernel.O_CLOEXEC) < 0) {
      kernel.record("pipe2", "fds, O_CLOEXEC", -1, Native.getLastError(), System.nanoTime() - t0);
      return;
    }
    byte[] script = "trap '' CHLD\n".getBytes(StandardCharsets.US_ASCII);
    Libc.C.write(pipe[1], script, new NativeLong(script.length)); // fits the pipe's buffer
    String call = "\"/bin/sh\", [\"nslab-init\"]";
    try {
      int spawned = Spawner.spawnReading("/bin/sh", List.of("nslab-init"), env, pipe[0]);
      kernel.record("posix_spawn", call, spawned, 0, System.nanoTime() - t0);
      cgroups.startedInLab(spawned);
      pid = spawned;
      input = pipe[1];
      started = true;
    } catch (Spawner.Refused e) {
      kernel.record("posix_spawn", call, -1, e.errno(), System.nanoTime() - t0);
      Libc.C.close(pipe[1]);
    } finally {
      Libc.C.close(pipe[0]);
    }
  }

  /**
   * Until PID 1 sleeps in its read: a pivot_root before would pull the root from under its loader.
   */
  void awaitAsleep() {
    if (pid > 0) Procfs.awaitAsleepAs(pid, "nslab-init");
  }

  /** The host pid of PID 1, or 0 when there is none (no PID namespace, or it was killed). */
  int pid() {
    return pid;
  }

  /** Whether the lab has had a PID namespace of its own, with a PID 1 in it. */
  boolean started() {
    return started;
  }

  /** On the lab thread: SIGKILL to PID 1, and the PID namespace dies with it. */
  Syscall kill() {
    Syscall s = kernel.kill(pid, Signals.SIGKILL);
    if (!s.failed()) Spawner.waitFor(pid);
    pid = 0;
    return s;
  }

  /** Kills and reaps PID 1 on the lab thread, and closes its pipe. */
  void close(LabThread thread) {
    int live = pid;
    if (live > 0) {
      thread.call(
          () -> {
            Libc.C.kill(live, Signals.SIGKILL);
            Spawner.waitFor(live);
            return null;
          });
      pid = 0;
    }
    if (input >= 0) Libc.C.close(input);
    input = -1;
  }
}
