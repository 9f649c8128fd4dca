"""What kind of answer a question wants, read from the noun after "what"/"which", and the numbers
and names that are not answers: times of day, item numbers, heading lines (issue 15, item 3).

The papers are copies in tests/fixtures/corpus_dev_kinds/ (development part of corpus-dev);
answers found by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.candidates import HEADING_TEXT_FIT, _number_cands, _text_cands
from paperfinder.answer.question import read_question
from paperfinder.answer.retrieval import ask
from paperfinder.answer.units import Unit
from paperfinder.ingest.sections import heading_like
from paperfinder.recognise.dates import find_times

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_kinds"
STOKE_FERRY = Path(__file__).parent / "fixtures" / "corpus_dev_doubts" / "parish_stoke_ferry_draft_minutes_2017-09-06.html"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    # the Stoke Ferry minutes are the copy test_answer_doubts.py indexes too
    return index_of(tmp_path_factory, HERE, "kinds", STOKE_FERRY)


@pytest.mark.parametrize("question, kind", [
    ("What deadline did Steven Halls give Glazewing for substantial progress?", "date"),
    ("What was Digby Civils' updated quotation for the Fryer's Wharf repairs?", "money"),
    ("What commuted sum was received for play equipment?", "money"),
    # an offer chosen among several is named by whoever made it
    ("Which quote was accepted for repairing the bus shelter roof?", "text"),
    ("Which tender was accepted for the grass cutting?", "text"),
    # the head of the noun phrase, not its first word, names the kind: consultants, not cost
    ("Which cost consultants did Gerald Eve use?", "text"),
    ("Which budget line was overspent?", "text"),
    ("Which year was the hall built?", "date"),
    ("What was the quote for the bus shelter roof?", "money"),
])
def test_the_noun_after_what_or_which_names_the_kind_of_answer(question, kind):
    assert read_question(question).answer_type == kind


def test_times_of_day_are_found_and_figures_are_not():
    text = "Meeting at 7.00 pm; closed at 21:15. Opened at 7.30 with 4.50 per cent, £7.30 and a rise to 5.50 per cent."
    assert [text[s:e] for s, e in find_times(text)] == ["7.00 pm", "21:15", "7.30"]


def _unit(text: str, line_starts: list[int]) -> Unit:
    return Unit(hit=0, text=text, line_start=1, line_end=len(line_starts), line_of=[(off, k + 1) for k, off in enumerate(line_starts)])


def test_a_time_of_day_and_an_item_number_are_no_count():
    q = read_question("How many members of the public attended?")
    # the second line opens with an item number ("4. Public ..."), a time of day is in the first
    text = "Ordinary Meeting on Wednesday at 7.00 pm in the Village Hall 4. Public Participation: 8 members of the public"
    u = _unit(text, [0, text.index("4. Public")])
    assert [c.value for c in _number_cands(u, q)] == [8]
    # Limerick's minutes glue the item number to its heading: "4.Strategic Housing Development (SHD) ..."
    glued = "4.Strategic Housing Development (SHD) Application to An Bord Pleanála at Punches Cross,"
    assert _number_cands(_unit(glued, [0]), read_question("How many affordable homes will the development provide?")) == []
    # asked for, a time is kept
    assert "7.00" in [c.surface for c in _number_cands(u, read_question("At what time did the meeting start?"))]


def test_heading_lines_are_told_from_body_lines():
    assert heading_like("**Taking in Charge of Estates** **–** **Declaration of Roads to be Public Roads**")
    assert heading_like("MONMOUTHSHIRE COUNTY COUNCIL (VARIOUS ROADS, TINTERN)")
    assert not heading_like("The Council agreed to appoint Carbrook Windows Ltd of Norwich")
    assert not heading_like("Circulated, Report of the Senior Executive Officer, Planning and Environmental Services,")


def test_a_quotation_question_gets_the_amount(index):
    a = ask("What was Digby Civils' updated quotation for the Fryer's Wharf repairs in 2020?", index)
    assert a.answer == "£8,300"
    assert a.value == 8300


def test_a_deadline_question_gets_the_date(index):
    # "I have given them a deadline of 13th March for 'substantial progress'" (the letter gives no year)
    a = ask("What deadline did Steven Halls give Glazewing for substantial progress towards a planning application?", index)
    assert a.answer == "13th March"


def test_the_meeting_time_is_not_the_number_of_the_public(index):
    # the heading says "Wednesday 6 September 2017 at 7.00 pm"; the attendance "Members of the Public: 8"
    a = ask("How many members of the public attended Stoke Ferry Parish Council on 6 September 2017?", index)
    assert a.value == 8


def test_a_name_in_a_title_block_is_a_weak_answer():
    # monmouthshire_statement_of_reasons_experimental_traffic_order_tintern.pdf opens with a title block in
    # capitals, then the body: "MONMOUTHSHIRE COUNTY COUNCIL (TRAFFIC REGULATION ORDER) (VARIOUS ROADS, ..."
    q = read_question("Where can the Tintern experimental traffic order be inspected?")
    head = "MONMOUTHSHIRE COUNTY COUNCIL (TRAFFIC REGULATION ORDER) (VARIOUS ROADS, TINTERN, MONMOUTHSHIRE)"
    text = head + " Statement of Reasons Monmouthshire County Council propose to implement an experimental 20 mph limit."

    def fit(line_starts: list[int]) -> float:
        return next(c.fit for c in _text_cands(_unit(text, line_starts), q) if c.surface == "VARIOUS ROADS")

    # the same name on a heading line with body after it weighs HEADING_TEXT_FIT of what it weighs in the body
    assert fit([0, len(head) + 1]) == pytest.approx(HEADING_TEXT_FIT * fit([0]))
    # asked for a title, a heading line is no weaker
    titled = read_question("What is the traffic order called?")
    assert {c.surface: c.fit for c in _text_cands(_unit(text, [0, len(head) + 1]), titled)} == {
        c.surface: c.fit for c in _text_cands(_unit(text, [0]), titled)}


def test_the_estate_named_after_at_not_the_item_heading(index):
    # lines 122-126: "**Taking in Charge of Estates** **–** **Declaration of Roads to be Public Roads**" over
    # "Circulated, Report ... seeking approval to the taking in charge of the estate at Car Na Ree, Bloodmill"
    a = ask("Which estate did the Metropolitan District of Limerick take in charge in June 2021?", index)
    assert a.answer == "Car Na Ree"


def test_a_glued_item_number_is_not_the_count_asked(index):
    # line 140: "**4.Strategic Housing Development (SHD) Application to An Bord Pleanála at Punches Cross,**"
    a = ask("How many affordable homes will the Punches Cross strategic housing development provide?", index, threshold=0.0)
    assert a.value != 4
    assert ask("How many affordable homes will the Punches Cross strategic housing development provide?", index).answer is None
