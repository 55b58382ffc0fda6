package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.Expectation;
import dev.nslab.lesson.LessonReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A failed check reads as a sentence about the kernel, with what was expected and what the kernel
 * showed under it: checked on a real lab (uts, renamed nslab-uts) with claims that are false there.
 */
class CheckerTest {

  @Test
  void aFailedCheckSaysWhatWasExpectedAndWhatTheKernelShowed() throws Exception {
    assumeTrue(Privileges.root(), "labs run as root in CI");
    try (Session s = new Session(LabEnvironment.fromHost(Map.of()))) {
      s.start(LessonReader.read(Path.of("lessons/uts.yaml")));
      for (int i = 0; i < 3; i++) assertThat(s.runStep().passed()).isTrue();

      List<Check> checks =
          s.probe(
              List.of(
                  new Expectation.HostnameNot(List.of("nslab-uts")),
                  new Expectation.Output(
                      "hostname | tr a-z A-Z",
                      "MY-LAB",
                      Optional.of("the lab's hostname is my-lab")),
                  new Expectation.Output("uname -n", "my-lab", Optional.empty()),
                  new Expectation.Output("printf 'one\\ntwo\\n'", "one", Optional.of("one line")),
                  new Expectation.Exits(
                      "echo no such file; exit 3", 0, Optional.of("the lab has a file")),
                  new Expectation.Exits("test -e /", 0, Optional.of("the lab has a root")),
                  new Expectation.HostOutput(
                      "echo ' left'", "right", Optional.of("the host says right"))));

      assertThat(checks.get(0))
          .isEqualTo(
              new Check(
                  "the lab's hostname is a new one, not nslab-uts",
                  false,
                  List.of("the kernel says: \"nslab-uts\""),
                  Optional.empty()));
      assertThat(checks.get(1))
          .isEqualTo(
              new Check(
                  "the lab's hostname is my-lab",
                  false,
                  List.of("expected \"MY-LAB\"", "saw \"NSLAB-UTS\""),
                  Optional.of("look yourself: run hostname | tr a-z A-Z")));
      // a short plain command reads as itself: no sentence, and nothing more to type than the claim
      // shows
      assertThat(checks.get(2))
          .isEqualTo(
              new Check(
                  "`uname -n` in the lab prints my-lab",
                  false,
                  List.of("expected \"my-lab\"", "saw \"nslab-uts\""),
                  Optional.empty()));
      assertThat(checks.get(3).seen())
          .containsExactly("expected \"one\"", "saw:", "  one", "  two");
      assertThat(checks.get(4).seen())
          .containsExactly("expected exit 0", "saw exit 3, printing \"no such file\"");
      assertThat(checks.get(5).held()).isTrue();
      assertThat(checks.get(6))
          .isEqualTo(
              new Check(
                  "the host says right",
                  false,
                  List.of("expected \"right\"", "saw \"left\""),
                  Optional.of("look on the host: echo ' left'")));
    }
  }
}
