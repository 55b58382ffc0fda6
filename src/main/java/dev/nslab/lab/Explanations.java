package dev.nslab.lab;

import java.util.Map;

/**
 * What a refusal means, in one sentence with the fix: the kernel gives only an errno, and a bare
 * "Invalid argument" from pivot_root stops people.
 */
public final class Explanations {
  private static final Map<String, String> BY_CALL =
      Map.ofEntries(
          Map.entry(
              "unshare EPERM",
              "Creating a namespace needs CAP_SYS_ADMIN: run nslab as root (sudo ./nslab), or unprivileged on a kernel that allows user namespaces."),
          Map.entry(
              "unshare EINVAL",
              "The kernel refuses these flags here: a multithreaded process (a JVM) can never unshare CLONE_NEWUSER, and CLONE_NEWPID works once per thread."),
          Map.entry(
              "unshare ENOSPC",
              "The limit on namespaces of this type is reached (see /proc/sys/user/max_*_namespaces)."),
          Map.entry(
              "unshare EUSERS", "Too many nested user namespaces (the kernel allows 32 levels)."),
          Map.entry(
              "sethostname EPERM",
              "Changing a hostname needs CAP_SYS_ADMIN in the user namespace that owns the UTS namespace; the host's belongs to the initial one."),
          Map.entry("sethostname EINVAL", "A hostname is at most 64 bytes."),
          Map.entry(
              "mount EPERM",
              "Mounting needs CAP_SYS_ADMIN in the user namespace that owns the mount namespace: a new mount namespace first, as root or in a user namespace of your own."),
          Map.entry(
              "mount ENOENT", "The mount point (or the source of a bind mount) does not exist."),
          Map.entry(
              "mount EINVAL",
              "The kernel rejected the flags or the source: propagation flags go alone (MS_REC|MS_PRIVATE with no source), and a bind mount needs MS_BIND with an existing source."),
          Map.entry(
              "mount EBUSY", "Something is already mounted there in a way that cannot be stacked."),
          Map.entry(
              "umount2 EBUSY",
              "The mount is in use (a process's cwd or an open file is on it): MNT_DETACH unmounts it lazily."),
          Map.entry(
              "umount2 EINVAL", "That path is not a mount point in the lab's mount namespace."),
          Map.entry(
              "pivot_root EINVAL",
              "pivot_root refuses when new_root is not a mount point (bind-mount it onto itself first), when put_old is not at or under new_root, or when new_root's parent mount is shared (make / private with MS_REC|MS_PRIVATE first)."),
          Map.entry("pivot_root EBUSY", "new_root or put_old is already the root, or is busy."),
          Map.entry(
              "pivot_root EPERM",
              "pivot_root needs CAP_SYS_ADMIN in the user namespace that owns the mount namespace."),
          Map.entry("chroot EPERM", "chroot needs CAP_SYS_CHROOT."),
          Map.entry(
              "posix_spawn ENOMEM",
              "The lab's PID namespace is dead: its PID 1 exited, and the kernel lets no new process into a namespace whose init is gone."),
          Map.entry("posix_spawn ENOENT", "The program is not in the lab's root filesystem."),
          Map.entry(
              "clone EPERM",
              "The kernel refuses this user a new user namespace: user.max_user_namespaces, kernel.unprivileged_userns_clone or kernel.apparmor_restrict_unprivileged_userns forbid it (nslab doctor names which); run as root, or allow them."),
          Map.entry(
              "clone ENOSPC",
              "The limit on user namespaces is reached: user.max_user_namespaces is 0 or used up (sysctl -w user.max_user_namespaces=15000)."),
          Map.entry(
              "clone EINVAL",
              "The kernel refuses these clone flags together (CLONE_NEWTIME, for one, is for unshare and clone3 only)."),
          Map.entry(
              "write EPERM",
              "Writing a uid_map or gid_map needs the right to map those ids: an unprivileged writer may map only its own id, once, and must write deny to setgroups before gid_map."),
          Map.entry(
              "write EINVAL",
              "The kernel rejected the data: a map is written once, in one write, as 'INSIDE OUTSIDE COUNT' lines whose ranges do not overlap."),
          Map.entry(
              "write EACCES",
              "The file may not be written now: time namespace offsets only before a process enters the namespace, cgroup files only by their owner."),
          Map.entry(
              "mkdir EACCES",
              "Creating a cgroup needs write access to its parent: root on the host, or a cgroup delegated to you."),
          Map.entry(
              "sendmsg EEXIST",
              "rtnetlink: that link name or that address is already taken in this network namespace (NLM_F_EXCL asks the kernel to refuse rather than change what is there)."),
          Map.entry(
              "sendmsg ENODEV",
              "rtnetlink: no link by that name in the network namespace this socket was opened in; each network namespace has its own links."),
          Map.entry(
              "sendmsg EPERM",
              "rtnetlink: changing links and addresses needs CAP_NET_ADMIN in the user namespace that owns the network namespace."),
          Map.entry(
              "sendmsg EADDRNOTAVAIL",
              "rtnetlink: that address is not on that link, so there is nothing to delete."),
          Map.entry(
              "sendmsg EOPNOTSUPP",
              "rtnetlink: the kernel has no driver for that kind of link (the veth or bridge module is missing)."),
          Map.entry("kill ESRCH", "That process does not exist (any more)."));

  private Explanations() {}

  /** A sentence for a failed syscall, or a generic one naming the errno. */
  public static String of(Syscall s) {
    String known = BY_CALL.get(s.name() + " " + Errno.name(s.errno()));
    return known != null
        ? known
        : s.name()
            + " failed with "
            + Errno.name(s.errno())
            + " ("
            + Errno.message(s.errno())
            + "): see man 2 "
            + s.name()
            + ".";
  }
}
