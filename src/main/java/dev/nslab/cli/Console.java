package dev.nslab.cli;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal nslab was started on, as {@code Main} found it; tests and pipes have none. The
 * command line asks this, never {@code System.console()} itself.
 */
public interface Console {
  /** Whether nslab's input and output are a terminal. */
  boolean present();

  /** Its width in columns, so what nslab prints wraps there; 0 (no wrapping) without one. */
  int width();

  /** No terminal: a pipe, a file, a test. */
  Console NONE =
      new Console() {
        @Override
        public boolean present() {
          return false;
        }

        @Override
        public int width() {
          return 0;
        }
      };

  /** The JVM's own: the one place {@code System.console()} is read. */
  static Console system() {
    if (System.console() == null) return NONE;
    return new Console() {
      @Override
      public boolean present() {
        return true;
      }

      @Override
      public int width() {
        Logger.getLogger("org.jline").setLevel(Level.OFF);
        try (Terminal t = TerminalBuilder.builder().system(true).graphemeCluster(false).build()) {
          return Math.max(0, t.getWidth());
        } catch (IOException | RuntimeException e) {
          return 0;
        }
      }
    };
  }
}
