package dev.nslab.bench;

import dev.nslab.lab.Kernel;
import dev.nslab.lab.KernelRelease;
import dev.nslab.lab.Lab;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Namespace;
import dev.nslab.lab.Privileges;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * `nslab bench [RUNS] [--json]`: the table of issue 18, one row per goal, each with nslab's
 * figure, its yardstick, the ratio and the goal. A full lab built and torn down RUNS times by
 * nslab's engine, next to util-linux doing the same work (`unshare -Urfpiumn --mount-proc true`);
 * start-up against a hello-world JVM; nslab's own time per step of `play uts`; the memory of an
 * idle REPL and of rootless learners, one and thirty at once. A benchmark, not a test: it
 * reports, it asserts nothing.
 */
public final class Bench {
  private static final List<Namespace> ALL_BUT_USER = List.of(Namespace.CGROUP, Namespace.IPC, Namespace.MNT,
      Namespace.NET, Namespace.PID, Namespace.TIME, Namespace.UTS);
  private static final int NOBODY = 65534;

  private final LabEnvironment env;
  private final Screen screen;
  private final Path jar;
  private final List<Row> rows = new ArrayList<>();
  private Path work;
  private Path archive;

  /** One line of the table. {@code ratio} and {@code yardstick} are NaN where there is none. */
  public record Row(String what, double value, String unit, String detail, double yardstick, String yardstickName,
      double ratio, String goal, Boolean met) {}

  public Bench(LabEnvironment env, Screen screen) {
    this.env = env;
    this.screen = screen;
    Path built = env.home().resolve("target/nslab.jar");
    this.jar = Files.isRegularFile(built) ? built : env.home().resolve("lib/nslab.jar");
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public void run(int runs, boolean json) throws IOException, InterruptedException {
    if (!json) {
      screen.println(Screen.TITLE, "nslab bench: " + runs + " runs, Linux " + KernelRelease.running().text() + ", "
          + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version() + ", load "
          + loadAverage());
    }
    work = Files.createTempDirectory("nslab-bench");
    state = Files.createDirectories(work.resolve("state"));
    try {
      lab(runs);
      if (Files.isRegularFile(jar)) {
        Files.copy(jar, work.resolve("nslab.jar"));
        openUp(work);
        archive = makeArchive();
        startup();
        steps();
        memory();
      }
    } finally {
      delete(work);
      state = null;
    }
    if (json) printJson();
    else printTable();
  }

  // --- a full lab ---

  private void lab(int runs) {
    Path rootfs = Rootfs.ensure(env);
    fullLab(rootfs, 3); // warm-up: class loading and the first JIT pass are start-up, not per lab
    long[][] lab = fullLab(rootfs, runs);
    Stats nslab = Stats.of(lab[0]), kernel = Stats.of(lab[1]);
    Stats peer = Stats.of(timeProcess(runs, List.of("unshare", "-Urfpiumn", "--mount-proc", "true"), ""));
    double ratio = (double) nslab.medianNanos() / peer.medianNanos();
    rows.add(new Row("full lab (user child + 7 types, rootfs, pivot_root, /proc, /bin/true, teardown)",
        ms(nslab.medianNanos()), "ms", String.format("p95 %.2f ms; the syscalls alone %.2f ms", ms(nslab.p95Nanos()),
            ms(kernel.medianNanos())),
        ms(peer.medianNanos()), "util-linux unshare -Urfpiumn --mount-proc true", ratio, "<= 1.5x", ratio <= 1.5));
  }

  /** Returns {per-lab wall times, per-lab syscall times}. */
  private long[][] fullLab(Path rootfs, int count) {
    long[] wall = new long[count], syscalls = new long[count];
    String root = rootfs.toString();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      List<Syscall> calls = new ArrayList<>();
      try (Lab lab = Lab.open(env)) {
        // The user namespace: a child cloned into one, mapped, and gone (as the user lesson's clone does).
        Kernel kernel = new Kernel(calls::add);
        // The child the user lesson's clone makes (Lab.cloneChild), killed once mapped.
        String cat = Files.isExecutable(Path.of("/usr/bin/cat")) ? "/usr/bin/cat" : "/bin/cat";
        Syscall child = Kernel.CLONE_EXEC && Files.isExecutable(Path.of(cat))
            ? kernel.cloneExecTied(List.of(Namespace.USER), cat, env.variables())
            : kernel.cloneSystem(List.of(Namespace.USER), "true");
        if (!child.failed()) {
          kernel.write("/proc/" + child.result() + "/uid_map", "0 0 1");
          if (Kernel.CLONE_EXEC) new Kernel(s -> { }).kill((int) child.result(), dev.nslab.lab.Signals.SIGKILL); // untraced, as before
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

  // --- start-up ---

  /** The class-data archive the launcher would make for this jar, made here the same way (a training run). */
  private Path makeArchive() {
    Path jsa = work.resolve("nslab.jsa");
    List<String> argv = javaCommand(null, "-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
        "-Dnslab.home=" + env.home(), "-jar", work.resolve("nslab.jar").toString(), "--cds-training");
    try {
      timeProcess(1, argv, "");
      if (Files.size(jsa) > 0) {
        jsa.toFile().setReadable(true, false);
        return jsa;
      }
    } catch (IOException | IllegalStateException e) {
      // start-up measured without an archive
    }
    return null;
  }

  private void startup() {
    String nslabJar = work.resolve("nslab.jar").toString();
    Stats hello = Stats.of(timeProcess(10, javaCommand(null, "-cp", nslabJar, Hello.class.getName()), ""));
    Stats lessons = Stats.of(timeProcess(10, javaCommand(archive, "-Dnslab.home=" + env.home(), "-jar", nslabJar,
        "lessons"), ""));
    Stats repl = Stats.of(timeProcess(10, javaCommand(archive, "-Dnslab.home=" + env.home(), "-jar", nslabJar),
        "quit\n"));
    String how = archive != null ? "with the class-data archive" : "no class-data archive could be made";
    double lr = ratio(lessons, hello), rr = ratio(repl, hello);
    rows.add(new Row("`nslab lessons`", ms(lessons.medianNanos()), "ms", how + String.format(", p95 %.0f ms",
        ms(lessons.p95Nanos())), ms(hello.medianNanos()), "hello-world JVM, same flags", lr, "<= 2.5x", lr <= 2.5));
    rows.add(new Row("REPL to the prompt and quit", ms(repl.medianNanos()), "ms", how + String.format(", p95 %.0f ms",
        ms(repl.p95Nanos())), ms(hello.medianNanos()), "hello-world JVM, same flags", rr, "<= 4x", rr <= 4));
  }

  private static double ratio(Stats a, Stats b) {
    return (double) a.medianNanos() / b.medianNanos();
  }

  // --- steps ---

  private static final Pattern STEP = Pattern.compile(
      "^\\s+(\\d+) .*?\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s*$");

  /** `play uts --no-pause --timings` five times: nslab's own part of steps 2 and later. */
  private void steps() {
    List<Double> medians = new ArrayList<>(), maxima = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String out = output(javaCommand(archive, "-Dnslab.home=" + env.home(), "-jar", work.resolve("nslab.jar").toString(),
          "--no-color", "play", "uts", "--no-pause", "--timings"), Map.of());
      List<Double> own = new ArrayList<>();
      for (String line : out.split("\n")) {
        Matcher m = STEP.matcher(line);
        if (m.matches() && Integer.parseInt(m.group(1)) > 1) own.add(Double.parseDouble(m.group(4)));
      }
      if (own.isEmpty()) continue;
      own.sort(Comparator.naturalOrder());
      medians.add(own.get(own.size() / 2));
      maxima.add(own.get(own.size() - 1));
    }
    if (medians.isEmpty()) {
      rows.add(new Row("nslab's own time per step (`play uts --timings`, after step 1)", Double.NaN, "ms",
          "play uts failed here", Double.NaN, "", Double.NaN, "< 1 ms median, < 5 ms max", null));
      return;
    }
    medians.sort(Comparator.naturalOrder());
    maxima.sort(Comparator.naturalOrder());
    double median = medians.get(medians.size() / 2), max = maxima.get(maxima.size() / 2);
    rows.add(new Row("nslab's own time per step (`play uts --timings`, after step 1)", median, "ms",
        String.format("max %.2f ms (medians of %d plays)", max, medians.size()), Double.NaN, "", Double.NaN,
        "< 1 ms median, < 5 ms max", median < 1 && max < 5));
  }

  // --- memory ---

  private void memory() throws IOException, InterruptedException {
    double idle = idleReplRss() / 1024.0;
    rows.add(new Row("idle root REPL, uts lesson open (two steps run)", idle, "MiB", "resident", Double.NaN, "",
        Double.NaN, "<= 64 MiB", idle <= 64));
    if (!Privileges.hostRoot() || !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      rows.add(new Row("one rootless learner (`play uts` as nobody)", Double.NaN, "MiB",
          "not measured: needs root (to become nobody) and setpriv", idle, "idle root REPL", Double.NaN, "<= 64 MiB",
          null));
      return;
    }
    Learners one = learners(1);
    rows.add(new Row("one rootless learner (`play uts` as nobody)", one.peakKib / 1024.0, "MiB",
        "peak resident of its processes" + (one.failed > 0 ? ", FAILED" : ""), idle, "idle root REPL",
        one.peakKib / 1024.0 / idle, "<= 64 MiB", one.failed == 0 && one.peakKib / 1024.0 <= 64));
    Learners thirty = learners(30);
    rows.add(new Row("30 rootless learners at once", thirty.peakKib / 1024.0, "MiB",
        String.format("peak total resident, %.1f s wall, %d failed", thirty.wallNanos / 1e9, thirty.failed), Double.NaN,
        "", Double.NaN, "<= 2048 MiB", thirty.failed == 0 && thirty.peakKib / 1024.0 <= 2048));
  }

  private record Learners(long peakKib, long wallNanos, int failed) {}

  /**
   * N unprivileged learners (user nobody) play uts at once, as on a workshop server: the peak of
   * the total resident memory of their process trees, sampled every 50 ms.
   */
  private Learners learners(int n) throws IOException, InterruptedException {
    Path home = work.resolve("nobody");
    Files.createDirectories(home);
    Files.setAttribute(home, "unix:uid", NOBODY);
    List<Process> ps = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid", "" + NOBODY, "--regid", "" + NOBODY,
          "--clear-groups"));
      argv.addAll(javaCommand(archive, "-Dnslab.home=" + env.home(), "-jar", work.resolve("nslab.jar").toString(),
          "play", "uts", "--no-pause"));
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("HOME", home.toString());
      pb.environment().put("NO_COLOR", "1");
      ps.add(pb.start());
    }
    long peak = 0;
    while (ps.stream().anyMatch(Process::isAlive)) {
      peak = Math.max(peak, treeRssKib(ps.stream().mapToLong(Process::pid).boxed().toList()));
      Thread.sleep(50);
    }
    long wall = System.nanoTime() - t0;
    int failed = 0;
    for (Process p : ps) {
      if (p.waitFor() != 0) failed++;
    }
    return new Learners(peak, wall, failed);
  }

  /** The resident memory of these processes and all their descendants, in KiB. */
  private static long treeRssKib(List<Long> roots) {
    Map<Long, List<Long>> children = new HashMap<>();
    Map<Long, Long> rss = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) continue;
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(name);
          children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid);
          rss.put(pid, Long.parseLong(f[21]) * 4); // rss in 4 KiB pages
        } catch (IOException | RuntimeException e) {
          // gone meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    long total = 0;
    List<Long> todo = new ArrayList<>(roots);
    while (!todo.isEmpty()) {
      long pid = todo.remove(todo.size() - 1);
      total += rss.getOrDefault(pid, 0L);
      todo.addAll(children.getOrDefault(pid, List.of()));
    }
    return total;
  }

  /** VmRSS in KiB of a REPL that has started the uts lesson and run two steps, then sits idle. */
  private long idleReplRss() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(javaCommand(archive, "-Dnslab.home=" + env.home(), "-jar",
        work.resolve("nslab.jar").toString())).redirectErrorStream(true);
    pb.environment().put("XDG_STATE_HOME", state.toString());
    Process p = pb.start();
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

  // --- output ---

  private void printTable() {
    screen.println();
    screen.println(String.format("  %-72s %10s  %-8s %8s  %s", "what", "nslab", "yardstick", "ratio", "goal"));
    for (Row r : rows) {
      String value = Double.isNaN(r.value()) ? "-" : String.format("%.2f %s", r.value(), r.unit());
      String yard = Double.isNaN(r.yardstick()) ? "-" : String.format("%.2f %s", r.yardstick(), r.unit());
      String ratio = Double.isNaN(r.ratio()) ? "-" : String.format("%.2fx", r.ratio());
      String verdict = r.met() == null ? "" : r.met() ? "  met" : "  NOT MET";
      String what = r.what().length() > 72 ? r.what().substring(0, 71) + "…" : r.what();
      screen.println(String.format("  %-72s %10s  %-8s %8s  %s%s", what, value, yard, ratio, r.goal(), verdict));
      String note = r.detail() + (r.yardstickName().isEmpty() ? "" : "; yardstick: " + r.yardstickName());
      screen.println(Screen.DIM, "      " + note);
    }
  }

  private void printJson() {
    StringBuilder b = new StringBuilder("{\n  \"kernel\": ").append(json(KernelRelease.running().text()))
        .append(",\n  \"java\": ").append(json(Runtime.version().toString()))
        .append(",\n  \"cpus\": ").append(Runtime.getRuntime().availableProcessors())
        .append(",\n  \"load\": ").append(json(loadAverage()))
        .append(",\n  \"rows\": [");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      b.append(i == 0 ? "\n" : ",\n").append("    {\"what\": ").append(json(r.what()))
          .append(", \"value\": ").append(num(r.value())).append(", \"unit\": ").append(json(r.unit()))
          .append(", \"detail\": ").append(json(r.detail()))
          .append(", \"yardstick\": ").append(num(r.yardstick())).append(", \"yardstick_name\": ")
          .append(json(r.yardstickName())).append(", \"ratio\": ").append(num(r.ratio()))
          .append(", \"goal\": ").append(json(r.goal())).append(", \"met\": ")
          .append(r.met() == null ? "null" : r.met().toString()).append('}');
    }
    b.append("\n  ]\n}");
    screen.println(b.toString());
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "null" : String.format(java.util.Locale.ROOT, "%.3f", d);
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  // --- processes ---

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** The java command of the ./nslab launcher: its flags, and its class-data archive when there is one. */
  private static List<String> javaCommand(Path archive, String... args) {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xms8m", "-Xmx128m",
        "-XX:ReservedCodeCacheSize=16m", "-XX:-UsePerfData", "-Djna.platform.library.path=" + jnaPath()));
    if (archive != null) {
      argv.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    argv.addAll(Arrays.asList(args));
    return argv;
  }

  /** As the launcher: the multiarch library folders, so JNA does not spawn ldconfig -p. */
  private static String jnaPath() {
    String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
    return "/lib/" + arch + "-linux-gnu:/usr/lib/" + arch + "-linux-gnu:/lib64:/usr/lib64:/lib:/usr/lib";
  }

  private static long[] timeProcess(int runs, List<String> argv, String input) {
    long[] out = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      String ignored = output(argv, Map.of(), input);
      out[i] = System.nanoTime() - t0;
    }
    return out;
  }

  private static String output(List<String> argv, Map<String, String> env) {
    return output(argv, env, "");
  }

  /** Where the measured nslabs keep progress and history: not the learner's own. */
  private static Path state;

  private static String output(List<String> argv, Map<String, String> env, String input) {
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      if (state != null) pb.environment().put("XDG_STATE_HOME", state.toString());
      pb.environment().putAll(env);
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", argv) + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  private static void openUp(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        f.toFile().setReadable(true, false);
        if (Files.isDirectory(f)) f.toFile().setExecutable(true, false);
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind
    }
  }
}
