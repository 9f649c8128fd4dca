"""Build tests/gold/entities.jsonl from the hand-written .ann files in entities_src/.

The .ann files are the hand annotation (one line per entity mention); this script
only converts them to JSON, computes the split, and checks that each annotated
surface really occurs at the stated line/page of the paper (a typo guard).  It
never runs paperfinder.

.ann format (fields separated by " | "):
    file: <name in corpus-dev/docs>
    family: <family>
    council: <council name>
    region: all | lines A-B | pages A-B
    M <loc> | <text> | <value> | <currency>
    P <loc> | <text> | <kind> | <role or ->
    A <loc> | <text> | <canonical>
    D <loc> | <text> | <YYYY-MM-DD>
<loc> is a 1-based line number for text files, or pN (1-based page) for PDFs.
"""
import hashlib
import html
import json
import logging
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "entities_src")
OUT = os.path.join(HERE, "entities.jsonl")
DOCS = os.environ.get("CORPUS_DOCS", "/work/shared/corpus-dev/docs")

ORDER = ["file", "family", "council", "region", "region_lines", "region_pages", "split", "entities"]


logging.getLogger("pypdf").setLevel(logging.ERROR)


def split_of(name):
    return "heldback" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def norm(s):
    s = s.replace("\u00a0", " ").replace("\\", "")
    return re.sub(r"\s+", " ", s).strip()


def text_lines(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().split("\n")
    if path.endswith(".md"):
        lines = [l.replace("**", "") for l in lines]
    if path.endswith((".html", ".txt")):
        lines = [html.unescape(re.sub(r"<[^>]+>", " ", l)) for l in lines]
    return lines


_pdf_cache = {}


def pdf_pages(path):
    if path not in _pdf_cache:
        from pypdf import PdfReader
        r = PdfReader(path)
        _pdf_cache[path] = [None] * len(r.pages)
        _pdf_cache[path] = r
    return _pdf_cache[path]


def pdf_page_text(path, n):
    return norm(pdf_pages(path).pages[n - 1].extract_text() or "")


def parse(path):
    head, ents, problems = {}, [], []
    for i, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^(file|family|council|region):\s*(.*)$", line)
        if m:
            head[m.group(1)] = m.group(2).strip()
            continue
        m = re.match(r"^([MPAD])\s+(p?\d+)\s*\|\s*(.*)$", line)
        if not m:
            problems.append(f"{path}:{i}: cannot parse {line!r}")
            continue
        lab, loc, rest = m.group(1), m.group(2), [x.strip() for x in m.group(3).split(" | ")]
        e = {}
        if lab == "M":
            text, value, cur = rest
            v = float(value)
            e = {"label": "MONEY", "text": text, "value": int(v) if v == int(v) else v, "currency": cur}
        elif lab == "P":
            text, kind, role = rest
            assert kind in ("councillor", "officer", "other"), line
            e = {"label": "PERSON", "text": text, "kind": kind, "role": None if role == "-" else role}
        elif lab == "A":
            text, canon = rest
            e = {"label": "AUTHORITY", "text": text, "canonical": canon}
        elif lab == "D":
            text, iso = rest
            assert re.match(r"^\d{4}-\d{2}-\d{2}$", iso), line
            e = {"label": "DATE", "text": text, "value": iso}
        if loc.startswith("p"):
            e["line"] = None
            e["page"] = int(loc[1:])
        else:
            e["line"] = int(loc)
        e["_src"] = f"{os.path.basename(path)}:{i}"
        ents.append(e)
    return head, ents, problems


def region_of(head, nlines, npages):
    r = head["region"]
    if r == "all":
        return "all", ([1, nlines] if nlines else None), ([1, npages] if npages else None)
    m = re.match(r"lines (\d+)-(\d+)", r)
    if m:
        return r, [int(m.group(1)), int(m.group(2))], None
    m = re.match(r"pages (\d+)-(\d+)", r)
    if m:
        return r, None, [int(m.group(1)), int(m.group(2))]
    raise ValueError(r)


def check(fname, ents, rl, rp, problems):
    path = os.path.join(DOCS, fname)
    is_pdf = fname.endswith(".pdf")
    if not is_pdf:
        lines = text_lines(path)
    for e in ents:
        t = norm(e["text"])
        if is_pdf:
            p = e["page"]
            if rp and not (rp[0] <= p <= rp[1]):
                problems.append(f"{e['_src']}: page {p} outside region")
            if t not in pdf_page_text(path, p) and t.replace(" ", "") not in pdf_page_text(path, p).replace(" ", ""):
                problems.append(f"{e['_src']}: {t!r} not on page {p}")
        else:
            ln = e["line"]
            if rl and not (rl[0] <= ln <= rl[1]):
                problems.append(f"{e['_src']}: line {ln} outside region")
            first = norm(lines[ln - 1])
            window = norm(" ".join(lines[ln - 1: ln + 6]))
            ok = False
            start = 0
            while True:
                k = window.find(t, start)
                if k < 0:
                    break
                if k < len(first):
                    ok = True
                    break
                start = k + 1
            if not ok:
                # allow a surface that starts on this line and continues after a line break
                # with no space (hyphenless word wrap) -- compare without spaces
                if t.replace(" ", "") and window.replace(" ", "").find(t.replace(" ", "")) in range(0, len(first.replace(" ", ""))):
                    ok = True
            if not ok:
                problems.append(f"{e['_src']}: {t!r} does not start on line {ln}: {first[:120]!r}")


def warn_counts(fname, ents, rl, rp):
    """Reading aid: a surface that occurs in the region more often than it is annotated."""
    path = os.path.join(DOCS, fname)
    if fname.endswith(".pdf"):
        body = " ".join(pdf_page_text(path, p) for p in range(rp[0], rp[1] + 1))
    else:
        body = norm(" ".join(text_lines(path)[rl[0] - 1: rl[1]]))
    from collections import Counter
    c = Counter(norm(e["text"]) for e in ents)
    for t, n in c.items():
        k = len(re.findall(r"(?<![A-Za-z0-9])" + re.escape(t) + r"(?![A-Za-z0-9])", body))
        if k != n:
            print(f"  note {fname}: {t!r} annotated {n}x, occurs {k}x", file=sys.stderr)


def main():
    problems = []
    records = []
    for fn in sorted(os.listdir(SRC)):
        if not fn.endswith(".ann"):
            continue
        head, ents, probs = parse(os.path.join(SRC, fn))
        problems += probs
        fname = head["file"]
        path = os.path.join(DOCS, fname)
        if fname.endswith(".pdf"):
            npages = len(pdf_pages(path).pages)
            nlines = None
        else:
            nlines = len(open(path, encoding="utf-8", errors="replace").read().split("\n"))
            if nlines and open(path, encoding="utf-8", errors="replace").read().endswith("\n"):
                nlines -= 1
            npages = None
        region, rl, rp = region_of(head, nlines, npages)
        check(fname, ents, rl, rp, problems)
        if "--warn" in sys.argv:
            warn_counts(fname, ents, rl, rp)
        ents.sort(key=lambda e: (e.get("page") or 0, e["line"] or 0))
        for e in ents:
            del e["_src"]
        rec = {
            "file": fname,
            "family": head["family"],
            "council": head.get("council"),
            "region": region,
            "region_lines": rl,
            "region_pages": rp,
            "split": split_of(fname),
            "entities": ents,
        }
        records.append(rec)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        if "--force" not in sys.argv:
            sys.exit(1)
    records.sort(key=lambda r: (r["family"], r["file"]))
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    c = Counter()
    for r in records:
        for e in r["entities"]:
            c[(r["split"], e["label"])] += 1
    print(len(records), "papers;", dict(Counter(r["split"] for r in records)))
    for k in sorted(c):
        print(" ", k, c[k])


if __name__ == "__main__":
    main()
