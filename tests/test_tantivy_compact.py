"""A tantivy index written again as one segment (issue 17, ``paperfinder index --compact``).

A first run writes one segment (``WRITER_HEAP`` holds up to ~700,000 passages), every later run
adds one, and a query's facets cost per segment. Compaction writes the live passages again from
their stored records into a new store and swaps it in: hits, totals and facet counts must stay
as they were, later runs must update it as any index, and an interrupted compaction must leave
the index as it was.
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

from .test_backends_contract import _cli, _write, corpus_records  # noqa: F401  (a fixture, the run's writer, the command)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FACETS = ("authority", "year", "people", "kinds", "doc_type", "section_type")
W = Q.Word
CASES = [
    (W("fostering"), None),
    (Q.Phrase(("social", "work")), None),
    (W("children"), None),
    (Q.Every(), None),
    (W("budget"), Q.ValueSet("doc_type", frozenset({"committee_report"}))),
    (W("council"), Q.ValueSet("year", frozenset({"2016"}))),
]


def _two_segments(index_dir: Path, records: list[dict]):
    mp = pytest.MonkeyPatch()
    mp.setattr(TB, "WRITER_THREADS", 2)  # a writer with two threads writes two segments of the 621 passages
    try:
        return _write("tantivy", index_dir, records)
    finally:
        mp.undo()


def _results(b) -> list:
    out = []
    for q, filt in CASES:
        total, hits, counts = b.run_query(q, filter_q=filt, limit=20, facets=FACETS)
        out.append((total, [h.fields["passage_id"] for h in hits], {f: list(c.items()) for f, c in counts.items()}))
    return out


def test_compaction_leaves_one_segment_with_the_same_hits_totals_and_facets(tmp_path, corpus_records):  # noqa: F811
    b = _two_segments(tmp_path / "ix", corpus_records)
    assert b.segments() == 2
    store = json.loads((tmp_path / "ix" / "paperfinder.json").read_text())["store"]
    before = _results(b)
    scores = [h.score for h in b.run_query(W("children"), limit=20)[1]]
    values = json.loads((tmp_path / "ix" / TB.VALUES_FILE).read_text())
    assert values["generation"] == b.generation()

    assert b.compact() == 1
    b = get_backend("tantivy")(tmp_path / "ix")
    assert b.segments() == 1
    assert b._reading().searcher.num_docs == 621  # type: ignore[attr-defined]
    assert _results(b) == before
    assert [r[0] for r in before] == [18, 38, 409, 592, 11, 45]
    # BM25's statistics are those of the same passages: scores move in their last digits at most
    assert [h.score for h in b.run_query(W("children"), limit=20)[1]] == pytest.approx(scores, rel=1e-5)
    # the replaced store is gone, and the facet counts' cache is carried to the new generation
    assert [p.name for p in (tmp_path / "ix").glob("tantivy-*")] == ["tantivy-2"] != [store]
    carried = json.loads((tmp_path / "ix" / TB.VALUES_FILE).read_text())
    assert carried["generation"] == b.generation() != values["generation"]
    assert carried["fields"] == values["fields"]
    assert b.compact() == 1  # one segment already: nothing written
    assert [p.name for p in (tmp_path / "ix").glob("tantivy-*")] == ["tantivy-2"]


def test_an_interrupted_compaction_leaves_the_index_as_it_was(tmp_path, corpus_records, monkeypatch):  # noqa: F811
    b = _two_segments(tmp_path / "ix", corpus_records)
    before, generation = _results(b), b.generation()
    copy = TB._copy_passages

    def interrupted(r, writer):
        copy(r, writer)  # every passage added to the new store, not yet committed
        raise KeyboardInterrupt

    monkeypatch.setattr(TB, "_copy_passages", interrupted)
    with pytest.raises(KeyboardInterrupt):
        b.compact()
    monkeypatch.undo()
    b = get_backend("tantivy")(tmp_path / "ix")
    assert (b.segments(), b.generation()) == (2, generation)
    assert [p.name for p in (tmp_path / "ix").glob("tantivy-*")] == ["tantivy-1"]  # the new store removed
    assert _results(b) == before
    assert b.compact() == 1 and _results(get_backend("tantivy")(tmp_path / "ix")) == before


def test_index_runs_then_compact_and_update_the_compacted_index(tmp_path):
    papers = tmp_path / "papers"
    shutil.copytree(CORPUS, papers)
    ix = tmp_path / "ix"
    report = index_paths([papers], ix, backend="tantivy", workers=1)
    b = get_backend("tantivy")(ix)
    assert (report.passages, report.segments, b.segments()) == (621, None, 1)  # a first run: one segment
    first = sorted(papers.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nThe zanzibarite grant was approved.\n", encoding="utf-8")
    index_paths([papers], ix, workers=1)
    assert b.segments() == 2  # an update adds a segment of its own
    hit = b.run_query(W("zanzibarite"))
    assert hit[0] == 1 and hit[1][0].fields["source"].endswith(first.name)
    before = _results(b)

    report = index_paths([papers], ix, workers=1, compact=True)  # nothing changed: compaction only
    assert (report.changed, report.segments, b.segments()) == (False, 1, 1)
    assert _results(b) == before
    # the compacted index is updated as any: the changed file replaced, the others kept
    first.write_text(first.read_text(encoding="utf-8").replace("zanzibarite", "quokkanite"), encoding="utf-8")
    report = index_paths([papers], ix, workers=1, compact=True)
    assert (report.updated, report.segments, b.segments()) == (1, 1, 1)
    assert b.run_query(W("zanzibarite"))[0] == 0
    total, hits, _ = b.run_query(W("quokkanite"))
    assert total == 1 and hits[0].fields["source"].endswith(first.name)
    assert [r[0] for r in _results(b)] == [r[0] for r in before]


def test_compact_from_the_command_line(tmp_path):
    paper = str(sorted(CORPUS.glob("000_*"))[0])
    ix = str(tmp_path / "ix")
    r = _cli("index", paper, "--index", ix, "-q")  # whoosh, the default
    assert r.returncode == 0
    r = _cli("index", paper, "--index", ix, "-q", "--compact")
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "error: --compact is for a tantivy index; this one is whoosh's, which merges its segments itself (run again without --compact)"]
    ix = str(tmp_path / "tv")
    r = _cli("index", paper, "--index", ix, "-q", "--backend", "tantivy", "--compact")
    assert r.returncode == 0
    assert r.stderr.strip().splitlines()[-1] == "compacted: the index is 1 segment"
    assert json.loads(_cli("search", "Westminster", "--index", ix, "--format", "json").stdout)["total"] == 2
