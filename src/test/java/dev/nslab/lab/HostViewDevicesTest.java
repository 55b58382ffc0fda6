package dev.nslab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * A host-side command (a step's host column, host_output) sees real devices in the read-only /dev
 * the view makes as root: a redirect to /dev/null works and /dev/zero gives zeros.
 */
class HostViewDevicesTest {
  @Test
  void nullAndZeroAreTheDevices() {
    assumeTrue(Privileges.hostRoot(), "the sealed /dev is made only as root");
    CommandResult r = HostView.get().run("echo gone > /dev/null && head -c 4 /dev/zero | wc -c");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("4", r.output().trim(), r.toString());
  }
}
