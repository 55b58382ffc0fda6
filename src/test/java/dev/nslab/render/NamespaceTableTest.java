package dev.nslab.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nslab.lab.Namespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The host column when nslab runs in a user namespace of its own (rootless) and when it does not.
 */
class NamespaceTableTest {
  private static final long INITIAL_USER = 4026531837L,
      NSLABS_USER = 4026532178L,
      LAB_UTS = 4026532300L;

  @Test
  void rootlessTheHostColumnIsTheInitialUserNamespaceAndNslabsOwnIsNamed() {
    Map<Namespace, Long> host = namespaces(INITIAL_USER);
    Map<Namespace, Long> own = namespaces(NSLABS_USER);
    Map<Namespace, Long> lab = new EnumMap<>(own);
    lab.put(Namespace.UTS, LAB_UTS);
    String out = render(own, host, lab, false);
    assertThat(out)
        .containsPattern("(?m)^  user +" + INITIAL_USER + " +" + NSLABS_USER + " +◆ nslab's own$")
        .containsPattern("(?m)^  uts +\\d+ +" + LAB_UTS + " +◆ the lab's own$")
        .contains("nslab's own: unprivileged, nslab runs in a user namespace of its own");
  }

  @Test
  void rootlessCompactCountsNslabsOwnUserNamespaceAsNotTheHosts() {
    Map<Namespace, Long> own = namespaces(NSLABS_USER);
    assertThat(render(own, namespaces(INITIAL_USER), own, true))
        .isEqualTo("  namespaces: all 8 shared with the host, but user: nslab's own\n");
  }

  @Test
  void asRootTheHostIsNslabsOwnAndNothingIsNoted() {
    Map<Namespace, Long> host = namespaces(INITIAL_USER);
    String out = render(host, host, host, false);
    assertThat(out)
        .containsPattern("(?m)^  user +" + INITIAL_USER + " +" + INITIAL_USER + " *$")
        .doesNotContain("◆")
        .doesNotContain("nslab's own");
  }

  private static String render(
      Map<Namespace, Long> own,
      Map<Namespace, Long> host,
      Map<Namespace, Long> lab,
      boolean compact) {
    StringWriter out = new StringWriter();
    Screen screen = new Screen(new PrintWriter(out), false, null, 80);
    NamespaceTable.print(screen, own, host, null, lab, compact);
    return out.toString();
  }

  private static Map<Namespace, Long> namespaces(long user) {
    Map<Namespace, Long> m = new EnumMap<>(Namespace.class);
    long inode = 4026531832L;
    for (Namespace n : Namespace.values()) m.put(n, n == Namespace.USER ? user : inode++);
    return m;
  }
}
