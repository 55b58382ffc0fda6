package dev.nslab.lab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.Errno;
import dev.nslab.lab.Libc;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Syscall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * rtnetlink on the real kernel, in network namespaces unshared on dedicated threads: what nslab
 * makes is checked with `ip -d -j`, and what `ip` makes is read back through nslab's parser.
 */
class RtnetlinkLiveTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int O_RDONLY = 0, O_CLOEXEC = 02000000;

  private final List<Syscall> trace = new CopyOnWriteArrayList<>();
  private final Rtnetlink rt = new Rtnetlink(trace::add);

  @BeforeAll
  static void needsRoot() {
    assumeTrue(
        Privileges.root(),
        "creating links needs CAP_NET_ADMIN: the live rtnetlink tests run as root (CI does)");
  }

  @AfterAll
  static void theHostsNetworkIsUntouched() throws Exception {
    if (!Privileges.root()) return;
    Process p = new ProcessBuilder("ip", "-br", "link").redirectErrorStream(true).start();
    assertThat(new String(p.getInputStream().readAllBytes())).doesNotContain("nslab");
  }

  @Test
  void aVethWithItsPeerInAnotherNamespaceABridgeAndAddressesAreWhatIpSees() throws Exception {
    try (NetnsThread a = new NetnsThread("nslab-net-a");
        NetnsThread b = new NetnsThread("nslab-net-b")) {
      Syscall veth =
          a.call(() -> rt.linkAddVeth("nslab-veth0", "nslab-veth1", PeerNamespace.pid(b.tid())));
      assertThat(veth.render())
          .isEqualTo(
              "sendmsg(nl, RTM_NEWLINK{NLM_F_EXCL|NLM_F_CREATE, IFLA_IFNAME=\"nslab-veth0\", "
                  + "IFLA_LINKINFO{IFLA_INFO_KIND=\"veth\", IFLA_INFO_DATA{VETH_INFO_PEER{IFLA_NET_NS_PID="
                  + b.tid()
                  + ", IFLA_IFNAME=\"nslab-veth1\"}}}}) = 0");
      a.call(() -> rt.linkAddBridge("nslab-br0"));
      a.call(() -> rt.linkSetMaster("nslab-veth0", "nslab-br0"));
      a.call(() -> rt.linkSetUp("nslab-veth0", true));
      a.call(() -> rt.linkSetUp("nslab-br0", true));
      a.call(() -> rt.addrAdd("nslab-br0", "10.0.0.1/24"));
      a.call(() -> rt.addrAdd("nslab-br0", "fd00::1/64"));
      b.call(() -> rt.linkSetUp("nslab-veth1", true));
      b.call(() -> rt.addrAdd("nslab-veth1", "10.0.0.2/24"));
      assertThat(trace).allSatisfy(s -> assertThat(s.render()).endsWith(") = 0"));

      Map<String, JsonNode> inA = byName(a.ip("-d", "-j", "link"));
      assertThat(nslabLinks(a.ip("-j", "link")))
          .containsExactlyInAnyOrder("nslab-veth0", "nslab-br0");
      assertThat(inA.get("nslab-veth0").at("/linkinfo/info_kind").asString()).isEqualTo("veth");
      assertThat(inA.get("nslab-veth0").get("master").asString()).isEqualTo("nslab-br0");
      assertThat(inA.get("nslab-veth0").has("link_netnsid"))
          .as("the peer lives elsewhere")
          .isTrue();
      assertThat(flags(inA.get("nslab-veth0"))).contains("UP");
      assertThat(inA.get("nslab-br0").at("/linkinfo/info_kind").asString()).isEqualTo("bridge");
      assertThat(flags(inA.get("nslab-br0"))).contains("UP");
      Map<String, JsonNode> inB = byName(b.ip("-d", "-j", "link"));
      assertThat(nslabLinks(b.ip("-j", "link"))).containsExactly("nslab-veth1");
      assertThat(inB.get("nslab-veth1").at("/linkinfo/info_kind").asString()).isEqualTo("veth");

      assertThat(addresses(a.ip("-j", "addr", "show", "dev", "nslab-br0")))
          .contains("10.0.0.1/24", "fd00::1/64");
      assertThat(addresses(b.ip("-j", "addr", "show", "dev", "nslab-veth1")))
          .contains("10.0.0.2/24")
          .doesNotContain("10.0.0.1/24");
      assertTheCableCarriesTcp(a, b);
    }
  }

  @Test
  void aVethPeerCanGoToTheNamespaceOfAnOpenNsFile() {
    try (NetnsThread a = new NetnsThread("nslab-net-a");
        NetnsThread b = new NetnsThread("nslab-net-b")) {
      int fd = Libc.C.open(b.nsPath(), O_RDONLY | O_CLOEXEC, 0);
      assertThat(fd).isGreaterThanOrEqualTo(0);
      try {
        Syscall veth =
            a.call(() -> rt.linkAddVeth("nslab-veth2", "nslab-veth3", PeerNamespace.fd(fd)));
        assertThat(veth.render())
            .contains("VETH_INFO_PEER{IFLA_NET_NS_FD=" + fd + ", IFLA_IFNAME=\"nslab-veth3\"}")
            .endsWith(" = 0");
      } finally {
        Libc.C.close(fd);
      }
      assertThat(nslabLinks(a.ip("-d", "-j", "link"))).containsExactlyInAnyOrder("nslab-veth2");
      assertThat(nslabLinks(b.ip("-d", "-j", "link"))).containsExactlyInAnyOrder("nslab-veth3");
    }
  }

  @Test
  void theKernelsRefusalsComeBackAsErrnoNotAsExceptions() {
    try (NetnsThread a = new NetnsThread("nslab-net-a")) {
      assertThat(a.call(() -> rt.linkAddBridge("nslab-br0")).failed()).isFalse();
      Syscall again = a.call(() -> rt.linkAddBridge("nslab-br0"));
      assertThat(Errno.name(again.errno())).isEqualTo("EEXIST");
      assertThat(again.render()).endsWith(") = -1 EEXIST (File exists)");

      Syscall missing = a.call(() -> rt.linkSetUp("nslab-nosuch0", true));
      assertThat(missing.render())
          .isEqualTo(
              "sendmsg(nl, RTM_GETLINK{IFLA_EXT_MASK=RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS, "
                  + "IFLA_IFNAME=\"nslab-nosuch0\"}) = -1 ENODEV (No such device)");
      assertThat(Errno.name(a.call(() -> rt.addrDelete("nslab-br0", "10.9.9.9/24")).errno()))
          .isEqualTo("EADDRNOTAVAIL");
      Syscall nowhere =
          a.call(
              () ->
                  rt.linkAddVeth(
                      "nslab-veth0", "nslab-veth1", PeerNamespace.pid(Integer.MAX_VALUE)));
      assertThat(Errno.name(nowhere.errno())).isEqualTo("ESRCH");
      assertThat(nslabLinks(a.ip("-j", "link"))).containsExactlyInAnyOrder("nslab-br0");
    }
  }

  @Test
  void linksAndAddressesMadeByIpReadBackThroughTheParser() {
    try (NetnsThread a = new NetnsThread("nslab-net-a");
        NetnsThread b = new NetnsThread("nslab-net-b")) {
      madeByIp(a, b);
      Listing<Link> links = a.call(rt::links);
      assertThat(links.syscall().render())
          .isEqualTo("sendmsg(nl, RTM_GETLINK{NLM_F_DUMP, IFLA_EXT_MASK=RTEXT_FILTER_VF}) = 0");
      Map<String, JsonNode> ip = byName(a.ip("-d", "-j", "link"));
      assertThat(links.items()).extracting(Link::name).containsExactlyElementsOf(ip.keySet());
      Map<Integer, String> names =
          links.items().stream().collect(Collectors.toMap(Link::index, Link::name));
      for (Link l : links.items()) {
        JsonNode j = ip.get(l.name());
        assertThat(l.index()).as(l.name()).isEqualTo(j.get("ifindex").asInt());
        assertThat(l.kind())
            .as(l.name())
            .isEqualTo(
                j.at("/linkinfo/info_kind").isMissingNode()
                    ? null
                    : j.at("/linkinfo/info_kind").asString());
        assertThat(l.master() == 0 ? null : names.get(l.master()))
            .as(l.name())
            .isEqualTo(j.has("master") ? j.get("master").asString() : null);
        assertThat(l.mac()).as(l.name()).isEqualTo(j.get("address").asString());
        assertThat(l.mtu()).as(l.name()).isEqualTo(j.get("mtu").asInt());
        assertThat(l.up()).as(l.name()).isEqualTo(flags(j).contains("UP"));
        assertThat(l.linkElsewhere()).as(l.name()).isEqualTo(j.has("link_netnsid"));
      }
      assertThat(links.items())
          .filteredOn(l -> l.name().equals("nslab-veth0"))
          .singleElement()
          .extracting(Link::kind, l -> names.get(l.link()))
          .containsExactly("veth", "nslab-veth1");

      Listing<Address> addresses = a.call(rt::addresses);
      List<String> ours =
          addresses.items().stream()
              .map(x -> names.get(x.index()) + " " + x.cidr())
              .sorted()
              .toList();
      List<String> theirs = new ArrayList<>();
      for (JsonNode link : JSON.readTree(a.ip("-j", "addr"))) {
        for (JsonNode x : link.get("addr_info")) {
          theirs.add(
              link.get("ifname").asString()
                  + " "
                  + x.get("local").asString()
                  + "/"
                  + x.get("prefixlen").asInt());
        }
      }
      assertThat(ours)
          .containsExactlyElementsOf(theirs.stream().sorted().toList())
          .contains(
              "nslab-br0 10.1.0.1/16", "nslab-br0 fd00:1::1/64", "lo 127.0.0.1/8", "lo ::1/128");
    }
  }

  @Test
  void theDecoderReadsWhatTheKernelAnswersToADump() {
    try (NetnsThread a = new NetnsThread("nslab-net-a")) {
      a.ip("link", "add", "nslab-br0", "type", "bridge");
      Map<String, JsonNode> ip = byName(a.ip("-j", "link"));
      List<String> replies =
          a.call(
              () -> {
                try (Conversation nl = Conversation.open(trace::add)) {
                  return nl.send(Messages.dumpLinks(nl.nextSeq())).replies().stream()
                      .map(NetlinkDecoder::render)
                      .toList();
                }
              });
      assertThat(replies.get(0))
          .startsWith("RTM_NEWLINK{ifi_index=1, ifi_flags=IFF_LOOPBACK, IFLA_IFNAME=\"lo\", ")
          .contains("IFLA_OPERSTATE=IF_OPER_DOWN", "IFLA_ADDRESS=00:00:00:00:00:00");
      assertThat(replies)
          .filteredOn(r -> r.contains("\"nslab-br0\""))
          .singleElement()
          .asString()
          .startsWith(
              "RTM_NEWLINK{ifi_index="
                  + ip.get("nslab-br0").get("ifindex").asInt()
                  + ", ifi_flags=IFF_BROADCAST|IFF_MULTICAST, IFLA_IFNAME=\"nslab-br0\", ")
          .contains("IFLA_LINKINFO{IFLA_INFO_KIND=\"bridge\", IFLA_INFO_DATA=[");
    }
  }

  @Test
  void theBriefViewsAreIpsToTheByte() throws Exception {
    try (NetnsThread a = new NetnsThread("nslab-net-a");
        NetnsThread b = new NetnsThread("nslab-net-b")) {
      madeByIp(a, b);
      // Links and IPv6 addresses settle in the background after `up`: compare once `ip` says the
      // same twice.
      String ipLink = "", ipAddr = "", ourLink = "", ourAddr = "";
      for (int i = 0; i < 50; i++) {
        ipLink = a.ip("-br", "link");
        ipAddr = a.ip("-br", "addr");
        List<Link> links = a.call(rt::links).items();
        ourLink = BriefView.links(links);
        ourAddr = BriefView.addresses(links, a.call(rt::addresses).items());
        if (ipLink.equals(a.ip("-br", "link"))
            && ipAddr.equals(a.ip("-br", "addr"))
            && ourLink.equals(ipLink)
            && ourAddr.equals(ipAddr)) break;
        Thread.sleep(100);
      }
      assertThat(ourLink)
          .isEqualTo(ipLink)
          .contains("nslab-veth0@nslab-veth1 ", "nslab-veth2@if", "nslab-br0 ");
      assertThat(ourAddr).isEqualTo(ipAddr).contains("10.1.0.1/16 fd00:1::1/64");
    }
  }

  @Test
  void flushTakesEveryAddressOfALinkAndDeletingAVethTakesItsPeer() {
    try (NetnsThread a = new NetnsThread("nslab-net-a");
        NetnsThread b = new NetnsThread("nslab-net-b")) {
      madeByIp(a, b);
      Syscall flush = a.call(() -> rt.addrFlush("nslab-br0"));
      assertThat(flush.render()).startsWith("sendmsg(nl, RTM_DELADDR{").endsWith(" = 0");
      assertThat(addresses(a.ip("-j", "addr", "show", "dev", "nslab-br0"))).isEmpty();
      assertThat(addresses(a.ip("-j", "addr", "show", "dev", "lo"))).contains("127.0.0.1/8");

      assertThat(a.call(() -> rt.linkDelete("nslab-veth0")).failed()).isFalse();
      assertThat(a.call(() -> rt.linkDelete("nslab-veth2")).failed()).isFalse();
      assertThat(nslabLinks(a.ip("-j", "link"))).containsExactlyInAnyOrder("nslab-br0");
      assertThat(nslabLinks(b.ip("-j", "link"))).isEmpty();
    }
  }

  /**
   * lo up; a veth pair inside a, enslaved to a bridge; a second veth with its peer in b; addresses.
   */
  private static void madeByIp(NetnsThread a, NetnsThread b) {
    a.ip("link", "set", "lo", "up");
    a.ip("link", "add", "nslab-veth0", "type", "veth", "peer", "name", "nslab-veth1");
    a.ip(
        "link",
        "add",
        "nslab-veth2",
        "type",
        "veth",
        "peer",
        "name",
        "nslab-veth3",
        "netns",
        String.valueOf(b.tid()));
    a.ip("link", "add", "nslab-br0", "type", "bridge");
    a.ip("link", "set", "nslab-veth0", "master", "nslab-br0");
    a.ip("link", "set", "nslab-veth0", "up");
    a.ip("link", "set", "nslab-veth1", "up");
    a.ip("link", "set", "nslab-br0", "up");
    a.ip("addr", "add", "10.1.0.1/16", "dev", "nslab-br0");
    a.ip("addr", "add", "fd00:1::1/64", "dev", "nslab-br0");
  }

  /**
   * A TCP connection from a's namespace to a server in b's: the cable and the bridge carry traffic.
   */
  private static void assertTheCableCarriesTcp(NetnsThread a, NetnsThread b) throws Exception {
    try (ServerSocket server =
        b.call(() -> new ServerSocket(7000, 1, InetAddress.getByName("10.0.0.2")))) {
      Thread accept =
          new Thread(
              () -> {
                try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                  out.write("nslab\n".getBytes());
                } catch (IOException ignored) {
                  // the assertion below reports it
                }
              });
      accept.start();
      String got =
          a.call(
              () -> {
                try (Socket s = new Socket()) {
                  s.connect(new InetSocketAddress("10.0.0.2", 7000), 5000);
                  s.setSoTimeout(5000);
                  InputStream in = s.getInputStream();
                  return new String(in.readAllBytes()).strip();
                }
              });
      accept.join(5000);
      assertThat(got).isEqualTo("nslab");
    }
  }

  private static Map<String, JsonNode> byName(String json) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode link : JSON.readTree(json)) out.put(link.get("ifname").asString(), link);
    return out;
  }

  /**
   * The links nslab's tests made (a kernel may add its own fallback tunnels to every namespace).
   */
  private static List<String> nslabLinks(String json) {
    return byName(json).keySet().stream().filter(n -> n.startsWith("nslab-")).toList();
  }

  private static List<String> flags(JsonNode link) {
    return StreamSupport.stream(link.get("flags").spliterator(), false)
        .map(JsonNode::asString)
        .toList();
  }

  private static List<String> addresses(String json) {
    List<String> out = new ArrayList<>();
    for (JsonNode link : JSON.readTree(json)) {
      for (JsonNode x : link.get("addr_info"))
        out.add(x.get("local").asString() + "/" + x.get("prefixlen").asInt());
    }
    return out;
  }
}
