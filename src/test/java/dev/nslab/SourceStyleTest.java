package dev.nslab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the formatter (google-java-format, checked at verify) cannot see: a type written out in full
 * where an import would do ({@code new java.util.TreeSet<>()}), and a main source file grown past
 * what one reads in a sitting.
 */
class SourceStyleTest {
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b(?:java|javax|dev\\.nslab|org\\.jline|org\\.junit|org\\.assertj)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z]");
  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

  /** Lines over this are a file doing more than one job; split it along a real seam. */
  private static final int MOST_LINES = 360;

  @Test
  void typesAreImportedNotWrittenOutInline() throws IOException {
    List<String> inline = new ArrayList<>();
    for (Path file : javaFiles("src/main/java", "src/test/java")) {
      List<String> lines = Files.readAllLines(file);
      boolean textBlock = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if ((line.length() - line.replace("\"\"\"", "").length()) / 3 % 2 == 1) {
          textBlock = !textBlock;
          continue;
        }
        String code = STRING.matcher(line).replaceAll("\"\"").strip();
        if (textBlock || comment(code)) continue;
        int slashes = code.indexOf("//");
        if (slashes >= 0) code = code.substring(0, slashes);
        if (QUALIFIED.matcher(code).find()) inline.add(file + ":" + (i + 1) + ": " + code);
      }
    }
    assertThat(inline).as("fully qualified names where an import would do").isEmpty();
  }

  @Test
  void noMainSourceFileDoesSeveralJobs() throws IOException {
    List<String> long_ = new ArrayList<>();
    for (Path file : javaFiles("src/main/java")) {
      long lines = Files.readAllLines(file).size();
      if (lines > MOST_LINES) long_.add(file + ": " + lines + " lines");
    }
    assertThat(long_).as("main source files over " + MOST_LINES + " lines").isEmpty();
  }

  private static boolean comment(String code) {
    return code.startsWith("import ")
        || code.startsWith("package ")
        || code.startsWith("*")
        || code.startsWith("/*")
        || code.startsWith("//")
        || code.contains("{@link");
  }

  private static List<Path> javaFiles(String... roots) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : roots) {
      try (Stream<Path> s = Files.walk(Path.of(root))) {
        s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      }
    }
    return files;
  }
}
