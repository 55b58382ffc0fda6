package dev.nslab.lab;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** mount(2) flags by the names lessons and C use. */
public final class MountFlags {
  private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("MS_RDONLY", Kernel.MS_RDONLY);
    BY_NAME.put("MS_NOSUID", Kernel.MS_NOSUID);
    BY_NAME.put("MS_NODEV", Kernel.MS_NODEV);
    BY_NAME.put("MS_NOEXEC", Kernel.MS_NOEXEC);
    BY_NAME.put("MS_REMOUNT", Kernel.MS_REMOUNT);
    BY_NAME.put("MS_BIND", Kernel.MS_BIND);
    BY_NAME.put("MS_MOVE", Kernel.MS_MOVE);
    BY_NAME.put("MS_REC", Kernel.MS_REC);
    BY_NAME.put("MS_PRIVATE", Kernel.MS_PRIVATE);
    BY_NAME.put("MS_SLAVE", Kernel.MS_SLAVE);
    BY_NAME.put("MS_SHARED", Kernel.MS_SHARED);
  }

  private MountFlags() {}

  /** "rec" or "MS_REC" alike. */
  public static Optional<Integer> byName(String name) {
    String key = name.toUpperCase(Locale.ROOT);
    return Optional.ofNullable(BY_NAME.get(key.startsWith("MS_") ? key : "MS_" + key));
  }

  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  public static String render(int flags) {
    StringBuilder sb = new StringBuilder();
    for (var e : BY_NAME.entrySet()) {
      if ((flags & e.getValue()) != 0) sb.append(sb.isEmpty() ? "" : "|").append(e.getKey());
    }
    return sb.isEmpty() ? "0" : sb.toString();
  }
}
