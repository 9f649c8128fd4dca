"""The search-backend interface: what paperfinder asks of a search engine.

Everything above this line (search, answers, registers, export, show, watches,
the indexer) talks to an index through a ``SearchBackend`` only; everything
below it (``paperfinder/backends/<name>/``) is the only code that imports an
engine. A backend is found by name (``get_backend``): the built-ins are
registered as a third party's would be, by an import path resolved on first
use, so importing paperfinder imports no engine; other packages can add one
through the ``paperfinder.backends`` entry-point group.

An index folder records the backend that wrote it (``backend`` in
``INDEX/paperfinder.json``); ``backend_for(index_dir)`` opens it with that one.

Records crossing the line are plain: stored fields are ``dict[str, Any]`` as
``index.records`` makes them (one definition of a passage's index record, both
ways), queries are ``search.query`` trees, hits are ``RawHit``.
"""

from __future__ import annotations

import errno
import heapq
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar

from paperfinder.errors import QueryError
from paperfinder.search.query import Node

META_FILE = "paperfinder.json"  # beside the index: schema version, backend name, generation
DEFAULT_BACKEND = "whoosh"

_BUILTIN = {
    "whoosh": "paperfinder.backends.whoosh:WhooshBackend",
    "tantivy": "paperfinder.backends.tantivy:TantivyBackend",
}


class RawHit:
    """A stored passage with its score; its snippet is made when first asked for."""

    __slots__ = ("fields", "score", "_snippet")

    def __init__(self, fields: dict[str, Any], score: float, snippet: str | Callable[[], str] = ""):
        self.fields = fields
        self.score = score
        self._snippet = snippet

    @property
    def snippet(self) -> str:
        if callable(self._snippet):
            self._snippet = self._snippet()
        return self._snippet


class FacetCounts(dict[str, int]):
    """A facet's most frequent values -> their passage counts (most first, ties by value),
    with what was left out: ``more_values`` values holding ``more_passages`` counts between
    them (a passage naming two people left out counts twice). ``values_estimated``: the
    number of values left out is an estimate (the counts shown never are)."""

    def __init__(self, counts: Iterable[tuple[str, int]] = (), more_values: int = 0, more_passages: int = 0,
                 values_estimated: bool = False):
        super().__init__(counts)
        self.more_values = more_values
        self.more_passages = more_passages
        self.values_estimated = values_estimated


def top_values(counts: dict[str, int], top: int | None) -> FacetCounts:
    """The ``top`` most frequent of every value's count (all of them for None), most first,
    ties by value, with the rest counted."""
    values = sorted(counts)
    if top is not None and top < len(values):
        # the first ``top`` by a heap, not every value sorted by count (a facet over people has
        # thousands of values: 12,842 at 430,044 passages, 2.7 -> 1.2 ms); ``nlargest`` keeps the
        # order of equal counts as given, by value
        shown = heapq.nlargest(top, values, key=counts.__getitem__)
        return FacetCounts(((v, counts[v]) for v in shown), len(values) - top,
                           sum(counts.values()) - sum(map(counts.__getitem__, shown)))
    # keys of C functions
    values.sort(key=counts.__getitem__, reverse=True)
    return FacetCounts((v, counts[v]) for v in values)


# a write that fails on these is the disk's fault, not the index's
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def run_after_commit(calls: Iterable[Callable[[], object]]) -> None:
    """The work a writer put off until after its commit (the caches beside the index): a full
    disk there loses only a cache, which is counted again when it is missing or stale."""
    for call in calls:
        try:
            call()
        except OSError as exc:
            if exc.errno not in DISK_FULL:
                raise


class PrimaryCopies(ABC):
    """Which copy of a passage text is its primary: the first one indexed.

    The same passage text in several files (a report that is also an agenda pack
    item) is searched once: the first copy is the primary, the others are found
    through it. The rule is the same for every engine; an engine says only which
    sources hold a primary copy of a text in the index as it was when the write began.
    """

    def __init__(self, deleted_sources: set[str] | None = None):
        self.deleted_sources: set[str] = set(deleted_sources or ())
        self.orphaned: set[str] = set()  # text hashes whose primary copy was deleted
        self.claimed: set[str] = set()  # text hashes given a primary copy in this write

    @abstractmethod
    def primary_sources(self, digest: str) -> Iterable[str]:
        """The sources holding a primary copy of the text ``digest`` (lazily: the first that
        is not deleted settles it)."""

    def claim(self, digest: str) -> bool:
        """Whether a new passage with this text hash is the primary copy (and note it if so)."""
        if digest in self.claimed:
            return False
        if digest not in self.orphaned and any(src not in self.deleted_sources for src in self.primary_sources(digest)):
            return False
        self.claimed.add(digest)
        return True


class SegmentBuilder(ABC):
    """Passages written by one indexing worker process, handed to the run's writer.

    A context manager: cancelled when its block ends with an error.
    """

    @abstractmethod
    def add(self, fields: dict[str, Any], primary: bool | None = None) -> None:
        """Add a passage; ``primary`` as ``IndexWriter.plan_primaries`` planned it (None: decide here)."""

    @abstractmethod
    def finish(self) -> Any:
        """What the run's writer takes with ``IndexWriter.add_segment`` (None if nothing was added); picklable."""

    @abstractmethod
    def cancel(self) -> None: ...

    def __enter__(self) -> SegmentBuilder:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.cancel()


class IndexWriter(ABC):
    """Adds and removes passages inside ``SearchBackend.writing``; all or nothing.

    A text in several files is searched through its primary copy (the first one
    indexed); when a primary copy is removed, another copy is promoted.
    """

    @property
    @abstractmethod
    def index_dir(self) -> str:
        """The folder this write goes to (for a rebuild, the one built aside): workers' builders open it."""

    @property
    @abstractmethod
    def existing(self) -> bool:
        """Whether the write began from an index holding passages."""

    @abstractmethod
    def indexed_files(self) -> dict[str, str]:
        """source file -> content hash, as the index was when this write took the lock."""

    @abstractmethod
    def add(self, fields: dict[str, Any]) -> None: ...

    @abstractmethod
    def add_segment(self, built: Any) -> None:
        """Take what a ``SegmentBuilder`` finished; call after this run's deletions."""

    @abstractmethod
    def delete_source(self, source: str) -> None: ...

    @abstractmethod
    def plan_primaries(self, files: list[tuple[str, list[str]]], replacing: set[str]) -> dict[str, list[tuple[str, bool]]]:
        """Per file, (text hash, primary) of each passage, for files added in this order
        while the files in ``replacing`` are replaced (what builders are told to write)."""

    @abstractmethod
    def after_commit(self, call: Callable[[], object]) -> None:
        """Run ``call()`` once the write is committed, still holding the writer lock."""


def place_order(fields: dict[str, Any]) -> tuple[str, int, str]:
    """The order in which the places of one text are listed: by file, then line."""
    return (str(fields.get("source") or ""), int(fields.get("line_start") or 0), str(fields.get("passage_id") or ""))


class SearchBackend(ABC):
    """One index folder as a search engine sees it.

    Stateless apart from caches keyed by the index's generation: a reader opened
    for one generation is reused until a writer commits the next.
    """

    name: ClassVar[str]
    # whether each segment a ``SegmentBuilder`` writes stays a segment of the index (whoosh's
    # do, and every search pays for each one), or only hands its passages to the run's writer
    keeps_built_segments: ClassVar[bool] = True
    # whether ``compact`` writes the index again as one segment (``paperfinder index --compact``);
    # whoosh merges its segments itself when a run commits
    compacts: ClassVar[bool] = False

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)

    # -- the folder
    @abstractmethod
    def open(self) -> None:
        """Check the index exists and is whole: ``NoIndexError`` / ``IndexCorruptError`` (user-facing) otherwise."""

    @abstractmethod
    def generation(self) -> int:
        """A number that changes with every commit (caches beside the index are keyed by it)."""

    @abstractmethod
    def writing(self, rebuild: bool = False, wait: bool = False,
                on_wait: Callable[[int | None], None] | None = None) -> AbstractContextManager[IndexWriter]:
        """The one writer of the folder (see ``index.writelock``); commits when the block ends,
        cancels and leaves the index as it was when it ends with an error. ``rebuild``: built
        aside and swapped in when done."""

    @abstractmethod
    def segment_builder(self, deleting: set[str], existing: bool) -> SegmentBuilder:
        """A builder for a worker process (see ``index.build``); ``self.index_dir`` is the
        writer's ``index_dir``, ``deleting`` the sources the run replaces, ``existing`` the writer's."""

    # -- searching
    @abstractmethod
    def run_query(self, q: Node, filter_q: Node | None = None, limit: int | None = 10, sort: str = "relevance",
                  facets: tuple[str, ...] = (), snippet_terms: bool = True,
                  facet_top: int | None = None) -> tuple[int, list[RawHit], dict[str, dict[str, int]]]:
        """(total matching, the first ``limit`` hits (None: all), value counts per facet field over all matches).

        ``facet_top``: each facet's ``facet_top`` most frequent values only, as ``FacetCounts``
        (most first, ties by value, the rest counted); the counts given are exact.

        Only passages that are the primary copy of their text are matched. ``sort``:
        relevance (BM25F over title, section and text), newest, oldest."""

    @abstractmethod
    def analyse(self, text: str) -> list[str]:
        """The terms the text field indexes for ``text`` (lower-cased, stemmed, no stop words)."""

    @abstractmethod
    def stop_words(self) -> frozenset[str]: ...

    @abstractmethod
    def correct_words(self, words: list[str]) -> dict[str, str]:
        """Spelling: each word not in the index -> the closest indexed word, where there is one."""

    # -- stored values
    @abstractmethod
    def iter_all(self, field: str | None = None, value: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored fields of every passage (copies included), or of those whose ``field`` is ``value``."""

    @abstractmethod
    def same_text(self, digests: list[str]) -> dict[str, list[dict[str, Any]]]:
        """text hash -> the stored fields of every passage with that text (where a text is copied)."""

    def first_places(self, digests: list[str], most: int | None,
                     known: dict[str, dict[str, Any]] | None = None) -> dict[str, tuple[int, list[dict[str, Any]]]]:
        """text hash -> (the number of passages with that text, the stored fields of the first
        ``most`` of them in ``place_order``, every one when None): where a text is copied,
        without reading every copy where the engine can count them. ``known``: text hash ->
        the stored fields of one passage with that text the caller has read (its hit), which
        a backend need not read again where it is the only one."""
        return {d: (len(found), sorted(found, key=place_order)[:most]) for d, found in self.same_text(digests).items()}

    @abstractmethod
    def field_values(self, field: str) -> dict[str, int]:
        """Each value of a keyword field -> the number of passages holding it."""

    @abstractmethod
    def text_hashes(self) -> set[str]: ...

    @abstractmethod
    def indexed_files(self) -> dict[str, str]:
        """source file -> its content hash, for incremental runs."""

    @abstractmethod
    def sources_mentioning(self, names: list[str]) -> set[str]: ...

    @abstractmethod
    def learned_people(self) -> dict[str, list[dict]]: ...

    def discard(self) -> None:
        """Remove what this backend left in the folder once a rebuild with another backend
        replaced its index (called under the writer lock, after that rebuild's commit).
        Nothing by default: a backend whose files the other's swap already replaced."""
        return None

    @abstractmethod
    def write_people_cache(self, learned: dict[str, list[dict]]) -> None: ...

    @abstractmethod
    def write_value_cache(self) -> None: ...

    def segments(self) -> int:
        """The number of segments a search reads."""
        raise NotImplementedError(f"{self.name} does not count its segments")

    def compact(self, wait: bool = False, on_wait: Callable[[int | None], None] | None = None) -> int:
        """Write the index again as one segment (only where ``compacts``); the segments after."""
        raise NotImplementedError(f"{self.name} has no compaction")

    def per_generation(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, remembered until the index's next commit."""
        folder = self.__dict__.get("_resolved")
        if folder is None:
            folder = self.__dict__["_resolved"] = self.index_dir.resolve()  # once per backend: a search asks often
        cache = _CACHES.setdefault((folder, key), {})
        gen = self.generation()
        if gen not in cache:
            cache.clear()
            cache[gen] = make()
        return cache[gen]


_CACHES: dict[tuple[Path, str], dict[int, Any]] = {}


def _plugins() -> list:
    """The backends other packages register (entry points of group ``paperfinder.backends``)."""
    # imported here: importlib.metadata costs every command about 20 ms at start-up, and only
    # a backend that is not built in is looked up among the installed packages
    from importlib.metadata import entry_points

    return list(entry_points(group="paperfinder.backends"))


def backend_names() -> list[str]:
    return sorted(set(_BUILTIN) | {ep.name for ep in _plugins()})


def get_backend(name: str) -> type[SearchBackend]:
    """The backend class registered as ``name`` (imported now, not before)."""
    target = _BUILTIN.get(name)
    if target is None:
        found = [ep for ep in _plugins() if ep.name == name]
        if not found:
            raise QueryError(f"unknown backend {name!r}", "use one of: " + ", ".join(backend_names()))
        return found[0].load()
    module, _, attr = target.partition(":")
    return getattr(import_module(module), attr)


def backend_name_of(index_dir: str | Path) -> str:
    """The backend that wrote the index at ``index_dir`` (whoosh for an index older than the field)."""
    try:
        meta = json.loads((Path(index_dir) / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DEFAULT_BACKEND  # no index or a damaged one: the default backend's open() says which
    name = meta.get("backend", DEFAULT_BACKEND) if isinstance(meta, dict) else DEFAULT_BACKEND
    return name if isinstance(name, str) else DEFAULT_BACKEND


def backend_for(index_dir: str | Path, create_with: str | None = None) -> SearchBackend:
    """The backend of the index at ``index_dir``; ``create_with`` names the one to create it with
    when there is none yet."""
    d = Path(index_dir)
    name = backend_name_of(d) if (d / META_FILE).exists() or create_with is None else create_with
    return get_backend(name)(d)
