"""Filters, facets, loose names and query syntax on the bundled corpus."""

from __future__ import annotations

import pytest

from paperfinder.errors import QueryError, ResolveError
from paperfinder.search.service import Filters, facet_values, search

from .conftest import assert_covers, paper_of

# What a person reading the bundled papers sees (not computed by paperfinder): each
# paper's council and date, with the line that states them.
PAPERS = {
    "000": ("Westminster", "2020-12-30"),  # line 5 "City of Westminster", line 8 "Date: 30 December 2020"
    "001": ("Hammersmith and Fulham", "2016-11-21"),  # line 4 "London Borough of Hammersmith & Fulham ... CEPAC 21 November 2016"
    "002": ("Hammersmith and Fulham", "2021-01-04"),  # line 3, line 7 "Date: 04/01/2021"
    "003": ("Hammersmith and Fulham", "2014-11-03"),  # line 3 "... CABINET 3 NOVEMBER 2014"
    "004": ("Hammersmith and Fulham", "2016-11-21"),  # an agenda pack: line 7 "Monday 21 November 2016"; line 62 "London Borough of Hammersmith & Fulham"
}
# 004 prints the minutes of the previous meeting, "Monday 19 September 2016" (line 68),
# from line 62 (the council's name over "... Committee Minutes") to line 251 (the contact
# officer's e-mail); "Agenda Item 5" starts at line 253.
MINUTES_004 = (62, 251)
# Lines of 004 found through another place: 862-975 are agenda item 8, the report that is
# also 001; the others repeat a passage said elsewhere in the pack ("That the report be
# noted.", the stock "The Committee is asked to review and comment" recommendation, "no
# financial implications", background papers "None.", the committee's header).
COPIED_004 = [(234, 236), (550, 552), (645, 649), (862, 975), (1507, 1509), (1713, 1715), (3013, 3013), (3031, 3033)]
# Lines stating an amount of £1,000,000 or more, read from the papers: "£5.700m" (000:27);
# £1,611,600, £1,961,600, £2,808,401 and the £'000 tables' totals £1,961k, £1,685k,
# £1,019k, £2,808k (001); "£4m", "£1.5m"... and the table cells £1,080k, £1,418k,
# £3,540k (003); 004's own "£1.8 billion" (406), "£1.182 million" (1039), £1,020,000 and
# £1,379,000 (1224, 1229), £1,184,000 (1325) and three years of £1m+ (1420-1422). 002 has
# none; 004's copy of 001 (lines 934-955) is found as 001.
MILLION_LINES = {
    "000": [27],
    "001": [77, 79, 87, 89, 92, 93, 96],
    "003": [15, 56, 60, 69, 70, 71, 90],
    "004": [406, 1039, 1224, 1229, 1325, 1420, 1421, 1422],
}


def _paper(h) -> str:
    return paper_of(h.source)


def _assert_covers(hits, paper: str, lo: int = 1, hi: int | None = None, left_out=()) -> None:
    assert_covers([(h.source, h.line_start, h.line_end) for h in hits], paper, lo, hi, left_out)


def _all(index, **kw):
    return search("", index, filters=Filters(**kw), limit=None, snippets=False, where_else=False)


def test_every_line_of_every_paper_is_in_one_passage(corpus_index):
    res = _all(corpus_index)
    assert {_paper(h) for h in res.hits} == set(PAPERS)
    for paper in PAPERS:
        _assert_covers(res.hits, paper, left_out=COPIED_004 if paper == "004" else ())
    # and the copies are not found a second time
    copied = {n for a, b in COPIED_004 for n in range(a, b + 1)}
    assert not [h for h in res.hits if _paper(h) == "004" and copied & set(range(h.line_start, h.line_end + 1))]


@pytest.mark.parametrize("value", ["Westminster", "WCC", "City of Westminster", "westminster"])
def test_authority_filter_with_loose_names(corpus_index, value):
    res = _all(corpus_index, authority=value)
    assert res.resolved["authority"] == "Westminster"
    assert {_paper(h) for h in res.hits} == {p for p, (a, _d) in PAPERS.items() if a == "Westminster"} == {"000"}
    _assert_covers(res.hits, "000")
    assert {h.authority for h in res.hits} == {"Westminster"}
    assert res.total == len(res.hits) == 16


@pytest.mark.parametrize("value", ["hammersmith", "LBHF", "H&F", "Hammersmith & Fulham"])
def test_authority_aliases_reach_hammersmith_and_fulham(corpus_index, value):
    res = search("fostering", corpus_index, filters=Filters(authority=value))
    assert res.resolved["authority"] == "Hammersmith and Fulham"
    assert res.total > 0 and {h.authority for h in res.hits} == {"Hammersmith and Fulham"}


def test_authority_known_but_not_in_index_is_a_clear_error(corpus_index):
    with pytest.raises(ResolveError) as exc:
        search("x", corpus_index, filters=Filters(authority="Camden"))
    assert "Camden" in str(exc.value) and "no papers" in str(exc.value)


def test_date_filters_and_sort(corpus_index):
    res = _all(corpus_index, since="2020-01-01")
    assert {_paper(h) for h in res.hits} == {p for p, (_a, d) in PAPERS.items() if d >= "2020-01-01"} == {"000", "002"}
    for paper in ("000", "002"):
        _assert_covers(res.hits, paper)
    assert {h.date for h in res.hits} == {"2020-12-30", "2021-01-04"}
    res = _all(corpus_index, until="2014-12-31")
    assert {_paper(h) for h in res.hits} == {"003"}
    _assert_covers(res.hits, "003")
    newest = search("children", corpus_index, sort="newest", limit=50).hits
    assert [h.date for h in newest] == sorted((h.date for h in newest), reverse=True)
    oldest = search("children", corpus_index, sort="oldest", limit=5).hits
    assert oldest[0].date == "2014-11-03"


def test_doc_type_and_section_type_filters(corpus_index):
    res = _all(corpus_index, doc_type="minutes")
    # the one set of minutes is the previous meeting's, inside 004, dated as it is
    assert {_paper(h) for h in res.hits} == {"004"}
    assert all(MINUTES_004[0] <= h.line_start <= h.line_end <= MINUTES_004[1] for h in res.hits)
    _assert_covers(res.hits, "004", *MINUTES_004, left_out=COPIED_004)
    assert {h.date for h in res.hits} == {"2016-09-19"}
    res = _all(corpus_index, section_type="recommendations")
    assert {h.section_type for h in res.hits} == {"recommendations"}
    # each paper's "2. Recommendations" heading, and the lines under it, read from the papers
    starts = {(_paper(h), h.line_start) for h in res.hits}
    assert {("000", 20), ("001", 17), ("002", 23), ("003", 18), ("004", 269), ("004", 1793), ("004", 3026)} <= starts
    for h in res.hits:
        assert "recommend" in h.text.lower() or "recommend" in h.section.lower(), (h.source, h.line_start)


def test_amount_filters_match_the_money_in_each_passage(corpus_index):
    res = _all(corpus_index, min_amount=1_000_000)
    for h in res.hits:
        assert max(e.value for e in h.entities if e.label == "MONEY") >= 1_000_000
    got = {(_paper(h), h.line_start, h.line_end) for h in res.hits}
    # every passage holding a line of MILLION_LINES is a hit, and no other passage is
    for paper, lines in MILLION_LINES.items():
        for n in lines:
            assert any(p == paper and a <= n <= b for p, a, b in got), (paper, n, sorted(got))
    for p, a, b in got:
        assert any(a <= n <= b for n in MILLION_LINES.get(p, [])), (p, a, b)
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


def test_facet_counts_cover_all_matches_not_the_page(corpus_index):
    res = search("", corpus_index, limit=3, facets=["authority", "year", "doc_type", "section_type", "person"])
    assert len(res.hits) == 3
    every = _all(corpus_index).hits  # the counts are of all matches, whatever the page shows
    per_paper = {p: sum(_paper(h) == p for h in every) for p in PAPERS}
    assert res.facets["authority"] == {"Hammersmith and Fulham": res.total - per_paper["000"], "Westminster": per_paper["000"]}
    assert res.facets["year"]["2020"] == per_paper["000"] == 16 and res.facets["year"]["2014"] == per_paper["003"]
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
    from paperfinder.index.build import index_paths

    paper = tmp_path / "minutes.md"
    paper.write_text("# Planning Committee minutes, 3 March 2021\n\n## Affordable housing\n\nThe Section 106 agreement secures "
                     "35% affordable homes.\n\n## Land\n\nThe council will consider a compulsory purchase order for the site.\n",
                     encoding="utf-8")
    index_paths([str(paper)], tmp_path / "ix", workers=1)
    assert [h.section for h in search("S106", tmp_path / "ix").hits] == ["Affordable housing"]
    assert [h.section for h in search("CPO", tmp_path / "ix").hits] == ["Land"]
    assert search("S107", tmp_path / "ix").total == 0


def test_an_acronym_defined_across_a_line_end_finds_its_long_form(tmp_path):
    from paperfinder.index.build import index_paths

    # PDF text wraps the long form before its bracket: "Single Regeneration\nBudget (SRB)"
    paper = tmp_path / "report.md"
    paper.write_text("# Regeneration report, 3 March 2001\n\n## Funding\n\nThe estate was rebuilt with money from the Single "
                     "Regeneration\nBudget (SRB) in 1998.\n\n## New roofs\n\nThe Single Regeneration Budget paid for the new roofs "
                     "of the flats.\n\n## Roads\n\nThe highways budget paid for the roads and new pavements.\n", encoding="utf-8")
    index_paths([str(paper)], tmp_path / "ix", workers=1)
    # before: "SRB" was not learned, and found the defining passage only
    assert [h.section for h in search("SRB", tmp_path / "ix").hits] == ["Funding", "New roofs"]


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


@pytest.mark.parametrize("since,until", [("2021-01-01", "2020-01-01"), ("2020-06-01", "2020-05"), ("2017", "2016-12-31")])
def test_a_date_range_that_ends_before_it_starts_is_an_error(corpus_index, since, until):
    # it used to find "0 matching passages" with no word of why
    with pytest.raises(QueryError) as e:
        search("budget", corpus_index, filters=Filters(since=since, until=until))
    assert e.value.args[0] == f"--since {since} is after --until {until}"


@pytest.mark.parametrize("since,until", [("2016", "2016"), ("2016-05", "2016"), ("2016-05-03", "2016-05")])
def test_a_date_range_within_one_year_or_month_is_no_error(corpus_index, since, until):
    assert search("budget", corpus_index, filters=Filters(since=since, until=until)).total >= 0
