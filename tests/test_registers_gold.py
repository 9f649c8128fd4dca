"""The decisions register read as a person reads minutes: each decision's outcome, mover, seconder and
votes, procedural business left out (small minutes in our own wording, in the layouts of
``tests/gold/registers.jsonl``; ``bench/eval_registers.py`` scores the register on that gold)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.index.build import index_paths
from paperfinder.reports.registers import list_events

from .registered import one as _one
from .registered import register_events

FIXTURES = Path(__file__).parent / "fixtures" / "registers2"


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return register_events(FIXTURES, tmp_path_factory.mktemp("registers2") / "idx")


def test_untitled_proposer_and_a_seconder_who_seconded_and_all_carried(events):
    listed, _ = events
    e = _one(listed, "seconded by Cllr Evans")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Brian Coles", "Evans")  # "unanimously agreed"


def test_mover_and_seconder_written_as_labels_before_titled_names(events):
    listed, _ = events
    e = _one(listed, "Speed watch")
    assert (e.outcome, e.proposer, e.seconder) == ("agreed", "A Barton", "D Evans")


def test_a_lost_amendment_and_the_carried_recommendation_beside_it(events):
    listed, _ = events
    amendment = _one(listed, "new swings")
    assert amendment.outcome == "defeated"
    carried = _one(listed, "repair the existing equipment")
    assert carried.outcome == "carried"
    assert carried.votes == {"for": 3, "against": 1, "abstaining": 1}


def test_procedural_business_left_out_unless_asked(events):
    listed, every = events
    assert not [e for e in listed if "true record" in e.text or "press and public" in e.text]
    minutes = _one(every, "true record")
    assert minutes.procedural
    assert (minutes.proposer, minutes.seconder) == ("FG", "DE")
    assert _one(every, "press and public").procedural


def test_a_neighbouring_items_mover_is_not_this_ones(events):
    """Item 3's "Prop FG Sec DE" is not the mover of item 4's role, nor item 2's of item 3."""
    _, every = events
    assert _one(every, "true record").proposer != "Brian Coles"
    assert _one(every, "Speed watch").proposer != "FG"


def test_a_heading_in_capitals_run_on_after_a_name_is_not_the_name(events):
    listed, _ = events
    e = _one(listed, "repair the stile")
    assert (e.outcome, e.proposer, e.seconder) == ("agreed", "Grant", "Coles")


RECORD = """I, Councillor Avery, Lead Member for Parks and Open Spaces, in exercise of the powers contained within the Council Constitution, do hereby approve:

The Allotment Rents and Water Charges Policy for the year 2025

The Reasons are:

The current rents were last reviewed in 2015 and no longer cover the cost of water.

The policy sets out how rents will be set each year.
"""


def test_a_decision_records_reasons_are_not_more_decisions():
    from paperfinder.recognise.events import find_events

    found = [e.text for e in find_events(RECORD, heading="Decisions", doc_type="decision_notice") if e.kind == "decision"]
    assert found == [RECORD.split("\n\n")[0], "The Allotment Rents and Water Charges Policy for the year 2025"]


def test_commitments_carry_no_motion_and_a_meeting_notice_is_none(tmp_path):
    idx = tmp_path / "idx"
    index_paths([FIXTURES], idx)
    _total, found = list_events("commitment", "", idx, limit=None, sort="oldest")
    assert [(e.owner, e.outcome, e.proposer) for e in found if "stile" in e.text] == [("Clerk", None, None)]
    assert [e.due for e in found if "Mill Lane" in e.text] == ["by the end of June"]
    assert not [e for e in found if "next meeting" in e.text]


def test_the_next_decisions_votes_are_not_this_ones(events):
    listed, _ = events
    amendment = _one(listed, "close the car park at night")
    assert (amendment.outcome, amendment.votes) == ("defeated", None)
    motion = _one(listed, "resurface the car park")
    assert (motion.outcome, motion.votes) == ("carried", {"for": 6, "against": 2})


def test_a_deferral_and_an_election_proposed_and_seconded_are_decisions(events):
    listed, _ = events
    assert _one(listed, "allotment rents").outcome == "deferred"
    e = _one(listed, "proposed in her absence")
    assert (e.outcome, e.proposer, e.seconder) == ("agreed", "Coles", "Barton")


def test_an_item_moved_on_label_lines_under_it_is_a_decision(events):
    listed, _ = events
    e = _one(listed, "Adoption of the accounts")
    assert (e.proposer, e.seconder) == ("Fiona Grant", "Dai Evans")


def test_a_member_named_with_an_initial_in_brackets_keeps_it():
    from paperfinder.reports.registers import _member_name

    assert _member_name("Sheahan (J)") == "Sheahan (J)"
    assert _member_name("Williams AGENDA ITEM") == "Williams"


def test_dash_labels_initials_and_standing_orders(events):
    listed, every = events
    assert _one(listed, "new map board").outcome == "deferred"
    assert _one(listed, "application at Hillside").outcome == "agreed"
    e = _one(listed, "AB proposed BC")
    assert (e.proposer, e.seconder) == ("AB", "DE")
    assert _one(every, "suspend Standing Orders").procedural


def test_a_motion_moved_and_supported_by_untitled_members(events):
    listed, _ = events
    e = _one(listed, "Lakeshore Paving")
    assert (e.outcome, e.proposer, e.seconder) == ("carried", "Mendez", "Okafor")
    assert e.amounts == [48200.0] and e.currencies == ["USD"]
