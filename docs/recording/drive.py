#!/usr/bin/env python3
"""Types a short nslab session into a real terminal, as a person would, for the README's
recording (record.sh runs it under asciinema). Everything on screen is nslab's real output."""
import fcntl
import os
import pty
import struct
import termios
import select
import sys
import time

NSLAB = sys.argv[1] if len(sys.argv) > 1 else "./nslab"

# (keys to type, seconds to let the reader look afterwards)
SCRIPT = [
    ("start uts\r", 2.5),
    ("\r", 4.0),          # step 1: where you start
    ("\r", 4.5),          # step 2: unshare(CLONE_NEWUTS)
    ("\r", 4.0),          # step 3: sethostname
    ("!hostname\r", 2.0),
    ("trace\r", 3.0),
    ("quit\r", 1.5),
]


def pump(fd, seconds):
    """Copies nslab's output to our stdout (the recorder's terminal) for a while."""
    end = time.time() + seconds
    while True:
        left = end - time.time()
        if left <= 0:
            return True
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            os.write(1, data)


def main():
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(NSLAB, [NSLAB])
    cols, rows = int(os.environ.get("COLUMNS", "86")), int(os.environ.get("LINES", "30"))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    pump(fd, 3.0)  # the welcome
    for keys, pause in SCRIPT:
        for ch in keys:
            os.write(fd, ch.encode())
            pump(fd, 0.07)
        if not pump(fd, pause):
            break
    pump(fd, 1.0)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
