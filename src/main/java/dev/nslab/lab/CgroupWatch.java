package dev.nslab.lab;

import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small host process that removes a lab's cgroups when nslab is gone: /bin/sh named
 * nslab-cgroup-watch, reading a pipe only this JVM holds. When the lab closes the pipe, or the
 * kernel closes it because the JVM died (SIGKILL included), the read ends; the watcher kills
 * whatever is left in the lab's cgroups and removes them. So even kill -9 leaves no directory, and
 * no sweep by another nslab is ever needed.
 */
final class CgroupWatch implements AutoCloseable {
  /**
   * Read by the shell from the pipe: it holds the whole script before the shell starts (under
   * PIPE_BUF).
   */
  private static final String SCRIPT =
      """
      trap '' INT TERM HUP QUIT
      while read -r _; do :; done
      for d in "$@"; do
        i=0
        while [ -d "$d" ] && [ $i -lt 200 ]; do
          [ -f "$d/cgroup.kill" ] && echo 1 > "$d/cgroup.kill" 2>/dev/null
          for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
          rmdir "$d" 2>/dev/null || sleep 0.02
          i=$((i + 1))
        done
      done
      """;

  private final int pid;
  private int input;

  private CgroupWatch(int pid, int input) {
    this.pid = pid;
    this.input = input;
  }

  /** Starts watching these directories (made now or later); null when it could not start. */
  static CgroupWatch start(List<Path> dirs, List<String> env) {
    int[] pipe = new int[2];
    if (Libc.C.pipe2(pipe, Kernel.O_CLOEXEC) < 0) return null;
    // The script comes first on the pipe and the shell reads it all at once; then its `read`
    // waits on the same pipe for the end-of-file that only nslab's end brings. ps shows
    // `nslab-cgroup-watch -s DIR...`, not a script.
    byte[] script = SCRIPT.getBytes(StandardCharsets.US_ASCII);
    Libc.C.write(pipe[1], script, new NativeLong(script.length));
    List<String> argv = new ArrayList<>(List.of("nslab-cgroup-watch", "-s"));
    for (Path d : dirs) argv.add(d.toString());
    try {
      return new CgroupWatch(Spawner.spawnReading("/bin/sh", argv, env, pipe[0]), pipe[1]);
    } catch (Spawner.Refused e) {
      Libc.C.close(pipe[1]);
      return null;
    } finally {
      Libc.C.close(pipe[0]);
    }
  }

  /** The lab removed its cgroups itself: the watcher finds nothing left, and ends; reap it. */
  @Override
  public void close() {
    if (input < 0) return;
    Libc.C.close(input);
    input = -1;
    Spawner.waitFor(pid);
  }
}
