"""Score the decisions register against decisions read by hand (``tests/gold/registers.jsonl``).

    .venv/bin/python bench/eval_registers.py --index DIR [--build] [--show-wrong]
    .venv/bin/python bench/eval_registers.py --gold tests/gold/registers4.jsonl --docs /work/texts19/registers4 --index DIR --build

Each gold line is one decision of a paper's minutes, found by reading the paper before the
register was run on it: a quote of its words, whether it is procedural business (the last
minutes, apologies, an adjournment, excluding the press and public), its outcome, who proposed
and seconded it, and the votes, where the minutes say. ``docs`` names the folder of texts
(``/tmp/<docs>/docs``: questions6's and questions7's whole papers, not committed).

What is scored, per split (dev, and test: scored only, never tuned on):
- listed: a substantive decision is in the register as ``decisions`` shows it by default;
- hidden: a procedural item is not (left out, or marked procedural);
- outcome, proposer, seconder, votes: for the decisions listed, where the gold states them.
An outcome of "carried" or "agreed" is the gold's "adopted". A name is right when the register's
name holds the gold name's last word (or its initials as the paper defines them).

``--build`` indexes the gold's papers into ``--index`` first.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ADOPTED = {"carried", "agreed"}


def _norm(s: str) -> str:
    return " ".join(s.split()).lower()


def _name_right(gold: list[str], got: str | None) -> bool:
    if not got:
        return False
    words = _norm(got).replace(".", " ").split()
    return any(_norm(g).replace(".", " ").split()[-1] in words for g in gold)


# how far (in characters of the line) an entry's words may start from the gold's words for the line to tie
# them: a page kept as one long paragraph holds every decision on its one line
NEAR = 300


def _near(text: str, line: str, quotes: list[str]) -> bool:
    """Whether an entry on a line that holds a gold decision's words is that decision: the line is short, or the
    entry's words start within ``NEAR`` characters of the gold's."""
    if len(line) <= NEAR:
        return True
    at = line.find(text[:40])
    return at >= 0 and any(abs(line.find(q) - at) <= NEAR for q in quotes if q in line)


def _event_for(item: dict, events: list, lines: list[str]) -> object | None:
    """The register's entry for a gold decision: one holding its words, or else one on the line that holds
    them (minutes often put a decision's motion and its result in two sentences of one line), near them."""
    quotes = [_norm(q) for q in item["quotes"]]
    at = {n: _norm(line) for n, line in enumerate(lines, start=1) if any(q in _norm(line) for q in quotes)}
    mine = [e for e in events if Path(e.source).name == item["file"]]
    for e in mine:
        text = _norm(e.text)
        if any(q in text or (len(text) >= 20 and text in q) for q in quotes):
            return e
    for e in mine:
        if e.line in at and _near(_norm(e.text), at[e.line], quotes):
            return e
    return None


def _paper(args: argparse.Namespace, item: dict) -> Path:
    if args.docs:
        return Path(args.docs) / item["file"]
    # a set's folder holds its texts in docs/ (as the golds were first written) or itself (bench/eval_all.py)
    folder = Path(args.docs_root) / item["docs"]
    return (folder / "docs" if (folder / "docs").is_dir() else folder) / item["file"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default="tests/gold/registers.jsonl")
    ap.add_argument("--index", required=True)
    ap.add_argument("--build", action="store_true")
    ap.add_argument("--docs-root", default="/tmp", help="the folder holding <docs>/docs for each gold line")
    ap.add_argument("--docs", help="the folder holding the gold's papers themselves (instead of <docs-root>/<docs>/docs)")
    ap.add_argument("--out", default=None, help="write the figures (split -> field -> [right, scored]) to this JSON file")
    ap.add_argument("--show-wrong", action="store_true", help="list the dev part's misses (never the test part's)")
    args = ap.parse_args(argv)
    gold = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.build:
        from paperfinder.index.build import index_paths

        files = sorted({_paper(args, g) for g in gold})
        index_paths(files, args.index, rebuild=True)
    from paperfinder.reports.registers import list_events

    _total, events = list_events("decision", "", args.index, limit=None, sort="newest", procedural=True)
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    wrong = []
    for item in gold:
        t = tally[item["split"]]
        paper = _paper(args, item)
        e = _event_for(item, events, paper.read_text(encoding="utf-8").splitlines())
        misses = []
        if item["procedural"]:
            ok = e is None or e.procedural
            t["hidden"][0] += ok
            t["hidden"][1] += 1
            if not ok:
                misses.append("procedural item listed")
        else:
            ok = e is not None and not e.procedural
            t["listed"][0] += ok
            t["listed"][1] += 1
            if not ok:
                misses.append("not found" if e is None else "marked procedural")
        if e is not None:
            if item["outcome"]:
                got = "adopted" if e.outcome in ADOPTED else e.outcome
                t["outcome"][0] += got == item["outcome"]
                t["outcome"][1] += 1
                if got != item["outcome"]:
                    misses.append(f"outcome {e.outcome} (gold {item['outcome']})")
            for role in ("proposer", "seconder"):
                if item[role]:
                    right = _name_right(item[role], getattr(e, role))
                    t[role][0] += right
                    t[role][1] += 1
                    if not right:
                        misses.append(f"{role} {getattr(e, role)} (gold {item[role][0]})")
            if item["votes"]:
                t["votes"][0] += e.votes == item["votes"]
                t["votes"][1] += 1
                if e.votes != item["votes"]:
                    misses.append(f"votes {e.votes} (gold {item['votes']})")
        if misses and item["split"] == "dev":
            wrong.append(f"{item['id']} {item['file']}: {'; '.join(misses)} | {item['quotes'][0][:70]}")
    if args.out:
        Path(args.out).write_text(json.dumps({split: dict(t) for split, t in tally.items()}, indent=1), encoding="utf-8")
    for split in ("test", "dev"):
        t = tally[split]
        print(f"== {split} ==")
        for key in ("listed", "hidden", "outcome", "proposer", "seconder", "votes"):
            right, n = t[key]
            print(f"  {key:9s} {right}/{n}" + (f" ({right / n:.0%})" if n else ""))
    if args.show_wrong:
        print("\ndev misses:")
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
