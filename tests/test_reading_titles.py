"""A paper's title is never a paragraph or its attendance list (tests/fixtures/reading_titles: small
papers in our own wording); with no title of its own a paper is named by what it is."""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.readers import read_documents

HERE = Path(__file__).parent / "fixtures" / "reading_titles"


def test_minutes_set_down_as_one_line_are_not_titled_by_it():
    doc = read_documents(HERE / "one_line_minutes.md")[0]
    assert (doc.title, doc.doc_type, doc.date) == ("Minutes", "minutes", "2019-06-06")


def test_the_attendance_under_the_boards_name_is_no_title():
    doc = read_documents(HERE / "board_members_present.md")[0]
    assert doc.title == "Minutes"  # not "Board Members Present: Ann Ruiz, ..."
    assert (doc.doc_type, doc.date) == ("minutes", "2019-06-03")


def test_a_document_sites_furniture_is_no_title_and_its_posting_date_no_date():
    doc = read_documents(HERE / "document_site_page.md")[0]
    assert (doc.title, doc.authority, doc.date, doc.doc_type) == ("Minutes: Shire of Tallow Creek", "Shire of Tallow Creek", "2016-03-16", "minutes")
