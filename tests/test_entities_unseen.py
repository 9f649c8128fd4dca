"""Entities in papers of councils the tagger was not written for (issue 14).

Expected values are read from the papers (tests/fixtures/corpus_dev_entities/,
copies of development-part corpus-dev papers); the line numbers are the papers'.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.errors import ResolveError
from paperfinder.ingest.readers import read_lines
from paperfinder.recognise.dates import find_dates
from paperfinder.recognise.entities import tag_lines, tag_text

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_entities"


def _tagged(name: str, known: frozenset[str] = frozenset()) -> list[tuple[str, str, int, str | None]]:
    lines, _pages = read_lines(HERE / name)
    return [(e.label, e.text, e.line, e.canonical) for e in tag_lines(lines, known=known) if e.label in ("PERSON", "AUTHORITY")]


def test_apologies_item_names_councillors_by_surname():
    # line 5: "3668.	To receive apologies for absence:  Cllrs Snell, Ashman & Mawdsley."
    got = [(text, line) for label, text, line, _c in _tagged("wye_valley_cc_minutes_2024-03-25.txt") if label == "PERSON" and line == 5]
    assert got == [("Snell", 5), ("Ashman", 5), ("Mawdsley", 5)]


def test_county_initials_read_with_the_councils_the_index_knows():
    name = "wye_valley_cc_minutes_2024-03-25.txt"
    # line 22: "... but suggest to MCC that the Shop ..."; the minutes never write the county council in full
    alone = [t for label, t, _l, _c in _tagged(name) if label == "AUTHORITY"]
    assert alone == []
    known = frozenset({"Monmouthshire", "Wye Valley Community Council"})  # as an index of its papers and the county's notices
    got = [(t, line, canon) for label, t, line, canon in _tagged(name, known) if label == "AUTHORITY"]
    assert got == [("MCC", 22, "Monmouthshire"), ("MCC", 40, "Monmouthshire"), ("MCC", 41, "Monmouthshire")]


def test_people_written_with_initials_and_stops():
    people = {(text, line) for label, text, line, _c in _tagged("parish_west_dereham_minutes_2004-02-12.md") if label == "PERSON"}
    # line 24: "Payments: Thos. B. Bonnett £107.03: B. Hawkins £58.75 proposed B. Glover and seconded by M. Grief"
    assert {("Thos. B. Bonnett", 24), ("B. Hawkins", 24), ("B. Glover", 24), ("M. Grief", 24)} <= people
    # line 20 "Planning: A.M. White - Excavation of gault clay"; line 28 "A letter was received from R. Pigott"
    assert {("A.M. White", 20), ("R. Pigott", 28)} <= people


def test_irish_name_and_a_city_named_as_a_place():
    tagged = _tagged("limerick_minutes_full_council_special_2020-02-25.md")
    people = {(text, line) for label, text, line, _c in tagged if label == "PERSON"}
    # line 214: "agreed that Councillor Saša Novak Uí Chonchúir would be appointed to the Limerick Market"
    assert ("Saša Novak Uí Chonchúir", 214) in people
    councils = [(text, line) for label, text, line, _c in tagged if label == "AUTHORITY"]
    # the heading names the council (line 4); "Limerick Market Trustees" (line 210) is not the council
    assert councils[0] == ("LIMERICK CITY AND\nCOUNTY COUNCIL", 4)
    assert not any(line in (210, 214, 224, 240) for _t, line in councils)


# --- issue 14, people by what the minutes write (development-part papers of the entity gold)

GOLD_DOCS = Path(__file__).parent / "fixtures" / "gold_entities" / "docs"


def _people_in(name: str) -> list[tuple[str, int, str | None]]:
    lines, _pages = read_lines(GOLD_DOCS / name)
    return [(e.text, e.line, e.canonical) for e in tag_lines(lines) if e.label == "PERSON"]


def test_list_of_councillors_with_an_irish_title_and_a_wrapped_initial():
    people = [(t, line) for t, line, _c in _people_in("limerick_minutes_full_council_special_2014-12-15.md") if 28 <= line <= 32]
    # line 28 "... O’Brien, Cmhlr. Ó Ceallaigh, O’Dea,"; line 30 "..., Secas, Sheahan" / line 32 "(J), Sheahan (M), Sheehy, Teefy."
    assert ("Ó Ceallaigh", 28) in people and not any(t == "Cmhlr" for t, _l in people)
    assert [(t, line) for t, line in people if line >= 30][-5:] == [
        ("Secas", 30), ("Sheahan\n(J)", 30), ("Sheahan (M)", 32), ("Sheehy", 32), ("Teefy", 32)]


def test_councillors_named_in_running_text_and_across_a_line_break():
    people = _people_in("limerick_minutes_full_council_special_2020-02-25.md")
    at = {line: [t for t, ln, _c in people if ln == line] for line in (24, 108, 178)}
    # line 22-24 "Apologies ... were received from Councillors Collins (J)" / "Donegan and Ryan (M)."
    assert at[24] == ["Donegan", "Ryan (M)"]
    # line 108 "The Mayor congratulated Councillors Novak and O’Donoghue on their co-option and"
    assert at[108] == ["Novak", "O’Donoghue"]
    # line 178 "... Councillor John O’Donoghue would be appointed to replace Councillor Richard" / "O’Donoghue ..."
    assert at[178] == ["John O’Donoghue", "Richard\nO’Donoghue"]
    assert [c for t, ln, c in people if ln == 178][1] == "Richard O’Donoghue"


def test_initials_without_points_after_a_title_and_a_second_name_sharing_it():
    people = [(t, line) for t, line, _c in _people_in("parish_milburn_minutes_2020-01-07.pdf") if line == 7]
    # line 7 "Councillor M Armstrong and A Armstrong, EDC"
    assert people == [("M Armstrong", 7), ("A Armstrong", 7)]


def test_titled_surname_does_not_swallow_the_words_after_it():
    people = [(t, line) for t, line, _c in _people_in("tintern_cc_minutes_2018-07-30.pdf")]
    # line 19 "Cllr Evans Travelling Expenses - £18.90": the list and line 21 name "Cllr Evans"
    assert ("Evans", 19) in people and not any("Expenses" in t for t, _l in people)
    # line 88 ends "forward to Cllrs." and line 89 opens "Tintern Festivals Association – offer of a mural"
    assert not any("Festivals" in t for t, _l in people)
    # a talk's title after the speaker's name (corpus-dev parish_west_dereham_annual_draft_minutes_2019-11-07.md)
    got = [e.text for e in tag_text("present to the Parish Council Meeting. Guest Speaker – Lisa Auker Taking a stand against Scams")
           if e.label == "PERSON"]
    assert got == ["Lisa Auker"]


def test_people_called_by_their_first_name():
    people = [(t, line, c) for t, line, c in _people_in("parish_boughton_minutes_summary_2008-07-25.md") if line >= 60]
    # line 69 "Pam and Moira attended the meeting ..."; line 87 "Geoff and I have been concerned ..."; line 93 "Frank & Geoff"
    assert {(t, line) for t, line, _c in people} >= {("Pam", 69), ("Moira", 69), ("Geoff", 87), ("Frank", 93), ("Geoff", 93)}
    # line 15 names "Frank Reid (chairman)": the bare "Frank" is him
    assert ("Frank", 93, "Frank Reid") in people
    # a saint's or a place's name is not a first name alone, though the paper names a Mary or a Lee in full
    # (corpus-dev wye_valley_cc_minutes_2024-08-19.txt, limerick_minutes_md_adare_rathkeale_2020)
    got = [e.text for e in tag_text("Mary Smith said so. Cllr Ashman reported that the bench outside St. Mary’s Church has been "
                                    "removed. Lee Jones asked about the junction at Lee’s Cross.") if e.label == "PERSON"]
    assert got == ["Mary Smith", "Ashman", "Lee Jones"]
    # the e-mail "Amanda.anerville@rbkc.gov.uk" is not a first-name mention
    assert [e.text for e in tag_text("Amanda Anerville, Strategic Finance Manager\n[Amanda.anerville@rbkc.gov.uk]") if e.label == "PERSON"] == [
        "Amanda Anerville"]


def test_firms_and_buildings_named_after_people_are_not_people():
    # "Gerald Eve LLP" (pages 2-8), "Table 8: Gerald Eve Applied Sales Values"
    people = [t for t, _l, _c in _people_in("westminster_financial_viability_assessment_87-115_cleveland_street_2015-04.pdf")]
    assert not any("Gerald" in t for t in people) and "Siôn Davies" in people
    # line 83 "James Pereira Q.C. and Melissa Murphy of Francis Taylor Building, Inner Temple"
    people = [(t, line) for t, line, _c in _people_in("southwark_legal_letter_before_claim_aylesbury_cpo_2016-10-07.pdf") if line == 83]
    assert people == [("James Pereira", 83), ("Melissa Murphy", 83)]


def test_a_list_of_names_one_a_line_and_names_given_with_their_email():
    people = {(t, line) for t, line, _c in _people_in("southwark_legal_letter_before_claim_aylesbury_cpo_2016-10-07.pdf")}
    # lines 61-74 "Proposed interested parties" / "Julius Sangbey" / "Gil Mutch" / ... / "Judi Bos" / ... / "Folashade Oladejo":
    # given names the tagger does not know, among lines that are all people's names
    assert {("Gil Mutch", 64), ("Judi Bos", 71), ("Folashade Oladejo", 74)} <= people
    # lines 80-81 "please contact Katharine Reed" / "(katharine.reed@southwark.gov.uk) or Sadia Hussain (sadia.hussain@southwark.gov.uk)"
    assert ("Sadia Hussain", 81) in people
    assert not any(t.startswith("Acqua") or "Campaign" in t for t, _l in people)  # lines 76-77, a company and a campaign


def test_titles_of_people_that_are_also_places_ranks_and_possessives():
    # line 190 "Mr. Selby W.N.B.C. Conservation Officer has promised ...": Selby is also a district council
    assert ("Selby", 190) in {(t, line) for t, line, _c in _people_in("parish_wereham_minutes_2008-07-08.html")}
    # line 1 "... & the Clerk, Sgt Lee Smith-Stephens."
    assert "Lee Smith-Stephens" in [t for t, line, _c in _people_in("wye_valley_cc_minutes_2022-01-31.txt")]
    # line 30 "... as it is Jane Avery’s last service before retiring."
    assert ("Jane Avery", 30) in {(t, line) for t, line, _c in _people_in("wye_valley_cc_minutes_2024-03-25.txt")}
    # "Arthur’s Quay Shopping Centre" (Limerick 2015-03-23, line 1086) is a place
    got = [e.text for e in tag_text("retail occupancy at Arthur’s Quay Shopping Centre and at the Tourist Office, Jane Avery said.")
           if e.label == "PERSON"]
    assert got == ["Jane Avery"]


def _councils_in(name: str) -> list[tuple[str, int, str | None]]:
    lines, _pages = read_lines(GOLD_DOCS / name)
    return [(e.text, e.line, e.canonical) for e in tag_lines(lines) if e.label == "AUTHORITY"]


def test_councils_by_their_irish_names_and_a_county_abbreviation():
    councils = _councils_in("limerick_agenda_full_council_statutory_budget_2020-11-27.md")
    # line 6-7 "pe Comhairle Cathrach" / "& Contae Luimnigh" (a scanned letterhead); line 16 "Comhairle Cathrach agus Contae Luimnigh."
    assert ("Comhairle Cathrach\n& Contae Luimnigh", 6, "Limerick") in councils
    assert ("Comhairle Cathrach agus Contae Luimnigh", 16, "Limerick") in councils
    # "Wireworks Bridge - Glos CC will be holding a technical meeting ..." (line 1, the minutes are one line)
    assert ("Glos CC", 1, "Gloucestershire") in _councils_in("wye_valley_cc_minutes_2022-01-31.txt")
    got = [(e.text, e.canonical) for e in tag_text("a letter to Herts CC and to Comhairle Contae Chill Mhantáin") if e.label == "AUTHORITY"]
    assert got == [("Herts CC", "Hertfordshire"), ("Comhairle Contae Chill Mhantáin", "Wicklow")]


def test_a_city_named_as_the_place_something_is_in():
    councils = _councils_in("westminster_financial_viability_assessment_87-115_cleveland_street_2015-04.pdf")
    # line 135 "3. The Site is located in Fitzrovia in the City of Westminster and is bounded by ..."
    assert not any(line == 135 for _t, line, _c in councils)
    # line 123 names the council ("... Westminster City Council (“WCC”) ..."), line 148 "WCC’s Core Strategy"
    assert ("WCC", 148, "Westminster") in councils


def _dates_in(name: str) -> list[tuple[str, int, str | None, str | None]]:
    lines, _pages = read_lines(GOLD_DOCS / name)
    return [(e.text, e.line, e.value, e.kind) for e in tag_lines(lines) if e.label == "DATE"]


def test_day_dates_with_two_digit_years_and_months_and_financial_years_told_apart():
    # line 67 "Unitary meeting 4 August 08" (the line ends there)
    assert ("4 August 08", 67, "2008-08-04", None) in _dates_in("parish_boughton_minutes_summary_2008-07-25.md")
    got = [d.iso for d in find_dates("on 14 July 10 members attended; the meeting of 3rd March 15.")]
    assert got == ["2015-03-03"]  # "14 July 10 members": ten members, not a year
    # the cover's "April 2015" (line 15) is a month, line 36 "... precept for 2024/25 ..." a financial year
    assert ("April 2015", 15, "2015-04", "month") in _dates_in("westminster_financial_viability_assessment_87-115_cleveland_street_2015-04.pdf")
    assert ("2024/25", 36, "2024-04-01", "financial_year") in _dates_in("wye_valley_cc_minutes_2024-03-25.txt")


def test_council_initials_read_with_the_councils_other_papers_name_in_full(tmp_path):
    # parish_milburn_minutes_2020-01-07.pdf never writes "Eden District Council"; line 7
    # "Councillor M Armstrong and A Armstrong, EDC", line 17 "Received correspondence from EDC ..."
    name = "parish_milburn_minutes_2020-01-07.pdf"
    lines, _pages = read_lines(GOLD_DOCS / name)
    assert [e for e in tag_lines(lines) if e.text == "EDC"] == []
    got = [(e.text, e.line, e.canonical) for e in tag_lines(lines, named=frozenset({"Eden", "Milburn Parish Council"}))
           if e.label == "AUTHORITY" and e.line in (7, 17)]
    assert got == [("EDC", 7, "Eden"), ("EDC", 17, "Eden")]
    # a council the index's papers name as their own comes first: "MCC" stays Monmouthshire County Council
    # though another paper names Manchester City Council in full
    ents = tag_text("MCC are in the process of carrying out an experimental 20mph speed limit.",
                    known=frozenset({"Monmouthshire"}), named=frozenset({"Manchester"}))
    assert [(e.text, e.canonical) for e in ents if e.label == "AUTHORITY"] == [("MCC", "Monmouthshire")]
    # an acronym the paper spells out as something else keeps its meaning (corpus-dev
    # southwark_aylesbury_area_action_plan: "New Deal for Communities (NDC)"), though the index names Norwich
    ents = tag_text("The New Deal for Communities (NDC) was launched with the aim of changing the lives of residents. "
                    "The NDC board met.", named=frozenset({"Norwich"}))
    assert [e for e in ents if e.label == "AUTHORITY"] == []
    # indexing: another Milburn paper (parish_milburn_agenda_2019-09-03.pdf) names the district council in full
    from paperfinder.index.build import index_paths
    from paperfinder.search.service import Filters, search

    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "agenda.txt").write_text(
        "Milburn Parish Council\nAgenda 3rd September 2019\n5. Eden District Council Plan 2019-2023\n7. EDC Review of Polling Stations\n")
    (tmp_path / "papers" / "minutes.txt").write_text(
        "Milburn Parish Council - 7th January 2020\n20.01.04 Matters Arising\n"
        "Received correspondence from EDC confirmation BT will remove telephone box\n")
    index_paths([tmp_path / "papers"], tmp_path / "ix", workers=1)
    res = search("telephone box", tmp_path / "ix", filters=Filters(doc_type=None))
    hit = next(h for h in res.hits if h.source.endswith("minutes.txt"))
    assert ("EDC", "Eden") in [(e.text, e.canonical) for e in hit.entities if e.label == "AUTHORITY"]


def test_attendance_and_apologies_are_the_meetings_not_every_passages(tmp_path):
    import shutil

    from paperfinder.index.build import index_paths
    from paperfinder.search.service import Filters, search

    # parish_milburn_minutes_2020-01-07.pdf: line 2 "Present" / line 3 "Councillors D Richardson (Chair) N Cresswell,
    # R Healey and P Moran" / line 4 "Clerk J Todd"; line 6 "20.01.01 Apologies" / line 7 "Councillor M Armstrong and A Armstrong, EDC"
    (tmp_path / "papers").mkdir()
    shutil.copy(GOLD_DOCS / "parish_milburn_minutes_2020-01-07.pdf", tmp_path / "papers")
    index_paths([tmp_path / "papers"], tmp_path / "ix", workers=1)
    everything = search("", tmp_path / "ix", filters=Filters(doc_type=None), limit=100)
    assert everything.total > 3
    # named on the apologies line only: one passage, not every passage of the meeting
    named = search("", tmp_path / "ix", filters=Filters(doc_type=None, person="M Armstrong"), limit=100)
    assert [h.line_start <= 7 <= h.line_end for h in named.hits] == [True]
    # the meeting's attendance holds the list under "Present", the apologies are not in it
    present = search("", tmp_path / "ix", filters=Filters(doc_type=None, person="R Healey", present=True), limit=100)
    assert present.total == everything.total
    with pytest.raises(ResolveError, match="no person matches 'M Armstrong'"):
        search("", tmp_path / "ix", filters=Filters(doc_type=None, person="M Armstrong", present=True), limit=100)


def test_names_end_where_the_list_or_the_name_does():
    def people(text: str) -> list[str]:
        return [e.text for e in tag_text(text) if e.label == "PERSON"]

    # corpus-dev parish_stoke_ferry_draft_minutes_2017-11-01.md, line 14
    assert people("Also in attendance: Cllr Colin Sampson Borough Council of King’s Lynn and West Norfolk Cllr Martin Storey "
                  "Norfolk County Council Mr C Philpott Footpath Warden") == ["Colin Sampson", "Martin Storey", "C Philpott"]
    # parish_milburn_annual_parish_meeting_agm_agenda_2019-05-07.pdf, lines 41-42: councillors' addresses, not a list of names
    assert people("Councillors\nMichael Armstrong, Julian Bower Farm, Cliburn, Tel 07817367076") == ["Michael Armstrong"]
    # southwark_independent_review_equality_diversity: a salutation, then the subject line
    assert people("Dear Sir\nRe: Use Of Studio Space At STCC") == []


def test_a_name_written_alone_elsewhere_does_not_take_the_next_word():
    # corpus-dev southwark_independent_review_equality_diversity (PDF), line 2765
    # "Under Chris Berry Southwark Council failed to afford us our rights"; the paper names Chris Berry alone too
    text = "Chris Berry was the chief executive.\nUnder Chris Berry Southwark Council failed to afford us our rights to a proper"
    got = [(e.label, e.text) for e in tag_text(text) if e.label in ("PERSON", "AUTHORITY")]
    assert got == [("PERSON", "Chris Berry"), ("PERSON", "Chris Berry"), ("AUTHORITY", "Southwark Council")]


def _authorities(text: str) -> list[tuple[str, str | None]]:
    return [(e.text, e.canonical) for e in tag_text(text) if e.label == "AUTHORITY"]


def test_district_named_with_its_county_shortened():
    # the gazetteer's "Herts CC" tells that papers shorten Hertfordshire to "Herts"
    text = "Members: Cllr A Ball (East Herts District Council), Cllr B Cole (North Herts District Council)."
    assert _authorities(text) == [
        ("East Herts District Council", "East Hertfordshire"),
        ("North Herts District Council", "North Hertfordshire"),
    ]


def test_community_council_by_its_place_and_initials():
    text = "Letters from Devauden CC and St Arvans CC; Glos CC and Monmouthshire CC replied."
    assert _authorities(text) == [
        ("Devauden CC", "Devauden Community Council"),
        ("St Arvans CC", "St Arvans Community Council"),
        ("Glos CC", "Gloucestershire"),
        ("Monmouthshire CC", "Monmouthshire"),
    ]
    # "CC Members" after a heading's words: the community council's members, no place named
    assert _authorities("Meeting Tuesday 22nd September 2020 7.00pm Online Zoom Meeting CC Members Present: Tintern CC") == [
        ("Tintern CC", "Tintern Community Council"),
    ]


def test_council_of_places_listed_with_a_comma():
    text = "Present: Nick Orpwood, Fyvie, Rothie & Monquhitter Community Council\nJohn Pirie, Meldrum, Bourtie and Daviot Community Council\n"
    assert _authorities(text) == [
        ("Fyvie, Rothie & Monquhitter Community Council", "Fyvie, Rothie & Monquhitter Community Council"),
        ("Meldrum, Bourtie and Daviot Community Council", "Meldrum, Bourtie and Daviot Community Council"),
    ]
    # councils in the plural are a list, not one council's name
    assert _authorities("Ellon, Foveran and Udny Community Councils met.") == []


def test_principal_council_by_its_welsh_name():
    # "Sir" is the Welsh for county here, not a title: no person in the council's name
    text = "Gohebiaeth gan Cyngor Sir Ddinbych ynghylch y ffordd.\nCYNGOR SIR FYNWY\n"
    assert [(e.label, e.text, e.canonical) for e in tag_text(text) if e.label in ("AUTHORITY", "PERSON")] == [
        ("AUTHORITY", "Cyngor Sir Ddinbych", "Denbighshire"),
        ("AUTHORITY", "CYNGOR SIR FYNWY", "Monmouthshire"),
    ]


def test_of_inside_a_place_after_a_word_of_geography():
    assert _authorities("The Chief Executive of Bay of Plenty Regional Council agreed.") == [
        ("Bay of Plenty Regional Council", "Bay of Plenty Regional Council"),
    ]
    assert _authorities("The Clerk of Wereham Parish Council wrote.") == [("Wereham Parish Council", "Wereham Parish Council")]


def test_initials_of_the_council_of_a_place_the_paper_names():
    text = ("5. The Scheme for Establishment of Community Councils in Dumfries & Galloway.\n"
            "KP stated that time and resources are being invested by DGC in community councils.\n")
    assert [(t, c) for t, c in _authorities(text) if t == "DGC"] == [("DGC", "Dumfries and Galloway")]


def test_a_county_of_x_ends_with_its_place():
    text = "a) Frances Smith, Warden of the County of Frontenac Introduction Moved by Councillor Hermer, Seconded by"
    assert _authorities(text) == [("County of Frontenac", "County of Frontenac")]
    assert _authorities("4.16 Town of Renfrew Re: School Crossing Guard Information") == [("Town of Renfrew", "Town of Renfrew")]


def test_no_person_inside_a_city_of_x():
    text = "OFFICIAL PROCEEDINGS CITY OF COLUMBIA HEIGHTS CITY COUNCIL MEETING MARCH 9, 2020. Present: Mayor Schmitt; Councilmember Buesgens"
    got = [(e.label, e.text) for e in tag_text(text) if e.label in ("AUTHORITY", "PERSON")]
    assert got[0] == ("AUTHORITY", "CITY OF COLUMBIA HEIGHTS CITY COUNCIL")
    assert ("PERSON", "COLUMBIA HEIGHTS") not in got


def test_initials_and_headings_that_name_no_council():
    # "PC" opening the next line is a police constable, not the parish council of the line before
    assert _authorities("Thames Valley Police\nPC Smith reported. Wereham PC agreed.") == [("Wereham PC", "Wereham Parish Council")]
    assert _authorities("SUMMARIZED MINUTES OF CITY COUNCIL\nVERBATIM. AUDIO RECORDINGS OF CITY COUNCIL MEETINGS") == []


def test_a_council_named_two_ways_has_one_name():
    assert _authorities("The Pulaski Town Council met. The Town of Pulaski agreed.") == [
        ("Pulaski Town Council", "Pulaski Town Council"),
        ("Town of Pulaski", "Pulaski Town Council"),
    ]
    assert _authorities("Owosso Charter Township board. Owosso Township residents.") == [
        ("Owosso Charter Township", "Owosso Charter Township"),
        ("Owosso Township", "Owosso Charter Township"),
    ]
    # named one way only, a town keeps the name it is written with
    assert _authorities("4.16 Town of Renfrew Re: School Crossing") == [("Town of Renfrew", "Town of Renfrew")]


def test_a_town_or_city_that_names_its_tier_first_in_capitals():
    assert _authorities("1 THE CORPORATION OF THE TOWN OF MATTAWA AGENDA REGULAR MEETING OF COUNCIL MONDAY") == [
        ("TOWN OF MATTAWA", "Town of Mattawa"),
    ]
    assert _authorities("OFFICIAL PROCEEDINGS CITY OF COLUMBIA HEIGHTS CITY COUNCIL MEETING MARCH 9, 2020") == [
        ("CITY OF COLUMBIA HEIGHTS CITY COUNCIL", "City of Columbia Heights"),
    ]
    assert _authorities("a walk round the town of Adare") == []


@pytest.mark.parametrize("line, people", [
    # a payments list: the allowance is paid to a councillor, it is not one
    ("Councillor Allowance for Cllr Richards - £150 (Ch. No. 300217)", ["Richards"]),
    ("Cllr Parker – Councillor Allowance - £156.00 (Ch. No. 300503)", ["Parker"]),
    ("Councillor Surgeries will be held monthly; Cllr Evans to arrange.", ["Evans"]),
])
def test_a_councillors_allowance_or_surgery_is_no_person(line, people):
    assert [e.canonical for e in tag_text(line) if e.label == "PERSON"] == people


@pytest.mark.parametrize("line, people", [
    # after a title a month word that dates nothing is a name
    ("Councillor K. May confirmed that the current machines were due to be replaced.", ["K. May"]),
    ("Cllr April Jones and Cllr May attended.", ["April Jones", "May"]),
    ("Councillors Brown and May voted against.", ["Brown", "May"]),
    # ... and a month that goes on to a day or a year dates something
    ("Councillor Jones reported in May that the works were done.", ["Jones"]),
    ("The meeting with Cllr Evans on 3 May was cancelled.", ["Evans"]),
])
def test_a_surname_that_is_a_month(line, people):
    assert [e.text for e in tag_text(line) if e.label == "PERSON"] == people


@pytest.mark.parametrize("line, people", [
    # minutes abroad name who moved and seconded with no title (data/motion_acts.txt)
    ("It was motioned by Steele, seconded by Lotter to pay bills. Motion carried with 5 yes.", ["Steele", "Lotter"]),
    ("A motion to pay the bills was made by R Scheurer and supported by A Hengesbach.", ["R Scheurer", "A Hengesbach"]),
    ("John made the motion to accept the agenda. Alan made the second.", ["John", "Alan"]),
    ("Glen moved to approve the record as amended. Gary seconded.", ["Glen", "Gary"]),
    # ... a thing proposed or moved is no person
    ("The Alternative Scheme proposed by the Applicant was not accepted.", []),
    ("Motions moved at full Council are referred to the committee.", []),
])
def test_a_person_named_by_their_part_in_a_motion(line, people):
    assert [e.text for e in tag_text(line) if e.label == "PERSON"] == people


def test_a_member_named_by_first_name_is_the_one_the_attendance_names_in_full():
    # "Board Members Present: Ann Ruiz, Paul Okafor and Dee Lindqvist", then "Paul motioned and Ann seconded"
    lines, _pages = read_lines(Path(__file__).parent / "fixtures" / "reading_titles" / "board_members_present.md")
    people = [(e.text, e.line, e.canonical) for e in tag_lines(lines) if e.label == "PERSON"]
    assert people == [("Ann Ruiz", 5, "Ann Ruiz"), ("Paul Okafor", 5, "Paul Okafor"), ("Dee Lindqvist", 5, "Dee Lindqvist"),
                      ("Paul", 8, "Paul Okafor"), ("Ann", 8, "Ann Ruiz")]
