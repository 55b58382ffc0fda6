package dev.nslab.lesson;

import java.nio.file.Path;
import java.util.List;

/** A lesson, as loaded from one YAML file under lessons/. */
public record Lesson(
    String id,
    String title,
    String summary,
    int order,
    Needs needs,
    List<Step> steps,
    Path source) {

  public Step step(int index) {
    return steps.get(index);
  }

  public int size() {
    return steps.size();
  }

  /**
   * Whether nslab's own thread enters new namespaces (needs CAP_SYS_ADMIN), rather than only
   * cloning children with CLONE_NEWUSER (which any user may, where the kernel allows it).
   */
  public boolean unsharesOnLabThread() {
    return steps.stream()
        .flatMap(s -> s.actions().stream())
        .anyMatch(a -> a instanceof Action.Unshare);
  }
}
