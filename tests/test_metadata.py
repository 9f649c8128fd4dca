"""Document metadata and agenda pack splitting on the bundled papers."""

from __future__ import annotations

import pytest

from paperfinder.ingest.readers import read_documents

from .conftest import corpus_file


@pytest.mark.parametrize(
    "prefix,authority,title,date,doc_type,author",
    [
        ("000", "Westminster", "Funding for the Clinical Practice Team (Family Services): Partners in Practice (PiP) grant substitution",
         "2020-12-30", "cabinet_member_report", "Nicky Crouch"),
        ("001", "Hammersmith and Fulham", "PARTNERS IN PRACTICE AND FOCUS ON PRACTICE UPDATE", "2016-11-21", "committee_report", "Julie Rooke"),
        ("002", "Hammersmith and Fulham", "Update to collaboration agreement for Children's Social Care", "2021-01-04", "cabinet_report", "Will Parsons"),
        ("003", "Hammersmith and Fulham", "FOCUS ON PRACTICE - INNOVATION FUND GRANT", "2014-11-03", "cabinet_report", "Steve Miley"),
    ],
)
def test_single_reports(prefix, authority, title, date, doc_type, author):
    (doc,) = read_documents(corpus_file(prefix))
    assert (doc.authority, doc.title, doc.date, doc.doc_type, doc.author) == (authority, title, date, doc_type, author)


def test_key_decision_and_decision_maker():
    (d0,) = read_documents(corpus_file("000"))
    (d3,) = read_documents(corpus_file("003"))
    assert d0.key_decision is False and d0.decision_maker == "Cabinet Member for Finance, Property and Regeneration"
    assert d3.key_decision is True and d3.committee == "Cabinet"


def test_agenda_pack_is_split_into_its_reports():
    docs = read_documents(corpus_file("004"))
    summary = [(d.item, d.title, d.date, d.doc_type, d.line_start) for d in docs]
    assert summary == [
        (None, "Children and Education Policy and Accountability Committee", "2016-11-21", "agenda", 3),
        (None, "Children and Education Policy and Accountability Committee Minutes", "2016-09-19", "minutes", 62),
        ("Agenda Item 5", "EXECUTIVE DIRECTOR'S UPDATE", "2016-11-21", "committee_report", 253),
        (None, "TRAVEL CARE AND SUPPORT SERVICES", "2016-11-21", "committee_report", 537),
        ("Agenda Item 8", "PARTNERS IN PRACTICE AND FOCUS ON PRACTICE UPDATE", "2016-11-21", "committee_report", 859),
        (None, "CHILD PROTECTION REPORT 2015-2016", "2016-11-21", "committee_report", 1491),
        ("Agenda Item 10", "ANNUAL REPORT OF THE LOCAL SAFEGUARDING CHILDREN BOARD", "2016-11-21", "committee_report", 1777),
        (None, "WORK PROGRAMME", "2016-11-21", "committee_report", 3013),
    ]
    assert {d.authority for d in docs} == {"Hammersmith and Fulham"}
    assert {d.pack_id for d in docs} == {docs[0].doc_id.split("~")[0]}
    # consecutive parts cover the pack without gaps
    assert all(a.line_end < b.line_start for a, b in zip(docs, docs[1:]))
