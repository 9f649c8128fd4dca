"""Answers from parish papers the answerer was not written for (issue 15).

Questions and answers are from the development part of tests/gold/questions.jsonl
(written by reading the papers); the papers are copies in tests/fixtures/corpus_dev_answers/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperfinder.answer.question import analyse
from paperfinder.answer.reader import ask
from paperfinder.index.build import index_paths

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_answers"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("answers") / "index"
    index_paths([str(HERE)], str(out))
    return str(out)


def test_a_did_question_is_answered_by_the_decision_sentence(index):
    a = ask("Did Northwold decide to cull the rabbits in the cemetery?", index)
    assert a.answer_type == "text"
    assert a.answer == (
        "It was decided that rabbits in the Cemetery would not be culled at this time as this action "
        "would have little effect on the overall population."
    )
    assert Path(a.evidence[0].source).name == "parish_northwold_minutes_2012-08-07.md"
    assert (a.evidence[0].line_start, a.evidence[0].line_end) == (146, 146)


def test_a_precept_is_an_amount_of_money(index):
    # line 89: "It was noted the Precept for 2017/18 was £16,532.92."
    assert analyse("What was West Dereham's precept for 2017/18?").answer_type == "money"
    a = ask("What was West Dereham's precept for 2017/18?", index)
    assert (a.answer, a.value, a.answer_type) == ("£16,532.92", 16532.92, "money")
    assert a.evidence[0].line_start == 89


def test_a_person_answer_is_the_name_not_the_words_around_it(index):
    # page 1, lines 42-43: "Mr Joyce has kindly offered to set up a website and provide the clerk with / training."
    a = ask("Who offered to set up Milburn Parish Council's website and train the clerk?", index)
    assert (a.answer, a.answer_type) == ("Joyce", "person")
    assert (a.evidence[0].line_start, a.evidence[0].page) == (42, 1)


@pytest.mark.parametrize(
    "question,sentence",
    [
        ("Did Wretton Parish Council join CPRE in 2009?", True),
        ("Why didn't Boughton take the Borough Council's free litter bin?", True),
        ("What happened to the idea of a defibrillator in the BT phone box?", True),
        ("Which company got the Sports and Social Club cladding job in Northwold?", False),
        ("What precept did Stoke Ferry ask for in 2007/2008?", False),  # money
    ],
)
def test_which_questions_a_sentence_answers(question, sentence):
    assert analyse(question).sentence is sentence


def test_a_meeting_month_named_in_the_question_narrows_the_papers(index):
    a = ask("Who offered to set up the parish council's website in March 2016?", index)
    assert a.narrowed == "papers dated March 2016"
    assert a.answer == "Joyce"
    assert Path(a.evidence[0].source).name == "parish_milburn_minutes_2016-03-01.pdf"
    # a financial year is not a meeting's date: nothing is narrowed
    assert ask("What was West Dereham's precept for 2017/18?", index).narrowed is None


def test_the_command_says_what_it_narrowed(index):
    from typer.testing import CliRunner

    from paperfinder.cli import app

    res = CliRunner().invoke(app, ["ask", "Who offered to set up the parish council's website in March 2016?", "--index", index, "--format", "json"])
    assert res.exit_code == 0
    out = json.loads(res.stdout)
    assert (out["answer"], out["narrowed_to"]) == ("Joyce", "papers dated March 2016")
