package dev.nslab.lab.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trace's rendering of rtnetlink, checked on the bytes `ip` sent (captures in
 * src/test/resources/netlink).
 */
class NetlinkDecoderTest {

  @Test
  void aVethRequestShowsItsPeerNestedWhereTheKernelReadsIt() {
    assertThat(render("veth-pid.strace", 0))
        .isEqualTo(
            "RTM_NEWLINK{NLM_F_EXCL|NLM_F_CREATE, IFLA_IFNAME=\"nslab-veth0\", "
                + "IFLA_LINKINFO{IFLA_INFO_KIND=\"veth\", IFLA_INFO_DATA{VETH_INFO_PEER{IFLA_NET_NS_PID=4, IFLA_IFNAME=\"nslab-veth1\"}}}}");
    assertThat(render("veth-fd.strace", 0))
        .contains("VETH_INFO_PEER{IFLA_NET_NS_FD=4, IFLA_IFNAME=\"nslab-veth3\"}");
    assertThat(render("bridge.strace", 0))
        .isEqualTo(
            "RTM_NEWLINK{NLM_F_EXCL|NLM_F_CREATE, IFLA_IFNAME=\"nslab-br0\", IFLA_LINKINFO{IFLA_INFO_KIND=\"bridge\"}}");
  }

  @Test
  void upAndDownAreIfiFlagsUnderTheIfiChangeMask() {
    assertThat(render("up.strace", 0))
        .isEqualTo(
            "RTM_GETLINK{IFLA_EXT_MASK=RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS, IFLA_IFNAME=\"nslab-veth0\"}");
    assertThat(render("up.strace", 1))
        .isEqualTo("RTM_NEWLINK{ifi_index=2, ifi_flags=IFF_UP, ifi_change=IFF_UP}");
    assertThat(render("down.strace", 1))
        .isEqualTo("RTM_NEWLINK{ifi_index=2, ifi_flags=0, ifi_change=IFF_UP}");
    assertThat(render("master.strace", 2)).isEqualTo("RTM_NEWLINK{ifi_index=2, IFLA_MASTER=4}");
  }

  @Test
  void addressesAreWrittenAsStraceWritesThem() {
    assertThat(render("addr.strace", 1))
        .isEqualTo(
            "RTM_NEWADDR{NLM_F_EXCL|NLM_F_CREATE, ifa_family=AF_INET, ifa_prefixlen=24, "
                + "ifa_index=2, IFA_LOCAL=inet_addr(\"10.0.0.1\"), IFA_ADDRESS=inet_addr(\"10.0.0.1\")}");
    assertThat(render("addr6.strace", 1)).contains("IFA_LOCAL=inet_pton(AF_INET6, \"fd00::1\")");
    assertThat(render("addr-del.strace", 1))
        .startsWith("RTM_DELADDR{ifa_family=AF_INET, ifa_prefixlen=24, ifa_index=2, ");
  }

  @Test
  void dumpsSayNlmFDump() {
    assertThat(render("addr-dump.strace", 0))
        .isEqualTo("RTM_GETLINK{NLM_F_DUMP, IFLA_EXT_MASK=RTEXT_FILTER_VF}");
    assertThat(render("addr-dump.strace", 1)).isEqualTo("RTM_GETADDR{NLM_F_DUMP}");
  }

  @Test
  void theKernelsAnswerIsAnAckOrANegativeErrnoWithItsReason() {
    assertThat(NetlinkDecoder.render(error(0, null))).isEqualTo("NLMSG_ERROR{error=0}");
    assertThat(NetlinkDecoder.render(error(-17, null))).isEqualTo("NLMSG_ERROR{error=-EEXIST}");
    assertThat(NetlinkDecoder.render(error(-22, "Invalid prefix for given prefix length")))
        .isEqualTo(
            "NLMSG_ERROR{error=-EINVAL, NLMSGERR_ATTR_MSG=\"Invalid prefix for given prefix length\"}");
  }

  @Test
  void severalMessagesInOneBufferAreAList() {
    byte[] two = ByteBuffer.allocate(72).put(error(0, null)).put(error(-19, null)).array();
    assertThat(NetlinkDecoder.render(two))
        .isEqualTo("[NLMSG_ERROR{error=0}, NLMSG_ERROR{error=-ENODEV}]");
  }

  private static String render(String capture, int request) {
    List<byte[]> sent = IpCapture.requests(capture);
    return NetlinkDecoder.render(sent.get(request));
  }

  /**
   * An NLMSG_ERROR as the kernel writes it: the error, the header of the request it answers
   * (NLM_F_CAPPED), and with NLM_F_ACK_TLVS the extended ack's message.
   */
  private static byte[] error(int error, String why) {
    byte[] text = why == null ? new byte[0] : (why + "\0").getBytes(StandardCharsets.US_ASCII);
    int tlv = why == null ? 0 : Rtnl.align(4 + text.length);
    ByteBuffer b = ByteBuffer.allocate(16 + 4 + 16 + tlv).order(ByteOrder.nativeOrder());
    int flags = 0x100 | (why == null ? 0 : Rtnl.NLM_F_ACK_TLVS);
    b.putInt(b.capacity())
        .putShort((short) Rtnl.NLMSG_ERROR)
        .putShort((short) flags)
        .putInt(7)
        .putInt(0);
    b.putInt(error);
    b.putInt(32).putShort((short) Rtnl.RTM_NEWADDR).putShort((short) 5).putInt(7).putInt(0);
    if (why != null)
      b.putShort((short) (4 + text.length)).putShort((short) Rtnl.NLMSGERR_ATTR_MSG).put(text);
    return b.array();
  }
}
