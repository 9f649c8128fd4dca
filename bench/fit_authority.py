"""Fit the weights of the paper's-own-council evidence (issue 13): a logistic model over candidates.

    .venv/bin/python bench/fit_authority.py [--rows FILE] [--from-rows] [--out FILE]

Needs the ``bench`` extra (scikit-learn); the reader does not.

1. Reads the **development parts only** of ``tests/gold/metadata.jsonl`` (corpus-dev) and of
   ``tests/gold/outside_metadata.jsonl`` / ``outside{2..8}_metadata.jsonl`` (texts in
   ``/work/outside{1..8}/docs``; a set whose texts are absent is skipped, and so is a paper whose text is). For each paper every
   candidate body (``authority_evidence.candidates``) is one row, labelled right when it is the
   gold's authority (or one of ``authority_ok``) by ``eval_metadata.norm_body``. The rows are
   written to ``--rows``; ``--from-rows`` refits from them.
2. Picks the L2 strength by leave-papers-out cross-validation (grouped K-fold, the number of papers
   whose best candidate is right), refits on all rows.
3. Picks, on the cross-validated probabilities and on the refitted model's (the worse count of
   the two), the ``fallback_threshold`` (a paper the header rules and the run's settling leave
   without a council takes its best candidate at or over it: the most papers named right less
   those named wrong; of equal scores the lowest threshold) and the ``lead`` (a council the header
   rules named without a frame stating it, as a letterhead, a heading or a first line, gives
   way to a candidate weighed this far above it: the most papers right; of equal counts the
   smallest lead). The fallback's choice must lead the next candidate by as much.
4. Writes ``--out`` (default ``paperfinder/data/authority_model.json``).

The held-back parts are never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SETS = [
    ("corpus-dev", ROOT / "tests" / "gold" / "metadata.jsonl", ROOT.parent / "shared" / "corpus-dev" / "docs"),
    # the six older outside sets, their texts saved again from each line's ``url`` (outside1 is
    # ``outside_metadata.jsonl``); a page that could not be saved again is left out
    ("outside1", ROOT / "tests" / "gold" / "outside_metadata.jsonl", Path("/work/outside1/docs")),
    *((f"outside{i}", ROOT / "tests" / "gold" / f"outside{i}_metadata.jsonl", Path(f"/work/outside{i}/docs"))
      for i in range(2, 7)),
    ("outside7", ROOT / "tests" / "gold" / "outside7_metadata.jsonl", Path("/work/outside7/docs")),
    ("outside8", ROOT / "tests" / "gold" / "outside8_metadata.jsonl", Path("/work/outside8/docs")),
]
CS = [0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
FOLDS = 5


def collect() -> list[dict]:
    """One entry a development paper: its candidates' features and labels."""
    from eval_metadata import _series, load, norm_body

    from paperfinder.ingest.authority_evidence import candidates
    from paperfinder.ingest.metadata import _authority, _Head, body_lines, settle_authority, web_page_title
    from paperfinder.ingest.readers import read_documents

    papers = []
    for name, gold_path, docs in SETS:
        if not docs.is_dir():
            print(f"{name}: no texts at {docs}, skipped", file=sys.stderr)
            continue
        gold = [g for g in load(gold_path) if not g.get("scan") and g.get("split") == "dev" and (docs / g["file"]).is_file()]
        if not gold:
            print(f"{name}: no development texts at {docs}, skipped", file=sys.stderr)
            continue
        # as one index run over the development part: the councils its papers name, their series
        known = frozenset(d.authority for g in gold for d in read_documents(docs / g["file"]) if d.authority)
        by_series = _series(gold, docs, known)
        for g in gold:
            want = {norm_body(a) for a in [g.get("authority"), *(g.get("authority_ok") or [])] if a}
            d = read_documents(docs / g["file"])[0]
            lines = body_lines(d.lines)
            cands = candidates(lines, web_page_title(d.lines)[0])
            # the header rules' own answer (before any weighing) and whether they were sure of it
            raw, _about, sure = _authority(_Head(lines), lines)
            if d.authority is None:  # the header rules and the page title named none: the run's settling
                settle_authority(d, by_series.get(g["file"]), known, weighed=False)
            papers.append({
                "set": name, "file": g["file"], "cascade": raw, "sure": sure, "settled": d.authority,
                "cascade_right": norm_body(raw) in want if raw else not want,
                "settled_right": norm_body(d.authority) in want if d.authority else not want,
                "has_gold": bool(want),
                "cands": [{"name": c.canonical, "x": c.x, "y": norm_body(c.canonical) in want} for c in cands],
            })
    return papers


def _matrix(papers: list[dict], features: list[str]):
    import numpy as np

    xs, ys, groups = [], [], []
    for i, p in enumerate(papers):
        for c in p["cands"]:
            xs.append([c["x"][f] for f in features])
            ys.append(int(c["y"]))
            groups.append(i)
    return np.array(xs, dtype=float), np.array(ys), np.array(groups)


def _right(papers: list[dict], probs: dict[int, list[float]], threshold: float) -> int:
    """Papers whose choice is right: the best candidate at or over the threshold, else none."""
    right = 0
    for i, p in enumerate(papers):
        ps = probs.get(i, [])
        if ps and max(ps) >= threshold:
            right += p["cands"][max(range(len(ps)), key=ps.__getitem__)]["y"]
        else:
            right += not p["has_gold"]
    return right


def _cross_validated(papers: list[dict], x, y, groups, c: float) -> dict[int, list[float]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    probs: dict[int, list[float]] = {}
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        model = LogisticRegression(C=c, max_iter=3000).fit(x[train], y[train])
        for g, pr in zip(groups[test], model.predict_proba(x[test])[:, 1]):
            probs.setdefault(int(g), []).append(float(pr))
    return probs


def _fallback_named(papers: list[dict], probs: dict[int, list[float]], threshold: float,
                    lead: float) -> tuple[int, int]:
    """(right, wrong): of the papers the header rules and the run's settling left without a
    council, those whose best candidate, at or over ``threshold`` and ``lead`` above the next,
    is the gold's, and those whose is not."""
    right = wrong = 0
    for i, p in enumerate(papers):
        if p["settled"] is not None or not p["cands"]:
            continue
        ps = probs[i]
        k = max(range(len(ps)), key=ps.__getitem__)
        runner_up = max((q for j, q in enumerate(ps) if j != k), default=0.0)
        if ps[k] >= threshold and ps[k] - runner_up >= lead:
            right += p["cands"][k]["y"]
            wrong += not p["cands"][k]["y"]
    return right, wrong


def _fallback_score(papers: list[dict], probs: dict[int, list[float]], threshold: float, lead: float) -> int:
    right, wrong = _fallback_named(papers, probs, threshold, lead)
    return right - wrong


def _veto_right(papers: list[dict], probs: dict[int, list[float]], margin: float) -> int:
    """Papers whose header rules named a council without being sure of it, right once a
    candidate weighed ``margin`` above it replaces it (a municipal district is left out: it
    stands for its county, as the header rules read it)."""
    right = 0
    for i, p in enumerate(papers):
        if p["cascade"] is None or p["sure"] or not p["cands"]:
            continue
        ps = probs[i]
        mine = [q for q, c in zip(ps, p["cands"]) if c["name"] == p["cascade"]]
        k = max(range(len(ps)), key=ps.__getitem__)
        best = p["cands"][k]
        if mine and best["name"] != p["cascade"] and ps[k] - mine[0] >= margin \
                and best["x"]["district_kind"] == 0:
            right += best["y"]
        else:
            right += p["cascade_right"]
    return right


def fit(papers: list[dict]) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from paperfinder.ingest.authority_evidence import FEATURES

    features = [f for f in FEATURES if f != "bias_candidate"]
    x, y, groups = _matrix(papers, features)
    best = None
    for c in CS:
        probs = _cross_validated(papers, x, y, groups, c)
        right = _right(papers, probs, 0.0)
        print(f"C={c}: cross-validated, the best candidate alone is right on {right}/{len(papers)} papers")
        if best is None or right > best[0]:
            best = (right, c, probs)
    assert best is not None
    right, c, probs = best
    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    # the thresholds hold for the model written (fitted on every row, so surer of its rows than
    # the cross-validated one): a setting is scored by the worse of the two probabilities' counts
    fitted: dict[int, list[float]] = {}
    for g, pr in zip(groups, model.predict_proba(x)[:, 1]):
        fitted.setdefault(int(g), []).append(float(pr))
    grid = [round(t, 2) for t in np.arange(0.05, 1.0001, 0.05)]
    # the fallback names a council where nothing else did; a wrong council is worse than none (it
    # files the paper under another body), so it is scored right named less wrong named; of equal
    # scores, as for the veto, the lowest threshold (the most papers named)
    # the veto overrules the header rules: of equal counts, the smallest margin (the weighing
    # is trusted wherever the development parts never show it wrong where the rules were right)
    veto = max(grid, key=lambda m: (min(_veto_right(papers, q, m) for q in (probs, fitted)), -m))
    fallback = max(grid, key=lambda t: (min(_fallback_score(papers, q, t, veto) for q in (probs, fitted)), -t))
    left = [p for p in papers if p["settled"] is None and p["cands"]]
    unsure = [p for p in papers if p["cascade"] is not None and not p["sure"] and p["cands"]]
    for label, q in (("cross-validated", probs), ("fitted", fitted)):
        named = _fallback_named(papers, q, fallback, veto)
        print(f"{label}: fallback threshold {fallback}: of the {len(left)} papers left without a council naming "
              f"a body, {named[0]} named right, {named[1]} named wrong; veto margin {veto}: "
              f"{_veto_right(papers, q, veto)}/{len(unsure)} right of the papers the header rules named a council "
              f"unsure (no veto: {_veto_right(papers, q, 2.0)})")
    weights = {f: round(float(w), 4) for f, w in zip(features, model.coef_[0])}
    return {
        "features": features, "weights": weights, "bias": round(float(model.intercept_[0]), 4),
        "fallback_threshold": fallback, "lead": veto, "C": c,
        "papers": len(papers), "candidates": int(len(y)),
        "cross_validated_best_right": right,
        "cascade_right": sum(p["cascade_right"] for p in papers),
        "no_right_candidate": sum(1 for p in papers if p["has_gold"] and not any(c["y"] for c in p["cands"])),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default=str(ROOT / "bench" / "out" / "authority_rows.json"))
    ap.add_argument("--from-rows", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "paperfinder" / "data" / "authority_model.json"))
    args = ap.parse_args(argv)
    rows = Path(args.rows)
    if args.from_rows:
        papers = json.loads(rows.read_text(encoding="utf-8"))
    else:
        papers = collect()
        rows.parent.mkdir(parents=True, exist_ok=True)
        rows.write_text(json.dumps(papers), encoding="utf-8")
    result = fit(papers)
    print(f"header rules (before the run's settling) right on {result['cascade_right']}/{len(papers)}; "
          f"the best candidate alone, cross-validated, {result['cross_validated_best_right']}/{len(papers)}; "
          f"{result['no_right_candidate']} papers name no right candidate")
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    assert all(math.isfinite(w) for w in result["weights"].values())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
