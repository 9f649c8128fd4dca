"""Reading papers of councils other than the bundled London ones (issue 13).

Expected values are what a person reading each paper says (tests/gold/metadata.jsonl,
written by reading, never from the code); the papers are copies of corpus-dev
papers from the gold's development part.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paperfinder.index.build import index_paths
from paperfinder.ingest.readers import read_documents
from paperfinder.search.service import Filters, search

HERE = Path(__file__).parent
DEV = HERE / "fixtures" / "corpus_dev_reading"


@pytest.mark.parametrize(
    "name,authority,date,doc_type",
    [
        # header "MILBURN PARISH COUNCIL" over an address block naming Eden District Council
        ("parish_milburn_agenda_2018-03-06.pdf", "Milburn Parish Council", "2018-03-06", "agenda"),
        # no word "minutes": an attendance list makes them minutes; "Signed Dated 8th May 2018" is not the meeting
        ("parish_milburn_minutes_2018-03-06.pdf", "Milburn Parish Council", "2018-03-06", "minutes"),
        ("tintern_cc_minutes_2018-01-08.pdf", "Tintern Community Council", "2018-01-08", "minutes"),
        # a name split over lines in capitals; "5TH FEBRUARY, 2016"
        ("limerick_minutes_full_council_special_2016-02-05.md", "Limerick", "2016-02-05", "minutes"),
        # a summons dated 12th May 2023 for a meeting "to be held on Thursday 18th May" (no year)
        ("limerick_agenda_md_cappamore_kilmallock_2023-05-18.md", "Limerick", "2023-05-18", "agenda"),
        # a scanned summons dated "1* April, 2016" for a meeting "on Wednesday, 6” April, 2016" (OCR'd "th")
        ("limerick_agenda_md_newcastle_west_2016-04-06.md", "Limerick", "2016-04-06", "agenda"),
        # web front matter says 2018-11-27 (the posting date); a Borough Council is named as attending
        ("parish_stoke_ferry_draft_minutes_2018-10-03.md", "Stoke Ferry Parish Council", "2018-10-03", "minutes"),
        ("parish_wereham_minutes_2009-07-14.md", "Wereham Parish Council", "2009-07-14", "minutes"),
        # a budget table states no date: none is guessed from its financial years
        ("tintern_cc_budget_2016-17.pdf", "Tintern Community Council", None, "budget"),
        # "Milburn Parish Council - 5th March 2019"; the business ("Elections are due to be
        # held on 2nd May 2019", item 19.03.7) is not the meeting's date
        ("parish_milburn_minutes_2019-03-05.pdf", "Milburn Parish Council", "2019-03-05", "minutes"),
        # no heading, no date: "Meeting 25th January 2023" in the business is another body's
        # meeting (the council comes at indexing, from its initials and item numbering)
        ("wye_valley_cc_minutes_2023-01-30.txt", None, None, "minutes"),
        # a saved page: "# ... Minutes - May" over the site's stamp "## July 2014" (posting);
        # the minutes state no date, so May of the posting year
        ("parish_stoke_ferry_annual_minutes_2014-05.html", "Stoke Ferry Parish Council", "2014-05", "minutes"),
        # the date only in the page title the site kept ("... held on Thursday 12th February 2004")
        ("parish_west_dereham_minutes_2004-02-12.md", "West Dereham Parish Council", "2004-02-12", "minutes"),
        # "Annual General Meeting, 2nd. May 2014" under the stamp "## July 2014"
        ("parish_boughton_agm_agenda_2014-05-02.html", "Boughton Parish Council", "2014-05-02", "minutes"),
        # a scanned letterhead "Lirnenck City and County Council"; the summons of 11th December
        # calls the meeting "on Wednesday, 16" mber 202!" (month and year lost to the scan)
        ("limerick_agenda_md_newcastle_west_special_2020-12-16.md", "Limerick", "2020-12-16", "agenda"),
        # a standard annual return form: "Annual" / "return" split over lines under "Page of 6";
        # the council only in its filled-in section ("MILBURN PARISH COUNCIL"); "the year ended
        # 31 March 2017" and "publish ... by 30 September 2017" are not its date (none legible)
        ("parish_milburn_annual_return_accounts_2016-17.pdf", "Milburn Parish Council", None, "accounts"),
        # "Annual Parish Meeting Agenda" whose first item approves "minutes of the last Annual Parish Meeting"
        ("parish_milburn_annual_parish_meeting_agm_agenda_2017-05-02.pdf", "Milburn Parish Council", "2017-05-02", "agenda"),
        # a consultant's cover: "FOR LB SOUTHWARK" ... "FEBRUARY 2013" on a line of its own (first pages)
        ("southwark_viability_analysis_canada_water_aap_harmsworth_quays_2013-02_pp1-3.pdf", "Southwark", "2013-02", "report"),
        # "I write on behalf of the London Borough of Southwark, 160 Tooley Street, London SE1 2QH":
        # an address on the line, but the council is stated; "a letter dated 16 September 2016" and
        # "the Inspector's Report ("IR") dated 29 January 2016" are other papers; "Date: 7 October 2016"
        ("southwark_legal_letter_before_claim_aylesbury_cpo_2016-10-07_pp1-2.pdf", "Southwark", "2016-10-07", "letter"),
        # "The Mayor ... has called a Special Meeting of Limerick City and County Council to be held
        # ... on Thursday, 23” June, / 2022": a summons, the meeting's day split over lines
        ("limerick_agenda_full_council_special_2022-06-23.md", "Limerick", "2022-06-23", "agenda"),
        # "STOKE FERRY PARISH COUNCIL DRAFT Minutes ..." then "Attendance: Cllr ..."
        ("parish_stoke_ferry_draft_minutes_2017-09-06.html", "Stoke Ferry Parish Council", "2017-09-06", "minutes"),
        # a page titled "Boughton News" whose text names only "the Parish Council": Boughton's
        ("parish_boughton_minutes_summary_2008-07-25.md", "Boughton Parish Council", "2008-07-25", "minutes"),
        # "Meeting 10.8.2012. Councillors are summoned to a meeting ...": the agenda (the minutes follow it)
        ("parish_boughton_agenda_2012-08-10.md", "Boughton Parish Council", "2012-08-10", "agenda"),
        # "11,000 new council homes / ... Now we need your help. We want your opinion ...";
        # undated: "return by 13 October 2014" is a deadline
        ("southwark_consultation_11000_council_homes_charter_c2014.pdf", "Southwark", None, "consultation"),
        # "TUESDAY, 14TH JANUARY, 2019": a Monday in 2019, a Tuesday in 2020, and the minutes adopt
        # those of the meeting "held on 10th December, 2019": a misprinted year
        ("limerick_minutes_md_adare_rathkeale_2020-01-14.md", "Limerick", "2020-01-14", "minutes"),
        # "THURSDAY FEBRUARY 4TH 2009": a Thursday in 2010; the minutes of the meeting "held on 03/12/09" are agreed
        ("parish_west_dereham_minutes_2009-02-04.md", "West Dereham Parish Council", "2010-02-04", "minutes"),
        # the order "will come into effect on the 26th January 2022"; the notice is "Dated: 19th January 2022"
        (
            "monmouthshire_notice_of_making_experimental_traffic_order_tintern_2022-01-19.pdf",
            "Monmouthshire",
            "2022-01-19",
            "decision_notice",
        ),
    ],
)
def test_paper_is_read_as_a_person_reads_it(name, authority, date, doc_type):
    doc = read_documents(DEV / name)[0]
    assert (doc.authority, doc.date, doc.doc_type) == (authority, date, doc_type)


@pytest.fixture(scope="module")
def dev_index(tmp_path_factory):
    ix = tmp_path_factory.mktemp("devix")
    index_paths([str(DEV)], ix, workers=1)
    return ix


def test_a_paper_stating_only_its_edition_is_of_that_edition():
    # "APPENDIX 9" / "RELOCATION STRATEGY – UPDATED DECEMBER 2018" (first pages); the paper
    # says "the Council" only, so its council is not read from it
    doc = read_documents(DEV / "southwark_s106_appendix9_relocation_strategy_elephant_castle_2018-12_pp1-2.pdf")[0]
    assert doc.date == "2018-12"


def test_a_weekday_places_a_date_written_without_its_year():
    # a newsletter column: "Main points of the meeting of the Parish Council on Friday 25th July";
    # 25 July fell on a Friday in 2008, the year of the column's other dates ("1st August 2008")
    doc = read_documents(DEV / "parish_boughton_minutes_summary_2008-07-25.md")[0]
    assert (doc.date, doc.doc_type) == ("2008-07-25", "minutes")


def test_a_study_split_at_its_appendixs_cover_opens_with_itself_not_an_agenda():
    # a small paper written for this test, laid out as the Westminster viability assessment of
    # corpus-dev: a consultant's cover, then an appendix with its own cover ("Report to ...")
    docs = read_documents(HERE / "fixtures" / "reading_small" / "viability_study_with_appendix.txt")
    assert [(d.authority, d.date, d.doc_type) for d in docs] == [
        ("Westminster", "2015-04", "report"),
        ("Westminster", "2015-02-26", "agenda_pack_item"),
    ]


def test_a_council_in_the_attendance_list_is_a_visitors():
    # a small paper written for this test: parish minutes naming no parish, whose only council
    # named is a county councillor's, in the list of those present (and in an item of business)
    doc = read_documents(HERE / "fixtures" / "reading_small" / "parish_minutes_visitor_council.txt")[0]
    assert (doc.authority, doc.date, doc.doc_type) == (None, "2014-07-08", "minutes")


def test_a_page_number_over_the_heading_is_not_one_of_its_lines():
    # "1" over "MINUTES OF PROCEEDINGS AT THE BUDGETARY PLAN 2018 MEETING OF THE / MUNICIPAL
    # DISTRICT OF ADARE-RATHKEALE HELD IN ... RATHKEALE, CO. LIMERICK ON THURSDAY, 26TH OCTOBER, 2017"
    doc = read_documents(DEV / "limerick_minutes_md_adare_rathkeale_budget_2017-10-26.md")[0]
    assert (doc.authority, doc.date, doc.doc_type) == ("Limerick", "2017-10-26", "minutes")


def test_a_column_of_dates_in_a_table_is_not_the_papers_date():
    # a bare table (first page): "11/AP/0138 430-432 OLD KENT ROAD ... S106 Agre 21/04/2018 ..." row after row
    doc = read_documents(DEV / "southwark_affordable_housing_s106_audit_extract_table_p1.pdf")[0]
    assert doc.date is None


def test_a_report_stating_no_author_is_of_the_council_it_is_all_about():
    # pages 2-5 of the Aylesbury equalities impact assessment: no letterhead or "report of",
    # but "Southwark" again and again and no other council
    doc = read_documents(DEV / "southwark_equalities_impact_assessment_aylesbury_aap_2009-01_pp2-5.pdf")[0]
    assert (doc.authority, doc.doc_type) == ("Southwark", "report")
    # minutes naming no council are left to their numbering and initials at indexing
    minutes = read_documents(DEV / "wye_valley_cc_minutes_2023-01-30.txt")[0]
    assert minutes.authority is None


def test_a_list_of_tangible_assets_is_accounts():
    # "TINTERN COMMUNITY COUNCIL TANGIBLE ASSETS" over a table of items and values
    doc = read_documents(DEV / "tintern_cc_asset_register.pdf")[0]
    assert (doc.authority, doc.doc_type) == ("Tintern Community Council", "accounts")


def test_a_report_to_a_council_by_an_inspector_is_the_inspectorates():
    # "Report to the Council of the London Borough of Southwark by Barry Juniper ... an Inspector
    # appointed by the Secretary of State / The Planning Inspectorate / Temple Quay House ..."
    # and its date line under the Inspectorate's address ("2 The Square" and "12 November 2009"
    # are not numbered sections), not the "Examination hearings held on 2 and 3 September 2009"
    doc = read_documents(DEV / "southwark_planning_inspector_report_aylesbury_area_action_plan_2009-11-12_pp1-4.pdf")[0]
    assert (doc.authority, doc.about, doc.date, doc.doc_type) == ("Planning Inspectorate", ["Southwark"], "2009-11-12", "report")


def test_a_scans_misread_council_name_is_the_gazetteers_council():
    from paperfinder.recognise.bodies import find_bodies

    # "rn" read for "m" and "ri" for "n", as scans do
    assert [b.canonical for b in find_bodies("Lirnenck City and County Council")] == ["Limerick"]
    assert [b.canonical for b in find_bodies("Monmouthshlre County Council")] == ["Monmouthshire"]
    # a short name or one near no council is left as written
    assert [b.canonical for b in find_bodies("Bure District Council")] == ["Bure District Council"]
    assert [b.canonical for b in find_bodies("Fairfax County Council")] == ["Fairfax County Council"]


def test_undated_papers_are_counted_and_kept_on_request(dev_index):
    res = search("precept OR budget", dev_index, filters=Filters(since="2010-01-01"), limit=50, facets=["year"])
    undated_total = search("precept OR budget", dev_index, filters=Filters(), limit=0, facets=["year"]).facets["year"].get("undated", 0)
    assert undated_total > 0  # the Tintern budget table
    assert res.undated_left_out == undated_total
    assert all(h.date for h in res.hits)
    kept = search("precept OR budget", dev_index, filters=Filters(since="2010-01-01", undated=True), limit=50)
    assert kept.total == res.total + undated_total


def test_authority_filter_takes_a_parish_council_loosely(dev_index):
    res = search("", dev_index, filters=Filters(authority="milburn parish"), limit=50)
    assert res.resolved["authority"] == "Milburn Parish Council"
    assert {Path(h.source).name for h in res.hits} == {
        "parish_milburn_agenda_2018-03-06.pdf",
        "parish_milburn_minutes_2018-03-06.pdf",
        "parish_milburn_minutes_2019-03-05.pdf",
        "parish_milburn_annual_return_accounts_2016-17.pdf",
        "parish_milburn_annual_parish_meeting_agm_agenda_2017-05-02.pdf",
    }


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paperfinder.cli", *args], capture_output=True, text=True, cwd=HERE.parent)


def test_documents_and_correct_from_the_command_line(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    src = papers / "tintern_cc_budget_2016-17.pdf"
    src.write_bytes((DEV / src.name).read_bytes())
    ix = tmp_path / "ix"
    index_paths([str(papers)], ix, workers=1)
    docs = json.loads(_cli("documents", "--index", str(ix), "--format", "json").stdout)
    assert docs["total"] == 1
    d = docs["documents"][0]
    assert (d["authority"], d["date"], d["doc_type"], d["corrected"]) == ("Tintern Community Council", None, "budget", [])
    assert d["pages"] == 1 and d["passages"] > 0

    bad = _cli("correct", str(src), "--index", str(ix), "--date", "2016-02-30")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "is not a date" in bad.stderr

    done = _cli("correct", str(src), "--index", str(ix), "--date", "2016-03-21", "--doc-type", "budget")
    assert done.returncode == 0, done.stderr
    d = json.loads(_cli("documents", "--index", str(ix), "--format", "json").stdout)["documents"][0]
    assert (d["date"], sorted(d["corrected"])) == ("2016-03-21", ["date", "doc_type"])
    # kept on a re-index of the folder, and undone with --clear
    index_paths([str(papers)], ix, workers=1)
    assert json.loads(_cli("documents", "--index", str(ix), "--format", "json").stdout)["documents"][0]["date"] == "2016-03-21"
    assert _cli("correct", str(src), "--index", str(ix), "--clear").returncode == 0
    d = json.loads(_cli("documents", "--index", str(ix), "--format", "json").stdout)["documents"][0]
    assert (d["date"], d["corrected"]) == (None, [])


def test_accents_fold_for_matching_and_stay_in_the_text(tmp_path):
    paper = tmp_path / "minutes.md"
    paper.write_text(
        "# Minutes of the Meeting of Clonmore Town Council held on 3 March 2021\n\n"
        "Cllr Ó Briain (Sinn Féin) proposed the motion on the Fianna Fáil budget amendment.\n",
        encoding="utf-8",
    )
    ix = tmp_path / "ix"
    index_paths([str(paper)], ix, workers=1)
    for query in ("Sinn Fein", "fianna fail", '"Sinn Féin"'):
        res = search(query, ix, limit=5)
        assert res.total == 1, query
        assert "Sinn Féin" in res.hits[0].text
    assert res.hits[0].authority == "Clonmore Town Council" and res.hits[0].date == "2021-03-03"


def test_a_paper_naming_its_council_only_once_by_long_initials():
    # an extraordinary meeting's minutes: "... WVCC will purchase a projector ..." is the only
    # council the paper names, by initials; another indexed paper names Wye Valley Community Council in full
    from paperfinder.ingest.metadata import authority_of_acronyms, settle_authority

    doc = read_documents(DEV / "wye_valley_cc_minutes_2023-09-11.txt")[0]
    assert doc.authority is None
    known = frozenset({"Wye Valley Community Council", "Monmouthshire"})
    settle_authority(doc, None, known)
    assert doc.authority == "Wye Valley Community Council"
    # named once beside another known council's initials, or by three letters, it stays unsaid
    assert authority_of_acronyms({"WVCC": 1, "MCC": 1}, frozenset({"Wye Valley Community Council", "Monmouth County Council"})) is None
    assert authority_of_acronyms({"TCC": 1}, frozenset({"Tintern Community Council"})) is None
    assert authority_of_acronyms({"TCC": 2}, frozenset({"Tintern Community Council"})) == "Tintern Community Council"


def test_a_paper_defining_the_council_it_speaks_of_is_that_councils():
    # pages 1 and 5 of the Elephant and Castle relocation strategy (S106 appendix 9): it says
    # "the Council" throughout, and once "approved by the Southwark Council (The Council)"
    doc = read_documents(HERE / "fixtures" / "corpus_dev_defined" / "southwark_s106_appendix9_relocation_strategy_elephant_castle_2018-12_pp1,5.pdf")[0]
    assert doc.authority == "Southwark"
    # pages 1-2 only: no definition, no council
    assert read_documents(DEV / "southwark_s106_appendix9_relocation_strategy_elephant_castle_2018-12_pp1-2.pdf")[0].authority is None
    from paperfinder.ingest.metadata import _defined_council
    from paperfinder.model import Line

    two = [Line(1, "The Tintern Community Council (the Council) and"), Line(2, "Monmouthshire County Council (\u201cthe Council\u201d) agree.")]
    assert _defined_council(two) is None
    assert _defined_council(two[:1]) == "Tintern Community Council"
