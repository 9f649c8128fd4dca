"""A search's facets list their most frequent values only, the rest counted (issue 17:
a broad query's person facet holds thousands of names, and tantivy's cost was turning
every one of them into a string). The values listed and their counts must be the first
ones of the full count, on both backends, and on a tantivy index of several segments
(whose per-segment lists an aggregation cuts before merging them)."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from paperfinder.backends.tantivy import backend as TB
from paperfinder.cli import app
from paperfinder.search import query as Q
from paperfinder.search.backend import FacetCounts, SearchBackend, top_values
from paperfinder.search.service import search
from paperfinder.web.app import create_app

from .test_backends_contract import _write, corpus_records  # noqa: F401  (a fixture, and the run's writer)

FACETS = ("authority", "year", "people", "kinds", "doc_type", "section_type")
W = Q.Word
CASES = [
    (W("fostering"), None),
    (W("children"), None),  # broad: 409 of 592 primary passages
    (W("the", fields=("exact",)), None),
    (Q.Every(), None),
    (W("budget"), Q.ValueSet("doc_type", frozenset({"committee_report"}))),
    (W("council"), Q.ValueSet("year", frozenset({"2016"}))),
]


@pytest.fixture(scope="module")
def backends(tmp_path_factory, corpus_records) -> dict[str, SearchBackend]:  # noqa: F811
    out = {name: _write(name, tmp_path_factory.mktemp(f"top-{name}"), corpus_records) for name in ("whoosh", "tantivy")}
    mp = pytest.MonkeyPatch()
    mp.setattr(TB, "WRITER_THREADS", 2)  # two segments
    try:
        out["tantivy, 2 segments"] = _write("tantivy", tmp_path_factory.mktemp("top-two"), corpus_records)
    finally:
        mp.undo()
    return out


def _as_tuple(c: FacetCounts) -> tuple:
    return list(c.items()), c.more_values, c.more_passages


@pytest.mark.parametrize("top", [1, 3, 8])
@pytest.mark.parametrize("q,filt", CASES, ids=[str(i) for i in range(len(CASES))])
def test_top_values_are_the_first_of_the_full_count(backends, q, filt, top):
    full = backends["whoosh"].run_query(q, filter_q=filt, limit=0, facets=FACETS)[2]
    for name, b in backends.items():
        total, _, got = b.run_query(q, filter_q=filt, limit=0, facets=FACETS, facet_top=top)
        assert total > 0
        for f in FACETS:
            want = top_values(full[f], top)
            c = got[f]
            assert isinstance(c, FacetCounts)
            # values, counts and their order (most first, ties by value) are exact on every backend
            assert list(c.items()) == list(want.items()), (name, f)
            assert c.more_passages == want.more_passages, (name, f)
            if c.values_estimated:
                # tantivy's estimate of how many values it did not name (where it did not name them all)
                assert abs(c.more_values - want.more_values) <= max(2, want.more_values // 20), (name, f)
            else:
                assert c.more_values == want.more_values, (name, f)


def test_children_person_facet(backends):
    for name, b in backends.items():
        total, _, got = b.run_query(W("children"), limit=0, facets=("people", "authority"), facet_top=3)
        assert total == 409
        assert list(got["people"].items()) == [("Clare Chamberlain", 289), ("Steve Bywater", 204), ("Sue Fennimore", 84)], name
        assert got["authority"] == {"Hammersmith and Fulham": 402, "Westminster": 7}
        assert (got["authority"].more_values, got["authority"].more_passages) == (0, 0)
        # 55 people named in 1,198 (passage, person) pairs
        assert (got["people"].more_values, got["people"].more_passages) == (52, 1198 - 289 - 204 - 84), name


@pytest.mark.parametrize("top", [1, 2, 5, 20, 58, 59, 60, None])
def test_top_values_by_heap_is_the_full_sort(backends, top):
    """``top_values`` takes the first values by a heap: the same values, order (most first, ties by
    value) and counts left out as sorting every value, on the 59 people of the bundled papers (runs of
    equal counts among them), given in the order of the values or not."""
    full = backends["whoosh"].run_query(W("the", fields=("exact",)), limit=0, facets=("people",))[2]["people"]
    assert len(full) == 59 and len(set(full.values())) < 59
    ranked = sorted(full, key=lambda v: (-full[v], v))
    shown = ranked if top is None else ranked[:top]
    for counts in (dict(sorted(full.items())), dict(sorted(full.items(), reverse=True))):
        got = top_values(counts, top)
        assert list(got.items()) == [(v, full[v]) for v in shown]
        assert (got.more_values, got.more_passages) == (len(ranked) - len(shown), sum(full[v] for v in ranked[len(shown):]))


def test_ties_at_the_cut_are_ordered_by_value(backends, monkeypatch):
    """No values past the top ones asked for: the last one shown ties with values the
    aggregation cut, and more are asked for until the tie is settled by value."""
    monkeypatch.setattr(TB, "TOP_MARGIN", 0)
    full = backends["whoosh"].run_query(W("the", fields=("exact",)), limit=0, facets=("people",))[2]["people"]
    counts = sorted(full.values(), reverse=True)
    # a cut inside a run of equal counts
    top = next(i for i in range(1, len(counts)) if counts[i - 1] == counts[i])
    got = backends["tantivy"].run_query(W("the", fields=("exact",)), limit=0, facets=("people",), facet_top=top)[2]["people"]
    assert list(got.items()) == list(top_values(full, top).items())


@pytest.mark.parametrize("q", [W("children"), W("the", fields=("exact",)), W("council")], ids=str)
def test_two_segments(backends, q):
    """tantivy cuts each segment's list before merging them: on two segments each lists every
    value it holds (or, for a broad query, every value is counted); the top ones are those of
    the full count."""
    b = backends["tantivy, 2 segments"]
    assert b._reading().searcher.num_segments == 2  # type: ignore[attr-defined]
    full = backends["whoosh"].run_query(q, limit=0, facets=("people", "year"))[2]
    for top in (2, 5, 12):
        got = b.run_query(q, limit=0, facets=("people", "year"), facet_top=top)[2]
        for f in ("people", "year"):
            want = top_values(full[f], top)
            assert list(got[f].items()) == list(want.items()), (f, top)
            assert got[f].more_passages == want.more_passages
            if not got[f].values_estimated:
                assert got[f].more_values == want.more_values


def test_a_cut_segment_list_is_counted_in_full(backends, monkeypatch):
    """Where a segment's list was cut all the same (tantivy's bound on what the cuts left out
    is not 0), every value is counted: exact, the values left out too."""
    monkeypatch.setattr(TB, "TOP_MARGIN", 0)
    monkeypatch.setattr(TB, "SEGMENT_LIST", 1)
    full = backends["whoosh"].run_query(W("council"), limit=0, facets=("people",))[2]["people"]
    # 42 people: one of the two segments holds at least 21, more than a list of 2 keeps
    assert len(full) == 42
    got = backends["tantivy, 2 segments"].run_query(W("council"), limit=0, facets=("people",), facet_top=2)[2]["people"]
    assert _as_tuple(got) == _as_tuple(top_values(full, 2))
    assert not got.values_estimated


def test_search_result_and_json(backends):
    d = backends["tantivy"].index_dir
    res = search("children", d, facets=["person", "authority"], facet_top=2, limit=1)
    assert res.facets["person"] == {"Clare Chamberlain": 289, "Steve Bywater": 204}
    assert res.facets["authority"] == {"Hammersmith and Fulham": 402, "Westminster": 7}
    out = res.to_dict()
    assert out["facets"]["person"] == {"Clare Chamberlain": 289, "Steve Bywater": 204}
    full = search("children", backends["whoosh"].index_dir, facets=["person"], facet_top=None, limit=1).facets["person"]
    more = out["facets_more"]["person"]
    assert more["passages"] == sum(full.values()) - 289 - 204
    assert "authority" not in out["facets_more"]  # nothing left out
    w = search("children", backends["whoosh"].index_dir, facets=["person", "authority"], facet_top=2, limit=1).to_dict()
    assert w["facets"] == out["facets"]
    assert w["facets_more"] == {"person": {"values": len(full) - 2, "passages": more["passages"]}}


def test_cli_text_and_json(backends):
    d = str(backends["whoosh"].index_dir)
    runner = CliRunner()
    r = runner.invoke(app, ["search", "children", "--index", d, "--facet", "person", "--facet-top", "2", "--limit", "1"])
    assert r.exit_code == 0, r.output
    full = search("children", d, facets=["person"], facet_top=None, limit=1).facets["person"]
    assert "Clare Chamberlain (289), Steve Bywater (204)" in r.output
    assert f"and {len(full) - 2:,} more names in {sum(full.values()) - 493:,} passages" in r.output
    r = runner.invoke(app, ["search", "children", "--index", d, "--facet", "person", "--facet-top", "2", "--format", "json"])
    out = json.loads(r.stdout)
    assert out["facets"] == {"person": {"Clare Chamberlain": 289, "Steve Bywater": 204}}
    assert out["facets_more"] == {"person": {"values": len(full) - 2, "passages": sum(full.values()) - 493}}


def test_web_page_shows_the_top_values(backends):
    d = backends["tantivy"].index_dir
    full = search("children", backends["whoosh"].index_dir, facets=["person"], facet_top=None, limit=1).facets["person"]
    with TestClient(create_app(d), raise_server_exceptions=False) as c:
        page = c.get("/", params={"q": "children"}).text
    assert 'data-value="Clare Chamberlain"' in page and 'data-count="289"' in page
    if len(full) > 50:
        assert f'data-left-out="{len(full) - 50}"' in page
    else:
        assert "data-left-out" not in page
