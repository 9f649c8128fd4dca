"""Layouts of the ninth question set's pages (issue 15, tests/gold/questions9.jsonl, development part), second round:
figures of one sentence each after its own label ("Bills for Payment in the amount of $A and Bills for Ratification
in the amount of $B"; "savings of £A ... and changes to funding of £B"), a motion's act run into the title after it
("MovedCouncillor <A>"), a meeting named month first with its day, a post after a dash in a present list run together,
and a slash pair in brackets above the resolution it records.

The papers are short made-up minutes in the same layouts, written here; answers found by reading them.
"""

from __future__ import annotations

import pytest

from paperfinder.answer.retrieval import ask

from .conftest import cited, index_papers

PAPERS = {
    "kingsmere_town_council_minutes_2015-09-14.md": """Kingsmere Town Council
Minutes of the regular meeting of Council held Monday, September 14, 2015 at 7:00 p.m.

ACCOUNTS
Councillor Vance moved to pay Bills for Payment in the amount of $3,412.40 and Bills for Ratification in the amount of $88,270.15; Grand Total of $91,682.55.
Seconded by Councillor Ruiz. Carried.
""",
    "ashdown_county_council_cabinet_recommendations_2022-02-10.md": """Ashdown County Council
Recommendations from the Cabinet, 10 February 2022

1. APPROVED budget savings of £742k to be applied in 22/23 and changes to funding of £386k;
2. NOTED the report.
""",
    "ravensby_tc_finance_committee_minutes_2016-03-09.md": """RAVENSBY TOWN COUNCIL
Minutes of the Finance and General Purposes Committee held on Wednesday 9th March 2016 at 7.00 pm
Present:
Cllr A Fenwick (Chairman) Cllr R Thorne
Cllr D Okafor
Marion Keble – Town Clerk There were 2 members of the public
George Pask – Finance Officer present.
1. Chairman's opening remarks: Cllr Fenwick opened the meeting at 7.00 pm.
""",
    "corella_bay_cc_ordinary_minutes_2021-04-22.md": """Corella Bay City Council
ORDINARY MEETING MINUTES 22 APRIL 2021

PRESENT: Cr Imogen Saltash, Cr Dev Raghunathan, Cr Wendell Pryce, Cr Ottilie Marchbanks

APOLOGIES

No apologies.

Confirmation of Minutes

2021/088

Resolved (Cr Wendell Pryce / Cr Ottilie Marchbanks)

That the minutes of the Ordinary Meeting held on 8 April 2021 be confirmed.

The Motion on being put to the meeting was carried unanimously.

Carried
""",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_papers(tmp_path_factory, PAPERS, "labels19")


@pytest.mark.parametrize("question,amount,value", [
    ("What was the amount of Bills for Ratification approved by Kingsmere Town Council on September 14, 2015?",
     "$88,270.15", 88270.15),
    ("What was the amount of Bills for Payment approved by Kingsmere Town Council on September 14, 2015?",
     "$3,412.40", 3412.40),
])
def test_each_figure_of_a_sentence_answers_for_its_own_label(index, question, amount, value):
    a = ask(question, index, threshold=0.0)
    assert a.answer == amount and a.value == pytest.approx(value)
    assert cited(a)[0] == "kingsmere_town_council_minutes_2015-09-14.md"


def test_a_noun_with_its_complement_labels_the_figure_asked(index):
    # "what changes to funding ...?" is answered by the figure "changes to funding of" labels, not the savings before it
    a = ask("What changes to funding did Ashdown approve alongside the 2022/23 budget savings?", index, threshold=0.0)
    assert a.answer == "£386k" and a.value == 386_000
    a = ask("What budget savings did Ashdown approve for 2022/23?", index, threshold=0.0)
    assert a.answer == "£742k"


RUN_IN = {
    "tamarack_rd_board_minutes_2020-06-11.md": """TAMARACK REGIONAL DISTRICT
BOARD MINUTES
Meeting of the Board of Directors held June 11, 2020 in the Board Room.

  • 2020-6B-3
    MovedCouncillor Ostrander
    SecondedCouncillor Bellweather

    That Tamarack Regional District Fire Protection Amendment Bylaw No. 4471, 2020 be read a third time this 11th day of June, 2020.

Carried Unanimously
""",
}


@pytest.fixture(scope="module")
def run_in_index(tmp_path_factory) -> str:
    return index_papers(tmp_path_factory, RUN_IN, "runin19")


@pytest.mark.parametrize("question,name", [
    ("Who moved the third reading of Tamarack's Bylaw No. 4471 in June 2020?", "Ostrander"),
    ("Who seconded the third reading of Tamarack's Bylaw No. 4471 in June 2020?", "Bellweather"),
])
def test_a_motion_act_run_into_the_title_after_it_still_names_mover_and_seconder(run_in_index, question, name):
    # "MovedCouncillor <A>" / "SecondedCouncillor <B>": the space lost from the page
    a = ask(question, run_in_index, threshold=0.0)
    assert a.answer == name


def test_a_meeting_named_month_first_with_its_day_is_another_meeting_than_the_papers(index):
    # "at its August 24, 2015 meeting": the September paper's accounts are another meeting's
    other = ask("What grand total of bills did Kingsmere Town Council approve at its August 24, 2015 meeting?", index)
    right = ask("What grand total of bills did Kingsmere Town Council approve at its September 14, 2015 meeting?", index)
    assert right.answer == "$91,682.55" and right.value == pytest.approx(91682.55)
    # (the meeting asked for is doubted as another meeting's, well below the paper's own: its doubt, not only the
    # question's day found nowhere)
    assert other.answer is None and other.confidence < 0.6 * right.confidence


@pytest.mark.parametrize("question,name", [
    ("Who was Ravensby's Town Clerk at the Finance and General Purposes Committee of 9 March 2016?", "Marion Keble"),
    ("Who was Ravensby's Finance Officer at the Finance and General Purposes Committee of 9 March 2016?", "George Pask"),
])
def test_a_post_after_a_dash_is_the_name_befores_not_the_next_names(index, question, name):
    # "<A> – Town Clerk There were 2 members of the public" / "<B> – Finance Officer present.": lines run together
    a = ask(question, index, threshold=0.0)
    assert a.answer == name
    assert cited(a)[0] == "ravensby_tc_finance_committee_minutes_2016-03-09.md"


@pytest.mark.parametrize("question,name", [
    ("Who moved the confirmation of the 8 April 2021 minutes at Corella Bay on 22 April 2021?", "Wendell Pryce"),
    ("Who seconded the confirmation of Corella Bay's 8 April 2021 minutes?", "Ottilie Marchbanks"),
])
def test_a_slash_pair_in_brackets_leads_the_resolution_below_it(index, question, name):
    # "Resolved (Cr <A> / Cr <B>)", a blank line, then the wording: the pair's line is read with the wording's words
    a = ask(question, index)
    assert a.answer == name
    assert cited(a)[0] == "corella_bay_cc_ordinary_minutes_2021-04-22.md"
