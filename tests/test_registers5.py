"""The decisions register on layouts of councils nobody tuned it for (small minutes in our own wording, in the
layouts of ``tests/gold/registers5.jsonl``: Canadian regional districts' slash pairs over a resolution number and
run-together "MovedDirector" labels, an Ontario township's "Be it resolved", a New Brunswick town's "moved to
receive and file", Australian "RESOLVED [n] (A/B)" and "on the motion of" with a roll totalled, English parish
minutes' elections, "(P) AB (S) CD" initials and items put off to a later meeting)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .registered import one as _one
from .registered import register_events

FIXTURES = Path(__file__).parent / "fixtures" / "registers5"


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return register_events(FIXTURES, tmp_path_factory.mktemp("registers5") / "idx")


def test_a_motion_under_a_slash_pair_and_its_number(events):
    listed, every = events
    e = _one(listed, "THAT the presentation be received")
    assert (e.outcome, e.proposer, e.seconder) == ("noted", "Sandhu", "Oakes")
    e = _one(listed, "Minister of Forests")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Oakes", "Dunmore")  # not the pair of the motion before
    assert _one(every, "THAT the agenda for the March 13, 2024").procedural


def test_a_motion_under_labels_run_into_the_title(events):
    listed, every = events
    e = _one(listed, "Fire Services Memorandum")
    assert e.outcome == "noted"
    assert "Quist" in e.proposer and "Halvorsen" in e.seconder
    assert _one(every, "That the agenda be adopted as presented").procedural


def test_be_it_resolved_under_moved_by_and_seconded_by(events):
    listed, every = events
    e = _one(listed, "approve the Accounts")
    assert (e.outcome, e.proposer, e.seconder, e.amounts) == ("carried", "Lena Marsh", "Owen Sayers", [48210.37])
    assert _one(every, "hereby approves the minutes").procedural  # "approves the minutes"


def test_a_member_moved_to_receive_and_file_or_to_proceed(events):
    listed, _ = events
    e = _one(listed, "receive and file the RCMP Report")
    assert (e.outcome, e.proposer, e.seconder) == ("noted", "Pike", "Lane")  # a bare "Carried." after the seconder
    e = _one(listed, "proceed with the design drawings")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Lane", "Pike")


def test_resolved_with_its_number_and_pair_and_on_the_motion_of_with_a_totalled_roll(events):
    listed, every = events
    e = _one(listed, "regional library's bid")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Hale", "Prior")
    e = _one(every, "Standing Orders be suspended")
    assert e.procedural
    assert (e.outcome, e.votes) == ("carried", {"for": 6, "against": 0})


def test_parish_elections_initials_and_an_item_put_off(events):
    listed, _ = events
    e = _one(listed, "in favour of Cllr Brook")
    assert (e.outcome, e.proposer, e.seconder) == ("agreed", "Amberley", "Colley")  # Brook is the nominee
    e = _one(listed, "£6k budget for grass cutting")
    assert (e.outcome, e.proposer, e.seconder) == ("agreed", "P Ellery", "D Colley")
    e = _one(listed, "agreed to note the information")
    assert (e.outcome, e.proposer, e.seconder) == ("noted", "PE", "DC")
    e = _one(listed, "Resolved to sign the bank reconciliation")
    assert e.outcome == "carried"
    e = _one(listed, "to be agenda’d for the July meeting")
    assert e.outcome == "deferred"
    e = _one(listed, "agreed for new safety signs")
    assert (e.outcome, e.amounts) == ("agreed", [1500.0])
