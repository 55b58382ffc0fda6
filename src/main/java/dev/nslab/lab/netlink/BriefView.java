package dev.nslab.lab.netlink;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What `ip -br link` and `ip -br addr` print (iproute2 6.1, no colour), rendered from dump replies,
 * for hosts without `ip`. The lines are `ip`'s to the byte, trailing space included.
 */
public final class BriefView {
  /**
   * print_link_flags' order; IFF_RUNNING is never printed, its absence on an up link is NO-CARRIER.
   */
  private static final String[] FLAG_NAMES = {
    "LOOPBACK",
    "BROADCAST",
    "POINTOPOINT",
    "MULTICAST",
    "NOARP",
    "ALLMULTI",
    "PROMISC",
    "NOTRAILERS",
    "DEBUG",
    "DYNAMIC",
    "AUTOMEDIA",
    "PORTSEL",
    "MASTER",
    "SLAVE",
    "UP",
    "LOWER_UP",
    "DORMANT",
    "ECHO"
  };

  private static final int[] FLAG_BITS = {
    0x8, 0x2, 0x10, 0x1000, 0x80, 0x200, 0x100, 0x20, 0x4, 0x8000, 0x4000, 0x2000, 0x400, 0x800,
    0x1, 0x10000, 0x20000, 0x40000
  };

  private BriefView() {}

  /** ip -br link: name[@peer], operstate, MAC, flags. */
  public static String links(List<Link> links) {
    Map<Integer, Link> byIndex = byIndex(links);
    StringBuilder out = new StringBuilder();
    for (Link l : links) {
      out.append(nameAndState(l, byIndex));
      if (l.mac() != null) out.append(l.mac()).append(' ');
      out.append(flags(l, byIndex)).append('\n');
    }
    return out.toString();
  }

  /** ip -br addr: name[@peer], operstate, then each address of the link as ADDRESS/PREFIX. */
  public static String addresses(List<Link> links, List<Address> addresses) {
    Map<Integer, Link> byIndex = byIndex(links);
    StringBuilder out = new StringBuilder();
    for (Link l : links) {
      out.append(nameAndState(l, byIndex));
      for (Address a : addresses) if (a.index() == l.index()) out.append(a.cidr()).append(' ');
      out.append('\n');
    }
    return out.toString();
  }

  /** A veth shows its peer: by name when it is here, as ifN when it lives in another namespace. */
  private static String nameAndState(Link l, Map<Integer, Link> byIndex) {
    String name = l.name();
    if (l.link() == 0) name += "@NONE";
    if (l.link() > 0) {
      Link peer = l.linkElsewhere() ? null : byIndex.get(l.link());
      name += "@" + (peer == null ? "if" + l.link() : peer.name());
    }
    return String.format("%-16s %-14s ", name, l.operstate());
  }

  private static String flags(Link l, Map<Integer, Link> byIndex) {
    StringJoiner s = new StringJoiner(",", "<", ">");
    int flags = l.flags();
    if ((flags & Rtnl.IFF_UP) != 0 && (flags & Rtnl.IFF_RUNNING) == 0) s.add("NO-CARRIER");
    flags &= ~Rtnl.IFF_RUNNING;
    for (int i = 0; i < FLAG_BITS.length; i++) {
      if ((flags & FLAG_BITS[i]) != 0) {
        s.add(FLAG_NAMES[i]);
        flags &= ~FLAG_BITS[i];
      }
    }
    if (flags != 0) s.add(Integer.toHexString(flags));
    Link master = byIndex.get(l.master());
    if (l.master() != 0 && (master == null || !master.up())) s.add("M-DOWN");
    return s + " ";
  }

  private static Map<Integer, Link> byIndex(List<Link> links) {
    return links.stream().collect(Collectors.toMap(Link::index, Function.identity(), (a, b) -> a));
  }
}
