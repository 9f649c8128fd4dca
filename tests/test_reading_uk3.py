"""Whose paper it is, when, and what it is, for the kinds of paper the thirteenth outside set showed read
wrong: bodies that are public bodies in their own right (fire and rescue authorities, police and crime
panels, national park authorities) whose members sit for other councils, Irish municipal districts (a
district called "X Municipal District Council", a heading that lost its place, a letter from another
county), a Welsh community council's "Cyngor Cymunedol", dates counted from the meeting or confirmed as
earlier minutes, and the kinds of paper ("Council Resolutions", a paper's FOI-status line, minutes issued
under a chief executive's cover). Small papers written for these tests (``tests/fixtures/reading_uk3/``,
made-up bodies and people; the member councils are real), each read as indexing reads it (the header
rules, then the run's settling with nothing known from other papers)."""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.metadata import own_body_tiers, settle_authority
from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.bodies import find_bodies

FIXTURES = Path(__file__).parent / "fixtures" / "reading_uk3"


def _read(name: str) -> tuple:
    doc = read_documents(FIXTURES / name)[0]
    settle_authority(doc, None, frozenset())
    return doc.authority, doc.date, doc.doc_type


# --- whose paper ---------------------------------------------------------------------------------


def test_a_fire_authority_heads_its_minutes_over_its_members_councils():
    # every member listed with the council that sent them ("R Hughes Powys County Council")
    assert "fire and rescue authority" in own_body_tiers()
    assert _read("fire_authority_members.md") == ("North Marches Fire and Rescue Authority", "2020-03-09", "minutes")


def test_a_national_park_authority_is_a_body_of_its_own():
    assert [(b.canonical, b.tier) for b in find_bodies("All Members of the Hallowmoor National Park Authority")] == [
        ("Hallowmoor National Park Authority", "national park authority")
    ]
    assert _read("national_park_summons.md") == ("Hallowmoor National Park Authority", "2021-06-08", "agenda")


def test_a_police_panel_named_once_and_defined_is_the_papers_over_its_police_area():
    # "the Wexshire Police and Crime Panel (the Panel) was required to review": the place is also the
    # police area ("the Chief Constable for Wexshire", "Wexshire Police"), which is no council
    assert find_bodies("the Chief Constable for Wexshire") == []
    assert _read("police_panel_defined.md")[:2] == ("Wexshire Police and Crime Panel", None)


def test_a_welsh_community_councils_cymunedol_is_no_part_of_its_name():
    assert [b.canonical for b in find_bodies("CYNGOR CYMUNEDOL LLANFAELOG COMMUNITY COUNCIL")] == ["Llanfaelog Community Council"]
    assert _read("cymunedol_heading.md") == ("Llanfaelog Community Council", "2021-03-09", "minutes")


def test_a_municipal_district_called_a_council_is_no_district_council():
    # "the Dromard Municipal District Council AGM": the municipal district, not a "Dromard District Council"
    assert find_bodies("the Dromard Municipal District Council AGM") == []
    assert _read("municipal_district_council_called.md") == ("Dromard Municipal District", "2022-03-11", "minutes")


def test_a_municipal_district_heading_that_lost_its_place_is_the_district_named_below():
    # "THE MUNICIPAL DISTRICT OF HELD IN ...", then "Delegated Executive Ballykeel Municipal District";
    # the district's engineer and office are no districts
    assert find_bodies("Mr. E. Byrne Municipal District Engineer, Ms. F. Quinn Municipal District Office") == []
    assert _read("municipal_district_place_lost.md") == ("Ballykeel Municipal District", "2020-02-14", "minutes")


def test_a_county_council_a_letter_came_from_is_not_the_districts():
    # "letter received from Kilbride County Council": a correspondent, not the district's own county
    assert _read("district_letter_from_other_county.md") == ("Municipal District of Carragh", "2020-10-08", "minutes")


# --- when ----------------------------------------------------------------------------------------


def test_a_deadline_counted_from_the_meeting_is_not_its_date():
    # "the working day before the meeting (in this case Friday 10 July 2020)"
    assert _read("deadline_in_this_case.md") == (None, None, "minutes")


def test_a_chief_executives_issue_date_on_the_cover_is_not_the_meetings():
    # "Ruth Palmer Chief Executive Officer Friday 19 April 2024" over "Council Meeting Minutes 16 April 2024"
    assert _read("cover_issued_by_chief_executive.md") == ("Tallowa Shire Council", "2024-04-16", "minutes")


def test_an_items_date_its_record_confirms_as_earlier_minutes_is_not_the_papers():
    # "Authority Budget Meeting 12 February 2021" then "the Minutes of the Authority (Budget) meeting held
    # on 12 February 2021 be signed": the item is the earlier meeting's minutes
    assert _read("item_confirming_its_own_date.md") == (None, None, "minutes")


# --- what it is ----------------------------------------------------------------------------------


def test_a_councils_resolutions_are_its_minutes_not_its_budget():
    assert _read("council_resolutions.md") == (None, "2009-05-27", "minutes")


def test_a_papers_freedom_of_information_status_is_no_foi_response():
    # "Non-exempt (public) under Freedom of Information (Channel) Law 2011"
    assert _read("foi_status_line.md") == (None, "2019-03-04", "minutes")
