package dev.nslab.lab.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each request nslab sends, byte for byte against what `ip` sent for the same change (captures in
 * src/test/resources/netlink/ip-6.1). Only the sequence number and port id are masked. In the
 * captures nslab-veth0 had index 2 and nslab-br0 index 4; the veth peer went to PID 4 or fd 4.
 */
class MessagesTest {
  private static final int VETH0 = 2, BR0 = 4;

  @Test
  void vethWithThePeerInTheNamespaceOfAPid() {
    int peerPid = Integer.parseInt(IpCapture.read("veth-pid.peer").strip());
    assertSent(
        "veth-pid.strace",
        Messages.newVeth(1, "nslab-veth0", "nslab-veth1", PeerNamespace.pid(peerPid)));
  }

  @Test
  void vethWithThePeerInTheNamespaceOfAnOpenFile() {
    assertSent(
        "veth-fd.strace", Messages.newVeth(1, "nslab-veth2", "nslab-veth3", PeerNamespace.fd(4)));
  }

  @Test
  void bridge() {
    assertSent("bridge.strace", Messages.newBridge(1, "nslab-br0"));
  }

  @Test
  void upAndDownLookUpTheIndexThenChangeOnlyIffUp() {
    assertSent("up.strace", Messages.getLink(1, "nslab-veth0"), Messages.setUp(2, VETH0, true));
    assertSent("down.strace", Messages.getLink(1, "nslab-veth0"), Messages.setUp(2, VETH0, false));
  }

  @Test
  void masterLooksUpTheMasterFirstAndNomasterIsZero() {
    assertSent(
        "master.strace",
        Messages.getLink(1, "nslab-br0"),
        Messages.getLink(2, "nslab-veth0"),
        Messages.setMaster(3, VETH0, BR0));
    assertSent(
        "nomaster.strace", Messages.getLink(1, "nslab-veth0"), Messages.setMaster(2, VETH0, 0));
  }

  @Test
  void addressesAddedAndDeleted() {
    assertSent(
        "addr.strace",
        Messages.getLink(1, "nslab-veth0"),
        Messages.newAddr(2, Cidr.parse("10.0.0.1/24"), VETH0));
    assertSent(
        "addr6.strace",
        Messages.getLink(1, "nslab-veth0"),
        Messages.newAddr(2, Cidr.parse("fd00::1/64"), VETH0));
    assertSent(
        "addr-del.strace",
        Messages.getLink(1, "nslab-veth0"),
        Messages.delAddr(2, Cidr.parse("10.0.0.1/24"), VETH0));
  }

  @Test
  void linkDelete() {
    assertSent("link-del.strace", Messages.getLink(1, "nslab-br0"), Messages.delLink(2, BR0));
  }

  @Test
  void dumpsOfLinksAndAddressesAsIpBrAddrAsksForThem() {
    assertSent("addr-dump.strace", Messages.dumpLinks(1), Messages.dumpAddresses(2));
  }

  private static void assertSent(String capture, byte[]... ours) {
    List<String> ip =
        IpCapture.requests(capture).stream().map(b -> hex(IpCapture.masked(b))).toList();
    List<String> built = List.of(ours).stream().map(b -> hex(IpCapture.masked(b))).toList();
    assertThat(built).as(capture).containsExactlyElementsOf(ip);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
