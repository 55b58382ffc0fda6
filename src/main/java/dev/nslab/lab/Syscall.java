package dev.nslab.lab;

/**
 * One syscall as the kernel answered it: what was called, with which arguments, what it returned,
 * the errno when it failed, and how long it took. The learner sees these verbatim.
 */
public record Syscall(String name, String args, long result, int errno, long nanos) {

  public boolean failed() {
    return errno != 0;
  }

  /**
   * {@code unshare(CLONE_NEWUTS) = 0} or {@code pivot_root(".", ".") = -1 EINVAL (Invalid
   * argument)}.
   */
  public String render() {
    String call = name + "(" + args + ") = " + result;
    return failed() ? call + " " + Errno.name(errno) + " (" + Errno.message(errno) + ")" : call;
  }
}
