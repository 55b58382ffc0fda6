#!/usr/bin/env bash
# Records the README's opening animation from a real nslab session: drive.py types into
# nslab on a pseudo-terminal, asciinema records it, restyle.py maps two styles termtosvg
# cannot draw, and termtosvg renders the cast as an animated SVG (shown by the README).
# Run as root from anywhere (the uts lesson needs root, or user namespaces):
#   sudo docs/recording/record.sh
# Needs: sudo apt-get install asciinema termtosvg
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(cd "$here/../.." && pwd)"
cast="$here/nslab-uts.cast"
svg="$here/nslab-uts.svg"
state="$(mktemp -d /tmp/nslab-recording.XXXXXX)"
trap 'rm -rf "$state"' EXIT

for tool in asciinema termtosvg; do
  command -v "$tool" >/dev/null || { echo "record.sh: needs $tool: sudo apt-get install $tool" >&2; exit 2; }
done
"$home/nslab" --version >/dev/null # build first, so the build is not in the recording

# A fresh state dir: no "welcome back", no history; a fixed size for the image.
export XDG_STATE_HOME="$state" HOME="$state" TERM=xterm-256color COLUMNS=86 LINES=30
stty cols 86 rows 30 2>/dev/null || true
asciinema rec --overwrite -q --cols 86 --rows 30 -c "python3 $here/drive.py $home/nslab" "$cast"
python3 "$here/restyle.py" "$cast" "$state/styled.cast"
termtosvg render "$state/styled.cast" "$svg" -t window_frame -m 40 -M 4000 -D 3000
# termtosvg's text keeps its leading spaces only where whitespace is preserved.
sed -i '0,/<svg /s//<svg xml:space="preserve" /' "$svg"
echo "wrote $svg ($(du -k "$svg" | cut -f1) KB) from $cast"
