package dev.nslab.bench;

import dev.nslab.lab.Privileges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The memory of an idle REPL and of rootless learners, one and thirty at once. */
final class MemoryBench {
  private static final int NOBODY = 65534;

  private final Launcher launcher;

  MemoryBench(Launcher launcher) {
    this.launcher = launcher;
  }

  List<Row> measure() throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    double idle = idleReplRss() / 1024.0;
    rows.add(
        new Row(
            "idle root REPL, uts lesson open (two steps run)",
            idle,
            "MiB",
            "resident",
            Double.NaN,
            "",
            Double.NaN,
            "<= 64 MiB",
            idle <= 64));
    if (!Privileges.hostRoot() || !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      rows.add(
          new Row(
              "one rootless learner (`play uts` as nobody)",
              Double.NaN,
              "MiB",
              "not measured: needs root (to become nobody) and setpriv",
              idle,
              "idle root REPL",
              Double.NaN,
              "<= 64 MiB",
              null));
      return rows;
    }
    Learners one = learners(1);
    rows.add(
        new Row(
            "one rootless learner (`play uts` as nobody)",
            one.peakKib / 1024.0,
            "MiB",
            "peak resident of its processes" + (one.failed > 0 ? ", FAILED" : ""),
            idle,
            "idle root REPL",
            one.peakKib / 1024.0 / idle,
            "<= 64 MiB",
            one.failed == 0 && one.peakKib / 1024.0 <= 64));
    Learners thirty = learners(30);
    rows.add(
        new Row(
            "30 rootless learners at once",
            thirty.peakKib / 1024.0,
            "MiB",
            String.format(
                "peak total resident, %.1f s wall, %d failed",
                thirty.wallNanos / 1e9, thirty.failed),
            Double.NaN,
            "",
            Double.NaN,
            "<= 2048 MiB",
            thirty.failed == 0 && thirty.peakKib / 1024.0 <= 2048));
    return rows;
  }

  private record Learners(long peakKib, long wallNanos, int failed) {}

  /**
   * N unprivileged learners (user nobody) play uts at once, as on a workshop server: the peak of
   * the total resident memory of their process trees, sampled every 50 ms.
   */
  private Learners learners(int n) throws IOException, InterruptedException {
    Path home = launcher.work().resolve("nobody");
    Files.createDirectories(home);
    Files.setAttribute(home, "unix:uid", NOBODY);
    List<Process> ps = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      List<String> argv =
          new ArrayList<>(
              List.of("setpriv", "--reuid", "" + NOBODY, "--regid", "" + NOBODY, "--clear-groups"));
      argv.addAll(launcher.nslab("play", "uts", "--no-pause"));
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
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
    ProcessBuilder pb = new ProcessBuilder(launcher.nslab()).redirectErrorStream(true);
    pb.environment().put("XDG_STATE_HOME", launcher.state().toString());
    Process p = pb.start();
    try {
      OutputStream in = p.getOutputStream();
      in.write("start uts\nnext\nnext\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      waitFor(p.getInputStream(), "uts 2/5");
      Thread.sleep(1000);
      String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
      long kib =
          status
              .lines()
              .filter(l -> l.startsWith("VmRSS:"))
              .map(l -> l.replaceAll("\\D", ""))
              .mapToLong(Long::parseLong)
              .findFirst()
              .orElse(0);
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
