"""Figures read from the passage ``ask`` already reads (issue 15): the amount labelled by the thing asked,
the column of a table its heads name, the one of a pair bound to the place asked, the date after the
preposition the question ends on, and the question wordings that ask for a date or a number.

The papers are copies in tests/fixtures/answers_figures/ (development part of corpus-dev); answers found
by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.question import read_question
from paperfinder.answer.retrieval import ask
from paperfinder.answer.units import _figure_header

from .conftest import cited, index_of

HERE = Path(__file__).parent / "fixtures" / "answers_figures"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "figures")


def test_the_amount_labelled_by_the_thing_asked(index):
    # "the estimated cost for the completion of Ballyvareen Estate was €282,300 and the bond was in the
    # amount of €160,000, leaving a shortfall of €122,300": the shortfall is the figure after its own noun
    a = ask("What was the shortfall on completing Ballyvareen Estate after the bond?", index)
    assert (a.answer, a.value) == ("€122,300", 122300)
    assert cited(a)[0] == "limerick_minutes_md_adare_rathkeale_2016-06-01.md"
    a = ask("What was the estimated cost for the completion of Ballyvareen Estate?", index)
    assert (a.answer, a.value) == ("€282,300", 282300)


@pytest.mark.parametrize("question, answer, line", [
    # columns "Budget 2017-18 | Spent 2017-18 | Budget 2018-19": the year and the word the question says
    ("What is Tintern CC's 2018-19 budget for insurance (Hall/Came&Co)?", "1,400", 12),
    ("How much did Tintern Community Council spend on insurance in 2017-18?", "1,346", 12),
])
def test_a_figure_table_column_by_the_heads_over_it(index, question, answer, line):
    # the passage of the 2018-19 sheet begins under its heads: they are read from the paper
    a = ask(question, index)
    assert a.answer == answer
    assert cited(a) == ("tintern_cc_budget_2018-19.pdf", line, line)


def test_a_figure_table_of_four_columns_under_two_years(index):
    a = ask("What was Tintern Community Council's 2016/17 budget for the clerk's salary?", index)
    assert (a.answer, a.value) == ("4,000", 4000)
    assert cited(a) == ("tintern_cc_budget_2016-17.pdf", 5, 5)


def test_column_heads_from_a_words_line_and_a_years_line():
    lines = [(1, "TINTERN COMMUNITY COUNCIL - BUDGET 2015/16 2018-19"), (2, "ITEM Budget Spent Budget Spent"),
             (3, "2017-18 2018-19"), (4, "REVENUE"), (5, "Clerk's Salary 3,500 3,421 3,500")]
    assert _figure_header(lines, 4, 3) == ["Budget 2017-18", "Spent 2017-18", "Budget 2018-19", "Spent 2018-19"]
    # words not one a column ("Unit Value Toal Value") say no column apart
    lines = [(1, "Item Location Qty Unit Value Toal Value"), (2, "Village Hall & Playground The Quayside 1 £350,000.00 £350,000.00")]
    assert _figure_header(lines, 1, 3) == []


@pytest.mark.parametrize("place, count", [("St Arvans", "16"), ("Devauden", "14")])
def test_each_of_a_pair_of_figures_is_bound_to_its_own_place(index, place, count):
    # "£623.04 for 16 households due to St Arvans and £545.16 for 14 households due to Devauden ..."
    a = ask(f"How many of the Penterry Ward households were due to {place} when the reserves were split?", index)
    assert a.answer == count
    assert cited(a)[0] == "wye_valley_cc_minutes_2022-10-31.txt"


def test_the_date_after_the_preposition_the_question_ends_on(index):
    # "Completion has been slightly delayed until w/c 18th March" (a paper of February 2019)
    a = ask("When was completion of the Tintern affordable housing site delayed until?", index)
    assert (a.answer, a.value) == ("18th March", "2019-03-18")
    assert cited(a)[0] == "tintern_cc_minutes_2019-02-25.pdf"


def test_a_deadline_asked_as_a_search(index):
    q = "deadline for community council training plan under the 2021 Act"
    assert read_question(q).answer_type == "date"
    a = ask(q, index)
    assert (a.answer, a.value) == ("5th November 2022", "2022-11-05")


@pytest.mark.parametrize("question, kind, target", [
    ("closing date for submissions on the biodiversity action plan", "date", None),
    ("How much of the drain under the village green needs replacing?", "number", None),
    ("How much of the budget was spent on the hall?", "money", None),
    ("What was the longest lease the council would consider for the garden?", "number", None),
    ("How many storeys high are the proposed blocks?", "number", "storeys"),
])
def test_wordings_that_ask_for_a_date_or_a_number(question, kind, target):
    q = read_question(question)
    assert (q.answer_type, q.target) == (kind, target)
