"""A real ``paperfinder index`` run held at a named point, for tests that act at a
moment of a run (kill it, start a second writer, search) without guessing the moment
with sleeps."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

# A real `paperfinder index` run that stops at a named point of index/build.py and waits
# there for the test: the n-th call of a function (or n-th item of a generator) tells the
# test through one pipe and waits for a byte on another. The moments a test acts at are
# named, not guessed with sleeps.
_PAUSED_RUN = r"""
import importlib, inspect, os, signal, sys
# a run from a terminal takes Ctrl-C; one started from a shell's background job would inherit it
# ignored and never stop, whatever the test sends
signal.signal(signal.SIGINT, signal.default_int_handler)
attr, nth, ready, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
del sys.argv[1:5]
from paperfinder.index import build as indexer
real = getattr(indexer, attr)
count = [0]
main_pid = os.getpid()

def barrier():
    if os.getpid() != main_pid:
        return  # a worker process: the barrier is the run's own
    count[0] += 1
    if count[0] == nth:
        os.write(ready, b"1")
        os.read(go, 1)

if inspect.isgeneratorfunction(real):
    def paused(*a, **k):
        gen = real(*a, **k)
        try:
            for item in gen:
                barrier()
                yield item
        finally:
            gen.close()
else:
    def paused(*a, **k):
        barrier()
        return real(*a, **k)
setattr(indexer, attr, paused)
from paperfinder.cli import main
sys.argv[0] = "paperfinder"
main()
"""


class PausedRun:
    """``paperfinder index ARGS`` held at the ``nth`` call of ``indexer.<at>``."""

    def __init__(self, cwd: Path, at: str, nth: int, *args: str | Path):
        ready_r, ready_w = os.pipe()
        go_r, go_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _PAUSED_RUN, at, str(nth), str(ready_w), str(go_r), "index", *[str(a) for a in args]],
            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
            pass_fds=(ready_w, go_r))
        os.close(ready_w)
        os.close(go_r)
        self.pid = self.proc.pid
        self._ready, self._go = ready_r, go_w

    def reached(self, timeout: float = 300) -> bool:
        """Wait until the run stands at the point (True) or ended without reaching it (False)."""
        if not select.select([self._ready], [], [], timeout)[0]:
            raise AssertionError(f"the run neither reached the point nor ended in {timeout:.0f} s")
        return os.read(self._ready, 1) == b"1"

    def release(self) -> None:
        os.write(self._go, b"1")

    def close(self) -> None:
        for fd in (self._ready, self._go):
            try:
                os.close(fd)
            except OSError:
                pass


def read_so_far(proc: subprocess.Popen) -> str:
    """stderr the process has written so far (without waiting for more)."""
    import fcntl

    if proc.stderr.closed:  # after communicate(): what was read before it
        return getattr(proc, "_seen", "")
    fd = proc.stderr.fileno()
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
    try:
        chunk = os.read(fd, 65536).decode("utf-8", "replace")
    except BlockingIOError:
        chunk = ""
    proc._seen = getattr(proc, "_seen", "") + chunk
    return proc._seen
