package dev.nslab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The command line, parsed: global flags, the verb and its arguments. */
record Options(
    boolean noColor,
    boolean debug,
    boolean noPause,
    boolean trust,
    boolean timings,
    Optional<Path> transcript,
    OptionalInt autoSeconds,
    Path lessonsDir,
    Verb verb,
    List<String> args) {}
