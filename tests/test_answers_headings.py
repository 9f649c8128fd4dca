"""Answers from sentences that do not repeat the matter their item heading names, and from papers
that spell out the acronym a question uses (issue 15).

The papers are copies in tests/fixtures/corpus_dev_headings/ (development part of corpus-dev);
answers found by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.reader import THRESHOLD
from paperfinder.answer.retrieval import ask

from .conftest import cited, index_of

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_headings"
PAPER = "parish_stoke_ferry_minutes_2005-11-30.md"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "headings")


def test_the_item_heading_says_what_the_sentence_under_it_is_about(index):
    # lines 35-37: "Vehicle Activated Speed Sign:" / "A quotation had been received from NCC Planning &
    # Transportation in the sum of £4,494 plus VAT ..." -- the sentence never names the sign
    a = ask("How much was NCC's quotation for the vehicle activated speed sign in Stoke Ferry?", index)
    assert a.answer == "£4,494"
    assert a.value == 4494
    assert a.confidence >= THRESHOLD
    assert cited(a) == (PAPER, 37, 37)


def test_the_item_heading_is_read_from_the_paper_above_the_passage():
    from paperfinder.answer.units import _item_head

    src = [(35, "Vehicle Activated Speed Sign:"), (36, ""),
           (37, "A quotation had been received from NCC Planning & Transportation in the sum of £4,494 plus VAT."),
           (38, "Bus Shelter:"), (39, "Three quotations had been received for the repair of the roof as follows:"),
           (40, "Ron Challis - £499.37. Pro-Line - £750.00.")]
    assert _item_head(src, 37) == "Vehicle Activated Speed Sign"
    # the nearest heading above: the bus shelter's quotations are not the sign's
    assert _item_head(src, 40) == "Bus Shelter"
    # a wrapped sentence's last line is no heading
    wrapped = [(1, "Planning:"), (2, ""), (3, "The application for the barn was approved by the Parish"), (4, "Council and sent on.")]
    assert _item_head(wrapped, 4) == "Planning"


def test_an_acronym_of_the_question_is_said_by_the_councils_name():
    from paperfinder.answer.candidates import _score_units
    from paperfinder.answer.question import read_question
    from paperfinder.answer.units import Unit

    q = read_question("What did Stoke Ferry PC approve to spend on the village sign?")
    text = "Cllr Gail Reeve proposed accepting the drawing and costs of £2820 including VAT for the village sign."
    unit = Unit(hit=0, text=text, line_start=1, line_end=1, line_of=[(0, 1)],
                context="Minutes Stoke Ferry Parish Council")
    _score_units(q, [unit], [])
    assert "pc" not in unit.missing
    assert unit.missing == {"approv", "spend"}


def test_a_hyphenated_name_is_its_words_written_apart(index):
    # tintern_cc_minutes_2018-01-08.pdf: "A466 Temporary Road Closure, Tintern-Chepstow – The road will be
    # closed temporarily from 12th February for up to eight weeks."
    a = ask("When does the A466 Tintern to Chepstow temporary closure start in 2018?", index)
    assert a.answer == "12th February"
    assert a.value == "2018-02-12"
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "tintern_cc_minutes_2018-01-08.pdf"


def test_positions_join_a_hyphenated_word_and_its_parts():
    from paperfinder.answer.candidates import _positions, _tok_stems

    text = "the part night lighting from Tintern-Chepstow on a fast-track"
    toks = _tok_stems(text)
    got = _positions(["part-night", "chepstow", "tintern", "track"], toks, text)
    assert got == {"part-night": [1], "chepstow": [5], "tintern": [5]}


def test_the_file_name_names_the_council_the_text_does_not(tmp_path_factory):
    idx = index_of(tmp_path_factory, Path(__file__).parent / "fixtures" / "file_label", "file_label")
    a = ask("How much was the swing seat quotation accepted by Little Snoring?", idx)
    assert a.answer == "£420"
    assert a.value == 420
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "parish_little_snoring_minutes_2019-03-05.md"


def test_how_long_is_a_number_of_units_of_time(index):
    # the Tintern experimental traffic order (2022): "... shall remain in force for not more than eighteen
    # months"; the statement of reasons next to it proposes "an experimental 20 mph speed limit"
    a = ask("How long can the Tintern experimental traffic order stay in force?", index)
    assert a.answer == "eighteen months"  # the length with its unit (issue 15); the value is the number
    assert a.value == 18
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "monmouthshire_notice_of_making_experimental_traffic_order_tintern_2022-01-19.pdf"


def test_the_name_under_the_date_signed_the_notice(index):
    # the notice ends "Dated: 19th January 2022 / Mark Hand / Head of Placemaking, ...": no line says "signed"
    a = ask("Who signed Monmouthshire's notice of the experimental traffic order for Tintern?", index)
    assert a.answer == "Mark Hand"
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "monmouthshire_notice_of_making_experimental_traffic_order_tintern_2022-01-19.pdf"


def test_asking_for_is_requesting():
    from paperfinder.answer.candidates import _positions, _tok_stems
    from paperfinder.answer.question import read_question

    q = read_question("What precept did Stoke Ferry ask for in 2007/2008?")
    text = "It was unanimously agreed that a Precept of £6044 should be requested."
    toks = _tok_stems(text)
    (at,) = _positions(q.stems, toks)["ask"]
    assert text[toks[at][1]:toks[at][2]] == "requested"


def test_a_number_counting_another_noun_gives_way_to_the_one_counting_the_noun_asked(index):
    # Northwold, May 2010 (line 140): "15.1 Fifteen people attended the Social Housing Open Day. A need for
    # six to eight dwellings to accommodate local people has been identified ..." -- fifteen counts people
    a = ask("How many homes for local people did the Northwold social housing open day identify a need for?", index)
    assert a.answer in ("six", "eight")
    assert a.value in (6, 8)
    assert cited(a)[0] == "parish_northwold_annual_minutes_2010-05-04.md"


@pytest.mark.parametrize(
    "question,target",
    [
        ("How many people came to Limerick for the Royal De Luxe Granny weekend?", "people"),
        ("Roughly how many children go to the Stoke Ferry youth club?", "children"),
        ("How many Garda Reserves are there in Limerick city and county?", "garda reserves"),
    ],
)
def test_the_counted_noun_ends_at_a_plural_without_s(question, target):
    from paperfinder.answer.question import read_question

    assert read_question(question).target == target


def test_an_answer_lacks_the_most_specific_word_only_lacking_every_word_of_that_weight():
    from paperfinder.answer.candidates import Cand
    from paperfinder.answer.question import read_question
    from paperfinder.answer.reader import _confidence
    from paperfinder.answer.units import Unit

    q = read_question("How much of the Focus on Practice money was spent on On Track?")
    weights = {"focu": 2.14, "practic": 1.29, "money": 1.63, "spend": 1.3, "track": 2.14}

    def conf(missing: set[str]) -> float:
        u = Unit(hit=0, text="On Track | £ 291", line_start=1, line_end=1, line_of=[(0, 1)], is_row=True)
        u.coverage, u.missing = 0.5, missing
        return _confidence(Cand(u, 11, 16, "£ 291", 291.0, near=0.85), q, 0.0, 0.0, weights, 0.6)[0]

    # "track" weighs as much as "focu": the row naming On Track holds one of the question's most specific words
    assert conf({"focu", "money"}) == pytest.approx(conf({"money"}))
    assert conf({"focu", "track"}) == pytest.approx(0.85 * conf({"money"}))


def test_how_big_asks_for_a_size_no_paper_calls_big(index):
    from paperfinder.answer.question import read_question

    question = "How big is the relocation fund for Elephant and Castle shopping centre traders?"
    q = read_question(question)
    assert q.answer_type == "money"
    assert "big" in q.cue_stems
    # "5. The Fund There is a relocation fund of £634,700 (Relocation Fund), to be paid by the Developer ..."
    a = ask(question, index)
    assert a.answer == "£634,700"
    assert a.value == 634700
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "southwark_s106_appendix9_relocation_strategy_elephant_castle_2018-12.pdf"


def test_where_money_went_is_whom_it_was_paid_to(index):
    # Milburn, March 2019: "The 100 year remembrance service raised £70.33 and was paid to the Merchant Navy
    # Association."; January 2019: "... the Councillors resolved to have the Beacon and service on the Village Green."
    a = ask("Where did the money from Milburn's 100 year remembrance service go?", index)
    assert a.answer == "Merchant Navy Association"
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] in ("parish_milburn_minutes_2019-03-05.pdf", "parish_milburn_minutes_2019-01-08.pdf")
