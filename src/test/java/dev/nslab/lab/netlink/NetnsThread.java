package dev.nslab.lab.netlink;

import com.sun.jna.Native;
import dev.nslab.lab.Libc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A dedicated platform thread in a network namespace of its own, for live tests: what is made here
 * never touches the host's network, and goes away with the thread.
 */
final class NetnsThread implements AutoCloseable {
  private static final int CLONE_NEWNET = 0x40000000;

  private final ExecutorService thread;
  private final int tid;

  NetnsThread(String name) {
    thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    tid =
        submit(
            () -> {
              if (Libc.C.unshare(CLONE_NEWNET) != 0)
                throw new IllegalStateException("unshare: errno " + Native.getLastError());
              return Libc.C.gettid();
            });
  }

  /**
   * Runs {@code work} on the namespace's thread, and only there (never on a replacement thread).
   */
  <T> T call(Callable<T> work) {
    return submit(
        () -> {
          if (Libc.C.gettid() != tid) throw new IllegalStateException("not the namespace's thread");
          return work.call();
        });
  }

  int tid() {
    return tid;
  }

  /** /proc/PID/task/TID/ns/net: the namespace, for nsenter and IFLA_NET_NS_FD. */
  String nsPath() {
    return "/proc/" + ProcessHandle.current().pid() + "/task/" + tid + "/ns/net";
  }

  /**
   * `ip ARGS` inside this namespace (through nsenter); its output, or an exception if it failed.
   */
  String ip(String... args) {
    List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + nsPath(), "ip"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) throw new IllegalStateException(command + " failed: " + out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private <T> T submit(Callable<T> work) {
    try {
      return thread.submit(work).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
