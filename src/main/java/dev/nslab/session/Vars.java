package dev.nslab.session;

import dev.nslab.lesson.Var;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the ${...} names lesson strings may use ({@link Var}), each read when the string is used.
 */
public record Vars(Function<Var, String> lookup) {
  private static final Pattern REF = Pattern.compile("\\$\\{([a-z_.]+)}");

  public String expand(String text) {
    if (text == null) return null;
    Matcher m = REF.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = Var.byName(m.group(1)).map(lookup).orElse(null);
      m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
