"""Whose paper it is, when, and what it is, for the kinds of paper the tenth outside set showed read
wrong (issue 13): small papers written for these tests (``tests/fixtures/reading_abroad/``, made-up
councils), each read as indexing reads it (the header rules, then the run's settling with nothing
known from other papers)."""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.metadata import settle_authority
from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.bodies import find_bodies
from paperfinder.recognise.dates import find_dates

FIXTURES = Path(__file__).parent / "fixtures" / "reading_abroad"


def _indexed(name: str):
    doc = read_documents(FIXTURES / name)[0]
    settle_authority(doc, None, frozenset())
    return doc


def test_a_rural_municipality_is_named_whole_with_its_number():
    doc = _indexed("rural_municipality_minutes.md")
    assert (doc.authority, doc.date, doc.doc_type) == ("Rural Municipality of Pelloway No. 318", "2014-03-11", "minutes")
    assert [b.canonical for b in find_bodies("the RM of Pelloway No. 318")] == ["Rural Municipality of Pelloway No. 318"]
    assert [b.canonical for b in find_bodies("the Rural Municipality of Pelloway held")] == ["Rural Municipality of Pelloway"]
    assert [b.canonical for b in find_bodies("COUNTY OF BRACKENRIDGE NO. 4 MINUTES")] == ["County of Brackenridge"]


def test_a_summer_village_is_its_own_council():
    doc = _indexed("summer_village_page.md")
    assert (doc.authority, doc.doc_type) == ("Summer Village of Larchmere", "agenda")


def test_an_ohio_townships_board_of_trustees_is_the_townships():
    doc = _indexed("township_trustees_minutes.md")
    assert (doc.authority, doc.date, doc.doc_type) == ("Fenwick Township", "2016-06-14", "minutes")


def test_welsh_minutes_with_the_council_mutated_after_o():
    # "Cyfarfod o Gyngor Cymuned Bryncelyn": Gyngor is Cyngor after "o"; "Cynigiwyd ... ac eiliwyd" a record
    doc = _indexed("welsh_mutated_minutes.md")
    assert (doc.authority, doc.date, doc.doc_type) == ("Bryncelyn Community Council", "2021-10-14", "minutes")


def test_a_bare_welsh_heading_over_cofnodion_names_no_council_and_dates_by_mawrth_y_9fed():
    doc = _indexed("welsh_bare_heading.md")
    assert doc.authority is None  # "Cofnodion" (minutes) under "CYNGOR CYMUNED" is no place
    assert (doc.date, doc.doc_type) == ("2020-03-09", "minutes")  # not the previous meeting's 10fed o Chwefror


def test_a_date_typed_without_a_space_after_its_comma():
    assert [d.iso for d in find_dates("MINUTES OF THE REGULAR MEETING December 18,2007 CALL TO ORDER")] == ["2007-12-18"]
    assert [d.iso for d in find_dates("Held on August 19,2019 in the Community Room")] == ["2019-08-19"]
    assert find_dates("a grant for May 5,000 visitors") == []


def test_a_letter_spaced_minutes_heading():
    doc = _indexed("spaced_minutes_heading.md")
    assert (doc.authority, doc.date, doc.doc_type) == ("Kereston District Council", "2021-03-04", "minutes")


def test_minutes_that_confirm_their_agenda_and_carry_a_motion_are_minutes():
    # "The agenda was confirmed" opens no agenda; "Motion carried (FC/2018/014)" is a record
    doc = _indexed("agenda_confirmed_minutes.md")
    assert (doc.authority, doc.doc_type) == ("Ferncliff Community Board", "minutes")
    assert doc.date is None  # 3 May 2018 is the meeting whose minutes it confirms


def test_an_inspectors_appeal_decision_is_about_the_council_appealed_against():
    doc = _indexed("appeal_decision.md")
    assert doc.authority is None  # the Inspectorate never names itself
    assert doc.about == ["Wrenford District Council"]
    assert doc.date == "2015-04-09"  # its Decision date, not the hearing's 4 March 2015


def test_a_pages_approved_minutes_label_does_not_make_the_meeting_date_anothers():
    doc = _indexed("approved_label_minutes.md")
    assert (doc.authority, doc.date, doc.doc_type) == ("Hollinside Parish Council", "2016-06-08", "minutes")


def test_a_minutes_heading_with_a_long_venue_dates_its_own_meeting():
    doc = _indexed("long_venue_heading.md")
    assert (doc.authority, doc.date) == ("Rural Municipality of Ashgrove", "2015-10-08")  # not the forum's 1 October


def test_a_document_sites_title_stamp_is_not_the_meeting_date():
    doc = _indexed("site_title_stamp.md")
    assert (doc.authority, doc.date, doc.doc_type) == ("Glenmoor Shire Council", "2008-03-18", "minutes")


def test_a_place_inside_a_magazines_title_is_no_council():
    doc = _indexed("place_in_magazine_title.md")
    assert doc.authority is None  # "Discover Northumberland Magazine- tabled" names a magazine
    assert (doc.date, doc.doc_type) == ("2002-06-05", "minutes")


def test_a_city_council_headed_with_its_city_and_state_and_call_to_order_no_place():
    # "CALL TO ORDER CITY COUNCIL ORCHARD HEIGHTS, OREGON": the city's council, not "Call City Council"
    doc = _indexed("call_to_order_heading.md")
    assert (doc.authority, doc.doc_type) == ("City of Orchard Heights", "minutes")


def test_a_document_sites_stub_of_one_title_is_other():
    # the page's one title over "Similar documents": nothing says what the paper is
    doc = _indexed("site_stub.md")
    assert (doc.authority, doc.date, doc.doc_type) == ("Fellbeck Parish Council", None, "other")


def test_a_committee_sites_items_with_their_minutes_run_in_are_minutes():
    doc = _indexed("committee_item_minutes.md")
    assert (doc.authority, doc.date, doc.doc_type) == (None, None, "minutes")


def test_a_council_a_speaker_or_a_member_comes_from_is_not_the_joint_committees():
    # "The Clerk to Wexley Town Council, Jo Barnes noted", "substitute as a Wexley Town Council Member":
    # the page of a joint committee that calls itself only "the Joint Committee" names no council of its own
    doc = _indexed("joint_committee_members_page.md")
    assert (doc.authority, doc.doc_type) == (None, "minutes")


def test_british_columbias_regional_districts():
    assert [b.canonical for b in find_bodies("Regional District of North Ashcombe Special Board Meeting")] == [
        "Regional District of North Ashcombe"]
    # a capitalised word before "District of" names another body: an Irish municipal district stays a district
    assert [(b.canonical, b.kind) for b in find_bodies("Municipal District of Carrowmore")] == [
        ("Municipal District of Carrowmore", "district")]
