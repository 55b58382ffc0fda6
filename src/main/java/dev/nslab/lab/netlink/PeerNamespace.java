package dev.nslab.lab.netlink;

/**
 * Where the kernel puts the far end of a veth pair: the network namespace of a process or thread
 * (IFLA_NET_NS_PID; a lab thread's TID works), or of an open /proc/.../ns/net file
 * (IFLA_NET_NS_FD).
 */
public sealed interface PeerNamespace {
  record Pid(int pid) implements PeerNamespace {}

  record Fd(int fd) implements PeerNamespace {}

  static PeerNamespace pid(int pid) {
    return new Pid(pid);
  }

  static PeerNamespace fd(int fd) {
    return new Fd(fd);
  }
}
