"""Whose paper it is when it names several bodies (tests/gold/OUTSIDE.md, the fifth set): a
parish's minutes with its county and district councillors, a joint committee of two
councils, a committee site's item about another body. Small headers written for these
tests, each testing one rule; the councils are made up, so no gazetteer entry answers."""

from __future__ import annotations

from .conftest import read_paper as _read


def test_a_sites_banner_names_its_council(tmp_path):
    text = ("The website of Alderby Parish Council\n\nMinutes of the Meeting of the Parish Council\n\n"
            "Wednesday 2 March 2022 at 7.30pm, Alderby Village Hall\n\nPresent Cllrs: K Langley (Chair), "
            "E Kilby. In attendance County Cllr. F Hill and Dist. Cllr. G Morris.\n")
    assert _read(tmp_path, text).authority == "Alderby Parish Council"
    # a contact line naming a council is still no heading
    contact = ("Minutes of the Meeting of the Parish Council\n\nWednesday 2 March 2022 at 7.30pm\n\n"
               "Website: www.fenwick.gov.uk Fenwick District Council planning portal\n")
    assert _read(tmp_path, contact).authority is None


def test_a_joint_committee_of_two_places(tmp_path):
    text = ("Joint Burial Committee - minutes February 2016\n\nMinutes of the Meeting of Alderby & Fenwick Joint "
            "Burial Committee held on 3rd February 2016.\n\nPresent: Cllr. Large (in the chair), Cllrs. Beaumont "
            "(Alderby); Cllrs. Blogg (Fenwick).\n\n1. The minutes of the meeting held on 7th October 2015 were signed.\n")
    assert _read(tmp_path, text).authority == "Alderby & Fenwick Joint Burial Committee"


def test_a_councils_local_or_community_board(tmp_path):
    text = ("Waiora Local Board\n\nOPEN MINUTES\n\nMinutes of a meeting of the Waiora Local Board held in the Local "
            "Board Office on Tuesday, 20 March 2018 at 2:02pm.\n\nThe signed declaration is available on the Tainui "
            "Council website as a minutes attachment.\n")
    assert _read(tmp_path, text).authority == "Waiora Local Board"
    board = ("AGENDA\n\nRiverbend-Hokianga Community Board Meeting\n\nWednesday, 12 April 2023\n\n"
             "The role of a Community Board is to consider and report on all matters referred to it by the "
             "territorial authority.\n")
    assert _read(tmp_path, board).authority == "Riverbend-Hokianga Community Board"


def test_a_council_in_a_table_of_contents_is_an_appendixs_subject(tmp_path):
    text = ("ALDERBY PARISH NEIGHBOURHOOD PLAN 2018 - 2031 CONSULTATION STATEMENT February 2018 CONTENTS Introduction "
            "Page 3 Pre-Submission Consultation Page 5 Appendix 4: Comments Review Table Page 92 Appendix 5: Responses "
            "to Pre-Submission Consultation Page 114 Fenwick & Wrekin Council Appendix 6: Comments Review Table Page "
            "120 INTRODUCTION This Consultation Statement supports the Neighbourhood Plan Submission.\n")
    assert _read(tmp_path, text).authority is None
    # a council the first line names without a contents list before it still heads the paper
    own = ("HomeMy WebLinkAbout1995/08/22-Minutes-City Council August 22, 1995 Attendance Minutes approved CITY COUNCIL "
           "MEETING AUGUST 22, 1995 On the 22nd day of August, 1995, the City Council of the City of Brookdale, Texas, "
           "met in regular session.\n")
    assert _read(tmp_path, own).authority == "City of Brookdale"


def test_a_committee_sites_item_title_names_its_subject(tmp_path):
    text = ("Agenda item\n\nMinistry of Rural Affairs - Consultation on Planning for the Future.\n\n"
            "At the last meeting it was agreed to delegate a response for this consultation - minute 311 refers.\n\n"
            "The Committee received and considered the consultation from the Ministry of Rural Affairs. Cllr Aitman "
            "had shared the response made by the District Council; the Town Council did not need to make one.\n")
    assert _read(tmp_path, text).authority is None
    # the same title under no item label heads its own paper
    own = "Ministry of Rural Affairs - Consultation on Planning for the Future.\n\nWe are consulting on reforms.\n"
    assert _read(tmp_path, own).authority == "Ministry of Rural Affairs"


def test_a_body_that_sent_what_the_council_received(tmp_path):
    text = ("Planning applications received from Fenwick District Council since the last meeting\n"
            "3PL/2019/0123 Land at Mill Lane - no objection\n3PL/2019/0124 1 Church Street - objection\n")
    assert _read(tmp_path, text).authority is None
    # under the council's own heading the list is that council's
    own = "ALDERBY PARISH COUNCIL\n" + text
    assert _read(tmp_path, own).authority == "Alderby Parish Council"
    # a letter's heading naming its sender alone still names its author
    letter = "Letter from Fenwick District Council\n\n4 March 2019\n\nDear Resident\n\nBins will be collected on Tuesdays.\n"
    assert _read(tmp_path, letter).authority == "Fenwick District Council"


def test_an_unnamed_local_councils_paper_names_its_county_in_passing(tmp_path):
    text = ("Minutes of the meeting of the Parish Council held on 4 March 2019\n"
            "Fenwickshire County Council: Cllr Brown reported on highways.\n"
            "Alder Vale District Council: Cllr Green reported on planning.\n")
    assert _read(tmp_path, text).authority is None
    notes = ("Alderby News - March 2019\nParish Council Notes\nAt the February meeting the Parish Council discussed "
             "the play area.\nFenwickshire County Council has agreed to resurface Mill Lane.\n")
    assert _read(tmp_path, notes).authority is None
    # the county's own heading, alone on its line, is still the county's paper
    own = ("Fenwickshire County Council\nMinutes of the Cabinet meeting held on 4 March 2019\n"
           "The Parish Council of Alderby wrote about the meeting of the Parish Council.\n")
    assert _read(tmp_path, own).authority == "Fenwickshire County Council"


def test_a_body_after_a_subject_label_is_what_the_paper_is_about(tmp_path):
    text = ("Report to Cabinet\n4 March 2019\nSubject: Fenwick District Council Local Plan - consultation response\n"
            "Report of the Executive Director of Place\n1. Purpose\nTo agree the Council's response.\n")
    assert _read(tmp_path, text).authority is None
    letter = ("Alderby Parish Council\n4 March 2019\nDear Sir\nRe: Application 3PL/2019/0123, Fenwick District Council\n"
              "The Parish Council objects to this application.\n")
    assert _read(tmp_path, letter).authority == "Alderby Parish Council"


def test_the_minutes_heading_states_its_meetings_day_over_a_posts_date(tmp_path):
    text = ("Alderby Town Council 2007 minutes\n\nTuesday, August 28, 2007\n\nAlderby Town Council minutes August 2007\n\n"
            "PLEASE NOTE THESE ARE DRAFT MINUTES\n\nMinutes of the meeting of Alderby Town Council held in the Church "
            "Hall, Fore Street, Alderby on Monday, 6th August 2007 at 7pm\n\nPRESENT: Councillor D. Mitton (chairman)\n")
    doc = _read(tmp_path, text)
    assert (doc.authority, doc.date) == ("Alderby Town Council", "2007-08-06")
    # the minutes of a previous meeting, approved, are not this meeting's
    other = ("Agenda\n\nTuesday, August 28, 2007\n\nMinutes of the previous meeting held on Monday, 6th August 2007 "
             "to be approved\n\nPRESENT: Councillor D. Mitton (chairman)\n")
    assert _read(tmp_path, other).date == "2007-08-28"


def test_a_committee_sites_decision_page_is_a_decision_notice(tmp_path):
    text = ("Decision details\n\nParish Reviews\n\nDecision status: For Determination\n\nDecisions:\n\nThe Head of "
            "Democratic Services reported that the District Council had no policy of instigating such reviews.\n\n"
            "Date of decision: 02/11/2005\n")
    doc = _read(tmp_path, text)
    assert (doc.doc_type, doc.date, doc.authority) == ("decision_notice", "2005-11-02", None)
