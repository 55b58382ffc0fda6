package dev.nslab.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.cli.Cli;
import dev.nslab.lab.Cgroups;
import dev.nslab.lab.LabEnvironment;
import dev.nslab.lab.Privileges;
import dev.nslab.lesson.LessonCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `nslab doctor` reports what the kernel says, checked here against the kernel itself. */
class DoctorTest {

  @Test
  void asRootEveryNamespaceTypeIsCreatedForRealAndEveryLessonCanRun() {
    assumeTrue(Privileges.hostRoot(), "CI runs as root");
    Doctor doctor = new Doctor(LabEnvironment.fromHost(System.getenv()));
    assertThat(doctor.findings())
        .filteredOn(f -> f.topic().equals("namespaces"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Finding.Status.OK);
              assertThat(f.message()).endsWith("cgroup ipc mnt net pid time user uts");
            });
    assertThat(doctor.blockedLessons(LessonCatalog.load(Path.of("lessons")).lessons())).isEmpty();
  }

  @Test
  void theCgroupLineNamesTheLayoutTheKernelMounted() {
    Doctor doctor = new Doctor(LabEnvironment.fromHost(System.getenv()));
    Cgroups.Layout layout = Cgroups.detect();
    assertThat(doctor.findings())
        .filteredOn(f -> f.topic().equals("cgroups"))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .startsWith(layout.describe())
        .contains("pids " + (layout.pids() != null ? "yes" : "no"));
  }

  @Test
  void theCommandPrintsEveryCheckInOrderAndExitsZeroWhenEveryLessonCanRun() {
    assumeTrue(Privileges.hostRoot(), "CI runs as root");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc =
        Cli.run(
            new ByteArrayInputStream(new byte[0]),
            out,
            new ByteArrayOutputStream(),
            Map.of("NO_COLOR", "1"),
            "doctor");
    String report = out.toString(StandardCharsets.UTF_8);
    assertThat(rc).as(report).isZero();
    assertThat(report)
        .containsSubsequence(
            "kernel",
            "privileges",
            "namespaces",
            "user namespaces",
            "cgroups",
            "rootfs",
            "tools",
            "jna",
            "Every lesson can run here.");
  }
}
