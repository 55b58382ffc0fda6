package dev.nslab.lab;

import com.sun.jna.NativeLong;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Unprivileged, nslab runs inside a user namespace of its own (cli/Rootless), where everything it
 * runs is uid 0 and sees that namespace. The host column must show the host as the learner sees it,
 * so before nslab re-enters, it leaves this observer behind in the initial namespaces: a {@code
 * /bin/sh} named nslab-host-view, the learner's uid with no capabilities, reading commands from a
 * pipe whose write end only the re-entered nslab holds (inherited across the exec, close-on-exec
 * from then on). It runs each host-side command and answers on a second pipe.
 *
 * <p>Why a shell on a pipe: it is the smallest thing that stays in the initial namespaces (the
 * outer JVM would cost about 60 MiB; nothing in the user namespace can setns back out). It needs no
 * parent-death signal: when nslab ends, however it ends, the pipe reads end-of-file and the shell
 * exits (as nslab-init and nslab-cgroup-watch do). A command has exactly the learner's power, plus
 * no_new_privs (setpriv), as HostView gives the host's root.
 */
public final class HostObserver {
  /** In the re-entered nslab's environment: {@code PID:WRITE_FD:READ_FD} of the observer. */
  public static final String ENV = "NSLAB_HOST_OBSERVER";

  private static final String NAME = "nslab-host-view";
  private static final int F_SETFD = 2, FD_CLOEXEC = 1, MAX_OUTPUT = 256 * 1024;
  private static final long TIMEOUT_SECONDS = 10;
  private static HostObserver current;

  private final int pid;
  private final int commands;
  private final int answers;
  private final String setpriv;
  // Ends each answer: random, so no command's output can contain it.
  private final String marker = "nslab-" + UUID.randomUUID().toString().replace("-", "");
  private Map<Namespace, Long> namespaces;

  private HostObserver(int pid, int commands, int answers) {
    this.pid = pid;
    this.commands = commands;
    this.answers = answers;
    this.setpriv = LabEnvironment.find("setpriv");
  }

  /**
   * In the nslab about to re-enter: starts the observer and returns what to put in the re-entered
   * nslab's environment ({@link #ENV}), or empty when it could not start. The two pipe ends stay
   * open in this process across the exec.
   */
  public static Optional<String> leave() {
    NativeWarmup.ensure();
    int[] in = new int[2], out = new int[2];
    if (Libc.C.pipe2(in, Kernel.O_CLOEXEC) != 0) return Optional.empty();
    if (Libc.C.pipe2(out, Kernel.O_CLOEXEC) != 0) {
      closeAll(in[0], in[1]);
      return Optional.empty();
    }
    int pid;
    try {
      pid = Spawner.spawnPiped("/bin/sh", List.of(NAME), HostView.environment(), in[0], out[1]);
    } catch (Spawner.Refused e) {
      pid = -1;
    } finally {
      closeAll(in[0], out[1]);
    }
    if (pid <= 0 || Libc.C.fcntl(in[1], F_SETFD, 0) != 0 || Libc.C.fcntl(out[0], F_SETFD, 0) != 0) {
      closeAll(in[1], out[0]);
      return Optional.empty();
    }
    return Optional.of(pid + ":" + in[1] + ":" + out[0]);
  }

  /** In the nslab that left it: the pipe ends, once handed to the re-entered one, closed here. */
  public static void closeHere(String handle) {
    String[] p = handle.split(":");
    closeAll(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
  }

  /**
   * In the re-entered nslab, before it starts anything: takes over the observer named in the
   * environment and makes its pipe ends close-on-exec, so no lab process inherits them.
   */
  public static synchronized void adopt(String handle) {
    if (current != null || handle == null || !handle.matches("\\d+:\\d+:\\d+")) return;
    String[] p = handle.split(":");
    int pid = Integer.parseInt(p[0]), w = Integer.parseInt(p[1]), r = Integer.parseInt(p[2]);
    if (!pipe(w) || !pipe(r)) return; // not ours: a stale or hand-made variable
    Libc.C.fcntl(w, F_SETFD, FD_CLOEXEC);
    Libc.C.fcntl(r, F_SETFD, FD_CLOEXEC);
    current = new HostObserver(pid, w, r);
  }

  /** The observer, when this nslab re-entered itself and left one in the initial namespaces. */
  public static synchronized Optional<HostObserver> current() {
    return Optional.ofNullable(current);
  }

  /** The initial namespaces, as the observer reads them; empty when there is no observer. */
  public static Optional<Map<Namespace, Long>> initialNamespaces() {
    return current().map(HostObserver::namespaces);
  }

  /** Its /proc/self/ns inodes (asked once: the observer never moves). */
  public synchronized Map<Namespace, Long> namespaces() {
    if (namespaces != null) return namespaces;
    StringBuilder script = new StringBuilder("for n in");
    for (Namespace n : Namespace.values()) script.append(' ').append(n.id);
    script.append("; do echo $n $(readlink /proc/self/ns/$n); done");
    Map<Namespace, Long> out = new EnumMap<>(Namespace.class);
    for (String line : run(script.toString()).output().split("\n")) {
      String[] f = line.split(" ");
      if (f.length < 2) continue;
      String inode = f[1].replaceAll("\\D", "");
      for (Namespace n : Namespace.values()) {
        if (n.id.equals(f[0]) && !inode.isEmpty()) out.put(n, Long.parseLong(inode));
      }
    }
    for (Namespace n : Namespace.values()) out.putIfAbsent(n, 0L);
    namespaces = Map.copyOf(out);
    return namespaces;
  }

  /** Runs {@code /bin/sh -c command} in the initial namespaces, as the learner; 10 s at most. */
  public synchronized CommandResult run(String command) {
    return CommandClock.measure(
        () -> {
          String quoted = "'" + command.replace("'", "'\\''") + "'";
          String prefix = setpriv != null ? setpriv + " --no-new-privs -- " : "";
          String request =
              prefix + "/bin/sh -c " + quoted + " </dev/null 2>&1; echo \"" + marker + " $?\"\n";
          byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
          if (!writeAll(bytes)) return gone(command);
          var killed = new AtomicBoolean();
          var done = new AtomicBoolean();
          CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .execute(
                  () -> {
                    synchronized (done) {
                      if (!done.get()) killed.set(killDescendants());
                    }
                  });
          try {
            return answer(command, killed);
          } finally {
            synchronized (done) {
              done.set(true);
            }
          }
        });
  }

  /** Reads up to the marker line: the output before it, the exit code in it. */
  private CommandResult answer(String command, AtomicBoolean killed) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    byte[] tail = new byte[0];
    byte[] buf = new byte[16384];
    byte[] end = marker.getBytes(StandardCharsets.US_ASCII);
    while (true) {
      long n = Libc.C.read(answers, buf, new NativeLong(buf.length)).longValue();
      if (n <= 0) return gone(command);
      // The marker may straddle two reads: look in what is left over from the last one plus this.
      byte[] window = new byte[tail.length + (int) n];
      System.arraycopy(tail, 0, window, 0, tail.length);
      System.arraycopy(buf, 0, window, tail.length, (int) n);
      int at = indexOf(window, end);
      if (at >= 0 && window[window.length - 1] == '\n') {
        append(output, window, 0, at);
        String code =
            new String(
                    window,
                    at + end.length,
                    window.length - at - end.length,
                    StandardCharsets.US_ASCII)
                .strip();
        String text = output.toString(StandardCharsets.UTF_8);
        if (killed.get()) return new CommandResult(command, -1, Signals.SIGKILL, text, 0);
        return new CommandResult(
            command, code.matches("\\d+") ? Integer.parseInt(code) : -1, 0, text, 0);
      }
      int keep =
          Math.min(window.length, end.length + 8); // the marker, a space, the code, a newline
      append(output, window, 0, window.length - keep);
      tail = Arrays.copyOfRange(window, window.length - keep, window.length);
    }
  }

  private static void append(ByteArrayOutputStream out, byte[] b, int from, int to) {
    int room = MAX_OUTPUT - out.size();
    if (room > 0 && to > from) out.write(b, from, Math.min(room, to - from));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = hay.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  private boolean writeAll(byte[] bytes) {
    int off = 0;
    while (off < bytes.length) {
      byte[] rest = Arrays.copyOfRange(bytes, off, bytes.length);
      long n = Libc.C.write(commands, rest, new NativeLong(rest.length)).longValue();
      if (n <= 0) return false;
      off += (int) n;
    }
    return true;
  }

  /**
   * A hung observation: SIGKILL to every process under the observer (the same uid as this nslab, so
   * the kernel lets it), never the observer itself; the shell then answers.
   */
  private boolean killDescendants() {
    Map<Integer, Integer> parents = new HashMap<>();
    try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
      dirs.map(d -> d.getFileName().toString())
          .filter(d -> d.chars().allMatch(Character::isDigit))
          .forEach(
              d -> {
                try {
                  String stat = Files.readString(Path.of("/proc", d, "stat"));
                  String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                  parents.put(Integer.parseInt(d), Integer.parseInt(f[1]));
                } catch (IOException | RuntimeException e) {
                  // it ended while we looked
                }
              });
    } catch (IOException e) {
      return false;
    }
    Set<Integer> under = new HashSet<>(List.of(pid));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (var e : parents.entrySet()) {
        if (under.contains(e.getValue()) && under.add(e.getKey())) grew = true;
      }
    }
    under.remove(pid);
    for (int p : under) Libc.C.kill(p, Signals.SIGKILL);
    return !under.isEmpty();
  }

  /** The observer's PID: it and what it runs are nslab's view of the host, not the lab. */
  public int pid() {
    return pid;
  }

  private static CommandResult gone(String command) {
    return new CommandResult(
        command, -1, 0, "(nslab's host view, " + NAME + ", has ended: restart nslab)", 0);
  }

  private static boolean pipe(int fd) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().startsWith("pipe:");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void closeAll(int... fds) {
    for (int fd : fds) Libc.C.close(fd);
  }
}
