package dev.nslab.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.MarkdownTables;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.render.Screen;
import dev.nslab.session.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * README.md's table of REPL commands is the command table: each command, as its help writes it, and
 * no other.
 */
class ReadmeReplTableTest {
  @Test
  void theReadmeListsEveryReplCommandWithItsArgumentsAndNoOther() throws Exception {
    List<String> spans =
        MarkdownTables.firstColumn(Path.of("README.md"), "in the REPL").stream()
            .flatMap(cell -> MarkdownTables.codeSpans(cell).stream())
            .toList();
    try (Session session =
        new Session(LabEnvironment.fromHost(Map.of()))) { // no lab: none is started
      Commands commands =
          new Commands(
              session,
              LessonCatalog.load(Path.of("lessons")),
              new Screen(new PrintWriter(new StringWriter()), false));
      for (String span : spans) {
        Optional<Command> command = commands.find(Command.Typed.of(span).word());
        assertThat(command).as("README lists `%s`, which is no REPL command", span).isPresent();
        if (Command.Typed.of(span).word().equals(command.get().name())) {
          assertThat(span).as("README's `%s`: help says", span).isEqualTo(command.get().usage());
        }
      }
      List<String> listed = spans.stream().map(s -> Command.Typed.of(s).word()).toList();
      assertThat(listed).as("README.md's REPL table").containsAll(commands.names());
    }
  }
}
