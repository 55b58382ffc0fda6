package dev.nslab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nslab.ChildNslab;
import dev.nslab.lab.Privileges;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lessons written to harm the machine, played with --trust as an attacker's file would be. Each
 * tries to change the hostname, a mount, the root, a link, an IPC object, a file, a sysctl or a
 * cgroup outside the lab, through one action or one host-side field. Every one must be refused
 * before its first syscall with a sentence naming the guard, or run powerless; and the host must be
 * exactly as before.
 *
 * <p>The host here is never the machine: all lessons play inside a throwaway wrapper (new mount,
 * UTS, IPC, network and PID namespaces, / private, /proc remounted, /etc a copy on a tmpfs), which
 * nslab takes for the host, as it would take a container. A guard that failed would change the
 * wrapper, and the snapshot taken inside it after each lesson would show it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileLessonsTest {

  /** A hostile lesson: its steps, and what must happen: "refused ACTION" or "powerless". */
  record Hostile(String name, String outcome, String steps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Hostile> hostile() {
    return List.of(
        h("sethostname-without-uts", "refused sethostname", "- sethostname: pwned"),
        h(
            "sethostname-after-ipc-only",
            "refused sethostname",
            "- unshare: [ipc]\n- sethostname: pwned"),
        h(
            "mount-without-mnt",
            "refused mount",
            "- mount: {source: nslab-x, target: /mnt, fstype: tmpfs}"),
        h(
            "mount-while-shared",
            "refused mount",
            "- unshare: [mnt]\n- mount: {target: /, flags: [rec, shared]}\n- mount: {source: nslab-x, target: /mnt, fstype: tmpfs}"),
        h(
            "remount-superblock-readonly",
            "refused mount",
            "- unshare: [mnt]\n- mount: {target: /, flags: [rec, private]}\n- mount: {target: /, flags: [remount, rdonly]}"),
        h("umount-without-mnt", "refused umount2", "- umount2: {target: /proc, detach: true}"),
        h(
            "umount-while-shared",
            "refused umount2",
            "- unshare: [mnt]\n- mount: {target: /, flags: [rec, shared]}\n- umount2: {target: /proc, detach: true}"),
        h(
            "pivot-root-without-mnt",
            "refused pivot_root",
            "- pivot_root: {new_root: /tmp, put_old: /tmp}"),
        h("chroot-without-mnt", "refused chroot", "- chroot: /tmp"),
        h("chdir-without-mnt", "refused chdir", "- chdir: /etc"),
        h(
            "mkdir-in-etc",
            "refused mkdir",
            "- unshare: [mnt]\n- mount: {target: /, flags: [rec, private]}\n- mkdir: /etc/nslab-hostile"),
        h(
            "write-etc-hosts",
            "refused write",
            "- write: {path: /etc/hosts, data: \"6.6.6.6 pwned\\n\"}"),
        h(
            "write-ip-forward-without-net",
            "refused write",
            "- write: {path: /proc/sys/net/ipv4/ip_forward, data: \"1\"}"),
        h(
            "write-hostname-sysctl-without-uts",
            "refused write",
            "- write: {path: /proc/sys/kernel/hostname, data: pwned}"),
        h(
            "write-global-sysctl",
            "refused write",
            "- unshare: [uts, net, ipc]\n- write: {path: /proc/sys/kernel/printk_ratelimit, data: \"7\"}"),
        h(
            "write-through-proc-1-root",
            "refused write",
            "- write: {path: /proc/1/root/etc/hosts, data: pwned}"),
        h(
            "write-through-a-symlink",
            "refused write",
            "- unshare: [mnt]\n- mount: {target: /, flags: [rec, private]}\n"
                + "- mount: {source: nslab-x, target: /mnt, fstype: tmpfs}\n- run: \"ln -s /etc/hosts /mnt/link\"\n"
                + "- write: {path: /mnt/link, data: pwned}"),
        h(
            "write-through-a-bind-mount",
            "refused write",
            "- unshare: [mnt]\n- mount: {target: /, flags: [rec, private]}\n"
                + "- mount: {source: /etc, target: /mnt, flags: [bind]}\n- write: {path: /mnt/hosts, data: pwned}"),
        h(
            "overlay-upper-on-the-host",
            "refused mount",
            "- unshare: [mnt]\n- mount: {target: /, flags: [rec, private]}\n"
                + "- mount: {source: overlay, target: /mnt, fstype: overlay, data: \"lowerdir=/usr,upperdir=/tmp,workdir=/var/tmp\"}"),
        h(
            "write-another-process-uid-map",
            "refused write",
            "- write: {path: /proc/1/uid_map, data: \"0 0 1\"}"),
        h(
            "write-parent-of-the-lab-cgroup",
            "refused write",
            "- cgroup: {pids.max: \"50\"}\n- write: {path: \"${lab.cgroup.pids}/../cgroup.procs\", data: \"1\"}"),
        h("mkdir-a-host-cgroup", "refused mkdir", "- mkdir: /sys/fs/cgroup/nslab-hostile"),
        h("link-up-without-net", "refused link_up", "- link_up: lo"),
        h("msgget-without-ipc", "refused msgget", "- msgget: {key: 99}"),
        h("shmget-without-ipc", "refused shmget", "- shmget: {key: 98, size: 4096}"),
        h("semget-without-ipc", "refused semget", "- semget: {key: 97, count: 1}"),
        h("mq-open-without-ipc", "refused mq_open", "- mq_open: /nslab-hostile"),
        h("kill-without-pid", "refused kill", "- kill: init"),
        h(
            "run-before-any-namespace",
            "refused run",
            "- run: \"hostname pwned; ip link add nslab-evil type dummy\""),
        // The lab side of show runs with the lab's power in its own namespaces (a trusted lesson's
        // commands can reach what the lab shares, like files: --trust says so); the host side is
        // powerless.
        h(
            "show-renames-and-mounts",
            "powerless",
            "- unshare: [uts, ipc, net, mnt]\n- mount: {target: /, flags: [rec, private]}",
            "    show: [\"" + NAMESPACED + "\"]"),
        h("show-before-any-namespace", "powerless", "", "    show: [\"" + EVERYTHING + "\"]"),
        h(
            "host-output-writes",
            "powerless",
            "- unshare: [uts]",
            "    expect:\n      - host_output: {run: \"hostname pwned; echo pwned > /etc/hostname; mkdir /sys/fs/cgroup/nslab-hostile; echo\", equals: \"\", claim: \"the host's name is pwned\"}"));
  }

  /** What a host-side or lab-side command would do to a machine, if it could. */
  private static final String NAMESPACED =
      "hostname pwned; mount -t tmpfs nslab-x /mnt; ip link add nslab-evil type dummy; "
          + "ipcmk -Q; echo 1 > /proc/sys/net/ipv4/ip_forward";

  private static final String EVERYTHING =
      NAMESPACED + "; echo x >> /etc/hosts; mkdir /sys/fs/cgroup/nslab-hostile";

  private static Hostile h(String name, String outcome, String actions) {
    return h(name, outcome, actions, "");
  }

  private static Hostile h(String name, String outcome, String actions, String more) {
    String steps =
        "  - id: one\n    title: t\n    narration: n\n"
            + (actions.isEmpty() ? "    actions: []\n" : "    actions:\n" + actions.indent(6))
            + (more.isEmpty() ? "" : more + "\n");
    return new Hostile(name, outcome, steps);
  }

  private final Map<String, Played> played = new LinkedHashMap<>();

  /** What one lesson printed, its exit code, and the wrapper's snapshot before and after. */
  record Played(String output, int exit, String before, String after) {}

  @BeforeAll
  void playAllInsideTheWrapper(@TempDir Path dir) throws Exception {
    if (!Privileges.hostRoot()) return;
    StringBuilder script = new StringBuilder(WRAPPER_SETUP);
    for (Hostile h : hostile()) {
      Path file = dir.resolve(h.name() + ".yaml");
      Files.writeString(file, "id: " + h.name() + "\ntitle: t\nsummary: s\nsteps:\n" + h.steps());
      script
          .append("begin ")
          .append(h.name())
          .append("; \"$@\" play ")
          .append(shellQuote(file.toString()))
          .append(" --trust --no-pause 2>&1 </dev/null; finish $?\n");
    }
    List<String> argv =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--uts",
                "--ipc",
                "--net",
                "--pid",
                "--fork",
                "--propagation",
                "private",
                "--mount-proc",
                "sh",
                "-c",
                script.toString(),
                "sh"));
    argv.addAll(ChildNslab.command(ChildNslab.classpath()));
    Process p =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    Matcher m =
        Pattern.compile(
                "=== (\\S+)\n(.*?)=== exit (\\d+)\n=== before\n(.*?)=== after\n(.*?)=== end\n",
                Pattern.DOTALL)
            .matcher(all);
    while (m.find())
      played.put(
          m.group(1), new Played(m.group(2), Integer.parseInt(m.group(3)), m.group(4), m.group(5)));
    assertThat(played).as("every lesson played in the wrapper:\n%s", all).hasSize(hostile().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void isRefusedOrPowerlessAndTheHostStaysAsItWas(Hostile h) {
    assumeTrue(Privileges.hostRoot(), "the wrapper needs root (CI runs as root)");
    Played p = played.get(h.name());
    assertThat(p.after())
        .as("the wrapper after %s (its output:\n%s)", h.name(), p.output())
        .isEqualTo(p.before());
    assertThat(p.output()).doesNotContain("Exception", "at dev.nslab");
    if (h.outcome().startsWith("refused ")) {
      String action = h.outcome().substring("refused ".length());
      assertThat(p.output())
          .as("output")
          .contains("nslab refused " + action + ":")
          .contains("(Guard: ");
      assertThat(p.exit()).isNotZero();
    } else {
      // The host side really ran, and the kernel (not nslab) said no.
      assertThat(p.output())
          .as("output")
          .contains("you must be root to change the host name")
          .doesNotContain("cannot observe the host");
    }
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Inside the wrapper: /etc becomes a copy on a tmpfs, so a write that got through would land
   * there; `snap` reads what a learner's machine must keep: hostname, mounts with their options,
   * links, IPC objects, files under /etc, sysctls, nslab cgroups and processes.
   */
  private static final String WRAPPER_SETUP =
      """
      set -u
      mkdir -p /run/nslab-hostile-etc && mount -t tmpfs nslab-hostile-etc /run/nslab-hostile-etc
      cp -a /etc/. /run/nslab-hostile-etc/ && mount --bind /run/nslab-hostile-etc /etc
      snap() {
        hostname; cat /proc/sys/kernel/domainname /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/printk_ratelimit
        awk '{ for (i = 7; i <= NF; i++) if ($i == "-") break; print $4, $5, $6, $(i+1), $(i+3) }' /proc/self/mountinfo | sort
        ip -o link | awk '{ print $2, $3 }'
        cat /proc/sysvipc/msg /proc/sysvipc/shm /proc/sysvipc/sem | wc -l
        find /etc -xdev -newer /run/nslab-hostile-stamp 2>/dev/null; md5sum /etc/hosts /etc/hostname /etc/passwd
        find /sys/fs/cgroup -maxdepth 3 -name '*nslab*' | sort
        ps -eo comm= | grep -v -x -e ps -e sh -e sort -e awk -e grep | sort
      }
      touch /run/nslab-hostile-stamp
      begin() { echo "=== $1"; before=$(snap 2>&1); }
      finish() {
        echo "=== exit $1"
        sleep 0.2
        echo "=== before"; echo "$before"; echo "=== after"; snap 2>&1; echo "=== end"
      }
      """;
}
