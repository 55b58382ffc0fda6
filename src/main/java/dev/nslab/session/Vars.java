package dev.nslab.session;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ${...} values lesson strings may use, fixed when a lesson starts. */
public record Vars(Map<String, String> values) {
  private static final Pattern REF = Pattern.compile("\\$\\{([a-z.]+)}");

  public String expand(String text) {
    if (text == null) return null;
    Matcher m = REF.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1), m.group());
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The names lessons may refer to. */
  public static final java.util.List<String> KNOWN = java.util.List.of("host.hostname");
}
