"""Whose paper, and what kind, for councils of every tier and country: small headers
written for these tests in the layouts of the outside set (tests/gold/OUTSIDE.md), each
testing one rule. The councils are made up, so no gazetteer entry answers for them."""

from __future__ import annotations

import pytest

from paperfinder.recognise.bodies import find_bodies

from .conftest import read_paper as _read


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


@pytest.mark.parametrize(
    "text,iso",
    [
        # a page run on one line: its title's date, not the earlier meeting confirmed in its items
        ("minutes november 2014 - shire.example\n\n1 20 November, 2014 – Ordinary Meeting of Council – Minutes "
         "Shire of Karri MINUTES NOVEMBER 2014 1. DECLARATION OF OPENING The President declared the meeting open. "
         "2. RECORD OF ATTENDANCE Cr A Smith, Cr B Jones, Cr C Brown and Cr D White were present with the Chief "
         "Executive Officer and the Works Manager of the Shire. 3. PUBLIC QUESTION TIME Nil 4. LEAVE OF ABSENCE Nil "
         "5. CONFIRMATION OF MINUTES 5.1 Ordinary Meeting of Council held on Wednesday 16 October 2014\n",
         "2014-11-20"),
        # a two-digit year that ends its line
        ("Llanfechan Community Council\n\nMinutes\n\nMinutes of meeting held on the 12th of November 25\n\n"
         "Present were A Jones, B Rees.\n", "2025-11-12"),
        # a heading that lost its year: its weekday's year next to the paper's other dates
        ("1 GREYSTONE COUNTY COUNCIL Thursday, February 11, 7:00 p.m. Council Chambers. The Warden noted the "
         "upcoming meetings: Museum Board Wednesday, February 24, 2010 and Community Committee Friday, "
         "February 26, 2010.\n", "2010-02-11"),
        # "will convene on" names the meeting's day; an election "held on" is not it
        ("Notice of Annual Meeting\n\n21 June 2024\n\nThe Annual Meeting of Glenmore Municipal District will "
         "convene on Monday 24th June, 2024, its first meeting following the local elections held on the "
         "7th June, 2024.\n", "2024-06-24"),
        # another committee's minutes received among lettered minute references
        ("Minutes of Parish Council 22 November 2023\n\nThose Attending:\nCllr A Smith\n\nC048/23 1. Apologies for "
         "Absence.\nNone.\nC049/23 2. Declarations of Interest\nNone.\nC050/23 3. To Receive and Note the Minutes "
         "of the Community Development and Environment Committee Held on 6th September 2023\nNoted.\n",
         "2023-11-22"),
    ],
)
def test_meeting_date_abroad(tmp_path, text, iso):
    assert _read(tmp_path, text).date == iso


@pytest.mark.parametrize(
    "text,authority",
    [
        # "County of X" written as its council names itself, over a page run on one line
        ("Minutes of the Council of the County of Greyford\n\nSize: px\n\nTranscription\n\n1 MINUTES OF THE COUNCIL OF "
         "THE COUNTY OF GREYFORD County Council Chamber Woodstock MEETING #8 Greyford County Council meets in regular "
         "session this ninth day of May 2012.\n", "County of Greyford"),
        # a county captioned above the township is the larger place, not the paper's body
        ("2011-03-14 Approved\n\nState of Michigan\nCounty of Greenfield\nCharter Township of Milltown\n\n"
         "Minutes of the regular meeting held on Monday, March 14, 2011.\n", "Milltown Charter Township"),
        # the page's number before the council that opens the page's text
        ("Minutes of Health and Safety Committee\nTotal Page:16\nFile Type:pdf\n1 KILBRENNAN AND ROSS DISTRICT COUNCIL "
         "Minutes of Meeting of: Council Date and Time: Thursday 28 July 2016 at 7.03 pm Location: Council Chamber\n",
         "Kilbrennan and Ross District Council"),
        # a body of councils for one service, named in full
        ("Agenda and minutes\n\nWestshire and City of Ashford Fire and Rescue Authority - Policy and Strategy\n"
         "Friday, 24th July, 2015 10.00 am\n\nItems\n", "Westshire and City of Ashford Fire and Rescue Authority"),
        # an unnamed panel meeting at a council's offices: the venue after the date is not its author
        ("MEETING OF POLICE AND CRIME PANEL\n\nThursday 25 October 2012 Eastmoor District Council Wallfields,\n\n"
         "Present: Cllr M Alexander, Eastmoor District Council; Cllr J Dean, Westmoor Borough Council\n", None),
        # the council whose chamber the meeting is held in
        ("MINUTES OF A meeting of the Regional Council\nDate: Wednesday 19 September 2012\nVenue: |\n"
         "Council Chamber Kowhai Bay Regional Council 159 Dalton Street NAPIER |\n", "Kowhai Bay Regional Council"),
        # a municipal district's minutes name its county council in the body
        ("MINUTES OF THE MEETING OF THE MUNICIPAL DISTRICT OF BALLYMORE HELD IN COUNCIL CHAMBERS ON FRIDAY 13TH OF "
         "JUNE 2014\nPresent: Cllrs J Brennan, P Millea\n1. Election of Cathaoirleach\nThe Meetings Administrator said "
         "it was a historic day for Carlow County Council.\n2. Standing Orders\nNoted.\n", "Carlow"),
        # ... or it is the district's own
        ("MINUTES OF THE MONTHLY MEETING OF THE KILRUSH-ENNIS MUNICIPAL\nDISTRICT WHICH WAS HELD IN THE LIBRARY ON\n"
         "WEDNESDAY, 22nd. APRIL, 2015.\nThere is no record of an application having\n"
         "been lodged with Kilrush Town Council.\n", "Kilrush-Ennis Municipal District"),
        # the joint committee the minutes keep calling "the Joint Committee"
        ("Agenda and minutes\n\nItems\n1.\n\nELECTION OF CHAIR OF JOINT COMMITTEE\n\nMinutes:\n\nThe Joint Committee "
         "considered nominations. Councillor A Dole (Westshire County Council) be appointed as Chair of the Cymru "
         "Dysgu Joint Committee.\n2.\n\nAPOLOGIES\n\nMinutes:\n\nThe Joint Committee noted apologies.\n",
         "Cymru Dysgu Joint Committee"),
        # a council's own meeting named with its possessive
        ("Agenda, decisions and minutes\n\nPlanning Committee - Thursday 21 May 2020 2.00 pm\n\nItems\n1.\n\nWelcome\n\n"
         "Minutes:\n\nThe Chairman welcomed Councillors to Ashvale District Council's first virtual Planning Committee "
         "meeting.\n", "Ashvale District Council"),
        # a forum of community councils under its council's heading
        ("ABERDEENSHIRE COUNCIL\n\nMinute of Meeting of the Kinbrae Community Council Forum held on Wednesday "
         "19 November 2014, at 7.00pm.\n", "Aberdeenshire"),
        # a place and "Council" alone as the heading
        ("AUBURNDALE COUNCIL\n\nMINUTES OF THE\nORDINARY MEETING OF COUNCIL\nHELD IN THE COUNCIL CHAMBER\n"
         "ON WEDNESDAY, MARCH 5, 2008\n", "Auburndale Council"),
        # an American town's board; a Canadian town's corporation
        ("HOLDFAST BOARD OF SELECTMEN\n\nMEETING MINUTES\n\nFEBRUARY 6, 2017\n", "Holdfast Board of Selectmen"),
        ("THE CORPORATION OF THE TOWN OF LAKEVALE AGENDA REGULAR MEETING OF COUNCIL MONDAY, SEPTEMBER 26, 2016\n",
         "Town of Lakevale"),
        # a council named in an item of the business is not the paper's
        ("Minutes of First Meeting of Community Council on 29th October 2019 at 7.30pm in the Village Hall\n\n"
         "1. Present\n\nA Smith, B Jones\n\n2. Appointment of the Chair\n\nAgreed.\n\n"
         "3. Westmoor & Fells Community Council Overview\n\nNoted.\n", None),
        # a place joined by "&"
        ("Minutes of Meldrick Bourne & Daviston Community Council Meeting Tuesday 22nd September 2020 7.00pm\n",
         "Meldrick Bourne & Daviston Community Council"),
    ],
)
def test_authority_of_bodies_abroad(tmp_path, text, authority):
    assert _read(tmp_path, text).authority == authority


@pytest.mark.parametrize(
    "text,authority",
    [
        # a joint board without a place, opening its page's heading
        ("Agenda and minutes\n\nJoint Refuse Collection Board - Wednesday, 10 January 2007 6.00 pm\n\n"
         "Venue: Group Room, Civic Offices.\n\nItems\n17.\n\nElection of Chairman\n", "Joint Refuse Collection Board"),
        # a title's parts: a district named without "Council" beside the council's meeting
        ("Home > Documents > THURSDAY, 24 OCTOBER 2019 - Kowhai District · 10/24/2019 · Agenda: Inaugural "
         "Council Meeting\n\nDate post: 07-Jun-2020\n", "Kowhai District Council"),
    ],
)
def test_authority_without_a_council_word(tmp_path, text, authority):
    assert _read(tmp_path, text).authority == authority


@pytest.mark.parametrize(
    "text,doc_type",
    [
        ("Agenda and minutes\n\nCabinet - Thursday, 17th March, 2011 7.00 pm\n\nItems\n276.\n\nApologies for Absence\n\n"
         "Minutes:\n\nApologies were received from Councillor A Smith.\n", "minutes"),
        ("Kinbrae Community Council\nMinute of the Kinbrae Community Council Meeting held on Thursday, 12th February "
         "2015, in the Church Hall\n", "minutes"),
    ],
)
def test_kind_of_paper_of_committee_sites(tmp_path, text, doc_type):
    assert _read(tmp_path, text).doc_type == doc_type


def test_a_place_neither_ends_a_sentence_nor_holds_figures():
    assert find_bodies("Apologies from Cllr Gwen Ellis.\n\nThe community council welcomed the speaker") == []
    assert [b.canonical for b in find_bodies("closed on Monday for Family Day. County Council February 11")] == []
    assert [b.canonical for b in find_bodies("HomeMy WebLinkAbout03-09-2020 City Council Meeting")] == []
    assert [b.canonical for b in find_bodies("MILLBECK\n\nPARISH COUNCIL")] == ["Millbeck Parish Council"]


@pytest.mark.parametrize(
    "text,canonical",
    [
        # two places joined by "with" make one parish, in either writing
        ("Clerk to Ashby with Wetherden Parish Council", ["Ashby with Wetherden Parish Council"]),
        ("ASHBY with WETHERDEN PARISH COUNCIL The Old School", ["Ashby with Wetherden Parish Council"]),
        # but a sentence's word before "with" is no place of the name
        ("A meeting of ILCA with Kennet Vale Parish Council", ["Kennet Vale Parish Council"]),
        ("Joint Meeting with Wetherden Parish Council", ["Wetherden Parish Council"]),
        ("Liaison with Wetherden Parish Council", ["Wetherden Parish Council"]),
        # a town council by its place and initials, as "X PC" and "X CC"
        ("Woodbeck TC agenda for March", ["Woodbeck Town Council"]),
        # "Unapproved" heads the minutes, it is no place
        ("Unapproved Minutes\n\nThe Community Council will be holding virtual meetings", []),
    ],
)
def test_places_joined_and_initials(text, canonical):
    assert [b.canonical for b in find_bodies(text)] == canonical


def test_a_site_list_of_other_papers_is_not_the_papers_header(tmp_path):
    doc = _read(tmp_path, "ASHBROOK WEST COMMUNITY COUNCIL. Approved Minutes of Meeting held in Strachan Hall On "
                "Thursday 29 th MARCH 2018 at 7.30 pm\n\nSimilar documents\nASHBROOK WEST COMMUNITY COUNCIL. Approved "
                "Minutes of Meeting held Thursday 29 th November 2018\n\nCARNBY PARISH COUNCIL\n\nMinutes of the "
                "Holtby Parish Council Monthly Meeting held in the Village Hall on Monday 12 th June 2017 at 7.\n")
    assert (doc.authority, doc.date) == ("Ashbrook West Community Council", "2018-03-29")


def test_a_meeting_a_page_lists_is_not_its_council(tmp_path):
    doc = _read(tmp_path, "Agenda and minutes\n\nPlanning Committee - Thursday, 2nd July, 2020 6.00 pm\n\n"
                "The meetings that will be broadcast are as follows: (a) Council; (b) Cabinet; (c) Seaford Joint "
                "Transportation Advisory Board; (d) Planning Committee.\n\nItems\n137.\n\nApologies\n")
    assert doc.authority is None


@pytest.mark.parametrize(
    "text,authority",
    [
        # a page titled by its place: the council it calls "the Parish Council" is that place's
        ('---\ntitle: "Ashwick News"\ndate: "2008-09-01"\n---\n\nPam co-ordinates the monthly Ashwick news\n\n'
         "Main points of the meeting of the Parish Council on Friday 25th July in All Saints' Church.\n",
         "Ashwick Parish Council"),
        # a title that is a sentence, or a county's news, names no parish
        ('---\ntitle: "Pam writes from Ashwick"\n---\n\nMain points of the meeting of the Parish Council on Friday '
         "25th July.\n", None),
        ('---\ntitle: "Norfolk News"\n---\n\nMain points of the meeting of the Parish Council on Friday 25th July.\n',
         None),
        # a place's title over a paper that never says whose council it is
        ('---\ntitle: "Ashwick News"\n---\n\nThe village fete raised £400 for the church roof.\n', None),
    ],
)
def test_a_parish_council_named_by_its_pages_title(tmp_path, text, authority):
    assert _read(tmp_path, text).authority == authority


def test_a_parish_council_named_by_the_office_its_minutes_fill(tmp_path):
    text = ("Mr A Brook Chairman\nMr D Wells Vice-Chairman\nMr D Burr Clerk to the Council\n"
            "- Apologies. Apologies were accepted from Mr P Smyth, County Councillor.\n"
            "- Election of Vice-Chairman: it was resolved that Councillor Wells would be the Vice-Chairman of "
            "Ashwick Parish Council for the year 2016/17.\n")
    assert _read(tmp_path, text).authority == "Ashwick Parish Council"
    # a district's chairman is no parish's office: the paper's council stays unread
    other = text.replace("Ashwick Parish Council", "Ashwick District Council")
    assert _read(tmp_path, other).authority is None


@pytest.mark.parametrize(
    "text,doc_type",
    [
        # a council meeting's record in the past tense, without a "Present:" list
        ("Meeting documents\n\nCouncil\nThursday, 14th July, 2011 7.30 pm\n\nC 11/035 Election of Mayor\n"
         "It was proposed by Councillor Baird, seconded by Councillor Mrs Lucas and\n\nRESOLVED: That Councillor "
         "B Lowe be elected Mayor for the ensuing municipal year.\n", "minutes"),
        ("Page 1 of 20 YALLUP SHIRE COUNCIL Minutes Ordinary Meeting of Council 10 July 2012 4. RECEIVING AND "
         "CONFIRMATION OF MINUTES Moved by: Cr Anne Hill Seconded by: Cr Jo Reed That the minutes be confirmed.\n",
         "minutes"),
        ("The Council\nThursday, 17th July, 2014 6.30 pm\n\n137 Apologies for absence.\nApologies for absence were "
         "received from Councillors Jones and Ward.\n138 Declarations of Interest\n", "minutes"),
        # a Scottish minute's opening; a committee's notes of its meeting; the last minutes agreed
        ("At a meeting of BRANWICK COMMUNITY COUNCIL held in Town Hall Chamber, Branwick, at 7.00pm\n\n"
         "Present: Mr A Jones\n", "minutes"),
        ("Wind Turbine Committee Notes 10 August 2023\n\nNotes from meeting on 10 August 2023\n\n"
         "Committee Attendees: Angela Arden (chair), Brenda Hanvy\n\n1. Apologies\n", "minutes"),
        ("-\nAPOLOGIES FOR ABSENCE\nWere received from District Councillor Simon Howell\n-\nDEFIBRILLATOR\n"
         "A speaker addressed the meeting.\n", "minutes"),
        ("-\nDEFIBRILLATOR\nA speaker addressed the meeting.\n-\nMINUTES OF THE PREVIOUS MEETING HELD June 28 2018\n"
         "were agreed as a correct record and duly signed.\n", "minutes"),
        # an agenda's items are still to come
        ("Council\nThursday, 17th July, 2014 6.30 pm\n\n1. Apologies for absence\n2. Declarations of interest\n"
         "3. To approve the minutes of the last meeting\n", "agenda"),
    ],
)
def test_minutes_by_their_past_tense(tmp_path, text, doc_type):
    assert _read(tmp_path, text).doc_type == doc_type


def test_councils_listed_one_to_a_line_are_no_letterhead(tmp_path):
    # an association's minutes list its member councils, each opening a line: none is the author
    text = ("Minutes Annual Meeting 18th July 2014\n\nEAST MARCHES ASSOCIATION\n\nOF\n\nLOCAL COUNCILS\n\nMINUTES\n\n"
            "Of the Annual Meeting held at The Civic Hall at 10.30am on Friday 18th July 2014\n\n"
            "ALDERFORD TOWN COUNCIL\n\nCllr B Roberts Mayor\n\nBRANWICK COMMUNITY COUNCIL\n\nR Jones Clerk\n\n"
            "CASTELL TOWN COUNCIL\n\nCllr A Williams\n\n1538 Introduction\n")
    # the association heading it is a body of councils, read as its own paper's (as a joint committee is)
    assert _read(tmp_path, text).authority == "East Marches Association of Local Councils"
    # the member and its people run on one line: still a list
    run_on = ("Minutes of QUARTERLY MEETING held at Alderford on FRIDAY 25th January 2013\n\n"
              "ALDERFORD TOWN COUNCIL Richard Waters Brian Roberts\nBRANWICK CITY COUNCIL Eve Butler\n"
              "CASTELL TOWN COUNCIL Pat Hart Helen Roberts (Clerk)\n\n1538 Introduction\n")
    assert _read(tmp_path, run_on).authority is None
    # one council's letterhead, in two languages, stays its paper's
    one = ("CYNGOR CYMUNED BRANWICK\nBRANWICK COMMUNITY COUNCIL\nMINUTES OF THE COUNCIL MEETING HELD ON 24th "
           "SEPTEMBER 2019\nPresent: Cllrs A Jones, B Rees\n")
    assert _read(tmp_path, one).authority == "Branwick Community Council"


def test_a_meetings_kind_is_no_place(tmp_path):
    # "Inaugural Meeting Joint Community Council of" (the name lost) names no council
    text = ("Minute of Inaugural Meeting Joint Community Council of\n\nDate: Thursday, 9 November 2017 Time: 7.00 pm\n"
            "Chair: Jane Martin Community Council Liaison officer\n\n1. Welcome, Introductions and Apologies\n")
    assert _read(tmp_path, text).authority is None
    named = text.replace("Joint Community Council of", "of Branwick Community Council")
    assert _read(tmp_path, named).authority == "Branwick Community Council"


def test_a_members_council_is_no_letterhead(tmp_path):
    # an association's members named with the councils they come from
    text = ("Marches Local Councils Association\n\nMinutes of the meeting held on 20th March 2014\n\n"
            "At The Old School Rooms, Alderford at 10.00 am\n\nCllr Elizabeth Shepherd Alderford Area (Chairman)\n"
            "Cllr. Rod Lees Wiltshire\nCllr. Noel Walter Wiltshire (Honorary Treasurer)\n\n1. Apologies\n")
    assert _read(tmp_path, text).authority == "Marches Local Councils Association"


def test_a_place_after_in_is_no_council(tmp_path):
    text = ("Serving Local Councils in Wiltshire\n\nAffiliated to the National Association of Local Councils\n\n"
            "Minutes of the meeting of the County Committee, held on 23rd August 2016 at the Edgar Hall\n\n"
            "1.Apologies were received from Antony Carr\n")
    assert _read(tmp_path, text).authority is None
    # the council itself heading its paper stays its paper's
    own = text.replace("Serving Local Councils in Wiltshire", "Wiltshire Council")
    assert _read(tmp_path, own).authority == "Wiltshire"  # the gazetteer's name for it


def test_a_month_is_no_place(tmp_path):
    text = ("February Parish Council Minutes\n\nPosted on 10th March, 2016\n\nIn brief, as indicated in the February "
            "PC minutes, the minutes were found.\n")
    assert _read(tmp_path, text).authority is None
    # March is a town's name as well as a month
    assert [b.canonical for b in find_bodies("Minutes of March Town Council")] == ["March Town Council"]


def test_places_listed_with_a_comma_and_a_two_word_last_place(tmp_path):
    text = ("Unapproved Draft Minutes 14 May 2025\n\nMinutes taken at the Annual Parish Council Meeting of Alderby, "
            "Fenwick and New Marsh Parish Council, which was held on Wednesday 14th May 2025.\n\n"
            "5. To receive reports from elected Members of Lincolnshire County Council.\n")
    assert _read(tmp_path, text).authority == "Alderby, Fenwick and New Marsh Parish Council"


def test_a_place_naming_a_plan_is_no_heading(tmp_path):
    text = ("Minutes of the Parish Council meeting held on Wednesday 13th June 2007 at 7.30pm in the Village Hall.\n\n"
            "Chairman Geoffrey Moulton, Clerk - Ian Nelson.\n\nApologies were received from David Pointer.\n\n"
            "Norfolk Minerals and Waste Framework – Core Strategy: Issues & Options Stage\n\n"
            "Having discussed some of the main issues, it was agreed to complete the questionnaire.\n")
    assert _read(tmp_path, text).authority is None


def test_a_meeting_reported_in_a_post_takes_the_posts_year(tmp_path):
    text = ("Alderby Parish Council met on 12th May for both the annual parish meeting and the annual parish "
            "council meeting.\nThe meeting was well attended.\n- Posted: 25th May 2022\n")
    assert _read(tmp_path, text).date == "2022-05-12"
    # a previous meeting's minutes approved are not this meeting's
    other = ("WINDFARM COMMITTEE MEETING\nDRAFT Minutes from 2nd December 2025 at St Peters Church 7pm\n"
             "- MINUTES FROM MEETING ON 7th OCTOBER 25 – these were approved and signed by the Chair\n")
    assert _read(tmp_path, other).date == "2025-12-02"


@pytest.mark.parametrize(
    "body,date",
    [
        # the heading's "Monday 31st October" with no year; the body's "January 2023" is next to
        # 2022, the only year around it in which 31 October is a Monday
        ("3387. Bridge: there will be a consultation followed by a Cabinet decision early January 2023.\n", "2022-10-31"),
        # no year in the paper at all: the weekday alone cannot tell one
        ("3387. Bridge: there will be a consultation followed by a Cabinet decision.\n", None),
    ],
)
def test_a_weekday_heading_without_a_year_takes_the_year_of_the_body(tmp_path, body, date):
    text = ("Minutes of a meeting of the above Council held on Monday 31st October at 7.00pm in the Village Hall.\n\n"
            "Present:  Chairman: Cllr Evans, Cllrs Ashman, Morrison & the Clerk.\n\n"
            "3380.\tPolice Reports:  Attached.\n\n3381.\tTo receive apologies for absence:  Cllr Shewell.\n\n" + body)
    assert _read(tmp_path, text).date == date


def test_an_action_for_the_clerk_does_not_name_the_papers_council(tmp_path):
    # Stoke Ferry, 1 November 2017: "3) Clerk to contact Norfolk County Council" in the business was
    # read as "Clerk to the X Council" and outweighed the heading: the minutes were Norfolk's
    text = ("STOKE FERRY PARISH COUNCIL DRAFT Minutes Subject to the Approval at the next Meeting Ordinary Meeting of the "
            "Parish Council Wednesday 1 November 2017 at 7.00 pm Stoke Ferry Village Hall\n\n"
            "Attendance: Cllr Sue Lintern Chair Cllr Janet Taylor Vice Chair Cllr Trudy Mann\n\n"
            "99/17 Apologies and Welcome\n\nThere were no apologies.\n\n"
            "100/17 Consider Declarations of Interest\n\nNone.\n\n"
            "101/17 Parish Partnership\n\nResolved: 1) To bid for a double dropped kerb. 2) To seek further quotes. "
            "3) Clerk to contact Norfolk County Council regarding the kerb.\n")
    assert _read(tmp_path, text).authority == "Stoke Ferry Parish Council"
    # the clerk's own council is still the paper's
    assert _read(tmp_path, "Minutes\n\nPresent: Cllr A Brook\n\nJ Smith, Clerk to the Wereham Parish Council\n").authority \
        == "Wereham Parish Council"
