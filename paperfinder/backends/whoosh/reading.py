"""The open reader of an index's current generation (one per thread), and what queries derive from it."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Callable

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import query

from paperfinder.backends.whoosh.matching import _matching
from paperfinder.backends.whoosh.scoring import _Weighting
from paperfinder.backends.whoosh.store import _OPEN, INDEX_NAME, _latest_generation, _raised_in_whoosh, _read_column, guarded_read, open_index
from paperfinder.errors import IndexCorruptError


class _Reading:
    """One open searcher on one generation of an index, and what queries derive from it.

    Opening a searcher reads every compound segment into memory, and the
    columns, the set of copies and the value lists cost a pass over the
    index: all are kept while the generation is current.
    """

    def __init__(self, ix, stamp):
        self.ix = ix
        self.stamp = stamp
        self.searcher = ix.searcher(weighting=_Weighting(B=0.6, K1=1.2))
        self.reader = self.searcher.reader()
        self.columns: dict[str, list] = {}
        self.values: dict[str, dict[str, int]] = {}
        self.derived: dict[Any, Any] = {}  # keyed by name, or by (kind, column or id) tuples
        self._copies: set | None = None

    def column(self, field: str) -> list:
        """Every document's value of a sortable field as text ("" where empty), by document number."""
        col = self.columns.get(field)
        if col is None:
            col = self.columns[field] = _read_column(self.reader, field)
        return col

    def copies(self) -> set:
        """Document numbers of the non-primary copies of a text: never a hit themselves (read only)."""
        if self._copies is None:
            # a set, not a frozenset: whoosh takes only a set as a ready-made filter or mask
            self._copies = _matching(self, query.Term("primary", "0"))
        return self._copies

    def close(self) -> None:
        try:
            self.searcher.close()
        except Exception as exc:  # whoosh closing files already gone: nothing left to close
            if not _raised_in_whoosh(exc) and not isinstance(exc, OSError):
                raise




_READING: dict[tuple[str, int], _Reading] = {}
_READING_KEPT = 8  # open indexes kept at most (tests open many)


def _toc_stamp(d: Path, generation: int) -> tuple:
    # a folder deleted and indexed again restarts at the same generation: the table
    # of contents file itself tells the two apart
    st = os.stat(d / f"_{INDEX_NAME}_{generation}.toc")
    return (generation, st.st_ino, st.st_mtime_ns, st.st_size)


def _reading(index_dir: str | Path) -> _Reading:
    """The cached reading state of the index's current generation (opened if needed)."""
    d = Path(index_dir)
    for attempt in range(4):
        generation = _latest_generation(d)
        try:
            return _open_reading(d, index_dir)
        except (IndexCorruptError, OSError):
            # a write that replaced the generation being opened (a rebuild's swap, a merge)
            # removes its files once the next one is in place: open that one instead
            if attempt == 3 or _latest_generation(d) == generation:
                raise
    raise AssertionError("unreachable")




def _open_reading(d: Path, index_dir: str | Path) -> _Reading:
    import threading

    ix = open_index(d)
    folder = str(d.resolve())
    key = (folder, threading.get_ident())
    with guarded_read(index_dir):
        stamp = _toc_stamp(d, _OPEN[folder][0])
        r = _READING.get(key)
        if r is not None and r.stamp == stamp and r.ix is ix:
            return r
        if r is not None:
            r.close()
            del _READING[key]
        while len(_READING) >= _READING_KEPT:
            _READING.pop(next(iter(_READING))).close()
        r = _READING[key] = _Reading(ix, stamp)
        return r


def per_generation(index_dir: str | Path, key: str, make: Callable[[], Any]) -> Any:
    """``make()``, computed once per generation of the index (for tables derived from it)."""
    r = _reading(index_dir)
    if key not in r.derived:
        r.derived[key] = make()
    return r.derived[key]
