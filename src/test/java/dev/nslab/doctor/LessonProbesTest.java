package dev.nslab.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.lab.Explanations;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lab.Syscall;
import dev.nslab.lesson.Lesson;
import dev.nslab.lesson.LessonCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Doctor's per-lesson predictions: what each lesson runs, and the live probes behind them. */
class LessonProbesTest {
  private static Lesson lesson(String id) {
    return LessonCatalog.load(Path.of("lessons")).find(id).orElseThrow();
  }

  @Test
  void theToolsALessonRunsAreReadFromItsSteps() {
    assertThat(LessonProbes.toolsUsed(lesson("net")))
        .contains("ip", "ping", "nsenter"); // checks look into nslab-init's network namespace
    assertThat(LessonProbes.toolsUsed(lesson("user")))
        .contains("nsenter"); // its clone holds namespaces
    assertThat(LessonProbes.toolsUsed(lesson("ipc"))).contains("ipcs").doesNotContain("ping", "ip");
    assertThat(LessonProbes.toolsUsed(lesson("mount"))).contains("findmnt", "ps");
    assertThat(LessonProbes.unsharesTime(lesson("time"))).isTrue();
    assertThat(LessonProbes.usesLinkType(lesson("net"), "bridge")).isTrue();
    assertThat(LessonProbes.usesLinkType(lesson("container"), "veth")).isTrue();
  }

  @Test
  void aCommandStartsInANewTimeNamespaceAndLinksCanBeMade() {
    assumeTrue(Privileges.hostRoot(), "CI runs as root");
    LabEnvironment env = LabEnvironment.fromHost(System.getenv());
    assertThat(LessonProbes.timeNamespaceSpawn(env).ok())
        .as(LessonProbes.timeNamespaceSpawn(env).detail())
        .isTrue();
    LessonProbes.Outcome links = LessonProbes.links(env, true);
    assertThat(links.ok()).as(links.detail()).isTrue();
  }

  @Test
  void theUserNamespaceLimitHasOneValueEverywhere() {
    String explained = Explanations.of(new Syscall("clone", "", -1, 28, 0));
    assertThat(explained).contains("user.max_user_namespaces=" + Doctor.MAX_USER_NAMESPACES);
  }

  @Test
  void theAppArmorFixNamesTheRealJavaAndGrantsUserns() {
    assertThat(AppArmor.profile()).contains("userns,").contains(AppArmor.javaBinary());
    assertThat(AppArmor.profileHint()).contains("apparmor_parser -r /etc/apparmor.d/nslab-java");
  }
}
