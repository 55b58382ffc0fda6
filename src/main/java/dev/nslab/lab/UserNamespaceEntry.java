package dev.nslab.lab;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.StringArray;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The native side of running nslab itself in a user namespace of its own (cli/Rootless): a probe
 * that one may be made, execve(2) into util-linux's unshare, and the older way where unshare is
 * missing (a cloned child whose maps this JVM writes, waited for, its exit code read from a pipe).
 */
public final class UserNamespaceEntry {
  private UserNamespaceEntry() {}

  /** This process's PID, as its children name their parent. */
  public static int pid() {
    return Libc.C.getpid();
  }

  /** Whether {@code unshare --user --map-root-user true} succeeds: the kernel allows one here. */
  public static boolean allowed(String unshare, List<String> env) {
    int devNull = Libc.C.open("/dev/null", Kernel.O_WRONLY | Kernel.O_CLOEXEC, 0);
    try {
      int pid =
          Spawner.spawn(List.of(unshare, "--user", "--map-root-user", "true"), env, devNull, false);
      return Spawner.waitFor(pid) == 0;
    } catch (Spawner.Refused e) {
      return false;
    } finally {
      Libc.C.close(devNull);
    }
  }

  /** execve(2): returns only if it failed (a vanished binary). */
  public static void execve(String path, List<String> argv, List<String> env) {
    Function execve = NativeLibrary.getInstance("c").getFunction("execve");
    execve.invokeInt(
        new Object[] {
          path,
          new StringArray(argv.toArray(String[]::new)),
          new StringArray(env.toArray(String[]::new))
        });
  }

  /**
   * clone(2) of a child into a new user namespace that runs {@code command.apply(fd)} (a shell line
   * that writes its exit code to /proc/self/fd/FD), maps it to this user as root, runs {@code
   * beforeWait}, waits for it and returns that exit code. Empty when the kernel refused.
   */
  public static Optional<String> runAsRoot(IntFunction<String> command, Runnable beforeWait) {
    int[] pipe = new int[2];
    if (Libc.C.pipe2(pipe, 0) != 0) return Optional.empty();
    try {
      Kernel kernel = new Kernel(s -> {});
      Syscall clone = kernel.cloneSystem(List.of(Namespace.USER), command.apply(pipe[1]));
      if (clone.failed()) return Optional.empty();
      int child = (int) clone.result();
      String proc = "/proc/" + child + "/";
      boolean mapped =
          !kernel.write(proc + "setgroups", "deny").failed()
              && !kernel.write(proc + "gid_map", "0 " + Libc.C.getgid() + " 1").failed()
              && !kernel.write(proc + "uid_map", "0 " + Libc.C.geteuid() + " 1").failed();
      if (!mapped) {
        Libc.C.kill(child, Signals.SIGKILL);
        Spawner.waitFor(child);
        return Optional.empty();
      }
      beforeWait.run();
      Spawner.waitFor(child);
      Libc.C.close(pipe[1]);
      pipe[1] = -1;
      byte[] buf = new byte[16];
      int n = Libc.C.read(pipe[0], buf, new NativeLong(buf.length)).intValue();
      return Optional.of(n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII).strip() : "");
    } finally {
      Libc.C.close(pipe[0]);
      if (pipe[1] >= 0) Libc.C.close(pipe[1]);
    }
  }
}
