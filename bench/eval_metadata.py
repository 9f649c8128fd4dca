"""Document metadata against a hand-written gold (tests/gold/metadata.jsonl).

    .venv/bin/python bench/eval_metadata.py [--gold FILE] [--docs DIR] [--show-wrong] [--split heldback|dev|all]

``--show-wrong`` lists the development part's misses only.

Each gold line says what a person reading the paper would say: authority,
about, date, doc_type, title, committee. The paper is read as indexing reads
it (``ingest.read_documents``; the first document of a file, i.e. the paper
or the pack it opens) and compared field by field:

- authority: the same body once generic words are set aside ("London Borough
  of Southwark" = "Southwark"; "Stoke Ferry Parish Council" != "Norfolk"), or
  one of ``authority_ok``;
- about: the same set of bodies (scored only where the gold or the reader names one);
- date: the same ISO date; a gold of "YYYY-MM" (the paper states only a month)
  accepts any day of that month; a gold of null wants no date; a date in the
  gold's ``date_ok`` (the literal date a paper misprints, see tests/gold/README.md)
  is accepted too; ``date_strict`` is the same without ``date_ok``;
- doc_type: the gold type or one of ``doc_type_ok``;
- title and committee: fuzzy (token set ratio >= 80), reported, not targets.

Prints accuracy per field for the held-back and development parts, and per
council family for each. Scans (no text layer) are left out: nothing can be
read from them. Writes ``bench/out/eval_metadata.json``. Exit status 0 always.
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

FIELDS = ("authority", "about", "date", "date_strict", "doc_type", "title", "committee")
_GENERIC = {
    "council", "county", "city", "borough", "london", "royal", "of", "the", "and",
    "district", "metropolitan", "cc", "pc",
}


def norm_body(name: str | None) -> str:
    if not name:
        return ""
    words = re.findall(r"[a-z0-9']+", name.lower().replace("&", " and "))
    return " ".join(w for w in words if w not in _GENERIC)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def field_ok(field: str, gold: dict, got: dict) -> bool | None:
    """True/False, or None when the field is not scored for this paper."""
    from rapidfuzz import fuzz

    if field == "authority":
        want = {norm_body(gold.get("authority"))} | {norm_body(a) for a in gold.get("authority_ok") or []}
        return norm_body(got.get("authority")) in want
    if field == "about":
        g = {norm_body(a) for a in gold.get("about") or []}
        p = {norm_body(a) for a in got.get("about") or []}
        if not g and not p:
            return None
        return g == p
    if field in ("date", "date_strict"):
        want = gold.get("date")
        have = got.get("date")
        if want is None:
            return have is None
        if have is None:
            return False
        if field == "date" and have in (gold.get("date_ok") or []):
            return True
        return have == want if len(want) == 10 else have[:7] == want[:7]
    if field == "doc_type":
        return got.get("doc_type") in {gold.get("doc_type"), *(gold.get("doc_type_ok") or [])}
    want = gold.get(field)
    have = got.get(field)
    if not want:
        return None
    return bool(have) and fuzz.token_set_ratio(str(want).lower(), str(have).lower()) >= 80


def read_meta(path: Path, known: frozenset[str] = frozenset(), by_series: dict[str, str] | None = None) -> dict:
    """The paper's metadata as indexing gives it: ``known`` are the councils the other
    papers of the run name (indexing reads a paper that uses only initials with them);
    ``by_series``: councils the item numbering of the run's papers gives (file -> council)."""
    from paperfinder.ingest.metadata import settle_authority
    from paperfinder.ingest.readers import read_documents

    docs = read_documents(path)
    d = docs[0]
    settle_authority(d, (by_series or {}).get(path.name), known)  # as indexing does
    return {
        "authority": d.authority,
        "about": list(getattr(d, "about", None) or []),
        "date": d.date,
        "doc_type": d.doc_type,
        "title": d.title,
        "committee": d.committee,
    }


def _series(gold: list[dict], docs: Path, known: frozenset[str]) -> dict[str, str]:
    """As one index run: the councils the papers' item numbering gives (file -> council)."""
    from paperfinder.ingest.metadata import authority_by_acronym
    from paperfinder.ingest.readers import read_documents
    from paperfinder.ingest.series import NumberedPaper, authorities_by_series, item_span

    papers = []
    for g in gold:
        d = read_documents(docs / g["file"])[0]
        span = item_span(d.lines)
        if span:
            authority = d.authority or authority_by_acronym(d.lines, known)
            papers.append(NumberedPaper(g["file"], span[0], span[1], authority, d.date))
    return authorities_by_series(papers)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "metadata.jsonl"))
    ap.add_argument("--docs", default=str(ROOT.parent / "shared" / "corpus-dev" / "docs"))
    ap.add_argument("--split", default="all", choices=("all", "heldback", "dev"))
    ap.add_argument("--show-wrong", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "eval_metadata.json"))
    args = ap.parse_args(argv)

    gold = [g for g in load(Path(args.gold)) if not g.get("scan")]
    from paperfinder.ingest.readers import read_documents

    # as one index run: the councils every paper names, for papers that use only initials
    known = frozenset(
        d.authority for g in gold for d in read_documents(Path(args.docs) / g["file"]) if d.authority
    )
    by_series = _series(gold, Path(args.docs), known)
    if args.split != "all":
        gold = [g for g in gold if g["split"] == args.split]
    # (split, family, field) -> [right, scored]
    tally: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    wrong: list[str] = []
    # (split, field) -> [misses left empty, misses naming something else]: how a field fails,
    # counted only, so the held-back part says what kind of rule is missing without listing papers
    kinds: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for g in gold:
        path = Path(args.docs) / g["file"]
        try:
            got = read_meta(path, known, by_series)
        except Exception as exc:  # noqa: BLE001 - a benchmark counts a failing paper as wrong and goes on
            got = {}
            wrong.append(f"{g['file']}: read failed: {exc!r}")
        for field in FIELDS:
            ok = field_ok(field, g, got)
            if ok is None:
                continue
            for fam in (g["family"], "ALL"):
                t = tally[(g["split"], fam, field)]
                t[0] += ok
                t[1] += 1
            if not ok and field in ("authority", "date", "doc_type"):
                kinds[(g["split"], field)][0 if got.get(field) in (None, "") else 1] += 1
            if not ok and field in ("authority", "about", "date", "doc_type"):
                wrong.append(f"[{g['split']}] {g['file']}: {field}: got {got.get(field)!r}, want {g.get(field)!r}")

    result: dict[str, dict] = {}
    for split in ("heldback", "dev"):
        fams = sorted({f for (s, f, _x) in tally if s == split}, key=lambda f: (f != "ALL", f))
        if not fams:
            continue
        print(f"\n== {split} ==")
        print(f"{'family':<16}" + "".join(f"{f:>14}" for f in FIELDS))
        for fam in fams:
            row = f"{fam:<16}"
            for field in FIELDS:
                right, n = tally.get((split, fam, field), [0, 0])
                row += f"{(f'{right}/{n} {100 * right / n:.0f}%') if n else '-':>14}"
                result.setdefault(split, {}).setdefault(fam, {})[field] = [right, n]
            print(row)
        print("misses: " + "; ".join(
            f"{field} {kinds[(split, field)][0]} left empty, {kinds[(split, field)][1]} another"
            for field in ("authority", "date", "doc_type")))
    if args.show_wrong:
        # the held-back part is scored only: its misses are never listed, so nobody tunes on them
        print("\n" + "\n".join(w for w in wrong if w.startswith("[dev]")))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
