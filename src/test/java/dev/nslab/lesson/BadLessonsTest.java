package dev.nslab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of broken lesson files: each NAME.yaml must be rejected with exactly the LINE:COL:
 * message lines in NAME.err beside it. Run with -Dnslab.golden.update=true to rewrite the .err
 * files after a deliberate change of wording, then review the diff.
 */
class BadLessonsTest {
  static final Path DIR = Path.of("src/test/resources/bad-lessons");
  static final boolean UPDATE = Boolean.getBoolean("nslab.golden.update");

  @TestFactory
  Stream<DynamicTest> everyBrokenLessonIsRejectedWhereItIsBroken() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
          .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> rejects(f)));
    }
  }

  private static void rejects(Path file) throws IOException {
    Path golden = Path.of(file.toString().replaceFirst("\\.yaml$", ".err"));
    String actual;
    try {
      LessonReader.read(file);
      actual = "(accepted)";
    } catch (LessonFileException e) {
      actual =
          e.problems().stream()
              .peek(p -> assertThat(p.file()).isEqualTo(file))
              .map(p -> p.line() + ":" + p.column() + ": " + p.message())
              .collect(Collectors.joining("\n", "", "\n"));
    }
    if (UPDATE) Files.writeString(golden, actual);
    assertThat(actual).isNotEqualTo("(accepted)");
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @TestFactory
  Stream<DynamicTest> everyBundledLessonIsValid() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("lessons"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
          .map(
              f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> LessonReader.read(f)));
    }
  }

  @Test
  void aDirectoryIsNotALessonFile() {
    assertThatThrownBy(() -> LessonReader.read(DIR))
        .isInstanceOf(LessonFileException.class)
        .hasMessageContaining("this is a directory");
  }
}
