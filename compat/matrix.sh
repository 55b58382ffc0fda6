#!/usr/bin/env bash
# The kernel matrix: plays nslab's lessons on Debian's kernels, in both cgroup layouts, in
# throwaway QEMU guests whose root is this host's own filesystem, read-only under a tmpfs
# overlay (nothing a guest does reaches the host). See docs/compatibility.md.
#
#   compat/matrix.sh [--suites "bookworm bookworm-backports"] [--layouts "v2 hybrid"] [--lean] [LESSON...]
#
# For each kernel (Debian's linux-image-amd64 from each suite: 6.1 and 6.12) and layout (v2:
# cgroup_no_v1=all, cgroup2 with pids+memory delegated; hybrid: v1 controllers + cgroup2 at
# unified), one guest runs: doctor and every lesson as root, doctor and the rootless lessons as
# an unprivileged user (nobody), doctor + uts with kernel.unprivileged_userns_clone=0 and with
# user.max_user_namespaces=0 (they must refuse naming the fix), then net + container without
# ping (busybox stands in) and doctor + net without ip (they must name iproute2 beforehand):
# these last ones once per kernel, in its first layout. --lean (CI) also plays the rootless
# lessons as nobody in the first layout only (they make no cgroups; doctor as nobody stays). Prints the table kernel x layout x user x run and exits 1 if any
# run failed (2 if the matrix could not run at all).
#
# Needs root (apt-get, reading / for the guest). Installs what is missing from Debian's
# packages: qemu-system-x86, busybox-static, zstd, xz-utils, bc, file. Downloads only Debian
# packages (the kernels, with a private apt list: the host's apt state is untouched).
# Environment: NSLAB_MATRIX_DIR (work dir, default /var/tmp/nslab-matrix: kernels, logs),
#   KVM_ACCEL (auto|kvm|tcg), KVM_SMP (default 2), KVM_MEM (default 3G), KVM_TIMEOUT (seconds
#   per guest, default 1500).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$here/.." && pwd)"
suites="bookworm bookworm-backports"
layouts="v2 hybrid"
lean=0
lessons=()
while [ $# -gt 0 ]; do
  case "$1" in
    --suites) suites="$2"; shift 2 ;;
    --layouts) layouts="$2"; shift 2 ;;
    --lean) lean=1; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
    -*) echo "matrix: unknown option $1" >&2; exit 2 ;;
    *) lessons+=("$1"); shift ;;
  esac
done
# Every bundled lesson, in course order (the order: field), unless some are named.
[ ${#lessons[@]} -gt 0 ] || mapfile -t lessons < <(grep -H '^order:' "$repo"/lessons/*.yaml \
  | sed -E 's|.*/([a-z0-9-]+)\.yaml:order: *([0-9]+)|\2 \1|' | sort -n | cut -d' ' -f2)

die() { echo "matrix: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "run as root (it installs qemu and reads / for the guest)"
[ "$(uname -m)" = x86_64 ] || die "x86_64 only (Debian's amd64 kernels)"

work="${NSLAB_MATRIX_DIR:-/var/tmp/nslab-matrix}"
mkdir -p "$work"; work="$(cd "$work" && pwd)"
t_start=$(date +%s)

# --- tools, from Debian's packages ----------------------------------------------------------
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
if ! bb="$(command -v busybox)" || ! file -L "$bb" 2>/dev/null | grep -q 'statically linked'; then need+=(busybox-static); fi
command -v file >/dev/null || need+=(file)
command -v zstd >/dev/null || need+=(zstd)
command -v xz >/dev/null || need+=(xz-utils)
command -v bc >/dev/null || need+=(bc)
command -v column >/dev/null || need+=(bsdextrautils)
if [ ${#need[@]} -gt 0 ]; then
  echo "matrix: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# file was maybe only just installed: check busybox again
file -L "$(command -v busybox)" | grep -q 'statically linked' || die "busybox is not the static one (apt-get install busybox-static)"

# --- what the guests run: a snapshot of the built checkout ----------------------------------
if [ ! -f "$repo/target/nslab.jar" ]; then
  echo "matrix: building the jar" >&2
  (cd "$repo" && ./mvnw -B -q -DskipTests package)
fi
snap="$work/repo"
rm -rf "$snap"; mkdir -p "$snap/lib"
cp -a "$repo/nslab" "$repo/lessons" "$repo/rootfs" "$snap/"
cp "$repo/target/nslab.jar" "$snap/lib/"
# laid out as the release archive (lib/nslab.jar, no sources): the launcher runs the jar as it is

# --- the guests ----------------------------------------------------------------------------
export KVM_MEM="${KVM_MEM:-3G}" KVM_SMP="${KVM_SMP:-2}" KVM_TIMEOUT="${KVM_TIMEOUT:-1500}"
all="$work/results.tsv"
printf 'kernel\tcgroup\tuser\tsetting\tcommand\texit\tseconds\tverdict\n' > "$all"
status=0
for suite in $suites; do
  kdir="$("$here/kvm-matrix.sh" fetch "$suite" "$work")" || die "could not fetch the $suite kernel"
  extras=1
  for layout in $layouts; do
    out="$work/out-$suite-$layout"
    # refused user namespaces and the minimal host: once per kernel, in its first layout
    export KVM_EXTRA_APPEND="km.extras=$extras"
    # --lean: a kernel's later layouts skip the rootless plays (they make no cgroups)
    [ "$lean" = 1 ] && [ "$extras" = 0 ] && KVM_EXTRA_APPEND="$KVM_EXTRA_APPEND km.rootless=0"
    extras=0
    echo "matrix: $(basename "$kdir") ($suite), $layout: booting" >&2
    if ! "$here/kvm-matrix.sh" run "$kdir" "$snap" "$out" "$layout" "${lessons[@]}" > "$out.log" 2>&1; then
      echo "matrix: the $suite $layout guest did not finish; see $out.log and $out/serial.log" >&2
      status=1
    fi
    if [ -s "$out/guest/results.tsv" ]; then
      tail -n +2 "$out/guest/results.tsv" >> "$all"
    else
      printf '%s\t%s\t-\t-\t(guest)\t-\t-\tFAIL\n' "$suite" "$layout" >> "$all"
      status=1
    fi
    grep -m1 qemu_wall_s "$out/host-timings.txt" 2>/dev/null | sed "s/^/matrix: $suite $layout /" >&2 || true
  done
done

column -t -s $'\t' "$all"
fails=$(tail -n +2 "$all" | awk -F'\t' '$8 != "pass"' | wc -l)
passes=$(tail -n +2 "$all" | awk -F'\t' '$8 == "pass"' | wc -l)
echo "matrix: wall time $(( $(date +%s) - t_start )) s; logs under $work/out-*/guest/logs"
echo "matrix: $passes passed, $fails failed"
[ "$fails" = 0 ] || status=1
exit "$status"
