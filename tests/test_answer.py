"""Question answering: question analysis, answer extraction from real passages, and
``ask`` end to end on the bundled corpus (exact values and source lines)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from paperfinder.answer.question import read_question
from paperfinder.answer.reader import MARK_CLOSE, MARK_OPEN, THRESHOLD, answer_from_hits
from paperfinder.answer.retrieval import ask
from paperfinder.answer.units import units_of_hit
from paperfinder.model import Hit

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval" / "questions.jsonl"
QUESTIONS = {q["id"]: q for q in (json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip())}


def _places(item: dict) -> list[tuple[str, int]]:
    return [(item["source"], item["line"])] + [(a["source"], a["line"]) for a in item.get("also") or []]


def _cites(hit: Hit, item: dict) -> bool:
    """The hit's file and line range hold the expected line (or an alternative place)."""
    src = Path(hit.source).as_posix()
    return any(src.endswith(Path(s).name) and hit.line_start <= line <= hit.line_end for s, line in _places(item))


# ---- question analysis -------------------------------------------------------------


@pytest.mark.parametrize(
    "question, kind",
    [
        ("How much was Hammersmith and Fulham awarded under the grant?", "money"),
        ("What does the Centre for Social Work budget for its Centre Director?", "money"),
        ("What is the annual cost of the Clinical Practice Team?", "money"),
        ("Who is the Head of Special Educational Needs?", "person"),
        ("Who wrote the Child Protection Report?", "person"),
        ("Who is the commissioned provider of alcohol services?", "text"),
        ("When was the proposal agreed by the DfE?", "date"),
        ("What is the date of the Cabinet report?", "date"),
        ("How many childminders are registered within the borough?", "number"),
        ("What percentage of schools bought into the offer?", "number"),
        ("What proportion of the population are children?", "number"),
        ("What was the LBHF re-referral rate in 2015/16?", "number"),
        ("Which provider was awarded the Jack Tizard routes?", "text"),
        ("Which law firm had LBHF suspended work with?", "text"),
        ("Where will the resource centre be located?", "text"),
    ],
)
def test_answer_type_from_wording(question, kind):
    assert read_question(question).answer_type == kind


def test_role_target_and_terms():
    q = read_question("Who is the Head of Special Educational Needs?")
    assert q.role == "Head of Special Educational Needs"
    assert q.role_stems[0] == "head"
    q = read_question("Who is the Risk Manager who verified the risk implications of the report?")
    assert q.role == "Risk Manager" and "verify" in q.stems
    q = read_question("Who wrote the Partners in Practice update?")
    assert q.role == "author"
    q = read_question("How many child death reviews were completed between April 2009 and March 2016?")
    assert q.target_stem == "review" and q.target_phrase == ["child", "death", "review"]
    q = read_question("What does the Centre for Social Work budget for its Centre Director?")
    assert "budget" in q.cue_stems and "director" in q.stems and "does" not in q.terms
    assert q.query == "Centre Social Work budget Centre Director"


def test_mentions_become_hints():
    q = read_question("Who is the Director of Family Services at Westminster?")
    assert q.authorities == ["Westminster"]
    assert q.hint_filters() == {"authority": "Westminster"}
    q = read_question("After the November 2016 meeting, when will the committee next meet?")
    assert q.after == "2016-11"
    q = read_question("What did Fiona Phelps say about EHCPs?")
    assert q.people == ["Fiona Phelps"]


# ---- extraction from real passages (no index) ---------------------------------------


def _hit_from_file(path: Path, first: int, last: int, **meta) -> Hit:
    """A hit holding lines first..last of a bundled paper, read as the indexer reads them."""
    from paperfinder.ingest.readers import read_lines

    lines, _pages = read_lines(path)
    chosen = [ln for ln in lines if first <= ln.no <= last]
    return Hit(
        doc_id=meta.get("doc_id", path.stem), passage_id=f"{path.stem}:{first}", title=meta.get("title", ""),
        authority=meta.get("authority"), date=meta.get("date"), doc_type="report", section=meta.get("section", ""),
        section_type="other", text="\n".join(ln.text for ln in chosen), snippet="", score=1.0,
        source=str(path), line_start=chosen[0].no, line_end=chosen[-1].no,
        line_nos=[ln.no for ln in chosen] if meta.get("line_nos", True) else [],
    )


PACK = ROOT / "corpus" / "004_a79bf05b93d54816.txt"
CABINET_2014 = ROOT / "corpus" / "003_336731e94eba03ca.txt"


def test_table_row_answer_with_its_line():
    hits = [
        _hit_from_file(PACK, 1233, 1245, section="Appendix 2 – Partners in Practice Proposal > 2. Sector improvement"),
        _hit_from_file(PACK, 1253, 1268, section="Appendix 2 – Partners in Practice Proposal"),
    ]
    ans = answer_from_hits(read_question("What does the Centre for Social Work budget for its Centre Director?"), hits)
    assert ans.answer == "£50 000" and ans.value == 50000 and ans.answer_type == "money"
    top = ans.evidence[0]
    assert (top.line_start, top.line_end) == (1260, 1260)
    assert ans.sentence.startswith("Centre Director | " + MARK_OPEN + "£50 000" + MARK_CLOSE)
    assert ans.confidence >= THRESHOLD
    assert len(ans.evidence) == 2  # the other hit follows


def test_column_chosen_by_the_period_named():
    hits = [_hit_from_file(CABINET_2014, 45, 60, section="5. PROPOSAL AND ISSUES")]
    ans = answer_from_hits(read_question("What is the maximum cost of Training in 2015/16 for the programme?"), hits)
    assert (ans.answer, ans.value, ans.evidence[0].line_start) == ("£460k", 460000, 53)
    ans = answer_from_hits(read_question("What is the maximum cost of Training in 2014/15 for the programme?"), hits)
    assert (ans.answer, ans.value) == ("£200k", 200000)


def test_thousands_table_is_scaled():
    hits = [_hit_from_file(ROOT / "corpus" / "001_e0d2f4b9df27935a.txt", 79, 87, section="9. FINANCIAL IMPLICATIONS")]
    ans = answer_from_hits(read_question("How much of the grant and authority contribution was spent on the Clinical Team?"), hits)
    assert ans.value == 824000 and ans.evidence[0].line_start == 83


def test_lines_without_line_nos_come_from_the_source_file():
    # blank lines between 1253 and 1268 in the file: numbering on from line_start would be wrong
    hit = _hit_from_file(PACK, 1253, 1268, line_nos=False)
    units = units_of_hit(hit)
    row = next(u for u in units if u.text.startswith("Centre Director"))
    assert row.line_start == 1260 and row.is_row
    assert "Proposals" in row.table_ctx  # the header row
    sentence = next(u for u in units if u.text.startswith("Costs for delivering"))
    assert sentence.line_start == 1253


def test_person_by_role_in_an_attendance_list():
    hits = [_hit_from_file(PACK, 70, 78, section="PRESENT")]
    ans = answer_from_hits(read_question("Who is the Head of Special Educational Needs?"), hits)
    assert ans.answer == "Fiona Phelps" and ans.evidence[0].line_start == 76
    ans = answer_from_hits(read_question("Who is the Assistant Director for Special Educational Needs?"), hits)
    assert ans.answer == "Mandy Lawson"
    ans = answer_from_hits(read_question("Who is the Director of Housing?"), hits)
    assert ans.answer is None  # nobody there holds that post


def test_number_with_its_counted_noun():
    hits = [_hit_from_file(PACK, 2216, 2222)]
    ans = answer_from_hits(read_question("How many child death reviews were completed between April 2009 and March 2016?"), hits)
    assert (ans.answer, ans.value, ans.evidence[0].line_start) == ("226", 226, 2220)


def test_no_hits_no_answer():
    ans = answer_from_hits(read_question("How much is the Centre Director budget?"), [])
    assert ans.answer is None and ans.value is None and ans.confidence == 0.0 and ans.evidence == []


# ---- the whole pipeline on the corpus index -----------------------------------------------------

SAMPLE = {
    "money": ["m01", "m06", "m15", "m20", "m23", "h05"],
    "person": ["p01", "p03", "p10", "p12", "h08"],
    "date": ["d02", "d09", "d13", "d07", "h13"],
    "number": ["n03", "n04", "n10", "n16", "h21"],
    "text": ["t01", "t04", "t08", "t09", "h26"],
}


@pytest.mark.parametrize("qid", [q for ids in SAMPLE.values() for q in ids])
def test_ask_exact_answer_and_line(corpus_index, qid):
    item = QUESTIONS[qid]
    ans = ask(item["question"], corpus_index)
    assert ans.answer_type == item["type"]
    assert ans.answer is not None, f"no answer (confidence {ans.confidence})"
    if item["type"] in ("money", "number"):
        assert ans.value == pytest.approx(item["value"])
    elif item["type"] == "date":
        assert ans.value == item["value"]
    else:
        assert item["answer"].lower() in ans.answer.lower()
        assert ans.value is None
    assert _cites(ans.evidence[0], item), f"cited {ans.evidence[0].source}:{ans.evidence[0].line_start}"
    assert MARK_OPEN in ans.sentence and 0.0 < ans.confidence <= 1.0


# known gaps, kept visible (strict: the test fails when they are fixed, so they come off the list):
# k20, a one-off design quote is returned for a yearly running cost; u11, "three boroughs" for
# "how many fostering households": the confidence penalty that kept u11 null (a number in a
# sentence that never says the counted noun) was fitted to this set, and dropping it answered
# two more development-part corpus-dev questions right (bench/eval_corpus_dev.py)
# u11 (a count of boroughs for one of households) is null since "<n> <other nouns>" counts another noun
# (a number so flagged keeps 0.6 of its confidence: with the order by share of the question it is read early)
KNOWN_CONFIDENT_WRONG = {"k20": "one-off cost read as a yearly cost"}


@pytest.mark.parametrize("qid", [
    pytest.param(q, marks=pytest.mark.xfail(strict=True, reason="known gap: " + KNOWN_CONFIDENT_WRONG[q]))
    if q in KNOWN_CONFIDENT_WRONG else q
    for q, item in QUESTIONS.items() if item["answer"] is None
])
def test_unanswerable_gets_no_answer(corpus_index, qid):
    ans = ask(QUESTIONS[qid]["question"], corpus_index)
    assert ans.answer is None and ans.value is None and ans.sentence is None
    assert ans.confidence < THRESHOLD


def test_target_question_contract_and_speed(corpus_index):
    question = "What does the Centre for Social Work budget for its Centre Director?"
    ask(question, corpus_index)  # warm caches
    t0 = time.process_time()  # CPU time: other work on a shared machine does not count
    ans = ask(question, corpus_index)
    elapsed = time.process_time() - t0
    out = ans.to_dict()
    assert out["answer"] == "£50 000" and out["value"] == 50000 and out["answer_type"] == "money"
    ev = out["evidence"][0]
    assert ev["line_start"] <= 1260 <= ev["line_end"] and ev["source"].endswith("004_a79bf05b93d54816.txt")
    assert ev["date"] == "2016-11-21" and ev["section"] and ev["title"]
    assert elapsed < 1.0


def test_filters_pass_through(corpus_index):
    from paperfinder.search.service import Filters

    q = "Who is the Director of Family Services?"
    ans = ask(q, corpus_index, filters=Filters(authority="Westminster"))
    assert ans.answer == "Nicky Crouch"
    assert all(h.authority == "Westminster" for h in ans.evidence)


# ---- the passages holding some of the question's words, ordered by their share of it ----------


def test_number_counting_another_noun_stays_null(corpus_index):
    # the order by share reads "... recruits, approves and supports foster carers ... from all three
    # boroughs" second: "three" counts boroughs, not the carers asked about (g23; u11 the same sentence),
    # and ranks below a number in a sentence not counting another noun; that one is far from sure
    ans = ask("How many foster carers were recruited in 2015/16?", corpus_index, threshold=0)
    assert ans.answer == "10" and ans.confidence == pytest.approx(0.20, abs=0.005)
    assert ans.evidence[0].line_start == 2638
    assert ask("How many foster carers were recruited in 2015/16?", corpus_index).answer is None


def test_one_cell_row_is_a_sentence(corpus_index):
    # "The next meeting will be held on 30 January 2017 at 7pm in the Town Hall. |": one filled cell, so
    # no table nearness; the date of the next meeting does not say when a refurbishment ends (h29)
    ans = ask("When will the Hammersmith Town Hall refurbishment be completed?", corpus_index, threshold=0)
    # (0.382 before session 16's re-ranking counted the paper's council as its title: the passage ranks a little higher)
    assert ans.answer == "30 January 2017" and ans.confidence == pytest.approx(0.397, abs=0.005)
    assert ask("When will the Hammersmith Town Hall refurbishment be completed?", corpus_index).answer is None


def test_bare_rate_in_a_table_row(corpus_index):
    # "Agency worker rate | 9 | 15.6 | 12.0" writes its rates without "%": 12.0 (2015), not a "16%" of
    # agency staff in a passage holding fewer of the question's words (k15)
    # (0.945 before undefined acronyms were spelled out: "LBHF" now also finds more passages, one
    # of them a rival figure)
    ans = ask("What was the LBHF agency worker rate in 2015?", corpus_index)
    assert ans.value == 12 and ans.answer == "12.0" and ans.confidence == pytest.approx(0.898, abs=0.005)
    assert ans.evidence[0].source.endswith("004_a79bf05b93d54816.txt") and ans.evidence[0].line_start == 1070
