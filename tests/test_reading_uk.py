"""Whose paper it is, when, and what it is, for the kinds of paper the eleventh outside set showed read
wrong (issue 13): committee-site pages of English, Welsh and Irish councils (decision records, issue pages,
item pages), joint bodies named for their area, split headings, members' lists and memo summonses. Small
papers written for these tests (``tests/fixtures/reading_uk/``, made-up councils), each read as indexing
reads it (the header rules, then the run's settling with nothing known from other papers)."""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.metadata import settle_authority
from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.bodies import find_bodies
from paperfinder.recognise.dates import find_dates

FIXTURES = Path(__file__).parent / "fixtures" / "reading_uk"


def _indexed(name: str):
    doc = read_documents(FIXTURES / name)[0]
    settle_authority(doc, None, frozenset())
    return doc


def _read(name: str) -> tuple:
    doc = _indexed(name)
    return doc.authority, doc.date, doc.doc_type


def test_a_welsh_name_split_over_three_lines_is_read_whole():
    # "CYNGOR CYMUNED" / "LLANELWYN GLAN CONWY" / "COMMUNITY COUNCIL": not the county borough of its last word
    assert _read("welsh_split_heading.md") == ("Llanelwyn Glan Conwy Community Council", "2024-03-14", "minutes")


def test_a_fire_authority_named_for_its_area_over_its_members_councils():
    assert _read("fire_authority_for_area.md") == (
        "Combined Fire Authority for Kelstow and Darlington", "2017-03-09", "minutes")
    assert [b.canonical for b in find_bodies("the Police and Crime Panel for Westmarch held")] == [
        "Police and Crime Panel for Westmarch"]


def test_an_american_borough_and_its_minutes_under_an_agenda_heading():
    # the page's first line "... Council Meeting Minutes" over the agenda's heading kept above the record
    assert _read("borough_minutes_us.md") == ("Borough of Pellington", "2023-05-08", "minutes")
    # a gazetteer borough so written keeps the gazetteer's name
    assert [b.canonical for b in find_bodies("the London Borough of Southwark")] == ["Southwark"]


def test_a_place_in_a_list_of_members_names_is_a_person():
    # "Brent Hollis |" among "Susan Marlow |", "Jim Tolland |": not the London borough; a requisition is an agenda
    assert _read("members_list_notice.md") == ("Ashvale City Council", "2019-05-03", "agenda")


def test_a_joint_committee_named_in_full_in_its_resolutions():
    assert _read("crematorium_joint_committee_page.md") == ("Dunmere Crematorium Joint Committee", None, "minutes")


def test_the_other_party_to_a_negotiation_is_not_the_papers_body():
    assert _read("national_park_agenda.md") == (None, "2022-10-12", "agenda")


def test_decision_records_of_a_committee_site():
    assert _read("decisions_list_page.md")[2] == "decision_notice"  # "Made at meeting:", "Decision published:"
    assert _read("issue_decisions.md") == (None, "2022-09-14", "decision_notice")  # "Issue - decisions"
    assert _read("decision_text_only.md") == (None, None, "decision_notice")  # reasons, options rejected
    # options rejected, conflicts and dispensations; the date is the scrutiny meeting's, not the decision's
    assert _read("arising_from_meeting.md") == (None, None, "decision_notice")


def test_an_issue_page_of_meetings_is_minutes_dated_by_its_meeting_label():
    assert _read("issue_meetings.md") == (None, "2019-05-16", "minutes")


def test_an_agenda_item_page_with_its_minute_is_minutes():
    assert _read("agenda_item_minute.md") == (None, None, "minutes")


def test_agenda_approval_and_accepted_minutes_in_a_townships_minutes():
    # "Agenda Approval:" is an item of the record; "accept the March 6, 2023 Township minutes" an earlier meeting
    assert _read("township_minutes_agenda_approval.md") == (None, None, "minutes")


def test_an_agenda_run_on_one_line():
    assert _read("runon_agenda.md") == ("Dorsham County Council", "2018-12-10", "agenda")


def test_dates_of_other_meetings_are_not_the_papers():
    # the last meeting's minutes confirmed as a correct record
    assert _read("committee_page_confirmed_minutes.md")[1] is None
    # "The next Regular Council Meeting will take place on ...", "The next Committee of the Whole Meeting ..."
    assert _read("council_highlights.md")[1] is None
    # "must be held between 1st March and 1st June": a period, not the meeting of the post's title
    assert _read("annual_parish_meeting_post.md")[1] == "2022-04-12"


def test_a_memo_summons_is_dated_by_the_meeting_it_calls():
    # "Date: 2 May 2018" / "Re: Burial Ground Committee – Tuesday 8 May 2018 at 10.00 a.m."
    assert _read("memo_agenda.md") == (None, "2018-05-08", "agenda")


def test_a_papers_name_dated_in_dotted_figures():
    assert [d.iso for d in find_dates("Cemetery Committee Agenda 20.07.17\nCemetery Committee Minutes 20.07.17")] == [
        "2017-07-20", "2017-07-20"]
    assert find_dates("see paragraph 1.2.10 of the plan") == []
    assert find_dates("Agenda 20.07.17 and the papers") == []


def test_a_council_websites_menu_lines_name_no_council():
    # "Home" / "Your Council" / "Council and democracy" above the page's text: no council called "Your"
    assert _read("web_menu_minutes.md") == (None, "2019-05-14", "minutes")
    assert _read("web_menu_statement.md") == (None, None, "accounts")


def test_a_township_of_a_place_run_on_after_its_county():
    # "County of X" captioned above "Charter Township of Y", the two run on one line: Y's township, X's county
    assert [b.canonical for b in find_bodies("County of Harlowe Charter Township of Dunmore")] == [
        "County of Harlowe", "Dunmore Charter Township"]
    assert [b.canonical for b in find_bodies("Dunmore Charter Township")] == ["Dunmore Charter Township"]


def test_a_chairmans_report_to_the_annual_parish_meeting_is_a_report():
    assert _read("chairmans_report.md") == (None, "2016-04-20", "report")


def test_a_cookie_banner_above_the_paper_is_furniture():
    doc = _indexed("cookie_banner_minutes.md")
    assert (doc.authority, doc.date, doc.title) == ("Hollinsby Town Council", "2019-03-04", "Hollinsby Town Council")


def test_a_blog_posts_stamp_is_not_its_title():
    # "Posted on 3 January 2024 by webadmin": when the site posted it; the post's heading is its title
    doc = _indexed("posted_stamp_post.md")
    assert (doc.title, doc.date) == ("Christmas lights switch-on", None)
