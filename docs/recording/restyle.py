#!/usr/bin/env python3
"""Rewrites two text styles of an asciicast for termtosvg 1.1, which has no faint (SGR 2) and
draws inverse text (SGR 7, nslab's status line) under its own background on the last row:
faint becomes grey (SGR 90), inverse becomes bold cyan text. Only styles change; every
character is as nslab wrote it."""
import json
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def restyle(match):
    codes = match.group(1).split(";") if match.group(1) else ["0"]
    out = []
    for c in codes:
        out.extend({"2": ["90"], "7": ["1", "36"]}.get(c, [c]))
    return "\x1b[" + ";".join(out) + "m"


src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    lines = f.read().splitlines()
with open(dst, "w", encoding="utf-8") as f:
    f.write(lines[0] + "\n")
    for line in lines[1:]:
        t, kind, data = json.loads(line)
        f.write(json.dumps([t, kind, SGR.sub(restyle, data)]) + "\n")
