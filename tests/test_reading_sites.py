"""Papers as committee sites and document archives publish them, and minutes written abroad
(tests/fixtures/reading_sites: small papers in our own wording): a site's page heads are no title,
a decision record is dated by its decision, a vote's roll names members, not councils, and a
question about a motion is answered from its mover, its seconder and its vote."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.retrieval import ask
from paperfinder.ingest.readers import read_documents
from paperfinder.recognise.authorities import find_authorities
from paperfinder.recognise.entities import tag_text
from paperfinder.reports.show import list_documents

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "reading_sites"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "reading_sites")


def _read(name: str):
    return read_documents(HERE / name)[0]


def test_a_decision_records_title_is_under_the_sites_page_head_and_its_date_in_its_field():
    doc = _read("decision_record_site.md")
    # "Decision details" heads the site's page; "Date of decision:" comes last, after "Publication date:"
    assert (doc.title, doc.date, doc.doc_type, doc.committee) == (
        "Parking Charges Review 2018/19", "2018-03-05", "decision_notice", "Cabinet")


def test_a_published_decisions_list_is_dated_by_the_meeting_that_made_them():
    doc = _read("published_decisions_list.txt")
    # "Made at meeting: 14/11/2023 - Cabinet", published the next day; the site's words to its reader are no title
    assert (doc.title, doc.date, doc.doc_type, doc.committee) == ("Decision notice", "2023-11-14", "decision_notice", "Cabinet")


def test_an_agenda_and_decisions_page_records_the_meeting_and_its_venue_is_no_committee():
    doc = _read("agenda_and_decisions.md")
    assert (doc.doc_type, doc.date) == ("minutes", None)
    assert doc.committee == "The Cabinet"  # not "Venue: The Committee Room"


def test_an_issue_pages_head_is_no_title_and_its_meeting_label_gives_the_body(index):
    doc = _read("issue_meetings.txt")
    # "Meeting: 18/06/2019 - Ashdown Vale County Council (Item 9)": the body, without the date or the item
    assert (doc.committee, doc.date) == ("Ashdown Vale County Council", "2019-06-18")
    assert doc.title != "Issue - meetings"
    listed = {d["source"].rsplit("/", 1)[-1]: d for d in list_documents(index)}
    assert (listed["issue_meetings.txt"]["title"], listed["issue_meetings.txt"]["authority"]) == (
        "Minutes: Ashdown Vale County Council", "Ashdown Vale County Council")


def test_commissioners_surnames_are_no_council(index):
    doc = _read("county_commissioners_minutes.txt")
    # "Commissioner <br />Oldham moved ...", "Aye: Barnes, Hartley, Oldham, Tate": Oldham is a member, not Oldham Council
    assert (doc.title, doc.doc_type, doc.date) == ("Minutes", "minutes", None)
    listed = {d["source"].rsplit("/", 1)[-1]: d for d in list_documents(index)}
    assert listed["county_commissioners_minutes.txt"]["authority"] is None
    assert find_authorities("Oldham moved to approve the renewal.") == []
    assert find_authorities("Commissioner Oldham said") == []
    assert find_authorities("Oldham Council moved its offices")[0][3] == "Oldham"


def test_a_vote_roll_and_titled_members_are_people_and_lettered_items_are_not():
    text = (HERE / "county_commissioners_minutes.txt").read_text().replace("<br />", "\n")
    people = {e.text for e in tag_text(text) if e.label == "PERSON"}
    assert {"Hartley", "Oldham", "Tate", "Barnes"} <= people
    assert not {"A. Consideration", "B. Request"} & people  # "A. Consideration of the Road Maintenance Agreement"
    shire = {e.text: e.kind for e in tag_text((HERE / "shire_minutes.txt").read_text()) if e.label == "PERSON"}
    # "RESOLVED on the motion of Crs Oduya and Nunes": Cr is an Australian councillor's title
    assert shire.get("Oduya") == shire.get("Nunes") == "councillor"
    # an initial and a surname opening a line are still a person where no lettered item stands beside them
    assert "K. Jones" in {e.text for e in tag_text("J. Smith to circulate the report.\nK. Jones of Highways England attended.")
                          if e.label == "PERSON"}


@pytest.mark.parametrize("question, name", [
    # "RESOLVED on the motion of Crs Oduya and Nunes": the first moved it, the second seconded
    ("Who seconded the confirmation of the minutes of the meeting held on 22 May 2019?", "Nunes"),
    ("Who moved to approve the library lease?", "Tate"),
    ("Who moved to approve the renewal of the Road Maintenance Agreement?", "Oldham"),
    # "Aye: Barnes, Oldham, Tate" / "Nay: Hartley"
    ("Who voted against the library lease?", "Hartley"),
])
def test_who_moved_seconded_or_voted(index, question, name):
    a = ask(question, index)
    assert a.answer == name


def test_the_mover_named_first_in_on_the_motion_of():
    from paperfinder.answer.candidates import _MOTION_OF

    assert _MOTION_OF.search("RESOLVED on the motion of Crs ").group("first") is None
    assert _MOTION_OF.search("RESOLVED on the motion of Crs Oduya and ").group("first") == "Oduya and "


def test_a_vote_question_is_answered_by_the_vote_and_its_roll(index):
    a = ask("What was the vote on the library lease?", index)
    assert "Aye: Barnes, Oldham, Tate Nay: Hartley" in a.answer
    # with no one against, the roll says so, and nobody is named as having voted against
    b = ask("What was the vote on confirming the minutes of 22 May 2019?", index)
    assert b.answer == "In favour: Crs Vance, Oduya, Nunes and Rahman Against: Nil"
    assert ask("Who voted against confirming the minutes of 22 May 2019?", index).answer is None


def test_a_motion_moved_abroad_is_a_decision_with_its_mover_outcome_and_roll(index):
    from paperfinder.reports.registers import list_events

    _n, events = list_events("decision", "library lease", index)
    assert [(e.proposer, e.outcome, e.votes) for e in events] == [("Tate", "carried", {"for": 3, "against": 1})]
    _n, everything = list_events("decision", "", index, limit=None)
    texts = [e.text for e in everything]
    # a record's fields and the labels over its decisions are no decisions of their own
    assert not {"Decision:", "Cabinet RESOLVED to:", "Date of decision: 05/03/2018", "Contact: Sam Ellery"} & set(texts)
    assert "(b) keep free parking on Sundays in every car park the council runs;" in texts
    # approving the last minutes "as a correct record" is the meeting's own business, listed only when asked
    assert not any("correct record" in t for t in texts)
    _n, with_procedural = list_events("decision", "", index, limit=None, procedural=True)
    assert any("correct record" in e.text for e in with_procedural)


@pytest.mark.parametrize("question, name", [
    # Irish minutes set the motion's record above its wording: "Proposed by ..." / "Seconded by ..." / "AND AGREED" / "That ..."
    ("Who proposed opening the branch libraries on Saturday mornings?", "Cullinan"),
    ("Who seconded opening the branch libraries on Saturday mornings?", "Foley"),
])
def test_a_motions_record_above_its_wording(index, question, name):
    assert ask(question, index).answer == name


def test_the_record_lines_stay_in_their_items_passage_and_register(index):
    from paperfinder.reports.registers import list_events

    _n, events = list_events("decision", "branch libraries", index)
    assert [(e.proposer, e.seconder, e.amounts, e.currencies) for e in events] == [("Cullinan", "Foley", [42000.0], ["EUR"])]
    # confirming the last meeting's minutes is procedural
    _n, everything = list_events("decision", "", index, limit=None)
    assert not any("To confirm the Minutes" in e.text for e in everything)


def test_a_meeting_named_by_its_month_is_dated_in_that_month(index):
    # the minutes also head an item with the day of the last meeting ("... HELD ON 6TH OCTOBER, 2014")
    a = ask("When was the November Ordinary Meeting held?", index)
    assert a.value == "2014-11-03"


def test_a_council_tax_question_asks_for_money(index):
    from paperfinder.answer.question import read_question

    assert read_question("What Band D council tax did the Cabinet recommend for 2021/22?").answer_type == "money"
    a = ask("What Band D council tax did the Cabinet recommend for 2021/22?", index)
    assert (a.answer, a.value) == ("£190.25", 190.25)


def test_a_township_motion_by_and_seconded_by_with_its_tally(index):
    from paperfinder.reports.registers import list_events

    _n, events = list_events("decision", "mower", index)
    assert [(e.proposer, e.seconder, e.outcome, e.votes, e.amounts, e.currencies) for e in events] == [
        ("Park", "Reyes", "carried", {"for": 4, "against": 1}, [12400.0], ["USD"])]
    # approving the March minutes is the meeting's own business
    _n, everything = list_events("decision", "", index, limit=None)
    assert not any("March minutes" in e.text for e in everything)


def test_a_board_members_titles_are_not_their_names(index):
    listed = {d["source"].rsplit("/", 1)[-1]: d for d in list_documents(index)}
    # "Present: Supervisor Dale Moss, Clerk Amy Reyes, Treasurer Lou Park, Trustees Ben Ode and Kim Lark."
    assert listed["township_minutes.txt"]["present"] == ["Amy Reyes", "Ben Ode", "Dale Moss", "Kim Lark", "Lou Park"]


@pytest.mark.parametrize("question, name", [
    # "Ms L Moir, Chief Executive" / "Mr N Orr, Executive Chief Officer ...": the post's words in its order, not scattered
    ("Who was the Chief Executive at the Housing Committee in March 2020?", "L Moir"),
    # one "Name, Post" a line: the post before a name is the line above's ("Ms R Grant, Interim Head of Housing" / "Ms S Tait")
    ("Who is the Interim Head of Housing?", "R Grant"),
    ("Who is the Senior Manager Homelessness?", "S Tait"),
    ("Who is the Finance Manager?", "T Vass"),
])
def test_a_post_after_each_name_in_an_attendance_list(index, question, name):
    assert ask(question, index).answer == name


def test_a_register_as_csv_for_a_spreadsheet(index):
    import csv
    import io

    from typer.testing import CliRunner

    from paperfinder.cli import app

    r = CliRunner().invoke(app, ["decisions", "mower", "--index", index, "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("\ufeff")  # the byte-order mark spreadsheets read UTF-8 by
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [(x["proposer"], x["seconder"], x["outcome"], x["votes_for"], x["votes_against"], x["money"], x["amounts_usd"])
            for x in rows] == [("Park", "Reyes", "carried", "4", "1", "$12,400", "12400")]
    # amounts in euro keep their currency; a cell a spreadsheet would run as a formula is neutralised
    r = CliRunner().invoke(app, ["decisions", "branch libraries", "--index", index, "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert (row["money"], row["amounts_eur"], row["amounts_gbp"]) == ("€42,000", "42000", "")


def test_a_register_csv_cell_never_runs_as_a_formula():
    import io

    from paperfinder.reports.export import write_events_csv
    from paperfinder.reports.registers import TrackedEvent

    out = io.StringIO()
    write_events_csv([TrackedEvent(kind="decision", date=None, title="=HYPERLINK(\"x\")", body=None, authority=None,
                                   text="+1 payment", status="agreed")], out)
    assert "'=HYPERLINK" in out.getvalue() and "'+1 payment" in out.getvalue()
