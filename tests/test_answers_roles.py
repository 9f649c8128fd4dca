"""Person answers: which name in the sentence fills the role the question asks (issue 15).

The papers are copies in tests/fixtures/corpus_dev_roles/ (development part of corpus-dev);
answers found by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.reader import THRESHOLD
from paperfinder.answer.retrieval import ask

from .conftest import cited, index_of

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_roles"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "roles")


def test_who_moved_the_motion_is_not_who_the_item_is_about(index):
    # line 80: "Cllr Mrs Clements was proposed by Cllr Mrs Leamon seconded by Cllr Ryves. Mrs Clements agreed
    # to be a member of this committee"; in August "..., seconded by Cllr Ryves. All Agreed."
    a = ask("Who agreed to sit on the Vion village liaison committee for Stoke Ferry PC in 2011?", index)
    assert a.answer is not None and a.answer.endswith("Clements")
    assert a.confidence >= THRESHOLD
    assert cited(a) == ("parish_stoke_ferry_annual_draft_minutes_2011-05-18.md", 80, 80)


def test_a_mover_is_the_answer_when_the_question_asks_who_moved():
    from paperfinder.answer.candidates import _mover_fit
    from paperfinder.answer.question import read_question

    text = "Cllr Mrs Clements proposed Cllr Taylor as the Deputy Representative, seconded by Cllr Ryves."
    s = text.index("Ryves")
    agreed = read_question("Who agreed to be the deputy representative?")
    seconded = read_question("Who seconded the deputy representative?")
    assert _mover_fit(agreed, text, s, s + 5) < 1.0
    assert _mover_fit(seconded, text, s, s + 5) == 1.0
    # the name proposed for the post is the item's own person, not a mover
    t = text.index("Taylor")
    assert _mover_fit(agreed, text, t, t + 6) == 1.0


def test_how_many_were_doing_it_is_the_number_whose_clause_says_it(index):
    # "Speed monitoring carried out on September 11th, 80 vehicles clocked, 6 doing over the speed limit."
    a = ask("How many vehicles were speeding in the 11 September 2019 speed check in Tintern?", index)
    assert a.answer == "6"
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "wye_valley_cc_minutes_2019-09-30.txt"
