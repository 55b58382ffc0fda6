package dev.nslab.lab;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Starts processes with posix_spawn(3) on the calling thread, so they are born in that thread's
 * namespaces, root and working directory. ProcessBuilder cannot be used in a lab: it needs a
 * helper thread (impossible after unshare(CLONE_NEWPID)) and jspawnhelper (gone after
 * pivot_root).
 *
 * <p>Output goes to a memfd rather than a pipe, so a command that leaves a background child
 * holding its stdout cannot keep nslab waiting.
 */
public final class Spawner {
  private static final short POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04,
      POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final int O_RDONLY = 0, O_RDWR = 2, O_CLOEXEC = 02000000, MFD_CLOEXEC = 1;
  /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on 64-bit. */
  private static final int FILE_ACTIONS_SIZE = 256, ATTR_SIZE = 512, SIGSET_SIZE = 128;
  private static final int MAX_OUTPUT = 256 * 1024;

  private Spawner() {}

  /** A started process: its pid (as the host sees it) and the memfd its output goes to. */
  public record Started(int pid, int outputFd) {}

  /**
   * posix_spawn with stdin from /dev/null and stdout+stderr into a fresh memfd. Returns the errno
   * as a negative pid when the spawn failed (e.g. ENOMEM in a PID namespace whose init died).
   */
  public static Started start(List<String> argv, List<String> env, boolean ownProcessGroup) {
    int out = Libc.C.memfd_create("nslab-output", MFD_CLOEXEC);
    if (out < 0) return new Started(-Native.getLastError(), -1);
    int pid = spawn(argv, env, out, ownProcessGroup);
    if (pid < 0) {
      Libc.C.close(out);
      return new Started(pid, -1);
    }
    return new Started(pid, out);
  }

  /**
   * posix_spawn with the given fd as stdout and stderr, or the caller's own stdio when
   * {@code outFd} is -1 (an interactive shell on the learner's terminal).
   *
   * @return the pid, or minus the errno posix_spawn returned
   */
  public static int spawn(List<String> argv, List<String> env, int outFd, boolean ownProcessGroup) {
    if (outFd < 0) return spawn(argv.get(0), argv, env, -1, -1, ownProcessGroup);
    int devNull = Libc.C.open("/dev/null", O_RDONLY | O_CLOEXEC, 0);
    try {
      return spawn(argv.get(0), argv, env, devNull, outFd, ownProcessGroup);
    } finally {
      Libc.C.close(devNull);
    }
  }

  /**
   * posix_spawn of {@code path} (argv[0] may be another name, the one ps shows) in a process
   * group of its own, reading stdin from {@code inFd}, with stdout and stderr on /dev/null.
   */
  public static int spawnReading(String path, List<String> argv, List<String> env, int inFd) {
    int devNull = Libc.C.open("/dev/null", O_RDWR | O_CLOEXEC, 0);
    try {
      return spawn(path, argv, env, inFd, devNull, true);
    } finally {
      Libc.C.close(devNull);
    }
  }

  private static int spawn(String path, List<String> argv, List<String> env, int inFd, int outFd,
      boolean ownProcessGroup) {
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
        return doSpawn(path, argv, env, actions, attr, sigset, ownProcessGroup);
      } finally {
        Libc.C.posix_spawn_file_actions_destroy(actions);
        Libc.C.posix_spawnattr_destroy(attr);
      }
    }
  }

  private static int doSpawn(String path, List<String> argv, List<String> env, Memory actions, Memory attr,
      Memory sigset, boolean ownProcessGroup) {
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
    int rc = Libc.C.posix_spawn(pid, path, actions, attr,
        new StringArray(argv.toArray(String[]::new)), new StringArray(env.toArray(String[]::new)));
    return rc == 0 ? pid.getValue() : -rc;
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
      while (out.size() < MAX_OUTPUT && (n = Libc.C.read(fd, buf, new NativeLong(buf.length)).longValue()) > 0) {
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
