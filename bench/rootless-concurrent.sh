#!/usr/bin/env bash
# bench/rootless-concurrent.sh [N]: N unprivileged learners (user nobody) play the uts lesson at
# once, as on a workshop server. Prints the wall time and the peak of the total resident memory
# of all of nobody's processes (one JVM per learner: it execs itself into a user namespace made by
# unshare(1); lab processes), sampled every 100 ms. `nslab bench` measures the same (its last
# row, over the learners' own process trees). Run as root (to become nobody) from the checkout
# after ./mvnw -q package -DskipTests, with no other process of nobody's running.
set -euo pipefail
n=${1:-30}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/nslab-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp target/nslab.jar "$work/nslab.jar"
mkdir -p "$work/home"
chmod -R a+rX "$work"; chown 65534:65534 "$work/home"
( peak=0; while :; do
    now=$(ps -u 65534 -o rss= | awk '{s += $1} END {print s + 0}')
    [ "$now" -gt "$peak" ] && peak=$now && echo "$peak" > "$work/peak"
    sleep 0.1
  done ) &
sampler=$!
start=$(date +%s.%N)
pids=()
for i in $(seq "$n"); do
  setpriv --reuid 65534 --regid 65534 --clear-groups env HOME="$work/home" \
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms8m -Xmx128m -XX:ReservedCodeCacheSize=16m \
    -Dnslab.home="$PWD" -jar "$work/nslab.jar" play uts --no-pause >"$work/out.$i" 2>&1 &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
end=$(date +%s.%N)
kill "$sampler"; wait "$sampler" 2>/dev/null || true
printf '%d rootless `play uts` at once: %d failed, wall %.1f s, peak total resident memory %.0f MiB\n' \
  "$n" "$failed" "$(echo "$end - $start" | bc)" "$(echo "$(cat "$work/peak") / 1024" | bc -l)"
