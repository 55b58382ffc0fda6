package dev.nslab.lesson;

/** The step as a C programmer and as a shell user would write it. */
public record Code(String c, String shell) {}
