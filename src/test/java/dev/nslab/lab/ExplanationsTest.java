package dev.nslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A refusal is explained in one sentence that says what would make it work. */
class ExplanationsTest {

  private static Syscall failed(String call, int errno) {
    return new Syscall(call, "", -1, errno, 1000);
  }

  @Test
  void pivotRootsEinvalNamesItsThreeReasons() {
    assertThat(Explanations.of(failed("pivot_root", 22)))
        .contains("not a mount point")
        .contains("put_old")
        .contains("shared");
  }

  @Test
  void aRefusedUserNamespaceNamesTheKernelSettingsAndDoctor() {
    assertThat(Explanations.of(failed("clone", 1)))
        .contains("user.max_user_namespaces")
        .contains("kernel.apparmor_restrict_unprivileged_userns")
        .contains("nslab doctor");
  }

  @Test
  void aDeadPidNamespaceExplainsEnomem() {
    assertThat(Explanations.of(failed("posix_spawn", 12))).contains("PID 1 exited");
  }

  @Test
  void anUnknownRefusalStillGivesTheKernelsWordsAndTheManPage() {
    assertThat(Explanations.of(failed("sethostname", 14)))
        .isEqualTo("sethostname failed with errno 14 (Bad address): see man 2 sethostname.");
  }
}
