package dev.nslab.lab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Addresses read as `ip addr add` reads them, and written as `ip` writes them (RFC 5952 for IPv6).
 */
class CidrTest {

  @Test
  void parsesBothFamiliesAndAMissingPrefixIsAHostAddress() {
    Cidr v4 = Cidr.parse("10.0.0.1/24");
    assertThat(v4.family()).isEqualTo(Rtnl.AF_INET);
    assertThat(v4.address()).containsExactly(10, 0, 0, 1);
    assertThat(v4.prefixLength()).isEqualTo(24);
    assertThat(Cidr.parse("fd00::1").prefixLength()).isEqualTo(128);
    assertThat(Cidr.parse("fd00::1/64").family()).isEqualTo(Rtnl.AF_INET6);
  }

  @Test
  void refusesNamesAndPrefixesOutOfRangeWithoutAskingDns() {
    assertThatThrownBy(() -> Cidr.parse("localhost/8"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.1/33"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv6IsWrittenWithTheLongestZeroRunAsDoubleColon() {
    assertThat(format("fd00::1")).isEqualTo("fd00::1");
    assertThat(format("::1")).isEqualTo("::1");
    assertThat(format("::")).isEqualTo("::");
    assertThat(format("fe80::a033:4eff:fe7f:dfb3")).isEqualTo("fe80::a033:4eff:fe7f:dfb3");
    assertThat(format("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(format("2001:db8:0:1:1:1:1:1"))
        .as("one zero group stays")
        .isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(format("2001:db8::")).isEqualTo("2001:db8::");
    assertThat(format("192.168.1.200")).isEqualTo("192.168.1.200");
  }

  private static String format(String address) {
    return Cidr.format(Cidr.parse(address).address());
  }
}
