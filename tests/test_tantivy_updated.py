"""A tantivy index as users keep it: updated after its first run (issue 17).

A first run writes one segment; every later run adds one of its own, and a query's top facet
values cost per segment. Each run records which passages it wrote (``NEWER_FILE``: places from
its first on, and copies made primary where they were), the reading proves that record against
the store segment by segment (``_Reading.split``), and a facet's top values are then taken from
the largest segment's top ones plus every value of the newer passages, in one aggregation. The
results must be those of the same passages in one segment (the index compacted), whatever the
record says: a record that does not hold is not used.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from paperfinder.backends.tantivy import backend as TB
from paperfinder.index.build import index_paths
from paperfinder.search import query as Q
from paperfinder.search.backend import get_backend

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FACETS = ("authority", "year", "people", "kinds", "doc_type", "section_type")
W = Q.Word
CASES = [
    (W("children"), None),  # broad: most passages
    (W("fostering"), None),
    (Q.Phrase(("social", "work")), None),
    (W("council"), Q.ValueSet("year", frozenset({"2016"}))),
    (W("budget"), Q.ValueSet("doc_type", frozenset({"committee_report"}))),
    (W("zanzibarite"), None),  # only in the newer passages
]


def _results(b, top: int, hits: bool = True) -> list:
    """Each case's total, hits (``hits``) and top facet values with the passages left out.
    Hits are compared on one index only: BM25's statistics count deleted passages until a
    compaction, so a compacted copy's scores differ in their last digits."""
    out = []
    for q, filt in CASES:
        total, found, counts = b.run_query(q, filter_q=filt, limit=20, facets=FACETS, facet_top=top)
        out.append((total, [h.fields["passage_id"] for h in found] if hits else None,
                    {f: (list(c.items()), c.more_passages) for f, c in counts.items()}))
    return out


def _compacted(ix: Path, tmp: Path):
    copy = tmp / "compacted"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ix, copy, ignore=shutil.ignore_patterns("write.lock"))
    b = get_backend("tantivy")(copy)
    assert b.compact() == 1
    return b


@pytest.fixture(autouse=True)
def split_every_query(monkeypatch):
    """Split whatever a query matches (the bundled papers are too few for the share)."""
    monkeypatch.setattr(TB, "SPLIT_SHARE", 0)


@pytest.fixture(scope="module")
def updated(tmp_path_factory):
    """The bundled papers indexed, then two updates: the report held twice changed where its
    primary copy is (so the other copy's passage is made primary where it is), then another paper."""
    tmp = tmp_path_factory.mktemp("updated")
    papers = tmp / "papers"
    shutil.copytree(CORPUS, papers)
    ix = tmp / "ix"
    index_paths([papers], ix, backend="tantivy", workers=1)
    b = get_backend("tantivy")(ix)
    assert b.segments() == 1
    r = b._reading()
    # the passages held twice: the first file holding each is its primary copy
    twice = {d for d, n in r.counts("text_hash", TB.tantivy.Query.all_query()).items() if n > 1}
    primaries = sorted(r.counts("source", r.primaries(TB.tantivy.Query.term_set_query(r.schema, "text_hash", sorted(twice)))))
    # the smaller paper (an update changes a few papers of many: the first run's segment stays the largest)
    size = r.counts("source", TB.tantivy.Query.all_query())
    first = Path(min(primaries, key=size.__getitem__))
    lines = first.read_text(encoding="utf-8").split("\n")
    # the paper's long lines changed: the old texts' other copies become the primary ones
    first.write_text("\n".join(ln + " The zanzibarite grant was approved." if len(ln) > 80 else ln for ln in lines), encoding="utf-8")
    index_paths([papers], ix, workers=1)
    return b, ix, papers, tmp, first


def test_an_update_records_its_passages_and_the_record_is_proven(updated):
    b, ix, _papers, _tmp, first = updated
    r = b._reading()
    assert b.segments() == 2
    split = r.split()
    assert split is not None
    kept = json.loads((r.store / TB.NEWER_FILE).read_text())
    assert (kept["from"], kept["readded"]) == (split.base, list(split.readded))
    # passages made primary where they were (the changed ones' other copies), the rest the new segment's
    assert len(split.readded) >= 1
    big = max(range(2), key=r.alive.__getitem__)
    newer = r.searcher.search(split.newer(r.schema), 1000, count=True)
    assert newer.count == sum(r.alive) - r.alive[big]
    assert {a.segment_ord for _, a in newer.hits} == {1 - big}
    # the changed paper's passages, and the copies made primary in other files
    sources = {r.fields(a)["source"] for _, a in newer.hits}
    assert str(first) in sources and len(sources) >= 2


@pytest.mark.parametrize("top", [3, 30])
def test_an_updated_index_gives_the_facets_of_the_same_passages_in_one_segment(updated, top, monkeypatch):
    b, ix, _papers, tmp, _first = updated
    got = _results(b, top)
    assert _results(b, top, hits=False) == _results(_compacted(ix, tmp), top, hits=False)
    assert [g[0] for g in got] == [416, 18, 40, 45, 11, 16]
    # the top people of a broad query come from the split (several segments no longer count every value)
    r = b._reading()
    q = TB.tantivy.Query.boolean_query([(TB._MUST, r.compiler.compile(W("children"))), (TB._NOT, r.copies)])  # as run_query asks
    tops = r.facet_top(("people",), q, top, lambda f: b._values(r, f), broad=True, matches=416)
    assert r.facet_top(("people",), q, top, lambda f: b._values(r, f), broad=True) is not None
    assert tops is not None and list(tops["people"].items()) == got[0][2]["people"][0]
    # below SPLIT_SHARE every segment lists every value, as before: the same results, hits too
    monkeypatch.setattr(TB, "SPLIT_SHARE", 2)
    assert r.facet_top(("people",), q, top, lambda f: b._values(r, f), broad=True, matches=416) is None
    assert _results(b, top) == got


def test_a_record_that_does_not_hold_is_not_used(updated, monkeypatch):
    b, ix, _papers, tmp, _first = updated
    expected = _results(b, 3)
    store = b._reading().store
    kept = (store / TB.NEWER_FILE).read_text()
    try:
        (store / TB.NEWER_FILE).write_text(json.dumps({**json.loads(kept), "readded": []}))
        fresh = TB._Reading(store, b._reading().stamp)
        assert fresh.split() is None  # the copy made primary where it was is outside the record
        monkeypatch.setattr(TB.TantivyBackend, "_reading", lambda self: fresh)
        assert _results(b, 3) == expected
    finally:
        (store / TB.NEWER_FILE).write_text(kept)


def test_a_second_update_extends_the_record(updated):
    b, ix, papers, tmp, _first = updated
    before = b._reading().split()
    assert before is not None
    other = sorted(papers.glob("*.txt"))[3]  # a report of 25 passages
    other.write_text(other.read_text(encoding="utf-8").rstrip() + " The quokkanite levy was deferred.\n", encoding="utf-8")
    index_paths([papers], ix, workers=1)
    r = b._reading()
    split = r.split()
    assert r.searcher.num_segments == 3
    assert split is not None and split.base == before.base and set(before.readded) <= set(split.readded)
    assert _results(b, 3, hits=False) == _results(_compacted(ix, tmp), 3, hits=False)
    assert b.run_query(W("quokkanite"))[0] == 1


def test_a_store_updated_without_a_record_is_split_by_its_places(tmp_path):
    """An index updated by a version that kept no record: the next run finds the newer passages
    as those at the highest places, which holds when no copy was made primary where it was."""
    papers = tmp_path / "papers"
    shutil.copytree(CORPUS, papers)
    ix = tmp_path / "ix"
    index_paths([papers], ix, backend="tantivy", workers=1)
    paper = sorted(papers.glob("*.txt"))[3]  # a report of 25 passages, none of them held twice
    paper.write_text(paper.read_text(encoding="utf-8").rstrip() + " The quokkanite levy was deferred.\n", encoding="utf-8")
    index_paths([papers], ix, workers=1)
    b = get_backend("tantivy")(ix)
    r = b._reading()
    recorded = r.split()
    assert recorded is not None and recorded.readded == () and r.derive_split() == recorded
    (r.store / TB.NEWER_FILE).unlink()
    fresh = TB._Reading(r.store, r.stamp)
    assert fresh.split() is None and fresh.derive_split() == recorded
    assert fresh.searcher.search(recorded.newer(fresh.schema), 100, count=True).count == 25
