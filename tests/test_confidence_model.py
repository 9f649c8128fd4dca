"""The fitted confidence (issue 15): the model file, its features, and answers it scores on real papers.

The papers are copies in tests/fixtures/calibrate/ and tests/fixtures/confidence_fitted/ (development part
of corpus-dev); the questions and answers are development-part gold questions, found by reading.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import paperfinder.answer.reader as reader
from paperfinder.answer.calibration import ANSWER_TYPES, MODEL_FILE, ConfidenceFeatures, fitted_confidence, load_model
from paperfinder.answer.reader import answer_with_features
from paperfinder.answer.retrieval import question_hits
from paperfinder.datafiles import data_text
from paperfinder.reports.show import source_roots

from .conftest import index_of

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent / "fixtures" / "calibrate"
FITTED_HERE = Path(__file__).parent / "fixtures" / "confidence_fitted"
MODEL = json.loads(data_text(MODEL_FILE))
# the development parts the model is fitted on (bench/fit_confidence.py), by file and split key
DEV_SETS = ("questions.jsonl", "questions2.jsonl", "questions3.jsonl", "questions5.jsonl", "questions6.jsonl")


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, HERE, "calibrate")


@pytest.fixture(scope="module")
def fitted_index(tmp_path_factory) -> str:
    return index_of(tmp_path_factory, FITTED_HERE, "confidence_fitted")


def _features(**kw) -> ConfidenceFeatures:
    base = dict(answer_type="money", coverage=1.0, near=1.0, fit=1.0, role=1.0, role_asked=False, plausible=True,
                counts_other=False, period_end=False, other_period=False, lacks_top=False, support=0.0, ratio=0.0,
                unnamed=0, hit_rank=0, crowded=False, doubt=1.0, is_row=False, sentence_question=False, hand=0.9)
    base.update(kw)
    return ConfidenceFeatures(**base)  # type: ignore[arg-type]


def test_the_model_file_names_features_the_reader_computes():
    model = load_model()
    assert list(model.features) == MODEL["features"] and len(model.weights) == len(model.features)
    assert set(model.features) <= set(_features().vector())
    assert all(math.isfinite(w) for w in model.weights) and math.isfinite(model.bias)
    assert {"type_" + t for t in ANSWER_TYPES} <= set(_features().vector())
    # with the fitted confidence the reader answers at the threshold chosen with the fit
    assert model.threshold == MODEL["threshold"] == 0.875
    assert reader.THRESHOLD == (model.threshold if reader.FITTED else 0.40)


def test_the_fitting_script_s_feature_sets_are_calibration_s_features():
    sys.path.insert(0, str(ROOT / "bench"))
    import fit_confidence

    computed = set(_features().vector())
    for name, names in fit_confidence.FEATURE_SETS.items():
        assert set(names) <= computed, name
    chosen = MODEL["cv"]["chosen"]
    assert MODEL["features"] == fit_confidence.FEATURE_SETS[chosen["features"]]
    assert (chosen["features"], chosen["C"], chosen["balanced"]) == ("hand+factors+types_x", 0.03, True)


def test_the_model_was_trained_on_the_development_parts_only():
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_answers import split_of

    def dev(path: Path, key: str = "split") -> int:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return sum(1 for r in rows if (r[key] == "dev" if key else split_of(r["id"]) == "dev"))

    n = sum(dev(ROOT / "tests/gold" / name) for name in DEV_SETS) + dev(ROOT / "tests/eval/questions.jsonl", "")
    trained = MODEL["trained_on"]
    assert trained["questions"] == n == 885
    assert trained["right"] + trained["wrong"] == trained["rows"] == sum(v for k, v in trained["by_set"].items() if not k.endswith(":none"))
    # questions4.jsonl is held back whole: no row of it
    assert {k.split(":")[0] for k in trained["by_set"]} == {"bundled", *DEV_SETS}
    assert MODEL["cv"]["folds"].startswith("one question set left out at a time")
    # at the threshold, the answers given were >= 90% right in every set scored while left out of the fit
    at = MODEL["cv"]["by_set_at_threshold"]
    assert all(d["fitted"]["given_right"] >= 0.9 * d["fitted"]["given"] for d in at.values())
    assert at["questions5.jsonl"]["fitted"] == {"right": 177, "given": 160, "given_right": 144, "null_on_unanswerable": 33}
    assert at["questions5.jsonl"]["hand_at_0.40"]["given_right"] == 169 and at["questions5.jsonl"]["hand_at_0.40"]["given"] == 205


def test_the_probability_falls_with_the_evidence_against_the_answer():
    good = fitted_confidence(_features())
    assert good == pytest.approx(0.965, abs=0.005)
    # one end of a range ("between €3m and €4m") and a close rival value: the doubts the fit weighs most
    assert fitted_confidence(_features(doubt=0.6, hand=0.5)) == pytest.approx(0.71, abs=0.01)
    assert fitted_confidence(_features(ratio=1.0, hand=0.75)) == pytest.approx(0.77, abs=0.01)
    assert fitted_confidence(_features(ratio=1.0, hand=0.75)) < MODEL["threshold"] < good


def _ask(question: str, index: str):
    read, hits, _ = question_hits(question, index)
    return answer_with_features(read, hits, roots=source_roots(index), threshold=0.0)


def test_a_right_answer_the_hand_set_factors_doubted_scores_above_the_threshold(index):
    # "... the remaining houses are being assessed by Peter McVerry Trust who are currently on-site."
    # (q039): the sentence lacks "unfinished" and "modular", which the hand-set product read as 0.40
    a, f = _ask("Who is assessing the unfinished modular houses in Moyross?", index)
    assert a.answer == "Peter McVerry Trust"
    assert f is not None and f.hand == pytest.approx(0.40, abs=0.02)
    assert fitted_confidence(f) == pytest.approx(0.884, abs=0.005)
    assert fitted_confidence(f) >= MODEL["threshold"]


def test_one_end_of_a_range_scores_below_the_threshold(index):
    # "The budget is between €3m and €4m per year" (q038): the paper states the range, not €4m
    a, f = _ask("What is the annual budget of Limerick's Economic and Social Intervention Fund?", index)
    assert a.answer == "€4m" and a.value == 4_000_000
    assert f is not None and f.doubt < 1.0
    assert fitted_confidence(f) == pytest.approx(0.22, abs=0.02)
    assert fitted_confidence(f) < MODEL["threshold"]


def test_answers_rank_right_ones_first_and_the_threshold_cuts_between(index):
    # right (n046, n047, q039), right but left null at the threshold (n048, n049: what the threshold costs),
    # one end of a range (q038), unanswerables answered by a stray number and a surname (q266, q265)
    asked = [("Who is the National Director of CENA?", "Brian Dillon", 0.991),
             ("How many Affordable units were approved in Phase 1 of Bru na Gruadan?", "25", 0.986),
             ("Who is assessing the unfinished modular houses in Moyross?", "Peter McVerry Trust", 0.884),
             ("How many units are in the Affordable Homes Fund application for Newcastle West?", "42", 0.822),
             ("Who presented the report from the working group on vacancy to the Home and Social Development SPC?",
              "Brendan Kidney", 0.786),
             ("What is the annual budget of Limerick's Economic and Social Intervention Fund?", "€4m", 0.220),
             ("How many murders were recorded in the Limerick Garda Division in 2016?", "2", 0.025),
             ("Who was elected Mayor of the City and County of Limerick in June 2019?", "Collins", 0.0)]
    got = []
    for question, answer, p in asked:
        a, f = _ask(question, index)
        assert a.answer == answer and f is not None
        assert fitted_confidence(f) == pytest.approx(p, abs=0.005)
        got.append(fitted_confidence(f))
    assert got == sorted(got, reverse=True)
    assert got[2] >= MODEL["threshold"] > got[3]


def test_on_other_papers_a_wrong_date_the_hand_set_product_gave_is_left_null(fitted_index):
    # Wretton's annual meeting 2007 (q127): the minutes give the next meeting as "Tuesday June 12th 2007"; the
    # best candidate is another date, which the hand-set product (0.56) gave as the answer
    a, f = _ask("When was Wretton's Annual Parish meeting in 2007?", fitted_index)
    assert f is not None and f.hand == pytest.approx(0.563, abs=0.005) and f.hand >= 0.40
    assert a.answer == "2007-03-18" and fitted_confidence(f) == pytest.approx(0.528, abs=0.005)
    assert fitted_confidence(f) < MODEL["threshold"]
    # right answers in the same papers are given, some the hand-set product rated barely above its 0.40
    for question, answer, hand, p in (
            ("Who was elected vice-chairman of Wretton Parish Council at the May 2007 annual meeting?", "M Peake", 0.686, 0.959),
            ("Who presented the proposals for the Livox Quarry site to Tintern Community Council?", "Darren Bryce", 0.704, 0.961),
            ("Which MCC officer did Cllr Shewell and Cllr Evans meet by the Wye Valley Hotel about damage to cars?",
             "Graham Kinsella", 0.922, 0.970)):
        given, f = _ask(question, fitted_index)
        assert given.answer == answer and f is not None
        assert (f.hand, fitted_confidence(f)) == (pytest.approx(hand, abs=0.015), pytest.approx(p, abs=0.01))
        assert fitted_confidence(f) >= MODEL["threshold"]
    # what the threshold costs: a right amount (n012) the model rates 0.85 is left null
    cost, f = _ask("What was Severn Insulation's invoice for removing asbestos from the Tintern village hall loft?", fitted_index)
    assert cost.answer == "£8,185.00" and cost.value == 8185 and f is not None
    assert fitted_confidence(f) == pytest.approx(0.854, abs=0.01) and fitted_confidence(f) < MODEL["threshold"]


def test_the_fitting_script_runs_on_a_few_questions(index, tmp_path):
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "bench"))
    import fit_confidence

    files = []
    for name, ids in (("questions.jsonl", {"q038", "q039", "q265", "q266", "q267"}), ("questions2.jsonl", {"n046", "n047", "n048", "n049"})):
        lines = [line for line in (ROOT / "tests/gold" / name).read_text(encoding="utf-8").splitlines()
                 if line.strip() and json.loads(line)["id"] in ids]
        assert len(lines) == len(ids)
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files += ["--set", f"{path}={index}"]
    out, rows = tmp_path / "model.json", tmp_path / "rows.json"
    assert fit_confidence.main([*files, "--rows", str(rows), "--out", str(out)]) == 0
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["trained_on"]["questions"] == 9
    # at threshold 0 every question with a candidate is answered: the unanswerables q265 and q266 wrongly,
    # q038 by one end of its range; q267 finds no candidate (no row)
    labels = {r["id"]: (r["right"] if r["raw"] is not None else None) for r in json.loads(rows.read_text(encoding="utf-8"))}
    assert labels == {"q038": False, "q039": True, "q265": False, "q266": False, "q267": None,
                      "n046": True, "n047": True, "n048": True, "n049": True}
    assert model["trained_on"]["by_set"] == {"questions.jsonl:none": 1, "questions.jsonl:right": 1, "questions.jsonl:wrong": 3,
                                             "questions2.jsonl:right": 4}
    assert model["features"] == fit_confidence.FEATURE_SETS[model["cv"]["chosen"]["features"]]
    assert len(model["weights"]) == len(model["features"])
    # two sets, each left out once; each set's figures at the chosen threshold are kept
    assert set(model["cv"]["by_set_at_threshold"]) == {"questions.jsonl", "questions2.jsonl"}
    assert model["threshold"] in fit_confidence.THRESHOLDS


def test_ask_sure_answers_only_where_the_fitted_model_is_sure(fitted_index):
    # the command a user types: without --sure the hand-set confidence gives the wrong date; with it, no answer
    # and the closest passages, while a right answer the model is sure of is still given
    def pf(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "paperfinder.cli", *args], capture_output=True, text=True, timeout=300, check=False)

    wrong = "When was Wretton's Annual Parish meeting in 2007?"
    plain = json.loads(pf("ask", wrong, "--index", fitted_index, "--format", "json").stdout)
    assert plain["answer"] == "2007-03-18"
    sure = json.loads(pf("ask", wrong, "--index", fitted_index, "--sure", "--format", "json").stdout)
    assert sure["answer"] is None and sure["evidence"]
    right = "Who was elected vice-chairman of Wretton Parish Council at the May 2007 annual meeting?"
    got = json.loads(pf("ask", right, "--index", fitted_index, "--sure", "--format", "json").stdout)
    assert got["answer"] == "M Peake" and got["confidence"] == pytest.approx(0.959, abs=0.01)
