"""Fit the search ranking: a pairwise logistic regression on the re-ranking's features (issue 15).

    .venv/bin/python bench/fit_rank.py --index DIR [--rows FILE] [--from-rows] [--out FILE] [--folds K]

Needs scikit-learn (the ``test`` / ``bench`` extras); search does not.

1. Runs ``search`` (as ``bench/eval_corpus_dev.py`` does: limit 10, the query's filters) for the
   **development parts only** of every query/passage gold on the corpus-dev index ``--index``:
   ``tests/gold/queries*.jsonl`` (the query) and ``tests/gold/questions*.jsonl`` (the question,
   for an answerable question with a gold quote). It records the candidates the re-ranking orders
   with their ``search.rank.RankFeatures``; a candidate is right when it holds the gold quote in the
   gold file (or an ``also`` place), as the evaluation judges a hit. A search the re-ranking does
   not order (one word, a boolean query) keeps the rank it had. The rows go to ``--rows``;
   ``--from-rows`` refits from them.
2. Picks the feature set, the L2 strength and the negatives paired with the right candidate by
   K-fold cross-validation grouped by gold paper (the questions of one paper share its passages):
   out-of-fold MRR@10 over all queries, ties to the smaller model. The model is fitted on pairs
   (right candidate minus another, and the reverse), each query weighing the same.
3. Refits on all rows and writes ``--out`` (default ``bench/out/rank_model.json``): feature names,
   weights, the counts trained on and the cross-validated figures. Search reads
   ``paperfinder/data/rank_model.json``: a fitted model is copied there only when
   ``bench/eval_corpus_dev.py --search-only`` (both query sets, whoosh and tantivy) shows the
   held-back MRR@10 rising and the development MRR@10 not falling.

The held-back parts are never read here.

The weights are pulled toward the hand-set ranking's (``HAND``) rather than toward 0: with a few
hundred queries a weight moves only as far as the pairs ask. A listwise (softmax) loss and giving
the question sets less weight than the query sets were tried too, with the same cross-validated
figures (issue 15 notes).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from paperfinder.search.rank import DOC_TYPES, SECTION_TYPES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HAND = {"log_engine": 1.0, "log_share": 1.5, "log_near": 1.0}  # the ranking before the fit
BASE = ["log_engine", "log_share", "log_near"]
SHARES = ["share_text", "share_title", "share_section", "all_held"]
SHAPE = ["pairs", "log_tokens", "short", "log_rank"]
TYPES = ["section_" + t for t in SECTION_TYPES] + ["doc_" + t for t in DOC_TYPES]
FEATURE_SETS = {
    "base": BASE,
    "base+shares": BASE + SHARES,
    "base+shape": BASE + SHAPE,
    "base+types": BASE + TYPES,
    "base+shares+shape": BASE + SHARES + SHAPE,
    "all": BASE + SHARES + SHAPE + TYPES,
}
# the L2 penalty on the weights' distance from the hand-set ones (features scaled to unit spread)
LAMBDAS = [0.001, 0.003, 0.01, 0.03, 0.1]
NEGATIVES = [5, 10, 30]  # the right candidate paired with the first N others by the hand ranking (None: all)
GOLDS = ["queries.jsonl", "queries2.jsonl", "questions.jsonl", "questions2.jsonl", "questions3.jsonl"]
# the sets over the outside councils' dev texts (/tmp/questions5/docs), searched on their own index
OUTSIDE_GOLDS = ["queries4.jsonl", "questions5.jsonl"]
# the sets over whole papers of councils in no other corpus (/tmp/questions7/docs)
WHOLE_GOLDS = ["queries5.jsonl", "questions7.jsonl"]


def _holds(fields: dict, item: dict) -> bool:
    from eval_corpus_dev import _fold

    places = [item] + list(item.get("also") or [])
    return any(Path(fields.get("source", "")).name == p["file"] and _fold(p["quote"]) in _fold(fields.get("text", ""))
               for p in places)


def collect(index: str, gold: Path, names: list[str] = GOLDS) -> list[dict]:
    """One row per development query: its candidates' feature vectors and labels."""
    from eval_corpus_dev import _holds as hit_holds
    from eval_corpus_dev import filters_of, load

    import paperfinder.search.service as service
    from paperfinder.errors import PaperfinderError

    calls: list[tuple[list, list]] = []
    measure = service._rank_features

    def recording(be, raw, *args, **kwargs):
        feats = measure(be, raw, *args, **kwargs)
        calls.append(([dict(r.fields) for r in raw], feats))
        return feats

    service._rank_features = recording  # type: ignore[assignment]
    rows = []
    try:
        for name in names:
            for item in load(gold / name):
                if item["split"] != "dev":
                    continue  # the held-back part is scored by eval_corpus_dev.py only
                if "query" in item:
                    text, filters = item["query"], filters_of(item)
                elif item.get("answer") is not None and item.get("quote"):
                    text, filters = item["question"], service.Filters()
                else:
                    continue
                calls.clear()
                try:
                    hits = service.search(text, index, filters=filters, limit=10).hits
                except PaperfinderError:
                    hits = []
                rank = next((i for i, h in enumerate(hits, start=1) if hit_holds(h, item)), None)
                row: dict = {"set": name, "id": item["id"], "group": item["file"], "rank": rank, "cands": None}
                if calls:
                    fields, feats = calls[-1]
                    row["cands"] = [{"x": f.vector(), "right": _holds(fl, item)} for fl, f in zip(fields, feats)]
                rows.append(row)
    finally:
        service._rank_features = measure  # type: ignore[assignment]
    return rows


def _score(x: dict, weights: dict[str, float]) -> float:
    return sum(w * x[k] for k, w in weights.items())


def rank_of(row: dict, weights: dict[str, float] | None) -> int | None:
    """The right candidate's place in the first 10 under ``weights`` (None: the search's own rank)."""
    if weights is None or not row["cands"]:
        return row["rank"]
    order = sorted(range(len(row["cands"])), key=lambda i: -_score(row["cands"][i]["x"], weights))
    return next((k for k, i in enumerate(order[:10], start=1) if row["cands"][i]["right"]), None)


def figures(rows: list[dict], ranks: list[int | None]) -> dict:
    n = len(rows)
    return {"mrr10": round(sum(1 / r for r in ranks if r) / n, 4) if n else 0.0,
            "first": sum(1 for r in ranks if r == 1), "top10": sum(1 for r in ranks if r), "queries": n}


def pairs(rows: list[dict], feats: list[str], negatives: int | None):
    """(differences, labels, weights): each right candidate minus each other one, and the reverse."""
    import numpy as np

    xs, ys, ws = [], [], []
    for row in rows:
        cands = row["cands"] or []
        right = [c for c in cands if c["right"]]
        if not right:
            continue
        # the hand ranking's order: the hard negatives are those it put high
        wrong = sorted((c for c in cands if not c["right"]), key=lambda c: -_score(c["x"], HAND))[:negatives]
        if not wrong:
            continue
        pos = right[0]
        w = 1.0 / len(wrong)
        for c in wrong:
            d = [pos["x"][f] - c["x"][f] for f in feats]
            xs += [d, [-v for v in d]]
            ys += [1, 0]
            ws += [w, w]
    return np.array(xs), np.array(ys), np.array(ws)


def fit(rows: list[dict], feats: list[str], lam: float, negatives: int | None) -> dict[str, float]:
    """Pairwise logistic loss, its L2 penalty pulling the weights toward the hand-set ranking's:
    with a few hundred queries, a weight moves from it only as far as the pairs ask."""
    import numpy as np
    from scipy.optimize import minimize

    x, y, w = pairs(rows, feats, negatives)
    keep = y == 1  # the reverse pairs are the same with the sign turned: one of each suffices
    x, w = x[keep], w[keep] / w[keep].sum()
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = x / scale
    prior = np.array([HAND.get(f, 0.0) for f in feats]) * scale

    def loss(v):
        m = z @ v
        d = v - prior
        # log(1 + exp(-m)), stable either side of 0
        return float(w @ np.logaddexp(0.0, -m) + lam * d @ d), z.T @ (w * -1.0 / (1.0 + np.exp(m))) + 2 * lam * d

    v = minimize(loss, prior, jac=True, method="L-BFGS-B").x
    return {f: float(a) / s for f, a, s in zip(feats, v, scale)}


def cross_validate(rows: list[dict], feats: list[str], c: float, negatives: int | None, folds: int) -> list[int | None]:
    from sklearn.model_selection import GroupKFold

    ranks: list[int | None] = [None] * len(rows)
    groups = [r["group"] for r in rows]
    for train, held in GroupKFold(n_splits=folds).split(rows, groups=groups):
        weights = fit([rows[i] for i in train], feats, c, negatives)
        for i in held:
            ranks[i] = rank_of(rows[i], weights)
    return ranks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold"))
    ap.add_argument("--rows", default=str(ROOT / "bench" / "out" / "rank_rows.json"))
    ap.add_argument("--outside-index", default=None,
                    help="an index of the outside councils' dev texts: their sets' dev parts are fitted on too")
    ap.add_argument("--whole-index", default=None,
                    help="an index of the whole papers of queries5/questions7: their dev parts are fitted on too")
    ap.add_argument("--from-rows", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "rank_model.json"))
    args = ap.parse_args(argv)
    rows_path = Path(args.rows)
    if args.from_rows:
        rows = json.loads(rows_path.read_text(encoding="utf-8"))
    else:
        rows = collect(args.index, Path(args.gold))
        if args.outside_index:
            rows += collect(args.outside_index, Path(args.gold), OUTSIDE_GOLDS)
        if args.whole_index:
            rows += collect(args.whole_index, Path(args.gold), WHOLE_GOLDS)
        rows_path.parent.mkdir(parents=True, exist_ok=True)
        rows_path.write_text(json.dumps(rows), encoding="utf-8")
    by_set = {s: [r for r in rows if r["set"] == s] for s in GOLDS + OUTSIDE_GOLDS + WHOLE_GOLDS}
    hand = figures(rows, [rank_of(r, HAND) for r in rows])
    print(f"rows {len(rows)}; re-ranked {sum(1 for r in rows if r['cands'])}; right candidate among them "
          f"{sum(1 for r in rows if r['cands'] and any(c['right'] for c in r['cands']))}")
    print(f"hand-set: {hand}")
    results = []
    for name, feats in FEATURE_SETS.items():
        for c in LAMBDAS:
            for neg in NEGATIVES:
                ranks = cross_validate(rows, feats, c, neg, args.folds)
                got = figures(rows, ranks)
                queries = figures([r for r in rows if r["set"].startswith("queries")],
                                  [k for r, k in zip(rows, ranks) if r["set"].startswith("queries")])
                got["queries_mrr10"] = queries["mrr10"]
                results.append((got["mrr10"], -len(feats), c, name, neg, got))
                print(f"  {name:<20} lambda={c:<6} negatives={neg}: {got}")
    _mrr, _size, c, name, neg, cv = max(results, key=lambda t: (t[0], t[1], t[2]))
    feats = FEATURE_SETS[name]
    weights = fit(rows, feats, c, neg)
    per_set = {s: {"hand": figures(rs, [rank_of(r, HAND) for r in rs]),
                   "fitted (in sample)": figures(rs, [rank_of(r, weights) for r in rs])} for s, rs in by_set.items() if rs}
    print(f"chosen: {name} lambda={c} negatives={neg}; cross-validated {cv}")
    for s, f in per_set.items():
        print(f"  {s}: {f}")
    out = {
        "note": "written by bench/fit_rank.py; search orders its top candidates by sum(weights * features) "
                "(search.rank.RankFeatures.vector)",
        "command": "bench/fit_rank.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "features": feats,
        "weights": [round(weights[f], 6) for f in feats],
        "feature_set": name,
        "lambda": c,
        "negatives": neg,
        "trained_on": {s: len(rs) for s, rs in by_set.items()},
        "cross_validated": {"fitted": cv, "hand": hand, "folds": args.folds, "grouped_by": "gold paper"},
        "in_sample": per_set,
    }
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
