package dev.nslab.session;

import java.util.List;
import java.util.Optional;

/**
 * One claim of a lesson, checked live: the sentence the learner reads, whether it held, what the
 * kernel showed (lines to print under a failed claim, values quoted or indented), and how to look
 * for yourself (the command behind the sentence; empty when the claim already shows it).
 */
public record Check(String claim, boolean held, List<String> seen, Optional<String> look) {

  public Check {
    seen = List.copyOf(seen);
  }

  Check(String claim, boolean held, List<String> seen) {
    this(claim, held, seen, Optional.empty());
  }
}
