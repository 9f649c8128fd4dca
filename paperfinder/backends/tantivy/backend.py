"""The tantivy backend: ``SearchBackend`` on tantivy-py (the only module, with ``schema`` and
``compile``, that imports tantivy).

Layout of an index folder written by it::

    INDEX/paperfinder.json   {"backend": "tantivy", "schema_version": 1, "store": "tantivy-3"}
    INDEX/tantivy-3/         the tantivy index ("store") the metadata names
    INDEX/tantivy-3/paperfinder-newer.json   after an update: which passages the runs since the
                             store's first (largest) segment wrote (``_Reading.split``)
    INDEX/tantivy-spool/     passages indexing workers wrote, while a run is writing

A rebuild (and the first run) writes a new store beside the current one and
swaps it in by replacing ``paperfinder.json`` (one rename): readers see the old
store or the new one, never none. Incremental runs write into the current
store and commit once; anything that fails before the commit leaves the index
as it was (tantivy's own commit is atomic). A commit changes the store's
``meta.json``, which is what readers check to see a new generation.
"""

from __future__ import annotations

import heapq
import json
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import compress
from operator import not_, sub
from pathlib import Path
from typing import Any

import tantivy

from paperfinder.backends.tantivy import schema as S
from paperfinder.backends.tantivy.compile import Compiler
from paperfinder.errors import IndexCorruptError, IndexWriteError, NoIndexError, PaperfinderError
from paperfinder.index import writelock
from paperfinder.index.jsonfile import write_json
from paperfinder.index.records import people_by_source
from paperfinder.search import query as Q
from paperfinder.search.backend import (
    DISK_FULL,
    META_FILE,
    FacetCounts,
    IndexWriter,
    PrimaryCopies,
    RawHit,
    SearchBackend,
    SegmentBuilder,
    place_order,
    run_after_commit,
    top_values,
)

SPOOL = "tantivy-spool"
STORE_PREFIX = "tantivy-"
VALUES_FILE = "values.json"
PEOPLE_FILE = "people.json"
CACHED_FIELDS = ("authority", "year", "doc_type", "section_type", "people", "kinds")
FACET_FIELDS = {"people_col": "people", "kinds_col": "kinds"}  # whoosh's facet columns: here the fields themselves
# bytes tantivy's writer buffers before it writes a segment: a ceiling, taken as passages come
# (about 1.35 KB a passage), so that a first run or a rebuild of up to about 700,000 passages is
# one segment. A query's facets cost per segment (each segment's values are made names to merge
# them): at 430,044 passages 192 MB wrote 3 segments, the filter and facet kinds 38-48 CPU-ms
# at p95 against 28 on one segment
WRITER_HEAP = 1_000_000_000
# one indexing thread: each thread writes segments of its own, and a query's facets cost
# per segment and value (each segment's value numbers are looked up as names, then merged):
# 100,385 passages in one segment rather than two, the person facet 8.2 -> 6.6 ms for
# "children", the filter and facet kinds' CPU p95 15.5-16.6 -> 14.9 ms, indexing no slower
# (the writer is not the bottleneck: the workers' reading and tagging are)
WRITER_THREADS = 1
# a terms aggregation's number of buckets: every value, so each segment's counts are
# exact and none is left out (tantivy's default keeps the top 10)
_EVERY_VALUE = 2**31 - 1
# values asked for past a facet's top ones: ties with the last one shown are ordered by value
# (as whoosh orders them) only when the aggregation returned them all
TOP_MARGIN = 20
# with several segments, the values each segment lists for a facet's top ones: all it holds,
# so that no segment's cut leaves a shown count short
SEGMENT_LIST = _EVERY_VALUE
# the share of the primary passages a query must match for an updated store's facets to be split
# (``_Reading.split``): below, every segment listing every value it holds costs less than a second
# aggregation and the newer values counted (CPU ms of the facets alone, split against listed:
# 100,385 passages, 2 segments: "budget" with amounts, 1,117 matches, 3.3 against 2.2; "funding",
# 11,356, 3.5-3.9 against 5.4-5.8; 430,044 passages: "grant", 10,692, 2.2 against 1.4; "budget",
# 4,735, 9.5 against 7.1; "funding", 47,774, 12.2 against 14.2; "safeguarding", 149,574, 15.4
# against 19.5): what listing costs grows with the values the matches hold, as the index does
SPLIT_SHARE = 0.1
# values of a facet the newer passages hold that are counted one by one, at most, when they could
# reach the top (else the largest segment is asked for more of its values)
EXACT_COUNTED = 20
# in a store, beside tantivy's files: which passages the store's later runs wrote (``_Reading.split``)
NEWER_FILE = "paperfinder-newer.json"
PAGE = 2000  # stored records read per search when walking the whole index
TAIL_READ = 32 << 20  # bytes of a spool file the writer's tail thread takes at a time
TIES_FETCHED = 2000  # hits fetched past the last one asked for while they tie with it
# files of a whoosh index, removed when a tantivy rebuild replaces one
_WHOOSH_FILES = ("_passages_", "passages_", "segments.sums")

_MUST, _SHOULD, _NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot


def _read_meta(d: Path) -> dict[str, Any]:
    try:
        meta = json.loads((d / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _file_stamp(path: Path) -> tuple[int, int, int]:
    """What changes when a file is written or replaced: its inode, modification time and size."""
    st = os.stat(path)
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _damaged(d: Path, exc: BaseException) -> IndexCorruptError:
    return IndexCorruptError(f"index at {d} is damaged or incomplete ({type(exc).__name__}: {exc})", "run `paperfinder index --rebuild PATH`")


@dataclass(frozen=True)
class Split:
    """The passages later runs wrote into a store: every place from ``base`` on, and ``readded``
    (places of passages written again where they were)."""

    base: int
    readded: tuple[int, ...] = ()

    def newer(self, schema: tantivy.Schema) -> tantivy.Query:
        after = tantivy.Query.range_query(schema, "seq", tantivy.FieldType.Unsigned, self.base, None)
        if not self.readded:
            return after
        return tantivy.Query.boolean_query([(_SHOULD, after), (_SHOULD, tantivy.Query.term_set_query(schema, "seq", list(self.readded)))])


class _Reading:
    """One opened store at one commit, and what queries derive from it (kept while current)."""

    def __init__(self, store: Path, stamp: tuple):
        self.store = store
        self.stamp = stamp
        try:
            self.index = S.register(tantivy.Index.open(str(store)))
            self.index.config_reader(reload_policy="manual")
            self.searcher = self.index.searcher()
            meta = json.loads((store / "meta.json").read_text())
        except (ValueError, OSError) as exc:  # tantivy says "damaged" with these
            raise _damaged(store.parent, exc) from exc
        self.schema = self.index.schema
        self.opstamp = int(meta.get("opstamp", 0))
        # live passages of each segment, in the order of the searcher's segment ordinals
        self.alive = [int(m.get("max_doc", 0)) - int((m.get("deletes") or {}).get("num_deleted_docs") or 0)
                      for m in meta.get("segments") or ()]
        self.derived: dict[Any, Any] = {}
        self.compiler = Compiler(self.schema, self.terms)
        self._primary = tantivy.Query.term_query(self.schema, "primary", 1)
        # the other copies: a search leaves these out rather than intersect with the primary
        # copies (most passages), 3 ms less for a word in 270,000 of 430,044 passages
        self.copies = tantivy.Query.term_query(self.schema, "primary", 0)

    def terms(self, field: str, prefix: str) -> list[tuple[str, int]]:
        """The field's indexed words starting with ``prefix`` with their passage counts
        (deleted passages included, as the term list keeps them until a merge)."""
        key = ("terms", field, prefix)
        found = self.derived.get(key)
        if found is None:
            found = self.derived[key] = self.searcher.terms_with_prefix(field, prefix)
        return found

    def split(self) -> Split | None:
        """How the passages of an updated store divide into its largest segment (the first
        run's, or a compaction's) and the segments later runs added, proven on this commit; None
        on one segment, or where it is not known or does not hold (the caller counts every
        value of every segment then).

        Each run writes its passages into a segment of its own, with places after every place
        the store held (``TantivyWriter._seq``), and records them (``NEWER_FILE``): every place
        from its first on, and the passages it wrote again at their old places (a copy made
        primary when the file of the primary one changed). The record is checked against the
        store as it is: the passages it names must be exactly the live passages outside the
        largest segment, segment by segment (tantivy's merges of the small segments keep that; a
        merge into the large one, or a record left by a killed run, does not). Cost: one search
        of the newer passages' addresses, once a reading (a 1% update: about 4,700 at 430,044)."""
        key = ("split",)
        if key not in self.derived:
            self.derived[key] = self._split()
        found: Split | None = self.derived[key]
        return found

    def _split(self) -> Split | None:
        segments = int(self.searcher.num_segments)
        if segments < 2 or len(self.alive) != segments:
            return None
        try:
            kept = json.loads((self.store / NEWER_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        base = kept.get("from") if isinstance(kept, dict) else None
        readded = kept.get("readded") if isinstance(kept, dict) else None
        if not isinstance(base, int) or not isinstance(readded, list) or not all(isinstance(v, int) for v in readded):
            return None
        split = Split(base, tuple(sorted(set(readded))))
        return split if self._holds(split) else None

    def derive_split(self) -> Split | None:
        """``split`` found without a record, for a store updated by runs that kept none: the
        passages outside the largest segment taken as those at the highest places, which holds
        where no run made a copy primary where it was (the check says). One sort of every
        passage by place: for the writer, not for every reading."""
        segments = int(self.searcher.num_segments)
        if segments < 2 or len(self.alive) != segments:
            return None
        outside = sum(self.alive) - max(self.alive)
        hits = self.searcher.search(tantivy.Query.all_query(), outside, count=False, order_by_field="seq",
                                    order=tantivy.Order.Desc).hits
        if not outside or len(hits) < outside:
            return None
        split = Split(int(hits[-1][0]))
        return split if self._holds(split) else None

    def _holds(self, split: Split) -> bool:
        """Whether ``split``'s passages are exactly the live ones outside the largest segment."""
        segments = int(self.searcher.num_segments)
        big = max(range(segments), key=self.alive.__getitem__)
        outside = sum(self.alive) - self.alive[big]
        res = self.searcher.search(split.newer(self.schema), outside + 1, count=True)
        per_segment = [0] * segments
        for _, addr in res.hits:
            per_segment[addr.segment_ord] += 1
        expected = list(self.alive)
        expected[big] = 0
        return bool(res.count == outside and per_segment == expected)  # type: ignore[attr-defined]

    def counts(self, field: str, q: tantivy.Query) -> dict[str, int]:
        """Each value of a keyword field -> the number of passages matching ``q`` that hold it."""
        return dict(self.searcher.terms_with_prefix(field, "", filter_query=q))

    def facet_counts(self, fields: tuple[str, ...], q: tantivy.Query,
                     every: dict[str, dict[str, int]] | None = None) -> dict[str, dict[str, int]]:
        """``counts`` of each of ``fields`` (keyword fields) over the primary passages ``q``
        matches, by value (the search service orders them by count).

        One aggregation for all of them: the matching passages' values are read from the fast
        columns, once per passage. ``counts`` walks every value's posting list in the whole
        index for each field: a query's facet over people, which every passage of a paper
        carries, cost as much as the index holds passages naming people, however few matched.

        ``every``: each field's counts over every primary passage (the caller's own copies,
        changed in place into the result). Given them, the passages ``q`` does not match are
        counted and taken from them: the aggregation's cost grows with the passages it reads,
        and a broad query ("children": 270,089 of 359,577 at 430,044 passages) leaves out a
        third as many as it matches.
        """
        wanted = tuple(sorted(set(fields)))
        if every is None:
            found = self._aggregate(q, wanted)
            return {f: found[f] for f in fields}
        rest = self._buckets(tantivy.Query.boolean_query([(_MUST, self._primary), (_NOT, q)]), wanted)
        out = {}
        for f in wanted:
            # the rest is the smaller set: its values taken from every value's count (``field_values``
            # gave the caller a copy already: the person facet's thousands of values are not copied
            # again), by C loops over the buckets (12,842 people at 430,044 passages)
            counts = out[f] = every[f]
            keys = [b["key"] for b in rest[f]]
            left = list(map(sub, map(counts.__getitem__, keys), (b["doc_count"] for b in rest[f])))
            counts.update(zip(keys, left))
            for v in compress(keys, map(not_, left)):
                del counts[v]
        return {f: out[f] for f in fields}

    def facet_top(self, fields: tuple[str, ...], q: tantivy.Query, top: int,
                  values: Callable[[str], dict[str, int]], broad: bool = False, matches: int | None = None) -> dict[str, FacetCounts] | None:
        """Each of ``fields``' ``top`` most frequent values over the primary passages ``q``
        matches, exact, with the rest counted (``FacetCounts``); None when tantivy cannot
        show its counts exact (the caller counts every value then).

        A terms aggregation asked for its most frequent values makes only those into Python
        dicts, and on one segment turns only those value numbers into names (about 0.7 µs a
        value in all: 4.2 of the 6.3 ms of the person facet's 6,079 names for "children" at
        100,000 passages). It keeps each segment's most frequent before merging the segments'
        lists, so with several segments a value cut from one segment's list would be shown
        short of its count: there each segment lists every value it holds (its names are
        made, its dicts are not), and tantivy's bound on what the cuts left out (the sum of
        each segment's first count cut) is checked to be 0. Recounting the values returned
        instead (``include``) is a second pass over the matches' values, and that bound, with
        short segment lists, was too loose to show that no other value reaches the top
        ("children", two segments: 93, against 21 between the 30th and the 50th value).

        Ties with the last value shown are ordered by value, as whoosh orders them, only once
        every value of that count was returned: else more are asked for.
        ``values``: a field's values with their counts over every primary passage (where there
        are few, tantivy's estimate of how many were left out is not asked for; they bound what
        a value can hold). ``broad``: ``q`` matches more than half of the primary passages; with
        several segments and no split those left out are fewer to read (``facet_counts``) than
        the matches whose every name is made ("children" with the person facet, two segments: 13
        ms before, 15-17 this way). ``matches``: how many passages ``q`` matches; an updated
        store (``split``) is split from ``SPLIT_SHARE`` of the primary passages on: the largest
        segment's top values as on one segment, and every value of the newer passages
        (``_with_newer``).
        """
        segments = self.searcher.num_segments
        # no segment can cut a list as long as a field's values: one aggregation is exact
        few = all(len(values(f)) <= top + TOP_MARGIN for f in fields)
        many_matches = matches is None or matches >= SPLIT_SHARE * self.primary_count()
        split = self.split() if segments > 1 and not few and many_matches else None
        if segments > 1 and broad and split is None and not few:
            return None
        out: dict[str, FacetCounts] = {}
        # split: the largest segment's list four times as long at once (each value ~1 us more), so
        # that the newer passages' values that could still reach the top are few enough to count
        # one by one, not a second pass over every match (430,044 passages: "social care" 48 such
        # values with a list of 50, 5 with 200; the second pass 6-7 ms)
        size = (top + TOP_MARGIN) * (4 if split is not None else 1)
        wanted = tuple(sorted(set(fields)))
        added: dict[str, Any] | None = None  # the newer passages' values, when split
        estimates: dict[str, int] = {}  # tantivy's estimate of each field's number of values
        while wanted:
            # the number of values left out, where they are many, from tantivy's estimate of how
            # many there are (HyperLogLog, 2.6 ms for "children"): counting them exactly costs what
            # every name costs
            many = [f for f in wanted if len(values(f)) > size]
            # asked once: a second pass (a longer list) has the same matches (the estimate over a
            # broad query's matches costs what their top values do: 6 ms of 9.7 for "social care"
            # at 430,044 passages)
            cards = {f"{f} values": {"cardinality": {"field": f}} for f in many if f not in estimates}
            top_spec = {f: {"terms": {"field": f, "size": size, "segment_size": size if segments == 1 or split else SEGMENT_LIST,
                                      "order": {"_count": "desc"}}}
                        for f in wanted}
            if split is None:
                found = self.searcher.aggregate(q, {**top_spec, **cards})
            else:
                # the largest segment's top values, its list cut as one segment's is, and every
                # value of the newer passages (few: a run's), each an aggregation of its own
                # (a filter aggregation parses its query string for every segment: 1 ms a search)
                newer = split.newer(self.schema)
                found = self.searcher.aggregate(tantivy.Query.boolean_query([(_MUST, q), (_NOT, newer)]), {**top_spec, **cards})
                if added is None:
                    added = self.searcher.aggregate(tantivy.Query.boolean_query([(_MUST, q), (_MUST, newer)]), {
                        f: {"terms": {"field": f, "size": _EVERY_VALUE, "order": {"_key": "asc"}}} for f in wanted})
            if split is None and segments > 1 and any(found[f].get("doc_count_error_upper_bound") for f in wanted):
                return None
            estimates.update({f: int(found[f"{f} values"]["value"]) for f in many if f not in estimates})
            again = []
            for f in wanted:
                if split is None or added is None:
                    buckets = found[f]["buckets"]
                    left = int(found[f].get("sum_other_doc_count") or 0)
                    counts = top_values({b["key"]: b["doc_count"] for b in buckets}, top)
                    # a value not returned holds at most the last count returned
                    bound = buckets[-1]["doc_count"] if buckets else 0
                else:
                    counts, left, bound = _with_newer(found[f], added[f]["buckets"], top,
                                                      partial(self._count_with, q, f), values(f))
                if left:
                    if len(counts) < top or list(counts.values())[-1] <= bound:
                        again.append(f)
                        continue
                    counts.more_passages += left
                    # split: the largest segment's estimate; the values only the newer passages were
                    # seen to hold are in ``more_values`` already (most are held by the largest
                    # segment too, below its list's cut: added to its estimate, they overcounted an
                    # authority facet's 30 left out as 36)
                    estimate = estimates[f] if f in many else 0
                    counts.more_values = max(counts.more_values + 1, estimate - top)
                    counts.values_estimated = True
                out[f] = counts
            wanted = tuple(again)
            size *= 4
        return {f: out[f] for f in fields}

    def _count_with(self, q: tantivy.Query, field: str, value: str) -> int:
        """The passages ``q`` matches holding ``value`` in ``field``."""
        with_value = tantivy.Query.boolean_query([(_MUST, q), (_MUST, tantivy.Query.term_query(self.schema, field, value))])
        return int(self.searcher.search(with_value, 1, count=True).count)  # type: ignore[attr-defined]

    def _aggregate(self, q: tantivy.Query, fields: tuple[str, ...]) -> dict[str, dict[str, int]]:
        found = self._buckets(q, fields)
        return {f: {b["key"]: b["doc_count"] for b in found[f]} for f in fields}

    def _buckets(self, q: tantivy.Query, fields: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
        """Each field's every value over the passages ``q`` matches, as tantivy's buckets."""
        # in the order of the values, which tantivy sorts at no cost that shows: the service's
        # sort by value is then one pass over a facet's thousands of people, not a sort
        spec = {"field": "", "size": _EVERY_VALUE, "order": {"_key": "asc"}}
        found = self.searcher.aggregate(q, {f: {"terms": {**spec, "field": f}} for f in fields})
        return {f: found[f]["buckets"] for f in fields}

    def primary_count(self) -> int:
        key = ("primary passages",)
        if key not in self.derived:
            self.derived[key] = self.searcher.search(self._primary, 1, count=True).count  # type: ignore[attr-defined]
        return self.derived[key]

    def primaries(self, q: tantivy.Query | None = None) -> tantivy.Query:
        """``q`` (every passage when None), primary copies only; scored as ``q``."""
        if q is None:
            return self._primary
        return tantivy.Query.boolean_query([(_MUST, q), (_MUST, tantivy.Query.const_score_query(self._primary, 0.0))])

    def records(self, q: tantivy.Query, whole: bool = False) -> Iterator[dict[str, Any]]:
        """Stored fields of every passage ``q`` matches, in index order, a page at a time;
        ``whole``: each record as it was written (``schema.record_of``), the fields a hit
        leaves out (``schema.HIDDEN``) included, to write the passage again."""
        for _seq, addr in self.in_place_order(q):
            yield json.loads(self.searcher.doc(addr).get_first("record")) if whole else self.fields(addr)

    def in_place_order(self, q: tantivy.Query) -> Iterator[tuple[int, tantivy.DocAddress]]:
        """(place, address) of every passage ``q`` matches, in place order, a page at a time."""
        after = -1
        while True:
            page = tantivy.Query.boolean_query([
                (_MUST, q),
                (_MUST, tantivy.Query.range_query(self.schema, "seq", tantivy.FieldType.Unsigned, after + 1, None)),
            ])
            hits = self.searcher.search(page, PAGE, count=False, order_by_field="seq", order=tantivy.Order.Asc).hits
            for seq, addr in hits:
                yield int(seq), addr
                after = int(seq)
            if len(hits) < PAGE:
                return

    def fields(self, addr: tantivy.DocAddress, terms: dict[str, str] | None = None) -> dict[str, Any]:
        doc = self.searcher.doc(addr)
        return S.hit_fields(doc.get_first("record"), doc.get_first("primary"), terms)


def _with_newer(largest: dict[str, Any], newer: list[dict[str, Any]], top: int,
                exact: Callable[[str], int], everywhere: dict[str, int]) -> tuple[FacetCounts, int, int]:
    """A facet's top values from the largest segment's top values (a terms aggregation's
    result, most first) and every value of the newer passages: (the top values with what was
    left out of those counted, the passages left out, the most a value not shown can hold).

    A value the largest segment listed has its count exact (both parts added); one it did not
    list holds at most its last count there, plus its newer count, and at most its count over
    every primary passage (``everywhere``). Those that could reach the top so (a person the
    changed papers name often) are counted exactly (``exact``: one search each), not by asking
    the largest segment for more values, which would read every match again as many times as
    its list had to grow. The top values are exact when the rest all hold less (else the
    caller asks for more)."""
    listed = {b["key"]: b["doc_count"] for b in largest["buckets"]}
    left = int(largest.get("sum_other_doc_count") or 0)
    unlisted: dict[str, int] = {}
    for b in newer:
        k, n = b["key"], b["doc_count"]
        if k in listed:
            listed[k] += n
        elif left:
            unlisted[k] = n
        else:  # the largest segment listed every value: none there
            listed[k] = n
    if not left:
        return top_values(listed, top), 0, 0
    left += sum(unlisted.values())
    last = largest["buckets"][-1]["doc_count"]
    most = {k: min(last + n, everywhere.get(k, last + n)) for k, n in unlisted.items()}
    if len(listed) >= top:
        reach = heapq.nlargest(top, listed.values())[-1]
        maybe = [k for k, n in most.items() if n >= reach]
        if last < reach and len(maybe) <= EXACT_COUNTED:
            for k in maybe:
                listed[k] = exact(k)
                left -= listed[k]
                del unlisted[k]
    counts = top_values(listed, top)
    # the values only the newer passages hold are known, and left out with those the list cut
    counts.more_values += len(unlisted)
    return counts, left, max([last] + [most[k] for k in unlisted])


# a hit's text -> its terms as the index stored them (``schema.TERMS``), for ``analyse`` of the
# texts a search just gave: analysis is a function of the text alone, so any index's entry holds
_TERMS: dict[str, str] = {}
_TERMS_KEPT = 4000  # texts: a search's hits and re-ranked candidates (200) many times over


# (folder, thread) -> the reading state of the folder's current store and commit
_READING: dict[tuple[str, int], _Reading] = {}
_READING_KEPT = 8


class TantivyBackend(SearchBackend):
    """An index folder kept by tantivy (see the module's docstring for its layout)."""

    name = "tantivy"
    keeps_built_segments = False  # a builder's spool file is added to tantivy's own segments

    # -- the folder
    def _store(self) -> Path:
        d = self.index_dir
        if d.exists() and not d.is_dir():
            raise NoIndexError(f"--index {d} is a file, not an index folder", "pass --index the folder `paperfinder index` wrote")
        meta = _read_meta(d)
        if not meta.get("store"):
            if (d / META_FILE).exists():
                raise IndexCorruptError(f"index at {d} is damaged ({META_FILE} names no tantivy store)", "run `paperfinder index --rebuild PATH`")
            raise NoIndexError(f"no index at {d}", "run `paperfinder index PATH` first, or pass --index DIR")
        if meta.get("schema_version") != S.SCHEMA_VERSION:
            raise IndexCorruptError(
                f"index at {d} was built by another version (tantivy schema {meta.get('schema_version')}, need {S.SCHEMA_VERSION})",
                "run `paperfinder index --rebuild PATH`",
            )
        store = d / str(meta["store"])
        if not (store / "meta.json").is_file():
            raise IndexCorruptError(f"index at {d} is damaged (its store {meta['store']} is missing)", "run `paperfinder index --rebuild PATH`")
        return store

    _last: tuple[int, tuple, _Reading] | None = None  # (thread, paperfinder.json's stamp, its reading)

    def _reading(self) -> _Reading:
        # a search asks for the reading several times: while neither paperfinder.json (which
        # names the store) nor the store's commit changed since, the one found last time holds
        last = self._last
        if last is not None and last[0] == threading.get_ident():
            r = last[2]
            try:
                if _file_stamp(self.index_dir / META_FILE) == last[1] and (r.store.name, *_file_stamp(r.store / "meta.json")) == r.stamp:
                    return r
            except OSError:
                pass  # looked at again below, where a missing file is reported as such
        for attempt in range(4):
            try:
                meta_stamp = _file_stamp(self.index_dir / META_FILE)
            except OSError:
                meta_stamp = None
            store = self._store()
            try:
                st = os.stat(store / "meta.json")
                stamp = (store.name, st.st_ino, st.st_mtime_ns, st.st_size)
                key = (str(self.index_dir.resolve()), threading.get_ident())
                r = _READING.get(key)
                if r is None or r.stamp != stamp:
                    _READING.pop(key, None)
                    while len(_READING) >= _READING_KEPT:
                        _READING.pop(next(iter(_READING)))
                    r = _READING[key] = _Reading(store, stamp)
                if meta_stamp is not None:
                    self._last = (threading.get_ident(), meta_stamp, r)
                return r
            except (FileNotFoundError, IndexCorruptError):
                # a rebuild swapped a new store in and removed this one meanwhile: open that one
                if attempt == 3 or self._store() == store:
                    raise
        raise AssertionError("unreachable")

    def open(self) -> None:
        self._reading()

    def generation(self) -> int:
        r = self._reading()
        number = r.store.name[len(STORE_PREFIX):]
        # a rebuild's store restarts tantivy's operation stamps: its number keeps generations apart
        return (int(number) if number.isdigit() else 0) << 40 | r.opstamp

    def writing(self, rebuild: bool = False, wait: bool = False,
                on_wait: Callable[[int | None], None] | None = None) -> AbstractContextManager[TantivyWriter]:
        return _writing(self, rebuild, wait, on_wait)

    def segment_builder(self, deleting: set[str], existing: bool) -> SegmentBuilder:
        return TantivySegmentBuilder(self.index_dir / SPOOL, deleting, existing)

    compacts = True

    def segments(self) -> int:
        return int(self._reading().searcher.num_segments)

    def compact(self, wait: bool = False, on_wait: Callable[[int | None], None] | None = None) -> int:
        """Write the index again as one segment, aside, and swap it in (``paperfinder index
        --compact``); the number of segments after.

        A first run or a rebuild commits one segment (``WRITER_HEAP``), but every later run adds
        one of its own, and a query's facets cost per segment: with more than one, each lists
        every value it holds to be merged (``_Reading.facet_top``). tantivy-py has no merge call,
        and tantivy's own policy merges only once 8 segments of a size gather, so the live
        passages are written again from their stored records, in their places' order, with the
        same primary flags and sort keys (no paper is read or tagged again). Hits, totals and
        facet counts stay as they were; scores may move in their last digits (BM25's statistics
        no longer count deleted passages). Under the writer lock; an interrupted compaction
        leaves the index as it was, as a rebuild does."""
        return _compact(self, wait, on_wait)

    # -- searching
    def run_query(self, q: Q.Node, filter_q: Q.Node | None = None, limit: int | None = 10, sort: str = "relevance",
                  facets: tuple[str, ...] = (), snippet_terms: bool = True,
                  facet_top: int | None = None) -> tuple[int, list[RawHit], dict[str, dict[str, int]]]:
        r = self._reading()
        s = r.searcher
        main = r.compiler.compile(q)
        clauses = [(_MUST, main), (_NOT, r.copies)]
        if filter_q is not None:
            clauses.append((_MUST, tantivy.Query.const_score_query(r.compiler.compile(filter_q), 0.0)))
        combined = tantivy.Query.boolean_query(clauses)
        n = max(1, s.num_docs if limit is None else limit)
        if isinstance(q, Q.Every) and sort == "relevance":
            # every passage scores the same: in index order
            res = s.search(combined, n, count=True, order_by_field="seq", order=tantivy.Order.Asc)
            total, found = res.count, [(1.0, a) for _, a in res.hits]  # type: ignore[attr-defined]
        elif sort in ("newest", "oldest"):
            # the sort key holds the passage's place after its date: ties keep index order
            order = tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc
            res = s.search(combined, n, count=True, order_by_field="sort_date", order=order)
            total, found = res.count, res.hits  # type: ignore[attr-defined]  # tantivy-py's stub leaves count out
        else:
            total, found = _ranked(r, combined, n)
        hits = []
        snippets = _Snippets(r, main) if snippet_terms else None
        found = found[: limit if limit is not None else None]
        remember = _TERMS if len(found) <= _TERMS_KEPT else None  # not a listing of every passage
        if remember is not None and len(_TERMS) + len(found) > _TERMS_KEPT:
            _TERMS.clear()
        for score, addr in found:
            fields = r.fields(addr, remember)
            snip: str | Callable[[], str] = (lambda f=fields: snippets.of(f["text"])) if snippets is not None else ""
            hits.append(RawHit(fields, float(score) if sort == "relevance" else 0.0, snip))
        counts: dict[str, dict[str, int]] = {f: {} for f in facets}
        if facets and total:
            named = tuple(FACET_FIELDS.get(f, f) for f in facets)
            tops: dict[str, FacetCounts] | None = None
            if facet_top is not None and total == r.primary_count():
                # every primary passage matches ("*"): the counts kept after each run
                tops = {n: self._top_of_every(r, n, facet_top) for n in named}
            elif facet_top is not None:
                tops = r.facet_top(named, combined, facet_top, partial(self._values, r),
                                   broad=2 * total > r.primary_count(), matches=total)
            if tops is None:  # every value counted: none asked for, or tantivy's top ones not exact
                # more than half of the primary passages match: count those left out (see facet_counts)
                every = {n: self.field_values(n) for n in named} if 2 * total > r.primary_count() else None
                # every primary passage matches ("*"): nothing is left out, and nothing to walk for it
                counted = every if every is not None and total == r.primary_count() else r.facet_counts(named, combined, every)
                counts = {f: counted[n] if facet_top is None else top_values(counted[n], facet_top)
                          for f, n in zip(facets, named)}
            else:
                counts = {f: tops[n] for f, n in zip(facets, named)}
        return total, hits, counts

    def analyse(self, text: str) -> list[str]:
        joined = _TERMS.get(text)
        if joined is not None:
            return joined.split(" ") if joined else []
        return S.analyzer(S.TEXT_TOKENIZER).analyze(text)

    def stop_words(self) -> frozenset[str]:
        return S.STOP_WORDS

    def correct_words(self, words: list[str]) -> dict[str, str]:
        """Words found in no passage -> an indexed word (``search.spelling``'s rule, as the
        whoosh backend applies it), spelled as the papers spell it."""
        from paperfinder.search.spelling import needs_correction, one_edit_stem, searched_near

        r = self._reading()
        out: dict[str, str] = {}

        def doc_freq(term: str) -> int:
            return r.searcher.doc_freq("text", term)

        for w in words:
            lw = w.lower()
            stem = needs_correction(w, self.analyse, doc_freq)
            if stem is None:
                continue
            best = one_edit_stem(w, self.analyse, doc_freq)
            if best is None and searched_near(w):
                # imported here: most searches correct no word, and the command pays for every import
                from rapidfuzz.distance import Levenshtein

                maxdist = 2 if len(stem) > 5 else 1
                cands = [(t, df) for t, df in r.terms("text", stem[:1]) if Levenshtein.distance(t, stem, score_cutoff=maxdist) <= maxdist]
                if not cands:
                    continue
                best = max(cands, key=lambda c: (c[1], -abs(len(c[0]) - len(stem))))[0]
            if best is None:
                continue
            out[w] = self._surface(r, best, lw)
        return out

    def _surface(self, r: _Reading, stem: str, near: str) -> str:
        """The word the papers write for a stem, spelled closest to what was typed."""
        import re

        from rapidfuzz import fuzz

        seen: dict[str, bool] = {}
        forms: set[str] = set()
        for _score, addr in r.searcher.search(tantivy.Query.term_query(r.schema, "text", stem), 20, count=False).hits:
            for word in {t.lower() for t in re.findall(r"[A-Za-z]+", r.fields(addr).get("text", ""))}:
                if word not in seen:
                    seen[word] = self.analyse(word) == [stem]
                if seen[word]:
                    forms.add(word)
        return max(sorted(forms), key=lambda f: fuzz.ratio(f, near)) if forms else stem

    # -- stored values
    def iter_all(self, field: str | None = None, value: str | None = None) -> Iterator[dict[str, Any]]:
        r = self._reading()
        if field:
            q = r.compiler.compile(Q.Term(field, value or ""))
        else:
            q = tantivy.Query.all_query()
        yield from r.records(q)

    def same_text(self, digests: list[str]) -> dict[str, list[dict[str, Any]]]:
        r = self._reading()
        out: dict[str, list[dict[str, Any]]] = {d: [] for d in set(digests)}
        if not out:
            return out
        for f in r.records(tantivy.Query.term_set_query(r.schema, "text_hash", sorted(out))):
            out[f["text_hash"]].append(f)
        return out

    def first_places(self, digests: list[str], most: int | None,
                     known: dict[str, dict[str, Any]] | None = None) -> dict[str, tuple[int, list[dict[str, Any]]]]:
        # the copies are found in file order from the fast column (no stored record read), and
        # only the first ``most`` read: a text copied into hundreds of files costs a dozen reads
        if most is None:
            return super().first_places(digests, None, known)
        r = self._reading()
        s = r.searcher
        out: dict[str, tuple[int, list[dict[str, Any]]]] = {}
        wanted = sorted(set(digests))
        if not wanted:
            return out
        # the texts held by few passages (most: the hit alone) read in one search, not a search
        # each; the term's count takes in deleted passages too, so it only bounds how many are live
        bound = {d: s.doc_freq("text_hash", d) for d in wanted}
        few = [d for d in wanted if bound[d] <= most]
        known = known or {}
        for d in few:
            if bound[d] == 1 and d in known:
                # the caller's hit is the one passage with its text (most hits): not read again
                out[d] = (1, [known[d]])
        few = [d for d in few if d not in out]
        if few:
            groups: dict[str, list[dict[str, Any]]] = {d: [] for d in few}
            room = sum(bound[d] for d in few)
            if room:
                for _, a in s.search(tantivy.Query.term_set_query(r.schema, "text_hash", few), room, count=False).hits:
                    f = r.fields(a)
                    groups[f["text_hash"]].append(f)
            for d, found in groups.items():
                out[d] = (len(found), sorted(found, key=place_order))
        for d in wanted:
            if d in out:
                continue
            q = tantivy.Query.term_query(r.schema, "text_hash", d)
            res = s.search(q, most + 1, count=True, order_by_field="source", order=tantivy.Order.Asc)
            hits = res.hits
            if res.count <= most:  # type: ignore[attr-defined]
                found = [r.fields(a) for _, a in hits]
            else:
                # the last file reached may hold more copies than were fetched: all of them are
                # read, so the cut within it falls by line, as ``place_order`` says
                last = hits[-1][0]
                found = [r.fields(a) for src, a in hits if src != last]
                found += r.records(tantivy.Query.boolean_query([(_MUST, q), (_MUST, tantivy.Query.term_query(r.schema, "source", last))]))
            out[d] = (res.count, sorted(found, key=place_order)[:most])  # type: ignore[attr-defined]
        return out

    def field_values(self, field: str) -> dict[str, int]:
        """Every value of a keyword field with the number of primary passages holding it
        (read from the cache written after each run while it is current)."""
        return dict(self._values(self._reading(), field))

    def _top_of_every(self, r: _Reading, field: str, top: int) -> FacetCounts:
        key = ("top", field, top)
        if key not in r.derived:
            r.derived[key] = top_values(self._values(r, field), top)
        found = r.derived[key]
        return FacetCounts(found.items(), found.more_values, found.more_passages)

    def _values(self, r: _Reading, field: str) -> dict[str, int]:
        """``field_values`` itself, kept for the reading: not to be changed."""
        key = ("values", field)
        values = r.derived.get(key)
        if values is None:
            if field in CACHED_FIELDS:
                # read once a reading: a search with several facets asks for several fields
                if ("values file",) not in r.derived:
                    try:
                        r.derived[("values file",)] = json.loads((self.index_dir / VALUES_FILE).read_text())
                    except (OSError, ValueError):
                        r.derived[("values file",)] = {}
                cached = r.derived[("values file",)]
                if cached.get("backend") == self.name and cached.get("generation") == self.generation():
                    values = (cached.get("fields") or {}).get(field)
            if values is None:
                values = self._count_values(r, field)
            # by value (as facet counts come): counts taken from these keep that order
            r.derived[key] = values = dict(sorted(values.items()))
        return values

    def _count_values(self, r: _Reading, field: str) -> dict[str, int]:
        field = FACET_FIELDS.get(field, field)
        if field not in S.SINGLE and field not in S.MULTI:
            return {}
        return {k: v for k, v in r.counts(field, r.primaries()).items() if k}

    def text_hashes(self) -> set[str]:
        r = self._reading()
        return set(r.counts("text_hash", tantivy.Query.all_query()))

    def indexed_files(self) -> dict[str, str]:
        try:
            r = self._reading()
        except NoIndexError:
            return {}
        return _filekeys(r)

    def sources_mentioning(self, names: list[str]) -> set[str]:
        r = self._reading()
        parts = [Q.Phrase(tuple(name.split()), fields=("text",)) for name in names if name.strip()]
        out: set[str] = set()
        for i in range(0, len(parts), 200):
            q = r.compiler.compile(Q.or_(parts[i:i + 200]))
            out.update(r.counts("source", q))
        out.discard("")
        return out

    def learned_people(self) -> dict[str, list[dict]]:
        r = self._reading()
        try:
            cached = json.loads((self.index_dir / PEOPLE_FILE).read_text())
            if cached.get("backend") == self.name and cached.get("generation") == self.generation():
                return cached["sources"]
        except (OSError, ValueError, KeyError):
            pass
        return people_by_source(r.records(tantivy.Query.all_query()))

    def discard(self) -> None:
        if _read_meta(self.index_dir).get("backend", "whoosh") == self.name:
            return  # still this backend's index
        for p in self.index_dir.glob(STORE_PREFIX + "*"):
            if p.is_dir():
                _remove_tree(p)

    def write_people_cache(self, learned: dict[str, list[dict]]) -> None:
        write_json(self.index_dir / PEOPLE_FILE, {"backend": self.name, "generation": self.generation(), "sources": learned})

    def write_value_cache(self) -> None:
        r = self._reading()
        data = {"backend": self.name, "generation": self.generation(), "fields": {f: self._count_values(r, f) for f in CACHED_FIELDS}}
        write_json(self.index_dir / VALUES_FILE, data)


def _ranked(r: _Reading, q: tantivy.Query, n: int) -> tuple[int, list[tuple[float, tantivy.DocAddress]]]:
    """(total, the best ``n`` hits by score, then by place in the index).

    tantivy breaks ties by its own document addresses, which follow neither the
    order passages were written in nor anything stable across merges; equal scores
    are common (the same words in passages of one length). Hits past the ``n``-th
    are fetched while they tie with it (up to TIES_FETCHED), then ordered as the
    whoosh backend orders them."""
    fetch = 2 * n + 10
    res = r.searcher.search(q, fetch, count=True)
    total, found = res.count, res.hits  # type: ignore[attr-defined]  # tantivy-py's stub leaves count out
    if len(found) == fetch and found[-1][0] >= found[n - 1][0] and fetch < n + TIES_FETCHED:
        # straight to the most fetched, not doubling: each search scores every match again, and
        # a common word ties hundreds of passages ("budget": 635 with the 10th at 430,044
        # passages, six searches doubling); the longer prefix orders the first n the same
        found = r.searcher.search(q, n + TIES_FETCHED, count=False).hits
    if len(found) > n:
        # the first n by score and place are among those scoring at least the n-th (tantivy
        # gives them by score): only those are placed and sorted
        last = found[n - 1][0]
        found = [h for h in found if h[0] >= last]
    seqs = r.searcher.fast_field_values("seq", [a for _, a in found])
    order = sorted(range(len(found)), key=lambda i: (-found[i][0], seqs[i]))[:n]
    return total, [found[i] for i in order]


def _filekeys(r: _Reading) -> dict[str, str]:
    """source -> content hash over live passages."""
    out: dict[str, str] = {}
    for key in r.counts("filekey", tantivy.Query.all_query()):
        source, _, digest = key.rpartition("\0")
        out[source] = digest
    return out


class _Snippets:
    """Highlights of the query's words in a hit's text, made when first asked for."""

    def __init__(self, r: _Reading, q: tantivy.Query):
        self._r = r
        self._q = q
        self._gen: tantivy.SnippetGenerator | None = None

    def of(self, text: str) -> str:
        if self._gen is None:
            self._gen = tantivy.SnippetGenerator.create(self._r.searcher, self._q, self._r.schema, "text")
            self._gen.set_max_num_chars(220)
        snip = self._gen.snippet_from_doc(tantivy.Document(text=[text]))
        frag = snip.fragment()
        ranges = snip.highlighted()
        if not ranges:
            return ""
        # the ranges count characters of the fragment (tantivy counts bytes of its UTF-8)
        raw = frag.encode("utf-8")
        out, at = [], 0
        for rg in ranges:
            out.append(raw[at:rg.start].decode("utf-8", "replace"))
            out.append("**" + raw[rg.start:rg.end].decode("utf-8", "replace") + "**")
            at = rg.end
        out.append(raw[at:].decode("utf-8", "replace"))
        return "".join(out).strip()


# ---- writing ------------------------------------------------------------------

class _Primaries(PrimaryCopies):
    """The primary-copy rule (``search.backend.PrimaryCopies``) over the index as it was when
    the write began (``r``)."""

    def __init__(self, r: _Reading | None, deleted_sources: set[str] | None = None):
        super().__init__(deleted_sources)
        self.r = r

    def primary_sources(self, digest: str) -> Iterator[str]:
        r = self.r
        if r is None or not r.searcher.doc_freq("text_hash", digest):
            return
        q = r.primaries(tantivy.Query.term_query(r.schema, "text_hash", digest))
        for _score, addr in r.searcher.search(q, 100, count=False).hits:
            yield r.fields(addr).get("source")


@dataclass
class Spooled:
    """Passages a ``TantivySegmentBuilder`` wrote to a spool file, for the run's writer to add."""

    path: str
    count: int


class TantivySegmentBuilder(SegmentBuilder):
    """A worker's passages, written as tantivy documents to a spool file in the index folder.

    tantivy takes one writer per index, and that writer is fast: workers read and tag
    (the slow part) in parallel and spool their passages; the run's writer adds them.
    Each line: text hash, planned primary copy, date number, source (JSON), the
    passage's number in its file, the document (``schema.document_json``).
    """

    def __init__(self, spool: str | Path, deleting: set[str], existing: bool):
        self._dir = Path(spool)
        self._dir.mkdir(parents=True, exist_ok=True)
        self._path = self._dir / f"{os.getpid()}-{uuid.uuid4().hex}.jsonl"
        self._fh = open(self._path, "w", encoding="utf-8")
        self._r = _open_for_builder(self._dir.parent) if existing else None
        self._p = _Primaries(self._r, deleting)
        self._n = 0
        self._k: dict[str, int] = {}

    def add(self, fields: dict[str, Any], primary: bool | None = None) -> None:
        digest = fields["text_hash"]
        if primary is None:
            primary = self._p.claim(digest)
        elif primary:
            self._p.claimed.add(digest)
        source = str(fields.get("source", ""))
        k = self._k[source] = self._k.get(source, -1) + 1
        date_num = S.date_number(str(fields.get("date") or ""))
        self._fh.write(f"{digest}\t{1 if primary else 0}\t{date_num}\t{json.dumps(source)}\t{k}\t{S.document_json(S.record_of(fields))}\n")
        self._n += 1

    def finish(self) -> Spooled | None:
        self._fh.close()
        if not self._n:
            _remove_file(self._path)
            return None
        return Spooled(str(self._path), self._n)

    def cancel(self) -> None:
        self._fh.close()
        _remove_file(self._path)


@dataclass
class _Line:
    digest: str
    planned: bool
    date_num: int
    source: str
    k: int
    doc: str


def _lines(lines: Iterable[str]) -> Iterator[_Line]:
    """The spooled passages of ``lines`` (a spool file, or a whole-line piece of one), one by
    one: a worker's spool holds half an archive, which is never read into memory at once."""
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            continue
        digest, planned, date_num, source, k, doc = line.split("\t", 5)
        yield _Line(digest, planned == "1", int(date_num), json.loads(source), int(k), doc)


def _open_for_builder(index_dir: Path) -> _Reading | None:
    """The index as committed, for a worker deciding primary copies (None when there is none)."""
    meta = _read_meta(index_dir)
    store = index_dir / str(meta.get("store") or "")
    if not meta.get("store") or not (store / "meta.json").is_file():
        return None
    return _Reading(store, ("builder",))


def _remove_file(path: str | Path) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


K_BITS = 20  # a passage's place: its file's place in the index, then its number in the file (up to a million)


class _Tail(threading.Thread):
    """Hands the spool files' passages to tantivy while the workers are still writing them.

    Only for a write into a new store (a first run, a rebuild): nothing is deleted
    there, so the order of adding does not matter, and tantivy's indexing runs
    beside the workers' reading and tagging instead of after it. The primary copy
    planned in file order is taken as it is; ``TantivyWriter.add_segment`` puts
    right the few a failed file changes."""

    def __init__(self, writer: TantivyWriter, spool: Path):
        super().__init__(name="tantivy-spool", daemon=True)
        self._writer = writer
        self._spool = spool
        self._stop_at_end = threading.Event()
        self._done: dict[str, int] = {}  # spool file -> bytes added so far
        # spool file -> each line's (text hash, planned primary), in order: what the writer's
        # check of primary copies in file order needs, kept as the lines are added, so that
        # check does not read and parse every spooled line again alone at the end of the run
        self.planned: dict[str, list[tuple[str, bool]]] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while True:
                last = self._stop_at_end.is_set()
                took = self._take()
                if last:
                    return
                if not took:
                    self._stop_at_end.wait(0.2)
        except BaseException as exc:  # handed to the writer's thread, which raises it
            self.error = exc

    def _take(self) -> bool:
        took = False
        for path in sorted(self._spool.glob("*.jsonl")) if self._spool.is_dir() else ():
            at = self._done.get(str(path), 0)
            try:
                with open(path, "rb") as fh:
                    fh.seek(at)
                    data = fh.read(TAIL_READ)
            except FileNotFoundError:  # a cancelled builder's
                continue
            end = data.rfind(b"\n") + 1  # whole lines only: the worker may be half way through one
            if not end:
                continue
            kept = self.planned.setdefault(str(path), [])
            for ln in _lines(data[:end].decode("utf-8").splitlines()):
                self._writer._add_line(ln, ln.planned)
                kept.append((ln.digest, ln.planned))
            self._done[str(path)] = at + end
            took = True
        return took

    def drain(self) -> None:
        """Add what is left (every builder has finished), then stop."""
        self._stop_at_end.set()
        self.join()
        if self.error is not None:
            raise self.error


class TantivyWriter(IndexWriter):
    """Adds and removes passages; used only inside ``TantivyBackend.writing``."""

    def __init__(self, backend: TantivyBackend, writer: tantivy.IndexWriter, before: _Reading | None):
        self._backend = backend
        self._w = writer
        self._r = before  # the index as it was when the write began
        self._p = _Primaries(before)
        self._after: list[Callable[[], object]] = []
        # places of files in this run, after those of the index: passages keep the order of their files
        self._first = _next_place(before)
        self._place: dict[str, int] = {}
        self._k: dict[str, int] = {}
        self.readded: list[int] = []  # places of passages written again where they were (``finish``)
        self._tail: _Tail | None = None
        if before is None:
            self._tail = _Tail(self, backend.index_dir / SPOOL)
            self._tail.start()

    def after_commit(self, call: Callable[[], object]) -> None:
        self._after.append(call)

    @property
    def index_dir(self) -> str:
        """The index folder: its workers' builders spool their passages in it (see ``TantivySegmentBuilder``)."""
        return str(self._backend.index_dir)

    @property
    def existing(self) -> bool:
        return self._r is not None and self._r.searcher.num_docs > 0

    def indexed_files(self) -> dict[str, str]:
        return _filekeys(self._r) if self._r is not None else {}

    @property
    def first_seq(self) -> int:
        """The first place this run's passages can take: after every place the index held."""
        return self._first << K_BITS

    def _seq(self, source: str, k: int) -> int:
        place = self._place.get(source)
        if place is None:
            place = self._place[source] = self._first + len(self._place)
        return (place << K_BITS) | k

    def add(self, fields: dict[str, Any]) -> None:
        source = str(fields.get("source", ""))
        k = self._k[source] = self._k.get(source, -1) + 1
        date_num = S.date_number(str(fields.get("date") or ""))
        self._w.add_json(S.finish_json(S.document_json(S.record_of(fields)), self._p.claim(fields["text_hash"]), self._seq(source, k), date_num))

    def _add_line(self, ln: _Line, primary: bool) -> None:
        self._w.add_json(S.finish_json(ln.doc, primary, self._seq(ln.source, ln.k), ln.date_num))

    def delete_source(self, source: str) -> None:
        r = self._r
        if r is not None:
            q = r.primaries(tantivy.Query.term_query(r.schema, "source", source))
            for f in r.records(q):
                self._p.orphaned.add(f["text_hash"])
        self._p.deleted_sources.add(source)
        self._w.delete_documents_by_term("source", source)

    def plan_primaries(self, files: list[tuple[str, list[str]]], replacing: set[str]) -> dict[str, list[tuple[str, bool]]]:
        for src, _hashes in files:  # the order the run adds its files in
            self._seq(src, 0)
        p = _Primaries(self._r, self._p.deleted_sources | replacing)
        return {src: [(h, p.claim(h)) for h in hashes] for src, hashes in files}

    def add_segment(self, built: Any) -> None:
        """Add a spool file's passages (after this run's deletions), each primary copy
        decided again here in file order: a file that failed, or another worker's copy,
        may change what was planned."""
        if built is None:
            return
        if self._tail is not None:
            self._tail.drain()  # every builder has finished: the spool files are whole
            added = self._tail.planned.get(built.path)
            if added is not None and len(added) == built.count:
                # the tail added every line as planned: claimed again here in file order, and a
                # line read back only where its primary copy changed (a failed file, another
                # worker's copy of the text)
                changed = {k for k, (digest, planned) in enumerate(added) if self._p.claim(digest) != planned}
                if changed:
                    with open(built.path, encoding="utf-8") as fh:
                        for k, ln in enumerate(_lines(fh)):
                            if k in changed:
                                self._replace_line(ln)
                _remove_file(built.path)
                return
        with open(built.path, encoding="utf-8") as fh:
            for ln in _lines(fh):
                primary = self._p.claim(ln.digest)
                if self._tail is None:
                    self._add_line(ln, primary)
                elif primary != ln.planned:
                    self._replace_line(ln)
        _remove_file(built.path)

    def _replace_line(self, ln: _Line) -> None:
        """A spooled passage the tail added with its planned primary copy, added again with the other."""
        # a deletion reaches only what was added before it
        self._w.delete_documents_by_term("passage_id", _passage_id(ln.doc))
        self._add_line(ln, not ln.planned)

    def close(self) -> None:
        """Stop handing spool files to tantivy (the write failed)."""
        if self._tail is not None and self._tail.is_alive():
            self._tail._stop_at_end.set()
            self._tail.join()

    def finish(self) -> None:
        """Promote a remaining copy of every text whose primary copy went away."""
        if self._tail is not None:
            self._tail.drain()
        r = self._r
        if r is None:
            return
        for digest in sorted(self._p.orphaned - self._p.claimed):
            # the whole record: a hit's fields would write the copy without its attendance list and amounts by currency
            for f in r.records(tantivy.Query.term_query(r.schema, "text_hash", digest), whole=True):
                if f.get("source") in self._p.deleted_sources:
                    continue
                seq = _seq_of(r, f["passage_id"])
                self.readded.append(seq)
                self._w.delete_documents_by_term("passage_id", f["passage_id"])
                self._w.add_json(S.finish_json(S.document_json(f), True, seq, S.date_number(str(f.get("date") or ""))))
                self._p.claimed.add(digest)
                break


def _record_newer(store: Path, before: _Reading, w: TantivyWriter) -> None:
    """Record which passages of the store this run and the runs since its largest segment was
    written wrote (``_Reading.split``): from one segment, every place from this run's first on;
    from a store whose record held (or, kept by none, one found by its places), that record with
    what this run wrote again where it was. Otherwise there is none to keep (a record of a store
    it no longer describes would fail its check; removing it saves the check). A run killed
    between its commit and this leaves none: the next run finds one by its places when it can."""
    if before.searcher.num_segments <= 1:
        split: Split | None = Split(w.first_seq, tuple(sorted(set(w.readded))))
    else:
        held = before.split() or before.derive_split()
        # the lower of the two: a run whose earlier runs' passages are all gone again starts below them
        split = None if held is None else Split(min(held.base, w.first_seq), tuple(sorted(set(held.readded) | set(w.readded))))
    if split is None:
        _remove_file(store / NEWER_FILE)
    else:
        write_json(store / NEWER_FILE, {"from": split.base, "readded": list(split.readded)})


def _passage_id(doc: str) -> str:
    """The passage id of a spooled document (``schema.document_json``: its record comes first)."""
    return json.loads(json.loads(doc + "}")["record"])["passage_id"]


def _seq_of(r: _Reading, passage_id: str) -> int:
    hits = r.searcher.search(tantivy.Query.term_query(r.schema, "passage_id", passage_id), 1, count=False, order_by_field="seq").hits
    return int(hits[0][0]) if hits else 0


def _next_place(r: _Reading | None) -> int:
    """The place of the next file written into the index (see ``K_BITS``)."""
    if r is None or not r.searcher.num_docs:
        return 0
    hits = r.searcher.search(tantivy.Query.all_query(), 1, count=False, order_by_field="seq", order=tantivy.Order.Desc).hits
    return (int(hits[0][0]) >> K_BITS) + 1




def _store_number(name: str) -> int:
    tail = name[len(STORE_PREFIX):]
    return int(tail) if name.startswith(STORE_PREFIX) and tail.isdigit() else 0


@contextmanager
def _writing(b: TantivyBackend, rebuild: bool, wait: bool, on_wait: Callable[[int | None], None] | None) -> Iterator[TantivyWriter]:
    """A write transaction: commits when the block ends, leaves the index as it was on any error.

    Holds the index's writer lock throughout. A rebuild, and the first run, write
    a new store and swap it in when it is complete."""
    d = b.index_dir
    with writelock.hold(d, wait=wait, on_wait=on_wait), _disk_errors(d):
        meta = _read_meta(d)
        if meta and meta.get("backend", "whoosh") != TantivyBackend.name and not rebuild:
            raise PaperfinderError(
                f"the index at {d} was written by {meta.get('backend', 'whoosh')}, not tantivy",
                "pass --rebuild to rebuild it with tantivy",
            )
        current = meta.get("store") if meta.get("backend") == TantivyBackend.name else None
        # what a killed run left: with the lock held, no other write is running
        _remove_tree(d / SPOOL)
        for p in d.glob(STORE_PREFIX + "*"):
            if p.is_dir() and p.name != current and p.name != SPOOL:
                _remove_tree(p)
        fresh = rebuild or not current or not (d / str(current) / "meta.json").is_file()
        before: _Reading | None = None
        if fresh:
            number = max([_store_number(str(current or ""))] + [int(meta.get("stores", 0))]) + 1
            store = d / f"{STORE_PREFIX}{number}"
            store.mkdir()
            index = S.register(tantivy.Index(S.make_schema(), path=str(store), reuse=False))
        else:
            store = d / str(current)
            before = b._reading()
            index = S.register(tantivy.Index.open(str(store)))
        writer = index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        committed = swapped = False
        try:
            w = TantivyWriter(b, writer, before)
            try:
                yield w
                w.finish()
            finally:
                w.close()
            writer.commit()
            committed = True
            writer.wait_merging_threads()
            if before is not None:
                # inside the lock: the next run extends this record
                run_after_commit([lambda: _record_newer(store, before, w)])
            if fresh:
                _point_at(d, store)
                swapped = True
                _remove_replaced(d, meta, store)
        except BaseException:
            if not committed:
                writer.rollback()
            if fresh and not swapped:
                _remove_tree(store)
            raise
        finally:
            _remove_tree(d / SPOOL)
        run_after_commit(w._after)


def _compact(b: TantivyBackend, wait: bool, on_wait: Callable[[int | None], None] | None) -> int:
    d = b.index_dir
    with writelock.hold(d, wait=wait, on_wait=on_wait), _disk_errors(d):
        before = b._reading()
        if before.searcher.num_segments <= 1:
            return int(before.searcher.num_segments)
        meta = _read_meta(d)
        for p in d.glob(STORE_PREFIX + "*"):  # what a killed run left (the lock is held)
            if p.is_dir() and p != before.store:
                _remove_tree(p)
        old_generation = b.generation()
        store = d / f"{STORE_PREFIX}{max(_store_number(before.store.name), int(meta.get('stores', 0))) + 1}"
        store.mkdir()
        swapped = False
        try:
            index = S.register(tantivy.Index(S.make_schema(), path=str(store), reuse=False))
            writer = index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
            try:
                _copy_passages(before, writer)
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            writer.wait_merging_threads()
            _point_at(d, store)
            swapped = True
            _remove_tree(before.store)
        finally:
            if not swapped:
                _remove_tree(store)
        _carry_caches(b, old_generation)
        return b.segments()


def _copy_passages(r: _Reading, writer: tantivy.IndexWriter) -> None:
    """Every live passage of ``r`` added to ``writer`` as stored, in the order of its place."""
    for seq, addr in r.in_place_order(tantivy.Query.all_query()):
        doc = r.searcher.doc(addr)
        stored = doc.get_first("record")
        rec = json.loads(stored)
        writer.add_json(S.finish_json(S.document_json(rec, stored), bool(doc.get_first("primary")), seq,
                                      S.date_number(str(rec.get("date") or ""))))


def _carry_caches(b: TantivyBackend, old_generation: int) -> None:
    """The caches of the generation a compaction replaced, kept for the new one: its passages are the same."""
    generation = b.generation()
    for name in (VALUES_FILE, PEOPLE_FILE):
        try:
            cached = json.loads((b.index_dir / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(cached, dict) and cached.get("backend") == b.name and cached.get("generation") == old_generation:
            write_json(b.index_dir / name, {**cached, "generation": generation})


def _point_at(d: Path, store: Path) -> None:
    """Make ``store`` the index's: one rename of the metadata (readers see the old store or this one)."""
    write_json(d / META_FILE, {"backend": TantivyBackend.name, "schema_version": S.SCHEMA_VERSION, "store": store.name,
                               "stores": _store_number(store.name)}, indent=1)


def _remove_replaced(d: Path, old_meta: dict[str, Any], store: Path) -> None:
    """Remove the store (or a whoosh index's files) ``store`` replaced."""
    old = old_meta.get("store") if old_meta.get("backend") == TantivyBackend.name else None
    if old and old != store.name:
        _remove_tree(d / str(old))
    if old_meta and old_meta.get("backend", "whoosh") != TantivyBackend.name:
        for f in os.listdir(d):
            if f.startswith(_WHOOSH_FILES):
                _remove_file(d / f)
        for f in (VALUES_FILE, PEOPLE_FILE):  # the other backend's caches: counted again after the commit
            _remove_file(d / f)


@contextmanager
def _disk_errors(d: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno not in DISK_FULL:
            raise
        raise IndexWriteError(
            f"cannot write the index at {d}: {exc.strerror or exc}; the index is as it was before this run",
            "free some space, then run again",
        ) from exc
