package dev.nslab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab engine on the real kernel: each test makes real syscalls and reads kernel state. */
class LabTest {
  static final LabEnvironment ENV = LabEnvironment.fromHost(Map.of());

  @BeforeAll
  static void needsRoot() {
    assumeTrue(Privileges.root(), "the lab engine tests run as root (CI does)");
  }

  @Test
  void aFreshLabSharesEveryNamespaceWithTheHost() {
    try (Lab lab = Lab.open(ENV)) {
      assertThat(lab.namespaces()).isEqualTo(Lab.hostNamespaces());
    }
  }

  @Test
  void unshareUtsChangesOnlyTheUtsInodeAndSethostnameStaysInside() throws Exception {
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    try (Lab lab = Lab.open(ENV)) {
      Syscall unshare = lab.unshare(List.of(Namespace.UTS));
      Syscall set = lab.sethostname("nslab-labtest");

      assertThat(unshare.render()).isEqualTo("unshare(CLONE_NEWUTS) = 0");
      assertThat(set.render()).isEqualTo("sethostname(\"nslab-labtest\", 13) = 0");
      Map<Namespace, Long> inLab = lab.namespaces(), onHost = Lab.hostNamespaces();
      for (Namespace n : Namespace.values()) {
        if (n == Namespace.UTS) assertThat(inLab.get(n)).isNotEqualTo(onHost.get(n));
        else assertThat(inLab.get(n)).as(n.id).isEqualTo(onHost.get(n));
      }
      assertThat(lab.hostname()).isEqualTo("nslab-labtest");
      assertThat(lab.run("hostname").output().strip()).isEqualTo("nslab-labtest");
      assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).isEqualTo(host);
    }
    assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).isEqualTo(host);
  }

  @Test
  void aKernelRefusalIsDataWithTheRealErrno() {
    try (Lab lab = Lab.open(ENV)) {
      Syscall s = lab.pivotRoot("/nonexistent-nslab", "/nonexistent-nslab");
      assertThat(s.failed()).isTrue();
      assertThat(Errno.name(s.errno())).isEqualTo("ENOENT");
      assertThat(s.render())
          .startsWith("pivot_root(\"/nonexistent-nslab\", \"/nonexistent-nslab\") = -1 ENOENT (");
    }
  }

  @Test
  void aNewPidNamespaceGetsNslabInitAsPid1AndDiesWithIt() throws Exception {
    try (Lab lab = Lab.open(ENV)) {
      assertThat(lab.unshare(List.of(Namespace.PID, Namespace.MNT)).failed()).isFalse();
      int init = lab.initPid();
      assertThat(init).isPositive();
      assertThat(Files.readString(Path.of("/proc/" + init + "/status")))
          .containsPattern("NSpid:\\s+" + init + "\\s+1\\n");
      assertThat(Files.readString(Path.of("/proc/" + init + "/cmdline")))
          .startsWith("nslab-init\0");
      assertThat(lab.run("echo $$").output().strip()).isNotEqualTo("1").matches("\\d+");

      lab.killInit();
      CommandResult after = lab.run("true");
      assertThat(after.started()).isFalse();
      assertThat(Errno.name(after.spawnErrno())).isEqualTo("ENOMEM");
      assertThat(deadOrZombie(String.valueOf(init))).isTrue();
    }
  }

  @Test
  void closingTheLabEndsItsInitAndItsNamespaces() {
    int init;
    try (Lab lab = Lab.open(ENV)) {
      lab.unshare(List.of(Namespace.PID));
      init = lab.initPid();
      assertThat(Path.of("/proc/" + init)).exists();
    }
    assertThat(deadOrZombie(String.valueOf(init))).isTrue();
  }

  @Test
  void outsideAPidNamespaceABackgroundChildEndsWithItsCommand() throws Exception {
    try (Lab lab = Lab.open(ENV)) {
      String pid = lab.run("sleep 60 & echo $!").output().strip();
      assertThat(pid).matches("\\d+");
      Thread.sleep(100); // SIGKILL is delivered asynchronously
      assertThat(deadOrZombie(pid)).as("the background sleep was killed").isTrue();
    }
  }

  @Test
  void insideAPidNamespaceABackgroundChildOutlivesItsCommand() {
    try (Lab lab = Lab.open(ENV)) {
      lab.unshare(List.of(Namespace.PID));
      String pid = lab.run("sleep 60 & echo $!").output().strip();
      assertThat(pid).matches("\\d+");
      assertThat(lab.run("kill -0 " + pid).exitCode()).isZero();
    }
  }

  /**
   * An orphan killed by the lab is re-parented to the host's init, which reaps it in its own time.
   */
  static boolean deadOrZombie(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }
}
