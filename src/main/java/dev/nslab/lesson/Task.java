package dev.nslab.lesson;

import java.util.List;

/**
 * The learner's turn: a prompt, hints from gentle to strong, a solution (a command run in the
 * lab, used by {@code play} and by {@code solution}), and checks read from the kernel.
 */
public record Task(String prompt, List<String> hints, String solution, List<Expectation> expect) {}
