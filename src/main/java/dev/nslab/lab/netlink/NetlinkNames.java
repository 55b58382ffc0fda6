package dev.nslab.lab.netlink;

import static dev.nslab.lab.netlink.Rtnl.*;

import java.util.StringJoiner;

/**
 * The names strace prints for rtnetlink's numbers, each table in the order of its header
 * (linux/if_link.h, if_addr.h, if.h, netlink.h, rtnetlink.h): a name's index is its value, or its
 * bit. A number past a table's end is shown in hex, so a newer kernel's reply still renders.
 */
final class NetlinkNames {
  static final String[] IFLA = {
    "IFLA_UNSPEC",
    "IFLA_ADDRESS",
    "IFLA_BROADCAST",
    "IFLA_IFNAME",
    "IFLA_MTU",
    "IFLA_LINK",
    "IFLA_QDISC",
    "IFLA_STATS",
    "IFLA_COST",
    "IFLA_PRIORITY",
    "IFLA_MASTER",
    "IFLA_WIRELESS",
    "IFLA_PROTINFO",
    "IFLA_TXQLEN",
    "IFLA_MAP",
    "IFLA_WEIGHT",
    "IFLA_OPERSTATE",
    "IFLA_LINKMODE",
    "IFLA_LINKINFO",
    "IFLA_NET_NS_PID",
    "IFLA_IFALIAS",
    "IFLA_NUM_VF",
    "IFLA_VFINFO_LIST",
    "IFLA_STATS64",
    "IFLA_VF_PORTS",
    "IFLA_PORT_SELF",
    "IFLA_AF_SPEC",
    "IFLA_GROUP",
    "IFLA_NET_NS_FD",
    "IFLA_EXT_MASK",
    "IFLA_PROMISCUITY",
    "IFLA_NUM_TX_QUEUES",
    "IFLA_NUM_RX_QUEUES",
    "IFLA_CARRIER",
    "IFLA_PHYS_PORT_ID",
    "IFLA_CARRIER_CHANGES",
    "IFLA_PHYS_SWITCH_ID",
    "IFLA_LINK_NETNSID",
    "IFLA_PHYS_PORT_NAME",
    "IFLA_PROTO_DOWN",
    "IFLA_GSO_MAX_SEGS",
    "IFLA_GSO_MAX_SIZE",
    "IFLA_PAD",
    "IFLA_XDP",
    "IFLA_EVENT",
    "IFLA_NEW_NETNSID",
    "IFLA_TARGET_NETNSID",
    "IFLA_CARRIER_UP_COUNT",
    "IFLA_CARRIER_DOWN_COUNT",
    "IFLA_NEW_IFINDEX",
    "IFLA_MIN_MTU",
    "IFLA_MAX_MTU",
    "IFLA_PROP_LIST",
    "IFLA_ALT_IFNAME",
    "IFLA_PERM_ADDRESS",
    "IFLA_PROTO_DOWN_REASON",
    "IFLA_PARENT_DEV_NAME",
    "IFLA_PARENT_DEV_BUS_NAME",
    "IFLA_GRO_MAX_SIZE",
    "IFLA_TSO_MAX_SIZE",
    "IFLA_TSO_MAX_SEGS",
    "IFLA_ALLMULTI",
    "IFLA_DEVLINK_PORT",
    "IFLA_GSO_IPV4_MAX_SIZE",
    "IFLA_GRO_IPV4_MAX_SIZE"
  };
  static final String[] IFLA_INFO = {
    "IFLA_INFO_UNSPEC",
    "IFLA_INFO_KIND",
    "IFLA_INFO_DATA",
    "IFLA_INFO_XSTATS",
    "IFLA_INFO_SLAVE_KIND",
    "IFLA_INFO_SLAVE_DATA"
  };
  static final String[] IFA = {
    "IFA_UNSPEC",
    "IFA_ADDRESS",
    "IFA_LOCAL",
    "IFA_LABEL",
    "IFA_BROADCAST",
    "IFA_ANYCAST",
    "IFA_CACHEINFO",
    "IFA_MULTICAST",
    "IFA_FLAGS",
    "IFA_RT_PRIORITY",
    "IFA_TARGET_NETNSID",
    "IFA_PROTO"
  };
  static final String[] IFF = {
    "IFF_UP",
    "IFF_BROADCAST",
    "IFF_DEBUG",
    "IFF_LOOPBACK",
    "IFF_POINTOPOINT",
    "IFF_NOTRAILERS",
    "IFF_RUNNING",
    "IFF_NOARP",
    "IFF_PROMISC",
    "IFF_ALLMULTI",
    "IFF_MASTER",
    "IFF_SLAVE",
    "IFF_MULTICAST",
    "IFF_PORTSEL",
    "IFF_AUTOMEDIA",
    "IFF_DYNAMIC",
    "IFF_LOWER_UP",
    "IFF_DORMANT",
    "IFF_ECHO"
  };
  static final String[] IFA_F = {
    "IFA_F_SECONDARY",
    "IFA_F_NODAD",
    "IFA_F_OPTIMISTIC",
    "IFA_F_DADFAILED",
    "IFA_F_HOMEADDRESS",
    "IFA_F_DEPRECATED",
    "IFA_F_TENTATIVE",
    "IFA_F_PERMANENT",
    "IFA_F_MANAGETEMPADDR",
    "IFA_F_NOPREFIXROUTE",
    "IFA_F_MCAUTOJOIN",
    "IFA_F_STABLE_PRIVACY"
  };
  static final String[] NLM_F = {
    "NLM_F_REQUEST",
    "NLM_F_MULTI",
    "NLM_F_ACK",
    "NLM_F_ECHO",
    "NLM_F_DUMP_INTR",
    "NLM_F_DUMP_FILTERED"
  };
  static final String[] RTEXT = {
    "RTEXT_FILTER_VF",
    "RTEXT_FILTER_BRVLAN",
    "RTEXT_FILTER_BRVLAN_COMPRESSED",
    "RTEXT_FILTER_SKIP_STATS",
    "RTEXT_FILTER_MRP",
    "RTEXT_FILTER_CFM_CONFIG",
    "RTEXT_FILTER_CFM_STATUS",
    "RTEXT_FILTER_MST"
  };

  private NetlinkNames() {}

  static String family(int family) {
    return switch (family) {
      case AF_INET -> "AF_INET";
      case AF_INET6 -> "AF_INET6";
      case AF_PACKET -> "AF_PACKET";
      case 7 -> "AF_BRIDGE";
      default -> String.valueOf(family);
    };
  }

  static String scope(int scope) {
    return switch (scope) {
      case 200 -> "RT_SCOPE_SITE";
      case 253 -> "RT_SCOPE_LINK";
      case 254 -> "RT_SCOPE_HOST";
      case 255 -> "RT_SCOPE_NOWHERE";
      default -> String.valueOf(scope);
    };
  }

  /** A type's name in {@code names}, else its number as strace shows one it does not know. */
  static String name(String[] names, int type, String prefix) {
    return type < names.length
        ? names[type]
        : "0x" + Integer.toHexString(type) + " /* " + prefix + "_??? */";
  }

  /** FLAG_A|FLAG_B, with any unnamed bits as hex; 0 when none. */
  static String bits(int value, String[] names) {
    StringJoiner s = new StringJoiner("|");
    int rest = value;
    for (int bit = 0; bit < names.length; bit++) {
      if ((value & (1 << bit)) != 0) {
        s.add(names[bit]);
        rest &= ~(1 << bit);
      }
    }
    if (rest != 0) s.add("0x" + Integer.toHexString(rest));
    return s.length() == 0 ? "0" : s.toString();
  }
}
