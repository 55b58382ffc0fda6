package dev.nslab.render;

import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson's steps as one program a learner can take home: {@code nslab code LESSON --c} and {@code
 * --shell}.
 *
 * <p>The C program is a fixed prelude (includes, {@code CHECK}, {@code sh}, {@code write_file},
 * {@code pivot_root}, {@code start_init}, the rtnetlink helpers), the same for every lesson, then
 * {@code main} holding each step's {@code code.c} in order. So a step's snippet on screen is an
 * excerpt of a program that {@code gcc -Wall -Werror} accepts: it may use the prelude's helpers and
 * the variables earlier steps declared, and declares each of its own once.
 *
 * <p>The shell script is each step's {@code code.shell} in order. A step that enters namespaces
 * starts a shell there reading the rest of the script from a here-document ({@code unshare --uts sh
 * <<'UTS'}); the script closes those here-documents at its end, innermost first.
 */
public final class CodeProgram {
  private CodeProgram() {}

  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*'([A-Za-z_][A-Za-z0-9_]*)'");

  /** The prelude every lesson's C program starts with. */
  public static String prelude() {
    try (InputStream in = CodeProgram.class.getResourceAsStream("/code/prelude.c")) {
      if (in == null) throw new IllegalStateException("code/prelude.c is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The whole lesson as one C program. */
  public static String c(Lesson lesson) {
    StringBuilder b = new StringBuilder();
    b.append("/* nslab lesson ")
        .append(lesson.id())
        .append(": ")
        .append(lesson.title())
        .append("\n")
        .append(
            " * Every step of the lesson, in order, as one program. It changes namespaces, so\n")
        .append(" * build it and run it as root inside a throwaway set of namespaces:\n")
        .append(" *   nslab code ")
        .append(lesson.id())
        .append(" --c | gcc -Wall -Werror -x c - -o nslab-")
        .append(lesson.id())
        .append("\n")
        .append(" *   sudo unshare --mount --uts --ipc --net --pid --fork --mount-proc ")
        .append(env(lesson))
        .append("./nslab-")
        .append(lesson.id())
        .append("\n")
        .append(" */\n");
    b.append(prelude());
    b.append("\nint main(void)\n{\n");
    b.append("  setvbuf(stdout, NULL, _IOLBF, 0);\n");
    int n = 0;
    for (Step s : lesson.steps()) {
      n++;
      if (s.code() == null || s.code().c() == null || s.code().c().isBlank()) continue;
      b.append("\n  /* step ")
          .append(n)
          .append(", ")
          .append(s.id())
          .append(": ")
          .append(comment(s.title()))
          .append(" */\n");
      b.append("  printf(\"\\n== step ")
          .append(n)
          .append(": %s\\n\", ")
          .append(cString(s.title()))
          .append(");\n");
      for (String line : s.code().c().strip().split("\n", -1)) {
        b.append(line.isEmpty() ? "" : "  " + line).append('\n');
      }
    }
    b.append("  return 0;\n}\n");
    return b.toString();
  }

  /** The whole lesson as one shell script. */
  public static String shell(Lesson lesson) {
    StringBuilder b = new StringBuilder();
    b.append("#!/bin/sh\n")
        .append("# nslab lesson ")
        .append(lesson.id())
        .append(": ")
        .append(lesson.title())
        .append("\n")
        .append(
            "# Every step of the lesson, in order, as one script. It changes namespaces: run it as\n")
        .append("# root inside a throwaway set of namespaces:\n")
        .append("#   nslab code ")
        .append(lesson.id())
        .append(" --shell > nslab-")
        .append(lesson.id())
        .append(".sh\n")
        .append("#   sudo unshare --mount --uts --ipc --net --pid --fork --mount-proc ")
        .append(env(lesson))
        .append("sh nslab-")
        .append(lesson.id())
        .append(".sh\n");
    Deque<String> open = new ArrayDeque<>();
    int n = 0;
    for (Step s : lesson.steps()) {
      n++;
      if (s.code() == null || s.code().shell() == null || s.code().shell().isBlank()) continue;
      b.append("\n# step ")
          .append(n)
          .append(", ")
          .append(s.id())
          .append(": ")
          .append(s.title())
          .append('\n');
      b.append("echo; echo '== step ")
          .append(n)
          .append(": ")
          .append(s.title().replace("'", "'\\''"))
          .append("'\n");
      for (String line : s.code().shell().strip().split("\n", -1)) {
        b.append(line).append('\n');
        Matcher m = HEREDOC.matcher(line);
        while (m.find()) open.push(m.group(1));
      }
    }
    while (!open.isEmpty()) b.append(open.pop()).append('\n');
    return b.toString();
  }

  /**
   * The variables a lesson's program reads: ROOTFS (a root filesystem) and VOLUME (a directory).
   */
  private static String env(Lesson lesson) {
    StringBuilder all = new StringBuilder();
    for (Step s : lesson.steps()) {
      if (s.code() != null) all.append(s.code().c()).append(s.code().shell());
    }
    String vars =
        (all.indexOf("ROOTFS") >= 0 ? " ROOTFS=$HOME/.cache/nslab/rootfs" : "")
            + (all.indexOf("VOLUME") >= 0 ? " VOLUME=$PWD" : "");
    return vars.isEmpty() ? "" : "env" + vars + " ";
  }

  private static String comment(String text) {
    return text.replace("*/", "* /");
  }

  private static String cString(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : text.toCharArray()) {
      if (ch == '"' || ch == '\\') b.append('\\');
      b.append(ch);
    }
    return b.append('"').toString();
  }
}
