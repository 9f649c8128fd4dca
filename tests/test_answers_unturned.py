"""Answers the reader could not make before the third question set (issue 15, tests/gold/questions3.jsonl,
development part): what a payment was for, a name under a label or a letter's closing, a yearly figure
set before its year with a dash, a count that is not a size.

The papers are copies in tests/fixtures/answers_unturned/ (development part of corpus-dev); the
Cleveland Street viability assessment is the copy already in tests/fixtures/gold_entities/docs/.
Answers found by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.question import read_question
from paperfinder.answer.reader import THRESHOLD
from paperfinder.answer.retrieval import ask

from .conftest import cited

HERE = Path(__file__).parent / "fixtures" / "answers_unturned"
CLEVELAND = (Path(__file__).parent / "fixtures" / "gold_entities" / "docs"
             / "westminster_financial_viability_assessment_87-115_cleveland_street_2015-04.pdf")


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    from paperfinder.index.build import index_paths

    out = tmp_path_factory.mktemp("unturned") / "index"
    index_paths([str(HERE), str(CLEVELAND)], str(out))
    return str(out)


def test_what_a_payment_was_for_is_read_after_the_payees_dash(index):
    # page 1: "Accounts for payment:- / Marmax Products – Benches / Wye Media – reprint of Business Map"
    q = "What was the Marmax Products payment on Tintern's July 2018 agenda for?"
    assert read_question(q).answer_type == "text"
    a = ask(q, index)
    assert (a.answer, a.answer_type) == ("Benches", "text")
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "tintern_cc_agenda_2018-07-30.pdf" and a.evidence[0].page == 1


def test_what_a_gift_was_towards_is_read_after_towards(index):
    # page 1: "Llandogo School – donation towards Nurture Room"; an amount asked of it would be no answer
    a = ask("What was Tintern CC's March 2018 donation to Llandogo School towards?", index)
    assert (a.answer, a.answer_type) == ("Nurture Room", "text")
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "tintern_cc_agenda_2018-03-26.pdf"


def test_a_payment_asked_without_for_stays_an_amount():
    assert read_question("How much was the Marmax Products payment on Tintern's July 2018 agenda?").answer_type == "money"
    assert read_question("What was the Marmax Products payment?").answer_type == "money"
    # "what ... for" asks a purpose only at the end of the question
    assert read_question("What was the budget for the Tintern film equipment in 2016/17?").answer_type == "money"


def test_a_yearly_figure_is_bound_to_the_year_after_its_dash(index):
    # lines 34-36: "The cost of this light would be £121 - 2018/19, £91 - 2019/20, £61 - 2020/21 and £30 2021/22."
    a = ask("What would the Croft View footway light have cost Milburn PC in 2019/20?", index)
    assert (a.answer, a.value, a.answer_type) == ("£91", 91, "money")
    assert a.confidence >= THRESHOLD
    assert cited(a) == ("parish_milburn_minutes_2018-09-04.pdf", 34, 36)
    b = ask("What would the Croft View footway light have cost Milburn PC in 2020/21?", index)
    assert (b.answer, b.value) == ("£61", 61)


def test_a_number_before_a_size_word_is_not_the_count(index):
    # page 33: "The alternative use scheme proposes a care facility (C2 use) which may provide 92 mixed 1 bed
    # and 2 bed dwellings."
    a = ask("How many dwellings could the alternative use care home (C2) at Cleveland Street provide?", index)
    assert (a.answer, a.value, a.answer_type) == ("92", 92, "number")
    assert a.confidence >= THRESHOLD
    assert a.evidence[0].page == 33


def test_a_size_word_the_question_asks_about_is_not_a_modifier(index):
    from paperfinder.answer.candidates import _number_cands
    from paperfinder.answer.retrieval import question_hits
    from paperfinder.answer.units import units_of_hit
    from paperfinder.reports.show import source_roots

    def fits(question: str) -> dict[str, float]:
        """The fit of "92" and of the "2" of "2 bed dwellings" in the sentence, for ``question``."""
        q, hits, _ = question_hits(question, index)
        for i, h in enumerate(hits):
            for u in units_of_hit(h, i, source_roots(index)):
                if "92 mixed 1 bed and 2 bed dwellings" in u.text:
                    at = {u.text.index("92 mixed"): "92", u.text.index("2 bed dwellings"): "2"}
                    return {at[c.start]: c.fit for c in _number_cands(u, q) if c.start in at}
        raise AssertionError("the sentence is not among the passages read")

    dwellings = fits("How many dwellings could the alternative use care home (C2) at Cleveland Street provide?")
    assert dwellings["2"] < dwellings["92"]
    # asked about the beds themselves, "2 bed" is not lowered as a size
    beds = fits("How many bed dwellings could the alternative use care home (C2) at Cleveland Street provide?")
    assert beds["2"] > dwellings["2"] and beds["2"] > beds["92"]


def test_a_label_in_the_questions_words_names_the_person(index):
    # line 124: "Adult winner:- Tom Roberts with a fruit pie"; the question's own "Pie Bake" is no candidate.
    # Picked, though below the threshold: the sentence holds none of the challenge's name
    a = ask("Who was the adult winner of Boughton's Pie Bake Challenge in 2012?", index, threshold=0.0)
    assert (a.answer, a.answer_type) == ("Tom Roberts", "person")
    assert cited(a)[0] == "parish_boughton_agenda_2012-08-10.md"


def test_who_signed_is_the_name_under_the_closing(index):
    # "Is mise le meas, / Tre Vow Tina Knox, Meetings Administrator." (the closing ends the sentence before).
    # Picked, though below the threshold: the signature line holds few of the question's words
    a = ask("Who signed the notice of the April 2017 Cappamore-Kilmallock district meeting?", index, threshold=0.0)
    assert (a.answer, a.answer_type) == ("Tina Knox", "person")
    assert a.confidence > 0.3


def test_a_closing_does_not_make_a_signer_of_a_question_not_about_signing(index):
    # "Notice of Motion submitted by Councillor W. O'Donnell": the mover, not the Meetings Administrator
    a = ask("Who submitted the notice of motion for the April 2017 Cappamore-Kilmallock district meeting?", index)
    assert (a.answer, a.answer_type) == ("W. O'Donnell", "person")
    assert a.confidence >= THRESHOLD


def test_a_seconder_in_the_sentence_after_the_motion_is_given(index):
    # lines 40-42: "Councillor O'Brien proposed a recall of the previous vote at the December Meeting on the
    # matter. This was seconded by Councillor Teskey." -- the seconder's sentence names none of the matter
    a = ask("who seconded the recall of the greenway GMA vote, adare rathkeale jan 2020", index)
    assert (a.answer, a.answer_type) == ("Teskey", "person")
    assert a.confidence >= THRESHOLD
    assert cited(a) == ("limerick_minutes_md_adare_rathkeale_2020-01-14.md", 42, 42)
    # the sentence read with the motion's words does not make its seconder the mover
    b = ask("who proposed the recall of the greenway GMA vote, adare rathkeale jan 2020", index)
    assert b.answer == "O\u2019Brien"


def test_only_a_sentence_recording_the_motion_goes_on_with_the_one_before(index):
    from paperfinder.answer.candidates import _score_units
    from paperfinder.answer.reader import _continued
    from paperfinder.answer.retrieval import question_hits
    from paperfinder.answer.units import units_of_hit
    from paperfinder.reports.show import source_roots

    q, hits, _ = question_hits("who seconded the recall of the greenway GMA vote, adare rathkeale jan 2020", index)
    units = [u for i, h in enumerate(hits) for u in units_of_hit(h, i, source_roots(index))]
    _score_units(q, units, hits)
    motion = next(k for k, u in enumerate(units) if u.text.startswith("Councillor O\u2019Brien proposed a recall"))
    pool = [units[motion]]
    out = _continued(units, pool)
    assert [u.text for u in out] == [units[motion].text, "This was seconded by Councillor Teskey."]
    assert out[1].coverage > units[motion + 1].coverage
    # "The results of the vote ..." goes on about it too, but records nothing of the motion: not lifted
    assert units[motion + 2].text.startswith("The results of the")
    assert _continued(units, [units[motion + 1]]) == [units[motion + 1]]
