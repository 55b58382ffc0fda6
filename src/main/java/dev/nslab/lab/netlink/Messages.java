package dev.nslab.lab.netlink;

import static dev.nslab.lab.netlink.Rtnl.*;

import java.nio.charset.StandardCharsets;

/**
 * The requests nslab sends, byte for byte what iproute2 6.1's `ip` sends for the same change
 * (MessagesTest compares them with captured bytes). Links are named by index, as `ip` does after
 * looking the name up with {@link #getLink}.
 */
final class Messages {
  private static final int CREATE = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  private static final int CHANGE = NLM_F_REQUEST | NLM_F_ACK;

  private Messages() {}

  /** ip link add NAME type veth peer name PEER [netns PID|NAME]. */
  static byte[] newVeth(int seq, String name, String peer, PeerNamespace peerNs) {
    MessageBuilder m =
        new MessageBuilder(RTM_NEWLINK, CREATE, seq)
            .ifinfomsg(AF_UNSPEC, 0, 0, 0)
            .string(IFLA_IFNAME, name)
            .begin(IFLA_LINKINFO)
            .bytes(IFLA_INFO_KIND, kind("veth"))
            .begin(IFLA_INFO_DATA)
            .begin(VETH_INFO_PEER)
            .ifinfomsg(AF_UNSPEC, 0, 0, 0);
    if (peerNs instanceof PeerNamespace.Pid p) m.u32(IFLA_NET_NS_PID, p.pid());
    if (peerNs instanceof PeerNamespace.Fd f) m.u32(IFLA_NET_NS_FD, f.fd());
    return m.string(IFLA_IFNAME, peer).end().end().end().build();
  }

  /** ip link add NAME type bridge. */
  static byte[] newBridge(int seq, String name) {
    return new MessageBuilder(RTM_NEWLINK, CREATE, seq)
        .ifinfomsg(AF_UNSPEC, 0, 0, 0)
        .string(IFLA_IFNAME, name)
        .begin(IFLA_LINKINFO)
        .bytes(IFLA_INFO_KIND, kind("bridge"))
        .end()
        .build();
  }

  /** ip link set dev INDEX up|down: ifi_change says only IFF_UP is to change. */
  static byte[] setUp(int seq, int index, boolean up) {
    return new MessageBuilder(RTM_NEWLINK, CHANGE, seq)
        .ifinfomsg(AF_UNSPEC, index, up ? IFF_UP : 0, IFF_UP)
        .build();
  }

  /** ip link set dev INDEX master MASTER (0: nomaster). */
  static byte[] setMaster(int seq, int index, int master) {
    return new MessageBuilder(RTM_NEWLINK, CHANGE, seq)
        .ifinfomsg(AF_UNSPEC, index, 0, 0)
        .u32(IFLA_MASTER, master)
        .build();
  }

  /** ip link delete dev INDEX. */
  static byte[] delLink(int seq, int index) {
    return new MessageBuilder(RTM_DELLINK, CHANGE, seq).ifinfomsg(AF_UNSPEC, index, 0, 0).build();
  }

  /**
   * ip addr add ADDRESS/PREFIX dev INDEX: IFA_LOCAL is this end, IFA_ADDRESS the same for a
   * broadcast link.
   */
  static byte[] newAddr(int seq, Cidr cidr, int index) {
    return new MessageBuilder(RTM_NEWADDR, CREATE, seq)
        .ifaddrmsg(cidr.family(), cidr.prefixLength(), 0, 0, index)
        .bytes(IFA_LOCAL, cidr.address())
        .bytes(IFA_ADDRESS, cidr.address())
        .build();
  }

  /** ip addr del ADDRESS/PREFIX dev INDEX. */
  static byte[] delAddr(int seq, Cidr cidr, int index) {
    return new MessageBuilder(RTM_DELADDR, CHANGE, seq)
        .ifaddrmsg(cidr.family(), cidr.prefixLength(), 0, 0, index)
        .bytes(IFA_LOCAL, cidr.address())
        .bytes(IFA_ADDRESS, cidr.address())
        .build();
  }

  /** The name-to-index lookup `ip` makes before every change: one RTM_NEWLINK comes back. */
  static byte[] getLink(int seq, String name) {
    return new MessageBuilder(RTM_GETLINK, NLM_F_REQUEST, seq)
        .ifinfomsg(AF_UNSPEC, 0, 0, 0)
        .u32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS)
        .string(IFLA_IFNAME, name)
        .build();
  }

  /** ip link show: one RTM_NEWLINK per link, then NLMSG_DONE. */
  static byte[] dumpLinks(int seq) {
    return new MessageBuilder(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq)
        .ifinfomsg(AF_UNSPEC, 0, 0, 0)
        .u32(IFLA_EXT_MASK, RTEXT_FILTER_VF)
        .build();
  }

  /** ip addr show: one RTM_NEWADDR per address, then NLMSG_DONE. */
  static byte[] dumpAddresses(int seq) {
    return new MessageBuilder(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq)
        .ifaddrmsg(AF_UNSPEC, 0, 0, 0, 0)
        .build();
  }

  /** IFLA_INFO_KIND goes without its NUL: iproute2 writes strlen(kind) bytes. */
  private static byte[] kind(String kind) {
    return kind.getBytes(StandardCharsets.US_ASCII);
  }
}
