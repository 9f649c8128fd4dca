"""Entity tagging against the hand-written gold of corpus-dev papers (tests/gold/entities.jsonl).

    .venv/bin/python bench/eval_entity_gold.py [--gold FILE] [--docs DIR] [--show-wrong]
    .venv/bin/python bench/eval_entity_gold.py --gold tests/gold/outside_metadata.jsonl --docs DIR

The second form scores the AUTHORITY mentions of the outside set's metadata gold
(tests/gold/OUTSIDE.md): each line lists the bodies its paper names
(``authorities_mentioned``: span text and canonical name), and every occurrence of a
span in the paper's text is one gold mention; only AUTHORITY is scored for those papers.

The gold was written by reading 33 papers of 13 councils (tests/gold/ENTITIES.md),
not with the tagger. Each paper is tagged as ``paperfinder entities FILE`` tags it
(no index), and the tags in the gold's region (its lines, or its PDF pages) are
matched to the gold, per paper and label, one to one:

- MONEY: the same value (to the cent) and currency;
- DATE: the same ISO date;
- AUTHORITY: the same body once generic words are set aside ("Limerick City and
  County Council" = "Limerick");
- PERSON: the same surname and, where both give one, the same initial; a
  bracketed initial ("Sheahan (J)") counts as the initial, so "Sheahan (J)" and
  "Sheahan (M)" are two people.

The gold's DATE is a day date only (tests/gold/ENTITIES.md: "April 2015", "2020/21"
are not DATEs); the tagger marks its month and financial-year DATE entities with
``kind`` "month" / "financial_year", so only its day dates are scored as DATE.

Prints precision, recall and F1 per label for the held-back and development
parts; writes ``bench/out/eval_entity_gold.json``. Exit status 0 always.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LABELS = ("MONEY", "PERSON", "AUTHORITY", "DATE")
_TITLES = re.compile(
    r"^(cllr|councillor|cmhlr|comhairleoir|cynghorydd|mr|mrs|ms|miss|dr|mayor|county|borough|district|sir|prof)\.?\s+", re.I
)


def person_key(name: str) -> tuple[str, str]:
    """(surname, initial) of a name as written: 'Cllr. R. Crisp' -> ('crisp', 'r');
    'Sheahan (J)' -> ('sheahan', 'j'); 'Butler' -> ('butler', '')."""
    n = " ".join(name.split())
    while _TITLES.match(n):
        n = _TITLES.sub("", n, count=1)
    bracket = re.search(r"\(([A-Za-z])\.?\)", n)
    n = re.sub(r"\(.*?\)", " ", n)
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ'’-]+", n)]
    if not words:
        return ("", "")
    surname = words[-1].lower().replace("’", "'")
    initial = bracket.group(1).lower() if bracket else (words[0][0].lower() if len(words) > 1 else "")
    return (surname, initial)


def key_of(e: dict) -> tuple:
    from eval_metadata import norm_body

    label = e["label"]
    if label == "MONEY":
        try:
            return (round(float(e.get("value")), 2), e.get("currency") or "GBP")
        except (TypeError, ValueError):
            return (None, None)
    if label == "DATE":
        return (e.get("value"),)
    if label == "AUTHORITY":
        return (norm_body(e.get("canonical") or e.get("text")),)
    return person_key(e.get("text") or e.get("canonical") or "")


def _match(gold: list[tuple], pred: list[tuple], label: str) -> int:
    """One-to-one matches; people first on (surname, initial), then on surname where one side has no initial."""
    pool = list(pred)
    hits = 0
    rest = []
    for g in gold:
        if g in pool:
            pool.remove(g)
            hits += 1
        else:
            rest.append(g)
    if label == "PERSON":
        for g in rest:
            for p in pool:
                if p[0] == g[0] and (not p[1] or not g[1]):
                    pool.remove(p)
                    hits += 1
                    break
    return hits


def known_bodies(docs: Path) -> tuple[frozenset[str], frozenset[str]]:
    """As indexing the whole of corpus-dev would know them: the councils its papers
    name as their own (a paper that writes only "MCC" is read with them), and the
    councils they name in full anywhere (for initials the first do not explain)."""
    from paperfinder.errors import ReadError
    from paperfinder.ingest.readers import read_documents, read_lines
    from paperfinder.recognise.entities import councils_named

    found: set[str] = set()
    named: set[str] = set()
    for f in sorted(docs.iterdir()):
        try:
            found.update(d.authority for d in read_documents(f) if d.authority)
            lines, _pages = read_lines(f)
        except ReadError:
            continue  # a scan without a text layer names nothing; indexing skips it too
        named |= councils_named("\n".join(ln.text for ln in lines))
    return frozenset(found), frozenset(named)


def tagged(path: Path, known: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> list[dict]:
    """The tagger's entities of one file, each with its line and (PDF) page."""
    from paperfinder.ingest.readers import read_lines
    from paperfinder.recognise.tagging import entities_of_file

    _source, ents = entities_of_file(path, None, required=False, known=known[0], named=known[1])
    _lines, pages = read_lines(path)
    out = []
    for e in ents:
        d = e.to_dict()
        d["page"] = pages.get(e.line) if pages and e.line is not None else None
        out.append(d)
    return out


def mention_entities(paper: dict, docs: Path) -> dict:
    """A metadata-gold line with ``authorities_mentioned`` as an entity-gold paper:
    one AUTHORITY per occurrence of each span (whole words, case as written)."""
    if "entities" in paper:
        return paper
    text = (docs / paper["file"]).read_text(encoding="utf-8")
    ents = []
    for m in paper.get("authorities_mentioned") or []:
        n = len(re.findall(r"(?<!\w)" + re.escape(m["text"]) + r"(?!\w)", text))
        ents += [{"label": "AUTHORITY", "text": m["text"], "canonical": m["canonical"]}] * n
    return {**paper, "entities": ents, "labels": ["AUTHORITY"], "region": "all"}


def in_region(e: dict, paper: dict) -> bool:
    if paper.get("region_pages"):
        lo, hi = paper["region_pages"]
        return e.get("page") is not None and lo <= e["page"] <= hi
    if paper.get("region_lines"):
        lo, hi = paper["region_lines"]
        return e.get("line") is not None and lo <= e["line"] <= hi
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "entities.jsonl"))
    ap.add_argument("--docs", default=str(ROOT.parent / "shared" / "corpus-dev" / "docs"))
    ap.add_argument("--show-wrong", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "eval_entity_gold.json"))
    args = ap.parse_args(argv)
    papers = [mention_entities(json.loads(line), Path(args.docs))
              for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    # (split, label) -> [true positives, gold, predicted]
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    notes = []
    known = known_bodies(Path(args.docs))
    for paper in papers:
        pred = [e for e in tagged(Path(args.docs) / paper["file"], known)
                if in_region(e, paper) and not (e["label"] == "DATE" and e.get("kind") in ("month", "financial_year"))]
        for label in paper.get("labels") or LABELS:
            g = [key_of(e) for e in paper["entities"] if e["label"] == label]
            p = [key_of(e) for e in pred if e["label"] == label]
            tp = _match(g, p, label)
            for split in (paper["split"], "all"):
                t = tally[(split, label)]
                t[0] += tp
                t[1] += len(g)
                t[2] += len(p)
            if args.show_wrong and (tp < len(g) or tp < len(p)):
                missed = [x for x in g if x not in p]
                extra = [x for x in p if x not in g]
                notes.append(f"[{paper['split']}] {paper['file']} {label}: missed {missed[:6]} extra {extra[:6]}")
    result: dict[str, dict] = {}
    for split in ("heldback", "dev"):
        if not any(s == split for s, _label in tally):
            continue  # a gold with no papers in this part (a set held back whole) has nothing to print
        print(f"\n== {split} ==")
        print(f"{'label':<10}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}{'tagged':>8}")
        for label in LABELS:
            if (split, label) not in tally:
                continue  # a gold that does not annotate this label
            tp, ng, npred = tally[(split, label)]
            prec = tp / npred if npred else 0.0
            rec = tp / ng if ng else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print(f"{label:<10}{prec:>10.3f}{rec:>10.3f}{f1:>8.3f}{ng:>7}{npred:>8}")
            result.setdefault(split, {})[label] = {"precision": prec, "recall": rec, "f1": f1, "gold": ng, "tagged": npred}
    if args.show_wrong:
        # the held-back part is scored only: its misses are never listed, so nobody tunes on them
        print("\n" + "\n".join(n for n in notes if n.startswith("[dev]")))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
