"""The indexer's fast text indexing gives exactly the terms whoosh's analyzer gives."""

from __future__ import annotations

import pytest

from paperfinder.backends.whoosh import schema as backend
from paperfinder.ingest.readers import read_documents
from paperfinder.ingest.sections import passages_of

from .conftest import CORPUS, SAMPLES

TRICKY = [
    "",
    "a an the of",  # stop words are indexed too (phrases as written); one letter words are not
    "The budget of £0.578m (see 4.1, e.g. para 2.3.4) was AGREED.",
    "of the Council's Multi-Agency Safeguarding Hub (MASH) and the MASH's work",
    "İstanbul ǅemal ΣΊΣΥΦΟΣ straße Œuvre",  # lowercasing changes length or is not ASCII
    "a b c d x1 _ __init__ 2020/21 £65,581 ١٢٣ five.five.five",
    "Cllr O'Neill-Smith re-stated: ** bold ** and __under__",
]


def _whoosh_terms(field, text):
    # TEXT.index, the per-token analyzer chain the fast path replaces
    return sorted(backend.TEXT.index(field, text))


def _fast_terms(field, text):
    return sorted(field.index(text))


@pytest.mark.parametrize("name", ["title", "section", "text"])
def test_tricky_strings_give_whoosh_terms(name):
    field = backend.make_schema()[name]
    assert backend._plain_chain(field.analyzer) is not None  # the fast path is taken
    for text in TRICKY:
        assert _fast_terms(field, text) == _whoosh_terms(field, text), text


def test_every_passage_of_the_papers_gives_whoosh_terms():
    schema = backend.make_schema()
    files = sorted(CORPUS.glob("*.txt")) + sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".html", ".txt"))
    checked = 0
    for path in files:
        for doc in read_documents(path):
            for p in passages_of(doc):
                for name, value in (("text", p.text), ("section", p.section), ("title", doc.title or "")):
                    assert _fast_terms(schema[name], value) == _whoosh_terms(schema[name], value), (path.name, p.line_start)
                checked += 1
    assert checked > 600


def test_title_boost_is_in_the_weight():
    field = backend.make_schema()["title"]
    (term,) = [t for t in field.index("Budget budget review of budgets") if t[0] == b"budget"]
    assert term[1] == 3 and term[2] == 4.5  # three words stem to "budget"; title boost 1.5
