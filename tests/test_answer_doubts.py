"""Doubts about the picked answer that its passage's match cannot show (answer/doubts.py).

Questions are development-part questions of tests/gold/questions2.jsonl, asked of copies
of their papers (tests/fixtures/corpus_dev_doubts/); each wrong pick below was given with a
confidence of 0.5-0.7 before the doubts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from paperfinder.answer.doubts import (
    ECHO_COST,
    NO_FIGURE_COST,
    OTHER_YEAR_PAPER_COST,
    RANGE_END_COST,
    TIME_WORD_COST,
    answer_doubts,
)
from paperfinder.answer.question import read_question
from paperfinder.answer.reader import THRESHOLD
from paperfinder.answer.retrieval import ask
from paperfinder.answer.units import Unit

from .conftest import cited, index_of

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_doubts"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "doubts")


def _unit(text: str) -> Unit:
    return Unit(hit=0, text=text, line_start=1, line_end=1, line_of=[(0, 1)])


def test_a_number_of_the_question_is_not_its_answer(index):
    # "Covid 19" is the question's own number: the line asking the question holds it beside "breaches";
    # beside the same word it is no candidate at all (answer.candidates._own_numbers), and the count
    # read is the breaches' own ("there were 28 breaches")
    q = "How many breaches of Covid 19 regulations did Limerick Gardaí record by December 2020?"
    best = ask(q, index, threshold=0.0)
    assert (best.answer, best.value) == ("28", 28)
    # the same paper's right answer stays above the threshold (lines 132-134: "He stated that 205 drug
    # dealers have been arrested, ...")
    a = ask("How many drug dealers had been arrested in Limerick according to the Chief Superintendent in December 2020?", index)
    assert (a.answer, a.value) == ("205", 205.0)
    assert a.confidence >= THRESHOLD
    assert cited(a) == ("limerick_minutes_joint_policing_2020-12-04.md", 132, 134)


def test_an_unanswerable_question_is_not_answered_with_its_own_figure(index):
    q = "How many responses did Southwark receive to the 11,000 council homes charter consultation?"
    best = ask(q, index, threshold=0.0)
    assert best.answer == "11,000"
    assert ask(q, index).answer is None


def test_a_name_of_the_question_is_not_its_answer():
    # limerick_minutes_full_council_special_2020-02-25.md: John O'Donoghue was co-opted; "Richard
    # O'Donoghue" is the name the question gives
    q = read_question("Who was co-opted to Adare-Rathkeale after Richard O'Donoghue went to the Dáil?")
    u = _unit("the Mayor declared Mr. John O’Donoghue co- opted as a Member of the Council for the Municipal District of Adare-Rathkeale")
    assert answer_doubts(q, "Richard O’Donoghue", u, "2020-02-25") == (ECHO_COST, ["the answer is words of the question"])
    assert answer_doubts(q, "Cllr Richard O'Donoghue", u, "2020-02-25")[0] == ECHO_COST
    assert answer_doubts(q, "Mr. John O’Donoghue", u, "2020-02-25") == (1.0, [])


def test_a_season_does_not_say_where(index):
    # line 16: "Councillor Richardson is to order scalpings from Hoggs for the potholes, so that again in Spring, ..."
    q = "Where is Councillor Richardson ordering scalpings from for the Milburn potholes?"
    best = ask(q, index, threshold=0.0)
    # "... from": the place the order goes to, not the season the words "in Spring" name
    assert best.answer == "Hoggs"
    assert cited(best)[0] == "parish_milburn_minutes_2018-03-06.pdf"
    assert answer_doubts(read_question(q), "Spring", _unit(""), None) == (TIME_WORD_COST, ["a bare month, weekday or season"])
    assert answer_doubts(read_question(q), "Hoggs", _unit(""), None) == (1.0, [])


def test_an_amount_asked_is_not_answered_by_words(index):
    # line 200: "... fifteen years maintenance therefore - £29,800.01 had been received."
    q = "What commuted sum was received for play equipment under planning application 17/00469/F?"
    # "commuted sum" is a money word: the question asks for money and the amount answers it
    best = ask(q, index)
    assert best.answer == "£29,800.01"
    assert best.value == 29800.01
    # were it read as a text question, words with no figure ("Resolution Required", the item's heading)
    # would be doubted
    as_text = dataclasses.replace(read_question(q), answer_type="text")
    assert answer_doubts(as_text, "Resolution Required", _unit(""), None)[0] == NO_FIGURE_COST
    # "which quote" asks whose: a firm's name answers it
    assert answer_doubts(read_question("Which quote was accepted for the bus shelter roof?"), "Anderson's Roofing", _unit(""), None) == (1.0, [])


def test_a_paper_of_another_year_doubts_an_answer_that_names_no_year():
    # parish_west_dereham_draft_minutes_2016-12-01.html, line 200 (the budget for 2017/18):
    q = read_question("What precept did West Dereham set for 2020/21?")
    u = _unit("It was agreed by all to set the Precept at £16,532.92 plus £300 Council Tax Support Grant.")
    assert answer_doubts(q, "£16,532.92", u, "2016-12-01") == (OTHER_YEAR_PAPER_COST, ["the paper is of another year than the one asked about"])
    # a paper of the year before the one asked sets its precept: no doubt
    assert answer_doubts(q, "£16,532.92", u, "2020-01-09") == (1.0, [])
    # the sentence (or its heading) naming the year asked: no doubt, whatever the paper's date
    said = dataclasses.replace(u, context="6.2 Budget for 2020/21")
    assert answer_doubts(q, "£16,532.92", said, "2016-12-01") == (1.0, [])


def test_one_end_of_a_range_is_not_the_amount():
    # limerick_minutes_spc_home_and_social_2022-12-14.md: "The budget is between €3m and €4m per year and is adequately
    # staffed." (questions.jsonl q038, development part: "€4m" was given at 0.57)
    q = read_question("What is the annual budget of Limerick's Economic and Social Intervention Fund?")
    text = "The budget is between €3m and €4m per year and is adequately staffed."
    u = _unit(text)
    at = text.index("€4m")
    assert answer_doubts(q, "€4m", u, "2022-12-14", (at, at + 3)) == (RANGE_END_COST, ["one end of a range"])
    at = text.index("€3m")
    assert answer_doubts(q, "€3m", u, "2022-12-14", (at, at + 3))[0] == RANGE_END_COST
    # a dash joins a year to the amount after it: no range
    text = "Precept 2019/20 - £6,044 agreed by all."
    at = text.index("£6,044")
    assert answer_doubts(read_question("What precept was set for 2019/20?"), "£6,044", _unit(text), "2019-01-09", (at, at + 6)) == (1.0, [])
