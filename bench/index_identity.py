"""Do two indexes hold the same thing? Passage by passage, for a change that must not
change the output (a faster reader or tagger: issue 17 item 4).

    .venv/bin/python bench/index_identity.py BEFORE_INDEX AFTER_INDEX

Both indexes must be built from the same corpus path, from the same working folder
(sources and document ids are paths). Compared: every stored record (every field:
text, entities with their offsets and values, the document's metadata and people,
line numbers, pages, primary copy), matched by passage id; every keyword field's
value counts; the fields searched but not given back with a hit, by what searches
in them find (the passages holding an amount in each currency, the passages whose
meeting each person attended); the JSON files beside the index (people learned,
item numbering, the value cache).
Prints the first differences and exits 1 when there are any, else prints what was
compared and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from paperfinder.recognise.money import AMOUNT_CURRENCIES, amount_field
from paperfinder.search import query as Q
from paperfinder.search.backend import SearchBackend, backend_for

FACET_FIELDS = ("authority", "authorities", "about", "people", "passage_people", "doc_type", "section_type", "year", "kinds", "acronyms")
SIDE_FILES = ("numbering.json", "people.json", "values.json")


def records(index: str) -> dict[str, dict]:
    be = backend_for(index)
    out: dict[str, dict] = {}
    for rec in be.iter_all():
        key = rec["passage_id"] + "\0" + rec["source"]
        if key in out:
            raise SystemExit(f"{index}: passage {key!r} stored twice")
        out[key] = rec
    return out


# every amount a record can hold (``index.records._sane_amount``)
_EVERY_AMOUNT = 1e15
AMOUNT_FIELDS = tuple(dict.fromkeys(amount_field(c) for c in AMOUNT_CURRENCIES + ("other",)))


def searched_only(be: SearchBackend) -> dict[str, object]:
    """What searches in the fields a hit leaves out find: the passages (id and file) with an
    amount in each currency, and per person the number of passages of meetings they attended
    (counted by a search, as whoosh's value counts of a field without a column include
    copies and deleted passages)."""
    out: dict[str, object] = {}
    for field in AMOUNT_FIELDS:
        hits = be.run_query(Q.Every(), filter_q=Q.NumericRange(field, -_EVERY_AMOUNT, _EVERY_AMOUNT), limit=None, snippet_terms=False)[1]
        out[field] = sorted((h.fields["passage_id"], h.fields["source"]) for h in hits)
    for name in sorted(be.field_values("present_names")):
        found = be.run_query(Q.Term("present_names", name), limit=0)[0]
        if found:  # a name whoosh's term list keeps of deleted passages finds none: as if not there
            out["present_names=" + name] = found
    return out


def _side(path: Path) -> object:
    """A JSON file beside the index, without the generation it was written for."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data.pop("generation", None)
    return data


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def compare(before: str, after: str, show: int = 10) -> list[str]:
    diffs: list[str] = []
    a, b = records(before), records(after)
    for key in sorted(set(a) - set(b))[:show]:
        diffs.append(f"only in before: {key!r}")
    for key in sorted(set(b) - set(a))[:show]:
        diffs.append(f"only in after: {key!r}")
    for key in sorted(set(a) & set(b)):
        ra, rb = a[key], b[key]
        for field in sorted(set(ra) | set(rb)):
            if canonical(ra.get(field)) != canonical(rb.get(field)):
                diffs.append(f"{key!r} field {field}: {canonical(ra.get(field))[:300]} != {canonical(rb.get(field))[:300]}")
    ba, bb = backend_for(before), backend_for(after)
    for field in FACET_FIELDS:
        va, vb = dict(ba.field_values(field)), dict(bb.field_values(field))
        if va != vb:
            diffs.append(f"value counts of {field} differ: {len(va)} values before, {len(vb)} after")
    sa, sb = searched_only(ba), searched_only(bb)
    for key in sorted(set(sa) | set(sb)):
        if sa.get(key) != sb.get(key):
            diffs.append(f"search in {key} differs: {canonical(sa.get(key))[:300]} != {canonical(sb.get(key))[:300]}")
    for name in SIDE_FILES:
        fa, fb = Path(before) / name, Path(after) / name
        if fa.is_file() != fb.is_file():
            diffs.append(f"{name}: in one index only")
        elif fa.is_file() and _side(fa) != _side(fb):
            diffs.append(f"{name} differs")
    print(f"compared {len(a)} and {len(b)} passages ({sum(len(r) for r in a.values())} fields), "
          f"value counts of {len(FACET_FIELDS)} fields, {len(sa)} searches in fields a hit leaves out, {', '.join(SIDE_FILES)}")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--show", type=int, default=20, help="differences printed at most")
    args = ap.parse_args()
    diffs = compare(args.before, args.after)
    for d in diffs[: args.show]:
        print(d)
    if diffs:
        print(f"DIFFERENT: {len(diffs)} differences")
        return 1
    print("IDENTICAL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
