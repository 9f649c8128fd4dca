"""An agenda's business ("To consider ...", "To approve ...") is not a decision: the minutes
record what the meeting resolved. Read on a real agenda and the minutes of the same meeting
(see fixtures/agenda_decisions/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.recognise.events import find_events
from paperfinder.reports.registers import list_events

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "agenda_decisions"
AGENDA = "limerick_agenda_full_council_2018-05-28.md"
MINUTES = "limerick_minutes_full_council_2018-05-28.md"


@pytest.fixture(scope="module")
def meeting_index(tmp_path_factory) -> Path:
    from paperfinder.index.build import index_paths

    index_dir = tmp_path_factory.mktemp("meeting")
    report = index_paths([str(FIXTURE / AGENDA), str(FIXTURE / MINUTES)], index_dir)
    assert report.added == 2 and not report.skipped
    return index_dir


def _decisions(index_dir: Path, query: str) -> list[tuple[str, int, str]]:
    _n, events = list_events("decision", query, index_dir, limit=None, sort="oldest")
    return sorted((e.source.rsplit("/", 1)[-1], e.line, e.status or "") for e in events)


def test_the_agenda_lists_no_business_as_decided(meeting_index):
    agenda = [(line, status) for src, line, status in _decisions(meeting_index, "") if src == AGENDA]
    # only the committees' recommendations it quotes, as proposals: lines 274, 298, 310, 319
    assert agenda == [(274, "recommended"), (298, "recommended"), (310, "recommended"), (319, "recommended")]


def test_the_integration_plan_is_decided_in_the_minutes_not_the_agenda(meeting_index):
    # the agenda's "To consider the adoption of the Limerick Integration Plan 2017-2021." (line 392)
    # is not among them; the minutes quote the recommendation (742), agree to take the item (748)
    # and resolve to adopt the plan (802)
    assert _decisions(meeting_index, "Integration Plan") == [
        (MINUTES, 742, "recommended"), (MINUTES, 748, "agreed"), (MINUTES, 802, "resolved")]


@pytest.mark.parametrize("item", [
    "To consider approving the Assessment Panel for the Open Call for Festivals\nand Events Grants Scheme 2018/2019.",
    "(f) Cross-Party Committee - Centenary Events 2019-2021 To approve the establishment of a Cross-Party Committee",
    "Note: Included for consideration under Item Nos. 5 (b) to 5 (f) on the Agenda.",
])
def test_an_agenda_item_is_business_where_a_report_recommends_it(item):
    # agenda lines 359-360, 383 and 322, under the heading the agenda gives them
    heading = "2. Disposal of Land > Recommendation No. 3"
    assert find_events(item, heading=heading, section_type="recommendations", doc_type="agenda") == []
    got = find_events(item, heading=heading, section_type="recommendations", doc_type="report")
    assert [(e.kind, e.status) for e in got] == [("decision", "recommended")]
