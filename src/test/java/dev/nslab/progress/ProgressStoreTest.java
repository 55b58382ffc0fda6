package dev.nslab.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A learner's place in each lesson, kept in one file of their state directory. */
class ProgressStoreTest {
  @TempDir Path state;

  static LessonProgress at(
      String lesson, int next, boolean awaiting, Map<Integer, List<String>> taskCommands) {
    return new LessonProgress(lesson, next, awaiting, false, new TreeSet<>(), taskCommands);
  }

  @Test
  void whatIsSavedIsReadBackWithTheLearnersCommandsExactly() {
    List<String> odd =
        List.of(
            "hostname my-lab",
            "echo 'a=b: c' \\ d",
            " leading space",
            "printf 'x\\n'\nsecond line",
            "echo héllo ☃",
            "#not a comment",
            "!bang");
    ProgressStore store = new ProgressStore(state);
    store.save(
        new LessonProgress(
            "uts", 4, true, true, new TreeSet<>(List.of(5, 2)), Map.of(3, odd, 1, List.of())));

    LessonProgress back = new ProgressStore(state).of("uts").orElseThrow();
    assertThat(back.next()).isEqualTo(4);
    assertThat(back.awaitingTask()).isTrue();
    assertThat(back.done()).isTrue();
    assertThat(back.solvedWithSolution()).containsExactly(2, 5);
    // A turn done without `run` (in `sh`) replays with the solution either way, so it is not kept.
    assertThat(back.taskCommands()).containsOnly(Map.entry(3, odd));
    assertThat(back.reached()).isEqualTo(5);
  }

  @Test
  void savingOneLessonKeepsTheOthersAndMakesItTheLast() {
    new ProgressStore(state).save(at("uts", 3, false, Map.of()));
    // A second nslab of the same learner, which read the file before the first one saved.
    ProgressStore other = new ProgressStore(state);
    other.save(at("pid", 2, true, Map.of()));

    ProgressStore store = new ProgressStore(state);
    assertThat(store.all()).containsOnlyKeys("uts", "pid");
    assertThat(store.last().orElseThrow().lesson()).isEqualTo("pid");
    store.save(at("uts", 4, false, Map.of()));
    assertThat(store.last().orElseThrow().next()).isEqualTo(4);
    assertThat(store.of("pid").orElseThrow().next()).isEqualTo(2);
  }

  @Test
  void aSaveLeavesOneFileAndNoTemporaryOne() throws Exception {
    ProgressStore store = new ProgressStore(state.resolve("deeper"));
    store.save(at("uts", 1, false, Map.of()));
    store.save(at("uts", 2, false, Map.of()));
    try (var files = Files.list(state.resolve("deeper"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("progress");
    }
    assertThat(Files.readString(store.file())).startsWith("# nslab:").contains("uts.next=2");
  }

  @Test
  void anEntryEditedIntoNonsenseCountsAsNoProgressAndTheRestSurvives() throws Exception {
    Files.writeString(
        state.resolve("progress"),
        "uts.next=banana\npid.next=2\npid.awaiting-turn=false\nlast=uts\n");
    ProgressStore store = new ProgressStore(state);
    assertThat(store.all()).containsOnlyKeys("pid");
    assertThat(store.last()).isEmpty();
    assertThat(store.takeProblem()).isEmpty();
  }

  @Test
  void anUnreadableFileIsReportedOnceAndTreatedAsNoProgress() throws Exception {
    Files.createDirectories(state.resolve("progress")); // a directory where the file should be
    ProgressStore store = new ProgressStore(state);
    assertThat(store.all()).isEmpty();
    assertThat(store.takeProblem())
        .hasValueSatisfying(p -> assertThat(p).contains("cannot read your progress"));
    assertThat(store.takeProblem()).isEmpty();

    store.save(at("uts", 1, false, Map.of()));
    assertThat(store.takeProblem())
        .hasValueSatisfying(p -> assertThat(p).contains("cannot save your progress"));
    store.save(at("uts", 2, false, Map.of()));
    assertThat(store.takeProblem()).as("told once, not at every step").isEmpty();
    try (var files = Files.list(state)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("progress");
    }
  }

  @Test
  void aLessonIsInProgressOnceAStepRanAndUntilItsLastStepRan() {
    assertThat(at("uts", 0, false, Map.of()).inProgress(5)).isFalse();
    assertThat(at("uts", 0, true, Map.of()).inProgress(5)).isTrue();
    assertThat(at("uts", 4, true, Map.of()).inProgress(5)).isTrue();
    assertThat(at("uts", 5, false, Map.of()).inProgress(5)).isFalse();
  }

  @Test
  void aLessonOnceDoneStaysDoneWhenTheLearnerGoesBack() {
    ProgressStore store = new ProgressStore(state);
    store.save(new LessonProgress("uts", 5, false, true, new TreeSet<>(), Map.of()));
    store.save(at("uts", 2, false, Map.of()));
    LessonProgress back = store.of("uts").orElseThrow();
    assertThat(back.done()).isTrue();
    assertThat(back.next()).isEqualTo(2);
  }
}
