package dev.nslab.lesson;

/** What a lesson needs from the machine to run. */
public enum Needs {
  /** Root on the host: it changes the host's cgroup tree. */
  ROOT("root", "root"),
  /**
   * Any user, where the kernel allows unprivileged user namespaces: unprivileged, nslab runs itself
   * in a user namespace of its own, where it may create every other kind.
   */
  USER_NAMESPACES("user_namespaces", "any user, with user namespaces");

  public final String yaml;
  public final String label;

  /** The value of this YAML name, or null. */
  public static Needs byYaml(String yaml) {
    for (Needs n : values()) if (n.yaml.equals(yaml)) return n;
    return null;
  }

  Needs(String yaml, String label) {
    this.yaml = yaml;
    this.label = label;
  }
}
