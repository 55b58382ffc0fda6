package dev.nslab.lab.netlink;

import static dev.nslab.lab.netlink.NetlinkNames.*;
import static dev.nslab.lab.netlink.Rtnl.*;

import dev.nslab.lab.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders rtnetlink messages as strace does at its best, compactly: {@code
 * RTM_NEWLINK{NLM_F_EXCL|NLM_F_CREATE, IFLA_IFNAME="nslab-veth0",
 * IFLA_LINKINFO{IFLA_INFO_KIND="veth", IFLA_INFO_DATA{VETH_INFO_PEER{ IFLA_NET_NS_PID=1234,
 * IFLA_IFNAME="nslab-veth1"}}}}}. Header flags every request carries (NLM_F_REQUEST, NLM_F_ACK) and
 * a dump reply's NLM_F_MULTI are left out, as are zero fields of ifinfomsg and ifaddrmsg;
 * attributes appear in the order they are in the bytes.
 */
public final class NetlinkDecoder {

  private NetlinkDecoder() {}

  /** Every message in {@code buffer}: one rendered alone, several as {@code [a, b]}. */
  public static String render(byte[] buffer) {
    List<Message> messages = Message.split(buffer, buffer.length);
    if (messages.size() == 1) return render(messages.get(0));
    StringJoiner all = new StringJoiner(", ", "[", "]");
    messages.forEach(m -> all.add(render(m)));
    return all.toString();
  }

  static String render(Message m) {
    List<String> parts = new ArrayList<>();
    String flags = requestFlags(m.type(), m.flags());
    if (!flags.isEmpty()) parts.add(flags);
    switch (m.type()) {
      case NLMSG_ERROR -> {
        return "NLMSG_ERROR{" + errorBody(m) + "}";
      }
      case NLMSG_DONE -> {
        return m.errno() == 0 ? "NLMSG_DONE" : "NLMSG_DONE{error=-" + Errno.name(m.errno()) + "}";
      }
      case RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK -> {
        ifinfomsg(m.bytes(), NLMSG_HDRLEN, parts);
        linkAttributes(m.attributes(IFINFOMSG_LEN), parts);
      }
      case RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR -> {
        ifaddrmsg(m, parts);
        for (Attribute a : m.attributes(IFADDRMSG_LEN)) parts.add(addressAttribute(a));
      }
      default -> {
        return "{nlmsg_type=" + m.type() + ", " + m.bytes().length + " bytes}";
      }
    }
    return messageType(m.type()) + "{" + String.join(", ", parts) + "}";
  }

  private static String messageType(int type) {
    return switch (type) {
      case RTM_NEWLINK -> "RTM_NEWLINK";
      case RTM_DELLINK -> "RTM_DELLINK";
      case RTM_GETLINK -> "RTM_GETLINK";
      case RTM_NEWADDR -> "RTM_NEWADDR";
      case RTM_DELADDR -> "RTM_DELADDR";
      default -> "RTM_GETADDR";
    };
  }

  /** The flags that say what kind of request this is (NLM_F_DUMP, NLM_F_EXCL|NLM_F_CREATE, ...). */
  private static String requestFlags(int type, int flags) {
    List<String> names = new ArrayList<>();
    for (int bit = 0; bit < NLM_F.length; bit++) {
      int f = 1 << bit;
      if ((flags & f) != 0 && f != NLM_F_REQUEST && f != NLM_F_ACK && f != NLM_F_MULTI)
        names.add(NLM_F[bit]);
    }
    boolean get = type == RTM_GETLINK || type == RTM_GETADDR;
    if (get && (flags & NLM_F_DUMP) == NLM_F_DUMP) names.add("NLM_F_DUMP");
    if (!get && type != NLMSG_ERROR) {
      if ((flags & NLM_F_REPLACE) != 0) names.add("NLM_F_REPLACE");
      if ((flags & NLM_F_EXCL) != 0) names.add("NLM_F_EXCL");
      if ((flags & NLM_F_CREATE) != 0) names.add("NLM_F_CREATE");
      if ((flags & NLM_F_APPEND) != 0) names.add("NLM_F_APPEND");
    }
    return String.join("|", names);
  }

  /** error=0 is the ACK; with NLM_F_ACK_TLVS the kernel says why in NLMSGERR_ATTR_MSG. */
  private static String errorBody(Message m) {
    int errno = m.errno();
    String body = "error=" + (errno == 0 ? "0" : "-" + Errno.name(errno));
    if ((m.flags() & NLM_F_ACK_TLVS) != 0 && m.bytes().length >= NLMSG_HDRLEN + 4 + NLMSG_HDRLEN) {
      int original = (m.flags() & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : m.payloadInt(4);
      int tlvs = NLMSG_HDRLEN + 4 + align(original);
      Attribute msg =
          Attribute.find(Attribute.parse(m.bytes(), tlvs, m.bytes().length), NLMSGERR_ATTR_MSG);
      if (msg != null) body += ", NLMSGERR_ATTR_MSG=\"" + msg.string() + "\"";
    }
    return body;
  }

  private static void ifinfomsg(byte[] bytes, int at, List<String> parts) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    int family = bytes[at] & 255,
        index = b.getInt(at + 4),
        flags = b.getInt(at + 8),
        change = b.getInt(at + 12);
    if (family != 0) parts.add("ifi_family=" + family(family));
    if (index != 0) parts.add("ifi_index=" + index);
    if (flags != 0 || change != 0) parts.add("ifi_flags=" + bits(flags, IFF));
    if (change != 0) parts.add("ifi_change=" + bits(change, IFF));
  }

  private static void ifaddrmsg(Message m, List<String> parts) {
    int family = m.payloadByte(0),
        prefix = m.payloadByte(1),
        flags = m.payloadByte(2),
        scope = m.payloadByte(3);
    int index = m.payloadInt(4);
    if (family != 0) parts.add("ifa_family=" + family(family));
    if (prefix != 0) parts.add("ifa_prefixlen=" + prefix);
    if (flags != 0) parts.add("ifa_flags=" + bits(flags, IFA_F));
    if (scope != 0) parts.add("ifa_scope=" + scope(scope));
    if (index != 0) parts.add("ifa_index=" + index);
  }

  private static void linkAttributes(List<Attribute> attributes, List<String> parts) {
    for (Attribute a : attributes) parts.add(linkAttribute(a));
  }

  /**
   * How each IFLA_* value is typed in if_link.h; bare numbers are ones nslab only ever reads (IFLA
   * names them).
   */
  private static String linkAttribute(Attribute a) {
    String name = name(IFLA, a.type(), "IFLA");
    return switch (a.type()) {
      case IFLA_IFNAME, 6, 20, 38, 53, 56, 57 -> name + "=" + quote(a.string());
      case IFLA_ADDRESS, IFLA_BROADCAST, 54 -> name + "=" + a.mac();
      case IFLA_OPERSTATE -> name + "=IF_OPER_" + operstate(a.u8());
      case 17, 33, 39 -> name + "=" + a.u8();
      case IFLA_EXT_MASK -> name + "=" + bits(a.u32(), RTEXT);
      case IFLA_LINKINFO -> name + "{" + linkInfo(a.nested(0)) + "}";
      case IFLA_MTU,
          IFLA_LINK,
          IFLA_MASTER,
          13,
          IFLA_NET_NS_PID,
          27,
          IFLA_NET_NS_FD,
          30,
          31,
          32,
          35,
          IFLA_LINK_NETNSID,
          40,
          41,
          45,
          46,
          47,
          48,
          49,
          50,
          51,
          58,
          59,
          60,
          61,
          63,
          64 ->
          name + "=" + a.u32();
      default -> name + "=[" + a.payload().length + " bytes]";
    };
  }

  /** IFLA_LINKINFO: the kind says how to read IFLA_INFO_DATA (a veth's is its peer). */
  private static String linkInfo(List<Attribute> info) {
    Attribute kind = Attribute.find(info, IFLA_INFO_KIND);
    List<String> parts = new ArrayList<>();
    for (Attribute a : info) {
      String name = name(IFLA_INFO, a.type(), "IFLA_INFO");
      if (a.type() == IFLA_INFO_KIND || a.type() == IFLA_INFO_SLAVE_KIND) {
        parts.add(name + "=" + quote(a.string()));
      } else if (a.type() == IFLA_INFO_DATA && kind != null && kind.string().equals("veth")) {
        parts.add(name + "{" + vethData(a.nested(0)) + "}");
      } else {
        parts.add(name + "=[" + a.payload().length + " bytes]");
      }
    }
    return String.join(", ", parts);
  }

  /**
   * VETH_INFO_PEER holds a whole ifinfomsg and its attributes: the other end, as if created alone.
   */
  private static String vethData(List<Attribute> data) {
    List<String> parts = new ArrayList<>();
    for (Attribute a : data) {
      if (a.type() != VETH_INFO_PEER || a.payload().length < IFINFOMSG_LEN) {
        parts.add("0x" + Integer.toHexString(a.type()) + " /* VETH_INFO_??? */");
        continue;
      }
      List<String> peer = new ArrayList<>();
      ifinfomsg(a.payload(), 0, peer);
      linkAttributes(a.nested(IFINFOMSG_LEN), peer);
      parts.add("VETH_INFO_PEER{" + String.join(", ", peer) + "}");
    }
    return String.join(", ", parts);
  }

  private static String addressAttribute(Attribute a) {
    String name = name(IFA, a.type(), "IFA");
    return switch (a.type()) {
      case IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, 5, 7 -> name + "=" + inet(a.payload());
      case IFA_LABEL -> name + "=" + quote(a.string());
      case IFA_FLAGS -> name + "=" + bits(a.u32(), IFA_F);
      case 9 -> name + "=" + a.u32();
      default -> name + "=[" + a.payload().length + " bytes]";
    };
  }

  /** strace's way: inet_addr("10.0.0.1"), inet_pton(AF_INET6, "fd00::1"). */
  private static String inet(byte[] address) {
    if (address.length == 4) return "inet_addr(\"" + Cidr.format(address) + "\")";
    if (address.length == 16) return "inet_pton(AF_INET6, \"" + Cidr.format(address) + "\")";
    return "[" + address.length + " bytes]";
  }

  private static String quote(String s) {
    return '"' + s + '"';
  }
}
