package dev.nslab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Markdown table of a doc, for tests that keep the doc equal to the code. */
public final class MarkdownTables {
  private MarkdownTables() {}

  /**
   * The first column of the table whose header's first cell is {@code header}, one entry per row.
   */
  public static List<String> firstColumn(Path doc, String header) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    int at = lines.indexOf("| " + header + " | what it does |");
    if (at < 0)
      throw new AssertionError(doc + " has no table headed '| " + header + " | what it does |'");
    List<String> cells = new ArrayList<>();
    for (String line : lines.subList(at + 2, lines.size())) {
      if (!line.startsWith("|")) break;
      cells.add(line.substring(1).split("(?<!\\\\)\\|")[0].strip());
    }
    return cells;
  }

  /** The `code` spans of a cell, with {@code \|} read as {@code |}. */
  public static List<String> codeSpans(String cell) {
    List<String> spans = new ArrayList<>();
    Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
    while (m.find()) spans.add(m.group(1).replace("\\|", "|"));
    return spans;
  }
}
