package dev.nslab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.LessonPlay;
import dev.nslab.lab.Privileges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/lesson-format.md cannot go stale: every whole lesson in its ```yaml blocks (one with {@code
 * id:} and {@code steps:} at the top level) must be accepted by LessonReader and, as root, play on
 * the real kernel with every claim holding, as `nslab play FILE --trust` does. So must
 * src/test/resources/docproof/*.yaml: lessons written from that page alone, without reading
 * lessons/ or the source, as proof that the page is enough to write one. And every action,
 * expectation and ${...} name nslab knows must appear on the page.
 */
class LessonFormatDocTest {
  static final Path DOC = Path.of("docs/lesson-format.md");
  static final Path DOCPROOF = Path.of("src/test/resources/docproof");
  private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");
  private static final Pattern TOP_ID = Pattern.compile("(?m)^id:\\s*\"?([a-z0-9-]+)\"?\\s*$");
  private static final Pattern TOP_STEPS = Pattern.compile("(?m)^steps:");

  @TempDir static Path work;

  /**
   * The doc's whole-lesson examples, each written to DIR/N/ID.yaml (the file name must be the id).
   */
  static List<Path> docExamples() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    List<Path> out = new ArrayList<>();
    Matcher block = YAML_BLOCK.matcher(doc);
    while (block.find()) {
      String yaml = block.group(1);
      Matcher id = TOP_ID.matcher(yaml);
      if (!id.find() || !TOP_STEPS.matcher(yaml).find()) continue; // a fragment, not a lesson
      Path dir = Files.createDirectories(work.resolve("doc-" + out.size()).resolve(id.group(1)));
      out.add(Files.writeString(dir.resolve(id.group(1) + ".yaml"), yaml));
    }
    return out;
  }

  static List<Path> docproofLessons() throws IOException {
    try (Stream<Path> files = Files.list(DOCPROOF)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void theDocHasACompleteExample() throws IOException {
    assertThat(docExamples()).as("whole lessons in ```yaml blocks of " + DOC).isNotEmpty();
    assertThat(docproofLessons()).as("lessons in " + DOCPROOF).isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyExampleIsAcceptedAsWritten() throws IOException {
    return Stream.concat(docExamples().stream(), docproofLessons().stream())
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      Lesson lesson = LessonReader.read(f);
                      assertThat(lesson.steps()).isNotEmpty();
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyExamplePlaysLiveAndLeavesTheHostAsItWas() throws IOException {
    assumeTrue(Privileges.root(), "lessons replay as root (CI runs as root)");
    return Stream.concat(docExamples().stream(), docproofLessons().stream())
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> replay(f)));
  }

  @Test
  void everyActionExpectationAndVariableIsOnThePage() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (String name : Action.names())
      assertThat(doc).as("action " + name).contains("`" + name + "`");
    for (String name : Expectation.names())
      assertThat(doc).as("expectation " + name).contains("`" + name + "`");
    for (String name : Var.names())
      assertThat(doc).as("variable " + name).contains("${" + name + "}");
  }

  @Test
  void theGuardTableIsTheCodes() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (Action.Kind k : Action.Kind.values()) {
      assertThat(doc).as("guard of " + k.yaml).contains("| `" + k.yaml + "` | " + k.guard + " |");
    }
  }

  /** `nslab play FILE --trust --no-pause`, as the doc tells its reader to. */
  private static void replay(Path file) {
    LessonPlay.completesLeavingTheHostAsItWas(work.resolve("state"), file.toString(), "--trust");
  }
}
