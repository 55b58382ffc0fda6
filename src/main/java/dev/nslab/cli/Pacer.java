package dev.nslab.cli;

import dev.nslab.render.Screen;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * What {@code play} and {@code present} wait for between screens: nothing, Enter, a key, or time.
 */
interface Pacer {
  /** Where the viewer wants to go. */
  enum Move {
    NEXT,
    BACK,
    RESTART,
    QUIT,
    IGNORE
  }

  /** Waits for the go-ahead. */
  Move next();

  /** No waiting: {@code play --no-pause}, and {@code play} into a pipe. */
  Pacer NONE = () -> Move.NEXT;

  /**
   * Puts the terminal in the mode {@link #keys} reads: raw (no echo, so no key shows on the screen;
   * no line editing) and without signal keys, so Ctrl-C arrives as a key, q's twin. Returns the
   * attributes to restore.
   */
  static Attributes rawKeys(Terminal terminal) {
    var previous = terminal.enterRawMode();
    var raw = terminal.getAttributes();
    raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
    terminal.setAttributes(raw);
    return previous;
  }

  /** {@code play} on a terminal: a line per step. */
  static Pacer enterKey(Screen screen, BufferedReader keys) {
    return () -> {
      screen.println(Screen.DIM, "  (Enter for the next step)");
      try {
        return keys.readLine() != null ? Move.NEXT : Move.QUIT;
      } catch (IOException e) {
        return Move.QUIT;
      }
    };
  }

  /**
   * {@code present} on a terminal, whose keys the caller has put in {@link #rawKeys}: the keys a
   * presenter's clicker sends, read as whole escape sequences so no part of one is left over for
   * the shell. With {@code autoSeconds} it goes on by itself when no key comes.
   */
  static Pacer keys(Terminal terminal, OptionalInt autoSeconds) {
    KeyMap<Move> keys = keyMap(terminal);
    BindingReader reader = new BindingReader(terminal.reader());
    return () -> {
      while (true) {
        if (autoSeconds.isPresent()
            && reader.peekCharacter(autoSeconds.getAsInt() * 1000L)
                == NonBlockingReader.READ_EXPIRED) {
          return Move.NEXT;
        }
        Move move;
        try {
          move = reader.readBinding(keys);
        } catch (EndOfFileException closed) {
          return Move.QUIT; // the terminal went away
        }
        if (move == null) return Move.QUIT; // end of input
        if (move != Move.IGNORE) return move;
      }
    };
  }

  /**
   * Clickers send PageDown/PageUp or the arrows; keyboards, Space and the rest. Arrows and Home are
   * bound in both forms terminals send (CSI and SS3) and as terminfo says; anything else that
   * starts with Esc is read whole and ignored.
   */
  static KeyMap<Move> keyMap(Terminal terminal) {
    KeyMap<Move> keys = new KeyMap<>();
    // Lower case only: upper-case letters end escape sequences (F1 is Esc O P).
    keys.bind(Move.NEXT, " ", "\r", "\n", "n", "j");
    keys.bind(Move.BACK, "b", "p", "k", KeyMap.del(), "\b");
    keys.bind(Move.RESTART, "r");
    keys.bind(Move.QUIT, "q", KeyMap.ctrl('C'), KeyMap.ctrl('D'));
    // Every other sequence these keys' neighbours send, so none is read in pieces.
    for (String fKey : List.of("P", "Q", "R", "S")) keys.bind(Move.IGNORE, "\033O" + fKey);
    for (int n = 1; n <= 34; n++) keys.bind(Move.IGNORE, "\033[" + n + "~");
    bindKey(keys, terminal, Move.NEXT, Capability.key_right, "C");
    bindKey(keys, terminal, Move.NEXT, Capability.key_down, "B");
    bindKey(keys, terminal, Move.BACK, Capability.key_left, "D");
    bindKey(keys, terminal, Move.BACK, Capability.key_up, "A");
    bindKey(keys, terminal, Move.RESTART, Capability.key_home, "H");
    bindKey(keys, terminal, Move.IGNORE, Capability.key_end, "F");
    keys.bind(Move.NEXT, "\033[6~");
    keys.bind(Move.BACK, "\033[5~");
    keys.bind(Move.RESTART, "\033[1~", "\033[7~");
    bindTerminfo(keys, terminal, Move.NEXT, Capability.key_npage);
    bindTerminfo(keys, terminal, Move.BACK, Capability.key_ppage);
    keys.bind(Move.IGNORE, KeyMap.esc()); // a lone Esc, once the ambiguity timeout has passed
    keys.setNomatch(Move.IGNORE);
    keys.setUnicode(Move.IGNORE);
    keys.setAmbiguousTimeout(150);
    return keys;
  }

  /**
   * A cursor key as CSI, as SS3 (application mode), with any modifier (Shift, Ctrl, Alt), and as
   * terminfo says.
   */
  private static void bindKey(
      KeyMap<Move> keys, Terminal terminal, Move move, Capability capability, String last) {
    keys.bind(move, "\033[" + last, "\033O" + last);
    for (int modifier = 2; modifier <= 8; modifier++) keys.bind(move, "\033[1;" + modifier + last);
    bindTerminfo(keys, terminal, move, capability);
  }

  private static void bindTerminfo(
      KeyMap<Move> keys, Terminal terminal, Move move, Capability capability) {
    String sequence = KeyMap.key(terminal, capability);
    if (sequence != null && !sequence.isEmpty()) keys.bind(move, sequence);
  }

  /** {@code present --auto} without a terminal (a recording, a test): time only. */
  static Pacer timed(int seconds) {
    return () -> {
      try {
        Thread.sleep(seconds * 1000L);
        return Move.NEXT;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Move.QUIT;
      }
    };
  }
}
