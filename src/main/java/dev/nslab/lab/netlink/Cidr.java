package dev.nslab.lab.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address with its prefix length, as `ip addr add` takes it: 10.0.0.1/24, fd00::1/64. */
record Cidr(int family, byte[] address, int prefixLength) {

  /** Parses literal addresses only (never a DNS lookup); a missing prefix means a host address. */
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    if (!host.matches("[0-9a-fA-F:.]+"))
      throw new IllegalArgumentException("not an IP address: " + text);
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
    boolean v4 = address instanceof Inet4Address;
    int max = v4 ? 32 : 128;
    int prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
    if (prefix < 0 || prefix > max)
      throw new IllegalArgumentException("prefix out of range: " + text);
    return new Cidr(v4 ? Rtnl.AF_INET : Rtnl.AF_INET6, address.getAddress(), prefix);
  }

  /** The address as `ip` prints it: dotted quad, or RFC 5952 IPv6 (longest zero run as ::). */
  static String format(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 255)
          + "."
          + (address[1] & 255)
          + "."
          + (address[2] & 255)
          + "."
          + (address[3] & 255);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++)
      groups[i] = ((address[2 * i] & 255) << 8) | (address[2 * i + 1] & 255);
    int bestStart = -1, bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') s.append(':');
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }
}
