"""Precision and recall of the entity tagger against hand annotations.

Usage: .venv/bin/python bench/entity_eval.py [--gold tests/annotations/entities_gold.json]
                                             [--verbose] [--speed]

A predicted entity counts as correct when an unmatched gold entity has the
same label, source line and text; MONEY must also have the same value (and
currency) and AUTHORITY the same canonical name. Only the labels in the gold
file and only the annotated line range of each file are scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from paperfinder.model import Line  # noqa: E402
from paperfinder.recognise.entities import tag_lines  # noqa: E402

LABELS = ("MONEY", "PERSON", "AUTHORITY")


def read_lines(path: Path) -> list[Line]:
    text = path.read_text(encoding="utf-8")
    return [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]


def same(pred: dict, gold: dict) -> bool:
    if pred["label"] != gold["label"] or pred["line"] != gold["line"] or pred["text"] != gold["text"]:
        return False
    if gold["label"] == "MONEY":
        if abs(float(pred.get("value") or 0) - float(gold["value"])) > 0.5:
            return False
        if gold.get("currency", "GBP") != pred.get("currency"):
            return False
    if gold["label"] == "AUTHORITY" and gold.get("canonical") and pred.get("canonical") != gold["canonical"]:
        return False
    return True


def evaluate(gold_path: Path, verbose: bool = False) -> dict[str, dict[str, float]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    errors: dict[str, list[str]] = defaultdict(list)
    for rel, spec in gold["files"].items():
        lo, hi = spec["lines"]
        lines = read_lines(ROOT / rel)
        preds = [
            e.to_dict() for e in tag_lines(lines)
            if e.label in LABELS and lo <= (e.line or 0) <= hi
        ]
        golds = [g for g in spec["entities"] if g["label"] in LABELS]
        used = [False] * len(golds)
        for p in preds:
            hit = next((i for i, g in enumerate(golds) if not used[i] and same(p, g)), None)
            if hit is None:
                fp[p["label"]] += 1
                errors[rel].append(f"  FP {p['label']:9} l{p['line']:<5} {p['text']!r} {p.get('value', p.get('canonical', ''))}")
            else:
                used[hit] = True
                tp[p["label"]] += 1
        for i, g in enumerate(golds):
            if not used[i]:
                fn[g["label"]] += 1
                errors[rel].append(f"  FN {g['label']:9} l{g['line']:<5} {g['text']!r} {g.get('value', g.get('canonical', ''))}")
    out = {}
    for lab in LABELS:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 1.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 1.0
        out[lab] = {"precision": round(p, 3), "recall": round(r, 3), "tp": tp[lab], "fp": fp[lab], "fn": fn[lab]}
    if verbose:
        for rel, errs in errors.items():
            print(rel)
            print("\n".join(sorted(errs, key=lambda s: int(s.split()[2][1:]))))
    return out


def speed(path: Path, repeat: int = 3) -> float:
    lines = read_lines(path)
    chars = sum(len(ln.text) + 1 for ln in lines)
    tag_lines(lines)  # warm up: pipeline build, regex compilation
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        tag_lines(lines)
        best = min(best, time.process_time() - t0)
    return chars / best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests/annotations/entities_gold.json"))
    ap.add_argument("--verbose", action="store_true", help="list every false positive and negative")
    ap.add_argument("--speed", action="store_true", help="also measure tagging speed on corpus/004")
    args = ap.parse_args()
    res = evaluate(Path(args.gold), verbose=args.verbose)
    print(f"{'label':10} {'precision':>9} {'recall':>7} {'tp':>5} {'fp':>4} {'fn':>4}")
    for lab, r in res.items():
        print(f"{lab:10} {r['precision']:9.3f} {r['recall']:7.3f} {r['tp']:5d} {r['fp']:4d} {r['fn']:4d}")
    if args.speed:
        big = sorted((ROOT / "corpus").glob("004_*.txt"))
        if big:
            cps = speed(big[0])
            print(f"speed: {cps:,.0f} chars/s of CPU time on {big[0].name} (tag_lines, one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
