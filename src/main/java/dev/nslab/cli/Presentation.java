package dev.nslab.cli;

import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import dev.nslab.render.Pages;
import dev.nslab.render.Screen;
import dev.nslab.repl.Commands;
import dev.nslab.repl.Failures;
import dev.nslab.session.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;

/**
 * {@code present}: the lesson as slides, one per step and one per learner's turn, each in pages
 * that fit the terminal. Forward runs the next step; back builds a fresh lab and replays up to the
 * slide before (the session's rewind, as the REPL's {@code back} does), because a namespace change
 * cannot be undone in place.
 */
final class Presentation {
  /** A slide: the title ({@code step} -1), a step, or the learner's turn after a step. */
  record Slide(int step, boolean turn) {
    static final Slide TITLE = new Slide(-1, false);
  }

  private final Lesson lesson;
  private final Commands commands;
  private final Failures failures;
  private final StringWriter rendered;
  private final Screen screen;
  private final SlideDisplay display;
  private final Pacer pacer;
  private final boolean auto;
  private final boolean waitsForKeys;
  private final List<Slide> slides;
  private boolean failed;

  /** Whether the slide on screen stopped short: forward then stays, so the error stays in view. */
  private boolean stopped;

  /**
   * @param commands made with {@link Commands.Setup#present}, telling {@code failures}
   * @param rendered where {@code commands} write (through {@code screen}): each slide is rendered
   *     there whole, then cut into pages
   * @param waitsForKeys a person drives it: only q ends it, and the end stays on screen
   * @param auto it also goes on by itself, and starts over at the end (a booth demo)
   */
  Presentation(
      Lesson lesson,
      Commands commands,
      Failures failures,
      StringWriter rendered,
      Screen screen,
      SlideDisplay display,
      Pacer pacer,
      boolean waitsForKeys,
      boolean auto) {
    this.lesson = lesson;
    this.commands = commands;
    this.failures = failures;
    this.rendered = rendered;
    this.screen = screen;
    this.display = display;
    this.pacer = pacer;
    this.auto = auto;
    this.waitsForKeys = waitsForKeys;
    this.slides = slides(lesson);
  }

  /**
   * On a terminal, present shows pages on the alternate screen and reads a clicker's keys in raw
   * mode (echo and signals off, so no key or part of one reaches the shell); elsewhere it only
   * waits.
   */
  static int show(
      Lesson lesson, Session session, LessonCatalog catalog, Screen plain, Verb.Call call) {
    StringWriter rendered = new StringWriter();
    Failures failures = new Failures();
    OptionalInt auto = call.opts().autoSeconds();
    if (!call.console().present()) {
      Screen screen =
          new Screen(new PrintWriter(rendered), plain.color(), null, Screen.DEFAULT_WIDTH);
      Commands commands = new Commands(session, catalog, screen, Commands.Setup.present(failures));
      return new Presentation(
              lesson,
              commands,
              failures,
              rendered,
              screen,
              SlideDisplay.plain(plain),
              Pacer.timed(auto.orElseThrow()),
              false,
              true)
          .run();
    }
    Logger.getLogger("org.jline").setLevel(Level.OFF);
    try (Terminal terminal =
        TerminalBuilder.builder().system(true).graphemeCluster(false).build()) {
      boolean color = call.color();
      Screen screen = new Screen(new PrintWriter(rendered), color, terminal, 0);
      Commands commands = new Commands(session, catalog, screen, Commands.Setup.present(failures));
      var attributes = Pacer.rawKeys(terminal);
      terminal.puts(Capability.enter_ca_mode);
      terminal.puts(Capability.cursor_invisible);
      try {
        return new Presentation(
                lesson,
                commands,
                failures,
                rendered,
                screen,
                SlideDisplay.terminal(terminal, color),
                Pacer.keys(terminal, auto),
                true,
                auto.isPresent())
            .run();
      } finally {
        terminal.puts(Capability.cursor_normal);
        terminal.puts(Capability.exit_ca_mode);
        terminal.flush();
        drain(terminal);
        terminal.setAttributes(attributes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whatever was typed and not read yet stays with nslab: the shell gets a clean prompt. */
  private static void drain(Terminal terminal) {
    try {
      while (terminal.reader().read(50) >= 0) {
        // discard
      }
    } catch (IOException e) {
      // nothing more to read
    }
  }

  static List<Slide> slides(Lesson lesson) {
    List<Slide> slides = new ArrayList<>(List.of(Slide.TITLE));
    for (int i = 0; i < lesson.size(); i++) {
      slides.add(new Slide(i, false));
      if (lesson.step(i).hasTask()) slides.add(new Slide(i, true));
    }
    return slides;
  }

  /** Runs until q (or the end, when nothing waits for keys); the exit code. */
  int run() {
    int at = 0;
    List<String> slide = render(at, false);
    if (!commands.session().active()) { // this machine cannot run it: say why, then go
      show(at, pages(slide), 0, true);
      if (waitsForKeys) pacer.next();
      return Cli.FAILED;
    }
    int page = 0;
    while (true) {
      // Cut into pages for the terminal as it is now: a resize since the last key is taken in.
      List<List<String>> pages = pages(slide);
      page = Math.min(page, pages.size() - 1);
      boolean last = (at == slides.size() - 1 || stopped) && page == pages.size() - 1;
      show(at, pages, page, last);
      if (failed && !waitsForKeys) return Cli.FAILED;
      switch (pacer.next()) {
        case NEXT -> {
          if (page < pages.size() - 1) {
            page++;
          } else if (stopped) {
            continue; // nothing after a step that did not do what the lesson says
          } else if (at < slides.size() - 1) {
            slide = render(++at, false);
            page = 0;
          } else if (auto && waitsForKeys) {
            slide = render(at = 0, true); // a booth demo starts over
            page = 0;
          } else if (!waitsForKeys) {
            return failed ? Cli.FAILED : Cli.OK;
          }
        }
        case BACK -> {
          if (page > 0) {
            page--;
          } else if (at > 0) {
            slide = render(--at, true);
            page = Integer.MAX_VALUE; // its last page: the exact reverse of going forward
          }
        }
        case RESTART -> {
          slide = render(at = 0, true);
          page = 0;
        }
        case QUIT -> {
          return failed ? Cli.FAILED : Cli.OK;
        }
        case IGNORE -> {}
      }
    }
  }

  private List<List<String>> pages(List<String> slide) {
    return Pages.split(slide, Pages.rowsForText(display.rows()), display.width());
  }

  /**
   * Runs slide {@code at} and returns its lines; {@code fresh}: first bring a fresh lab to just
   * before it.
   */
  private List<String> render(int at, boolean fresh) {
    rendered.getBuffer().setLength(0);
    Slide slide = slides.get(at);
    long failedBefore = failures.count();
    Optional<String> problem = Optional.empty();
    if (slide.equals(Slide.TITLE)) {
      commands.start(lesson); // the lesson itself: it may be a file from outside the catalog
    } else {
      if (fresh) problem = commands.session().rewind(slide.step(), slide.turn());
      if (problem.isEmpty() && slide.turn()) {
        screen.println();
        screen.println(
            Screen.TASK,
            "  ▶ the learner's turn. They were asked: \u201c"
                + commands.session().taskPrompt().strip().replaceAll("\\s+", " ")
                + "\u201d");
        screen.println();
        screen.println(Screen.DIM, "  A learner types:");
        String line = "run " + commands.session().solutionForReplay();
        Player.echo(screen, line);
        commands.execute(line);
      }
      if (problem.isEmpty()) commands.execute("next");
    }
    stopped = problem.isPresent() || failures.count() > failedBefore;
    if (stopped) {
      failed = true;
      screen.println();
      screen.error(
          problem.orElse(
                  "step "
                      + (slide.step() + 1)
                      + " of "
                      + lesson.id()
                      + " did not do what the lesson says")
              + "; stopping here.");
    }
    String text = rendered.toString();
    if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
    return List.of(text.split("\n", -1));
  }

  private void show(int at, List<List<String>> pages, int page, boolean last) {
    Slide slide = slides.get(at);
    String where =
        slide.equals(Slide.TITLE)
            ? lesson.size() + " steps"
            : "step "
                + (slide.step() + 1)
                + "/"
                + lesson.size()
                + (slide.turn() ? " · the learner's turn" : "");
    // A step's later pages have scrolled its own header away: the banner names the step instead.
    String title =
        page > 0 && !slide.equals(Slide.TITLE)
            ? " " + lesson.id() + " · " + lesson.step(slide.step()).title() + " (continued)"
            : " nslab · " + lesson.title();
    AttributedString banner = Pages.bar(title, where + " ", display.width());
    String keys =
        last
            ? " end · ←/PgUp back · Home restart · q quit"
            : auto
                ? " auto · →/PgDn now · ←/PgUp back · Home restart · q quit"
                : " →/Space/PgDn next · ←/PgUp back · Home restart · q quit";
    String position =
        (pages.size() > 1 ? "page " + (page + 1) + "/" + pages.size() + " · " : "")
            + "slide "
            + (at + 1)
            + "/"
            + slides.size()
            + " ";
    display.show(banner, pages.get(page), Pages.bar(keys, position, display.width()));
  }
}
