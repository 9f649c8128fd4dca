"""The query syntax parsed into the backend-neutral tree (``search.syntax``), engine-free."""

from __future__ import annotations

import pytest

from paperfinder.errors import QueryError
from paperfinder.search import query as Q
from paperfinder.search.syntax import parse

W = Q.Word


def test_words_are_all_required_or_any_with_a_scale():
    assert parse("fostering private") == Q.And((W("fostering"), W("private")))
    assert parse("fostering private", any_word=True) == Q.Or((W("fostering"), W("private")), 0.9)


def test_operators_bind_not_then_and_then_or_then_side_by_side():
    assert parse("a OR b c") == Q.And((Q.Or((W("a"), W("b"))), W("c")))
    assert parse("a AND b OR c") == Q.Or((Q.And((W("a"), W("b"))), W("c")))
    assert parse("NOT a b") == Q.And((Q.Not(W("a")), W("b")))
    assert parse("fostering AND") == Q.And((W("fostering"), W("AND")))  # no right side: a word


def test_minus_leaves_out_and_plus_requires():
    assert parse("fostering -private") == Q.And((W("fostering"), Q.Not(W("private"))))
    assert parse("+fostering care") == Q.AndMaybe(W("fostering"), W("care"))
    assert parse("-private") == Q.Nothing()
    assert parse("re-referrals") == Q.And((W("re"), W("referrals")))  # a hyphenated word, not a minus


def test_fields_aliases_phrases_and_groups():
    assert parse("person:Butler") == W("Butler", ("people",))
    assert parse('heading:"social work"~2') == Q.Phrase(("social", "work"), ("section",), slop=2)
    assert parse("title:(grant fund)") == Q.And((W("grant", ("title",)), W("fund", ("title",))))
    assert parse("10:30am") == W("10:30am")  # not a field: the word as typed
    assert parse("title:grant^2") == W("grant", ("title",), boost=2.0)


def test_wildcards_fuzzy_words_and_ranges():
    assert parse("safeguard*") == Q.Prefix("safeguard")
    assert parse("sa?eguard*") == Q.Wildcard("sa?eguard*")
    assert parse("fostring~") == Q.Fuzzy("fostring", 1, prefix_length=0)
    assert parse("care~2/3") == Q.Fuzzy("care", 2, prefix_length=3)
    assert parse("date:[2019 TO 2020]") == Q.Range("date", "2019", "2020")
    assert parse("date:>2019") == Q.Range("date", "2019", None, low_excluded=True)
    assert parse("date:<=2020") == Q.Range("date", None, "2020")


def test_phrases_with_stop_words_also_match_every_word():
    stops = frozenset({"not", "to", "the", "of"})
    p = Q.Phrase(("not", "to", "confirm"))
    assert parse('"not to confirm"', stop_words=stops) == Q.And((Q.Phrase(p.words, ("exact",)), p))
    assert parse('"social work"', stop_words=stops) == Q.Phrase(("social", "work"))
    assert parse("the of", stop_words=stops) == Q.And((W("the", ("exact",)), W("of", ("exact",))))


def test_an_unreadable_query_is_a_query_error_with_a_hint():
    with pytest.raises(QueryError) as e:
        parse("<0")
    assert "cannot parse query" in str(e.value) and e.value.hint
    with pytest.raises(QueryError, match="needs a field"):
        parse("[a TO b]")
