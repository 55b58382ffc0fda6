package dev.nslab.lab.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One netlink attribute (struct nlattr and its payload), read from a received or built message. */
record Attribute(int type, byte[] payload) {

  /** The attributes in {@code bytes[from, to)}; a truncated one ends the list. */
  static List<Attribute> parse(byte[] bytes, int from, int to) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    List<Attribute> out = new ArrayList<>();
    int at = from;
    while (at + Rtnl.NLA_HDRLEN <= to) {
      int len = b.getShort(at) & 0xffff, type = b.getShort(at + 2) & Rtnl.NLA_TYPE_MASK;
      if (len < Rtnl.NLA_HDRLEN || at + len > to) break;
      byte[] payload = new byte[len - Rtnl.NLA_HDRLEN];
      System.arraycopy(bytes, at + Rtnl.NLA_HDRLEN, payload, 0, payload.length);
      out.add(new Attribute(type, payload));
      at += Rtnl.align(len);
    }
    return out;
  }

  static Attribute find(List<Attribute> attributes, int type) {
    return attributes.stream().filter(a -> a.type == type).findFirst().orElse(null);
  }

  List<Attribute> nested(int skip) {
    return parse(payload, skip, payload.length);
  }

  int u32() {
    return payload.length >= 4
        ? ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt()
        : 0;
  }

  int u8() {
    return payload.length >= 1 ? payload[0] & 255 : 0;
  }

  /** A C string: up to the first NUL, or the whole payload (IFLA_INFO_KIND comes without one). */
  String string() {
    int end = 0;
    while (end < payload.length && payload[end] != 0) end++;
    return new String(payload, 0, end, StandardCharsets.UTF_8);
  }

  String mac() {
    StringBuilder s = new StringBuilder();
    for (byte x : payload)
      s.append(s.length() == 0 ? "" : ":").append(String.format("%02x", x & 255));
    return s.toString();
  }
}
