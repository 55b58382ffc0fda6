package dev.nslab.session;

/** One claim of a lesson, checked live: what it claims, whether it held, and what was seen. */
public record Check(String claim, boolean held, String seen) {}
