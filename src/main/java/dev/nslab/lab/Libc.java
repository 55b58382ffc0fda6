package dev.nslab.lab;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * The one door to the kernel: every syscall nslab makes goes through this JNA interface.
 *
 * <p>Methods return the raw libc result; the caller reads errno with {@link Native#getLastError()}
 * straight after, so a refusal becomes data the learner sees, not an exception. The lesson's
 * syscalls go through {@link Kernel}, which traces each one; nslab's own plumbing (spawning, pipes,
 * the host view, cgroups) calls it from elsewhere in {@code dev.nslab.lab}, untraced, and nothing
 * outside that package does ({@code NativeBoundaryTest}).
 */
public interface Libc extends Library {
  Libc C = Native.load("c", Libc.class);

  // namespaces
  int unshare(int flags);

  int setns(int fd, int nstype);

  int sethostname(byte[] name, NativeLong len);

  int gethostname(byte[] name, NativeLong len);

  // mounts and roots
  int mount(String source, String target, String fstype, NativeLong flags, String data);

  int umount2(String target, int flags);

  int chdir(String path);

  int chroot(String path);

  int mkdir(String path, int mode);

  int rmdir(String path);

  /** {@code resolved} holds PATH_MAX (4096) bytes; the result is null on failure. */
  Pointer realpath(String path, byte[] resolved);

  NativeLong readlink(String path, byte[] buf, NativeLong size);

  int symlink(String target, String linkpath);

  /** For syscalls glibc has no wrapper for: pivot_root, pidfd_open. */
  NativeLong syscall(NativeLong number, Object... args);

  // processes
  int posix_spawn(
      IntByReference pid,
      String path,
      Pointer fileActions,
      Pointer attr,
      StringArray argv,
      StringArray envp);

  int posix_spawn_file_actions_init(Pointer fileActions);

  int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

  int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

  int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

  int posix_spawn_file_actions_destroy(Pointer fileActions);

  int posix_spawnattr_init(Pointer attr);

  int posix_spawnattr_setflags(Pointer attr, short flags);

  int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

  int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

  int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

  int posix_spawnattr_destroy(Pointer attr);

  int sigemptyset(Pointer set);

  int sigfillset(Pointer set);

  int waitpid(int pid, IntByReference status, int options);

  int kill(int pid, int signal);

  int getpid();

  int getuid();

  int geteuid();

  int getgid();

  int getppid();

  int gettid();

  int getpgrp();

  int tcgetpgrp(int fd);

  int tcsetpgrp(int fd, int pgrp);

  /** Only ever SIG_IGN or SIG_DFL here, never a Java handler. */
  Pointer signal(int signal, Pointer handler);

  int prctl(int option, NativeLong arg2, NativeLong arg3, NativeLong arg4, NativeLong arg5);

  /** glibc's clone: {@code fn} must be a native function, so no Java runs in the child. */
  int clone(Pointer fn, Pointer stack, int flags, Pointer arg);

  // file descriptors
  int pipe2(int[] fds, int flags);

  int close(int fd);

  /** dup(2): the copy is not close-on-exec, so a child inherits it. */
  int dup(int fd);

  /**
   * Only F_SETFD here: the host observer's pipe ends kept across one exec, then closed on the next.
   */
  int fcntl(int fd, int cmd, int arg);

  int open(String path, int flags, int mode);

  NativeLong read(int fd, byte[] buf, NativeLong count);

  NativeLong write(int fd, byte[] buf, NativeLong count);

  NativeLong lseek(int fd, NativeLong offset, int whence);

  int memfd_create(String name, int flags);

  // network links
  int socket(int domain, int type, int protocol);

  int ioctl(int fd, NativeLong request, Pointer arg);

  // SysV IPC
  int msgget(int key, int flags);

  int shmget(int key, NativeLong size, int flags);

  int semget(int key, int nsems, int flags);

  int msgctl(int id, int cmd, Pointer buf);

  /**
   * Variadic in C (mode and attr follow O_CREAT), so declared variadic for the calling convention.
   */
  int mq_open(String name, int oflag, Object... modeAndAttr);

  String strerror(int errnum);

  // rtnetlink (dev.nslab.lab.netlink): a NETLINK_ROUTE socket's conversation with the kernel.
  // The socket itself comes from socket(2) above; sendmsg carries a request, recv its replies.

  NativeLong sendmsg(int fd, Pointer msghdr, int flags);

  NativeLong recv(int fd, byte[] buf, NativeLong len, int flags);
}
