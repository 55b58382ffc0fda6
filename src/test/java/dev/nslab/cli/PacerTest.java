package dev.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.cli.Pacer.Move;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The keys of {@code present}, as a clicker and a keyboard send them: each escape sequence is read
 * whole, as one move, and nothing of it is left over for the shell.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PacerTest {
  static {
    Logger.getLogger("org.jline").setLevel(Level.OFF); // a closed pipe's pump
  }

  @Test
  void aClickersKeysMoveOnAndBackAndOnlyQQuits() throws Exception {
    String keys =
        "\033[C"
            + "\033[6~"
            + "\033OB"
            + " "
            + "\r"
            + "n" // Right, PageDown, Down (SS3), Space, Enter, n
            + "\033[D"
            + "\033[5~"
            + "\033[A"
            + "b"
            + "p" // Left, PageUp, Up, b, p
            + "\033[H"
            + "\033[1~"
            + "r" // Home (two forms), r
            + "q";
    assertThat(moves(keys))
        .containsExactly(
            Move.NEXT,
            Move.NEXT,
            Move.NEXT,
            Move.NEXT,
            Move.NEXT,
            Move.NEXT,
            Move.BACK,
            Move.BACK,
            Move.BACK,
            Move.BACK,
            Move.BACK,
            Move.RESTART,
            Move.RESTART,
            Move.RESTART,
            Move.QUIT);
  }

  @Test
  void otherKeysAreSwallowedWholeNotReadAsLettersOrAsQuit() {
    // F1 ends in P and Shift-Down in B: read in pieces, they would go back; Esc no longer quits.
    String keys = "\033OP" + "\033[15~" + "\033[1;2B" + "\033[Z" + "\033" + "x" + "\033[24~" + "q";
    assertThat(moves(keys)).containsExactly(Move.NEXT, Move.QUIT); // Shift-Down is Down
  }

  @Test
  void ctrlCQuitsLikeQ() {
    assertThat(moves("\033[C\003")).containsExactly(Move.NEXT, Move.QUIT);
  }

  /** The moves the keys make, up to the quit; everything after it stays unread. */
  private static List<Move> moves(String keys) {
    // A pipe held open, as a terminal's input is: the keys are there, and no end of input follows.
    try (PipedOutputStream typed = new PipedOutputStream();
        Terminal terminal =
            TerminalBuilder.builder()
                .system(false)
                .type("xterm")
                .streams(new PipedInputStream(typed, 4096), new ByteArrayOutputStream())
                .build()) {
      // Raw first, as present does: else the terminal's input pump may turn Ctrl-C into SIGINT
      // before the keys are read (it handles bytes as they arrive).
      Pacer.rawKeys(terminal);
      typed.write(keys.getBytes(StandardCharsets.UTF_8));
      typed.flush();
      Pacer pacer = Pacer.keys(terminal, OptionalInt.empty());
      List<Move> moves = new ArrayList<>();
      Move move;
      do {
        move = pacer.next();
        moves.add(move);
      } while (move != Move.QUIT);
      return moves;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
