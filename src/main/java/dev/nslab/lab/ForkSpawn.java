package dev.nslab.lab;

import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start {@link Spawner} falls back to where the kernel refuses posix_spawn's CLONE_VM (before
 * 6.3, in a pending time namespace): a clone that shares no memory with the JVM, whose child runs
 * only libc code ({@link ExecContext}) into execve of a small shell trampoline that sets up stdio
 * and the process group.
 */
final class ForkSpawn {
  private ForkSpawn() {}

  /**
   * Starts {@code path} (argv[0] may be another name) with stdin from {@code inFd} and stdout and
   * stderr into {@code outFd} (-1: the caller's own), in a process group of its own if asked.
   * CLONE_VFORK holds this thread until the exec, so the stdio copies handed over can be closed.
   *
   * @return the pid
   */
  static int start(
      String path,
      List<String> argv,
      List<String> env,
      int inFd,
      int outFd,
      boolean ownProcessGroup)
      throws Spawner.Refused {
    if (!ExecContext.AVAILABLE) throw new Spawner.Refused(Errno.EINVAL);
    String bash = firstExecutable("/bin/bash", "/usr/bin/bash");
    String shell = bash != null ? bash : "/bin/sh";
    int in = inFd >= 0 ? Libc.C.dup(inFd) : -1;
    int out = outFd >= 0 ? Libc.C.dup(outFd) : -1;
    List<String> trampoline =
        new ArrayList<>(
            List.of("nslab-spawn", "-c", script(bash != null, in, out, ownProcessGroup)));
    trampoline.add(argv.get(0));
    trampoline.add(path);
    trampoline.addAll(argv.subList(1, argv.size()));
    // abort if execve fails: the child has memory of its own, and dies of a signal the caller sees.
    try (ExecContext exec = new ExecContext(shell, trampoline, env, "abort")) {
      int pid = exec.start(Kernel.CLONE_VFORK | Signals.SIGCHLD);
      if (pid < 0) throw new Spawner.Refused(Native.getLastError());
      return pid;
    } finally {
      if (in >= 0) Libc.C.close(in);
      if (out >= 0) Libc.C.close(out);
    }
  }

  /** The trampoline: stdio from the inherited copies, then exec of "$@" with $0 as its argv[0]. */
  private static String script(boolean bash, int in, int out, boolean ownProcessGroup) {
    StringBuilder script = new StringBuilder();
    // dash reads only one-digit descriptors: without bash, reopen them through /proc.
    if (in >= 0)
      script.append(
          bash ? "exec 0<&" + in + " " + in + "<&-; " : "exec 0</proc/self/fd/" + in + "; ");
    if (out >= 0) {
      script.append(
          bash
              ? "exec 1>&" + out + " 2>&" + out + " " + out + ">&-; "
              : "exec 1>/proc/self/fd/" + out + " 2>&1; ");
    }
    if (ownProcessGroup) script.append("command -v setsid >/dev/null 2>&1 && exec setsid \"$@\"; ");
    script.append(bash ? "exec -a \"$0\" \"$@\"" : "exec \"$@\"");
    return script.toString();
  }

  private static String firstExecutable(String... paths) {
    for (String p : paths) if (Files.isExecutable(Path.of(p))) return p;
    return null;
  }
}
