package dev.nslab.session;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands the ${...} names lesson strings may use, each read when the string is used. */
public record Vars(Function<String, String> lookup) {
  private static final Pattern REF = Pattern.compile("\\$\\{([a-z.]+)}");

  /** host.hostname: as when the lesson started; lab.init: host pid of the lab's PID 1; lab.tid: the lab thread. */
  public static final List<String> KNOWN = List.of(
      "host.hostname", "host.uid", "host.gid", "host.cgroup", "lab.init", "lab.tid", "lab.child", "lab.rootfs",
      "lab.cgroup.pids", "lab.cgroup.memory", "lab.volume");

  public String expand(String text) {
    if (text == null) return null;
    Matcher m = REF.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = lookup.apply(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
