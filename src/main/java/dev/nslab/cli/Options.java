package dev.nslab.cli;

import java.nio.file.Path;
import java.util.List;

/** The command line, parsed: global flags, the command word and its arguments. */
record Options(boolean noColor, boolean debug, boolean noPause, boolean trust, boolean timings, Path lessonsDir,
    String command, List<String> args) {}
