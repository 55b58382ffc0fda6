package dev.nslab.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small host process that removes a lab's cgroups when nslab is gone: /bin/sh named
 * nslab-cgroup-watch, reading a pipe only this JVM holds. When the lab closes the pipe, or the
 * kernel closes it because the JVM died (SIGKILL included), the read ends; the watcher kills
 * whatever is left in the lab's cgroups and removes them. So even kill -9 leaves no directory,
 * and no sweep by another nslab is ever needed.
 */
final class CgroupWatch implements AutoCloseable {
  private static final String SCRIPT = """
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
    List<String> argv = new ArrayList<>(List.of("nslab-cgroup-watch", "-c", SCRIPT, "nslab-cgroup-watch"));
    for (Path d : dirs) argv.add(d.toString());
    int pid = Spawner.spawnReading("/bin/sh", argv, env, pipe[0]);
    Libc.C.close(pipe[0]);
    if (pid < 0) {
      Libc.C.close(pipe[1]);
      return null;
    }
    return new CgroupWatch(pid, pipe[1]);
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
