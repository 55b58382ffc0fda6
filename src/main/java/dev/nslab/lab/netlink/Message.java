package dev.nslab.lab.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One netlink message: its struct nlmsghdr fields and all its bytes, header included. */
record Message(int type, int flags, int seq, int pid, byte[] bytes) {

  /** The messages in the first {@code length} bytes of a buffer, as NLMSG_NEXT walks them. */
  static List<Message> split(byte[] buffer, int length) {
    ByteBuffer b = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.nativeOrder());
    List<Message> out = new ArrayList<>();
    int at = 0;
    while (at + Rtnl.NLMSG_HDRLEN <= length) {
      int len = b.getInt(at);
      if (len < Rtnl.NLMSG_HDRLEN || at + len > length) break;
      out.add(
          new Message(
              b.getShort(at + 4) & 0xffff,
              b.getShort(at + 6) & 0xffff,
              b.getInt(at + 8),
              b.getInt(at + 12),
              Arrays.copyOfRange(buffer, at, at + len)));
      at += Rtnl.align(len);
    }
    return out;
  }

  static Message of(byte[] bytes) {
    return split(bytes, bytes.length).get(0);
  }

  /** A 32-bit field of the payload (after the 16-byte header), e.g. NLMSG_ERROR's error. */
  int payloadInt(int offset) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt(Rtnl.NLMSG_HDRLEN + offset);
  }

  int payloadByte(int offset) {
    return bytes[Rtnl.NLMSG_HDRLEN + offset] & 255;
  }

  /** The attributes after a fixed-size family header (ifinfomsg, ifaddrmsg). */
  List<Attribute> attributes(int familyHeaderLength) {
    return Attribute.parse(bytes, Rtnl.NLMSG_HDRLEN + familyHeaderLength, bytes.length);
  }

  /** NLMSG_ERROR's errno: 0 for an ACK, else the positive errno the kernel refused with. */
  int errno() {
    return type == Rtnl.NLMSG_ERROR
            || type == Rtnl.NLMSG_DONE && bytes.length >= Rtnl.NLMSG_HDRLEN + 4
        ? -payloadInt(0)
        : 0;
  }
}
