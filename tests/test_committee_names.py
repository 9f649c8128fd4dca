"""A committee is a short name, not a sentence; a local council's paper named by the council's
own name is the whole council's meeting (or its annual meeting); an attendance line is no
title. Read on real parish minutes (see fixtures/committee_names/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.ingest.readers import read_documents
from paperfinder.ingest.titles import council_only, own_meeting

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "committee_names"


def _meta(name: str) -> tuple[str | None, str | None, str | None]:
    doc = read_documents(FIXTURE / name)[0]
    return doc.title, doc.committee, doc.authority


@pytest.mark.parametrize("name, committee", [
    ("parish_west_dereham_draft_minutes_2018-07-05.md", "Parish Council"),  # not "The Chairman welcomed everyone ..."
    ("parish_stoke_ferry_minutes_2005-11-30.md", "Parish Council"),  # not "The mintes of the November meeting ..."
    ("parish_west_dereham_minutes_2017-04-06.html", "Parish Council"),  # not "West Dereham Parish Council - April"
    ("parish_stoke_ferry_annual_draft_minutes_2011-05-16.md", "Annual Parish Meeting"),
    ("parish_stoke_ferry_annual_draft_minutes_2011-05-18.md", "Annual Parish Council Meeting"),
])
def test_the_committee_is_the_meetings_name(name, committee):
    assert _meta(name)[1] == committee


def test_an_attendance_line_is_no_title():
    # "Also in attendance: Cllr Dan Other Borough Council of ..." was taken for the title
    assert _meta("attendance_first.md") == ("Minutes: Hillbrook Parish Council", "Parish Council", "Hillbrook Parish Council")


@pytest.mark.parametrize("text, council, meeting", [
    ("Wretton Parish Council May Meeting", "Wretton Parish Council", "Parish Council"),
    ("Boughton Parish Council AGM 2014", "Boughton Parish Council", "Annual Parish Council Meeting"),
    ("Minutes of Northwold Parish Council Meeting", "Northwold Parish Council", "Parish Council"),
    # another body: the header's own reading stands
    ("Wretton Parish Council Finance Committee", "Wretton Parish Council", None),
    ("The Chairman welcomed everyone present to the Parish Council Meeting.", "West Dereham Parish Council", None),
])
def test_own_meeting_reads_only_the_councils_own_name(text, council, meeting):
    assert own_meeting(text, council) == meeting


def test_a_principal_councils_committee_is_left_to_the_other_rules():
    assert own_meeting("Limerick City and County Council - March", "Limerick") is None


def test_a_day_of_the_month_is_no_body():
    # parish_milburn_minutes_2016-03-01.pdf's header: "Milburn Parish Council - 1st" (March)
    assert own_meeting("Milburn Parish Council - 1st", "Milburn Parish Council") == "Parish Council"


@pytest.mark.parametrize("text, council, only", [
    ("Tintern Community Council - Budget", "Tintern Community Council", True),  # tintern_cc_budget_2016-17.pdf
    ("Tintern Community Council Tangible Assets", "Tintern Community Council", True),  # tintern_cc_asset_register.pdf
    ("Tintern Community Council Planning Committee", "Tintern Community Council", False),
    ("Environment Strategic Policy Committee", "Limerick", False),
])
def test_the_council_itself_is_no_committee_of_a_budget(text, council, only):
    assert council_only(text, council) is only


def test_a_budget_of_the_council_has_no_committee():
    # its header reads "Tintern Community Council - Budget"
    assert _meta("tintern_cc_budget_2016-17.pdf") == ("Budget: Tintern Community Council", None, "Tintern Community Council")


def test_a_logos_ocr_is_no_committee():
    # lines 10-11 of the scanned letterhead: "Limerick City Luimneach" / "= & County Council"
    assert _meta("limerick_agenda_full_council_special_2022-06-23.md") == ("Special Meeting request", None, "Limerick")
