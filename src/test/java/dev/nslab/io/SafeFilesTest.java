package dev.nslab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nslab.lesson.LessonFileException;
import dev.nslab.lesson.LessonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a learner's nslab reads and writes cannot be turned against them by another user. */
class SafeFilesTest {
  @TempDir Path dir;

  @Test
  void aReplacedFileIsNeverWrittenThroughALinkAndKeepsItsMode() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), "do not touch");
    Path progress = dir.resolve("progress");
    Files.createSymbolicLink(progress, secret);
    SafeFiles.replace(progress, "step=3\n", SafeFiles.PRIVATE);
    assertThat(Files.readString(secret)).isEqualTo("do not touch");
    assertThat(Files.isSymbolicLink(progress)).isFalse();
    assertThat(Files.readString(progress)).isEqualTo("step=3\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(progress)))
        .isEqualTo("rw-------");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("secret", "progress");
    }
  }

  @Test
  void readingRefusesLinksSpecialFilesAndGiantFiles() throws IOException {
    Path link =
        Files.createSymbolicLink(dir.resolve("link"), Files.writeString(dir.resolve("real"), "x"));
    assertThatThrownBy(() -> SafeFiles.readSmall(link, true)).hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> SafeFiles.readSmall(Path.of("/dev/zero"), false))
        .hasMessageContaining("not a regular file");
    Path big = Files.write(dir.resolve("big"), new byte[SafeFiles.MAX_BYTES + 1]);
    assertThatThrownBy(() -> SafeFiles.readSmall(big, false))
        .hasMessageContaining("larger than 1024 KiB");
    assertThat(SafeFiles.readSmall(dir.resolve("real"), true)).isEqualTo("x");
  }

  @Test
  void aLessonFromADeviceOrAPipeIsRefusedInOneSentence() throws Exception {
    assertThatThrownBy(() -> LessonReader.read(Path.of("/dev/zero")))
        .isInstanceOf(LessonFileException.class)
        .hasMessageContaining("not a regular file");
    Path fifo = dir.resolve("fifo.yaml");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    assertThatThrownBy(() -> LessonReader.read(fifo)).hasMessageContaining("not a regular file");
  }

  @Test
  void escapeSequencesInALessonAreRefusedWithTheirPlace() {
    assertThatThrownBy(
            () ->
                LessonReader.parse(
                    Path.of("esc.yaml"),
                    "id: esc\ntitle: \"clear\\e[2J\\e]52;c;cHduZWQ=\\a\"\nsummary: s\nsteps: []\n"))
        .isInstanceOf(LessonFileException.class)
        .hasMessageContaining("esc.yaml:2:")
        .hasMessageContaining("control character U+001B");
  }
}
