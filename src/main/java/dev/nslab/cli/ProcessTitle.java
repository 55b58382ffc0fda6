package dev.nslab.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names this JVM "nslab" for ps, top and the host column: its command line would otherwise be a
 * java command line of several hundred characters (flags, class path), nslab's plumbing on the
 * learner's screen. Done as setproctitle(3) does: the kernel reads /proc/PID/cmdline from the
 * process's own argument area (arg_start to arg_end in /proc/self/stat), so nslab writes "nslab"
 * there, through /proc/self/mem, and names the main thread (comm) the same. Real: every tool that
 * asks the kernel sees it; nothing is filtered. The JVM has copied its arguments long before.
 */
public final class ProcessTitle {
  static final String NAME = "nslab";

  private ProcessTitle() {}

  /** Best effort: where /proc is not as expected, the JVM keeps its own name. */
  public static void set() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after "(comm) ": state is field 3, arg_start field 48, arg_end field 49 (proc(5)).
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
      long start = Long.parseLong(f[48 - 3]), end = Long.parseLong(f[49 - 3]);
      byte[] name = NAME.getBytes(StandardCharsets.US_ASCII);
      if (start <= 0 || end - start <= name.length) return;
      byte[] area = new byte[(int) (end - start)];
      System.arraycopy(name, 0, area, 0, name.length);
      // The rest zeroed, no old argument left; the last byte not NUL, which tells the kernel the
      // title was set: it then reads cmdline up to the first NUL, "nslab" and no trailing NULs
      // (which lsns and top would show as a line of spaces).
      area[area.length - 1] = ' ';
      try (RandomAccessFile mem = new RandomAccessFile("/proc/self/mem", "rw")) {
        mem.seek(start);
        mem.write(area);
      }
      Files.writeString(Path.of("/proc/self/comm"), NAME);
    } catch (IOException | RuntimeException e) {
      // not renamed: ps shows the java command line
    }
  }
}
