package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.session.Check;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A check on screen: a held one is its sentence; a failed one says what was seen and how to look.
 */
class CheckViewTest {

  @Test
  void aFailedCheckIsItsSentenceThenWhatTheKernelShowedThenWhatToType() {
    StringWriter out = new StringWriter();
    StepView.checks(
        new Screen(new PrintWriter(out), false, null, 80),
        List.of(
            new Check(
                "the lab's hostname is nslab-uts",
                true,
                List.of("the kernel says: \"nslab-uts\""),
                Optional.empty()),
            new Check(
                "the lab's nslab-veth0 has the address 10.200.0.3/24",
                false,
                List.of("expected exit 0", "saw exit 1"),
                Optional.of("look yourself: run ip -o -4 addr show dev nslab-veth0"))));
    assertThat(out.toString())
        .isEqualTo(
            """

          ✓ the lab's hostname is nslab-uts
          ✗ the lab's nslab-veth0 has the address 10.200.0.3/24
            expected exit 0
            saw exit 1
            look yourself: run ip -o -4 addr show dev nslab-veth0
        """);
  }
}
