package dev.nslab.bench;

import static dev.nslab.bench.Row.ms;

import dev.nslab.lab.Kernel;
import dev.nslab.lab.KernelRelease;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Rootfs;
import dev.nslab.lab.Signals;
import dev.nslab.lab.Spawner;
import dev.nslab.lab.Syscall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A full lab built and torn down RUNS times by nslab's engine, next to util-linux doing the same
 * work ({@code unshare -Urfpiumn --mount-proc true}).
 */
final class FullLabBench {
  private static final List<Namespace> ALL_BUT_USER =
      List.of(
          Namespace.CGROUP,
          Namespace.IPC,
          Namespace.MNT,
          Namespace.NET,
          Namespace.PID,
          Namespace.TIME,
          Namespace.UTS);

  private final LabEnvironment env;

  FullLabBench(LabEnvironment env) {
    this.env = env;
  }

  Row measure(int runs, Launcher launcher) {
    Path rootfs = Rootfs.ensure(env);
    fullLab(rootfs, 3); // warm-up: class loading and the first JIT pass are start-up, not per lab
    long[][] lab = fullLab(rootfs, runs);
    Stats nslab = Stats.of(lab[0]), kernel = Stats.of(lab[1]);
    Stats peer =
        Stats.of(launcher.time(runs, List.of("unshare", "-Urfpiumn", "--mount-proc", "true"), ""));
    double ratio = Row.ratio(nslab, peer);
    return new Row(
        "full lab (user child + 7 types, rootfs, pivot_root, /proc, /bin/true, teardown)",
        ms(nslab.medianNanos()),
        "ms",
        String.format(
            "p95 %.2f ms; the syscalls alone %.2f ms",
            ms(nslab.p95Nanos()), ms(kernel.medianNanos())),
        ms(peer.medianNanos()),
        "util-linux unshare -Urfpiumn --mount-proc true",
        ratio,
        "<= 1.5x",
        ratio <= 1.5);
  }

  /** Returns {per-lab wall times, per-lab syscall times}. */
  private long[][] fullLab(Path rootfs, int count) {
    long[] wall = new long[count], syscalls = new long[count];
    String root = rootfs.toString();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      List<Syscall> calls = new ArrayList<>();
      try (Lab lab = Lab.open(env)) {
        // The user namespace: a child cloned into one, mapped, and gone (as the user lesson's clone
        // does).
        Kernel kernel = new Kernel(calls::add);
        // The child the user lesson's clone makes (Lab.cloneChild), killed once mapped.
        String cat = Files.isExecutable(Path.of("/usr/bin/cat")) ? "/usr/bin/cat" : "/bin/cat";
        Syscall child =
            Kernel.CLONE_EXEC && Files.isExecutable(Path.of(cat))
                ? kernel.cloneExecTied(List.of(Namespace.USER), cat, env.variables())
                : kernel.cloneSystem(List.of(Namespace.USER), "true");
        if (!child.failed()) {
          kernel.write("/proc/" + child.result() + "/uid_map", "0 0 1");
          if (Kernel.CLONE_EXEC)
            new Kernel(s -> {}).kill((int) child.result(), Signals.SIGKILL); // untraced, as before
          Spawner.waitFor((int) child.result());
        }
        calls.add(lab.unshare(ALL_BUT_USER));
        calls.add(lab.mount(null, "/", null, Kernel.MS_REC | Kernel.MS_PRIVATE, null));
        calls.add(lab.mount(root, root, null, Kernel.MS_BIND | Kernel.MS_REC, null));
        if (KernelRelease.running().procPidnsOption()) {
          calls.add(
              lab.mount(
                  "proc",
                  root + "/proc",
                  "proc",
                  Kernel.MS_NOSUID | Kernel.MS_NODEV | Kernel.MS_NOEXEC,
                  "pidns=/proc/" + lab.initPid() + "/ns/pid"));
        } else {
          lab.exec("mount", List.of("mount", "-t", "proc", "proc", root + "/proc"), false);
        }
        calls.add(lab.chdir(root));
        calls.add(lab.pivotRoot(".", "."));
        calls.add(lab.umount2(".", Kernel.MNT_DETACH));
        calls.add(lab.chdir("/"));
        var r = lab.exec("true", List.of("/bin/true"), false);
        if (!r.ok()) throw new IllegalStateException("/bin/true in the lab: " + r.status());
        for (Syscall s : calls) {
          if (s.failed()) throw new IllegalStateException(s.render());
        }
      }
      wall[i] = System.nanoTime() - t0;
      syscalls[i] = calls.stream().mapToLong(Syscall::nanos).sum();
    }
    return new long[][] {wall, syscalls};
  }
}
