package dev.nslab.lab;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Traced syscalls: each call goes to libc through {@link Libc}, and its {@link Syscall} record
 * (arguments as C would write them, result, errno, time) goes to the trace. The caller decides on
 * which thread it runs; {@link Lab} runs them on its lab thread.
 */
public final class Kernel {
  public static final int MS_RDONLY = 1,
      MS_NOSUID = 2,
      MS_NODEV = 4,
      MS_NOEXEC = 8,
      MS_REMOUNT = 32,
      MS_BIND = 4096,
      MS_MOVE = 8192,
      MS_REC = 16384,
      MS_PRIVATE = 1 << 18,
      MS_SLAVE = 1 << 19,
      MS_SHARED = 1 << 20;
  public static final int MNT_DETACH = 2;
  public static final int CLONE_FS = 0x200;
  static final int O_RDWR = 2;
  public static final int O_WRONLY = 1,
      O_CREAT = 0100,
      O_NOFOLLOW = 0400000,
      O_CLOEXEC = 02000000,
      IPC_CREAT = 01000;
  private static final int STACK_SIZE = 1 << 16;

  private static final long SYS_PIVOT_ROOT =
      System.getProperty("os.arch").contains("aarch64") ? 41 : 155;

  private final Consumer<Syscall> trace;

  public Kernel(Consumer<Syscall> trace) {
    this.trace = trace;
  }

  public Syscall unshare(List<Namespace> namespaces) {
    return call(
        "unshare",
        Namespace.flagNames(namespaces),
        () -> Libc.C.unshare(Namespace.flags(namespaces)));
  }

  /** unshare(CLONE_FS): the lab thread's root and cwd become its own, not the whole JVM's. */
  public Syscall unshareFs() {
    return call("unshare", "CLONE_FS", () -> Libc.C.unshare(CLONE_FS));
  }

  public Syscall sethostname(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    return call(
        "sethostname",
        quote(name) + ", " + bytes.length,
        () -> Libc.C.sethostname(bytes, new NativeLong(bytes.length)));
  }

  public Syscall mount(String source, String target, String fstype, int flags, String data) {
    String args =
        quote(source)
            + ", "
            + quote(target)
            + ", "
            + quote(fstype)
            + ", "
            + MountFlags.render(flags)
            + ", "
            + quote(data);
    return call(
        "mount", args, () -> Libc.C.mount(source, target, fstype, new NativeLong(flags), data));
  }

  public Syscall umount2(String target, int flags) {
    return call(
        "umount2",
        quote(target) + ", " + (flags == MNT_DETACH ? "MNT_DETACH" : flags),
        () -> Libc.C.umount2(target, flags));
  }

  public Syscall pivotRoot(String newRoot, String putOld) {
    return call(
        "pivot_root",
        quote(newRoot) + ", " + quote(putOld),
        () -> Libc.C.syscall(new NativeLong(SYS_PIVOT_ROOT), newRoot, putOld).intValue());
  }

  public Syscall chdir(String path) {
    return call("chdir", quote(path), () -> Libc.C.chdir(path));
  }

  public Syscall chroot(String path) {
    return call("chroot", quote(path), () -> Libc.C.chroot(path));
  }

  public Syscall mkdir(String path, int mode) {
    return call(
        "mkdir", quote(path) + ", 0" + Integer.toOctalString(mode), () -> Libc.C.mkdir(path, mode));
  }

  /**
   * open(2) + write(2) + close(2): /proc and /sys files take one write, as the kernel wants.
   * O_NOFOLLOW: the guard checked where the path leads; a link swapped in since is not followed.
   */
  public Syscall write(String path, String data) {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    int fd = Libc.C.open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
      return record(
          "open", quote(path) + ", O_WRONLY", -1, Native.getLastError(), System.nanoTime() - t0);
    }
    long n = Libc.C.write(fd, bytes, new NativeLong(bytes.length)).longValue();
    int errno = n < 0 ? Native.getLastError() : 0;
    Libc.C.close(fd);
    return record(
        "write",
        quote(path) + ", " + quote(data.replace("\n", "\\n")) + ", " + bytes.length,
        n,
        errno,
        System.nanoTime() - t0);
  }

  /**
   * open(2) of a namespace file (/proc/PID/ns/TYPE, or one pinned by a bind mount), setns(2) into
   * it, close(2): the calling thread joins that namespace.
   */
  public Syscall setns(String path, Namespace type) {
    long t0 = System.nanoTime();
    int fd = Libc.C.open(path, O_CLOEXEC, 0);
    if (fd < 0)
      return record(
          "open", quote(path) + ", O_RDONLY", -1, Native.getLastError(), System.nanoTime() - t0);
    int rc = Libc.C.setns(fd, type.flag);
    int errno = rc < 0 ? Native.getLastError() : 0;
    Libc.C.close(fd);
    return record(
        "setns",
        "open(" + quote(path) + "), " + type.cloneFlag(),
        rc,
        errno,
        System.nanoTime() - t0);
  }

  /** open(2) with O_CREAT of an empty file, then close(2): a mount point for a bind mount. */
  public Syscall touch(String path) {
    long t0 = System.nanoTime();
    int fd = Libc.C.open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    int errno = fd < 0 ? Native.getLastError() : 0;
    if (fd >= 0) Libc.C.close(fd);
    return record(
        "open", quote(path) + ", O_WRONLY|O_CREAT, 0644", fd, errno, System.nanoTime() - t0);
  }

  public Syscall msgget(int key) {
    return call(
        "msgget", ipcKey(key) + ", IPC_CREAT|0600", () -> Libc.C.msgget(key, IPC_CREAT | 0600));
  }

  public Syscall shmget(int key, int size) {
    return call(
        "shmget",
        ipcKey(key) + ", " + size + ", IPC_CREAT|0600",
        () -> Libc.C.shmget(key, new NativeLong(size), IPC_CREAT | 0600));
  }

  public Syscall semget(int key, int count) {
    return call(
        "semget",
        ipcKey(key) + ", " + count + ", IPC_CREAT|0600",
        () -> Libc.C.semget(key, count, IPC_CREAT | 0600));
  }

  /**
   * mq_open(3) with O_CREAT: a POSIX message queue, then close(2) of its descriptor (the queue
   * stays).
   */
  public Syscall mqOpen(String name) {
    long t0 = System.nanoTime();
    int fd = Libc.C.mq_open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0600, Pointer.NULL);
    int errno = fd < 0 ? Native.getLastError() : 0;
    if (fd >= 0) Libc.C.close(fd);
    return record(
        "mq_open", quote(name) + ", O_RDWR|O_CREAT, 0600, NULL", fd, errno, System.nanoTime() - t0);
  }

  private static String ipcKey(int key) {
    return key == 0 ? "IPC_PRIVATE" : String.format("0x%08x", key);
  }

  /**
   * glibc clone(3) with CLONE_NEW* flags and SIGCHLD. The child runs libc's system(command): no
   * Java runs in it, which is what makes this safe from a multithreaded JVM (a raw clone that
   * returns into Java can deadlock on a lock another thread held).
   */
  public Syscall cloneSystem(List<Namespace> namespaces, String command) {
    return cloneSystem(namespaces, command, command);
  }

  /**
   * The same, traced with {@code shown} for the command: what the learner's step asked for, not
   * nslab's plumbing around it.
   */
  public Syscall cloneSystem(List<Namespace> namespaces, String command, String shown) {
    Pointer system = NativeLibrary.getInstance("c").getFunction("system");
    long t0 = System.nanoTime();
    try (Memory stack = new Memory(STACK_SIZE);
        Memory arg = new Memory(command.length() * 4L + 1)) {
      arg.setString(0, command, "UTF-8");
      int rc =
          Libc.C.clone(
              system,
              stack.share(STACK_SIZE - 64),
              Namespace.flags(namespaces) | Signals.SIGCHLD,
              arg);
      int errno = rc < 0 ? Native.getLastError() : 0;
      return record(
          "clone",
          "system, stack, " + Namespace.flagNames(namespaces) + "|SIGCHLD, " + quote(shown),
          rc,
          errno,
          System.nanoTime() - t0);
    }
  }

  static final int CLONE_VM = 0x100, CLONE_VFORK = 0x4000;

  /** Whether {@link #cloneExec} works here ({@link ExecContext#AVAILABLE}). */
  public static final boolean CLONE_EXEC = ExecContext.AVAILABLE;

  /**
   * glibc clone(3) with CLONE_NEW* flags, CLONE_VM|CLONE_VFORK and SIGCHLD, whose child execve(2)s
   * {@code argv} at once ({@link ExecContext}): no shell, no Java, no copy of the JVM's page
   * tables, and back in the parent as soon as the child has exec'd. If execve fails the child
   * returns into _exit; the caller sees it already gone.
   */
  public Syscall cloneExec(List<Namespace> namespaces, List<String> argv, List<String> env) {
    return cloneExec(namespaces, argv.get(0), argv, env);
  }

  /** As above, executing {@code path} with {@code argv}, whose argv[0] is the name ps shows. */
  private Syscall cloneExec(
      List<Namespace> namespaces, String path, List<String> argv, List<String> env) {
    long t0 = System.nanoTime();
    int flags = Namespace.flags(namespaces) | CLONE_VM | CLONE_VFORK | Signals.SIGCHLD;
    try (ExecContext exec = new ExecContext(path, argv, env, "_exit")) {
      int rc = exec.start(flags);
      int errno = rc < 0 ? Native.getLastError() : 0;
      if (rc > 0 && exitedAlready(rc)) errno = Errno.ENOENT; // execve failed: the child is gone
      String names = Namespace.flagNames(namespaces) + "|CLONE_VM|CLONE_VFORK|SIGCHLD";
      String shown = argv.stream().map(Kernel::quote).collect(Collectors.joining(", ", "[", "]"));
      return record(
          "clone",
          "execve, stack, " + names + ", " + shown,
          errno != 0 ? -1 : rc,
          errno,
          System.nanoTime() - t0);
    }
  }

  /** The read end of a pipe whose write end only this JVM holds (close-on-exec), until it dies. */
  private static int lifeline = -1;

  /**
   * {@link #cloneExec} of a child that lives as long as this JVM, however it ends: it execs {@code
   * cat /proc/self/fd/N}, N a read end of a pipe only the JVM can write to, so it reads end-of-file
   * and exits the moment the JVM is gone, SIGKILL included. Nothing to race: the read end is the
   * child's from the clone on (a parent-death signal set by the child after its exec would miss a
   * JVM killed in between). The caller kills it sooner when it is done.
   */
  /** argv[0] of the child {@link #cloneExecTied} starts: what ps and tree show. */
  public static final String USER_CHILD = "nslab-child";

  public Syscall cloneExecTied(List<Namespace> namespaces, String cat, List<String> env) {
    int reader;
    synchronized (Kernel.class) {
      if (lifeline < 0) {
        int[] pipe = new int[2];
        if (Libc.C.pipe2(pipe, O_CLOEXEC) != 0) {
          return record("pipe2", "fds, O_CLOEXEC", -1, Native.getLastError(), 0);
        }
        lifeline = pipe[0]; // pipe[1] stays open, close-on-exec, for the JVM's lifetime
      }
      reader = Libc.C.dup(lifeline);
    }
    if (reader < 0) return record("dup", "lifeline", -1, Native.getLastError(), 0);
    try {
      // Named for ps and tree as what it is to a learner: nslab's child holding the namespaces.
      return cloneExec(namespaces, cat, List.of(USER_CHILD, "/proc/self/fd/" + reader), env);
    } finally {
      Libc.C.close(reader);
    }
  }

  /** After a CLONE_VFORK clone the child has exec'd or exited; reaps it if it exited. */
  private static boolean exitedAlready(int pid) {
    IntByReference status = new IntByReference();
    return Libc.C.waitpid(pid, status, 1 /* WNOHANG */) == pid;
  }

  public Syscall kill(int pid, int signal) {
    return call("kill", pid + ", " + Signals.name(signal), () -> Libc.C.kill(pid, signal));
  }

  /** Records a call made elsewhere (posix_spawn returns its error instead of setting errno). */
  public Syscall record(String name, String args, long result, int errno, long nanos) {
    Syscall s = new Syscall(name, args, result, errno, nanos);
    trace.accept(s);
    return s;
  }

  private Syscall call(String name, String args, IntSupplier body) {
    long t0 = System.nanoTime();
    int rc = body.getAsInt();
    int errno = rc < 0 ? Native.getLastError() : 0;
    return record(name, args, rc, errno, System.nanoTime() - t0);
  }

  public static String quote(String s) {
    return s == null ? "NULL" : '"' + s + '"';
  }
}
