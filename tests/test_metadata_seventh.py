"""Whose paper it is, when, and what kind, for councils no corpus holds (tests/gold/OUTSIDE.md, the
seventh set): a heading that is a council's kind alone, an American board named after its county,
"Regular Meeting" headings, a minute's own past tense and its chair label, a letter to residents,
a blog post, a committee site's item of earlier minutes, "February the 6th 2018". Small headers
written for these tests, each testing one rule; the councils are made up, so no gazetteer entry
answers."""

from __future__ import annotations

from paperfinder.recognise.dates import find_dates

from .conftest import read_paper as _read


def test_a_heading_that_is_a_councils_kind_alone_names_no_council(tmp_path):
    text = ("COMMUNITY COUNCIL\n\nA meeting of the Community Council was held Tuesday night February the 6th 2018 "
            "at 7.30pm in the Village Hall, Alderby.\n\n1. Welcome and Apologies:\n\nPresent A Jones, B Smith\n\n"
            "2. Minutes from the Meeting held on January the 9th 2018 were noted.\n")
    doc = _read(tmp_path, text)
    # no "Community Council" authority, the meeting's own day read as written, its record typed as minutes
    assert (doc.authority, doc.date, doc.doc_type) == (None, "2018-02-06", "minutes")
    # a place before the kind still makes the council
    named = text.replace("COMMUNITY COUNCIL", "ALDERBY COMMUNITY COUNCIL", 1)
    assert _read(tmp_path, named).authority == "Alderby Community Council"


def test_a_month_the_day_year_is_a_date():
    assert [d.iso for d in find_dates("held Tuesday night February the 6th 2018 at 7.30pm")] == ["2018-02-06"]
    assert [d.iso for d in find_dates("February 6th, 2018")] == ["2018-02-06"]


def test_a_board_named_after_its_county_is_that_countys_board(tmp_path):
    text = ("OFFICE OF THE BOARD OF COUNTY COMMISSIONERS OF ALDERBY COUNTY REGULAR MEETING OF THE MARCH 2011 SESSION\n\n"
            "The Board met in regular session on March 14, 2011.\n")
    doc = _read(tmp_path, text)
    assert doc.authority == "Alderby County Board of County Commissioners"


def test_a_regular_meeting_heading_with_its_date_is_the_meetings_record(tmp_path):
    text = ("ALDERBY TOWNSHIP BOARD OF SUPERVISORS REGULAR MEETING August 10, 2016\n\n"
            "Similar documents\nBRANWICK TOWNSHIP BOARD OF SUPERVISORS November 19, 2018\n")
    doc = _read(tmp_path, text)
    assert (doc.doc_type, doc.date) == ("minutes", "2016-08-10")
    town = "Town of Alderby. Regular Council Meeting, August 7, 2012\n\nSimilar documents\n"
    assert _read(tmp_path, town).doc_type == "minutes"
    # a heading that says "agenda" is the agenda of that meeting
    agenda = "ALDERBY TOWNSHIP BOARD OF SUPERVISORS REGULAR MEETING AGENDA August 10, 2016\n\n1. Call to order\n"
    assert _read(tmp_path, agenda).doc_type == "agenda"


def test_the_in_the_chair_label_marks_minutes(tmp_path):
    text = ("CM 906 3rd August 2009\n\nAlderby Borough Council Council Meeting No 906 – 3rd August 2009\n\n"
            "Table of Contents\n\n906.1 Minutes Confirmed\n\n906.2 Seal Documents Affix Seal of Council\n\n"
            "906.3 Cemetery Memorials Grant Permission\n\n906.4 Food Complaints No further action\n\n"
            "906.5 Certificate of Fitness Grant Certificate\n\n906.6 Building Control Applications Noted\n\n"
            "906.7 Armed Forces Day\n\n906.8 Reports For information\n\n"
            "Alderby Borough Council\n\nMinutes of Council Meeting No 906 held in the Council Chamber on Monday "
            "3rd August 2009 at 7.00 pm.\n\nIN THE CHAIR: Alderman F Campbell, Mayor\n")
    doc = _read(tmp_path, text)
    assert (doc.authority, doc.date, doc.doc_type) == ("Alderby Borough Council", "2009-08-03", "minutes")


def test_a_letter_to_residents_is_a_letter(tmp_path):
    text = ("18.03.2020\nDear Residents,\nIn light of the government guidelines I have decided not to hold the "
            "scheduled April meeting of the Parish Council.\nKind regards\nCllr A Person\nChairman\n")
    doc = _read(tmp_path, text)
    assert (doc.doc_type, doc.date) == ("letter", "2020-03-18")


def test_a_blog_post_with_comments_closed_is_a_news_post(tmp_path):
    text = ("Cancellation of Parish Council Meetings\n\nIn line with government advice the Parish council has "
            "decided to cancel the next meeting on the 6th April.\n\n20/3/2020\n\nComments are closed.\n")
    doc = _read(tmp_path, text)
    assert (doc.doc_type, doc.date) == ("press_release", "2020-03-20")


def test_an_item_of_earlier_minutes_on_a_committee_site_is_not_the_meetings_date(tmp_path):
    text = ("Agenda and minutes\n\nAlderby Municipal District - Monday, 10th February, 2020 11.00 am\n\n"
            "Venue: Council Chamber, Alderby\n\nItems\nNo. Item\n\nAMD.14.20\n\n"
            "Minutes of Meeting of Alderby Municipal District held on Monday 13th January 2020\n\nMinutes:\n\n"
            "Proposed by Councillor Hill, Seconded by Councillor Byrne AND UNANIMOUSLY RESOLVED;\n")
    assert _read(tmp_path, text).date == "2020-02-10"
    # minutes whose own heading states their day keep it
    own = ("Posted 20 February 2020\n\nMinutes of Meeting of Alderby Municipal District held on Monday 10th "
           "February 2020\n\nPresent: Councillors Hill and Byrne.\n")
    assert _read(tmp_path, own).date == "2020-02-10"


def test_a_heading_that_is_a_local_councils_name_keeps_the_of_in_its_place(tmp_path):
    text = ("Alder of Branwick and Vicinity Community Council\n\nALDER OF BRANWICK AND VICINITY COMMUNITY COUNCIL MINUTES "
            "OF THE INAUGURAL MEETING held in the Community Hall at 7.00pm on Monday 30th November 2015 Present: "
            "Chairperson (Ward Manager): A Person\n")
    assert _read(tmp_path, text).authority == "Alder of Branwick and Vicinity Community Council"
    # a clerk "of" a council is the council's officer, not part of its place
    clerk = ("Clerk of Branwick Parish Council\n\nMinutes of the meeting held on Monday 30th November 2015\n\n"
             "Present: Councillors Hill and Byrne.\n")
    assert _read(tmp_path, clerk).authority == "Branwick Parish Council"
