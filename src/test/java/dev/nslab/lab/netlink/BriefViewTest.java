package dev.nslab.lab.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corners of `ip -br` that a fresh lab rarely shows (RtnetlinkLiveTest compares the rest with
 * `ip`).
 */
class BriefViewTest {
  private static final int UP = 0x1,
      BROADCAST = 0x2,
      LOOPBACK = 0x8,
      RUNNING = 0x40,
      NOARP = 0x80,
      MULTICAST = 0x1000,
      LOWER_UP = 0x10000;

  private static final Link LO =
      new Link(
          1,
          "lo",
          LOOPBACK | UP | RUNNING | LOWER_UP,
          "UNKNOWN",
          null,
          0,
          -1,
          false,
          "00:00:00:00:00:00",
          65536);
  private static final Link BRIDGE_DOWN =
      new Link(
          3,
          "nslab-br0",
          BROADCAST | MULTICAST,
          "DOWN",
          "bridge",
          0,
          -1,
          false,
          "aa:bb:cc:dd:ee:01",
          1500);
  private static final Link PORT =
      new Link(
          4,
          "nslab-veth0",
          BROADCAST | MULTICAST | UP,
          "LOWERLAYERDOWN",
          "veth",
          3,
          7,
          true,
          "aa:bb:cc:dd:ee:02",
          1500);
  private static final Link TUNNEL =
      new Link(5, "sit0", NOARP, "DOWN", "sit", 0, 0, false, "00:00:00:00", 1480);

  @Test
  void aPortOfADownBridgeIsMDownAnUpLinkWithoutCarrierIsNoCarrierAndAnUntiedTunnelIsAtNone() {
    assertThat(BriefView.links(List.of(LO, BRIDGE_DOWN, PORT, TUNNEL)))
        .isEqualTo(
            "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n"
                + "nslab-br0        DOWN           aa:bb:cc:dd:ee:01 <BROADCAST,MULTICAST> \n"
                + "nslab-veth0@if7  LOWERLAYERDOWN aa:bb:cc:dd:ee:02 <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> \n"
                + "sit0@NONE        DOWN           00:00:00:00 <NOARP> \n");
  }

  @Test
  void addressesFollowTheirLinkInTheKernelsOrder() {
    List<Address> addresses =
        List.of(
            new Address(1, Rtnl.AF_INET, "127.0.0.1", 8, 254, "lo"),
            new Address(4, Rtnl.AF_INET, "10.0.0.1", 24, 0, "nslab-veth0"),
            new Address(1, Rtnl.AF_INET6, "::1", 128, 254, null),
            new Address(4, Rtnl.AF_INET6, "fe80::1", 64, 253, null));
    assertThat(BriefView.addresses(List.of(LO, BRIDGE_DOWN, PORT), addresses))
        .isEqualTo(
            "lo               UNKNOWN        127.0.0.1/8 ::1/128 \n"
                + "nslab-br0        DOWN           \n"
                + "nslab-veth0@if7  LOWERLAYERDOWN 10.0.0.1/24 fe80::1/64 \n");
  }
}
