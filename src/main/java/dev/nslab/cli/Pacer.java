package dev.nslab.cli;

import dev.nslab.render.Screen;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/** What {@code play} and {@code present} wait for between screens: nothing, Enter, a key, or time. */
interface Pacer {
  /** Waits for the go-ahead; false when the viewer asked to stop. */
  boolean next();

  /** No waiting: {@code play --no-pause}, and {@code play} into a pipe. */
  Pacer NONE = () -> true;

  /** {@code play} on a terminal: a line per step. */
  static Pacer enterKey(Screen screen, BufferedReader keys) {
    return () -> {
      screen.println(Screen.DIM, "  (Enter for the next step)");
      try {
        return keys.readLine() != null;
      } catch (IOException e) {
        return false;
      }
    };
  }

  /**
   * {@code present} on a terminal: Space or Enter goes on, q (or Esc, Ctrl-C, Ctrl-D) stops;
   * with {@code auto} seconds it goes on by itself when no key comes, so a booth demo runs alone.
   */
  static Pacer keys(Screen screen, Terminal terminal, Integer autoSeconds) {
    return () -> {
      screen.println();
      screen.println(Screen.DIM, autoSeconds == null ? "  Space: next · q: quit"
          : "  next in " + autoSeconds + " s · Space: now · q: quit");
      var attributes = terminal.enterRawMode();
      try {
        NonBlockingReader reader = terminal.reader();
        long deadline = autoSeconds == null ? Long.MAX_VALUE : System.nanoTime() + autoSeconds * 1_000_000_000L;
        while (true) {
          long left = deadline - System.nanoTime();
          if (left <= 0) return true;
          int c = reader.read(autoSeconds == null ? 0 : Math.max(1, left / 1_000_000));
          if (c == NonBlockingReader.READ_EXPIRED) continue;
          if (c < 0 || c == 'q' || c == 'Q' || c == 3 || c == 4 || c == 27) return false;
          if (c == ' ' || c == '\r' || c == '\n' || c == 'n') return true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        terminal.setAttributes(attributes);
      }
    };
  }

  /** {@code present --auto} without a terminal (a recording, a test): time only. */
  static Pacer timed(int seconds) {
    return () -> {
      try {
        Thread.sleep(seconds * 1000L);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }
}
