"""Sentence questions ("what did the council decide about X?"): a sentence that only names the matter is a
doubtful answer; one stating what became of it is not (wye_valley_cc_minutes_2021-07-26.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.reader import THRESHOLD, _statement
from paperfinder.answer.retrieval import ask

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "sentence_answers"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE / "wye_valley_cc_minutes_2021-07-26.txt", "sentence_answers")


def test_a_sentence_naming_the_matter_is_no_decision(index):
    # item 3124 opens "Old Station, Tintern - Application for Premises License: The owners have applied ...";
    # what the council decided is sentences later, in the minutes' shorthand (the council's initials, then the
    # verb): "TCC send their objection to the application to the Licensing Officer ...". The heading sentence,
    # which only names the matter, was the answer (and a doubtful one, under the threshold) before that shorthand
    # was read as a decision
    q = "What did Tintern CC decide about the Old Station premises licence application in July 2021?"
    a = ask(q, index)
    assert a.answer is not None and a.answer.startswith("TCC send their objection to the application to the Licensing Officer")
    assert a.confidence >= THRESHOLD
    assert not _statement("Old Station, Tintern - Application for Premises License: The owners have applied for a premises license")
    assert _statement("TCC send their objection to the application to the Licensing Officer.", "decision")


def test_a_sentence_stating_the_decision_keeps_its_confidence(index):
    # "... was discussed.  Councillors agreed that one is still needed in the centre of the village."
    a = ask("What did the council agree about the wheelie bins in July 2021?", index)
    assert a.answer is not None and "Councillors agreed that one is still needed in the centre of the village" in a.answer
    # (0.936 before "TCC send their objection ..." of another item was read as a decision, a rival statement)
    assert a.confidence == pytest.approx(0.851, abs=0.005)
