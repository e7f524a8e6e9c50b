#!/usr/bin/env python3
"""pty_screen.py: how long a terminal program takes to draw its first screen.

The program runs under a pseudo-terminal of a fixed size (80x24).  The clock
starts just before the fork and stops when everything it printed so far,
with the terminal escape sequences taken out, contains every expected
string; then it is asked to quit (a key, then SIGTERM, then SIGKILL) and
reaped with wait4(), whose rusage gives the child's own peak memory.

A second stage may follow: once the first screen is up, send keys and wait
for more text in what arrives after them (newsboat: Enter opens the feed).

  pty_screen.py [--expect TEXT]... [--exit] -- CMD ARGS...
      prints the time in ms, the peak RSS in KiB and the screen text.
Standard library only.
"""
import fcntl
import os
import re
import select
import signal
import struct
import sys
import termios
import time

ROWS, COLS = 24, 80

# CSI, OSC, charset selection and two-byte escapes.
_ESC = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|"
                  rb"\x1b[()*+][0-~]|\x1b[ -/]*[0-~]")


def plain(data):
    """The printed text without escape sequences, as str."""
    return _ESC.sub(b"", data).decode("utf-8", "replace")


class Result:
    def __init__(self):
        self.ms = None        # launch to the first stage's text, or to exit
        self.ms2 = None       # launch to the second stage's text
        self.maxrss_kib = 0   # the child's peak RSS
        self.status = None
        self.output = b""


def _spawn(argv, env):
    pid, fd = os.forkpty()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


def _read(fd, timeout):
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return b""
    try:
        return os.read(fd, 65536) or None
    except OSError:  # EIO: the child closed the terminal
        return None


def run(argv, env, expect=(), then_keys=None, expect2=(), quit_keys=b"q",
        wait_exit=False, timeout=30.0):
    """Runs argv on a pty.  With wait_exit, the time is until the program
    exits by itself (after printing every expected string); else until the
    expected text is on screen.  Raises RuntimeError on a timeout."""
    res = Result()
    t0 = time.perf_counter()
    pid, fd = _spawn(argv, env)
    deadline = t0 + timeout
    out = bytearray()
    stage2_from = None
    closed = False
    try:
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise RuntimeError("timed out waiting for %r; screen: %s"
                                   % (list(expect2 if stage2_from is not None else expect),
                                      plain(bytes(out))[-600:]))
            d = _read(fd, min(0.5, deadline - now))
            if d is None:
                closed = True
                break
            if not d:
                continue
            out += d
            if wait_exit:
                continue
            if stage2_from is None:
                text = plain(bytes(out))
                if all(e in text for e in expect):
                    res.ms = (time.perf_counter() - t0) * 1000
                    if not then_keys:
                        break
                    stage2_from = len(out)
                    os.write(fd, then_keys)
            else:
                text = plain(bytes(out[stage2_from:]))
                if all(e in text for e in expect2):
                    res.ms2 = (time.perf_counter() - t0) * 1000
                    break
        if wait_exit:
            # the child closed the pty; it is exiting
            _, status, ru = os.wait4(pid, 0)
            res.ms = (time.perf_counter() - t0) * 1000
            res.status, res.maxrss_kib = status, ru.ru_maxrss
            pid = None
            if not all(e in plain(bytes(out)) for e in expect):
                raise RuntimeError("exited without drawing %r; screen: %s"
                                   % (list(expect), plain(bytes(out))[-600:]))
    finally:
        if pid is not None:
            res.status, res.maxrss_kib = _stop(pid, fd, quit_keys, closed)
        os.close(fd)
    res.output = bytes(out)
    return res


def _stop(pid, fd, quit_keys, closed):
    """Asks the program to quit, then insists; returns (status, maxrss)."""
    steps = [("keys", 3.0), (signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)]
    for how, wait in steps:
        try:
            if how == "keys":
                if closed or not quit_keys:
                    continue
                os.write(fd, quit_keys)
            else:
                os.kill(pid, how)
        except OSError:
            pass
        end = time.perf_counter() + wait
        while time.perf_counter() < end:
            got, status, ru = os.wait4(pid, os.WNOHANG)
            if got == pid:
                return status, ru.ru_maxrss
            # keep draining, or the child may block writing its last frame
            _read(fd, 0.02)
    _, status, ru = os.wait4(pid, 0)
    return status, ru.ru_maxrss


def main(argv):
    expect, exit_mode = [], False
    i = 1
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "--expect":
            expect.append(argv[i + 1])
            i += 2
        elif argv[i] == "--exit":
            exit_mode = True
            i += 1
        else:
            sys.exit(__doc__)
    cmd = argv[i + 1:]
    if not cmd:
        sys.exit(__doc__)
    r = run(cmd, dict(os.environ), expect, wait_exit=exit_mode)
    print("%.2f ms, max RSS %d KiB" % (r.ms, r.maxrss_kib))
    print(plain(r.output))


if __name__ == "__main__":
    main(sys.argv)
