"""Whose paper it is, for councils no corpus holds (tests/gold/OUTSIDE.md, the eighth set): a council
the paper answers is another council wherever its header names it, an area's local councils in
the plural are several councils (their convention is the paper's body), and a web page's
navigation trail is no heading. Small headers written for these tests, each testing one rule; the
councils are made up, so no gazetteer entry answers."""

from __future__ import annotations

from paperfinder.ingest.metadata import settle_authority

from .conftest import read_paper as _read


def test_a_council_the_paper_responds_to_is_another_wherever_the_header_names_it(tmp_path):
    text = ("12 Duty to Co-operate - Response to Alderby Borough Council and Branwick District Council Local Plan Consultations PDF 90 KB\n"
            "Alderby Borough Council (ABC) and Branwick District Council (BDC) are currently holding public "
            "consultations on their emerging Local Plans. It is important that Corbridge Borough Council make "
            "comments and raise any cross boundary issues with the relevant authorities.\n"
            "Decision:\nThat the Committee agreed the draft responses.\n")
    # not the first council answered, nor the second joined to it by "and", though the next line opens with it
    assert _read(tmp_path, text).authority == "Corbridge Borough Council"
    # a council named bare, never answered, still heads its own paper
    own = "Alderby Borough Council\n\nMinutes of the Planning Committee held on 4 May 2021\n\n1. Apologies\n"
    assert _read(tmp_path, own).authority == "Alderby Borough Council"


def test_an_areas_community_councils_are_several_councils_and_their_convention_the_body(tmp_path):
    text = ("63rd Meeting of the Convention of Alderby & Branwick Community Councils\n"
            "Wednesday 22 September 2010, Ex-Servicemen's Club, Alderby\n"
            "Present: Ted Piner (Dull), Mary Ferrier (Muthill)\n"
            "- Minutes of the 62nd meeting held on 12th May 2010, proposed as accurate. Approved.\n")
    doc = _read(tmp_path, text)
    assert doc.authority == "Convention of Alderby & Branwick Community Councils"
    # the earlier meeting whose minutes were "proposed as accurate" is not this one
    assert doc.date == "2010-09-22"


def test_a_navigation_trail_is_no_heading(tmp_path):
    text = ("Home Meetings Board of Commissioners ->\n\nMinutes April 7, 2015\n\n"
            "Alderby County Board of Commissioners\n\nMeeting of April 7, 2015\n\n"
            "The Board of County Commissioners of Alderby County convened in Regular Session on April 7, 2015.\n")
    doc = _read(tmp_path, text)
    assert (doc.authority, doc.date) == ("Alderby County Board of Commissioners", "2015-04-07")
    # "You are here" run into the trail's next step, separators ">"
    trail = "You are hereGovernment > Board meeting minutes > August\n\n" + text.split("\n", 2)[2]
    assert _read(tmp_path, trail).authority == "Alderby County Board of Commissioners"


def test_the_body_a_resolution_is_resolved_by_is_the_papers(tmp_path):
    text = ("Laserfiche WebLink\nArjbPWAJW i iVi WE ira , FLORIDA, AUTHORIZING THE CHAIRMAN TO\n"
            "EXECUTE AN INTERLOCAL AGREEMENT.\nWHEREAS, the Florida Interlocal Cooperation Act of 1969 permits it; and\n"
            "NOW, THEREFORE, BE IT RESOLVED BY THE BOARD OF\nCOUNTY COMMISSIONERS OF ALDERBY COUNTY, FLORIDA\nthat:\n"
            "The Chairman is hereby authorized to execute the attached Interlocal Agreement.\n")
    assert _read(tmp_path, text).authority == "Alderby County Board of County Commissioners"


def _settled(tmp_path, text: str):
    doc = _read(tmp_path, text)
    settle_authority(doc, None, frozenset())  # as indexing does, with nothing known from other papers
    return doc.authority


def test_the_one_council_a_paper_names_is_its_own_when_nothing_else_is(tmp_path):
    # a county council's meeting page naming its council only in a bye-law's title
    agenda = ("Venue: Council Chamber, County Hall, Alderby\n\nConfirmation of Minutes\n"
              "(a) Minutes of the County Council Meeting held on 8 April 2019\n\nProposed Paid Parking Control Scheme\n"
              "Section 101 of the Road Traffic Act, 1961, Alderby County Council Parking Control Bye-Laws, 2007-2011\n")
    assert _settled(tmp_path, agenda) == "Alderby County Council"
    # a parish's minutes that call themselves "the Parish Council" and name their county: not the county's
    parish = ("Minutes of the meeting held on 1 July 2020\n\n1. Apologies: none.\n\n"
              "2. Accounts: The Parish Council agreed the accounts.\n\n"
              "3. Footpaths: the footpath was repaired by Alderby County Council.\n")
    assert _settled(tmp_path, parish) is None
    # a village's minutes hearing a township's officer: the township speaks, the paper is the village's
    village = ("MINUTES OF THE VILLAGE BOARD\nDate:\nLocation: Village Hall\n1. APPROVAL OF MINUTES: approved.\n"
               "2. ZBA: No Report.\n3. POLICE REPORT: on file at the Village Office.\n"
               "4. ROADS REPORT - Tom Gooch, Branwick Township, reported on road support given by Branwick Township (BT).\n")
    assert _settled(tmp_path, village) is None
    # two councils named: nothing says which is the paper's
    two = agenda + "The bus service run jointly with Branwick District Council will continue for a further year.\n"
    assert _settled(tmp_path, two) is None


def test_a_short_sentence_naming_a_council_is_no_heading(tmp_path):
    text = ("Venue: Council Chamber, County Hall\n\nConfirmation of Minutes\n"
            "(a) Minutes of the County Council Meeting held on 8 April 2019\n\nProposed Paid Parking Control Scheme\n"
            "Section 101 of the Road Traffic Act, 1961, and the Parking Control Bye-Laws, 2007-2011\n"
            "A letter from Branwick District Council was noted.\n")
    # the sender of a letter the meeting noted is not the paper's council, though its line is short
    assert _read(tmp_path, text).authority is None
    # the name alone on its line still heads the paper
    assert _read(tmp_path, "Branwick District Council\n\n" + text).authority == "Branwick District Council"


def test_what_kind_of_paper_the_eighth_sets_headings_make(tmp_path):
    resolution = ("RESOLUTION 2006-145\nWHEREAS, the County of Branwick and the City of Alderby wish to enter into an "
                  "Interlocal Cooperation Agreement; and\nNOW, THEREFORE, BE IT RESOLVED BY THE MAYOR AND COUNCIL OF THE "
                  "CITY OF ALDERBY that the agreement is hereby approved.\nAdopted by the City Council, May 2, 2006.\n")
    summons = ("ORDINARY MEETING AGENDA 19 MARCH 2019 Your attendance is required at an Ordinary meeting of Council to be "
               "held in the Council Chambers, Alderby on 19 March 2019 for transaction of the enclosed business.\n"
               "CHIEF EXECUTIVE OFFICER\n14 March 2019\nPlease note: all discussion is recorded for the purpose of "
               "verifying the minutes.\n")
    contents = ("Attachments Included\nTotal Page:16\nFile Type:pdf, Size:1020Kb\n"
                "ORDINARY MEETING OF COUNCIL AGENDA 9 AUGUST 2017 TABLE OF CONTENTS Item Subject Page No. "
                "1. Meeting Opened ....... 3 2. Leave of Absence ....... 3 6.1 Confirmation of Ordinary Meeting Minutes of "
                "26 July 2017 ....... 5\n")
    report = ("Parish Council > \n\nAlderby Parish Council, December 2013\n\nReport of Alderby Parish Council Meeting held "
              "on 2 December 2013\n\nThe main topic for discussion at this meeting was the state of the roads.\n")
    news = ("Council meetings have resumed\n\n22 June, 2020\n\nThe Community Council has resumed holding its meetings "
            "using remote access.\n\nView all News >\n")
    kinds = [_read(tmp_path, t).doc_type for t in (resolution, summons, contents, report, news)]
    assert kinds == ["decision_notice", "agenda", "agenda", "minutes", "press_release"]


def test_a_paper_writing_month_first_reads_its_numeric_date_month_first(tmp_path):
    # an American resolution: its word dates ("May 2, 2006") say how it writes "05/02/2006"
    us = ("RESOLUTION 2006-145\n"
          "BE IT RESOLVED BY THE MAYOR AND COUNCIL OF THE CITY OF ALDERBY, that the bid of Branwick Paving is accepted.\n"
          "Adopted by the City Council of the City of Alderby, 05/02/2006\n"
          "Approved: April 27, 2006\nAttest: May 2, 2006\n")
    assert _read(tmp_path, us).date == "2006-05-02"
    # a date that can only be read one way says it too
    numeric = "City of Alderby\nMinutes of the Regular Meeting held on 05/02/2006\nThe minutes of 04/22/2006 were approved.\n"
    assert _read(tmp_path, numeric, "b.md").date == "2006-05-02"
    # a British paper's "04/01/2021" stays day first, as do papers with no evidence either way
    uk = "Alderby Parish Council\nMinutes of the meeting held on 04/01/2021\nThe minutes of 7 December 2020 were approved.\n"
    assert _read(tmp_path, uk, "c.md").date == "2021-01-04"
    bare = "Alderby Parish Council\nMinutes of the meeting held on 04/01/2021\n"
    assert _read(tmp_path, bare, "d.md").date == "2021-01-04"
