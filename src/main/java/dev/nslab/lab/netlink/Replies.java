package dev.nslab.lab.netlink;

import static dev.nslab.lab.netlink.Rtnl.*;

import java.util.List;

/** Reads RTM_NEWLINK and RTM_NEWADDR replies into {@link Link} and {@link Address}. */
final class Replies {
  private Replies() {}

  static Link link(Message m) {
    List<Attribute> attrs = m.attributes(IFINFOMSG_LEN);
    Attribute info = Attribute.find(attrs, IFLA_LINKINFO);
    Attribute kind = info == null ? null : Attribute.find(info.nested(0), IFLA_INFO_KIND);
    Attribute name = Attribute.find(attrs, IFLA_IFNAME),
        operstate = Attribute.find(attrs, IFLA_OPERSTATE);
    Attribute mac = Attribute.find(attrs, IFLA_ADDRESS), link = Attribute.find(attrs, IFLA_LINK);
    return new Link(
        m.payloadInt(4),
        name == null ? "" : name.string(),
        m.payloadInt(8),
        operstate(operstate == null ? 0 : operstate.u8()),
        kind == null ? null : kind.string(),
        u32(attrs, IFLA_MASTER),
        link == null ? -1 : link.u32(),
        Attribute.find(attrs, IFLA_LINK_NETNSID) != null,
        mac == null ? null : mac.mac(),
        u32(attrs, IFLA_MTU));
  }

  /** IFA_LOCAL is this end's address; a point-to-point link's IFA_ADDRESS is the far end's. */
  static Address address(Message m) {
    List<Attribute> attrs = m.attributes(IFADDRMSG_LEN);
    Attribute local = Attribute.find(attrs, IFA_LOCAL);
    Attribute address = local != null ? local : Attribute.find(attrs, IFA_ADDRESS);
    Attribute label = Attribute.find(attrs, IFA_LABEL);
    return new Address(
        m.payloadInt(4),
        m.payloadByte(0),
        address == null ? "" : Cidr.format(address.payload()),
        m.payloadByte(1),
        m.payloadByte(3),
        label == null ? null : label.string());
  }

  private static int u32(List<Attribute> attrs, int type) {
    Attribute a = Attribute.find(attrs, type);
    return a == null ? 0 : a.u32();
  }
}
