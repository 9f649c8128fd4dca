"""Answers on whole pages of councils in no corpus, second set (issue 15, tests/gold/questions7.jsonl, development
part): a record's act written as a capitalised label before the next name ("Cllr <A> (Proposed Cllr <B>, Seconded
Cllr <C>)"); "MOVED: Cr <A>" and "Motion was made by Councilperson <A>"; "which councilmember was absent", "who
sent apologies" read as roles, the apologies under a label closing the line before; two initials before a
surname and the post in brackets ("Mrs KL Brandt (Chairman)"); "accepted the position as Vice Chair"; a council
tax base is a number, not an amount; each percentage of a sentence to its own label; a meeting of another month
than the one asked is doubted.

The papers in tests/fixtures/answers_whole2/ are short texts in our own wording, laid out as the pages of
questions7.jsonl are. Answers found by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.question import read_question
from paperfinder.answer.reader import THRESHOLD
from paperfinder.answer.retrieval import ask

from .conftest import cited

HERE = Path(__file__).parent / "fixtures" / "answers_whole2"
GREYFIELD = "greyfield_pc_annual_minutes_2022-05-10.md"
ORRIN = "orrin_city_council_minutes_2001-03-14.md"
TARNBY = "tarnby_council_tax_resolutions_2024-25.md"
LOWBRIDGE = "lowbridge_tc_monthly_minutes_2019-03-04.md"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    from paperfinder.index.build import index_paths

    out = tmp_path_factory.mktemp("whole2") / "index"
    index_paths([str(HERE)], str(out))
    return str(out)


@pytest.mark.parametrize("question, role", [
    ("Which Orrin councilmember was absent on March 14, 2001?", "absent"),
    ("Which councillor abstained on the council tax vote?", "abstained"),
    ("Who sent apologies to Greyfield's annual meeting in May 2022?", "apologies"),
    ("Who sent his apologies?", "apologies"),
])
def test_who_was_away_or_abstained_is_a_role(question, role):
    q = read_question(question)
    assert (q.answer_type, q.role) == ("person", role)


@pytest.mark.parametrize("question, kind, percent", [
    ("What is Tarnby's council tax base for 2024/25?", "number", False),
    ("What basic Council Tax increase did Tarnby set for 2024/25?", "number", True),
    ("What reduction in rates over five years did the draft budget bring?", "number", True),
    # a verb "rise to" asks the amount it rose to
    ("What did the data protection fee rise to in 2018?", "money", False),
])
def test_a_tax_base_and_a_change_asked_are_numbers(question, kind, percent):
    q = read_question(question)
    assert (q.answer_type, q.percent) == (kind, percent)


@pytest.mark.parametrize("question, answer", [
    # "Footpaths warden – Cllr R Dale (Proposed Cllr P Hale, Seconded Cllr D Moss)"
    ("Who proposed Cllr R Dale as footpaths warden at Greyfield?", "P Hale"),
    ("Who seconded Cllr R Dale for the footpaths warden role at Greyfield?", "D Moss"),
    # "Speed watch – Cllr D Moss (Proposed Cllr J Ross Seconded Cllr P Hale)": no comma between the two labels
    ("Who seconded Cllr D Moss for the speed watch role at Greyfield?", "P Hale"),
])
def test_a_capitalised_mover_label_is_the_next_names(index, question, answer):
    a = ask(question, index)
    assert a.answer == answer
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == GREYFIELD


def test_the_apologies_under_a_label_closing_the_line_before(index):
    # "1. Apologies for Absence:" / "Nora Pendle (holiday)"
    a = ask("Who sent apologies to Greyfield's annual meeting in May 2022?", index)
    assert a.answer == "Nora Pendle"
    assert a.confidence >= THRESHOLD


def test_two_initials_before_the_surname_and_the_post_in_brackets(index):
    # "Present: Mrs KL Brandt (Chairman), J Ross (Vice- Chairman), ..."
    a = ask("Who chaired Greyfield Parish Council's annual meeting in May 2022?", index)
    assert a.answer == "KL Brandt"
    assert cited(a)[0] == GREYFIELD


def test_the_position_a_name_accepted(index):
    # "Cllr. Ross accepted the position as Vice Chair."
    a = ask("Who became vice chair of Greyfield Parish Council in May 2022?", index)
    assert a.answer in ("Ross", "J Ross")
    assert a.confidence >= THRESHOLD


@pytest.mark.parametrize("question, answer", [
    # "MOVED: Cr Brewer SECONDED: Cr Abbott CARRIED 4/0"
    ("Who moved the motion on Orrin's park lighting contract?", "Brewer"),
    # "Motion was made by Councilperson Varga ..." / "Second by Councilperson Lind."
    ("Who moved to let Orrin's City Manager use contingency funds in March 2001?", "Varga"),
    ("Who seconded the contingency funds motion at Orrin City Council in March 2001?", "Lind"),
    # "... were present: Councilmembers Abbott, Varga, Lind, Brewer Absent: Councilmember Quill."
    ("Which Orrin councilmember was absent on March 14, 2001?", "Quill"),
])
def test_movers_and_the_absent_in_a_us_record(index, question, answer):
    a = ask(question, index)
    assert a.answer == answer
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == ORRIN


def test_a_council_tax_base_is_a_number_not_the_file_size(index):
    # "118 Council Tax Resolutions 2024/25 PDF 96 KB" above "... the Council Tax Base 2024/25 ... as 18,402.57"
    a = ask("What is Tarnby's council tax base for 2024/25?", index)
    assert (a.answer, a.value) == ("18,402.57", 18402.57)
    assert cited(a)[0] == TARNBY


@pytest.mark.parametrize("question, answer, value", [
    # "a basic Council Tax increase of 2.99% and an Adult Social Care precept increase of 2%"
    ("What basic Council Tax increase did Tarnby set for 2024/25?", "2.99%", 2.99),
    ("What Adult Social Care precept increase did Tarnby set for 2024/25?", "2%", 2.0),
])
def test_each_percentage_to_its_own_label(index, question, answer, value):
    a = ask(question, index)
    assert (a.answer, a.value) == (answer, value)


def test_a_meeting_of_another_month_is_no_answer(index):
    # the record of Lowbridge's March 2019 meeting answers for March, not for April
    march = ask("Who chaired Lowbridge Town Council's March 2019 monthly meeting?", index)
    assert march.answer == "Farrant"
    assert cited(march)[0] == LOWBRIDGE
    april = ask("Who chaired Lowbridge Town Council's April 2019 monthly meeting?", index)
    assert april.answer is None
    assert april.confidence < march.confidence


def test_a_time_asked_is_answered_by_a_time(index):
    # "5. Meeting closed at 8.05pm." ("what time" asks a time of day, no other words)
    q = read_question("What time did Greyfield's annual parish council meeting close in May 2022?")
    assert q.answer_type == "text"
    a = ask("What time did Greyfield's annual parish council meeting close in May 2022?", index)
    assert a.answer == "8.05pm"
    assert cited(a)[0] == GREYFIELD
