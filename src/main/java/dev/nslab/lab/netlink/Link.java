package dev.nslab.lab.netlink;

/**
 * One network link as RTM_NEWLINK describes it. {@code kind} is IFLA_INFO_KIND ("veth", "bridge",
 * null for lo and physical links); {@code master} is an index, 0 when none. {@code link} is
 * IFLA_LINK, the index of the link this one is tied to (a veth's peer; 0 for a tunnel tied to
 * none), -1 when the kernel sends none; {@code linkElsewhere}: that index is in another namespace.
 */
public record Link(
    int index,
    String name,
    int flags,
    String operstate,
    String kind,
    int master,
    int link,
    boolean linkElsewhere,
    String mac,
    int mtu) {

  public boolean up() {
    return (flags & Rtnl.IFF_UP) != 0;
  }
}
