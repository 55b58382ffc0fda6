package dev.nslab.cli;

import java.nio.file.Path;
import java.util.List;

/** The command line, parsed: global flags, the command word and its arguments (transcript and autoSeconds null when not given). */
record Options(boolean noColor, boolean debug, boolean noPause, boolean trust, boolean timings, Path transcript,
    Integer autoSeconds, Path lessonsDir, String command, List<String> args) {}
