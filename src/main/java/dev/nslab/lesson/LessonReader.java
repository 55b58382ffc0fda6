package dev.nslab.lesson;

import dev.nslab.lesson.YamlTree.Entry;
import dev.nslab.lesson.YamlTree.ListNode;
import dev.nslab.lesson.YamlTree.MapNode;
import dev.nslab.lesson.YamlTree.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a lesson file strictly: unknown or duplicate keys, wrong types, unknown actions or
 * namespaces, missing fields, duplicate step ids and unknown ${...} names are all problems, each
 * with line, column and the path of the field. A file with any problem yields no lesson.
 *
 * <p>This class reads the document, its steps and tasks; {@link ActionReader} and {@link
 * ExpectationReader} read one action or expectation, {@link YamlFields} the typed fields, {@link
 * TextRules} what any text must be, {@link StepCrossChecks} the rules between a step's parts.
 */
public final class LessonReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Path file;
  private final YamlFields f;
  private final ActionReader actionReader;
  private final ExpectationReader expectationReader;

  private LessonReader(Path file) {
    this.file = file;
    this.f = new YamlFields(file);
    this.actionReader = new ActionReader(f);
    this.expectationReader = new ExpectationReader(f);
  }

  public static Lesson read(Path file) throws LessonFileException {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) throw problem(file, "this is a directory, not a lesson file");
      if (!Files.isRegularFile(file))
        throw problem(
            file, "this is not a regular file (a device, a pipe?): a lesson is a YAML file");
      if (Files.size(file) > YamlTree.MAX_BYTES) {
        throw problem(
            file,
            "the file is "
                + Files.size(file) / 1024
                + " KiB; a lesson file may be at most "
                + YamlTree.MAX_BYTES / 1024
                + " KiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw problem(file, "cannot read it: " + e.getMessage());
    }
    return parse(file, bytes);
  }

  /**
   * The actions of a valid lesson that nslab's guards would refuse, each at LINE:COL (see {@link
   * GuardPreview}); what `nslab check` adds to reading. Empty for a lesson that plays.
   */
  public static List<LessonProblem> guardPreview(Path file) throws LessonFileException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw problem(file, "cannot read it: " + e.getMessage());
    }
    LessonReader reader = new LessonReader(file);
    try {
      reader.lesson(YamlTree.parse(bytes, new ArrayList<>()));
    } catch (YamlTree.SyntaxError e) {
      return List.of();
    }
    return GuardPreview.of(file, reader.actionReader.placed());
  }

  public static Lesson parse(Path file, String yaml) throws LessonFileException {
    return parse(file, yaml.getBytes(StandardCharsets.UTF_8));
  }

  static Lesson parse(Path file, byte[] bytes) throws LessonFileException {
    LessonReader reader = new LessonReader(file);
    List<YamlTree.SyntaxError> yamlProblems = new ArrayList<>();
    Node root;
    try {
      root = YamlTree.parse(bytes, yamlProblems);
    } catch (YamlTree.SyntaxError e) {
      throw new LessonFileException(
          List.of(new LessonProblem(file, e.loc.line(), e.loc.column(), e.getMessage())));
    }
    for (YamlTree.SyntaxError d : yamlProblems) reader.f.add(d.loc, d.getMessage());
    Lesson lesson = reader.lesson(root);
    if (!reader.f.problems().isEmpty()) throw new LessonFileException(reader.f.problems());
    return lesson;
  }

  private static LessonFileException problem(Path file, String message) {
    return new LessonFileException(List.of(new LessonProblem(file, 1, 1, message)));
  }

  // ---- the document, its steps and tasks ----

  private Lesson lesson(Node root) {
    MapNode m = f.map(root, "the lesson");
    if (m == null) return null;
    f.keys(m, "", Set.of("id", "title", "summary", "order", "needs", "steps"));
    String id = f.string(m, "", "id", true);
    if (id != null && !ID.matcher(id).matches()) {
      f.add(
          YamlFields.valueLoc(m, "id"),
          "id: '" + id + "' must be lower-case letters, digits and dashes");
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (id != null && ID.matcher(id).matches() && !id.equals(stem)) {
      f.add(
          YamlFields.valueLoc(m, "id"),
          "id: '" + id + "' must match the file name (" + stem + ".yaml)");
    }
    String title = f.string(m, "", "title", true);
    String summary = f.string(m, "", "summary", true);
    int order = f.integer(m, "", "order", 100);
    Needs needs = needs(m);
    List<Step> steps = new ArrayList<>();
    ListNode list = f.list(m, "", "steps", true);
    if (list != null) {
      if (list.items().isEmpty()) f.add(list.loc(), "steps: a lesson needs at least one step");
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.items().size(); i++) {
        Step s = step(list.items().get(i), "steps[" + i + "]", ids);
        if (s != null) steps.add(s);
      }
    }
    return new Lesson(id, title, summary, order, needs, List.copyOf(steps), file);
  }

  private Needs needs(MapNode m) {
    String text = f.string(m, "", "needs", false);
    if (text == null) return Needs.ROOT;
    Needs named = Needs.byYaml(text);
    if (named != null) return named;
    f.add(
        YamlFields.valueLoc(m, "needs"),
        "needs: '"
            + text
            + "' is not one of: "
            + String.join(", ", Arrays.stream(Needs.values()).map(n -> n.yaml).toList()));
    return Needs.ROOT;
  }

  private Step step(Node node, String path, Set<String> ids) {
    MapNode m = f.map(node, path);
    if (m == null) return null;
    f.keys(
        m,
        path,
        Set.of("id", "title", "narration", "actions", "show", "expect", "keeps", "task", "code"));
    String id = f.string(m, path, "id", true);
    if (id != null && !ids.add(id)) {
      f.add(YamlFields.valueLoc(m, "id"), path + ".id: duplicate step id '" + id + "'");
    }
    String title = f.string(m, path, "title", true);
    String narration = f.string(m, path, "narration", true);
    List<Action> actions = f.items(m, path, "actions", actionReader::read);
    List<String> show = f.items(m, path, "show", f::text);
    List<StepCrossChecks.Placed> placedExpect = new ArrayList<>();
    List<Expectation> expect =
        f.items(
            m,
            path,
            "expect",
            (n, p) -> {
              Expectation e = expectationReader.read(n, p);
              if (e != null) placedExpect.add(new StepCrossChecks.Placed(e, p, n.loc()));
              return e;
            });
    List<Expectation> keeps = f.items(m, path, "keeps", expectationReader::read);
    StepCrossChecks.check(f, actions, placedExpect);
    Task task = null;
    Entry t = m.entries().get("task");
    if (t != null) task = task(t.value(), path + ".task");
    Code code = null;
    Entry c = m.entries().get("code");
    if (c != null) {
      MapNode cm = f.map(c.value(), path + ".code");
      if (cm != null) {
        f.keys(cm, path + ".code", Set.of("c", "shell"));
        code =
            new Code(
                f.string(cm, path + ".code", "c", false),
                f.string(cm, path + ".code", "shell", false));
      }
    }
    return new Step(id, title, narration, actions, show, expect, keeps, task, code);
  }

  private Task task(Node node, String path) {
    MapNode m = f.map(node, path);
    if (m == null) return null;
    f.keys(m, path, Set.of("prompt", "hints", "solution", "expect", "keeps"));
    String prompt = f.string(m, path, "prompt", true);
    List<String> hints = f.items(m, path, "hints", f::text);
    String solution = f.string(m, path, "solution", true);
    if (!YamlFields.has(m, "expect"))
      f.add(m.loc(), path + ": missing 'expect': a learner's turn is checked from the kernel");
    List<Expectation> expect = f.items(m, path, "expect", expectationReader::read);
    return new Task(
        prompt, hints, solution, expect, f.items(m, path, "keeps", expectationReader::read));
  }
}
