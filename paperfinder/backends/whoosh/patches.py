"""Changes paperfinder makes to whoosh 2.7.4's classes, applied by ``apply()`` only.

Importing this module (or any paperfinder module) changes nothing in whoosh:
``store.py`` calls ``apply()`` when it opens or creates an index, so a
program that imports paperfinder next to its own whoosh code (the plain-whoosh
baseline of ``bench/run.py``, say) keeps whoosh as released until paperfinder
actually uses an index. ``apply()`` is idempotent; nothing is ever undone
(every index opened in the process reads through the same classes).

The patches, each for speed only (the same documents, scores and order
come out; tests/test_search.py compares paperfinder's results with whoosh's):

``whoosh.filedb.compound.BufferFile`` -> ``ViewBufferFile``
    whoosh copies every part of a compound segment (stored fields, postings,
    terms, columns) into a BytesIO as the segment is opened: at 100,000
    passages that copy (~200 MB) was most of the time a search command took.
    A buffered stream over the memory-mapped bytes reads them in place.

``whoosh.codec.whoosh3.W3LeafMatcher._read_ids`` and ``._read_values``
    also record each posting block they decode (its document numbers, its
    positions) in the running query's block table (``remembering_blocks``):
    the unscored pass of a query (total, facets) reads the same posting lists
    as the scored pass and takes the decoded blocks from there. Outside a
    query (no table) they behave as whoosh's own.

``whoosh.codec.whoosh3.W3LeafMatcher.skip_to``
    finds the target document inside a posting block by bisection. whoosh
    steps through a block one posting at a time (three Python calls each);
    intersections of common words call it hundreds of thousands of times per
    query. It ends on the same posting.

Only the backend's own modules import this one (it is part of the backend); whoosh
itself is imported inside ``apply()``.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# the running query's table: posting block -> its document numbers (and values). A
# context variable, not a module global: queries in other threads (the web page's
# thread pool) each have their own, and none outlives its query
block_ids: ContextVar[dict[tuple, Any] | None] = ContextVar("paperfinder_block_ids", default=None)

# (module path, class name or "", attribute): what apply() replaces, for the tests and the docstring above
PATCHED = (
    ("whoosh.filedb.compound", "", "BufferFile"),
    ("whoosh.codec.whoosh3", "W3LeafMatcher", "_read_ids"),
    ("whoosh.codec.whoosh3", "W3LeafMatcher", "_read_values"),
    ("whoosh.codec.whoosh3", "W3LeafMatcher", "skip_to"),
)

_applied = False
_lock = threading.Lock()


def apply() -> None:
    """Apply every patch once per process (later calls do nothing)."""
    global _applied
    if _applied:
        return
    with _lock:
        if _applied:
            return
        with warnings.catch_warnings():
            # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
            warnings.simplefilter("ignore")
            _segment_files_in_place()
            _remember_block_ids()
            _skip_by_bisection()
        _applied = True


@contextmanager
def remembering_blocks() -> Iterator[dict[tuple, Any]]:
    """A block table for one query: the patched matchers fill it, the backend's set operations read it."""
    table: dict[tuple, Any] = {}
    token = block_ids.set(table)
    try:
        yield table
    finally:
        block_ids.reset(token)


def _segment_files_in_place() -> None:
    from whoosh.filedb import compound, structfile

    class ViewRaw(io.RawIOBase):
        def __init__(self, view: Any) -> None:
            self._v = view
            self._p = 0

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return True

        def readinto(self, b: Any) -> int:
            n = max(0, min(len(b), len(self._v) - self._p))
            b[:n] = self._v[self._p:self._p + n]
            self._p += n
            return n

        def seek(self, pos: int, whence: int = 0) -> int:
            self._p = pos if whence == 0 else self._p + pos if whence == 1 else len(self._v) + pos
            return self._p

        def tell(self) -> int:
            return self._p

    class ViewBufferFile(structfile.BufferFile):
        def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
            self._buf = buf
            self._name = name
            self.file = io.BufferedReader(ViewRaw(buf))
            self.onclose = onclose
            self.is_real = False
            self.is_closed = False

        def subset(self, position: int, length: int, name: str | None = None) -> ViewBufferFile:
            return ViewBufferFile(self._buf[position:position + length], name=name or self._name)

    compound.BufferFile = ViewBufferFile


def _remember_block_ids() -> None:
    from whoosh.codec.whoosh3 import W3LeafMatcher

    read_ids = W3LeafMatcher._read_ids
    read_values = W3LeafMatcher._read_values
    current = block_ids.get

    def _read_ids(self: Any) -> None:
        read_ids(self)
        table = current()
        if table is not None:
            table[(id(self._postfile), self._dataoffset)] = self._ids

    def _read_values(self: Any) -> None:
        read_values(self)
        table = current()
        if table is not None:
            table[(id(self._postfile), self._dataoffset, "values")] = self._values

    W3LeafMatcher._read_ids = _read_ids
    W3LeafMatcher._read_values = _read_values


def _skip_by_bisection() -> None:
    from bisect import bisect_left

    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching.mcore import ReadTooFar

    stepping = W3LeafMatcher.skip_to

    def skip_to(self: Any, targetid: int) -> None:
        if self._byteids:
            return stepping(self, targetid)
        if not self.is_active():
            raise ReadTooFar
        if self._ids is None:
            self._read_ids()
        if targetid <= self._ids[self._i]:
            return None
        if targetid > self._maxid:
            self._skip_to_block(lambda: targetid > self._maxid)
            if not self.is_active():
                return None
            if self._ids is None:
                self._read_ids()
        i = bisect_left(self._ids, targetid, self._i)
        if i < self._blocklength:
            self._i = i
        else:  # not expected (the block's last id is at least the target): step as whoosh does
            self._i = self._blocklength - 1
            self.next()
            while self.is_active() and self.id() < targetid:
                self.next()
        return None

    W3LeafMatcher.skip_to = skip_to
