package dev.nslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One native boundary: only the lab engine (dev.nslab.lab and its netlink part) calls libc. */
class NativeBoundaryTest {
  @Test
  void libcIsCalledOnlyInsideTheLabEngine() throws IOException {
    Path main = Path.of("src/main/java/dev/nslab");
    try (Stream<Path> files = Files.walk(main)) {
      List<String> outside =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.startsWith(main.resolve("lab")))
              .filter(f -> read(f).matches("(?s).*\\bLibc\\b.*|.*com\\.sun\\.jna.*"))
              .map(Path::toString)
              .toList();
      assertThat(outside).as("files outside dev.nslab.lab that use libc or JNA").isEmpty();
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
