package dev.nslab.lab;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A clone(3) child that runs only libc code and ends in execve(2): glibc's setcontext(3) is the
 * child's function, given a context whose instruction pointer is execve and whose argument
 * registers are path, argv and envp, with an empty signal mask whatever the JVM's thread blocked.
 * No Java runs in the child, which is what makes a clone from a multithreaded JVM safe. Used for
 * the user-namespace child ({@link Kernel#cloneExec}) and the fork-style start ({@link ForkSpawn}).
 */
final class ExecContext implements AutoCloseable {
  /**
   * Whether it works here: x86_64 glibc (the ucontext_t layout below), without a shadow stack
   * (setcontext would also switch it, to the zero this context holds).
   */
  static final boolean AVAILABLE =
      System.getProperty("os.arch").matches("amd64|x86_64") && glibc() && !shadowStack();

  private static final int STACK_SIZE = 1 << 16;

  // glibc x86_64 ucontext_t (sys/ucontext.h, checked against 2.36): uc_mcontext.gregs at 0x28.
  private static final int UC_RDI = 0x68,
      UC_RSI = 0x70,
      UC_RDX = 0x88,
      UC_RSP = 0xa0,
      UC_RIP = 0xa8,
      UC_FPREGS = 0xe0,
      UC_MXCSR = 0x1c0,
      UC_SIZE = 0x400;

  private final Memory uc = new Memory(UC_SIZE);
  private final Memory fenv = new Memory(64);
  private final Memory cloneStack = new Memory(STACK_SIZE);
  private final Memory execStack = new Memory(STACK_SIZE);
  private final Memory file;
  private final StringArray args;
  private final StringArray envp;

  /**
   * execve of {@code path} with {@code argv} and {@code env}; should execve fail, it returns into
   * libc's {@code onFailure}: {@code _exit} in a child sharing the JVM's memory, which must touch
   * nothing, or {@code abort} in one of its own, so the failure shows as a signal.
   */
  ExecContext(String path, List<String> argv, List<String> env, String onFailure) {
    NativeLibrary c = NativeLibrary.getInstance("c");
    file = new Memory(path.length() * 4L + 1);
    file.setString(0, path, "UTF-8");
    args = new StringArray(argv.toArray(String[]::new));
    envp = new StringArray(env.toArray(String[]::new));
    uc.clear(); // the signal mask (uc_sigmask) stays all zero: nothing blocked in the program
    fenv.clear();
    fenv.setShort(0, (short) 0x037f); // x87 control word as at process start; tag word all empty
    fenv.setShort(8, (short) 0xffff);
    uc.setInt(UC_MXCSR, 0x1f80);
    uc.setPointer(UC_FPREGS, fenv);
    uc.setPointer(UC_RDI, file);
    uc.setPointer(UC_RSI, args);
    uc.setPointer(UC_RDX, envp);
    uc.setPointer(UC_RIP, c.getFunction("execve"));
    // execve's frame: a return address at rsp, rsp+8 16-byte aligned.
    Pointer sp = new Pointer(((Pointer.nativeValue(execStack) + STACK_SIZE - 64) & ~15L) - 8);
    sp.setPointer(0, c.getFunction(onFailure));
    uc.setPointer(UC_RSP, sp);
  }

  /**
   * clone(3) of a child that runs this context, with {@code flags}; returns its pid, or -1 with
   * errno set. Call {@link #close} only once the child has exec'd (CLONE_VFORK waits for that).
   */
  int start(int flags) {
    Pointer setcontext = NativeLibrary.getInstance("c").getFunction("setcontext");
    return Libc.C.clone(setcontext, cloneStack.share(STACK_SIZE - 64), flags, uc);
  }

  @Override
  public void close() {
    // The strings must stay reachable until the child has exec'd.
    Reference.reachabilityFence(args);
    Reference.reachabilityFence(envp);
    file.close();
    execStack.close();
    cloneStack.close();
    fenv.close();
    uc.close();
  }

  private static boolean glibc() {
    try {
      NativeLibrary c = NativeLibrary.getInstance("c");
      c.getFunction("gnu_get_libc_version");
      c.getFunction("setcontext");
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  private static boolean shadowStack() {
    try {
      return Files.readString(Path.of("/proc/self/status"))
          .lines()
          .anyMatch(l -> l.startsWith("x86_Thread_features:") && l.contains("shstk"));
    } catch (IOException e) {
      return true; // unknown: do not risk it
    }
  }
}
