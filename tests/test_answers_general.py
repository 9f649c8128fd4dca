"""General reading rules of the answer reader (issue 15, item 3): initials in a name, a noun dropping
its verb's "e", a job done as works, the absent under "Apologies", a name in a denied clause, the end of a
range for "until what date".

The papers are copies in tests/fixtures/corpus_dev_answers8/ (development part of corpus-dev) or
sentences quoted from development-part papers; answers found by reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.reader import THRESHOLD
from paperfinder.answer.retrieval import ask

from .conftest import cited, index_of

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_answers8"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "answers8")


def _unit(text: str):
    from paperfinder.answer.units import Unit

    return Unit(hit=0, text=text, line_start=1, line_end=1, line_of=[(0, 1)])


def _cands(question: str, text: str, kind: str):
    """The candidates of ``kind`` in one sentence, scored against the question."""
    from paperfinder.answer import candidates as c
    from paperfinder.answer.question import read_question

    q = read_question(question)
    u = _unit(text)
    c._score_units(q, [u], [])
    if kind == "person":
        return c._person_cands(u, q, [], set())
    if kind == "date":
        return c._date_cands(u, q, [], {})
    return c._text_cands(u, q)


def test_initials_before_a_surname_are_part_of_the_name(index):
    # limerick_minutes_md_cappamore_kilmallock_annual_2016-06-23.md: "It was a particular honour for us to have
    # J.P. McManus attend a civic reception here in Kilmallock and to facilitate the naming of this meeting room"
    a = ask("Which civic reception honoree had a Kilmallock meeting room named after him in 2016?", index, threshold=0)
    assert a.answer == "J.P. McManus"
    assert cited(a)[0] == "limerick_minutes_md_cappamore_kilmallock_annual_2016-06-23.md"


def test_registration_is_the_noun_of_registered(index):
    # parish_milburn_minutes_2017-09-05.pdf: "... with the registration dating 30th May 1968."
    from paperfinder.answer.candidates import _stem_match
    from paperfinder.answer.question import stem

    assert _stem_match("register", stem("registration"))
    assert _stem_match(stem("administration"), "administer")
    a = ask("When was Milburn village green registered?", index)
    assert a.answer == "30th May 1968"
    assert a.value == "1968-05-30"
    assert a.confidence >= THRESHOLD


def test_a_job_is_the_works_a_firm_was_appointed_for(index):
    # parish_northwold_minutes_2018-03-06.md line 33: "It was agreed that Carbrook Windows would be appointed
    # for the works and that this would be funded by the Parish Council at a cost of £3,916.66 plus vat."
    a = ask("Which company got the Sports and Social Club cladding job in Northwold?", index)
    assert a.answer == "Carbrook Windows"
    assert a.confidence >= THRESHOLD
    assert cited(a) == ("parish_northwold_minutes_2018-03-06.md", 33, 33)


def test_a_name_under_apologies_did_not_speak():
    # limerick_minutes_jpc_sub_2020-02-20.md: the superintendent who sent apologies spoke at no meeting
    q = "Which superintendent spoke at the Cappamore-Kilmallock joint policing sub-committee in February 2020?"
    absent = {c.surface: c.fit for c in _cands(q, "Apologies: Superintendent John Ryan.", "person")}
    present = {c.surface: c.fit for c in _cands(
        q, "Also in attendance: Superintendent An Garda Siochana, Ms. Aileen Magner.", "person")}
    assert absent["John Ryan"] == pytest.approx(0.5)
    assert present["Aileen Magner"] == pytest.approx(1.0)
    # ... unless the question asks who was absent
    # (the label "Apologies:" before the titled name says what the question asks: ASKED_LABEL_FIT)
    # (and "who sent apologies" asks for the apologies as a role, which the label states: ROLE 1.6)
    asked = {c.surface: c.fit for c in _cands("Who sent apologies to the sub-committee?", "Apologies: Superintendent John Ryan.", "person")}
    assert asked["John Ryan"] == pytest.approx(1.3 * 1.6)


def test_a_name_in_a_denied_clause_is_not_the_one_picked():
    # limerick_minutes_md_newcastle_west_2016-12-07.md
    q = "Which Limerick library was picked for the My Open Library pilot?"
    denied = {c.surface: c.fit for c in _cands(
        q, "The City and County Librarian confirmed that no consideration had been given at this pilot stage to "
           "Newcastle West, Abbeyfeale, Glin or Dromcollogher Libraries.", "text")}
    said = {c.surface: c.fit for c in _cands(
        q, "Cappamore Library had been included on this list as it was deemed the best match for Open Libraries.", "text")}
    # "which Limerick library": the class asked is the library, the place before it says whose
    assert said["Cappamore Library"] == pytest.approx(1.4)
    assert denied["Dromcollogher Libraries"] == pytest.approx(1.4 * 0.75)
    assert denied["Abbeyfeale"] == pytest.approx(0.75)
    # the question's own name ("My Open Library") is no answer, class word and all
    assert "Open Libraries" not in said


def test_until_what_date_asks_for_the_end_of_the_range():
    # monmouthshire_temporary_traffic_regulation_notice_a466_tintern_2018-01.pdf
    text = ("The Order will come into effect on the 14th January 2018 and will remain in operation 24 hours per day "
            "until the 11th February 2018.")
    fits = {c.value: c.fit for c in _cands("Until what date could the January 2018 A466 Tintern closure order run?", text, "date")}
    assert fits["2018-02-11"] > fits["2018-01-14"]
    fits = {c.value: c.fit for c in _cands("When did the January 2018 A466 Tintern closure order start?", text, "date")}
    assert fits["2018-02-11"] == pytest.approx(fits["2018-01-14"])


def test_who_did_an_act_is_not_everyone_listed_as_present(index):
    # parish_stoke_ferry_draft_minutes_2017-11-01.md line 12 lists "Attendance: Cllr Sue Lintern Chair Cllr Janet
    # Taylor ..."; line 44 records the new member: "... before joining the meeting at this point as Cllr Grant
    # Tomkins."; the item's heading "103/17 Parish Councillor Vacancies" names no one
    a = ask("Who joined Stoke Ferry Parish Council as a new councillor in November 2017?", index)
    assert a.answer == "Grant Tomkins"
    assert a.confidence >= THRESHOLD
    assert cited(a)[0] == "parish_stoke_ferry_draft_minutes_2017-11-01.md"
    listed = {c.surface: c.fit for c in _cands(
        "Who joined Stoke Ferry Parish Council as a new councillor?",
        "Ordinary Meeting of the Parish Council Attendance: Cllr Sue Lintern Chair Cllr Janet Taylor Vice Chair", "person")}
    # listed as present, in a line that never says "join": both lower it (0.7 x 0.8)
    assert listed["Sue Lintern"] == pytest.approx(0.56)
    chaired = {c.surface: c.fit for c in _cands(
        "Who chaired the Stoke Ferry Parish Council meeting?",
        "Ordinary Meeting of the Parish Council Attendance: Cllr Sue Lintern Chair Cllr Janet Taylor Vice Chair", "person")}
    assert chaired["Sue Lintern"] > 0.7


def test_a_question_spelling_out_what_the_paper_writes_by_its_initials():
    # southwark_legal_letter_before_claim_aylesbury_cpo_2016-10-07.pdf: "The Council made the CPO on 23 June 2014."
    from paperfinder.answer.candidates import _score_units, _spelled_out
    from paperfinder.answer.question import read_question

    q = read_question("When did Southwark make the Aylesbury Estate Site 1B-1C compulsory purchase order?")
    assert _spelled_out(q)["CPO"] == ["compulsory", "purchas", "order"]
    u = _unit("The Council made the CPO on 23 June 2014.")
    _score_units(q, [u], [])
    assert {"compulsory", "purchas", "order", "make"} <= set(u.matched)
    assert {"compulsory", "purchas", "order"}.isdisjoint(u.missing)
