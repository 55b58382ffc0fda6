package dev.nslab.lab.netlink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The requests `ip` sent, read back from the hex dumps of a capture in
 * src/test/resources/netlink/ip-6.1 (see capture.sh there for how they were made).
 */
final class IpCapture {
  private IpCapture() {}

  /**
   * Every netlink request in the capture, in order, except the empty RTM_NEWLINK with sequence 0
   * that `ip` sends first to probe the kernel. A dump request's buffer can carry padding after the
   * message: only the message itself (its nlmsg_len) is kept.
   */
  static List<byte[]> requests(String name) {
    List<byte[]> out = new ArrayList<>();
    ByteArrayOutputStream current = null;
    for (String line : read(name).split("\n")) {
      if (line.startsWith("#")) continue;
      if (line.matches("\\d+ +send(msg|to)\\(.*")) {
        flush(current, out);
        current = new ByteArrayOutputStream();
      } else if (line.startsWith(" | ") && current != null) {
        for (String hex : line.substring(10, Math.min(line.length(), 58)).trim().split(" +")) {
          current.write(Integer.parseInt(hex, 16));
        }
      }
    }
    flush(current, out);
    return out;
  }

  /** The seq and port id (bytes 8 to 15) of a header differ from run to run: zero them. */
  static byte[] masked(byte[] message) {
    byte[] copy = message.clone();
    Arrays.fill(copy, 8, 16, (byte) 0);
    return copy;
  }

  private static void flush(ByteArrayOutputStream current, List<byte[]> out) {
    if (current == null || current.size() == 0) return;
    Message m = Message.of(current.toByteArray());
    if (m.seq() != 0) out.add(m.bytes());
  }

  static String read(String name) {
    try (InputStream in = IpCapture.class.getResourceAsStream("/netlink/ip-6.1/" + name)) {
      if (in == null) throw new IllegalArgumentException("no capture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
