"""Whose paper it is and what it is, for councils nobody tuned for (issue 13): small papers written
for these tests (``tests/fixtures/reading_outside/``, made-up councils, so no gazetteer entry
answers), each read as indexing reads it (the header rules, then the run's settling with nothing
known from other papers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.ingest.metadata import settle_authority
from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.bodies import find_bodies

FIXTURES = Path(__file__).parent / "fixtures" / "reading_outside"


def _indexed(name: str):
    doc = read_documents(FIXTURES / name)[0]
    settle_authority(doc, None, frozenset())
    return doc


def test_a_town_councils_minutes_that_never_name_it_are_not_its_countys():
    # "Town Clerk" among those present shows a town council's paper: the county named in a
    # member's declaration is another council, so the paper names none of its own
    doc = _indexed("town_clerk_minutes.md")
    assert doc.authority is None
    assert doc.date == "2016-03-14"
    assert doc.doc_type == "minutes"


def test_a_heading_that_is_a_councils_kind_alone_shows_a_local_councils_paper():
    doc = _indexed("kind_only_heading.md")
    assert doc.authority is None  # not the county whose chairman visited
    assert doc.date == "2017-05-03"
    assert doc.doc_type == "minutes"


def test_a_council_named_only_as_visiting_members_is_not_the_papers():
    doc = _indexed("visitor_council_only.md")
    assert doc.authority is None
    assert doc.date == "2015-05-12"
    assert doc.doc_type == "minutes"


def test_an_association_of_local_councils_is_its_own_papers_body():
    doc = _indexed("association_minutes.md")
    # neither the city it names in its business nor the national association
    assert doc.authority == "Alderby Association of Local Councils"
    assert doc.date == "2014-01-16"
    assert doc.doc_type == "minutes"
    # the national association has no place: no body of that name is read
    assert [b.canonical for b in find_bodies("the National Association of Local Councils")] == []


def test_minutes_whose_heading_was_lost_are_read_by_their_past_tense():
    doc = _indexed("heading_lost_minutes.md")
    assert doc.doc_type == "minutes"
    assert doc.authority is None


def test_a_resolution_numbered_in_a_glued_heading_is_a_decision():
    doc = _indexed("glued_resolution.md")
    assert doc.doc_type == "decision_notice"
    assert doc.authority == "City of Alderby"


def test_a_committee_sites_meeting_page_of_items_is_an_agenda():
    doc = _indexed("meeting_page_items.md")
    assert doc.doc_type == "agenda"
    assert doc.date == "2022-05-18"


def test_a_topic_run_into_the_parish_council_names_no_place():
    # "Litter The Parish Council noted ...": no "Litter Parish Council"
    doc = _indexed("topic_run_into_council.md")
    assert doc.authority is None
    assert find_bodies("Litter The Parish Council noted complaints") == []


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("Notes\n\nThe meeting closed at 9.15pm.\n", "minutes"),
        ("Notes\n\nThe Chair declared the meeting open at 7pm.\n", "minutes"),
        ("Notes\n\nIt was RESOLVED to buy a new bench.\n", "minutes"),
        ("Notes\n\nMotion to approve the bills made by Tr Lund, seconded by Tr Moe.\n", "minutes"),
        ("Notes\n\nThe minutes of the meeting held on 2nd May were agreed by all and signed.\n", "minutes"),
        ("Notes\n\nAttendees: A. Smith, B. Jones\n\n1. Welcome\n", "minutes"),
        # the same words as an agenda's, still to come, are no record
        ("Agenda\n\n1. To approve the minutes of the meeting held on 2nd May\n2. Motion to approve the bills\n", "agenda"),
        # "approve the agenda." closes a line of the business, not an agenda's heading
        ("Alderby Board\n\nThe meeting was called to order by the Chair.\nMotion to approve the agenda.\n", "minutes"),
        ("Parish Newsletter December Edition\n\nThe new date for the tree planting is 11 December.\n", "other"),
        ("Notice of Annual Meeting\n\nThe annual meeting of the district will convene on Monday 24 June.\n", "agenda"),
    ],
)
def test_types_read_from_wording_abroad(tmp_path, text, doc_type):
    f = tmp_path / "paper.md"
    f.write_text(text, encoding="utf-8")
    assert read_documents(f)[0].doc_type == doc_type


def test_a_local_councils_page_naming_its_county_in_passing_is_not_the_countys():
    # "The Parish Council sets its budget ... from Branwick County Council": a parish's page that
    # never names its parish, naming the county among its first lines in passing
    doc = _indexed("local_budget_page.md")
    assert doc.authority is None
    assert doc.doc_type == "budget"


def test_a_place_named_in_the_business_is_no_council():
    # "trains from Alderby-Cardiff": a place, not Cardiff's council, though it is the only one named
    doc = _indexed("place_in_business.md")
    assert doc.authority is None
    assert doc.doc_type == "minutes"


def test_a_scottish_minute_heading_keeps_its_council_without_the_word_minute():
    doc = _indexed("minute_of_heading.md")
    assert doc.authority == "Corbie and District Community Council"
    assert doc.doc_type == "minutes"


def test_a_document_sites_list_under_a_marked_heading_is_not_the_papers_header(tmp_path):
    # the list's mark as a markdown heading or in bold, and another site's wording of it
    for mark in ("## Similar documents", "**Related posts:**", "People also read"):
        text = (f"Minutes of the meeting held on 3 May 2019\n\nPresent: Cllr A. Hart (Chair), Cllr B. Lowe\n\n{mark}\n\n"
                "ELTON PARISH COUNCIL MINUTES 4 JANUARY 2016\n\nCORBY PARVA PARISH COUNCIL\n\n")
        f = tmp_path / "paper.md"
        f.write_text(text, encoding="utf-8")
        doc = read_documents(f)[0]
        settle_authority(doc, None, frozenset())
        assert doc.authority is None, mark
        assert doc.date == "2019-05-03"
