"""The tantivy index is written by one indexing thread (issue 17): a first run gives one
segment, not one per thread, which makes facets cheaper (each segment's values are
looked up and merged). Hits, totals and facet counts must be those of the two-segment
index the backend wrote before."""

from __future__ import annotations

import pytest

from paperfinder.backends.tantivy import backend as TB
from paperfinder.search import query as Q
from paperfinder.search.backend import SearchBackend

from .test_backends_contract import _write, corpus_records  # noqa: F401  (a fixture, and the run's writer)

FACETS = ("authority", "year", "people", "kinds", "doc_type", "section_type")
W = Q.Word
# (query, filter): narrow and broad (most passages match: counted as those left out), filtered
CASES = [
    (W("fostering"), None),
    (Q.Phrase(("social", "work")), None),
    (W("children"), None),
    (W("the", fields=("exact",)), None),
    (Q.Every(), None),
    (W("budget"), Q.ValueSet("doc_type", frozenset({"committee_report"}))),
    (Q.Or((W("budget"), W("placements"))), Q.ValueSet("authority", frozenset({"Hammersmith and Fulham"}))),
    (W("council"), Q.ValueSet("year", frozenset({"2016"}))),
]


@pytest.fixture(scope="module")
def one_and_two(tmp_path_factory, corpus_records) -> tuple[SearchBackend, SearchBackend]:  # noqa: F811
    one = _write("tantivy", tmp_path_factory.mktemp("one-thread"), corpus_records)
    mp = pytest.MonkeyPatch()
    mp.setattr(TB, "WRITER_THREADS", 2)  # as the backend wrote before
    try:
        two = _write("tantivy", tmp_path_factory.mktemp("two-threads"), corpus_records)
    finally:
        mp.undo()
    return one, two


def test_a_first_run_writes_one_segment(one_and_two):
    one, two = one_and_two
    assert [b._reading().searcher.num_segments for b in (one, two)] == [1, 2]  # type: ignore[attr-defined]
    assert [b._reading().searcher.num_docs for b in (one, two)] == [621, 621]  # type: ignore[attr-defined]


@pytest.mark.parametrize("q,filt", CASES, ids=[str(i) for i in range(len(CASES))])
def test_same_hits_totals_and_facets_as_two_segments(one_and_two, q, filt):
    one, two = one_and_two
    (t1, h1, c1), (t2, h2, c2) = (b.run_query(q, filter_q=filt, limit=20, facets=FACETS) for b in (one, two))
    assert t1 == t2 > 0
    assert [(h.fields["passage_id"], h.score) for h in h1] == [(h.fields["passage_id"], h.score) for h in h2]
    assert c1 == c2
    assert {f: list(c) for f, c in c1.items()} == {f: list(c) for f, c in c2.items()}  # the same order: by value


def test_person_counts_are_the_papers(one_and_two):
    one, _ = one_and_two
    total, _, counts = one.run_query(W("children"), limit=0, facets=("people", "authority"))
    people = counts["people"]
    assert total == 409
    assert (people["Clare Chamberlain"], people["Steve Bywater"], people["Sue Fennimore"]) == (289, 204, 84)
    assert counts["authority"] == {"Hammersmith and Fulham": 402, "Westminster": 7}
