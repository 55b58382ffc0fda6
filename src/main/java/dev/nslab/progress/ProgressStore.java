package dev.nslab.progress;

import dev.nslab.io.SafeFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A learner's progress, one properties file in their state directory ({@code progress}). Each save
 * re-reads the file and replaces only the lesson it is about (done stays done), so two nslab
 * windows of one learner do not undo each other, and writes a temporary file that is renamed over
 * the old one: a crash or {@code kill -9} leaves the old file or the new one, never half of either.
 */
public final class ProgressStore {
  private static final String LAST = "last";
  private final Path file;
  private String problem;
  private final Set<String> told = new HashSet<>();

  /** Runs after each save: under sudo, hands the file to the learner who ran sudo. */
  private final Runnable afterSave;

  public ProgressStore(Path stateDir) {
    this(stateDir, () -> {});
  }

  public ProgressStore(Path stateDir, Runnable afterSave) {
    this.file = stateDir.resolve("progress");
    this.afterSave = afterSave;
  }

  public Path file() {
    return file;
  }

  /**
   * Why the file could not be read or written, for the learner; empty when all is well. Each
   * problem is told once: a read-only home must not repeat itself at every step.
   */
  public Optional<String> takeProblem() {
    Optional<String> p = Optional.ofNullable(problem).filter(told::add);
    problem = null;
    return p;
  }

  /** Every lesson's progress, by lesson id. An unreadable file counts as no progress. */
  public Map<String, LessonProgress> all() {
    Properties p = read();
    Map<String, LessonProgress> out = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.endsWith(".next")) continue;
      String id = key.substring(0, key.length() - ".next".length());
      parse(p, id).ifPresent(lp -> out.put(id, lp));
    }
    return out;
  }

  public Optional<LessonProgress> of(String lesson) {
    return Optional.ofNullable(all().get(lesson));
  }

  /** The lesson the learner worked on last. */
  public Optional<LessonProgress> last() {
    Properties p = read();
    String last = p.getProperty(LAST);
    return last == null ? Optional.empty() : parse(p, last);
  }

  /**
   * Records one lesson's progress, and that it is the one worked on last. A lesson once done stays
   * done: going back or starting it again does not undo that.
   */
  public void save(LessonProgress progress) {
    Properties p = read();
    String id = progress.lesson();
    boolean done = progress.done() || Boolean.parseBoolean(p.getProperty(id + ".done"));
    p.stringPropertyNames().stream().filter(k -> k.startsWith(id + ".")).forEach(p::remove);
    p.setProperty(LAST, id);
    p.setProperty(id + ".next", String.valueOf(progress.next()));
    // The file keeps its first key names (awaiting-turn, turn.STEP.N): saved progress still reads.
    p.setProperty(id + ".awaiting-turn", String.valueOf(progress.awaitingTask()));
    p.setProperty(id + ".done", String.valueOf(done));
    if (!progress.solvedWithSolution().isEmpty()) {
      p.setProperty(
          id + ".solved-with-solution",
          String.join(",", progress.solvedWithSolution().stream().map(String::valueOf).toList()));
    }
    progress
        .taskCommands()
        .forEach(
            (step, commands) -> {
              for (int i = 0; i < commands.size(); i++)
                p.setProperty(id + ".turn." + step + "." + i, commands.get(i));
            });
    write(p);
  }

  private Optional<LessonProgress> parse(Properties p, String id) {
    try {
      int next = Integer.parseInt(p.getProperty(id + ".next"));
      if (next < 0) return Optional.empty();
      TreeSet<Integer> solved = new TreeSet<>();
      String s = p.getProperty(id + ".solved-with-solution", "");
      for (String n : s.split(",")) if (!n.isBlank()) solved.add(Integer.parseInt(n.strip()));
      Map<Integer, List<String>> taskCommands = new HashMap<>();
      String prefix = id + ".turn.";
      for (String key : new TreeSet<>(p.stringPropertyNames())) {
        if (!key.startsWith(prefix)) continue;
        String[] parts = key.substring(prefix.length()).split("\\.");
        if (parts.length != 2) continue;
        List<String> cmds =
            taskCommands.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>());
        int i = Integer.parseInt(parts[1]);
        while (cmds.size() <= i) cmds.add(null);
        cmds.set(i, p.getProperty(key));
      }
      taskCommands.replaceAll((k, v) -> v.stream().filter(c -> c != null).toList());
      return Optional.of(
          new LessonProgress(
              id,
              next,
              Boolean.parseBoolean(p.getProperty(id + ".awaiting-turn")),
              Boolean.parseBoolean(p.getProperty(id + ".done")),
              solved,
              taskCommands));
    } catch (RuntimeException e) {
      return Optional.empty(); // an entry edited by hand into nonsense is no progress, not a crash
    }
  }

  private Properties read() {
    Properties p = new Properties();
    try {
      p.load(new StringReader(SafeFiles.readSmall(file, true)));
    } catch (NoSuchFileException e) {
      // no progress yet
    } catch (IOException | IllegalArgumentException e) {
      problem =
          "cannot read your progress from "
              + file
              + " ("
              + e.getMessage()
              + "); nslab starts from no progress";
    }
    return p;
  }

  private void write(Properties p) {
    StringBuilder text =
        new StringBuilder(
            "# nslab: where you are in each lesson. Safe to delete: you lose only your place.\n");
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      text.append(key).append('=').append(escape(p.getProperty(key))).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      SafeFiles.replace(file, text.toString(), SafeFiles.PRIVATE);
      afterSave.run();
    } catch (IOException e) {
      problem =
          "cannot save your progress to "
              + file
              + " ("
              + reason(e)
              + "); fix that directory's permissions";
    }
  }

  /** Why a file operation failed, without the temporary file's random name (so it is told once). */
  private static String reason(IOException e) {
    return e instanceof FileSystemException f && f.getReason() != null
        ? f.getReason()
        : e.getClass()
            .getSimpleName()
            .replace("Exception", "")
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toLowerCase();
  }

  /** Properties-file escapes for a value: backslash, line breaks, and a leading space. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case ' ' -> sb.append(i == 0 ? "\\ " : " ");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
