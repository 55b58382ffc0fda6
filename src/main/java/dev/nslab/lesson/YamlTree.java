package dev.nslab.lesson;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML document as a tree whose every node knows its line and column, read with Jackson's
 * streaming YAML parser (YAML 1.2: {@code no} and {@code on} are strings). Data binding would lose
 * the positions; a learner's lesson file deserves errors that point at the character.
 */
final class YamlTree {
  static final int MAX_BYTES = 1 << 20;
  static final int MAX_DEPTH = 32;

  // The anchor-replaying factory resolves aliases (*x) to their values; the plain one would
  // hand back the anchor's name.
  private static final YAMLFactory FACTORY =
      YAMLAnchorReplayingFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxDocumentLength(MAX_BYTES)
                  .build())
          .build();

  private YamlTree() {}

  record Loc(int line, int column) {}

  sealed interface Node permits MapNode, ListNode, Scalar {
    Loc loc();

    /** How the node is spoken of in errors: "a map", "a list", "the number 3". */
    String describe();
  }

  record Entry(String key, Loc keyLoc, Node value) {}

  record MapNode(Map<String, Entry> entries, Loc loc) implements Node {
    public String describe() {
      return "a map";
    }
  }

  record ListNode(List<Node> items, Loc loc) implements Node {
    public String describe() {
      return "a list";
    }
  }

  enum Kind {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  record Scalar(String text, Kind kind, Loc loc) implements Node {
    public String describe() {
      return switch (kind) {
        case STRING -> "the text '" + text + "'";
        case NUMBER -> "the number " + text;
        case BOOLEAN -> "the boolean " + text;
        case NULL -> "nothing (null)";
      };
    }
  }

  /** A problem found while reading: position and message. */
  static final class SyntaxError extends Exception {
    final Loc loc;

    SyntaxError(Loc loc, String message) {
      super(message);
      this.loc = loc;
    }
  }

  /**
   * Parses a whole file. Duplicate keys (the first one kept) and YAML tags are reported into {@code
   * problems}; everything else that is wrong ends the parse with a {@link SyntaxError}.
   */
  static Node parse(byte[] bytes, List<SyntaxError> problems) throws SyntaxError {
    String text = decode(bytes);
    if (text.isBlank()
        || text.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
      throw new SyntaxError(
          new Loc(1, 1), "the file is empty: a lesson needs at least id, title, summary and steps");
    }
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t = p.nextToken();
      if (t == null) throw new SyntaxError(new Loc(1, 1), "the file holds no YAML document");
      Node root = read((YAMLParser) p, t, problems, new YamlTags(text, problems));
      JsonToken extra = p.nextToken();
      if (extra != null)
        throw new SyntaxError(loc(p), "only one YAML document is allowed per lesson file");
      return root;
    } catch (JacksonException e) {
      TokenStreamLocation l = e.getLocation();
      Loc at =
          l == null
              ? new Loc(1, 1)
              : new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
      throw new SyntaxError(at, yamlMessage(e));
    }
  }

  private static Node read(YAMLParser p, JsonToken t, List<SyntaxError> problems, YamlTags tags) {
    Loc at = loc(p);
    switch (t) {
      case START_OBJECT -> {
        tags.node(p.getRawTag(), YamlTags.Shape.MAP, at);
        Map<String, Entry> entries = new LinkedHashMap<>();
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
          String key = p.currentName();
          Loc keyLoc = loc(p);
          tags.key(keyLoc);
          Node value = read(p, p.nextToken(), problems, tags);
          Entry first = entries.get(key);
          if (first != null) {
            problems.add(
                new SyntaxError(
                    keyLoc,
                    "duplicate key '" + key + "' (first at line " + first.keyLoc().line() + ")"));
          } else {
            entries.put(key, new Entry(key, keyLoc, value));
          }
        }
        return new MapNode(entries, at);
      }
      case START_ARRAY -> {
        tags.node(p.getRawTag(), YamlTags.Shape.LIST, at);
        List<Node> items = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) items.add(read(p, t, problems, tags));
        return new ListNode(items, at);
      }
      default -> {
        tags.node(p.getRawTag(), YamlTags.Shape.SCALAR, at);
        return scalar(p, t, at);
      }
    }
  }

  private static Scalar scalar(JsonParser p, JsonToken t, Loc at) {
    return switch (t) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(p.getString(), Kind.NUMBER, at);
      case VALUE_TRUE, VALUE_FALSE -> new Scalar(p.getString(), Kind.BOOLEAN, at);
      case VALUE_NULL -> new Scalar(null, Kind.NULL, at);
      default -> new Scalar(p.getString(), Kind.STRING, at);
    };
  }

  private static Loc loc(JsonParser p) {
    TokenStreamLocation l = p.currentTokenLocation();
    return new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static String decode(byte[] bytes) throws SyntaxError {
    if (bytes.length > MAX_BYTES) {
      throw new SyntaxError(
          new Loc(1, 1),
          "the file is "
              + bytes.length / 1024
              + " KiB; a lesson file may be at most "
              + MAX_BYTES / 1024
              + " KiB");
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new SyntaxError(
            position(bytes, i), "this is a binary file (a NUL byte), not a YAML lesson");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes);
      throw new SyntaxError(
          position(bytes, bad),
          "the file is not UTF-8 (byte 0x"
              + String.format("%02x", bytes[bad] & 0xff)
              + " here): save it as UTF-8");
    }
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    var in = ByteBuffer.wrap(bytes);
    var out = CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : 0;
  }

  /** Line and column (1-based, in characters) of a byte offset. */
  private static Loc position(byte[] bytes, int offset) {
    int line = 1, col = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        col = 1;
      } else if ((bytes[i] & 0xc0) != 0x80) {
        col++;
      }
    }
    return new Loc(line, col);
  }

  /**
   * The YAML parser's own words, without its excerpt of the file (the position says where), and a
   * plain hint for the two mistakes people make most.
   */
  private static String yamlMessage(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) return "invalid YAML";
    if (m.contains("Document nesting depth")) {
      return "the YAML is nested too deeply (more than " + MAX_DEPTH + " levels)";
    }
    if (m.contains("Document length")) return "the file is too long for a lesson";
    List<String> said =
        m.lines()
            .map(String::strip)
            .filter(
                l ->
                    !l.isEmpty()
                        && !l.startsWith("in reader")
                        && !l.equals("^")
                        && !l.startsWith("at [Source"))
            .filter(
                l ->
                    m.lines()
                        .anyMatch(raw -> raw.equals(l))) // the parser's sentences start at column 0
            .toList();
    String text =
        said.isEmpty() ? m.lines().findFirst().orElse("invalid YAML") : String.join(": ", said);
    String hint = "";
    if (text.contains("quoted scalar")) hint = " (a quote is never closed)";
    else if (text.contains("block"))
      hint = " (check the indentation here: keys of one map line up)";
    else if (text.contains("mapping values are not allowed"))
      hint = " (a ': ' inside a value: quote the value)";
    return "invalid YAML: " + text + hint;
  }
}
