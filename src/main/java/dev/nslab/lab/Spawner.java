package dev.nslab.lab;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts processes with posix_spawn(3) on the calling thread, so they are born in that thread's
 * namespaces, root and working directory. ProcessBuilder cannot be used in a lab: it needs a helper
 * thread (impossible after unshare(CLONE_NEWPID)) and jspawnhelper (gone after pivot_root).
 *
 * <p>Output goes to a memfd rather than a pipe, so a command that leaves a background child holding
 * its stdout cannot keep nslab waiting.
 *
 * <p>Kernels before 6.3 (Debian 12's 6.1, for one) refuse a clone with CLONE_VM from a task whose
 * next children go to a new time namespace (after unshare(CLONE_NEWTIME)): posix_spawn uses
 * CLONE_VM|CLONE_VFORK, so every command of such a lab would fail with EINVAL. When posix_spawn
 * says EINVAL and the thread has a time namespace pending for its children, the command starts
 * instead through a fork-style clone (no CLONE_VM, {@link ForkSpawn}). This is decided by what the
 * kernel answers, not its version.
 */
public final class Spawner {
  private static final short POSIX_SPAWN_SETPGROUP = 0x02,
      POSIX_SPAWN_SETSIGDEF = 0x04,
      POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final int O_RDONLY = 0, O_RDWR = 2, O_CLOEXEC = 02000000, MFD_CLOEXEC = 1;

  /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on 64-bit. */
  private static final int FILE_ACTIONS_SIZE = 256, ATTR_SIZE = 512, SIGSET_SIZE = 128;

  private static final int MAX_OUTPUT = 256 * 1024;

  private Spawner() {}

  /** A started process: its pid (as the host sees it) and the memfd its output goes to. */
  public record Started(int pid, int outputFd) {}

  /** No process was started: the errno posix_spawn (or the call before it) returned. */
  public static final class Refused extends Exception {
    private final int errno;

    Refused(int errno) {
      super(
          Errno.name(errno), null, false, false); // an answer of the kernel's, not a bug: no stack
      this.errno = errno;
    }

    public int errno() {
      return errno;
    }
  }

  /**
   * posix_spawn with stdin from /dev/null and stdout+stderr into a fresh memfd. Refused, for one,
   * with ENOMEM in a PID namespace whose init died.
   */
  public static Started start(List<String> argv, List<String> env, boolean ownProcessGroup)
      throws Refused {
    int out = Libc.C.memfd_create("nslab-output", MFD_CLOEXEC);
    if (out < 0) throw new Refused(Native.getLastError());
    try {
      return new Started(spawn(argv, env, out, ownProcessGroup), out);
    } catch (Refused e) {
      Libc.C.close(out);
      throw e;
    }
  }

  /**
   * posix_spawn with the given fd as stdout and stderr, or the caller's own stdio when {@code
   * outFd} is -1 (an interactive shell on the learner's terminal). Returns the pid.
   */
  public static int spawn(List<String> argv, List<String> env, int outFd, boolean ownProcessGroup)
      throws Refused {
    if (outFd < 0) return spawn(argv.get(0), argv, env, -1, -1, ownProcessGroup);
    int devNull = Libc.C.open("/dev/null", O_RDONLY | O_CLOEXEC, 0);
    try {
      return spawn(argv.get(0), argv, env, devNull, outFd, ownProcessGroup);
    } finally {
      Libc.C.close(devNull);
    }
  }

  /**
   * posix_spawn of {@code path} (argv[0] may be another name, the one ps shows) in a process group
   * of its own, reading stdin from {@code inFd}, with stdout and stderr on /dev/null.
   */
  public static int spawnReading(String path, List<String> argv, List<String> env, int inFd)
      throws Refused {
    int devNull = Libc.C.open("/dev/null", O_RDWR | O_CLOEXEC, 0);
    try {
      return spawn(path, argv, env, inFd, devNull, true);
    } finally {
      Libc.C.close(devNull);
    }
  }

  /**
   * posix_spawn of {@code path} in a process group of its own, stdin from {@code inFd}, stdout and
   * stderr into {@code outFd}: a helper that answers on a pipe ({@link HostObserver}).
   */
  public static int spawnPiped(
      String path, List<String> argv, List<String> env, int inFd, int outFd) throws Refused {
    return spawn(path, argv, env, inFd, outFd, true);
  }

  private static int spawn(
      String path,
      List<String> argv,
      List<String> env,
      int inFd,
      int outFd,
      boolean ownProcessGroup)
      throws Refused {
    try (Memory actions = new Memory(FILE_ACTIONS_SIZE);
        Memory attr = new Memory(ATTR_SIZE);
        Memory sigset = new Memory(SIGSET_SIZE)) {
      Libc.C.posix_spawn_file_actions_init(actions);
      Libc.C.posix_spawnattr_init(attr);
      try {
        if (inFd >= 0) Libc.C.posix_spawn_file_actions_adddup2(actions, inFd, 0);
        if (outFd >= 0) {
          Libc.C.posix_spawn_file_actions_adddup2(actions, outFd, 1);
          Libc.C.posix_spawn_file_actions_adddup2(actions, outFd, 2);
        }
        return spawnOrFork(path, argv, env, inFd, outFd, ownProcessGroup, actions, attr, sigset);
      } finally {
        Libc.C.posix_spawn_file_actions_destroy(actions);
        Libc.C.posix_spawnattr_destroy(attr);
      }
    }
  }

  private static int doSpawn(
      String path,
      List<String> argv,
      List<String> env,
      Memory actions,
      Memory attr,
      Memory sigset,
      boolean ownProcessGroup)
      throws Refused {
    // The JVM blocks and handles signals its own way; the child starts with a clean slate.
    Libc.C.sigemptyset(sigset);
    Libc.C.posix_spawnattr_setsigmask(attr, sigset);
    Libc.C.sigfillset(sigset);
    Libc.C.posix_spawnattr_setsigdefault(attr, sigset);
    short flags = (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    if (ownProcessGroup) {
      flags |= POSIX_SPAWN_SETPGROUP;
      Libc.C.posix_spawnattr_setpgroup(attr, 0);
    }
    Libc.C.posix_spawnattr_setflags(attr, flags);
    IntByReference pid = new IntByReference();
    int rc =
        Libc.C.posix_spawn(
            pid,
            path,
            actions,
            attr,
            new StringArray(argv.toArray(String[]::new)),
            new StringArray(env.toArray(String[]::new)));
    if (rc != 0) throw new Refused(rc);
    return pid.getValue();
  }

  private static int spawnOrFork(
      String path,
      List<String> argv,
      List<String> env,
      int inFd,
      int outFd,
      boolean ownProcessGroup,
      Memory actions,
      Memory attr,
      Memory sigset)
      throws Refused {
    try {
      return doSpawn(path, argv, env, actions, attr, sigset, ownProcessGroup);
    } catch (Refused e) {
      if (e.errno() != Errno.EINVAL || !timeNamespacePending()) throw e;
    }
    vmCloneRefused = true;
    return ForkSpawn.start(path, argv, env, inFd, outFd, ownProcessGroup);
  }

  private static volatile boolean vmCloneRefused;

  /**
   * Whether this JVM has met a kernel that refuses posix_spawn (CLONE_VM) after
   * unshare(CLONE_NEWTIME), so that lab commands started through the fork-style fallback.
   */
  public static boolean vmCloneRefusedInNewTimeNamespace() {
    return vmCloneRefused;
  }

  /** The calling thread's children would enter another time namespace than its own. */
  public static boolean timeNamespacePending() {
    try {
      Path ns = Path.of("/proc/thread-self/ns");
      return !Files.readSymbolicLink(ns.resolve("time"))
          .equals(Files.readSymbolicLink(ns.resolve("time_for_children")));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Waits for a child; returns the raw wait status, or -errno. Retries on EINTR. */
  public static int waitFor(int pid) {
    IntByReference status = new IntByReference();
    while (true) {
      int rc = Libc.C.waitpid(pid, status, 0);
      if (rc == pid) return status.getValue();
      int errno = Native.getLastError();
      if (errno != Errno.EINTR) return -errno;
    }
  }

  /** Reads everything written to a memfd (at most 256 KiB) and closes it. */
  public static String drain(int fd) {
    try {
      Libc.C.lseek(fd, new NativeLong(0), 0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      long n;
      while (out.size() < MAX_OUTPUT
          && (n = Libc.C.read(fd, buf, new NativeLong(buf.length)).longValue()) > 0) {
        out.write(buf, 0, (int) n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      Libc.C.close(fd);
    }
  }

  public static CommandResult result(String command, int waitStatus, String output) {
    if (waitStatus < 0) return new CommandResult(command, -1, 0, output, -waitStatus);
    int signal = waitStatus & 0x7f;
    int exit = (waitStatus >> 8) & 0xff;
    return new CommandResult(command, signal == 0 ? exit : -1, signal, output, 0);
  }
}
