"""Answers from a record of "Label: value" lines (a published decision's fields): the field whose label
holds the question's words is the answer, and a value ends with its line (tests/fixtures/answers_records)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.answer.retrieval import ask

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "answers_records"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "answers_records")


def test_the_date_under_the_label_the_question_names(index):
    # four dates in the record: "Date of decision:" is the one a question about the decision asks for
    a = ask("When was the decision on the supplementary revenue estimates made?", index, threshold=0.0)
    assert (a.answer, a.value) == ("16/10/2014", "2014-10-16")
    assert a.evidence[0].line_start == 10
    b = ask("From when is the decision on the supplementary revenue estimates effective?", index, threshold=0.0)
    assert b.value == "2014-10-29"


def test_a_fields_value_ends_with_its_line(index):
    # "Is Key decision?: Yes" on the next line is another field, not more of the status
    a = ask("What is the status of the Cabinet's decision?", index, threshold=0.0)
    assert a.answer == "Recommendations Approved"


def test_an_amount_in_the_resolution(index):
    a = ask("How much was the supplementary revenue estimate for the community bus service?", index)
    assert (a.value, a.currency if hasattr(a, "currency") else "GBP") == (95500, "GBP")


def test_a_decision_record_is_read_as_a_decision_notice():
    from paperfinder.ingest.readers import read_documents

    doc = read_documents(HERE / "borough_decision_record.md")[0]
    assert (doc.doc_type, doc.date, doc.committee) == ("decision_notice", "2014-10-16", "Cabinet")
    assert doc.title == "Decision notice"  # its fields ("Decision status: ...") are no title
    # a forward plan's entry names a decision maker too, but the decision is still due
    plan = read_documents(HERE / "forward_plan_entry.md")[0]
    assert plan.doc_type != "decision_notice"


@pytest.mark.parametrize("question, name", [
    ("Who seconded the motion to pay bills in March 2019?", "Ortiz"),
    ("Who motioned to pay the bills in March 2019?", "Adair"),
    ("Who supported the motion to accept the gravel bid?", "L Ortiz"),
    ("Who seconded the approval of the February minutes?", "Brandt"),
])
def test_a_mover_or_seconder_named_without_a_title(index, question, name):
    a = ask(question, index)
    assert a.answer == name


def test_what_a_member_said_about_a_thing_is_the_sentence_reporting_it(index):
    # "underspend" names a figure, but "what did X say about" asks what was said: the sentence, not £48,000
    a = ask("What did Councillor Ash say about the underspend?", index)
    assert a.answer_type == "text"
    assert "expected a small underspend of £48,000" in a.answer
    b = ask("What did Councillor Morrow say about the pay and display machines?", index)
    assert b.answer.startswith("Councillor D. Morrow confirmed that the ageing pay and display machines")


@pytest.mark.parametrize("question, count", [
    ("How many votes did Orla Brady get in the election of Cathaoirleach?", 5),
    ("How many votes did Aidan Roche get in the election of Cathaoirleach?", 9),
    ("How many councillors were absent for the election of Cathaoirleach?", 3),
])
def test_a_count_in_a_vote_tally_is_its_groups(index, question, count):
    # each group of the tally ends at its "Total: N": the count of the group the question names
    a = ask(question, index, threshold=0.0)
    assert a.value == count
