package dev.nslab.cli;

import dev.nslab.lab.NativeWarmup;

/**
 * A start in parallel: while the main thread parses the lessons (Jackson YAML, the longest part of
 * a start), a daemon thread loads what the command needs next: JNA and libc (whose cleaner thread
 * must start from an ordinary thread anyway, see lab.NativeWarmup) and, for the REPL, JLine's
 * reader classes. `lessons`, `check` and `--help` load none of it.
 */
final class Warmup {
  private Warmup() {}

  static void start(Verb verb) {
    boolean repl = verb.warm == Verb.Warm.TERMINAL;
    if (verb.warm == Verb.Warm.NOTHING) return;
    Thread t =
        new Thread(
            () -> {
              try {
                NativeWarmup.ensure(); // JNA, libc, and JNA's cleaner thread from a host thread
                if (repl) {
                  Class.forName("org.jline.reader.impl.LineReaderImpl");
                  Class.forName("org.jline.terminal.impl.PosixSysTerminal");
                }
              } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                // only slower: the main thread loads them itself
              }
            },
            "nslab-warmup");
    t.setDaemon(true);
    t.start();
  }
}
