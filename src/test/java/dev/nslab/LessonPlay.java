package dev.nslab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `nslab play ... --no-pause` in this JVM, as a learner would run it: it must exit 0, say the
 * lesson is complete with no syscall refused by surprise, and leave the host as it found it.
 */
public final class LessonPlay {
  private LessonPlay() {}

  /** Plays {@code lesson} (an id or a file) with {@code flags}; returns what it printed. */
  public static String completesLeavingTheHostAsItWas(
      Path stateDir, String lesson, String... flags) {
    HostSnapshot before = HostSnapshot.take();
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("play", lesson));
    args.addAll(List.of(flags));
    args.add("--no-pause");
    int rc =
        Cli.run(
            new ByteArrayInputStream(new byte[0]),
            out,
            err,
            Map.of(
                "NO_COLOR",
                "1",
                "XDG_STATE_HOME",
                stateDir.toString(),
                "HOME",
                System.getProperty("user.home")),
            args.toArray(String[]::new));
    String transcript = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(rc).as(transcript).isZero();
    assertThat(transcript).contains("Lesson complete").doesNotContain("✗ the kernel said no");
    assertThat(HostSnapshot.take()).isEqualTo(before);
    return transcript;
  }
}
