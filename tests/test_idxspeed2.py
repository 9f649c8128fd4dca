"""Issue 17: indexing tags a paper without a spaCy ``Doc`` of its whole text (the rule
components run on the text, the tokenizer and entity ruler on the stretches where a ruler
phrase can be written); it must find what the pipeline finds over a ``Doc``, on real papers
(``tests/fixtures/idxspeed2/``, copies from corpus-dev, and one of ``tests/fixtures/corpus_dev/``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.ingest.readers import read_documents
from paperfinder.recognise import entities as E

HERE = Path(__file__).parent / "fixtures"
PAPERS = ("idxspeed2/parish_northwold_minutes_2018-03-06.md", "idxspeed2/wye_valley_cc_minutes_2020-08-24.txt",
          "corpus_dev/parish_west_dereham_minutes_2016-03-03.html")


def _texts(name: str) -> list[str]:
    return ["\n".join(ln.text for ln in d.lines) for d in read_documents(HERE / name)]


def _found(tags: list[E.Tag]) -> list[tuple]:
    # everything a tag tells but the token numbers, which only order doc.ents
    return [(t.label, t.start, t.end, t.surface, t.value, t.currency, t.canonical, t.kind, t.role, t.source) for t in tags]


@pytest.mark.parametrize("name", PAPERS)
def test_indexing_finds_what_the_pipeline_finds_over_a_doc(name):
    for text in _texts(name):
        over_doc = E.get_nlp()(text).user_data["pf_entities"]
        assert len(over_doc) > 20
        assert _found(E._run(text, None)) == _found(over_doc)


def test_ruler_phrases_are_found_where_they_are_written():
    [northwold] = _texts(PAPERS[0])
    [dereham] = _texts(PAPERS[2])
    assert [(t.label, t.start, t.surface, t.canonical) for t in E._ruled(northwold)] == [("ORG", 12388, "home office", "Home Office")]
    assert [(t.label, t.start, t.surface, t.canonical) for t in E._ruled(dereham)] == [
        ("ORG", 16172, "Environment Agency", "Environment Agency")]
    ents = [e for e in E.tag_text(dereham) if e.label == "ORG"]
    assert [(e.text, e.start, e.canonical) for e in ents] == [("Environment Agency", 16172, "Environment Agency")]


def test_a_phrase_broken_by_a_line_or_wider_space_is_not_the_phrase():
    # the ruler's tokens: a newline or a second space is a token between the words
    [northwold] = _texts(PAPERS[0])
    for gap in ("\n", "  ", "\t"):
        text = northwold.replace("home office", f"home{gap}office")
        assert E._ruled(text) == []
        assert [t for t in E.get_nlp()(text).user_data["pf_entities"] if t.label == "ORG"] == []
    # a phrase inside a longer word is not one; the stretch starts at a word's start only
    text = northwold.replace("home office", "thome office")
    assert E._ruled(text) == [] and _found(E._run(text, None)) == _found(E.get_nlp()(text).user_data["pf_entities"])
