package dev.nslab.lab;

import java.util.Map;

/** errno numbers to their names (x86_64 and aarch64 share these). */
public final class Errno {
  public static final int EPERM = 1,
      ENOENT = 2,
      ESRCH = 3,
      EINTR = 4,
      EIO = 5,
      EBADF = 9,
      ENODEV = 19,
      ECHILD = 10,
      EAGAIN = 11,
      ENOMEM = 12,
      EACCES = 13,
      EBUSY = 16,
      EEXIST = 17,
      ENOTDIR = 20,
      EINVAL = 22,
      ENOSPC = 28,
      EROFS = 30,
      ENOSYS = 38,
      ENOTEMPTY = 39,
      EUSERS = 87,
      EOPNOTSUPP = 95,
      EADDRNOTAVAIL = 99;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(EPERM, "EPERM"),
          Map.entry(ENOENT, "ENOENT"),
          Map.entry(ESRCH, "ESRCH"),
          Map.entry(EINTR, "EINTR"),
          Map.entry(EIO, "EIO"),
          Map.entry(EBADF, "EBADF"),
          Map.entry(ECHILD, "ECHILD"),
          Map.entry(EAGAIN, "EAGAIN"),
          Map.entry(ENOMEM, "ENOMEM"),
          Map.entry(EACCES, "EACCES"),
          Map.entry(EBUSY, "EBUSY"),
          Map.entry(EEXIST, "EEXIST"),
          Map.entry(ENOTDIR, "ENOTDIR"),
          Map.entry(EINVAL, "EINVAL"),
          Map.entry(ENOSPC, "ENOSPC"),
          Map.entry(EROFS, "EROFS"),
          Map.entry(ENOSYS, "ENOSYS"),
          Map.entry(ENOTEMPTY, "ENOTEMPTY"),
          Map.entry(EUSERS, "EUSERS"),
          Map.entry(ENODEV, "ENODEV"),
          Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
          Map.entry(EADDRNOTAVAIL, "EADDRNOTAVAIL"));

  private Errno() {}

  public static String name(int errno) {
    return NAMES.getOrDefault(errno, "errno " + errno);
  }

  /** The kernel's own words for an errno, as strerror(3) gives them. */
  public static String message(int errno) {
    return Libc.C.strerror(errno);
  }
}
