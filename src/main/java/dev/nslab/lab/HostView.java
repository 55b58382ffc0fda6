package dev.nslab.lab;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where nslab runs the commands that observe the host (a step's host column, host_output): a thread
 * of its own in a private copy of the host's mount namespace whose every mount is read-only and
 * whose /dev holds only null, zero, full, random and urandom; each command runs under setpriv(1)
 * with no capabilities and no_new_privs, and under a seccomp filter that keeps it from making IPC
 * objects or sending signals ({@link ObserverFilter}). It sees the host as it is (hostname, links,
 * processes, IPC objects, files) and can change none of it: a lesson's host side observes, nothing
 * more.
 */
public final class HostView {
  private static final int CLONE_NEWNS = 0x00020000,
      AT_FDCWD = -100,
      AT_RECURSIVE = 0x8000,
      MOUNT_ATTR_RDONLY = 1;
  private static final int O_PATH = 010000000;
  private static final long SYS_MOUNT_SETATTR = 442; // the same on x86_64 and aarch64
  private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom");
  private static HostView instance;

  private final LabThread thread;
  private final String setpriv;
  private final List<String> env;
  private final boolean sealed;

  private HostView(LabThread thread, String setpriv, List<String> env, boolean sealed) {
    this.thread = thread;
    this.setpriv = setpriv;
    this.env = env;
    this.sealed = sealed;
  }

  /** The one view of this JVM, made at first use. */
  public static synchronized HostView get() {
    if (instance == null) instance = open();
    return instance;
  }

  private static HostView open() {
    NativeWarmup.ensure();
    LabThread thread = new LabThread("nslab-host-view");
    String setpriv = LabEnvironment.find("setpriv");
    // Unprivileged (rootless included), a command can do no more than the learner could anyway.
    String problem = Privileges.hostRoot() ? thread.call(HostView::sealMounts) : null;
    if (problem != null || setpriv == null && Privileges.hostRoot()) {
      thread.close();
      throw new LabException(
          "nslab cannot observe the host safely here ("
              + (problem != null ? problem : "setpriv(1) is missing: apt-get install util-linux")
              + "), so it runs no command on the host.");
    }
    return new HostView(thread, setpriv, environment(), Privileges.hostRoot());
  }

  /** A host-side command's environment: the standard PATH and the learner's locale and terminal. */
  static List<String> environment() {
    List<String> env =
        new ArrayList<>(
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    for (String key : List.of("LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TERM", "COLUMNS")) {
      String value = System.getenv(key);
      if (value != null) env.add(key + "=" + value);
    }
    return List.copyOf(env);
  }

  /** On the view's thread: a private mount namespace, a /dev of harmless devices, all read-only. */
  private static String sealMounts() {
    if (Libc.C.unshare(Kernel.CLONE_FS | CLONE_NEWNS) != 0)
      return "unshare: " + Errno.name(Native.getLastError());
    if (Libc.C.mount(null, "/", null, new NativeLong(Kernel.MS_REC | Kernel.MS_PRIVATE), null)
        != 0) {
      return "making / private: " + Errno.name(Native.getLastError());
    }
    if (Files.isDirectory(Path.of("/dev"))) {
      // Named as the host names its /dev, so the host's mount table reads almost as it is.
      String source =
          MountTable.host().containing("/dev").map(MountTable.Entry::source).orElse("udev");
      // Held open before the tmpfs hides them: a bind's source must be in this mount namespace
      // (EINVAL from /proc/PID/root/dev, the host's), and an O_PATH descriptor here is.
      Map<String, Integer> devices = new LinkedHashMap<>();
      for (String d : DEVICES)
        devices.put(d, Libc.C.open("/dev/" + d, O_PATH | Kernel.O_CLOEXEC, 0));
      if (Libc.C.mount(
              source,
              "/dev",
              "tmpfs",
              new NativeLong(Kernel.MS_NOSUID | Kernel.MS_NOEXEC),
              "mode=0755")
          != 0) {
        return "a /dev of its own: " + Errno.name(Native.getLastError());
      }
      // The host's /dev is hidden now; bind each device from the descriptor held open above.
      devices.forEach(
          (d, held) -> {
            int fd =
                Libc.C.open("/dev/" + d, Kernel.O_CREAT | Kernel.O_WRONLY | Kernel.O_CLOEXEC, 0666);
            if (fd >= 0) Libc.C.close(fd);
            if (held < 0) return;
            Libc.C.mount(
                "/proc/self/fd/" + held, "/dev/" + d, null, new NativeLong(Kernel.MS_BIND), null);
            Libc.C.close(held);
          });
      Libc.C.symlink("/proc/self/fd", "/dev/fd");
    }
    try (Memory attr = new Memory(32)) {
      attr.clear();
      attr.setLong(0, MOUNT_ATTR_RDONLY);
      long rc =
          Libc.C.syscall(
                  new NativeLong(SYS_MOUNT_SETATTR),
                  AT_FDCWD,
                  "/",
                  AT_RECURSIVE,
                  attr,
                  new NativeLong(32))
              .longValue();
      if (rc == 0) return ObserverFilter.install();
    }
    // Before Linux 5.12: remount each mount read-only, one by one.
    for (MountTable.Entry m : MountTable.of(Path.of("/proc/thread-self/mountinfo")).entries()) {
      Libc.C.mount(
          null,
          m.mountPoint(),
          null,
          new NativeLong(Kernel.MS_BIND | Kernel.MS_REMOUNT | Kernel.MS_RDONLY),
          null);
    }
    return ObserverFilter.install();
  }

  /** Runs {@code /bin/sh -c command} in the view, powerless, and waits for it (10 s at most). */
  public CommandResult run(String command) {
    List<String> argv =
        sealed
            ? List.of(
                setpriv,
                "--no-new-privs",
                "--inh-caps=-all",
                "--ambient-caps=-all",
                "--bounding-set=-all",
                "--",
                "/bin/sh",
                "-c",
                command)
            : List.of("/bin/sh", "-c", command);
    return thread.call(
        () ->
            CommandClock.measure(
                () -> {
                  Spawner.Started started;
                  try {
                    started = Spawner.start(argv, env, true);
                  } catch (Spawner.Refused e) {
                    return CommandResult.notStarted(command, e.errno());
                  }
                  int pid = started.pid();
                  var done = new AtomicBoolean();
                  CompletableFuture.delayedExecutor(10, TimeUnit.SECONDS)
                      .execute(
                          () -> {
                            synchronized (done) {
                              if (!done.get())
                                Libc.C.kill(
                                    -pid, Signals.SIGKILL); // its process group: a hung observation
                            }
                          });
                  int status = Spawner.waitFor(pid);
                  synchronized (done) {
                    done.set(true);
                  }
                  return Spawner.result(command, status, Spawner.drain(started.outputFd()));
                }));
  }
}
