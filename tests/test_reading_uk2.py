"""Whose paper it is, when, and what it is, for the kinds of paper the twelfth outside set showed read
wrong (issue 13): UK and Irish councils nobody tuned for (town councils' motions and summonses, combined
authorities, Welsh councils named by their hall, a district naming only its county, committee-site pages
whose heading was lost) and councils abroad (county commissions, a South African municipality, a scan's
run-on line). Small papers written for these tests (``tests/fixtures/reading_uk2/``, made-up councils
and people), each read as indexing reads it (the header rules, then the run's settling with nothing
known from other papers)."""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.metadata import settle_authority
from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.bodies import find_bodies
from paperfinder.recognise.dates import find_dates

FIXTURES = Path(__file__).parent / "fixtures" / "reading_uk2"


def _read(name: str) -> tuple:
    doc = read_documents(FIXTURES / name)[0]
    settle_authority(doc, None, frozenset())
    return doc.authority, doc.date, doc.doc_type


# --- dates ---------------------------------------------------------------------------------------


def test_an_ordinal_run_into_its_month_is_a_date():
    # "TUESDAY NEXT the 9thJUNE 2009": the space lost between the ordinal and the month
    assert [d.iso for d in find_dates("to be held TUESDAY NEXT the 9thJUNE 2009 at the Hall")] == ["2009-06-09"]
    assert _read("glued_ordinal_summons.md") == ("Clydach Fawr Town Council", "2009-06-09", "agenda")


def test_a_scans_month_run_into_its_day_is_a_date_but_not_a_code_in_small_letters():
    assert [d.iso for d in find_dates("MINUTES MARCH3,2024 6:30 PM")] == ["2024-03-03"]
    assert [d.iso for d in find_dates("see item apr10 2020 below")] == []
    # the board in capitals on the same run-on line; "Joe Kent" a person, not the county of Kent
    assert _read("ocr_board_of_commissioners.md") == ("Harland County Board of Commissioners", "2024-03-03", "minutes")


def test_a_drafts_to_be_approved_label_is_not_another_meetings_approval():
    assert _read("draft_minutes_label.md") == ("Glenarden and District Community Council", "2013-05-02", "minutes")


def test_a_date_joined_to_an_earlier_meetings_is_another_meetings_too():
    # "the previous meetings held on 9 September 2020 and additional meeting held on 23 September 2020"
    assert _read("joined_earlier_meetings.md") == (None, "2020-10-14", "minutes")


def test_the_previous_meeting_of_council_held_on_is_not_the_papers_date():
    assert _read("previous_extraordinary_meeting.md") == (None, None, "minutes")


def test_a_paper_cited_in_brackets_gives_no_date():
    # "(letters to the Editor 3 March 2016)": the letter answered, not this one
    assert _read("mayors_letter_cited.md") == ("Hollinford Town Council", None, "letter")


# --- whose paper ---------------------------------------------------------------------------------


def test_a_motions_that_is_no_part_of_the_town_councils_name():
    assert [b.canonical for b in find_bodies("“That Ballyrane Town Council writes to the Minister")] == [
        "Ballyrane Town Council"]
    assert _read("town_council_motions_notice.md") == ("Ballyrane Town Council", "2015-11-18", "agenda")


def test_a_town_council_is_never_the_principal_council_of_its_town():
    assert [(b.canonical, b.tier) for b in find_bodies("supported by Bedford Town Council")] == [
        ("Bedford Town Council", "town")]
    assert [b.canonical for b in find_bodies("Bedford Borough Council")] == ["Bedford"]


def test_a_combined_authority_in_capitals_over_its_members_councils():
    assert _read("combined_authority_capitals.md") == ("Northfell Combined Authority", "2021-06-04", "minutes")


def test_an_american_county_commission_met_in_regular_session():
    assert _read("county_commission_minutes.md") == ("Ashton County Commission", "2019-01-08", "minutes")


def test_a_south_african_municipality_names_itself():
    assert _read("municipality_special_council.md") == ("Karoovlei Municipality", "2022-03-03", "minutes")


def test_a_meeting_of_a_place_and_council_was_held():
    assert _read("meeting_of_place_council.md") == ("Penrallt Council", "2010-09-14", "minutes")
    # the kind of meeting is no place
    assert find_bodies("a Meeting of Full Council was held on Monday") == []


def test_a_visitors_council_after_a_name_and_dash_is_not_the_papers():
    # "Jane Holloway – Ferndale Community Council" among those attending: the council never names itself
    assert _read("visitor_after_a_dash.md") == (None, "2019-10-15", "minutes")


def test_a_welsh_councils_hall_names_the_council_meeting_in_it():
    # "Venue: Hybrid - Neuadd Cyngor Gwynedd": the council's own hall
    assert _read("welsh_council_hall.md") == ("Gwynedd", "2024-11-05", "minutes")


def test_a_districts_paper_naming_only_its_county_names_none_of_its_own():
    # "The District Council Band D Council Tax" over "the precepts ... for Norfolk County Council"
    assert _read("district_naming_its_county.md") == (None, None, "minutes")


# --- what it is ----------------------------------------------------------------------------------


def test_an_agenda_heading_over_a_first_item_of_earlier_minutes():
    assert _read("agenda_over_earlier_minute.md") == (None, "2020-02-11", "agenda")


def test_a_scottish_minute_heading_is_minutes():
    assert _read("scottish_minute_heading.md") == (None, "2020-05-05", "minutes")


def test_a_boards_decisions_post_with_a_planning_application_is_its_record():
    assert _read("board_decisions_post.md") == (None, "2025-09-18", "minutes")


def test_a_planning_committees_page_that_records_apologies_is_minutes():
    assert _read("planning_committee_record.md") == (None, "2021-02-10", "minutes")


def test_a_hearings_record_and_a_numbered_minute_are_minutes():
    assert _read("licensing_hearing_record.md") == (None, None, "minutes")
    assert _read("attention_drawn_item.md") == (None, None, "minutes")


def test_a_sites_section_label_alone_above_the_page_is_furniture():
    from paperfinder.ingest.metadata import body_lines
    from paperfinder.model import Line

    lines = [Line(no=i, text=t) for i, t in enumerate(["Meetings", "News", "Minutes", "Ashcombe Parish Council"])]
    assert [l.text for l in body_lines(lines)] == ["Minutes", "Ashcombe Parish Council"]


def test_a_venues_town_on_a_page_run_on_one_line_is_not_its_council():
    # "... Venue: Committee Room 2, Kingsgate House, 12-14 Kingsgate Street, Leeds No. Item ...": the heading's
    # "minutes" far along the same run-on line does not make the venue's town the paper's council
    assert _read("run_on_venue_line.md")[:2] == ("Marlow Vale Combined Authority", "2024-03-07")


def test_a_document_sites_list_run_on_past_the_title_is_not_the_papers():
    # "ROWANHILL PARISH COUNCIL MINUTES ... Similar documents MINUTES of the Meeting of Ashfold Parish Council ...":
    # the title before the mark is the paper's, the councils after it are other papers'
    assert _read("run_on_similar_documents.md") == ("Rowanhill Parish Council", "2019-03-12", "minutes")
    from paperfinder.ingest.metadata import body_lines
    from paperfinder.model import Line

    prose = "The clerk said the similar documents were circulated to members before the meeting. " * 3
    assert [l.text for l in body_lines([Line(no=1, text=prose.strip())])] == [prose.strip()]


def test_a_sites_search_box_and_its_page_updated_stamp_are_furniture():
    # "Search this site" above the heading would otherwise be the paper's first line, and the site's
    # "Page last updated" stamp says when the page was edited, not the paper's date
    assert _read("site_search_and_updated_stamp.md") == ("Fernleigh Parish Council", "2019-04-09", "minutes")
    assert _read("site_updated_stamp_only.md")[:2] == ("Fernleigh Parish Council", None)
    from paperfinder.ingest.metadata import body_lines
    from paperfinder.model import Line

    lines = [Line(no=i, text=t) for i, t in enumerate(["Search this site", "A-Z of services", "Minutes", "Back to top"])]
    assert [l.text for l in body_lines(lines)] == ["Minutes"]
