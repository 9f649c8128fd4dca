"""Filters, facets, loose names and query syntax on the bundled corpus."""

from __future__ import annotations

import pytest

from paperfinder.errors import QueryError, ResolveError
from paperfinder.ingest import read_documents
from paperfinder.money import find_money
from paperfinder.search import Filters, facet_values, search
from paperfinder.sections import passages_of, text_hash

from .conftest import CORPUS


@pytest.fixture(scope="module")
def truth():
    """Every passage of the corpus with its document, computed without the index."""
    rows = []
    for path in sorted(CORPUS.glob("*.txt")):
        for doc in read_documents(path):
            for p in passages_of(doc):
                rows.append((doc, p))
    return rows


def _distinct(rows):
    return len({text_hash(p.text) for _d, p in rows})


def _all(index, **kw):
    return search("", index, filters=Filters(**kw), limit=None, snippets=False, where_else=False)


def test_every_passage_is_counted(corpus_index, truth):
    assert _all(corpus_index).total == _distinct(truth)


@pytest.mark.parametrize("value", ["Westminster", "WCC", "City of Westminster", "westminster"])
def test_authority_filter_with_loose_names(corpus_index, truth, value):
    res = _all(corpus_index, authority=value)
    assert res.resolved["authority"] == "Westminster"
    assert res.total == _distinct([(d, p) for d, p in truth if d.authority == "Westminster"]) == 16
    assert {h.authority for h in res.hits} == {"Westminster"}


@pytest.mark.parametrize("value", ["hammersmith", "LBHF", "H&F", "Hammersmith & Fulham"])
def test_authority_aliases_reach_hammersmith_and_fulham(corpus_index, value):
    res = search("fostering", corpus_index, filters=Filters(authority=value))
    assert res.resolved["authority"] == "Hammersmith and Fulham"
    assert res.total > 0 and {h.authority for h in res.hits} == {"Hammersmith and Fulham"}


def test_authority_known_but_not_in_index_is_a_clear_error(corpus_index):
    with pytest.raises(ResolveError) as exc:
        search("x", corpus_index, filters=Filters(authority="Camden"))
    assert "Camden" in str(exc.value) and "no papers" in str(exc.value)


def test_date_filters_and_sort(corpus_index, truth):
    res = _all(corpus_index, since="2020-01-01")
    assert res.total == _distinct([(d, p) for d, p in truth if d.date and d.date >= "2020-01-01"])
    assert {h.date for h in res.hits} == {"2020-12-30", "2021-01-04"}
    res = _all(corpus_index, until="2014-12-31")
    assert {h.source.split("/")[-1][:3] for h in res.hits} == {"003"}
    newest = search("children", corpus_index, sort="newest", limit=50).hits
    assert [h.date for h in newest] == sorted((h.date for h in newest), reverse=True)
    oldest = search("children", corpus_index, sort="oldest", limit=5).hits
    assert oldest[0].date == "2014-11-03"


def test_doc_type_and_section_type_filters(corpus_index, truth):
    res = _all(corpus_index, doc_type="minutes")
    assert res.total == _distinct([(d, p) for d, p in truth if d.doc_type == "minutes"])
    assert {h.doc_type for h in res.hits} == {"minutes"}
    res = _all(corpus_index, section_type="recommendations")
    assert res.total == _distinct([(d, p) for d, p in truth if p.section_type == "recommendations"])
    assert {h.section_type for h in res.hits} == {"recommendations"}


def test_amount_filters_match_the_money_in_each_passage(corpus_index, truth):
    def amounts(text):
        return [m[3] for m in find_money(text) if m[4] == "GBP"]

    res = _all(corpus_index, min_amount=1_000_000)
    for h in res.hits:
        assert max(e.value for e in h.entities if e.label == "MONEY") >= 1_000_000
    expected = {text_hash(p.text) for _d, p in truth if any(a >= 1_000_000 for a in amounts(p.text))}
    got = {text_hash(h.text) for h in res.hits}
    assert got == expected
    res = _all(corpus_index, min_amount=100_000, max_amount=150_000)
    assert res.total > 0
    for h in res.hits:
        assert any(100_000 <= e.value <= 150_000 for e in h.entities if e.label == "MONEY")
    with pytest.raises(QueryError):
        _all(corpus_index, min_amount=5, max_amount=1)


def test_person_filter_resolves_misspelling(corpus_index):
    res = search("care leavers", corpus_index, filters=Filters(person="Caroline Needam"))
    assert res.resolved["person"] == "Caroline Needham"
    assert res.total > 0 and all("Caroline Needham" in h.people or h.doc_type == "minutes" for h in res.hits)
    assert {h.source.split("/")[-1][:3] for h in res.hits} == {"004"}


def test_person_ambiguous_and_unknown(corpus_index):
    with pytest.raises(ResolveError) as amb:
        search("x", corpus_index, filters=Filters(person="Caroline"))
    assert "ambiguous" in str(amb.value) and "Caroline Needham" in str(amb.value) and "Caroline Ffiske" in str(amb.value)
    with pytest.raises(ResolveError) as unk:
        search("x", corpus_index, filters=Filters(person="Zebedee Quillfeather"))
    assert "no person matches" in str(unk.value)


def test_facet_counts_cover_all_matches_not_the_page(corpus_index, truth):
    res = search("", corpus_index, limit=3, facets=["authority", "year", "doc_type", "section_type", "person"])
    assert len(res.hits) == 3
    assert res.facets["authority"] == {"Hammersmith and Fulham": res.total - 16, "Westminster": 16}
    assert res.facets["year"]["2020"] == 16 and res.facets["year"]["2014"] == _distinct([(d, p) for d, p in truth if d.date and d.date.startswith("2014")])
    assert sum(res.facets["doc_type"].values()) == res.total
    assert res.facets["person"]["Nicky Crouch"] == 16


def test_facet_values_lists_every_officer(corpus_index):
    people = facet_values(corpus_index, "person")
    for name in ("Nicky Crouch", "Julie Rooke", "Will Parsons", "Steve Miley", "Clare Chamberlain", "Caroline Needham"):
        assert name in people
    assert "Looked After Children" not in people and "Partners in Practice" not in people


@pytest.mark.parametrize(
    "query,check",
    [
        ('"Centre for Social Work"', lambda h: "centre for social work" in (h.text + h.section + h.title).lower()),
        ("fostering AND private", lambda h: all(w in (h.text + h.section + h.title).lower() for w in ("foster", "privat"))),
        ("fostering NOT private", lambda h: "private" not in h.text.lower()),
        ("fostering -private", lambda h: "private" not in h.text.lower()),
        ("title:grant", lambda h: "grant" in h.title.lower()),
        ("section:financial", lambda h: "financial" in h.section.lower()),
        ("safeguard*", lambda h: "safeguard" in h.text.lower() or "safeguard" in h.section.lower() or "safeguard" in h.title.lower()),
        ("amount:>1000000", lambda h: any(e.value > 1_000_000 for e in h.entities if e.label == "MONEY")),
        ("person:\"Julie Rooke\"", lambda h: "Julie Rooke" in h.people),
        ("authority:Westminster grant", lambda h: "Westminster" in h.text or h.authority == "Westminster"),
    ],
)
def test_query_syntax(corpus_index, query, check):
    res = search(query, corpus_index, limit=50)
    assert res.total > 0
    assert all(check(h) for h in res.hits), [h.text[:80] for h in res.hits if not check(h)]


def test_or_widens_and_narrows(corpus_index):
    a = search("fostering", corpus_index, limit=None).total
    b = search("adoption", corpus_index, limit=None).total
    both = search("fostering OR adoption", corpus_index, limit=None).total
    assert max(a, b) <= both <= a + b


@pytest.mark.parametrize("bad,same_as", [
    ('"unclosed phrase', '"unclosed phrase"'),  # the phrase closes at the end
    ("(fostering", "fostering"),  # so does the bracket
    ("fostering AND", "fostering"),  # a dangling operator is dropped
    ("NOT", None), ("AND", None), ("::", None), ("title:", None), ("amount:>", None), ("*", None),
])
def test_malformed_queries_are_read_leniently_and_raise_nothing(corpus_index, bad, same_as):
    """whoosh reads each of these (no QueryError is due); any exception here is a bug."""
    res = search(bad, corpus_index, limit=None)
    assert res.total >= 0
    if same_as is not None:
        assert [h.passage_id for h in res.hits] == [h.passage_id for h in search(same_as, corpus_index, limit=None).hits]


def test_typo_query_says_what_it_searched(corpus_index):
    # a capitalised word is a name the index may not hold: never changed (issue 15)
    res = search("Kensingtn and Chelsea fostering", corpus_index)
    assert res.corrected is None and res.total > 0
    res = search("safegarding", corpus_index)
    assert res.corrected == "safeguarding" and res.total > 0
    # the words as typed are still searched beside the correction
    res = search("fosterng placements", corpus_index, limit=None)
    assert res.corrected == "fostering placements"
    assert {h.passage_id for h in res.hits} == {h.passage_id for h in search("fostering placements", corpus_index, limit=None).hits}


def test_local_government_shorthand_finds_the_long_form(tmp_path):
    from paperfinder.indexer import index_paths

    paper = tmp_path / "minutes.md"
    paper.write_text("# Planning Committee minutes, 3 March 2021\n\n## Affordable housing\n\nThe Section 106 agreement secures "
                     "35% affordable homes.\n\n## Land\n\nThe council will consider a compulsory purchase order for the site.\n",
                     encoding="utf-8")
    index_paths([str(paper)], tmp_path / "ix", workers=1)
    assert [h.section for h in search("S106", tmp_path / "ix").hits] == ["Affordable housing"]
    assert [h.section for h in search("CPO", tmp_path / "ix").hits] == ["Land"]
    assert search("S107", tmp_path / "ix").total == 0


@pytest.mark.parametrize("short,long", [("EHCP", "Educational Health Care Plan"), ("MASH", "Multi-Agency Safeguarding Hub")])
def test_acronyms_learned_from_the_papers_work_both_ways(corpus_index, short, long):
    by_short = {h.passage_id for h in search(short, corpus_index, limit=None).hits}
    by_long = {h.passage_id for h in search(long, corpus_index, limit=None).hits}
    with_long_only = [h for h in search(f'"{long}" -{short}', corpus_index, limit=None).hits]
    with_short_only = [h for h in search(f'{short} -"{long}"', corpus_index, limit=None).hits]
    # each form finds the passages that only use the other
    assert {h.passage_id for h in with_long_only} <= by_short
    assert {h.passage_id for h in with_short_only} <= by_long
    assert with_short_only or with_long_only
