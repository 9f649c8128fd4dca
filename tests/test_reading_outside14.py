"""Whose paper it is, when, and what it is, for the kinds of paper the fourteenth outside set
(``tests/gold/outside14_metadata.jsonl``) showed read wrong: a British Columbia regional district
written place first, an American county's commissioners named after their county, a body that met
"in regular session", a month-first date whose day the line before seemed to give, a notice "Dated
this 9th day of December", a small council's notice of public rights named by its form's label, a
traffic order named by what it prohibits, a register of a municipality's resolutions, reports by
bodies that audit or review councils (the Audit Commission, a boundary commission) and a council's
name heading a company's. Small papers written for these tests (``tests/fixtures/reading_outside14/``,
made-up bodies, places and people), each read as indexing reads it (the header rules, then the
run's settling with nothing known from other papers)."""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.metadata import settle_authority
from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.bodies import find_bodies
from paperfinder.recognise.dates import find_dates

FIXTURES = Path(__file__).parent / "fixtures" / "reading_outside14"


def _doc(name: str):
    doc = read_documents(FIXTURES / name)[0]
    settle_authority(doc, None, frozenset())
    return doc


def _read(name: str) -> tuple:
    doc = _doc(name)
    return doc.authority, doc.date, doc.doc_type


# --- whose paper ---------------------------------------------------------------------------------


def test_a_regional_district_written_place_first_is_a_body():
    assert [b.canonical for b in find_bodies("NOTICE OF MEETING\nCEDAR SOUND REGIONAL DISTRICT BOARD")] == [
        "Cedar Sound Regional District"
    ]
    # not a word's tail ("...OARD OF"), nor a sentence's "The"
    assert [b.canonical for b in find_bodies("The Cedar Sound Regional District offices")] == ["Cedar Sound Regional District"]


def test_the_board_of_directors_of_a_regional_district_states_its_minutes():
    # its directors are listed with the municipalities they sit for ("T. Lindqvist Village of Tallow Bay")
    assert _read("regional_district_board.md") == ("Cedar Sound Regional District", "2019-03-06", "minutes")


def test_a_regional_district_board_heading_its_notice_of_meeting():
    # the ministry its reports item names is no author
    assert _read("regional_district_notice.md") == ("Cedar Sound Regional District", "2019-05-14", "agenda")


def test_county_commissioners_named_after_their_county_are_the_countys():
    assert [(b.canonical, b.surface) for b in find_bodies("BRANNOCK COUNTY COMMISSIONERS MINUTES")] == [
        ("Brannock County", "BRANNOCK COUNTY COMMISSIONERS")
    ]
    assert find_bodies("BOARD OF COUNTY COMMISSIONERS") == []
    assert _read("county_commissioners_named.md") == ("Brannock County", "2016-03-03", "minutes")


def test_a_board_that_met_in_regular_session_states_its_minutes_over_another_countys_commissioners():
    # another county's commissioners in the public's input ("the Pecos County Commissioners in the State of Texas")
    assert _read("board_met_in_session.md") == ("Larch County Board of County Commissioners", "2011-03-09", "minutes")


def test_a_small_councils_form_label_names_it():
    assert _read("notice_of_public_rights.md")[0::2] == ("Hollowmere Council", "accounts")
    # a tier word alone under the label is no name
    assert find_bodies("Smaller authority name: PARISH COUNCIL") == []
    assert _read("form_name_lost.md")[0::2] == (None, "accounts")


def test_a_council_name_heading_a_company_is_no_council():
    # "Kilbrack Community Council Ltd.", a lessee in the business, is not the municipal district's paper's body
    assert _read("company_of_council_name.md") == ("Rathmoy Municipal District", "2015-06-16", "minutes")


def test_an_audit_commissions_plan_is_its_own_about_the_council():
    doc = _doc("audit_plan_by_commission.md")
    assert (doc.authority, doc.about, doc.doc_type) == ("Audit Commission", ["Wexbridge Borough Council"], "report")


def test_a_boundary_commissions_recommendations_are_its_own_about_the_council():
    # "© The Local Government Boundary Commission for England 2019" and "... (LGBCE) is an independent body"
    doc = _doc("boundary_recommendations.md")
    assert (doc.authority, doc.about, doc.date, doc.doc_type) == (
        "Local Government Boundary Commission for England", ["Fenmouth City Council"], "2019-03", "report")


def test_a_venue_in_a_councils_civic_centre_is_its_meeting():
    # a committee site's page naming its council only by the civic offices it meets in (a real borough's
    # name in a made-up page)
    assert [b.canonical for b in find_bodies("Venue: Conference Hall - Bexley Civic Offices, Watling Street")] == ["Bexley"]
    assert _read("venue_civic_centre.md")[0] == "Bexley"


def test_a_parish_heading_a_notice_alone_on_its_line_is_its_parish_councils():
    assert [b.canonical for b in find_bodies("Parish of Little Marston and Combe\nNOTICE is hereby given")] == [
        "Little Marston and Combe Parish Council"
    ]
    assert find_bodies("the Combe Ward of the Parish of Little Marston and Combe, by reason of") == []
    assert _read("vacancy_notice_dated_this.md") == ("Little Marston and Combe Parish Council", "2022-12-09", "other")


def test_commissioners_named_as_the_body_that_met():
    # an Isle of Man village's commissioners: "MONTHLY MEETING OF KIRKBRIDE COMMISSIONERS HELD IN ..."
    assert _read("commissioners_meeting.md") == ("Kirkbride Commissioners", "2012-06-06", "minutes")


def test_to_in_a_heading_in_capitals_is_no_word_of_a_place():
    assert [b.canonical for b in find_bodies("INTERNAL AUDIT REPORT TO BRAMBLEIGH PARISH COUNCIL FOR THE YEAR")] == [
        "Brambleigh Parish Council"
    ]
    assert _read("audit_report_to_parish.md")[0] == "Brambleigh Parish Council"


def test_a_council_in_a_contents_lists_entry_is_an_items_subject():
    # a shire's minutes that never name the shire: the regional council of one item is not their author
    assert _read("contents_list_minutes.md") == (None, "2008-05-14", "minutes")


# --- when ----------------------------------------------------------------------------------------


def test_a_number_ending_the_line_before_is_no_day_of_a_month_first_date():
    # "Regular Meeting No. 6" / "June 21, 2011": June 21, 2011, not 6 June 2021
    assert [d.iso for d in find_dates("Regular Meeting No. 6\n    June 21, 2011 8:00 p.m.")] == ["2011-06-21"]
    assert [d.iso for d in find_dates("on 14th July, 08.")] == ["2008-07-14"]  # a two-digit year still ends a date
    assert _read("day_month_first_next_line.md")[1] == "2011-06-21"


def test_a_notice_dated_this_day_over_the_event_it_gives_notice_of():
    # the councillor's resignation (30th November 2022) is what the notice is about, not its date
    assert _read("vacancy_notice_dated_this.md")[1] == "2022-12-09"


# --- what it is ----------------------------------------------------------------------------------


def test_a_traffic_order_named_by_what_it_prohibits():
    assert _read("temporary_prohibition_order.md") == ("Westshire County Council", "2019-08-19", "decision_notice")


def test_the_word_agenda_alone_under_a_meetings_name_makes_an_agenda():
    # its first item ("Open Minutes of the ... Committee Meeting") does not make it minutes
    assert _read("meeting_then_agenda_word.md")[1:] == ("2019-03-14", "agenda")


def test_a_register_of_a_municipalitys_resolutions_is_its_minutes():
    assert _read("resolutions_register.md")[2] == "minutes"


def test_a_committee_sites_item_of_planning_applications_is_a_planning_report():
    # the site's "Agenda item" label over the applications and their conditions: no agenda
    assert _read("planning_item_conditions.md")[2] == "planning_report"


def test_a_joint_committee_named_in_capitals_on_a_mixed_line_is_its_own():
    # "NW7 JOINT COMMITTEE Meeting No 112": the line is not all capitals, so not put in title case
    assert _read("joint_committee_capitals.md") == ("NW7 Joint Committee", "2023-03-14", "minutes")


def test_an_unnumbered_item_asking_for_the_last_minutes_to_be_approved_makes_an_agenda():
    # a committee site's agenda page, its items unnumbered: no report
    assert _read("agenda_page_unnumbered.md")[2] == "agenda"


def test_a_document_sharing_sites_furniture_is_not_the_papers():
    # its listing line's upload date, "Post on ...", "0 views", "Embed Size (px)": the site's; the register's
    # heading is then among the paper's first lines, and "THE" is no word of the municipality's place
    assert _read("sharing_site_resolutions.md") == ("Karoo River Municipality", "2009-03-17", "minutes")


def test_the_is_no_word_of_a_municipalitys_place():
    text = "REASONS FOR THE DELAY IN TABLING THE KAROO RIVER LOCAL MUNICIPALITY'S ANNUAL REPORT"
    assert [b.canonical for b in find_bodies(text)] == ["Karoo River Municipality"]
