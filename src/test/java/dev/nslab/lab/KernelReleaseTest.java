package dev.nslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelReleaseTest {

  @Test
  void readsMajorAndMinorFromDistributionReleaseStrings() {
    assertThat(KernelRelease.parse("6.1.0-28-amd64"))
        .isEqualTo(new KernelRelease("6.1.0-28-amd64", 6, 1));
    assertThat(KernelRelease.parse("6.18.44-fc-v669"))
        .extracting(KernelRelease::major, KernelRelease::minor)
        .containsExactly(6, 18);
    assertThat(KernelRelease.parse("garbage")).extracting(KernelRelease::major).isEqualTo(0);
  }

  @Test
  void procTakesPidnsFromLinux615On() {
    assertThat(KernelRelease.parse("6.14.9").procPidnsOption()).isFalse();
    assertThat(KernelRelease.parse("6.15.0").procPidnsOption()).isTrue();
    assertThat(KernelRelease.parse("7.0.1").procPidnsOption()).isTrue();
    assertThat(KernelRelease.parse("5.19.2").procPidnsOption()).isFalse();
  }
}
