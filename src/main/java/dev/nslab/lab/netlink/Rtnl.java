package dev.nslab.lab.netlink;

/**
 * The numbers of linux/netlink.h, linux/rtnetlink.h, linux/if_link.h and linux/if_addr.h that nslab
 * uses.
 */
final class Rtnl {
  static final int AF_UNSPEC = 0, AF_INET = 2, AF_NETLINK = 16, AF_INET6 = 10, AF_PACKET = 17;
  static final int SOCK_RAW = 3, SOCK_CLOEXEC = 02000000, NETLINK_ROUTE = 0;
  static final int NLMSG_HDRLEN = 16, IFINFOMSG_LEN = 16, IFADDRMSG_LEN = 8, NLA_HDRLEN = 4;
  static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
  static final int NLM_F_REQUEST = 1,
      NLM_F_MULTI = 2,
      NLM_F_ACK = 4,
      NLM_F_DUMP = 0x300,
      NLM_F_REPLACE = 0x100,
      NLM_F_EXCL = 0x200,
      NLM_F_CREATE = 0x400,
      NLM_F_APPEND = 0x800,
      NLM_F_CAPPED = 0x100,
      NLM_F_ACK_TLVS = 0x200;
  static final int NLMSGERR_ATTR_MSG = 1;
  static final int NLA_TYPE_MASK = 0x3fff;

  static final int RTM_NEWLINK = 16,
      RTM_DELLINK = 17,
      RTM_GETLINK = 18,
      RTM_NEWADDR = 20,
      RTM_DELADDR = 21,
      RTM_GETADDR = 22;
  static final int IFLA_ADDRESS = 1,
      IFLA_BROADCAST = 2,
      IFLA_IFNAME = 3,
      IFLA_MTU = 4,
      IFLA_LINK = 5,
      IFLA_MASTER = 10,
      IFLA_OPERSTATE = 16,
      IFLA_LINKINFO = 18,
      IFLA_NET_NS_PID = 19,
      IFLA_NET_NS_FD = 28,
      IFLA_EXT_MASK = 29,
      IFLA_LINK_NETNSID = 37;
  static final int IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2, IFLA_INFO_SLAVE_KIND = 4;
  static final int VETH_INFO_PEER = 1;
  static final int RTEXT_FILTER_VF = 1, RTEXT_FILTER_SKIP_STATS = 8;
  static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4, IFA_FLAGS = 8;
  static final int IFF_UP = 1, IFF_RUNNING = 0x40;

  /** IFLA_OPERSTATE values (RFC 2863), as `ip` names them. */
  static final String[] OPERSTATES = {
    "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"
  };

  private Rtnl() {}

  static int align(int n) {
    return (n + 3) & ~3;
  }

  static String operstate(int value) {
    return value >= 0 && value < OPERSTATES.length ? OPERSTATES[value] : "UNKNOWN";
  }
}
