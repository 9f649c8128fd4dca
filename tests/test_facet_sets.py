"""The tantivy backend's person facet counted from the passages' people sets (issue 17):
each set a query matches adds its count to its names. The counts must be those of
counting every matching passage's names, as the backend did before (and whoosh does)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperfinder.backends.tantivy import schema as S
from paperfinder.errors import IndexCorruptError
from paperfinder.search import query as Q
from paperfinder.search.backend import SearchBackend, get_backend
from paperfinder.search.service import Filters, search

from .test_backends_contract import _write, corpus_records, tantivy_index  # noqa: F401  (fixtures, and the writer)

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
def tantivy_ix(tmp_path_factory, corpus_records) -> SearchBackend:  # noqa: F811
    return _write("tantivy", tmp_path_factory.mktemp("facet-sets"), corpus_records)


def _names_counted(b: SearchBackend, q: Q.Node, filt: Q.Node | None) -> dict[str, int]:
    """The person facet as counted before: a terms aggregation over every matching passage's names."""
    import tantivy

    r = b._reading()  # type: ignore[attr-defined]
    clauses = [(tantivy.Occur.Must, r.compiler.compile(q)), (tantivy.Occur.MustNot, r.copies)]
    if filt is not None:
        clauses.append((tantivy.Occur.Must, r.compiler.compile(filt)))
    found = r.searcher.aggregate(tantivy.Query.boolean_query(clauses),
                                 {"p": {"terms": {"field": "people", "size": 2**31 - 1, "order": {"_key": "asc"}}}})
    return {bk["key"]: bk["doc_count"] for bk in found["p"]["buckets"]}


@pytest.mark.parametrize("q,filt", CASES, ids=[str(i) for i in range(len(CASES))])
def test_person_counts_from_sets_equal_counting_every_name(tantivy_ix, q, filt):
    total, _, counts = tantivy_ix.run_query(q, filter_q=filt, limit=0, facets=FACETS)
    expected = _names_counted(tantivy_ix, q, filt)
    assert total > 0 and expected
    assert counts["people"] == expected
    assert list(counts["people"]) == sorted(expected)  # by name, as the other facets come


def test_person_counts_are_the_papers(tantivy_ix):
    total, _, counts = tantivy_ix.run_query(W("children"), limit=0, facets=("people",))
    people = counts["people"]
    assert total == 409
    assert (people["Clare Chamberlain"], people["Steve Bywater"], people["Sue Fennimore"]) == (289, 204, 84)
    assert (len(people), sum(people.values())) == (len(_names_counted(tantivy_ix, W("children"), None)),
                                                   sum(_names_counted(tantivy_ix, W("children"), None).values()))


def test_same_facets_as_whoosh_through_the_search_service(corpus_index, tantivy_index):  # noqa: F811
    tix = tantivy_index
    for query, filters in [("children", {}), ("funding", {"doc_type": "committee_report"}), ("*", {}),
                           ("budget", {"min_amount": 1000})]:
        w, t = (search(query, ix, filters=Filters(**filters), facets=["person", "authority", "year"]) for ix in (corpus_index, tix))
        assert (t.total, t.facets) == (w.total, w.facets)
        assert list(t.facets["person"]) == list(w.facets["person"])  # the same order (by count, then name)


def test_a_long_set_is_split_into_parts_holding_each_name_once():
    names = [f"Person {i:05d}" for i in range(3000)]  # 13 bytes each, 39,000 bytes together
    parts = S.value_sets(names + names[:10])
    assert len(parts) == 3
    assert all(len(p.encode("utf-8")) <= S.SET_BYTES for p in parts)
    assert [n for p in parts for n in p.split(S.SET_SEP)] == names
    assert S.value_sets(["B", "A", "B"]) == ["A\x1fB"]


def test_an_index_of_the_schema_before_sets_asks_for_a_rebuild(tantivy_ix):
    d = Path(tantivy_ix.index_dir)
    meta = json.loads((d / "paperfinder.json").read_text())
    assert meta["schema_version"] == S.SCHEMA_VERSION == 3
    (d / "paperfinder.json").write_text(json.dumps({**meta, "schema_version": 2}))
    try:
        with pytest.raises(IndexCorruptError) as err:
            get_backend("tantivy")(d).run_query(W("children"), limit=1)
        assert "tantivy schema 2, need 3" in str(err.value) and "--rebuild" in str(err.value)
    finally:
        (d / "paperfinder.json").write_text(json.dumps(meta))
