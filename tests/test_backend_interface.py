"""The backend-neutral query tree and finding a backend by name."""

from __future__ import annotations

import json

import pytest

from paperfinder.errors import QueryError
from paperfinder.search import query as Q
from paperfinder.search.backend import backend_name_of, get_backend


def test_and_drops_every_and_flattens():
    a, b, c = Q.Term("authority", "Southwark"), Q.Word("fostering"), Q.Range("date", "2020-01-01", None)
    assert Q.and_([Q.Every(), a, Q.And((b, c))]) == Q.And((a, b, c))
    assert Q.and_([Q.Every(), a]) == a
    assert Q.and_([]) == Q.Every()


def test_or_of_one_is_the_part_and_of_none_is_nothing():
    a = Q.Term("kinds", "decision")
    assert Q.or_([a]) == a
    assert Q.or_([]) == Q.Nothing()


def test_words_of_leaves_out_negated_words():
    tree = Q.And((Q.Word("fostering"), Q.Not(Q.Word("private")), Q.Phrase(("social", "work"))))
    assert Q.words_of(tree) == ["fostering", "social", "work"]


def test_unknown_backend_is_a_user_error_naming_the_known_ones():
    with pytest.raises(QueryError) as e:
        get_backend("elastic")
    assert "unknown backend 'elastic'" in str(e.value)
    assert "whoosh" in e.value.hint and "tantivy" in e.value.hint


def test_an_index_says_its_backend(tmp_path):
    assert backend_name_of(tmp_path) == "whoosh"  # nothing there yet: the default
    (tmp_path / "paperfinder.json").write_text(json.dumps({"schema_version": 13, "backend": "tantivy"}))
    assert backend_name_of(tmp_path) == "tantivy"
    (tmp_path / "paperfinder.json").write_text(json.dumps({"schema_version": 13}))
    assert backend_name_of(tmp_path) == "whoosh"  # written before the field existed


def test_the_whoosh_backend_is_found_by_name_and_recorded_in_the_index(corpus_index):
    from paperfinder.search.backend import SearchBackend, backend_for

    cls = get_backend("whoosh")
    assert issubclass(cls, SearchBackend) and cls.name == "whoosh"
    assert json.loads((corpus_index / "paperfinder.json").read_text())["backend"] == "whoosh"
    be = backend_for(corpus_index)
    assert type(be) is cls
    # a tree and a filter tree, as the search service builds them
    total, hits, facets = be.run_query(Q.Word("fostering"), filter_q=Q.Term("doc_type", "minutes"), limit=3, facets=("doc_type",))
    assert facets == {"doc_type": {"minutes": total}} and 0 < len(hits) <= 3
    assert all(h.fields["doc_type"] == "minutes" for h in hits)
    assert be.run_query(Q.Nothing(), limit=3)[0] == 0
