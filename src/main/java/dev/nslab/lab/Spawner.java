package dev.nslab.lab;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * instead through a fork-style clone (no CLONE_VM) whose child runs only libc code ({@code
 * setcontext} straight into {@code execve} of a small shell trampoline that sets up stdio and the
 * process group). This is decided by what the kernel answers, not its version.
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
    return forkSpawn(path, argv, env, inFd, outFd, ownProcessGroup);
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

  /** libc functions only the fork-style start needs. */
  private interface ForkLibc extends Library {
    ForkLibc C = Native.load("c", ForkLibc.class);

    int getcontext(Pointer ucontext);

    /** dup(2): the copy is not close-on-exec, so the trampoline shell inherits it. */
    int dup(int fd);
  }

  // glibc x86_64 ucontext_t: uc_mcontext.gregs at 40 (REG_RDI=8, RSI=9, RDX=12, RSP=15, RIP=16),
  // uc_sigmask at 296.
  private static final int UC_SIZE = 1024, UC_GREGS = 40, UC_SIGMASK = 296;
  private static final int REG_RDI = 8, REG_RSI = 9, REG_RDX = 12, REG_RSP = 15, REG_RIP = 16;
  private static final int CLONE_VFORK = 0x4000, FORK_STACK = 64 * 1024;

  /**
   * Starts {@code path} with a clone that shares no memory with the JVM (so a kernel that refuses
   * CLONE_VM in a pending time namespace accepts it). The child runs libc's setcontext, which
   * empties its signal mask and jumps into execve of a shell trampoline: no Java runs in it.
   * CLONE_VFORK holds this thread until the exec, so the stdio copies handed over can be closed.
   *
   * @return the pid
   */
  static int forkSpawn(
      String path,
      List<String> argv,
      List<String> env,
      int inFd,
      int outFd,
      boolean ownProcessGroup)
      throws Refused {
    if (!Platform.isLinux() || !Platform.isIntel() || !Platform.is64Bit())
      throw new Refused(Errno.EINVAL);
    String bash = firstExecutable("/bin/bash", "/usr/bin/bash");
    String shell = bash != null ? bash : "/bin/sh";
    int in = inFd >= 0 ? ForkLibc.C.dup(inFd) : -1;
    int out = outFd >= 0 ? ForkLibc.C.dup(outFd) : -1;
    try {
      StringBuilder script = new StringBuilder();
      // dash reads only one-digit descriptors: without bash, reopen them through /proc.
      if (in >= 0)
        script.append(
            bash != null
                ? "exec 0<&" + in + " " + in + "<&-; "
                : "exec 0</proc/self/fd/" + in + "; ");
      if (out >= 0) {
        script.append(
            bash != null
                ? "exec 1>&" + out + " 2>&" + out + " " + out + ">&-; "
                : "exec 1>/proc/self/fd/" + out + " 2>&1; ");
      }
      if (ownProcessGroup)
        script.append("command -v setsid >/dev/null 2>&1 && exec setsid \"$@\"; ");
      script.append(bash != null ? "exec -a \"$0\" \"$@\"" : "exec \"$@\"");
      List<String> trampoline =
          new ArrayList<>(List.of("nslab-spawn", "-c", script.toString(), argv.get(0), path));
      trampoline.addAll(argv.subList(1, argv.size()));

      NativeLibrary c = NativeLibrary.getInstance("c");
      try (Memory uc = new Memory(UC_SIZE);
          Memory stack = new Memory(FORK_STACK)) {
        uc.clear();
        if (ForkLibc.C.getcontext(uc) != 0) throw new Refused(Native.getLastError());
        StringArray args = new StringArray(trampoline.toArray(String[]::new));
        StringArray envp = new StringArray(env.toArray(String[]::new));
        Memory shellPath = new Memory(shell.length() + 1L);
        shellPath.setString(0, shell, "UTF-8");
        // The clone trampoline runs on the lower half; execve on the upper, returning into abort.
        long top = Pointer.nativeValue(stack) + FORK_STACK - 256;
        long execSp = (top & ~15L) - 8;
        stack.setPointer(execSp - Pointer.nativeValue(stack), c.getFunction("abort"));
        setReg(uc, REG_RIP, Pointer.nativeValue(c.getFunction("execve")));
        setReg(uc, REG_RDI, Pointer.nativeValue(shellPath));
        setReg(uc, REG_RSI, Pointer.nativeValue(args));
        setReg(uc, REG_RDX, Pointer.nativeValue(envp));
        setReg(uc, REG_RSP, execSp);
        uc.share(UC_SIGMASK).clear(128);
        Pointer cloneStack = stack.share((FORK_STACK / 2) & ~15L);
        int pid =
            Libc.C.clone(
                c.getFunction("setcontext"), cloneStack, CLONE_VFORK | Signals.SIGCHLD, uc);
        int errno = pid < 0 ? Native.getLastError() : 0;
        // Keep the strings reachable until the child has exec'd (CLONE_VFORK waited for that).
        java.lang.ref.Reference.reachabilityFence(args);
        java.lang.ref.Reference.reachabilityFence(envp);
        java.lang.ref.Reference.reachabilityFence(shellPath);
        if (pid < 0) throw new Refused(errno);
        return pid;
      }
    } finally {
      if (in >= 0) Libc.C.close(in);
      if (out >= 0) Libc.C.close(out);
    }
  }

  private static void setReg(Memory uc, int reg, long value) {
    uc.setLong(UC_GREGS + reg * 8L, value);
  }

  private static String firstExecutable(String... paths) {
    for (String p : paths) if (Files.isExecutable(Path.of(p))) return p;
    return null;
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
