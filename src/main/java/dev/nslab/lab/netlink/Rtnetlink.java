package dev.nslab.lab.netlink;

import dev.nslab.lab.Kernel;
import dev.nslab.lab.Syscall;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Links, bridges and addresses changed the way `ip` changes them: rtnetlink messages built here,
 * sent on a NETLINK_ROUTE socket opened by the calling thread, so run each operation on the lab
 * thread whose network namespace it is meant for ({@code thread.call(() ->
 * rtnetlink.linkSetUp("lo", true))}).
 *
 * <p>Every message sent is traced as {@code sendmsg(nl, RTM_...{...}) = 0}, or {@code = -1 ERRNO}
 * with the kernel's NLMSG_ERROR: a refusal is data, never an exception. Like `ip`, an operation on
 * a named link first asks the kernel for its index (a traced RTM_GETLINK); it returns the record of
 * the message that made the change, or of the first one refused.
 */
public final class Rtnetlink {
  private final Consumer<Syscall> trace;

  public Rtnetlink(Consumer<Syscall> trace) {
    this.trace = trace;
  }

  /** Traced where {@code kernel} traces its own syscalls. */
  public Rtnetlink(Kernel kernel) {
    this(s -> kernel.record(s.name(), s.args(), s.result(), s.errno(), s.nanos()));
  }

  /**
   * ip link add NAME type veth peer name PEER [netns ...]; {@code peerNs} null keeps both ends
   * here.
   */
  public Syscall linkAddVeth(String name, String peer, PeerNamespace peerNs) {
    return talk(nl -> nl.send(Messages.newVeth(nl.nextSeq(), name, peer, peerNs)).syscall());
  }

  /** ip link add NAME type bridge. */
  public Syscall linkAddBridge(String name) {
    return talk(nl -> nl.send(Messages.newBridge(nl.nextSeq(), name)).syscall());
  }

  /** ip link set NAME up|down: RTM_NEWLINK with IFF_UP in ifi_change, and in ifi_flags or not. */
  public Syscall linkSetUp(String name, boolean up) {
    return talk(
        nl -> {
          Lookup link = lookup(nl, name);
          return link.failed()
              ? link.syscall()
              : nl.send(Messages.setUp(nl.nextSeq(), link.index(), up)).syscall();
        });
  }

  /** ip link set NAME master MASTER; {@code master} null is nomaster. */
  public Syscall linkSetMaster(String name, String master) {
    return talk(
        nl -> {
          Lookup m = master == null ? new Lookup(null, 0) : lookup(nl, master);
          if (m.failed()) return m.syscall();
          Lookup link = lookup(nl, name);
          return link.failed()
              ? link.syscall()
              : nl.send(Messages.setMaster(nl.nextSeq(), link.index(), m.index())).syscall();
        });
  }

  /** ip link delete NAME (a veth takes its peer with it). */
  public Syscall linkDelete(String name) {
    return talk(
        nl -> {
          Lookup link = lookup(nl, name);
          return link.failed()
              ? link.syscall()
              : nl.send(Messages.delLink(nl.nextSeq(), link.index())).syscall();
        });
  }

  /**
   * ip addr add CIDR dev DEV, e.g. {@code addrAdd("nslab-veth0", "10.0.0.1/24")}. Text that is not
   * a literal ADDRESS[/PREFIX] throws IllegalArgumentException before anything is sent: a lesson's
   * mistake, for `check` to catch, not the kernel's refusal.
   */
  public Syscall addrAdd(String dev, String cidr) {
    Cidr parsed = Cidr.parse(cidr);
    return talk(
        nl -> {
          Lookup link = lookup(nl, dev);
          return link.failed()
              ? link.syscall()
              : nl.send(Messages.newAddr(nl.nextSeq(), parsed, link.index())).syscall();
        });
  }

  /** ip addr del CIDR dev DEV. */
  public Syscall addrDelete(String dev, String cidr) {
    Cidr parsed = Cidr.parse(cidr);
    return talk(
        nl -> {
          Lookup link = lookup(nl, dev);
          return link.failed()
              ? link.syscall()
              : nl.send(Messages.delAddr(nl.nextSeq(), parsed, link.index())).syscall();
        });
  }

  /**
   * ip addr flush dev DEV: every address of the link, link-local ones too, one RTM_DELADDR each
   * (`ip` sends each dumped message back; this sends what `ip addr del` would).
   */
  public Syscall addrFlush(String dev) {
    return talk(
        nl -> {
          Lookup link = lookup(nl, dev);
          if (link.failed()) return link.syscall();
          Conversation.Exchange dump = nl.send(Messages.dumpAddresses(nl.nextSeq()));
          Syscall last = dump.syscall();
          for (Message m : dump.replies()) {
            Address a = Replies.address(m);
            if (a.index() != link.index() || last.failed()) continue;
            last =
                nl.send(Messages.delAddr(nl.nextSeq(), Cidr.parse(a.cidr()), a.index())).syscall();
          }
          return last;
        });
  }

  /** ip link show, as records. */
  public Listing<Link> links() {
    return talk(
        nl -> {
          Conversation.Exchange dump = nl.send(Messages.dumpLinks(nl.nextSeq()));
          return new Listing<>(dump.syscall(), dump.replies().stream().map(Replies::link).toList());
        },
        refused -> new Listing<>(refused, List.of()));
  }

  /** ip addr show, as records (every family, in the kernel's order). */
  public Listing<Address> addresses() {
    return talk(
        nl -> {
          Conversation.Exchange dump = nl.send(Messages.dumpAddresses(nl.nextSeq()));
          return new Listing<>(
              dump.syscall(), dump.replies().stream().map(Replies::address).toList());
        },
        refused -> new Listing<>(refused, List.of()));
  }

  /** A link's index, or the refused request (ENODEV for a name the namespace does not have). */
  private record Lookup(Syscall syscall, int index) {
    boolean failed() {
      return syscall != null && syscall.failed();
    }
  }

  private static Lookup lookup(Conversation nl, String name) {
    Conversation.Exchange e = nl.send(Messages.getLink(nl.nextSeq(), name));
    return new Lookup(
        e.syscall(),
        e.failed() || e.replies().isEmpty() ? 0 : Replies.link(e.replies().get(0)).index());
  }

  private Syscall talk(Function<Conversation, Syscall> work) {
    return talk(work, refused -> refused);
  }

  /** Opens the socket on this thread, or gives {@code refused} the traced socket(2) failure. */
  private <T> T talk(Function<Conversation, T> work, Function<Syscall, T> refused) {
    try (Conversation nl = Conversation.open(trace)) {
      return nl.refused() != null ? refused.apply(nl.refused()) : work.apply(nl);
    }
  }
}
