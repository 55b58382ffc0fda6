package dev.nslab.lab.netlink;

import dev.nslab.lab.Syscall;
import java.util.List;

/** A dump: the traced request, and what the kernel listed (empty when it refused). */
public record Listing<T>(Syscall syscall, List<T> items) {}
