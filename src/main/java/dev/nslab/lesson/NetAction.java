package dev.nslab.lesson;

/**
 * Actions on the links and addresses of a network namespace, by rtnetlink: the lab's own, or that
 * of its PID 1 ({@link NetPlace}); never the host's.
 */
public sealed interface NetAction extends Action {

  /** The part of {@link Action.Visitor} for these actions. */
  interface Visitor<R> {
    R linkUp(LinkUp a);

    R linkAdd(LinkAdd a);

    R linkSet(LinkSet a);

    R addrAdd(AddrAdd a);

    R addrFlush(AddrFlush a);
  }

  record LinkUp(String ifname) implements NetAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.linkUp(this);
    }
  }

  /**
   * Where a network action works: the lab's own network namespace (the lab thread's), or that of
   * the lab's PID 1 (nslab-init), which holds the namespace the lab had before its last unshare.
   */
  enum NetPlace {
    LAB("lab"),
    INIT("init");

    public final String yaml;

    NetPlace(String yaml) {
      this.yaml = yaml;
    }
  }

  /**
   * A veth pair {@code link}/{@code peer} (peer in {@code peerIn}), or a bridge when {@code peer}
   * is null.
   */
  record LinkAdd(String link, String peer, NetPlace in, NetPlace peerIn) implements NetAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.linkAdd(this);
    }

    public boolean bridge() {
      return peer == null;
    }
  }

  /**
   * {@code up} and {@code master} are each optional (null leaves them); master "none" takes it
   * away.
   */
  record LinkSet(String dev, Boolean up, String master, NetPlace in) implements NetAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.linkSet(this);
    }
  }

  record AddrAdd(String dev, String cidr, NetPlace in) implements NetAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.addrAdd(this);
    }
  }

  record AddrFlush(String dev, NetPlace in) implements NetAction {
    public <R> R accept(Action.Visitor<R> v) {
      return v.addrFlush(this);
    }
  }
}
