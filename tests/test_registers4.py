"""The decisions register finding a meeting's decisions in layouts of councils nobody tuned for (small minutes in
our own wording, in the layouts of ``tests/gold/registers4.jsonl``: US township and county boards, Ohio trustees
in capitals, a Scottish community council's bullets, a Welsh town council's panel recommendations)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .registered import one as _one
from .registered import register_events

FIXTURES = Path(__file__).parent / "fixtures" / "registers4"


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return register_events(FIXTURES, tmp_path_factory.mktemp("registers4") / "idx")


def test_a_motion_told_by_its_making_with_its_mover_supporter_and_result(events):
    listed, _ = events
    e = _one(listed, "snowplow contract")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "T Olsen", "K Varga")
    e = _one(listed, "cemetery mowing list")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Dana", "Pete")
    e = _one(listed, "Motion to pay bills")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Ruiz", "Olsen")  # "Motion passed by voice vote"


def test_a_roll_called_member_by_member(events):
    listed, _ = events
    e = _one(listed, "Northside Gravel")
    assert (e.proposer, e.seconder, e.votes) == ("K Varga", "T Olsen", {"for": 2, "against": 1})
    assert e.amounts == [12300.0]


def test_the_last_minutes_an_adjournment_and_the_agenda_are_procedural(events):
    listed, every = events
    for words in ("accept the minutes", "motion to adjourn", "approve the agenda as presented"):
        assert not [e for e in listed if words in e.text]
        assert _one(every, words).procedural


def test_a_commissioner_who_made_a_motion_and_the_one_who_seconded_it(events):
    listed, _ = events
    e = _one(listed, "road salt")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Tran", "Ibsen")  # not the agenda's seconder before it


def test_a_closed_session_moved_with_its_seconder_between(events):
    listed, every = events
    assert not [e for e in listed if "closed session" in e.text]
    e = _one(every, "closed session")
    assert (e.procedural, e.proposer, e.seconder, e.outcome) == (True, "Ibsen", "Tran", "carried")


def test_moved_the_board_adopt_and_votes_in_brackets(events):
    listed, _ = events
    e = _one(listed, "volunteer fire brigade")
    assert (e.proposer, e.votes) == ("Hale", {"for": 4, "against": 0})


def test_trustees_in_capitals_and_a_roll_wrapped_over_two_lines(events):
    listed, _ = events
    e = _one(listed, "MOTIONED TO NOMINATE")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "MORAN", "ORTIZ")
    assert e.votes == {"for": 3, "against": 0}


def test_a_community_councils_bullets(events):
    listed, every = events
    assert _one(listed, "appoint Morag Fyfe").outcome == "agreed"
    assert _one(listed, "continue the appointment of a Treasurer").outcome == "deferred"  # Scottish "continue"
    assert _one(listed, "considered and adopted the Model Standing Orders").outcome == "agreed"
    assert _one(listed, "hall hire invoice").outcome == "agreed"
    assert not [e for e in every if "apology for absence" in e.text]  # received, not decided


def test_a_town_councils_panel_recommendations(events):
    listed, _ = events
    e = _one(listed, "given to the Food Bank")
    assert (e.outcome, e.votes) == ("agreed", {"for": 9, "against": 2})
    assert _one(listed, "car park lighting").outcome == "deferred"
    assert _one(listed, "accepted for payment").outcome == "agreed"
