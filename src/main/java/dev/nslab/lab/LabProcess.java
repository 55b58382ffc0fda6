package dev.nslab.lab;

import java.util.Map;

/**
 * One process of a lab as /proc shows it: its PID on the host and its parent's, its PID in its own
 * (innermost) PID namespace, its command line, and the namespaces it is in.
 */
public record LabProcess(
    int pid, int ppid, int innerPid, String command, Map<Namespace, Long> namespaces) {}
