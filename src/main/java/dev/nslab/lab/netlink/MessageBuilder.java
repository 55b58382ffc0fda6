package dev.nslab.lab.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes one netlink message the way iproute2's libnetlink does (addattr_l, addattr_nest): native
 * byte order, every attribute padded to 4 bytes, a nest's length covering its padding.
 */
final class MessageBuilder {
  private final ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
  private final Deque<Integer> nests = new ArrayDeque<>();

  MessageBuilder(int type, int flags, int seq) {
    buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
  }

  /** struct ifinfomsg: which link, and which of its IFF_* flags to change. */
  MessageBuilder ifinfomsg(int family, int index, int flags, int change) {
    buf.put((byte) family)
        .put((byte) 0)
        .putShort((short) 0)
        .putInt(index)
        .putInt(flags)
        .putInt(change);
    return this;
  }

  /** struct ifaddrmsg. */
  MessageBuilder ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
    buf.put((byte) family)
        .put((byte) prefixLength)
        .put((byte) flags)
        .put((byte) scope)
        .putInt(index);
    return this;
  }

  /** A C string attribute, NUL included (iproute2's addattr_l(..., strlen(s) + 1)). */
  MessageBuilder string(int type, String value) {
    byte[] s = value.getBytes(StandardCharsets.UTF_8);
    return bytes(type, Arrays.copyOf(s, s.length + 1));
  }

  MessageBuilder u32(int type, int value) {
    return bytes(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
  }

  MessageBuilder bytes(int type, byte[] value) {
    buf.putShort((short) (Rtnl.NLA_HDRLEN + value.length)).putShort((short) type).put(value);
    pad();
    return this;
  }

  /** Opens a nested attribute; {@link #end()} writes its length. */
  MessageBuilder begin(int type) {
    nests.push(buf.position());
    buf.putShort((short) 0).putShort((short) type);
    return this;
  }

  MessageBuilder end() {
    int start = nests.pop();
    buf.putShort(start, (short) (buf.position() - start));
    return this;
  }

  byte[] build() {
    if (!nests.isEmpty()) throw new IllegalStateException("unclosed nest");
    buf.putInt(0, buf.position());
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private void pad() {
    while (buf.position() % 4 != 0) buf.put((byte) 0);
  }
}
