"""One contract, both search backends (issue 17): the same passages written to a whoosh
index and to a tantivy index answer the same queries alike.

Each backend gets the bundled corpus once per session, the same records (read,
sectioned and tagged once) through the ``SearchBackend`` interface: writer,
worker segment builder, queries as ``search.query`` trees. Totals, facet counts,
sorted orders, copies, value counts and spelling must be equal; relevance orders
come from two BM25 variants (whoosh's BM25F with B=0.6 and boosts on term
weights, tantivy's BM25 with B=0.75 and boosts on scores), so the first hit of a
clear query and the top of each ranking are compared, with ties in index order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperfinder.search import query as Q
from paperfinder.search.backend import SearchBackend, get_backend, place_order

from .conftest import CORPUS

BACKENDS = ("whoosh", "tantivy")


@pytest.fixture(scope="session")
def corpus_records() -> list[dict]:
    from paperfinder.index import build
    from paperfinder.index.records import passage_record
    from paperfinder.ingest.readers import iter_files

    files, problems = iter_files([str(CORPUS)])
    assert not problems
    out: list[dict] = []
    for fp in files:
        pf = build.parse_file(str(fp))
        docs = {d.doc_id: d for d in pf.documents}
        out.extend(passage_record(pf.source, pf.digest, docs[p.doc_id], p) for p in pf.passages)
    # the corpus holds one report twice (a report and the same report in an agenda pack)
    assert len(out) == 621
    return out


def _write(name: str, index_dir: Path, records: list[dict], rebuild: bool = False) -> SearchBackend:
    """``records`` written as an indexing run writes them: a worker's segment builder, then the run's writer."""
    b = get_backend(name)(index_dir)
    with b.writing(rebuild=rebuild) as w:
        with get_backend(name)(w.index_dir).segment_builder(set(), w.existing) as builder:
            for r in records:
                builder.add(dict(r))
            built = builder.finish()
        w.add_segment(built)
        w.after_commit(b.write_value_cache)
    return get_backend(name)(index_dir)


@pytest.fixture(scope="session")
def indexes(tmp_path_factory, corpus_records) -> dict[str, SearchBackend]:
    return {name: _write(name, tmp_path_factory.mktemp(f"contract-{name}"), corpus_records) for name in BACKENDS}


def _ids(hits) -> list[str]:
    return [h.fields["passage_id"] for h in hits]


W = Q.Word
# (label, query, filter, the total both must give)
# (a heading shared by more than three passages is indexed on the first only, ingest.sections.SHARED_HEADING:
# words found only in such a heading match fewer passages than before, "social work" 95 -> 86, "safeguard*" 239 -> 236)
QUERIES = [
    ("word", W("fostering"), None, 18),
    ("two words", Q.And((W("social"), W("work"))), None, 86),
    ("phrase", Q.Phrase(("social", "work")), None, 38),
    ("phrase with a stop word", Q.And((Q.Phrase(("not", "to", "assess"), fields=("exact",)), Q.Phrase(("not", "to", "assess")))), None, 1),
    ("stop words alone", W("the", fields=("exact",)), None, 543),
    ("or", Q.Or((W("budget"), W("fostering"))), None, 42),
    ("not", Q.And((W("budget"), Q.Not(W("fostering")))), None, 24),
    ("field", W("grant", fields=("title",)), None, 41),
    ("prefix", Q.Prefix("safeguard"), None, 236),
    ("wildcard", Q.Wildcard("sa?eguard*"), None, 236),
    ("fuzzy", Q.Fuzzy("fostring", 1), None, 18),
    ("every", Q.Every(), None, 592),
    ("amount range", Q.Every(), Q.NumericRange("amount", 1_000_000, None), 12),
    ("amount range and word", W("budget"), Q.NumericRange("amount", 1_000_000, None), 1),
    ("authority filter", W("council"), Q.Term("authority", "Westminster"), 3),
    ("date range", W("council"), Q.Range("date", "2020-01-01", "2021-12-31"), 9),
    ("keyword field", Q.Term("kinds", "decision"), None, 35),
    ("and maybe", Q.AndMaybe(W("budget"), W("growth")), None, 25),
]


@pytest.mark.parametrize("label,q,filt,total", QUERIES, ids=[c[0] for c in QUERIES])
def test_same_total_and_facets(indexes, label, q, filt, total):
    facets = ("authority", "year", "people", "kinds", "doc_type")
    got = {name: b.run_query(q, filter_q=filt, limit=10, facets=facets) for name, b in indexes.items()}
    (tw, _, fw), (tt, _, ft) = got["whoosh"], got["tantivy"]
    assert tw == tt == total
    assert fw == ft
    if total:
        assert sum(fw["year"].values()) == total


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_same_order_when_sorted_by_date(indexes, sort):
    runs = {name: b.run_query(W("council"), limit=20, sort=sort) for name, b in indexes.items()}
    assert _ids(runs["whoosh"][1]) == _ids(runs["tantivy"][1])
    dates = [h.fields["date"] for h in runs["tantivy"][1]]
    assert dates == sorted(dates, reverse=sort == "newest")
    assert all(h.score == 0.0 for h in runs["tantivy"][1])


TOP = [
    ("word", W("fostering"), True),
    ("field", W("grant", fields=("title",)), True),
    ("term", Q.Term("authority", "Westminster"), True),
    ("two words", Q.And((W("social"), W("work"))), False),
    ("phrase", Q.Phrase(("social", "work")), False),
]


@pytest.mark.parametrize("q,first", [c[1:] for c in TOP], ids=[c[0] for c in TOP])
def test_same_top_hits(indexes, q, first):
    """The same five best passages; for one word, the same best one (the BM25 variants
    order "social work"'s five best 1443, 1471, 1233, 1455, 1375 and 1375, 1471, 1443, 1233, 1455)."""
    w = _ids(indexes["whoosh"].run_query(q, limit=5)[1])
    t = _ids(indexes["tantivy"].run_query(q, limit=5)[1])
    assert sorted(w) == sorted(t)
    if first:
        assert w[0] == t[0]


def test_equal_scores_keep_index_order(indexes):
    # 41 passages hold "grant" once in a title of one length: equal scores, shown in the order written
    w = indexes["whoosh"].run_query(W("grant", fields=("title",)), limit=12)[1]
    t = indexes["tantivy"].run_query(W("grant", fields=("title",)), limit=12)[1]
    assert _ids(w) == _ids(t)


def test_copies_are_found_through_their_primary(indexes):
    for b in indexes.values():
        every = b.run_query(Q.Every(), limit=None, snippet_terms=False)[1]
        assert all(h.fields["primary"] == "1" for h in every)
    hashes = {name: b.text_hashes() for name, b in indexes.items()}
    assert hashes["whoosh"] == hashes["tantivy"]
    copied = sorted(hashes["tantivy"])
    same = {name: b.same_text(copied) for name, b in indexes.items()}
    shape = {name: sorted((d, sorted((f["source"], f["primary"]) for f in fs)) for d, fs in s.items() if len(fs) > 1) for name, s in same.items()}
    assert shape["whoosh"] == shape["tantivy"]
    # 29 copies (621 passages, 592 searched) of 27 texts, the report's in the agenda pack (004) found through 001
    assert len(shape["tantivy"]) == 27
    assert sum(len(fs) - 1 for _, fs in shape["tantivy"]) == 621 - 592


@pytest.mark.parametrize("most", [1, 2])
def test_first_places_of_a_copied_text(indexes, most):
    # the first ``most`` copies in file order, and how many there are, read without every copy
    copied = sorted(indexes["tantivy"].text_hashes())
    every = indexes["whoosh"].same_text(copied)
    want = {d: (len(fs), sorted(fs, key=place_order)[:most]) for d, fs in every.items()}
    assert sum(1 for n, _ in want.values() if n > most) == {1: 27, 2: 2}[most]  # texts cut short
    for b in indexes.values():
        got = b.first_places(copied, most)
        assert {d: (n, [f["passage_id"] for f in fs]) for d, (n, fs) in got.items()} \
            == {d: (n, [f["passage_id"] for f in fs]) for d, (n, fs) in want.items()}


def test_same_values_files_and_spelling(indexes):
    w, t = indexes["whoosh"], indexes["tantivy"]
    for field in ("authority", "year", "doc_type", "section_type", "people", "kinds"):
        assert w.field_values(field) == t.field_values(field), field
    assert t.field_values("authority") == {"Hammersmith and Fulham": 576, "Westminster": 16}
    assert w.indexed_files() == t.indexed_files() and len(t.indexed_files()) == 5
    typos = ["budgett", "councel", "safegarding", "fosterng"]
    fixed = {"budgett": "budget", "councel": "council", "safegarding": "safeguarding", "fosterng": "fostering"}
    assert w.correct_words(typos) == t.correct_words(typos) == fixed
    assert [f["passage_id"] for f in w.iter_all("doc_id", "x")] == []
    doc = next(iter(t.iter_all()))["doc_id"]
    assert [f["passage_id"] for f in w.iter_all("doc_id", doc)] == [f["passage_id"] for f in t.iter_all("doc_id", doc)]


def test_hit_fields_are_the_same_record(indexes):
    q = Q.Phrase(("private", "fostering"))
    (_, hw, _), (_, ht, _) = (b.run_query(q, limit=3) for b in indexes.values())
    for a, b in zip(hw, ht):
        assert a.fields == b.fields
        assert "**" in b.snippet


def test_broad_facets_after_a_deletion(tmp_path, corpus_records):
    # tantivy counts a query matching most passages by those it leaves out, taken from the
    # counts over every passage: these must not hold the deleted ones
    gone = corpus_records[0]["source"]
    facets = ("authority", "year", "people", "kinds", "doc_type")
    got = {}
    for name in BACKENDS:
        b = _write(name, tmp_path / name, corpus_records)
        b.field_values("people")  # counted before the deletion
        with b.writing() as w:
            w.delete_source(gone)
        got[name] = [b.run_query(q, limit=0, facets=facets) for q in (Q.Every(), W("the", fields=("exact",)))]
    assert got["whoosh"] == got["tantivy"]
    (every, _, counts), (most, _, _) = got["tantivy"]
    assert (every, most) == (576, 527)  # 592 less the deleted file's 16
    assert sum(counts["year"].values()) == every and 2 * most > every


@pytest.mark.parametrize("name", BACKENDS)
def test_a_failed_write_leaves_the_index_as_it_was(name, tmp_path, corpus_records):
    b = _write(name, tmp_path / "ix", corpus_records[:40])
    gen = b.generation()
    with pytest.raises(RuntimeError):
        with b.writing() as w:
            w.delete_source(corpus_records[0]["source"])
            raise RuntimeError("interrupted")
    assert b.generation() == gen
    assert b.run_query(Q.Every(), limit=0)[0] == 40


@pytest.mark.parametrize("name", BACKENDS)
def test_replacing_a_primary_copy_promotes_another(name, tmp_path, corpus_records):
    first = [r for r in corpus_records if r["source"] == corpus_records[0]["source"]][:6]
    copy = [dict(r, source="copy.txt", filekey="copy.txt\0x", passage_id=r["passage_id"] + "-copy") for r in first]
    b = _write(name, tmp_path / "ix", first + copy)
    assert b.run_query(Q.Every(), limit=0)[0] == 6
    with b.writing() as w:
        w.delete_source(first[0]["source"])
    hits = b.run_query(Q.Every(), limit=None, snippet_terms=False)[1]
    assert sorted(h.fields["source"] for h in hits) == ["copy.txt"] * 6
    assert b.indexed_files() == {"copy.txt": "x"}
    # a rebuild is swapped in whole
    b = _write(name, tmp_path / "ix", first, rebuild=True)
    assert sorted({f["source"] for f in b.iter_all()}) == [first[0]["source"]]


# ---- through the pipeline: `paperfinder index --backend tantivy`, then the commands as they are

@pytest.fixture(scope="session")
def tantivy_index(tmp_path_factory) -> Path:
    from paperfinder.index.build import index_paths

    index_dir = tmp_path_factory.mktemp("tantivy-index")
    report = index_paths([str(CORPUS)], index_dir, backend="tantivy")
    assert report.added == 5 and report.passages == 621 and not report.skipped
    return index_dir


SEARCHES = [
    ("private fostering", {}, ()),
    ('"Centre for Social Work"', {}, ("authority",)),
    ("budget growth", {"authority": "lbhf"}, ("year", "doc_type")),
    ("social work NOT fostering", {}, ("section_type",)),
    ("title:grant", {"since": "2014-01-01", "until": "2016-12-31"}, ()),
    ("safeguard*", {"doc_type": "committee_report"}, ("person",)),
    ("amount:>1000000", {}, ("authority", "year")),
    ("funding", {"min_amount": "£100k"}, ("kind",)),
    ("councel", {}, ()),
    ("MASH", {}, ()),
    ("*", {"kinds": ["decision"]}, ("year",)),
    ("date:>2020", {}, ("year",)),
    ("year:2016 fostering", {}, ()),
    ("title:grant amount:[1000 TO 50000]", {}, ()),
    ("kinds:decision budget", {}, ("authority",)),
]


@pytest.mark.parametrize("query,filters,facets", SEARCHES, ids=[s[0] for s in SEARCHES])
def test_search_service_gives_the_same_on_both(corpus_index, tantivy_index, query, filters, facets):
    from paperfinder.search.service import Filters, search

    w, t = (search(query, ix, filters=Filters(**filters), limit=10, facets=list(facets)) for ix in (corpus_index, tantivy_index))
    assert (w.total, w.facets, w.resolved, w.corrected, w.match) == (t.total, t.facets, t.resolved, t.corrected, t.match)
    assert w.total > 0
    if w.total <= 10:
        assert sorted(h.passage_id for h in w.hits) == sorted(h.passage_id for h in t.hits)
    assert [sorted(x["source"] for x in h.also_in) for h in sorted(w.hits, key=lambda h: h.passage_id) if h.passage_id in {x.passage_id for x in t.hits}] \
        == [sorted(x["source"] for x in h.also_in) for h in sorted(t.hits, key=lambda h: h.passage_id) if h.passage_id in {x.passage_id for x in w.hits}]


def _cli(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "paperfinder.cli", *args], capture_output=True, text=True, timeout=300)


def test_backend_of_an_existing_index_changes_only_with_rebuild(tmp_path):
    paper = str(sorted(CORPUS.glob("000_*"))[0])
    ix = str(tmp_path / "ix")
    assert _cli("index", paper, "--index", ix, "--backend", "tantivy", "-q").returncode == 0
    assert json.loads((tmp_path / "ix" / "paperfinder.json").read_text())["backend"] == "tantivy"
    r = _cli("index", paper, "--index", ix, "--backend", "whoosh", "-q")
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        f"error: the index at {ix} was written by tantivy, not whoosh (add --rebuild to build it again with whoosh, or leave out --backend)"]
    r = _cli("index", paper, "--index", ix, "--backend", "lucene", "-q")
    assert r.returncode == 1 and "unknown backend 'lucene'" in r.stderr
    found = json.loads(_cli("search", "Westminster", "--index", ix, "--format", "json").stdout)
    assert found["total"] == 2
    assert _cli("index", paper, "--index", ix, "--backend", "whoosh", "--rebuild", "-q").returncode == 0
    assert json.loads((tmp_path / "ix" / "paperfinder.json").read_text())["backend"] == "whoosh"
    assert json.loads(_cli("search", "Westminster", "--index", ix, "--format", "json").stdout)["total"] == 2
    assert not list((tmp_path / "ix").glob("tantivy-*"))  # the tantivy store went with the rebuild
    assert _cli("index", paper, "--index", ix, "--backend", "tantivy", "--rebuild", "-q").returncode == 0
    assert json.loads(_cli("search", "Westminster", "--index", ix, "--format", "json").stdout)["total"] == 2
    assert sorted(p.name for p in (tmp_path / "ix").iterdir() if p.name.startswith(("tantivy-", "_passages", "passages"))) == ["tantivy-1"]


def test_both_stem_a_doubled_consonant_alike(indexes):
    # whoosh's own Porter stemmer left the doubled consonant ("cutting" -> "cutt"), so on whoosh
    # "cut" missed "cutting" and "submit" missed "submitted", while tantivy's English stemmer joins them
    words = "cutting planned submitted transferred committed agreed meetings"
    want = ["cut", "plan", "submit", "transfer", "commit", "agre", "meet"]
    assert indexes["whoosh"].analyse(words) == indexes["tantivy"].analyse(words) == want
    totals = {name: (b.run_query(W("submit"), limit=0)[0], b.run_query(W("submitted"), limit=0)[0]) for name, b in indexes.items()}
    assert totals["whoosh"] == totals["tantivy"] == (totals["whoosh"][1], totals["whoosh"][1])
    assert totals["whoosh"][1] >= 10


# two-word queries the search re-ranks by proximity (search.service._by_proximity)
RERANKED = ("social work", "budget growth", "private fostering", "children placement", "looked after")


def test_stored_terms_are_the_analysers(indexes):
    """The terms a tantivy hit's record holds (schema.TERMS) are the ones its analyser gives the
    text: the re-ranking reads them instead of analysing again. (whoosh's stemmer is another
    English stemmer: "emergency" is "emerg" there, "emergenc" here.)"""
    from paperfinder.backends.tantivy import backend as TB
    from paperfinder.backends.tantivy import schema as S

    tantivy_be = indexes["tantivy"]
    TB._TERMS.clear()
    _, hits, _ = tantivy_be.run_query(Q.And((W("social"), W("work"))), limit=100)
    assert len(hits) == 86
    for h in hits:
        text = h.fields["text"]
        assert text in TB._TERMS  # read with the record, not analysed
        assert S.TERMS not in h.fields
        assert tantivy_be.analyse(text) == S.analyzer(S.TEXT_TOKENIZER).analyze(text)
    assert tantivy_be.analyse("Social Workers' visits, e.g. 4.1 and café") == ["social", "worker", "visit", "e.g", "4.1", "cafe"]


def _copies(hits) -> list:
    from paperfinder.search.backend import RawHit

    return [RawHit(dict(h.fields), h.score) for h in hits]


@pytest.mark.parametrize("words", RERANKED)
def test_reranked_orders_are_the_same(indexes, words):
    """The same candidates re-ranked through either backend: the same order and the same scores;
    and tantivy's own candidates re-ranked from the stored terms as from the analyser."""
    from paperfinder.backends.tantivy import backend as TB
    from paperfinder.search.service import _rerank

    # either word, as the search's candidates for a phrase-less query: passages holding one
    # fall below those holding both, close together
    q = Q.Or(tuple(W(w) for w in words.split()))
    _, raw, _ = indexes["whoosh"].run_query(q, limit=200)
    assert len(raw) >= 20
    by = {name: _rerank(b, _copies(raw), words, None) for name, b in indexes.items()}
    assert [(h.fields["passage_id"], h.score) for h in by["whoosh"]] == [(h.fields["passage_id"], h.score) for h in by["tantivy"]]

    tantivy_be = indexes["tantivy"]
    _, raw, _ = tantivy_be.run_query(q, limit=200)
    stored = [(h.fields["passage_id"], h.score) for h in _rerank(tantivy_be, _copies(raw), words, None)]
    TB._TERMS.clear()
    analysed = [(h.fields["passage_id"], h.score) for h in _rerank(tantivy_be, _copies(raw), words, None)]
    assert stored == analysed
    # the re-ranking moved something: the comparison is not of the engine's order
    assert [p for p, _ in stored] != [h.fields["passage_id"] for h in raw]


def test_a_tantivy_index_without_stored_terms_says_rebuild(tmp_path):
    """Schema 2 stored no terms in the record: such an index is refused in one line, and a
    rebuild gives one that searches."""
    paper = str(sorted(CORPUS.glob("000_*"))[0])
    ix = tmp_path / "ix"
    assert _cli("index", paper, "--index", str(ix), "--backend", "tantivy", "-q").returncode == 0
    meta = json.loads((ix / "paperfinder.json").read_text())
    assert meta["schema_version"] == 3
    (ix / "paperfinder.json").write_text(json.dumps({**meta, "schema_version": 2}))
    r = _cli("search", "Westminster", "--index", str(ix))
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        f"error: index at {ix} was built by another version (tantivy schema 2, need 3) (run `paperfinder index --rebuild PATH`)"]
    assert _cli("index", paper, "--index", str(ix), "--backend", "tantivy", "--rebuild", "-q").returncode == 0
    assert json.loads(_cli("search", "Westminster", "--index", str(ix), "--format", "json").stdout)["total"] == 2


@pytest.mark.parametrize("name", BACKENDS)
def test_first_places_given_the_hits_records(indexes, name):
    """A search hands ``first_places`` its hits' records: a text the hit alone holds is given back
    as that record (tantivy reads nothing), a copied one is read as before, the same places."""
    b = indexes[name]
    _, hits, _ = b.run_query(Q.Every(), limit=None, snippet_terms=False)
    known = {h.fields["text_hash"]: h.fields for h in hits}
    digests = sorted(known)
    plain = b.first_places(digests, 3)
    given = b.first_places(digests, 3, known)
    assert {d: (n, [f["passage_id"] for f in fs]) for d, (n, fs) in given.items()} \
        == {d: (n, [f["passage_id"] for f in fs]) for d, (n, fs) in plain.items()}
    single = [d for d, (n, _) in given.items() if n == 1]
    assert len(single) == 592 - 27  # the texts no other passage holds
    if name == "tantivy":
        assert all(given[d][1][0] is known[d] for d in single)
    copied = [d for d, (n, _) in given.items() if n > 1]
    assert len(copied) == 27 and sum(given[d][0] for d in copied) == 27 + 29


@pytest.mark.parametrize("words", RERANKED)
def test_adjacent_pairs_feature(indexes, words):
    """The re-ranking's ``pairs`` feature (the query's adjacent word pairs found adjacent in the
    text) is the share of them among the text's adjacent tokens, as counted over every pair."""
    from paperfinder.search.service import _rank_features

    b = indexes["tantivy"]
    q = Q.Or(tuple(W(w) for w in words.split()))
    _, raw, _ = b.run_query(q, limit=100)
    terms = list(dict.fromkeys(b.analyse(words)))
    pairs = list(zip(terms, terms[1:]))
    feats = _rank_features(b, raw, words, terms)
    want = []
    for r in raw:
        tokens = b.analyse(r.fields["text"][:4000])
        adjacent = set(zip(tokens, tokens[1:]))
        want.append(sum(1 for p in pairs if p in adjacent) / len(pairs))
    assert [f.pairs for f in feats] == want
    assert 0.0 in want and 1.0 in want
