"""A paper's title as a reader gives it (issue 13): the title its opening sentence
states, else a header line that reads as a title, else what the paper is and whose.

Papers are copies of corpus-dev papers (development part of the metadata gold); the
small fixtures are header lines written for an edge case, not copied text."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.ingest.readers import read_documents
from paperfinder.ingest.titles import choose_title, is_title, meeting_body, stated_title, with_authority
from paperfinder.recognise.bodies import title_case

from .conftest import corpus_file

DEV = Path(__file__).parent / "fixtures" / "corpus_dev_reading"


@pytest.mark.parametrize(
    "name,title",
    [
        # one word a line: "MINUTES" / "OF" / "PROCEEDINGS" ... "HELD IN"; a name broken at its hyphen
        ("limerick_minutes_md_adare_rathkeale_2020-01-14.md",
         "Minutes of Proceedings at Meeting of the Municipal District of Adare-Rathkeale"),
        ("limerick_minutes_full_council_special_2016-02-05.md",
         "Minutes of Proceedings at Special Meeting of Limerick City and County Council"),
        # a bilingual letterhead, the addressee, then "You are requested to attend the Monthly Meeting of ... to be held"
        ("limerick_agenda_md_cappamore_kilmallock_2023-05-18.md",
         "Agenda: Monthly Meeting of the Municipal District of Cappamore-Kilmallock"),
        # opens with the clerk's phone number
        ("parish_milburn_agenda_2018-03-06.pdf", "Agenda: Milburn Parish Council"),
        # "Milburn Parish Council - 5th March 2019", then "Present"
        ("parish_milburn_minutes_2019-03-05.pdf", "Minutes: Milburn Parish Council"),
        ("tintern_cc_minutes_2018-01-08.pdf", "Minutes of a meeting of Tintern Community Council"),
        # a budget table whose first line names council, "BUDGET" and two years; then "REVENUE"
        ("tintern_cc_budget_2016-17.pdf", "Budget: Tintern Community Council"),
        # a saved page's title heading, then the minutes' own "Minutes of the meeting of ..."
        ("parish_west_dereham_minutes_2009-02-04.md", "Minutes of the February meeting of West Dereham Parish council"),
    ],
)
def test_a_papers_title_is_what_a_reader_would_call_it(name, title):
    assert read_documents(DEV / name)[0].title == title


def test_the_bundled_papers_keep_their_labelled_and_header_titles():
    assert read_documents(corpus_file("000"))[0].title.startswith("Funding for the Clinical Practice Team")
    assert read_documents(corpus_file("003"))[0].title == "FOCUS ON PRACTICE - INNOVATION FUND GRANT"
    assert [d.title for d in read_documents(corpus_file("004"))][:3] == [
        "Children and Education Policy and Accountability Committee",
        "Children and Education Policy and Accountability Committee Minutes",
        "EXECUTIVE DIRECTOR'S UPDATE",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Clerk : Jane Doe Telephone : 01234 567890",
        "Present: Cllrs Ash, Birch & the Clerk.",
        "The Mayor and Each Member of Anytown Borough Council",
        "Project Director: A. N. Other",
        "12 High Street Anytown AB1 2CD",
        "2795.\tPolice Report",
        "—— Comhairle Cathrach Cornhiwirte",
        "Due to the weather the Parish Council held the meeting online",
        "CITY & COUNTY",
        "REVENUE",
    ],
)
def test_lines_that_are_no_title(line):
    assert not is_title(line)


@pytest.mark.parametrize("line", ["Aylesbury Area Action Plan: Publication Report", "EXECUTIVE DIRECTOR'S UPDATE",
                                  "Focus on Practice - Innovation Fund Grant"])
def test_lines_that_are_titles(line):
    assert is_title(line)


def test_a_summons_names_the_meeting_not_its_place_or_hour():
    lines = ["Anytown Town Council", "1 March 2025", "Dear Councillor,",
             "You are hereby summoned to attend the Annual Meeting of Anytown Town Council to be",
             "held at the Guildhall on Tuesday 11 March 2025 at 7pm."]
    assert stated_title(lines, "Anytown Town Council") == ("agenda", "Agenda: Annual Meeting of Anytown Town Council")


def test_minutes_of_the_above_council_name_it_once_it_is_known():
    lines = ["Minutes of a meeting of the above Council held on Monday 3 March 2025 at 7pm"]
    assert stated_title(lines, None) == ("minutes", "Minutes of a meeting of the above Council")
    assert stated_title(lines, "Glen Community Council") == ("minutes", "Minutes of a meeting of Glen Community Council")
    assert with_authority("Minutes of a meeting of the above Council", "Glen Community Council") == (
        "Minutes of a meeting of Glen Community Council")
    assert with_authority("Minutes", "Glen Community Council") == "Minutes: Glen Community Council"


def test_a_heading_followed_by_another_heading_does_not_run_on():
    lines = ["Minutes of the June meeting of Glen Parish Council", "MINUTES OF GLEN PARISH COUNCIL MEETING held on 1 June"]
    assert stated_title(lines, None) == ("minutes", "Minutes of the June meeting of Glen Parish Council")


def test_a_labelled_title_wins_and_a_paper_with_none_is_named_by_kind_and_council():
    assert choose_title("Road Safety Scheme", "Title: Road Safety Scheme", True, ["Minutes of X held"], "report", None, None) == "Road Safety Scheme"
    assert choose_title("Present", "Present", False, ["Present", "Cllr A"], "minutes", "Glen Parish Council", None) == (
        "Minutes: Glen Parish Council")
    assert choose_title("Present", "Present", False, ["Present"], "minutes", "Limerick", "Environment Strategic Policy Committee") == (
        "Minutes: Environment Strategic Policy Committee – Limerick")


def test_title_case_capitalises_each_part_of_a_hyphened_name():
    assert title_case("ADARE-RATHKEALE") == "Adare-Rathkeale"
    assert title_case("STOKE-ON-TRENT CITY COUNCIL") == "Stoke-on-Trent City Council"


@pytest.mark.parametrize(
    "name,committee",
    [
        ("limerick_minutes_md_adare_rathkeale_2020-01-14.md", "Municipal District of Adare-Rathkeale"),
        ("limerick_agenda_md_cappamore_kilmallock_2023-05-18.md", "Municipal District of Cappamore-Kilmallock"),
        # "Minutes of Proceedings at Special Meeting of Limerick City and County Council": the whole council
        ("limerick_minutes_full_council_special_2016-02-05.md", "Full Council"),
        # a community or parish council's own meeting is named as its clerk names it
        ("tintern_cc_minutes_2018-01-08.pdf", "Community Council"),
        ("parish_milburn_minutes_2019-03-05.pdf", "Parish Council"),
    ],
)
def test_the_committee_is_the_meeting_the_title_names(name, committee):
    assert read_documents(DEV / name)[0].committee == committee


def test_a_committee_named_after_its_council_loses_the_councils_name():
    title = "Minutes of the Meeting of Limerick City & County Council Environment Strategic Policy Committee"
    assert meeting_body(title, "Limerick") == "Environment Strategic Policy Committee"
    assert meeting_body("Agenda: Meeting of Glen Parish Council", "Glen Parish Council") == "Parish Council"
    assert meeting_body("Minutes of the Annual Report", "Glen Parish Council") is None


def test_the_bundled_papers_keep_their_labelled_committees():
    assert [d.committee for d in read_documents(corpus_file("003"))] == ["Cabinet"]
    assert read_documents(corpus_file("001"))[0].committee == "CEPAC"
