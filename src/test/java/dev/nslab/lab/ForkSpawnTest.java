package dev.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fork-style start that kernels before 6.3 need inside a new time namespace, tried on whatever
 * kernel runs the tests: same exit status, output and process group as posix_spawn.
 */
class ForkSpawnTest {
  private static final List<String> ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

  @Test
  void startsCapturesOutputAndExitStatus() throws Spawner.Refused {
    for (int i = 0; i < 50; i++) {
      int out = Libc.C.memfd_create("nslab-test", 1);
      int devNull = Libc.C.open("/dev/null", 0, 0);
      int pid =
          ForkSpawn.start(
              "/bin/sh",
              List.of("sh", "-c", "echo out; echo err >&2; read x; exit 3"),
              ENV,
              devNull,
              out,
              true);
      Libc.C.close(devNull);
      assertTrue(pid > 0, "ForkSpawn.start returned " + pid);
      CommandResult r = Spawner.result("t", Spawner.waitFor(pid), Spawner.drain(out));
      assertEquals(3, r.exitCode(), r.toString());
      assertEquals("out\nerr\n", r.output());
    }
  }

  @Test
  void ownProcessGroupAndSignalDeath() throws Spawner.Refused {
    int out = Libc.C.memfd_create("nslab-test", 1);
    int pid =
        ForkSpawn.start(
            "/bin/sh",
            List.of("sh", "-c", "ps -o pgid= -p $$ | tr -d ' '; kill -TERM $$"),
            ENV,
            -1,
            out,
            true);
    assertTrue(pid > 0);
    CommandResult r = Spawner.result("t", Spawner.waitFor(pid), Spawner.drain(out));
    assertEquals(String.valueOf(pid), r.output().strip());
    assertEquals(Signals.SIGTERM, r.signal(), r.toString());
  }
}
