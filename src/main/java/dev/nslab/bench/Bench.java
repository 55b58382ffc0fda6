package dev.nslab.bench;

import dev.nslab.lab.Kernel;
import dev.nslab.lab.KernelRelease;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Rootfs;
import dev.nslab.lab.Spawner;
import dev.nslab.lab.Syscall;
import dev.nslab.render.Screen;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `nslab bench [RUNS]`: a full lab built and torn down RUNS times by nslab's engine, next to
 * util-linux doing the same work (`unshare -Urfpiumn --mount-proc true`); the kernel's own share;
 * start-up against a hello-world JVM and jshell; the resident memory of an idle REPL.
 * A benchmark, not a test: it reports, it asserts nothing.
 */
public final class Bench {
  private static final List<Namespace> ALL_BUT_USER = List.of(Namespace.CGROUP, Namespace.IPC, Namespace.MNT,
      Namespace.NET, Namespace.PID, Namespace.TIME, Namespace.UTS);

  private final LabEnvironment env;
  private final Screen screen;
  private final Path jar;

  public Bench(LabEnvironment env, Screen screen) {
    this.env = env;
    this.screen = screen;
    this.jar = env.home().resolve("target/nslab.jar");
  }

  public void run(int runs) throws IOException, InterruptedException {
    screen.println(Screen.TITLE, "nslab bench: " + runs + " runs, Linux " + KernelRelease.running().text() + ", "
        + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version());
    Path rootfs = Rootfs.ensure(env);
    fullLab(runs, rootfs, 3); // warm-up: class loading and the first JIT pass are start-up, not per lab
    long[][] lab = fullLab(runs, rootfs, runs);
    Stats nslab = Stats.of(lab[0]), kernel = Stats.of(lab[1]);
    Stats peer = Stats.of(utilLinux(runs));
    screen.println();
    screen.println(Screen.BOLD, "A full lab: every namespace type, rootfs with pivot_root and /proc, /bin/true inside, torn down");
    screen.println("  nslab        " + nslab.render());
    screen.println("  util-linux   " + peer.render() + "   unshare -Urfpiumn --mount-proc true");
    screen.println("  syscalls     " + kernel.render() + "   the kernel's own time inside nslab's labs");
    screen.println(String.format("  ratio        nslab / util-linux = %.2f (median), goal <= 1.5", 
        (double) nslab.medianNanos() / peer.medianNanos()));

    if (Files.isRegularFile(jar)) {
      screen.println();
      screen.println(Screen.BOLD, "Start-up (JVM flags as ./nslab: C1 only, SerialGC)");
      Stats hello = Stats.of(timeProcess(10, javaCommand("-cp", jar.toString(), Hello.class.getName()), ""));
      Stats lessons = Stats.of(timeProcess(10, javaCommand("-jar", jar.toString(), "lessons"), ""));
      Stats repl = Stats.of(timeProcess(10, javaCommand("-jar", jar.toString()), "quit\n"));
      Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
      screen.println("  hello world  " + hello.render());
      screen.println("  lessons      " + lessons.render() + String.format("   %.1fx hello", ratio(lessons, hello)));
      screen.println("  REPL start   " + repl.render() + String.format("   %.1fx hello (to the prompt and quit)",
          ratio(repl, hello)));
      if (Files.isExecutable(jshell)) {
        Stats js = Stats.of(timeProcess(3, List.of(jshell.toString(), "-q"), "/exit\n"));
        screen.println("  jshell       " + js.render() + "   (to its prompt and /exit)");
      }
      screen.println();
      screen.println(Screen.BOLD, "Memory");
      screen.println(String.format("  idle REPL with the uts lesson open: %.1f MiB resident (goal <= 64)", idleReplRss() / 1024.0));
    } else {
      screen.println(Screen.DIM, "  (start-up and memory need target/nslab.jar: ./mvnw -q package -DskipTests)");
    }
  }

  private static double ratio(Stats a, Stats b) {
    return (double) a.medianNanos() / b.medianNanos();
  }

  /** Returns {per-lab wall times, per-lab syscall times}. */
  private long[][] fullLab(int runs, Path rootfs, int count) {
    long[] wall = new long[count], syscalls = new long[count];
    String root = rootfs.toString();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      List<Syscall> calls = new ArrayList<>();
      try (Lab lab = Lab.open(env)) {
        // The user namespace: a child cloned into one, mapped, and gone (as the user lesson's clone does).
        Kernel kernel = new Kernel(calls::add);
        Syscall child = kernel.cloneSystem(List.of(Namespace.USER), "true");
        if (!child.failed()) {
          kernel.write("/proc/" + child.result() + "/uid_map", "0 0 1");
          Spawner.waitFor((int) child.result());
        }
        calls.add(lab.unshare(ALL_BUT_USER));
        calls.add(lab.mount(null, "/", null, Kernel.MS_REC | Kernel.MS_PRIVATE, null));
        calls.add(lab.mount(root, root, null, Kernel.MS_BIND | Kernel.MS_REC, null));
        if (KernelRelease.running().procPidnsOption()) {
          calls.add(lab.mount("proc", root + "/proc", "proc", Kernel.MS_NOSUID | Kernel.MS_NODEV | Kernel.MS_NOEXEC,
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

  private static long[] utilLinux(int runs) throws IOException, InterruptedException {
    return timeProcess(runs, List.of("unshare", "-Urfpiumn", "--mount-proc", "true"), "");
  }

  private static List<String> javaCommand(String... args) {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // The flags of the ./nslab launcher.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xms8m", "-Xmx128m", "-XX:ReservedCodeCacheSize=16m"));
    argv.addAll(List.of(args));
    return argv;
  }

  private static long[] timeProcess(int runs, List<String> argv, String input) throws IOException, InterruptedException {
    long[] out = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", argv) + " failed");
      }
      out[i] = System.nanoTime() - t0;
    }
    return out;
  }

  /** VmRSS in KiB of a REPL that has started the uts lesson and run two steps, then sits idle. */
  private long idleReplRss() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(javaCommand("-Dnslab.home=" + env.home(), "-jar", jar.toString()))
        .redirectErrorStream(true).start();
    try {
      OutputStream in = p.getOutputStream();
      in.write("start uts\nnext\nnext\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      waitFor(p.getInputStream(), "uts 2/5");
      Thread.sleep(1000);
      String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
      long kib = status.lines().filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", ""))
          .mapToLong(Long::parseLong).findFirst().orElse(0);
      in.write("quit\n".getBytes(StandardCharsets.UTF_8));
      in.close();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      p.waitFor(10, TimeUnit.SECONDS);
      return kib;
    } finally {
      p.destroyForcibly();
    }
  }

  private static void waitFor(InputStream out, String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    int c;
    while ((c = out.read()) >= 0) {
      seen.append((char) c);
      if (seen.indexOf(marker) >= 0) return;
    }
    throw new IOException("the REPL ended before " + marker);
  }
}
