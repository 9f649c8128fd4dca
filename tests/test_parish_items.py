"""A parish council's minutes as its site saves them (tests/fixtures/parish_items, our own wording): the
site's copyright line is no title; a sentence under a list's lead-in is about the item's numbered heading
above it; two capitals in the paper ("footpath AG 12") are not the council the question names; a line
that records the mover, the seconder and the resolution together is the decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.retrieval import ask
from paperfinder.ingest.readers import read_documents
from paperfinder.reports.registers import list_events

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "parish_items"
PAPER = "ashwell_green_minutes_2022_03.txt"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "parish_items")


def test_the_sites_copyright_line_is_no_title():
    doc = read_documents(HERE / PAPER)[0]
    assert (doc.authority, doc.date, doc.doc_type) == ("Ashwell Green Parish Council", "2022-03-14", "minutes")
    assert not doc.title.startswith("©")


@pytest.mark.parametrize("question, answer", [
    # "4. Replacement of the bench on the village green ..." / "Three quotations were received ...:" / the resolution
    ("Who proposed accepting the quotation for the bench on the village green?", "Marsh"),
    ("Who seconded accepting the quotation for the bench on the village green?", "Okoye"),
    ("How much was the accepted quotation for the village green bench?", "£980"),
    # "footpath AG 12" is no mention of Ashwell Green; "Mrs J Pryce (Clerk)" is
    ("Who was the clerk at Ashwell Green?", "J Pryce"),
])
def test_answers_under_the_items_heading(index, question, answer):
    assert ask(question, index).answer == answer


def test_mover_seconder_and_resolution_on_one_line_is_the_decision(index):
    _n, events = list_events("decision", "litter bins", index)
    assert [(e.proposer, e.seconder, e.outcome) for e in events] == [("Delaney", "Hollins", "carried")]


def test_a_line_opening_with_the_mover_that_goes_on_to_the_resolution_is_a_decision():
    from paperfinder.recognise.events import find_events

    line = "Proposed by Cllr Hale, seconded by Cllr Ruiz, it was RESOLVED that the quotation of £1,840 be accepted."
    assert [(e.kind, e.text) for e in find_events(line, doc_type="minutes")] == [("decision", line)]
    # a mover's line alone still leads the resolution under it, and is no decision of its own
    two = "Proposed by Cllr Hale, seconded by Cllr Ruiz\nRESOLVED that the quotation be accepted."
    assert [e.text for e in find_events(two, doc_type="minutes")] == ["RESOLVED that the quotation be accepted."]


def test_minutes_that_state_no_date_of_their_own_get_none():
    doc = read_documents(HERE / "westmere_pc_minutes.txt")[0]
    # "Results of the By-Election Held on 4th May 2023" dates the election, not this meeting
    assert (doc.date, doc.doc_type) == (None, "minutes")


@pytest.mark.parametrize("question, answer", [
    # "In attendance: D Okafor Clerk and Responsible Financial Officer": the post right after the name
    ("Who is the clerk at Westmere?", "D Okafor"),
    ("Who is the responsible financial officer?", "D Okafor"),
    # "The consultation ends on ...": "ends" is the question's "end"
    ("When does the public consultation end?", "Friday, the 30th of June 2023"),
])
def test_a_post_after_the_name_and_a_short_verb(index, question, answer):
    assert ask(question, index).answer == answer
