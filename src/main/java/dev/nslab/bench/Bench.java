package dev.nslab.bench;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.render.Screen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `nslab bench [RUNS] [--json]`: the table of issue 18, one row per goal, each with nslab's figure,
 * its yardstick, the ratio and the goal. A full lab built and torn down RUNS times by nslab's
 * engine, next to util-linux doing the same work ({@link FullLabBench}); start-up against a
 * hello-world JVM ({@link StartupBench}); nslab's own time per step of `play uts` ({@link
 * StepBench}); the memory of an idle REPL and of rootless learners, one and thirty at once ({@link
 * MemoryBench}). A benchmark, not a test: it reports, it asserts nothing.
 */
public final class Bench {
  private final LabEnvironment env;
  private final Screen screen;
  private final Path jar;
  private final List<Row> rows = new ArrayList<>();

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
    if (!json) BenchReport.header(screen, runs);
    try (Launcher launcher = new Launcher(env.home())) {
      rows.add(new FullLabBench(env).measure(runs, launcher));
      if (launcher.install(jar)) {
        rows.addAll(StartupBench.measure(launcher));
        rows.add(StepBench.measure(launcher));
        rows.addAll(new MemoryBench(launcher).measure());
      }
    }
    if (json) BenchReport.json(screen, rows);
    else BenchReport.table(screen, rows);
  }
}
