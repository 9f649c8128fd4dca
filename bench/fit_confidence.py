"""Fit the answer confidence: a logistic regression on the reader's features (issue 15).

    .venv/bin/python bench/fit_confidence.py --index DIR [--bundled-index DIR]
        [--set FILE=INDEX ...] [--out FILE] [--rows FILE] [--from-rows] [--limit N]

Needs the ``bench`` extra (``pip install -e ".[bench]"``: scikit-learn); the reader does not.

1. Runs the reader at threshold 0 over the **development parts only** of the question sets:
   ``tests/gold/questions.jsonl``, ``questions2.jsonl`` and ``questions3.jsonl`` on the corpus-dev
   index ``--index``, each ``--set FILE=INDEX`` on its own index (``questions5.jsonl`` on the index
   of ``/tmp/questions5/docs``, ``questions6.jsonl`` on that of ``/tmp/questions6/docs``: other
   councils' papers) and the bundled ``tests/eval/questions.jsonl`` on ``--bundled-index`` (the
   index of ``corpus/``; its parts by ``eval_answers.split_of``). Each best answer is labelled
   right or wrong by the evaluations' own matchers (``eval_corpus_dev.answer_right``,
   ``eval_answers.judge``); an answer to an unanswerable question is wrong. A question with no
   candidate at all gives no row (its answer is None whatever the model says).
   The rows (the reader's raw features and the labels) are written to ``--rows``; ``--from-rows``
   refits from them, computing the feature vector again with ``answer.calibration``.
2. Picks the feature set and the L2 strength by cross-validation that leaves one question **set**
   out at a time (log loss of the held-out set's rows, pooled): the sets were written on different
   councils' papers, so a left-out set is the nearest thing to a council nobody tuned for.
   Refits on all rows and folds the scaling into the weights.
3. Picks the threshold on those left-out probabilities: the most questions right (an unanswerable
   is right when null) among thresholds whose answers given are >= 90% right.
4. Writes ``--out`` (default ``paperfinder/data/confidence_model.json``): feature names,
   weights, bias, the threshold it chose, the rows' counts and the cross-validated figures
   (pooled, and per left-out set at the chosen threshold).

The held-back parts (split ``test``, the bundled held-back third, ``questions4.jsonl``) are never read here.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FACTORS = ["log_coverage", "near", "log_fit", "log_role", "implausible", "counts_other", "period_end", "other_period",
           "lacks_top", "support", "ratio", "close_rival", "unnamed", "far", "log_rank", "crowded", "log_doubt",
           "is_row", "sentence_question"]
TYPES = ["type_money", "type_date", "type_number", "type_person"]  # text is the base
# what else the reader knows of the answer and the question: the paper's type, how many names the
# question gives, whether the paper is of the year asked about, the span's length
KNOWN = ["doc_minutes", "doc_report", "doc_agenda", "log_names", "year_fits", "year_missed", "log_span"]
SPAN = ["person_one_word", "text_one_word", "rival_at_90"]  # the span's own look, and a near-equal rival
INTERACTIONS = [f"{t}_x_{n}" for t in ("money", "date", "number", "person") for n in ("log_coverage", "near", "log_hand")]
FEATURE_SETS = {
    "hand": ["log_hand"],
    "hand+types": ["log_hand", *TYPES],
    "factors": [*FACTORS, *TYPES],
    "hand+factors": ["log_hand", *FACTORS, *TYPES],
    "hand+factors+known": ["log_hand", *FACTORS, *TYPES, *KNOWN],
    "hand+factors+types_x": ["log_hand", *FACTORS, *TYPES, *INTERACTIONS],
    "hand+factors+known+types_x": ["log_hand", *FACTORS, *TYPES, *KNOWN, *INTERACTIONS],
    "hand+factors+span": ["log_hand", *FACTORS, *TYPES, *SPAN],
    "hand+span": ["log_hand", *TYPES, *SPAN],
    "hand+factors+span+year": ["log_hand", *FACTORS, *TYPES, *SPAN, "year_fits", "year_missed"],
}
CS = [0.01, 0.03, 0.1, 0.3, 1.0]
CORPUS_DEV_SETS = ["questions.jsonl", "questions2.jsonl", "questions3.jsonl"]
GIVEN_RIGHT_AT_LEAST = 0.90


def _row(source: str, qid: str, kind: str, unanswerable: bool, right: bool, features: Any) -> dict:
    return {"set": source, "id": qid, "type": kind, "unanswerable": unanswerable, "right": bool(right),
            "raw": dataclasses.asdict(features) if features is not None else None}


def vectors(rows: list[dict]) -> None:
    """Each row's feature vector (``x``) from its raw features, by ``answer.calibration``'s one definition."""
    from paperfinder.answer.calibration import ConfidenceFeatures

    for r in rows:
        r["x"] = ConfidenceFeatures(**r["raw"]).vector() if r.get("raw") is not None else None


def collect(sets: list[tuple[Path, str]], bundled_index: str | None, limit: int | None = None,
            bundled_questions: Path | None = None) -> list[dict]:
    """One row per development question of each (question file, index): its best answer's raw
    features and whether that answer is right."""
    from eval_answers import judge, load_questions, split_of
    from eval_corpus_dev import answer_right, load

    import paperfinder.answer.reader as reader
    from paperfinder.answer.retrieval import question_hits
    from paperfinder.reports.show import source_roots

    rows: list[dict] = []
    for path, index in sets:
        roots = source_roots(index)
        dev = [q for q in load(path) if q["split"] == "dev"][:limit]
        for q in dev:
            read, hits, _narrowed = question_hits(q["question"], index)
            a, feats = reader.answer_with_features(read, hits, roots=roots, threshold=0.0)
            rows.append(_row(path.name, q["id"], q["answer_type"], q["answer"] is None, answer_right(q, a), feats))
        print(f"{path.name}: {len(dev)} development questions read", file=sys.stderr)
    if bundled_index:
        roots = source_roots(bundled_index)
        path = bundled_questions or ROOT / "tests/eval/questions.jsonl"
        dev_items = [it for it in load_questions(path) if split_of(it["id"]) == "dev"][:limit]
        for it in dev_items:
            read, hits, _narrowed = question_hits(it["question"], bundled_index, limit=20)
            a, feats = reader.answer_with_features(read, hits, roots=roots, threshold=0.0)
            rows.append(_row("bundled", it["id"], it["type"], it["answer"] is None, judge(it, a)["right"], feats))
    return rows


def _right_at(rows: list[dict], probs: list[float | None], t: float) -> tuple[int, int, int]:
    """(questions right, answers given, answers given right) when answers below ``t`` are None."""
    right = given = given_right = 0
    for r, p in zip(rows, probs):
        answered = p is not None and p >= t
        if answered:
            given += 1
            given_right += r["right"]
            right += r["right"]
        else:
            right += r["unanswerable"]
    return right, given, given_right


THRESHOLDS = [k / 40 for k in range(8, 40)]  # 0.200, 0.225, ... 0.975


def choose_threshold(rows: list[dict], probs: list[float | None]) -> tuple[float, list[dict]]:
    """The threshold answering the most questions right among those whose answers given are
    >= 90% right in **every** set (each as scored when left out of the fit) and in all together:
    a new council may be like any one set, and the pooled figure is carried by the sets the reader
    was tuned on most. With no such threshold, the one whose worst set does best."""
    sets = sorted({r["set"] for r in rows})
    table = []
    for t in THRESHOLDS:
        right, given, given_right = _right_at(rows, probs, t)
        worst = 1.0
        for g in sets:
            sub = [(r, p) for r, p in zip(rows, probs) if r["set"] == g]
            _r, g_given, g_right = _right_at([r for r, _p in sub], [p for _r, p in sub], t)
            if g_given:
                worst = min(worst, g_right / g_given)
        table.append({"threshold": t, "right": right, "given": given, "given_right": given_right,
                      "worst_set_given_right": round(worst, 4)})
    ok = [row for row in table if row["given"] and row["given_right"] / row["given"] >= GIVEN_RIGHT_AT_LEAST
          and row["worst_set_given_right"] >= GIVEN_RIGHT_AT_LEAST]
    pick = max(ok, key=lambda row: (row["right"], row["threshold"])) if ok else max(
        table, key=lambda row: (row["worst_set_given_right"], row["right"]))
    return pick["threshold"], table


def fit(rows: list[dict], feature_sets: dict[str, list[str]] | None = None, cs: list[float] | None = None) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
    from sklearn.preprocessing import StandardScaler

    feature_sets = feature_sets or FEATURE_SETS
    cs = cs or CS
    vectors(rows)
    train = [r for r in rows if r["x"] is not None]
    y = np.array([int(r["right"]) for r in train])
    groups = np.array([r["set"] for r in train])
    sets = sorted(set(groups))
    # leave one question set out: its councils (and its writer's phrasing) are new to the model
    split = [(np.flatnonzero(groups != g), np.flatnonzero(groups == g)) for g in sets]

    def matrix(names: list[str]) -> Any:
        return np.array([[r["x"][n] for n in names] for r in train], dtype=float)

    def weights(idx: Any, balanced: bool) -> Any:
        """Each set weighs the same when ``balanced`` (the largest set does not set the scale alone)."""
        if not balanced:
            return None
        count = Counter(groups[idx])
        return np.array([len(idx) / (len(count) * count[g]) for g in groups[idx]])

    def model_on(x: Any, idx: Any, c: float, balanced: bool) -> tuple[Any, Any]:
        scaler = StandardScaler().fit(x[idx])
        model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(x[idx]), y[idx], sample_weight=weights(idx, balanced))
        return scaler, model

    def oof(names: list[str], c: float, balanced: bool) -> Any:
        x = matrix(names)
        p = np.zeros(len(y))
        for tr, te in split:
            if len(set(y[tr])) < 2:  # (a trial run's few rows) one kind of label only: its rate is all there is
                p[te] = y[tr].mean()
                continue
            scaler, model = model_on(x, tr, c, balanced)
            p[te] = model.predict_proba(scaler.transform(x[te]))[:, 1]
        return p

    def probs_of(p: Any) -> list[float | None]:
        by_id = {id(r): float(v) for r, v in zip(train, p)}
        return [by_id.get(id(r)) for r in rows]

    # each feature set, strength and weighting is judged by what it is for: the questions right at
    # the threshold chosen on its left-out probabilities (then its left-out log loss)
    cv = []
    for name, names in feature_sets.items():
        for c in cs:
            for balanced in (False, True):
                p = oof(names, c, balanced)
                t, table = choose_threshold(rows, probs_of(p))
                at = next(row for row in table if row["threshold"] == t)
                cv.append({"features": name, "C": c, "balanced": balanced, "log_loss": round(float(log_loss(y, p)), 4),
                           "brier": round(float(brier_score_loss(y, p)), 4), "auc": round(float(roc_auc_score(y, p)), 4),
                           "threshold": t, "right": at["right"], "given": at["given"], "given_right": at["given_right"],
                           "worst_set_given_right": at["worst_set_given_right"]})
    best = max(cv, key=lambda r: (r["worst_set_given_right"] >= GIVEN_RIGHT_AT_LEAST, r["right"], -r["log_loss"]))
    names = feature_sets[best["features"]]
    probs = probs_of(oof(names, best["C"], best["balanced"]))
    threshold, table = choose_threshold(rows, probs)
    # the hand-set confidence on the same rows, for comparison (its threshold is the reader's 0.40)
    hand = np.array([math.exp(r["x"]["log_hand"]) for r in train])
    hand_probs = probs_of(hand)
    _t, hand_table = choose_threshold(rows, hand_probs)
    per_set = {}
    for g in sets:
        idx = [i for i, r in enumerate(rows) if r["set"] == g]
        sub, sp, hp = [rows[i] for i in idx], [probs[i] for i in idx], [hand_probs[i] for i in idx]
        right, given, given_right = _right_at(sub, sp, threshold)
        h_right, h_given, h_given_right = _right_at(sub, hp, 0.4)
        per_set[g] = {"questions": len(sub), "unanswerable": sum(r["unanswerable"] for r in sub),
                      "fitted": {"right": right, "given": given, "given_right": given_right,
                                 "null_on_unanswerable": sum(1 for r, p in zip(sub, sp) if r["unanswerable"] and (p is None or p < threshold))},
                      "hand_at_0.40": {"right": h_right, "given": h_given, "given_right": h_given_right,
                                       "null_on_unanswerable": sum(1 for r, p in zip(sub, hp) if r["unanswerable"] and (p is None or p < 0.4))}}
    x = matrix(names)
    scaler, model = model_on(x, np.arange(len(y)), best["C"], best["balanced"])
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    w = model.coef_[0] / scale
    b = float(model.intercept_[0] - (model.coef_[0] * scaler.mean_ / scale).sum())
    counts: Counter = Counter()
    for r in rows:
        counts[f"{r['set']}:{'none' if r['x'] is None else 'right' if r['right'] else 'wrong'}"] += 1
    return {
        "features": names,
        "weights": [round(float(v), 6) for v in w],
        "bias": round(b, 6),
        "threshold": threshold,
        "trained_on": {"questions": len(rows), "rows": len(train), "right": int(y.sum()), "wrong": int(len(y) - y.sum()),
                       "by_set": dict(sorted(counts.items()))},
        "cv": {"folds": "one question set left out at a time: " + ", ".join(sets), "chosen": best,
               "hand_set_confidence": {
                   "log_loss": round(float(log_loss(y, np.clip(hand, 1e-3, 1 - 1e-3))), 4),
                   "brier": round(float(brier_score_loss(y, hand)), 4), "auc": round(float(roc_auc_score(y, hand)), 4),
                   "by_threshold": hand_table},
               "by_threshold": table, "by_set_at_threshold": per_set, "all": cv},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="corpus-dev index (bench/eval_corpus_dev.py --build makes one): questions 1-3")
    ap.add_argument("--set", action="append", default=[], metavar="FILE=INDEX",
                    help="another question file and the index of its papers (questions5, questions6)")
    ap.add_argument("--bundled-index", help="index of the bundled corpus/ (paperfinder index corpus --index DIR)")
    ap.add_argument("--bundled-questions", default=None)
    ap.add_argument("--rows", default=str(ROOT / "bench" / "out" / "confidence_rows.json"))
    ap.add_argument("--from-rows", action="store_true", help="refit from --rows without running the reader")
    ap.add_argument("--limit", type=int, default=None, help="first N development questions of each file (a trial run)")
    ap.add_argument("--out", default=str(ROOT / "paperfinder" / "data" / "confidence_model.json"))
    args = ap.parse_args(argv)
    if args.from_rows:
        rows = json.loads(Path(args.rows).read_text(encoding="utf-8"))
    else:
        sets = [(ROOT / "tests/gold" / name, args.index) for name in CORPUS_DEV_SETS] if args.index else []
        for spec in args.set:
            path, _, index = spec.partition("=")
            sets.append((Path(path), index))
        rows = collect(sets, args.bundled_index, args.limit, Path(args.bundled_questions) if args.bundled_questions else None)
        Path(args.rows).parent.mkdir(parents=True, exist_ok=True)
        Path(args.rows).write_text(json.dumps([{k: v for k, v in r.items() if k != "x"} for r in rows]), encoding="utf-8")
    result = fit(rows)
    chosen = result["cv"]["chosen"]
    hand = result["cv"]["hand_set_confidence"]
    print(f"rows {result['trained_on']['rows']} ({result['trained_on']['right']} right) of {len(rows)} development questions")
    print(f"hand-set confidence: log loss {hand['log_loss']}, Brier {hand['brier']}, AUC {hand['auc']}")
    for r in sorted(result["cv"]["all"], key=lambda r: (-r["right"], r["log_loss"]))[:10]:
        print(f"  cv {r['features']:<28} C={r['C']:<6} {'balanced' if r['balanced'] else 'by rows  '} log loss {r['log_loss']}, "
              f"AUC {r['auc']}; at {r['threshold']}: right {r['right']}, given right {r['given_right']}/{r['given']}, "
              f"worst set {r['worst_set_given_right']}")
    print(f"chosen: {chosen['features']} C={chosen['C']} balanced={chosen['balanced']}; threshold {result['threshold']}")
    for row, h in zip(result["cv"]["by_threshold"], hand["by_threshold"]):
        print(f"  t={row['threshold']:.3f}: right {row['right']}/{len(rows)}, given right {row['given_right']}/{row['given']}, "
              f"worst set {row['worst_set_given_right']}   (hand-set: right {h['right']}, given right {h['given_right']}/{h['given']}, "
              f"worst set {h['worst_set_given_right']})")
    for g, d in result["cv"]["by_set_at_threshold"].items():
        f, h = d["fitted"], d["hand_at_0.40"]
        print(f"  left out {g:<18} fitted at {result['threshold']}: right {f['right']}/{d['questions']}, given right "
              f"{f['given_right']}/{f['given']};  hand at 0.40: right {h['right']}, given right {h['given_right']}/{h['given']}")
    model = {"note": "written by bench/fit_confidence.py; the reader computes sigmoid(bias + sum(weights * features))",
             "command": " ".join(["bench/fit_confidence.py", *(argv if argv is not None else sys.argv[1:])]), **result}
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
