package dev.nslab.lab.netlink;

import static dev.nslab.lab.netlink.Rtnl.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.nslab.lab.Libc;
import dev.nslab.lab.Syscall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One NETLINK_ROUTE socket, opened on the calling thread: the kernel binds it to that thread's
 * network namespace for good, so a conversation opened on a lab thread speaks for the lab. Each
 * request is one traced {@code sendmsg}; its result is the kernel's answer (0, or -1 with the errno
 * of NLMSG_ERROR), as `ip` reports it, because that is what the learner wants to see.
 */
final class Conversation implements AutoCloseable {
  /** struct msghdr and struct iovec sizes on LP64 (x86_64, aarch64), the machines nslab runs on. */
  private static final int BUFFER = 64 * 1024, MSGHDR = 56, IOVEC = 16, SOCKADDR_NL = 12;

  /**
   * What one request got: its trace record, and the messages that answered it (NLMSG_ERROR/DONE
   * excluded).
   */
  record Exchange(Syscall syscall, List<Message> replies) {
    boolean failed() {
      return syscall.failed();
    }
  }

  /** Sequence numbers only pair an answer with its request; one counter for the JVM is plenty. */
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final int fd;
  private final Consumer<Syscall> trace;
  private final Syscall refused;

  private Conversation(int fd, Consumer<Syscall> trace, Syscall refused) {
    this.fd = fd;
    this.trace = trace;
    this.refused = refused;
  }

  /** Opens the socket; if the kernel refuses, the traced socket(2) is in {@link #refused()}. */
  static Conversation open(Consumer<Syscall> trace) {
    long t0 = System.nanoTime();
    int fd = Libc.C.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd >= 0) return new Conversation(fd, trace, null);
    Syscall s =
        new Syscall(
            "socket",
            "AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE",
            -1,
            Native.getLastError(),
            System.nanoTime() - t0);
    trace.accept(s);
    return new Conversation(fd, trace, s);
  }

  /** The refused socket(2), or null when the socket is open. */
  Syscall refused() {
    return refused;
  }

  int nextSeq() {
    return SEQ.incrementAndGet();
  }

  /**
   * Sends {@code request} (built with {@link #nextSeq()}) and reads until its ACK, error or
   * NLMSG_DONE.
   */
  Exchange send(byte[] request) {
    Message sent = Message.of(request);
    String args = "nl, " + NetlinkDecoder.render(sent);
    long t0 = System.nanoTime();
    long n = sendmsg(request);
    if (n < 0) return record(args, Native.getLastError(), t0, List.of());
    List<Message> replies = new ArrayList<>();
    byte[] buffer = new byte[BUFFER];
    while (true) {
      long got = Libc.C.recv(fd, buffer, new NativeLong(BUFFER), 0).longValue();
      if (got < 0) return record(args, Native.getLastError(), t0, replies);
      for (Message m : Message.split(buffer, (int) got)) {
        if (m.seq() != sent.seq()) continue; // a late answer to an earlier request
        if (m.type() == NLMSG_ERROR || m.type() == NLMSG_DONE)
          return record(args, m.errno(), t0, replies);
        replies.add(m);
        if ((m.flags() & NLM_F_MULTI) == 0 && (sent.flags() & NLM_F_ACK) == 0)
          return record(args, 0, t0, replies);
      }
    }
  }

  private Exchange record(String args, int errno, long t0, List<Message> replies) {
    Syscall s = new Syscall("sendmsg", args, errno == 0 ? 0 : -1, errno, System.nanoTime() - t0);
    trace.accept(s);
    return new Exchange(s, List.copyOf(replies));
  }

  /** sendmsg(2) to the kernel (sockaddr_nl with nl_pid 0), one iovec holding the whole request. */
  private long sendmsg(byte[] request) {
    try (Memory name = new Memory(SOCKADDR_NL);
        Memory data = new Memory(request.length);
        Memory iov = new Memory(IOVEC);
        Memory msg = new Memory(MSGHDR)) {
      name.clear();
      name.setShort(0, (short) AF_NETLINK);
      data.write(0, request, 0, request.length);
      iov.setPointer(0, data);
      iov.setLong(8, request.length);
      msg.clear();
      msg.setPointer(0, name);
      msg.setInt(8, SOCKADDR_NL);
      msg.setPointer(16, iov);
      msg.setLong(24, 1);
      return Libc.C.sendmsg(fd, msg, 0).longValue();
    }
  }

  @Override
  public void close() {
    if (fd >= 0) Libc.C.close(fd);
  }
}
