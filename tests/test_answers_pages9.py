"""Layouts of the ninth question set's pages (issue 15, tests/gold/questions9.jsonl, development part): a mover and
seconder written as a slash pair ("Leigh/Whalley: SRD 373/22", "Resolved (Cr A / Cr B)"), a motion's names after a
title in capitals ("ON THE MOTION OF COUNCILLOR <A>"), and
questions read as the kind of answer they ask ("which ... director", "what total of accounts", "what is the number
of the bylaw").

The papers are short made-up minutes in the same layouts, written here; answers found by reading them.
"""

from __future__ import annotations

import pytest

from paperfinder.answer.question import read_question
from paperfinder.answer.retrieval import ask

from .conftest import cited, index_papers

PAPERS = {
    "kestrel_rd_board_minutes_2021-03-10.md": """KESTREL REGIONAL DISTRICT
Minutes of the meeting of the Board of Directors of the Kestrel Regional District held on Wednesday, March 10, 2021 at the district offices, 12 Harbour Road.

ADOPTION OF PUBLIC AGENDA
Pemberton/Oakes: KRD 112/21

THAT the agenda for the March 10, 2021 regular meeting of the Board be adopted as presented.
 CARRIED

ADOPTION OF MINUTES
Farrow/Pemberton: KRD 113/21

THAT the minutes of the regular meeting of the Board held on February 24, 2021 be adopted.
 CARRIED
""",
    "brindle_council_ordinary_minutes_2020-09-17.md": """Brindle Shire Council
Ordinary Council Meeting Minutes 17 September 2020

Confirmation of Minutes

2020/311

Resolved (Cr Harriet Quayle / Cr Tobias Wren)

That the minutes of the Ordinary Meeting held on 3 September 2020 be confirmed.

Carried
""",
    "marlow_vale_general_meeting_minutes_2019-05-08.md": """MINUTES OF General Meeting
Held at Council Chambers, MARLOW VALE on Wednesday 8 May 2019

APOLOGIES / leave of absence
RESOLVED ON THE MOTION OF COUNCILLOR Pettigrew, seconded by COUNCILLOR McAllen,
THAT the apology from Councillor Sorensen for the General Meeting on 8 May 2019 be accepted.
""",
    "ashby_fen_tc_extraordinary_minutes_2022-06-07.md": """Ashby Fen Town Council
Minutes of the Extraordinary Meeting of the Town Council held on Tuesday 7th June 2022.

1. Election of Chair
PROPOSED, SECONDED and RESOLVED to elect Cllr. P.Garside as Chair of the Town Council.

2. Election of vice-chair
PROPOSED, SECONDED and RESOLVED to elect Cllr. R.Tolland as Vice- Chair of the Town Council.
""",
    "fenmoor_county_council_cabinet_recommendations_2021-07-15.md": """Fenmoor County Council
Recommendations from the Cabinet, 15 July 2021

1. APPROVED savings of £412k to be applied in 21/22.
2. NOTED that the underspend does not change the projected gap of £3.1m for 22/23.
""",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_papers(tmp_path_factory, PAPERS, "pages9")


@pytest.mark.parametrize("question,name", [
    ("Who moved the adoption of the agenda at the Kestrel Regional District Board on March 10, 2021?", "Pemberton"),
    ("Who seconded the adoption of the agenda at the Kestrel Regional District Board on March 10, 2021?", "Oakes"),
])
def test_a_slash_pair_before_the_resolution_number_is_mover_then_seconder(index, question, name):
    # (the pick, whatever the confidence of so small an index: threshold 0)
    a = ask(question, index, threshold=0.0)
    assert a.answer == name
    assert cited(a)[0] == "kestrel_rd_board_minutes_2021-03-10.md"


@pytest.mark.parametrize("question,name", [
    ("Who moved the confirmation of the 3 September 2020 minutes at Brindle Shire Council?", "Harriet Quayle"),
    ("Who seconded the confirmation of Brindle's 3 September 2020 minutes?", "Tobias Wren"),
])
def test_a_slash_pair_in_brackets_after_resolved_is_mover_then_seconder(index, question, name):
    a = ask(question, index, threshold=0.0)
    assert a.answer == name
    assert cited(a)[0] == "brindle_council_ordinary_minutes_2020-09-17.md"


@pytest.mark.parametrize("question,name", [
    ("Who moved the motion accepting the apology at Marlow Vale's General Meeting of 8 May 2019?", "Pettigrew"),
    ("Who seconded the apology motion at Marlow Vale's General Meeting of 8 May 2019?", "McAllen"),
])
def test_a_title_in_capitals_titles_the_mover_and_the_seconder(index, question, name):
    a = ask(question, index, threshold=0.0)
    assert a.answer == name
    assert cited(a)[0] == "marlow_vale_general_meeting_minutes_2019-05-08.md"



def test_a_financial_year_written_with_two_digits_each_side_is_that_year(index):
    # "the projected gap of £3.1m for 22/23" answers for 2022/23, and is another year's figure for 2024/25
    right = ask("What projected gap for 2022/23 did Fenmoor County Council note?", index, threshold=0.0)
    other = ask("What projected gap for 2024/25 did Fenmoor County Council note?", index, threshold=0.0)
    assert right.answer == "£3.1m" and right.value == 3_100_000
    assert other.confidence < right.confidence


@pytest.mark.parametrize("question,kind", [
    ("Which Kestrel Regional District director was absent from the March 2021 board meeting?", "person"),
    ("Which press reporter attended the council meeting of 14 February 2018?", "person"),
    ("Which director's report did the board receive?", "text"),
    ("What total of accounts did the Township Council approve on May 3, 2017?", "money"),
    ("What grand total of bills did the Town Council approve on March 24, 2014?", "money"),
    ("What was the amount of Bills for Ratification approved on March 24, 2014?", "money"),
    ("What is the number of the village's Animal Regulation Bylaw?", "text"),
    ("What is the number of households in the parish?", "number"),
])
def test_the_kind_of_answer_a_question_asks(question, kind):
    assert read_question(question).answer_type == kind
