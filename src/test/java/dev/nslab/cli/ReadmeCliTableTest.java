package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.MarkdownTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README.md's table of what nslab does from the shell is the Verb table, and so is --help. */
class ReadmeCliTableTest {
  /**
   * Each listed verb's synopsis as README writes it: {@code ./nslab play LESSON}; the REPL is
   * {@code ./nslab}.
   */
  static String asInReadme(Verb verb) {
    return verb == Verb.REPL ? "./nslab" : "./nslab " + verb.synopsis;
  }

  static List<Verb> listed() {
    return Arrays.stream(Verb.values()).filter(v -> v.synopsis != null).toList();
  }

  @Test
  void theReadmeListsEveryVerbWithItsArgumentsAndNoOther() throws Exception {
    List<String> rows =
        MarkdownTables.firstColumn(Path.of("README.md"), "from the shell").stream()
            .map(cell -> MarkdownTables.codeSpans(cell).get(0))
            .toList();
    assertThat(rows)
        .as("README.md's shell table, in usage order")
        .containsExactlyElementsOf(listed().stream().map(ReadmeCliTableTest::asInReadme).toList());
  }

  @Test
  void everyExampleInTheReadmeUsesAVerbThatExists() throws Exception {
    Matcher m =
        Pattern.compile("\\./nslab ([a-z]+)").matcher(Files.readString(Path.of("README.md")));
    int examples = 0;
    while (m.find()) {
      examples++;
      assertThat(Verb.named(m.group(1))).as("README runs `./nslab %s`", m.group(1)).isPresent();
    }
    assertThat(examples).isGreaterThan(listed().size());
  }

  @Test
  void helpListsEveryVerbOnceInTableOrder() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(
            Cli.run(
                new ByteArrayInputStream(new byte[0]),
                out,
                new ByteArrayOutputStream(),
                Map.of(),
                "--help"))
        .isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    String commands = help.substring(help.indexOf("Commands:\n"), help.indexOf("\nOptions:"));
    List<String> synopses =
        commands
            .lines()
            .filter(l -> l.matches("  \\S.*"))
            .map(l -> l.strip().split("\\s{2,}")[0])
            .toList();
    assertThat(synopses).containsExactlyElementsOf(listed().stream().map(v -> v.synopsis).toList());
    for (String word : Verb.words()) {
      assertThat(Verb.named(word).get().synopsis).as(word).startsWith(word);
    }
  }
}
