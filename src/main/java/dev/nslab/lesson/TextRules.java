package dev.nslab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What any text in a lesson must be: the rules are about the text alone, not where it stands. */
final class TextRules {
  private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)}");
  private static final List<String> KNOWN_VARS = Var.names();

  private TextRules() {}

  /** Each way the text breaks a rule, as the words after "PATH: ". */
  static List<String> problems(String text) {
    List<String> out = new ArrayList<>();
    unknownVariables(text, out);
    controlCharacter(text).ifPresent(out::add);
    if (text.equals("~")) out.add("'~' is how YAML writes null, not text: write the text you mean");
    return out;
  }

  private static void unknownVariables(String text, List<String> out) {
    Matcher m = VAR.matcher(text);
    while (m.find()) {
      if (!KNOWN_VARS.contains(m.group(1))) {
        out.add(
            "unknown variable ${"
                + m.group(1)
                + "}; known: "
                + String.join(", ", KNOWN_VARS.stream().map(v -> "${" + v + "}").toList()));
      }
    }
  }

  /**
   * Text reaches the learner's terminal: an escape sequence in a lesson could clear it or write the
   * clipboard.
   */
  private static Optional<String> controlCharacter(String text) {
    return text.codePoints()
        .filter(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c < 0xa0)
        .boxed()
        .findFirst()
        .map(
            c ->
                "control character U+"
                    + String.format("%04X", c)
                    + " in text; lessons may hold text, line breaks and tabs, nothing the terminal would obey");
  }

  /** Output is compared trimmed: an `equals` with spaces at its ends could never match. */
  static Optional<String> untrimmed(String equals) {
    if (equals == null || equals.equals(equals.strip())) return Optional.empty();
    return Optional.of(
        "'"
            + equals.replace("\n", "\\n")
            + "' has spaces or line breaks at its start or end, but output is compared trimmed: it could never match");
  }
}
