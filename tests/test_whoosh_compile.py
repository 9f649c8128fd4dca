"""The whoosh backend compiles a parsed query to what whoosh's own parser made of it.

paperfinder parsed queries with whoosh's ``MultifieldParser`` (GtLt, PlusMinus and
Fuzzy plugins, an AND group, or for any-word queries an OR group with factor 0.9)
until the syntax became backend-neutral (``search.syntax``): the same query
objects mean the same hits, scores and order on every index.
"""

from __future__ import annotations

import re
import warnings

import pytest

from paperfinder.backends.whoosh.compile import compile_query
from paperfinder.backends.whoosh.schema import make_schema
from paperfinder.search.syntax import parse

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from whoosh import qparser

QUERIES = [
    "fostering", "fostering private", '"Centre for Social Work"', '"partners in practice"', "fostering AND private",
    "fostering OR adoption", "fostering -private", "title:grant", "section:financial", 'people:"Julie Rooke"',
    "authorities:Westminster", "safeguard*", "sa?eguard*", "safegarding~2", "fostring~", "care~2/3", "title:(grant fund)",
    "a OR b c", "a AND b OR c", "a OR b AND c", "NOT a b", "a -b OR c", "+a b", "(a -b)", "a > b", '"a of b"~3',
    "x^2 title:y^2", "date:[2019 TO 2020]", "date:>2019", "date:<=2020-01", "(council OR councel) budget",
    "10:30am meeting", "council's budget", "2019/20 budget", "1,000 homes", "'quoted words'", '"unclosed phrase',
    "(unclosed group", "closed) group", "AND", "OR", "NOT", "::", "title:", "amount:>", "re-referrals",
    "-private", "present:Butler", '"Sinn Féin"', "Sinn Fein", "e.g. road", "4.1 budget", "£1m budget",
    "the budget", "filters+facets", 'kinds:decision "road safety"', "(MASH OR \"multi agency safeguarding hub\") referrals",
    "cannot listen on 127.0.0.1:8080", "skipped: x.pdf: PDF has no text layer", "exact:(the of)",
    '(exact:"not to confirm" AND "not to confirm")', "amount:>lots", "amount::", "amount:: budget", "ANDNOT a", "a ANDNOT b", "a ANDMAYBE b",
]


def _whoosh(schema, text: str, any_word: bool):
    group = qparser.OrGroup.factory(0.9) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(["title", "section", "text"], schema=schema, group=group)
    for plugin in (qparser.GtLtPlugin(), qparser.PlusMinusPlugin(), qparser.FuzzyTermPlugin()):
        parser.add_plugin(plugin)
    # as the search service gave it: a hyphen inside a word is a space ("re-referrals")
    return parser.parse(re.sub(r"(?<=\w)[-–](?=\w)", " ", text))


# NOT is compiled as -word is (see the next test): those are left out here
SAME_AS_WHOOSH = [(t, a) for t in QUERIES for a in (False, True) if not (t == "NOT a b" or (t.startswith("a NOT") and not a))]


@pytest.mark.parametrize("text,any_word", SAME_AS_WHOOSH)
def test_the_compiled_query_is_whooshs(text, any_word):
    schema = make_schema()
    got = compile_query(parse(text, any_word=any_word), schema)
    assert repr(got) == repr(_whoosh(schema, text, any_word))


def test_not_is_compiled_as_a_minus_the_order_is_whooshs():
    # whoosh's parser made "a NOT b" an And with a Not, which adds 1.0 to every score;
    # it is compiled as "a -b" (an AndNot): the same passages in the same order
    schema = make_schema()
    assert repr(compile_query(parse("fostering NOT private"), schema)) == repr(_whoosh(schema, "fostering -private", False))


def test_the_syntax_knows_the_fields_of_the_index_record():
    # a name: that is not a field is read as a word ("10:30am"): the two lists must agree. The
    # stored-only fields (no format: nothing indexed) are the record's internals, not query fields
    from paperfinder.search.syntax import FIELDS

    schema = make_schema()
    assert FIELDS == {name for name, field in schema.items() if field.format is not None}
    stored_only = {name for name, field in schema.items() if field.format is None}
    assert {"index_text", "index_section", "line_nos", "doc_meta"} <= stored_only


def test_a_stored_only_field_named_in_a_query_is_a_word():
    # "index_section:council" was a whoosh error ("field has no format"); it is a word now
    from paperfinder.search.query import Word
    from paperfinder.search.syntax import parse

    assert parse("index_section:council") == Word("index_section:council")
    assert parse("index_text:council") == Word("index_text:council")
    assert parse("heading:council") == Word("council", fields=("section",))


def test_an_index_written_before_the_backend_was_split_still_opens():
    # whoosh pickles the schema (our text field's class by its module) into the index
    import pickle

    old = pickle.dumps(make_schema(), protocol=0).replace(b"paperfinder.backends.whoosh.schema", b"paperfinder.backends.whoosh.backend")
    assert b"paperfinder.backends.whoosh.backend\n_Text" in old
    assert pickle.loads(old).names() == make_schema().names()



def test_an_index_of_the_release_before_the_layout_still_opens():
    # that release defined the text field's class in paperfinder.whoosh_backend
    import pickle

    from paperfinder.backends.whoosh.store import former_schema_modules

    old = pickle.dumps(make_schema(), protocol=0).replace(b"paperfinder.backends.whoosh.schema", b"paperfinder.whoosh_backend")
    assert b"paperfinder.whoosh_backend\n_Text" in old
    former_schema_modules()  # what opening an index does first
    assert pickle.loads(old).names() == make_schema().names()
