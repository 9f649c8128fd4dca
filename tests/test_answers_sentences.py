"""Sentence questions ("what did the council decide about X?"): a sentence that only names the matter is a
doubtful answer; one stating what became of it is not (wye_valley_cc_minutes_2021-07-26.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.reader import THRESHOLD, UNSTATED_COST
from paperfinder.answer.retrieval import ask

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "sentence_answers"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE / "wye_valley_cc_minutes_2021-07-26.txt", "sentence_answers")


def test_a_sentence_naming_the_matter_is_no_decision(index):
    # item 3124 opens "Old Station, Tintern - Application for Premises License: The owners have applied ...";
    # what the council decided ("TCC send their objection ...") is sentences later: the heading sentence
    # picked is doubtful, below the threshold
    q = "What did Tintern CC decide about the Old Station premises licence application in July 2021?"
    best = ask(q, index, threshold=0)
    assert best.answer is not None and best.answer.startswith("Old Station, Tintern - Application for Premises License")
    assert best.confidence == pytest.approx(0.356, abs=0.005)
    assert best.confidence / UNSTATED_COST >= THRESHOLD  # given before the cost
    assert ask(q, index).answer is None


def test_a_sentence_stating_the_decision_keeps_its_confidence(index):
    # "... was discussed.  Councillors agreed that one is still needed in the centre of the village."
    a = ask("What did the council agree about the wheelie bins in July 2021?", index)
    assert a.answer is not None and "Councillors agreed that one is still needed in the centre of the village" in a.answer
    assert a.confidence == pytest.approx(0.936, abs=0.005)
