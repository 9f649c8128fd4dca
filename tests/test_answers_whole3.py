"""Answers on whole pages of councils in no corpus, third set (issue 15, tests/gold/questions8.jsonl, development
part): a surname joined to its particle ("DiMaria", "DeLuca") is one name; a post written as a title before a given
name and a surname ("Village Clerk <Given> <Surname> called the roll"); a list label saying nobody ("ABSENT: None",
"NAY: None", "Apologies: Nil") leaves "who was absent / against / sent apologies" unanswered; a chairman's election
does not answer for the vice-chairman's (nor one term of office for another); an item number run into the line
("Members of the Public: 4 5. DECLARATIONS") counts nothing; initials glued to a surname ("S.Findlay") name a
person.

The papers in tests/fixtures/answers_whole3/ are short texts in our own wording, laid out as the pages of
questions8.jsonl are. Answers found by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.doubts import _other_post, _terms, nobody_listed
from paperfinder.answer.question import read_question
from paperfinder.answer.reader import THRESHOLD
from paperfinder.answer.retrieval import ask
from paperfinder.answer.units import Unit

from .conftest import cited, index_of

HERE = Path(__file__).parent / "fixtures" / "answers_whole3"
LARKMOOR = "larkmoor_village_board_minutes_2016-09-12.md"
HOLLINS = "hollins_cross_pc_annual_minutes_2019-05-14.md"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "whole3")


@pytest.mark.parametrize("question, answer, paper", [
    # "Village President Paul DeLuca convened the Regular Meeting": the whole surname, not "De"
    ("Who convened the Larkmoor Village Board meeting of September 12, 2016?", "Paul DeLuca", LARKMOOR),
    # "ROLL CALL Village Clerk Hannah Whitcombe called the roll.": the post takes no word of the name
    ("Who was the Village Clerk at Larkmoor in September 2016?", "Hannah Whitcombe", LARKMOOR),
    ("Who seconded the consent agenda at Larkmoor in September 2016?", "Marsh", LARKMOOR),
    ("Who seconded the election of the Vice-Chairman of Hollins Cross Parish Council in May 2019?", "Holroyd", HOLLINS),
    ("Who was elected Chairman of Hollins Cross Parish Council for 2019-2020?", "R Amberley", HOLLINS),
])
def test_names_and_acts_read_whole(index, question, answer, paper):
    a = ask(question, index)
    assert a.answer == answer
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == paper


@pytest.mark.parametrize("question", [
    # "ABSENT: None"
    "Which Larkmoor trustees were absent from the board meeting of September 12, 2016?",
    # "AYE: | Pike | NAY: | None |"
    "Who voted against the Larkmoor consent agenda in September 2016?",
    # "3. Apologies: Nil."
    "Who sent apologies to the Hollins Cross annual meeting of May 2019?",
    # the page elects a chairman for 2019-2020 only
    "Who was elected Chairman of Hollins Cross Parish Council for 2020-2021?",
])
def test_near_misses_are_null(index, question):
    a = ask(question, index)
    assert a.answer is None


def test_a_count_after_its_label_not_the_next_item_number(index):
    # "4. Members of the Public: 4 5. DECLARATIONS OF INTEREST": 4 came, 5 numbers the next item
    a = ask("How many members of the public attended the Hollins Cross annual meeting in May 2019?", index)
    assert a.value == 4
    assert cited(a)[0] == HOLLINS


@pytest.mark.parametrize("question, text, nobody", [
    ("Which trustees were absent?", "ROLL CALL ... ABSENT: None", True),
    ("Who voted against the motion?", "AYE: | Pike | NAY: | None |", True),
    ("Who sent apologies?", "Apologies for Absence:, None", True),
    ("Who sent apologies?", "3. Apologies: Nil.", True),
    ("Who sent apologies?", "Apologies: Cllr Rudd (holiday)", False),
    # the label of another list says nothing of the one asked about
    ("Who voted against the motion?", "ABSENT: None", False),
])
def test_a_list_label_saying_nobody(text, question, nobody):
    assert nobody_listed(read_question(question), text) is nobody


def _unit(text: str, context: str = "") -> Unit:
    return Unit(hit=0, text=text, line_start=1, line_end=1, line_of=[(0, 1)], context=context)


@pytest.mark.parametrize("question, sentence, other", [
    ("Who seconded the election of the Vice Chairman?", "seconded by Cllr B that Cllr C be re-elected as Chairman.", True),
    ("Who seconded the election of the Vice Chairman?", "Cllr A proposed Cllr C as Vice-Chairman, seconded by Cllr B.", False),
    ("Who was elected Chairman?", "Cllr C was elected Vice-Chairman.", True),
    ("Who was elected Chairman?", "Cllr C was elected Chairman and Cllr D Vice-Chairman.", False),
    ("Who was elected Deputy Mayor?", "Cllr C was elected Mayor for the ensuing year.", True),
])
def test_a_chair_is_not_the_vice_chair(question, sentence, other):
    assert _other_post(read_question(question), _unit(sentence)) is other


def test_terms_of_office():
    assert _terms("Chairman for 2017-2018") == {2017}
    assert _terms("for the year 2016 \u2013 2017 and 2018/19") == {2016, 2018}
    assert _terms("between 2015 and 2019") == set()


@pytest.mark.parametrize("text, names", [
    ("CP proposed S.Findlay, JDM seconded.", ["S.Findlay"]),
    ("Apologies: I.MacKnocher. F.Holt", ["I.MacKnocher", "F.Holt"]),
    # a web address or a file name is no person
    ("see www.Example.org and report.Final.pdf", []),
])
def test_initials_glued_to_a_surname(text, names):
    from paperfinder.answer.candidates import _GLUED_INITIALS

    assert [m.group(1) for m in _GLUED_INITIALS.finditer(text)] == names
