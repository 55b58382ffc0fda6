package dev.nslab.lesson;

import dev.nslab.lesson.YamlTree.MapNode;
import dev.nslab.lesson.YamlTree.Node;
import java.util.List;
import java.util.Set;

/** The readers of the network actions, which share `in:`, the namespace they work in. */
final class NetActionReader {
  private NetActionReader() {}

  static Action linkAdd(YamlFields f, Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("veth", "bridge", "in", "peer_in"));
    NetAction.NetPlace in = place(f, m, p, "in"), peerIn = place(f, m, p, "peer_in");
    if (YamlFields.has(m, "veth") == YamlFields.has(m, "bridge")) {
      f.add(m.loc(), p + ": name either veth: [NAME, PEER] or bridge: NAME");
      return null;
    }
    if (YamlFields.has(m, "bridge")) {
      if (YamlFields.has(m, "peer_in"))
        f.add(m.loc(), p + ": peer_in is for a veth pair, a bridge has no peer");
      return new NetAction.LinkAdd(f.string(m, p, "bridge", true), null, in, in);
    }
    List<String> ends = f.listOf(m.entries().get("veth").value(), p + ".veth", f::text);
    if (ends.size() != 2) {
      f.add(YamlFields.valueLoc(m, "veth"), p + ".veth: a veth pair has two ends: [NAME, PEER]");
      return null;
    }
    return new NetAction.LinkAdd(
        ends.get(0), ends.get(1), in, YamlFields.has(m, "peer_in") ? peerIn : in);
  }

  static Action linkSet(YamlFields f, Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("dev", "up", "master", "in"));
    Boolean up = YamlFields.has(m, "up") ? f.bool(m, p, "up") : null;
    String master = f.string(m, p, "master", false);
    if (up == null && master == null)
      f.add(m.loc(), p + ": say what to set: up: true|false, master: BRIDGE (or none)");
    return new NetAction.LinkSet(f.string(m, p, "dev", true), up, master, place(f, m, p, "in"));
  }

  static Action addrAdd(YamlFields f, Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("dev", "cidr", "in"));
    String cidr = f.string(m, p, "cidr", true);
    if (cidr != null && !cidr.contains("${") && !cidr.matches("[0-9a-fA-F:.]+/\\d{1,3}")) {
      f.add(
          YamlFields.valueLoc(m, "cidr"),
          p + ".cidr: '" + cidr + "' is not an address with its prefix, like 10.0.0.1/24");
    }
    return new NetAction.AddrAdd(f.string(m, p, "dev", true), cidr, place(f, m, p, "in"));
  }

  static Action addrFlush(YamlFields f, Node v, String p) {
    MapNode m = f.map(v, p);
    if (m == null) return null;
    f.keys(m, p, Set.of("dev", "in"));
    return new NetAction.AddrFlush(f.string(m, p, "dev", true), place(f, m, p, "in"));
  }

  /** Where a network action works: lab (the default) or init. */
  private static NetAction.NetPlace place(YamlFields f, MapNode m, String path, String key) {
    String text = f.string(m, path, key, false);
    if (text == null) return NetAction.NetPlace.LAB;
    for (NetAction.NetPlace place : NetAction.NetPlace.values())
      if (place.yaml.equals(text)) return place;
    f.add(
        YamlFields.valueLoc(m, key),
        path
            + "."
            + key
            + ": '"
            + text
            + "' is not a network namespace nslab knows: lab (the lab's own) or init (its PID 1's)");
    return NetAction.NetPlace.LAB;
  }
}
