package dev.nslab.lab;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * A seccomp filter for the thread that observes the host, inherited by every command it starts:
 * SysV and POSIX IPC objects may be listed but not made, used or removed, and no signal may be
 * sent. Dropping capabilities cannot do this: IPC and same-user signals need none.
 */
final class ObserverFilter {
  private static final int PR_SET_NO_NEW_PRIVS = 38, PR_SET_SECCOMP = 22, SECCOMP_MODE_FILTER = 2;
  private static final int LD_ABS = 0x20, JEQ = 0x15, JGT = 0x25, AND = 0x54, RET = 0x06;
  private static final int ALLOW = 0x7fff0000, DENY = 0x00050000 | Errno.EPERM;
  private static final int ARCH_X86_64 = 0xc000003e, ARCH_AARCH64 = 0xc00000b7;
  private static final boolean AARCH64 = System.getProperty("os.arch").contains("aarch64");

  // msgget msgsnd msgrcv semget semop semtimedop shmget shmat mq_open mq_unlink mq_timedsend
  // mq_timedreceive kill tkill tgkill pidfd_send_signal
  private static final int[] DENIED =
      AARCH64
          ? new int[] {
            186, 189, 188, 190, 193, 192, 194, 196, 180, 181, 182, 183, 129, 130, 131, 424
          }
          : new int[] {68, 69, 70, 64, 65, 220, 29, 30, 240, 241, 242, 243, 62, 200, 234, 424};

  /**
   * msgctl and shmctl (command in the second argument), semctl (in the third): no IPC_RMID, no
   * IPC_SET.
   */
  private static final int[] CTL_ARG1 = AARCH64 ? new int[] {187, 195} : new int[] {71, 31};

  private static final int[] CTL_ARG2 = AARCH64 ? new int[] {191} : new int[] {66};

  private ObserverFilter() {}

  private record Insn(int code, int jt, int jf, int k) {}

  /** Installs the filter on the calling thread only; returns a problem, or null. */
  static String install() {
    List<Insn> p = new ArrayList<>();
    int checks = DENIED.length + CTL_ARG1.length + CTL_ARG2.length;
    // Layout: [0] load arch, [1] arch?, [2] load nr, [3..3+checks) one test each, then ALLOW,
    // DENY, and two command tests (argument 1, argument 2) with returns of their own: BPF
    // jumps only forward.
    int allow = 3 + checks, deny = allow + 1, ctl1 = deny + 1, ctl2 = ctl1 + 5;
    p.add(new Insn(LD_ABS, 0, 0, 4));
    p.add(new Insn(JEQ, 0, allow - 2, AARCH64 ? ARCH_AARCH64 : ARCH_X86_64));
    p.add(new Insn(LD_ABS, 0, 0, 0));
    for (int nr : DENIED) p.add(new Insn(JEQ, deny - p.size() - 1, 0, nr));
    for (int nr : CTL_ARG1) p.add(new Insn(JEQ, ctl1 - p.size() - 1, 0, nr));
    for (int nr : CTL_ARG2) p.add(new Insn(JEQ, ctl2 - p.size() - 1, 0, nr));
    p.add(new Insn(RET, 0, 0, ALLOW));
    p.add(new Insn(RET, 0, 0, DENY));
    for (int offset : new int[] {16 + 8, 16 + 16}) { // seccomp_data.args[1], args[2] (low half)
      p.add(new Insn(LD_ABS, 0, 0, offset));
      p.add(new Insn(AND, 0, 0, 0xff)); // glibc adds IPC_64 to the command
      p.add(new Insn(JGT, 0, 1, 1)); // IPC_RMID is 0, IPC_SET 1
      p.add(new Insn(RET, 0, 0, ALLOW));
      p.add(new Insn(RET, 0, 0, DENY));
    }
    try (Memory filter = new Memory(8L * p.size());
        Memory prog = new Memory(16)) {
      for (int i = 0; i < p.size(); i++) {
        Insn in = p.get(i);
        filter.setShort(8L * i, (short) in.code());
        filter.setByte(8L * i + 2, (byte) in.jt());
        filter.setByte(8L * i + 3, (byte) in.jf());
        filter.setInt(8L * i + 4, in.k());
      }
      prog.clear();
      prog.setShort(0, (short) p.size());
      prog.setPointer(8, filter);
      NativeLong zero = new NativeLong(0);
      if (Libc.C.prctl(PR_SET_NO_NEW_PRIVS, new NativeLong(1), zero, zero, zero) != 0)
        return "no_new_privs refused";
      if (Libc.C.prctl(
              PR_SET_SECCOMP,
              new NativeLong(SECCOMP_MODE_FILTER),
              new NativeLong(Pointer.nativeValue(prog)),
              zero,
              zero)
          != 0) {
        return "seccomp: " + Errno.name(Native.getLastError());
      }
    }
    return null;
  }
}
