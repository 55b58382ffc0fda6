package dev.nslab.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An action's kind is the {@link Action.Kind} that names its record, so the table and the records
 * must match one to one: a record no kind names would fail only when a lesson used it.
 */
class ActionKindTest {

  @Test
  void everyActionRecordIsNamedByExactlyOneKind() {
    List<Class<?>> records = new ArrayList<>();
    collectRecords(Action.class, records);
    List<Class<?>> named = Arrays.stream(Action.Kind.values()).<Class<?>>map(k -> k.type).toList();
    assertThat(named).doesNotHaveDuplicates().allMatch(Class::isRecord);
    assertThat(named).containsExactlyInAnyOrderElementsOf(records);
  }

  @Test
  void anActionSaysItsKindAndYamlName() {
    for (Action.Kind k : Action.Kind.values()) assertThat(Action.Kind.of(k.type)).isEqualTo(k);
    Action proc = new MountAction.Proc("/proc");
    assertThat(proc.kind()).isEqualTo(Action.Kind.PROC);
    assertThat(proc.name()).isEqualTo("proc");
    assertThat(new IpcAction.Msgget(7).name()).isEqualTo("msgget");
    assertThat(new NetAction.AddrFlush("eth0", NetAction.NetPlace.LAB).name())
        .isEqualTo("addr_flush");
    assertThat(new Action.Run("true", false).name()).isEqualTo("run");
  }

  /** The records under a sealed interface, through its sub-interfaces (the families). */
  private static void collectRecords(Class<?> type, List<Class<?>> out) {
    for (Class<?> sub : type.getPermittedSubclasses()) {
      if (sub.isInterface()) collectRecords(sub, out);
      else out.add(sub);
    }
  }
}
