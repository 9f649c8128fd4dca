"""Whose paper, and what kind, for councils of every tier and country: small headers
written for these tests in the layouts of the outside set (tests/gold/OUTSIDE.md), each
testing one rule. The councils are made up, so no gazetteer entry answers for them."""

from __future__ import annotations

import pytest

from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.bodies import find_bodies


def _read(tmp_path, text: str, name: str = "paper.md"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return read_documents(f)[0]


@pytest.mark.parametrize(
    "header,authority",
    [
        # Welsh heading words are no part of the place (bilingual heading)
        ("CYNGOR CYMUNED LLANFERWEN COMMUNITY COUNCIL\nCofnodion cyfarfod a gynhaliwyd nos Lun, 3 Mai 2021\n"
         "Minutes of the meeting held on Monday 3rd May 2021\nPresent: Cllrs A. Jones, B. Rees\n",
         "Llanferwen Community Council"),
        ("Cyngor Cymuned Llanferwen Community Council Cofnodion o gyfarfod y Cyngor Llawn\n"
         "Minutes of the Full Council meeting held on 16/4/2019\n", "Llanferwen Community Council"),
        # a heading that lost the council's name names none
        ("CYNGOR CYMUNED COMMUNITY COUNCIL\nDrefelin Village Hall, 7.30pm 5th of March 2014\n"
         "Present: Cllr A. Jones, Cllr B. Rees\n", None),
        # a web page's menu over an unnamed parish council's minutes
        ("Browse By\n\nParish Council Minutes 3 May 2022\n\nDraft minutes of meeting held on 3rd May 2022.\n"
         "Present: Cllrs A Smith, B Jones\n", None),
        # a name read across a line break loses to a line naming a body by itself
        ("2011-03-14 Approved\n\nState of Michigan\nCounty of Greenfield\nCharter Township of Milltown\n\n"
         "The Milltown Charter Township Board met in regular session on Monday, March 14, 2011.\n",
         "Milltown Charter Township"),
        # a council in capitals in a page that runs on one line; "7:00 P.M." is no part of it
        ("HomeMy WebLinkAbout2009-06-03 Council MinutesAGENDA FAIRPORT CITY COUNCIL - REGULAR MEETING JUNE 3, "
         "2009 7:00 P.M. FAIRPORT CITY COUNCIL CHAMBERS ITEM A: CALL TO ORDER 1. Pledge of Allegiance\n",
         "Fairport City Council"),
        # shires, municipalities and townships as they name themselves
        ("3 March 2016 – Ordinary Meeting of Council – Minutes Shire of Yallup MINUTES MARCH 2016 "
         "1. DECLARATION OF OPENING\n", "Shire of Yallup"),
        ("Minutes of the Ordinary Meeting of the Yallup Shire Council, Held in the Council Chambers, "
         "On Saturday 5th March 2016.\n", "Yallup Shire Council"),
        ("Meeting Minutes\n\nMUNICIPALITY OF ASHGROVE-NORTH\n\nCOUNCIL CHAMBERS\n\nTuesday March 1st 2016\n",
         "Municipality of Ashgrove-North"),
        ("1. CALL TO ORDER The Meeting was called to order by Mayor Hill at 9:00 a.m.\n"
         "MINUTES of the Regular Meeting of Council for The Corporation of the Township of Elmvale Ridge, held "
         "at the Fire Hall. PRESENT: Mayor Hill; Deputy Mayor Cole.\n", "Township of Elmvale Ridge"),
        # a city named only in the body, as it calls itself
        ("HomeMy WebLinkAbout1994/03/01-Minutes-City Council March 1, 1994 On the 1st day of March, 1994, "
         "the City Council of the City of Brookdale, Texas, met in regular session with the following members "
         "present: Mayor Ann Lee.\n", "City of Brookdale"),
        # a joint committee under its area's name; the venue line is an address
        ("Agenda and minutes\n\nWessexshire Joint Waste Committee - Thursday 5 March 2015 2.00 pm\n\n"
         "Venue: Council Chamber - Shire Hall, Dorchester. View directions\n\n"
         "The minutes of the Joint Waste Committee meeting held on 4 December 2014 were agreed.\n",
         "Wessexshire Joint Waste Committee"),
    ],
)
def test_authority_as_the_body_names_itself(tmp_path, header, authority):
    assert _read(tmp_path, header).authority == authority


def test_a_joint_committee_of_one_council_is_the_councils(tmp_path):
    doc = _read(tmp_path, "LIMERICK CITY AND COUNTY COUNCIL\n\nMinutes of the Limerick Joint Policing Committee "
                "held on 4th March 2019\n\nPresent: Councillor A. Ryan\n")
    assert doc.authority == "Limerick"  # the gazetteer's name for Limerick City and County Council


def test_a_title_of_honour_is_no_council():
    assert find_bodies("the launch of Limerick City of Culture and the City of Culture Year") == []
    (westminster,) = find_bodies("a report to the City of Westminster Cabinet Member")
    assert westminster.canonical == "Westminster"


@pytest.mark.parametrize(
    "text,doc_type",
    [
        ("Regular Meeting\nJune 6, 2016\nThe meeting was called to order at 7:30 p.m. with the pledge to the flag.\n"
         "Members Ann Hill and Bob Cole were present.\n", "minutes"),
        ("HomeMy WebLinkAbout1994/03/01-Minutes-City Council March 1, 1994 On the 1st day of March, 1994, the City "
         "Council of the City of Brookdale met in regular session. The item was withdrawn from the consent agenda.\n",
         "minutes"),
        ("HomeMy WebLinkAboutCouncil Minutes - May 4, 2021 Mayor Ann Lee City Hall Roll Call of Council Members: "
         "Attending: Council Member Cole, Council Member Hill. The Traffic and Safety Committee met.\n", "minutes"),
        ("Home > Documents > TUESDAY, 5 MAY 2020 - Kereru District · Agenda: Inaugural Council Meeting\n"
         "Chair - His Worship the Mayor\n", "agenda"),
    ],
)
def test_kind_of_paper_abroad(tmp_path, text, doc_type):
    assert _read(tmp_path, text, "paper.txt").doc_type == doc_type
