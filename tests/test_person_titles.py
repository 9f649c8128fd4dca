"""Titles before a name are defined once (``data/person_titles.txt``) and read alike by the
entity tagger, the registers and the answer reader: a title abroad ("Ald.", "Cr"), a Welsh one
("Cynghorydd"), a peer's ("Lord") or a mayor's names the person after it, and the person is a
councillor where the title says so. Fixture: tests/fixtures/person_titles (our own wording)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.retrieval import ask
from paperfinder.recognise.entities import tag_text
from paperfinder.reports.registers import list_events
from paperfinder.text.person_titles import KINDS, title_pattern, title_words, titles

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "person_titles"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "person_titles")


def test_the_data_file_gives_each_title_its_kinds():
    kinds = dict(titles())
    assert kinds["Cllrs"] == {"councillor", "plural", "point"}
    assert kinds["Mayor"] == {"post"} and kinds["Sir"] == frozenset()
    assert all(marks <= KINDS for marks in kinds.values())
    # an abbreviation is written with or without its point; a rank is left out unless asked for
    assert {"ald", "ald.", "cr", "cr."} <= title_words("councillor")
    assert "inspector" not in title_words() and "inspector" in title_words("rank")
    assert "Chief\\s+Superintendent" in title_pattern("rank")


def test_the_tagger_reads_every_title_before_a_name():
    text = (HERE / "borough_council_minutes.txt").read_text()
    people = {e.text: e.kind for e in tag_text(text) if e.label == "PERSON"}
    assert people["Ruiz"] == people["Brennan"] == people["Lindqvist"] == "councillor"
    assert people["Rhys Evans"] == "councillor"
    assert "Hale" in people and "Okafor" in people


def test_the_register_reads_the_mover_and_seconder_after_any_title(index):
    _n, events = list_events("decision", "playground quotation", index)
    assert [(e.proposer, e.seconder, e.outcome) for e in events][:1] == [("Hale", "Ruiz", "carried")]
    _n, events = list_events("decision", "allotment rents", index)
    assert [(e.proposer, e.seconder) for e in events][:1] == [("Evans", "Lindqvist")]


@pytest.mark.parametrize("question, name", [
    ("Who proposed accepting the playground resurfacing quotation?", "Hale"),
    ("Who seconded accepting the playground resurfacing quotation?", "Ruiz"),
    ("Who moved that allotment rents stay at £45 a plot?", "Evans"),
])
def test_the_answer_reader_reads_any_title(index, question, name):
    assert ask(question, index).answer == name
