"""The one writer lock of an index folder.

Every run that writes an index (an incremental run, ``--rebuild``, whoosh's
segment merges during a commit) holds it from before it reads what the index
holds until its last file is written. It is an ``flock`` on ``INDEX/write.lock``:
the kernel releases it when its holder ends, however it ends, so the file is
never deleted by anyone and a stale lock cannot exist. The file holds the
holder's pid, for the message a second writer gets.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from paperfinder.errors import IndexLockedError, PaperfinderError

LOCK_FILE = "write.lock"


def index_folder(index_dir: str | Path) -> Path:
    """``index_dir`` as a folder to write an index in (made if needed), or a clear error."""
    d = Path(index_dir)
    if d.exists() and not d.is_dir():
        raise PaperfinderError(f"--index {d} is a file, not an index folder", "pass --index a folder (it is made if needed)")
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PaperfinderError(f"cannot make the index folder {d} ({exc.strerror or exc})", "check the path and permissions") from exc
    return d


@contextmanager
def hold(index_dir: str | Path, wait: bool = False, on_wait: Callable[[int | None], None] | None = None) -> Iterator[None]:
    """Hold the writer lock of ``index_dir`` for the block.

    Another run holding it: ``IndexLockedError`` at once, or with ``wait`` block
    until it is released (``on_wait(pid)`` is called once first).
    """
    d = index_folder(index_dir)
    fd = os.open(d / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _holder_pid(d)
            if not wait:
                raise IndexLockedError(
                    f"another paperfinder index is writing to {d} (pid {pid if pid is not None else 'unknown'}); "
                    "try again when it has finished, or pass --wait to wait for it"
                ) from None
            if on_wait is not None:
                on_wait(pid)
            fcntl.flock(fd, fcntl.LOCK_EX)
        _write_pid(fd)
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder_pid(d: Path) -> int | None:
    """The holder's pid; it writes it just after taking the lock, so look again briefly."""
    for _ in range(20):
        try:
            text = (d / LOCK_FILE).read_text().strip()
        except OSError:
            return None
        if text.isdigit():
            return int(text)
        time.sleep(0.01)
    return None


def _write_pid(fd: int) -> None:
    data = str(os.getpid()).encode()
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)
    except OSError as exc:
        # a full disk must not stop the run here: the lock is held all the same, and the
        # write then fails where it can be cleaned up; only the pid in messages is lost
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise
