package dev.nslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The running kernel's release, and the features nslab picks by it. */
public record KernelRelease(String text, int major, int minor) {
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

  public static KernelRelease running() {
    try {
      return parse(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
    } catch (IOException e) {
      return new KernelRelease("unknown", 0, 0);
    }
  }

  static KernelRelease parse(String text) {
    Matcher m = VERSION.matcher(text);
    return m.find()
        ? new KernelRelease(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
        : new KernelRelease(text, 0, 0);
  }

  public boolean atLeast(int wantMajor, int wantMinor) {
    return major > wantMajor || major == wantMajor && minor >= wantMinor;
  }

  /**
   * Whether proc takes the {@code pidns=} mount option (Linux 6.15), which lets nslab's own thread
   * mount a proc for the lab's PID namespace. {@code -Dnslab.procPidns=false} forces the older way,
   * so tests cover it on new kernels too.
   */
  public boolean procPidnsOption() {
    return atLeast(6, 15) && !"false".equals(System.getProperty("nslab.procPidns"));
  }
}
