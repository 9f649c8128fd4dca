"""Ranked search over the bundled corpus: quality, de-duplication, contract fields."""

from __future__ import annotations

import json

import pytest

from paperfinder.index.build import index_paths
from paperfinder.search.service import search

from .conftest import corpus_file
from .ranking_queries import QUERIES


def _rank_of(result, prefix: str, line) -> int | None:
    lines = line if isinstance(line, tuple) else (line,)
    for rank, h in enumerate(result.hits, start=1):
        places = [(h.source, h.line_start, h.line_end)] + [(a["source"], a["line_start"], a["line_end"]) for a in h.also_in]
        for source, start, end in places:
            if source.split("/")[-1].startswith(prefix + "_") and any(start <= n <= end for n in lines):
                return rank
    return None


@pytest.mark.parametrize("query,prefix,line", QUERIES, ids=[q[0] for q in QUERIES])
def test_answering_passage_is_in_top_3(corpus_index, query, prefix, line):
    result = search(query, corpus_index, limit=10)
    assert _rank_of(result, prefix, line) in (1, 2, 3), [(h.source, h.line_start, h.line_end) for h in result.hits[:5]]


def test_ranking_quality_overall(corpus_index):
    ranks = [_rank_of(search(q, corpus_index, limit=10), p, l) for q, p, l in QUERIES]
    at1 = sum(r == 1 for r in ranks) / len(ranks)
    top10 = sum(r is not None for r in ranks) / len(ranks)
    # measured 23/27 at rank 1 (the README's figure), 27/27 in the top 3 and top 10;
    # ranking is deterministic: the margin is one query, more is a regression
    assert len(QUERIES) == 27
    assert sum(r == 1 for r in ranks) >= 23 - 1 and top10 == 1.0, (at1, ranks)
    assert all(r is not None and r <= 3 for r in ranks), ranks


def test_same_report_in_two_files_is_shown_once_with_where_else(corpus_index):
    result = search("Centre for Social Work across three authorities", corpus_index, limit=10)
    top = result.hits[0]
    assert (top.source, top.line_start) == ("corpus/001_e0d2f4b9df27935a.txt", 47) or top.source.endswith("004_a79bf05b93d54816.txt")
    others = {(a["source"].split("/")[-1][:3], a["line_start"]) for a in top.also_in}
    assert others == ({("004", 904)} if top.source.endswith("001_e0d2f4b9df27935a.txt") else {("001", 47)})
    texts = [h.text for h in result.hits]
    assert len(texts) == len(set(texts))
    # a search lists the first few places and counts the rest; an export lists every one
    counted = search("Centre for Social Work across three authorities", corpus_index, limit=1, places=0).hits[0]
    assert (counted.passage_id, counted.also_in, counted.also_in_more) == (top.passage_id, [], 1)
    assert (counted.places_past(3), top.places_past(0), top.places_past(3)) == (1, 1, 0)  # "and N more"
    assert (top.also_in_more, search("Centre for Social Work across three authorities", corpus_index, limit=1, places=None).hits[0].also_in) == (0, top.also_in)


def test_json_hit_has_every_contract_field(corpus_index):
    result = search("private fostering", corpus_index, limit=2, facets=["authority"])
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) >= {"query", "total", "hits", "facets"}
    hit = data["hits"][0]
    for key in ("doc_id", "title", "authority", "date", "doc_type", "section", "section_type", "text",
                "snippet", "score", "source", "line_start", "line_end", "entities"):
        assert key in hit
    assert hit["authority"] == "Hammersmith and Fulham" and hit["date"] == "2016-11-21"
    assert "**Private** **Fostering**" in hit["snippet"] or "**private** **fostering**" in hit["snippet"].lower()
    assert data["facets"]["authority"]["Hammersmith and Fulham"] == data["total"]


def test_reindex_unchanged_does_nothing_then_picks_up_changes(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    for prefix in ("000", "003"):
        src = corpus_file(prefix)
        (papers / src.name).write_bytes(src.read_bytes())
    index_dir = tmp_path / "ix"
    first = index_paths([papers], index_dir)
    assert (first.added, first.updated, first.removed) == (2, 0, 0)
    again = index_paths([papers], index_dir)
    assert (again.added, again.updated, again.removed, again.unchanged, again.passages) == (0, 0, 0, 2, 0)
    assert not again.changed
    # change one, remove one, add one
    f0 = papers / corpus_file("000").name
    f0.write_text(f0.read_text().replace("Clinical Practice Team", "Clinical Excellence Unit"))
    (papers / corpus_file("003").name).unlink()
    (papers / corpus_file("001").name).write_bytes(corpus_file("001").read_bytes())
    third = index_paths([papers], index_dir)
    assert (third.added, third.updated, third.removed, third.unchanged) == (1, 1, 1, 0)
    assert search("Clinical Excellence Unit", index_dir).total > 0
    assert search('"Innovation Fund Grant"', index_dir).total == 0
    assert search("Practice Leader Development Programme", index_dir).total > 0


def test_removing_the_primary_copy_promotes_the_other(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    for prefix in ("001", "004"):
        src = corpus_file(prefix)
        (papers / src.name).write_bytes(src.read_bytes())
    index_dir = tmp_path / "ix"
    index_paths([papers], index_dir)
    query = "setting up a Centre for Social Work across three authorities"
    first = search(query, index_dir).hits[0]
    assert first.source.endswith("001_e0d2f4b9df27935a.txt") and len(first.also_in) == 1
    (papers / corpus_file("001").name).unlink()
    report = index_paths([papers], index_dir)
    assert report.removed == 1
    after = search(query, index_dir).hits[0]
    assert after.source.endswith("004_a79bf05b93d54816.txt") and (after.line_start, after.also_in) == (904, [])


@pytest.mark.parametrize("q", ["text:children", "text:budget AND text:growth", 'text:"partners in practice"',
                               "title:children", "text:safeguarding AND section:recommendations"])
def test_array_scoring_gives_whoosh_scores(corpus_index, q):
    """The numpy scorer gives whoosh's own scores, order, totals and facet counts."""
    from paperfinder.backends.whoosh import backend, reading, scoring
    from paperfinder.backends.whoosh import searching as wb

    def run():
        res = search(q, corpus_index, limit=15, facets=["year", "doc_type"])
        return res.total, [(h.passage_id, h.score) for h in res.hits], res.facets

    try:
        wb.SCORE_IN_ARRAYS = False
        by_whoosh = run()
        wb.SCORE_IN_ARRAYS = True
        by_arrays = run()
    finally:
        wb.SCORE_IN_ARRAYS = True
    assert by_whoosh[0] > 0
    assert by_arrays == by_whoosh
    r = reading._reading(corpus_index)  # and the numpy scorer did take this query
    from paperfinder.search.syntax import parse

    assert scoring._scored_in_arrays(r, backend.compiled(corpus_index, parse(q)), None, r.copies(), 10, ()) is not None


def test_total_and_facets_do_not_depend_on_the_page_size(corpus_index):
    """3 passages hold both words of "budget growth"; 27 hold one: every page size says 27."""
    results = [search("budget growth", corpus_index, limit=n, facets=["authority"]) for n in (0, 2, 10, 50)]
    assert [r.total for r in results] == [27, 27, 27, 27]
    assert all(r.facets == results[0].facets for r in results)
    assert [len(r.hits) for r in results] == [0, 2, 10, 27]
    assert results[1].hits[0].source.endswith("000_3de2692c728e829f.txt") and results[1].hits[0].line_start == 20
    assert search("budget growth", corpus_index, limit=None).total == 27


def test_a_phrase_matches_its_stop_words_as_written(corpus_index):
    # 004 line 2592: "... at the time not to assess the needs of pregnant women ..."; "assess"
    # alone is in 71 passages: the phrase keeps "not to" and finds the one that says it
    assert search("assess", corpus_index, limit=1).total == 71
    phrase = search('"not to assess"', corpus_index, limit=5)
    assert phrase.total == 1
    assert (phrase.hits[0].source.rsplit("/", 1)[-1][:3], phrase.hits[0].line_start, phrase.hits[0].line_end) == ("004", 2589, 2598)
    # unquoted, stop words are left out: the same passages as the content words alone
    plain = search("the assess", corpus_index, limit=3)
    assert plain.total == 71


def test_a_query_of_stop_words_alone_is_searched(corpus_index):
    assert search("the", corpus_index, limit=1).total == 543
