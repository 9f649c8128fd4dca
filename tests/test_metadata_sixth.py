"""Whose paper it is, when, and what kind, across document types (tests/gold/OUTSIDE.md, the
sixth set): an ombudsman's decision headed by the council it is on, a summons and its issue
date, news posts, committee sites' item and decision-list pages. Small headers written for
these tests, each testing one rule; the councils are made up, so no gazetteer entry answers."""

from __future__ import annotations

from .conftest import read_paper as _read


def test_an_ombudsmans_decision_is_about_the_council_it_is_headed_by(tmp_path):
    text = ("Alderby Metropolitan Borough Council (21 004 512)\n\nThe Ombudsman's final decision:\n\n"
            "Summary: Mr X complained the Council delayed a disabled facilities grant. We find the Council at "
            "fault. The Council has agreed to apologise.\n\nThe complaint\n\n1. Mr X complains the Council took "
            "too long to assess his needs.\n")
    doc = _read(tmp_path, text)
    assert (doc.doc_type, doc.authority, doc.about) == ("ombudsman_decision", None, ["Alderby Metropolitan Borough Council"])
    # the ombudsman named in its heading is the decision's author
    named = "Local Government and Social Care Ombudsman\n\n" + text
    doc = _read(tmp_path, named)
    assert (doc.authority, doc.about) == ("Local Government and Social Care Ombudsman", ["Alderby Metropolitan Borough Council"])
    # a council's own minutes that speak of an ombudsman stay the council's
    minutes = ("Alderby Metropolitan Borough Council\n\nMinutes of the Audit Committee held on 3 May 2021\n\n"
               "Present: Councillors Hill and Morris.\n\n1. The Committee noted the annual review letter.\n")
    assert _read(tmp_path, minutes).authority == "Alderby Metropolitan Borough Council"


def test_a_place_named_with_councils_is_several_councils(tmp_path):
    text = ("Somerset councils: direction letter\n\nLetter from\nA Person\nHead of Governance Unit\n"
            "Department for Levelling Up, Housing and Communities\nto:\nChief Executives of Somerset councils\n"
            "10 May 2022\nDear Chief Executives,\nI wrote to you on 17 March.\nYours sincerely,\n")
    doc = _read(tmp_path, text)
    assert (doc.authority, doc.date, doc.doc_type) == ("Department for Levelling Up, Housing and Communities", "2022-05-10", "letter")


def test_a_summons_dated_by_label_is_of_the_meeting_it_calls(tmp_path):
    text = ("Direct Line: (01234) 534398\nOur Ref: AI\nDate: 8th May 2007\n\nDear Councillor\n\n"
            "You are summoned to attend the ANNUAL MEETING of the BOROUGH COUNCIL, to be held in the Council "
            "Chamber, Municipal Offices, Alderby on Wednesday 16th May 2007 at 6.30 pm.\n\nYours faithfully\n\n"
            "Chief Executive\n\n1. Apologies\n\n2. Election of Mayor\n")
    doc = _read(tmp_path, text)
    assert (doc.date, doc.doc_type) == ("2007-05-16", "agenda")
    # a letter dated by label that calls no meeting keeps its date
    letter = ("Our Ref: AI\nDate: 8th May 2007\n\nDear Sir\n\nThank you for your letter about the meeting held "
              "on 2nd May 2007.\n\nYours faithfully\n")
    assert _read(tmp_path, letter).date == "2007-05-08"


def test_a_meeting_spoken_of_as_another_is_not_the_papers_date(tmp_path):
    item = ("Agenda item\n\nSTATEMENT OF THE LEADER OF THE COUNCIL\n\nMinutes:\n\nThe Leader submitted a report on the "
            "decisions of Cabinet.\n\nCouncillor Hill referred to the Cabinet meeting of 22 April, 2020, where a "
            "worst case scenario had been discussed.\n")
    assert _read(tmp_path, item).date is None
    report = ("TO:\nHonorable Mayor and Members of the City Council\nFROM:\nA Person, Assistant to the City Manager\n"
              "SUBJECT:\nQuarterly Update on the City Council Work Plan\nRECOMMENDATION:\nStaff recommends that the City "
              "Council receive the report.\nBACKGROUND:\nThe City Council's current Work Plan was approved at the May 16, "
              "2023, City Council meeting.\n")
    assert _read(tmp_path, report).date is None
    accounts = ("Statement of accounts and annual audit\n\nI am pleased to introduce the Council's Draft Statement of "
                "Accounts for 2016-17. These statements show the financial position at 31st March 2017.\n\n"
                "A Person\nChief Finance Officer\n")
    assert _read(tmp_path, accounts).date is None
    # a meeting's own date still reads
    own = ("Agenda item\n\nMinutes of the Cabinet held on Thursday 14 May 2020\n\nMinutes:\n\nThe Leader referred to the "
           "Cabinet meeting of 22 April, 2020.\n")
    assert _read(tmp_path, own).date == "2020-05-14"


def test_a_councils_news_post_is_a_press_release(tmp_path):
    post = ("Councillors sworn in at Special Council Meeting\n\nPublished on Sunday, 17 October 2021 at 11:35:00 AM\n\n"
            "A special Council Meeting was held today to swear in the newly elected Councillors.\n\n"
            "The Shire would like to congratulate Cr Hill on his re-election.\n\nBack to All News\n")
    assert _read(tmp_path, post).doc_type == "press_release"
    message = "Mayor's Message\n\nMonday 17 Sep 2018\n\nCouncils go into caretaker mode in the lead up to the elections.\n"
    assert _read(tmp_path, message).doc_type == "press_release"
    # minutes posted on a site with the same furniture stay minutes
    minutes = ("Minutes of the Parish Council Meeting held on 3 May 2021\n\nPublished on Tuesday, 4 May 2021\n\n"
               "Present: Cllrs Hill and Morris.\n\n1. Apologies were received from Cllr Brown.\n\nBack to All News\n")
    assert _read(tmp_path, minutes).doc_type == "minutes"


def test_a_committee_sites_list_of_decisions_published_is_a_decision_notice(tmp_path):
    text = ("Decisions\n\nUse the search options below to find recent decisions.\n\nDecisions published\n\n"
            "24/06/2019 - Cemetery Maintenance Scheme 2019 ref: 407 Recommendations Approved\n\n"
            "Decision Maker: Monthly Meeting\n\nDecision published: 01/08/2019\n\nDecision:\n\nThe scheme was noted.\n")
    assert _read(tmp_path, text).doc_type == "decision_notice"


def test_a_news_posts_date_is_its_dateline_not_its_events(tmp_path):
    post = ("Council News - October 2023\n\n29 September 2023\n\nOur latest edition of Council News is now available.\n\n"
            "A free workshop is being held on Thursday 19 October 2023.\n\nBack to Media Releases\n")
    assert (_read(tmp_path, post).doc_type, _read(tmp_path, post).date) == ("press_release", "2023-09-29")
    stamped = ("Return to in-person Council Meetings\n\nPublished on Thursday, 14 May 2020 at 2:16:15 PM\n\n"
               "The remaining Ordinary Council Meeting dates are as follows:\n\nTuesday 19 May 2020\n\n"
               "Tuesday 16 June 2020\n\nBack to All News\n")
    assert _read(tmp_path, stamped).date == "2020-05-14"


def test_the_ends_of_a_period_are_not_the_papers_date(tmp_path):
    text = ("Decisions 10 September 2022 - 24 September 2022\n\nDecisions published\n\n"
            "15/09/2022 - Temporary Accommodation Policy ref: 2190 Recommendations Approved\n\n"
            "Decision Maker: Lead Member for Housing\n\nMade at meeting: 15/09/2022\n\nDecision published: 16/09/2022\n")
    assert _read(tmp_path, text).date == "2022-09-15"
    # an item numbered before a date is no period
    item = "Agenda Item 4 - 12 March 2019\n\nReport of the Director of Finance\n\nTo: Cabinet\n"
    assert _read(tmp_path, item).date == "2019-03-12"


def test_a_committee_sites_item_page_is_minutes_when_it_records_else_agenda(tmp_path):
    labelled = ("Agenda item\n\nApplications Arising\n\n7.1 15C30H - Pen y Bont Farm, Alderby\n\nMinutes:\n\n"
                "7.1 15C30H - Full application for change of use of agricultural land.\n\nThe application was presented "
                "at the request of a Local Member.\n")
    assert _read(tmp_path, labelled).doc_type == "minutes"
    past = ("Agenda item\n\nReport of the Director of Legal Services (LDS/24/6) on proposed changes to the Constitution, "
            "attached.\n\n(a) the proposed amendments be recommended to Council;\n\nThe Committee considered the Report "
            "of the Director of Legal Services, which proposed changes to the process.\n")
    assert _read(tmp_path, past).doc_type == "minutes"
    entry = ("Meeting Time: March 03, 2021 at 1:00pm EST\n\nAgenda Item\n\n15. 21-205 Zoning Text Amendment. "
             "To receive public comment on the amendment to the County's zoning ordinance.\n")
    assert _read(tmp_path, entry).doc_type == "agenda"


def test_a_summons_listing_earlier_minutes_is_an_agenda(tmp_path):
    text = ("26 July 2018\n\nDear Councillor\n\nYou are invited to attend a meeting of the Council to be held in The "
            "Chamber, Council Offices, Alderby on Thursday, 26 July 2018 at 19:00.\n\nYours faithfully\n\nChief Executive\n\n"
            "AGENDA OPEN BUSINESS\n\n1. Apologies 2. Declarations of Interest\n\n4. Council meeting minutes of meeting "
            "held on 28 June 2018\n")
    doc = _read(tmp_path, text)
    assert (doc.doc_type, doc.date) == ("agenda", "2018-07-26")


def test_what_a_body_did_on_an_earlier_day_is_never_the_papers_date(tmp_path):
    item = ("Agenda item\n\nRevenue Budget 2019/20\n\nCabinet, at its meeting on 31 January 2019, considered a report on "
            "the council's revenue budget.\n\nThe report of the head of finance, which Cabinet considered on 31 January "
            "2019, is attached.\n\nRECOMMENDED to Council to set the revenue budget.\n")
    assert _read(tmp_path, item).date is None
    visit = ("Agenda item\n\nApplications Arising\n\nMinutes:\n\nThe Committee determined that a site visit should take "
             "place. The site was subsequently visited on 16th November, 2016.\n")
    assert _read(tmp_path, visit).date is None
    # the same verbs with the meeting's own heading above keep its date
    own = ("Minutes of the Cabinet held on Thursday 7 February 2019\n\nPresent: Councillors Hill and Morris.\n\n"
           "1. The report, which Cabinet considered on 31 January 2019, was noted.\n")
    assert _read(tmp_path, own).date == "2019-02-07"
