"""Fit the answer confidence: a logistic regression on the reader's features (issue 15).

    .venv/bin/python bench/fit_confidence.py --index DIR [--bundled-index DIR] [--out FILE]
        [--rows FILE] [--from-rows] [--folds K] [--limit N]

Needs the ``bench`` extra (``pip install -e ".[bench]"``: scikit-learn); the reader does not.

1. Runs the reader at threshold 0 over the **development parts only** of
   ``tests/gold/questions.jsonl`` and ``tests/gold/questions2.jsonl`` (on the corpus-dev index
   ``--index``) and of the bundled ``tests/eval/questions.jsonl`` (on ``--bundled-index``, the
   index of ``corpus/``; its parts by ``eval_answers.split_of``). Each best answer is labelled
   right or wrong by the evaluations' own matchers (``eval_corpus_dev.answer_right``,
   ``eval_answers.judge``); an answer to an unanswerable question is wrong. A question with no
   candidate at all gives no row (its answer is None whatever the model says).
   The rows (features and labels) are written to ``--rows``; ``--from-rows`` refits from them.
2. Picks the feature set and the L2 strength by stratified K-fold cross-validation
   (log loss) on those rows, refits on them all and folds the scaling into the weights.
3. Picks the threshold on the cross-validated probabilities: the most questions right
   (an unanswerable is right when null) among thresholds whose answers given are >= 90% right.
4. Writes ``--out`` (default ``paperfinder/data/confidence_model.json``): feature names,
   weights, bias, the threshold it chose, the rows' counts and the cross-validated figures.

The held-back parts are never read here.
"""

from __future__ import annotations

import argparse
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
FEATURE_SETS = {
    "hand": ["log_hand"],
    "hand+types": ["log_hand", *TYPES],
    "factors": [*FACTORS, *TYPES],
    "hand+factors": ["log_hand", *FACTORS, *TYPES],
}
CS = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
GIVEN_RIGHT_AT_LEAST = 0.90


def _row(source: str, qid: str, kind: str, unanswerable: bool, right: bool, features: Any) -> dict:
    return {"set": source, "id": qid, "type": kind, "unanswerable": unanswerable, "right": bool(right),
            "x": features.vector() if features is not None else None}


def collect(index: str | None, bundled_index: str | None, limit: int | None = None,
            question_files: list[Path] | None = None, bundled_questions: Path | None = None) -> list[dict]:
    """One row per development question: its best answer's features and whether that answer is right."""
    from eval_answers import judge, load_questions, split_of
    from eval_corpus_dev import answer_right, load

    import paperfinder.answer.reader as reader
    from paperfinder.answer.retrieval import question_hits
    from paperfinder.reports.show import source_roots

    rows: list[dict] = []
    if index:
        roots = source_roots(index)
        files = question_files if question_files is not None else [ROOT / "tests/gold/questions.jsonl", ROOT / "tests/gold/questions2.jsonl"]
        for path in files:
            dev = [q for q in load(path) if q["split"] == "dev"][:limit]
            for q in dev:
                read, hits, _narrowed = question_hits(q["question"], index)
                a, feats = reader.answer_with_features(read, hits, roots=roots, threshold=0.0)
                rows.append(_row(path.name, q["id"], q["answer_type"], q["answer"] is None, answer_right(q, a), feats))
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


def choose_threshold(rows: list[dict], probs: list[float | None]) -> tuple[float, list[dict]]:
    table = []
    for k in range(4, 17):
        t = k / 20
        right, given, given_right = _right_at(rows, probs, t)
        table.append({"threshold": t, "right": right, "given": given, "given_right": given_right})
    ok = [row for row in table if row["given"] and row["given_right"] / row["given"] >= GIVEN_RIGHT_AT_LEAST]
    pick = max(ok or table, key=lambda row: (row["right"], row["given_right"] / (row["given"] or 1)))
    return pick["threshold"], table


def fit(rows: list[dict], folds: int = 5, seed: int = 0) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.preprocessing import StandardScaler

    train = [r for r in rows if r["x"] is not None]
    y = np.array([int(r["right"]) for r in train])
    folds = max(2, min(folds, int(y.sum()), int(len(y) - y.sum())))
    split = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))

    def matrix(names: list[str]) -> Any:
        return np.array([[r["x"][n] for n in names] for r in train], dtype=float)

    def oof(names: list[str], c: float) -> Any:
        x = matrix(names)
        p = np.zeros(len(y))
        for tr, te in split:
            scaler = StandardScaler().fit(x[tr])
            model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x[tr]), y[tr])
            p[te] = model.predict_proba(scaler.transform(x[te]))[:, 1]
        return p

    cv = []
    for name, names in FEATURE_SETS.items():
        for c in CS:
            p = oof(names, c)
            cv.append({"features": name, "C": c, "log_loss": round(float(log_loss(y, p)), 4),
                       "brier": round(float(brier_score_loss(y, p)), 4), "auc": round(float(roc_auc_score(y, p)), 4)})
    best = min(cv, key=lambda r: r["log_loss"])
    names = FEATURE_SETS[best["features"]]
    p_oof = oof(names, best["C"])
    by_id = {id(r): float(v) for r, v in zip(train, p_oof)}
    threshold, table = choose_threshold(rows, [by_id.get(id(r)) for r in rows])
    x = matrix(names)
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=best["C"], max_iter=2000).fit(scaler.transform(x), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    w = model.coef_[0] / scale
    b = float(model.intercept_[0] - (model.coef_[0] * scaler.mean_ / scale).sum())
    # the hand-set confidence on the same rows, for comparison
    hand = np.array([math.exp(r["x"]["log_hand"]) for r in train])
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
        "cv": {"folds": folds, "chosen": best, "hand_set_confidence": {
            "log_loss": round(float(log_loss(y, np.clip(hand, 1e-3, 1 - 1e-3))), 4),
            "brier": round(float(brier_score_loss(y, hand)), 4), "auc": round(float(roc_auc_score(y, hand)), 4)},
            "by_threshold": table, "all": cv},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="corpus-dev index (bench/eval_corpus_dev.py --build makes one)")
    ap.add_argument("--bundled-index", help="index of the bundled corpus/ (paperfinder index corpus --index DIR)")
    ap.add_argument("--questions", action="append", help="corpus-dev question files (default: the two gold sets)")
    ap.add_argument("--bundled-questions", default=None)
    ap.add_argument("--rows", default=str(ROOT / "bench" / "out" / "confidence_rows.json"))
    ap.add_argument("--from-rows", action="store_true", help="refit from --rows without running the reader")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="first N development questions of each file (a trial run)")
    ap.add_argument("--out", default=str(ROOT / "paperfinder" / "data" / "confidence_model.json"))
    args = ap.parse_args(argv)
    if args.from_rows:
        rows = json.loads(Path(args.rows).read_text(encoding="utf-8"))
    else:
        rows = collect(args.index, args.bundled_index, args.limit, [Path(p) for p in args.questions] if args.questions else None,
                       Path(args.bundled_questions) if args.bundled_questions else None)
        Path(args.rows).parent.mkdir(parents=True, exist_ok=True)
        Path(args.rows).write_text(json.dumps(rows), encoding="utf-8")
    result = fit(rows, folds=args.folds)
    chosen = result["cv"]["chosen"]
    hand = result["cv"]["hand_set_confidence"]
    print(f"rows {result['trained_on']['rows']} ({result['trained_on']['right']} right) of {len(rows)} development questions")
    print(f"hand-set confidence: log loss {hand['log_loss']}, Brier {hand['brier']}, AUC {hand['auc']}")
    for r in sorted(result["cv"]["all"], key=lambda r: r["log_loss"])[:6]:
        print(f"  cv {r['features']:<14} C={r['C']:<5} log loss {r['log_loss']}, Brier {r['brier']}, AUC {r['auc']}")
    print(f"chosen: {chosen['features']} C={chosen['C']}; threshold {result['threshold']}")
    for row in result["cv"]["by_threshold"]:
        print(f"  t={row['threshold']:.2f}: right {row['right']}/{len(rows)}, given right {row['given_right']}/{row['given']}")
    model = {"note": "written by bench/fit_confidence.py; the reader computes sigmoid(bias + sum(weights * features))",
             "command": " ".join(["bench/fit_confidence.py", *(argv if argv is not None else sys.argv[1:])]), **result}
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
