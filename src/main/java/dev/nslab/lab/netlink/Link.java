package dev.nslab.lab.netlink;

/**
 * One network link as RTM_NEWLINK describes it. {@code kind} is IFLA_INFO_KIND ("veth", "bridge",
 * null for lo and physical links); {@code master} and {@code link} are indexes, 0 when absent;
 * {@code linkElsewhere} is true when {@code link} (a veth's peer) lives in another namespace.
 */
public record Link(int index, String name, int flags, String operstate, String kind, int master,
    int link, boolean linkElsewhere, String mac, int mtu) {

  public boolean up() {
    return (flags & Rtnl.IFF_UP) != 0;
  }
}
