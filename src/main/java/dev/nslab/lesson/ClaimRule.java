package dev.nslab.lesson;

import java.util.List;
import java.util.Optional;

/**
 * When a command check must say in words what it claims: a learner reads {@code test "$(hostname)"
 * != nslab-user && ...} as shell plumbing, not as a fact about the kernel. A short plain command
 * ({@code uname -n}) reads as itself; one with shell operators or longer than {@link #LONGEST}
 * characters needs a {@code claim:} sentence.
 */
final class ClaimRule {
  static final int LONGEST = 40;
  private static final List<String> OPERATORS = List.of("|", "&&", ";", "$(", "`");

  private ClaimRule() {}

  /** Why {@code run} needs a claim, or empty when it reads as itself (or has one). */
  static Optional<String> missing(String run, String claim) {
    if (run == null || claim != null) return Optional.empty();
    Optional<String> operator = OPERATORS.stream().filter(run::contains).findFirst();
    if (operator.isPresent()) {
      return Optional.of(
          "the command has '"
              + operator.get()
              + "' in it, which a learner reads as shell, not as a"
              + " fact: add claim: \"a sentence about what the kernel shows\"");
    }
    if (run.length() > LONGEST) {
      return Optional.of(
          "the command is longer than "
              + LONGEST
              + " characters: add claim: \"a sentence about"
              + " what the kernel shows\"");
    }
    return Optional.empty();
  }
}
