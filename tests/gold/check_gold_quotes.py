"""Check that every quote in questions.jsonl, questions2.jsonl, questions3.jsonl, questions4.jsonl,
queries.jsonl, queries2.jsonl and queries3.jsonl occurs in its paper; and those of questions5.jsonl and
queries4.jsonl (outside councils' development texts) when /work/outside1..8/docs are present, and those of
questions6.jsonl, questions7.jsonl and questions8.jsonl (whole pages of councils in no corpus) when
/tmp/questions6/docs, /tmp/questions7/docs and /tmp/questions8/docs are present; and those of
questions9.jsonl and queries6.jsonl when /work/texts19/questions9 is present (pages saved from the search
tool, not committed).

Standalone: it does not import paperfinder. Text is taken the way the gold set
was written: .md/.txt files raw, .html files as visible text (script/style
dropped), PDFs through pypdf (pages joined by newlines). Whitespace is collapsed
on both sides before the substring test.

    python tests/gold/check_gold_quotes.py [DOCS_DIR]

DOCS_DIR defaults to /work/shared/corpus-dev/docs. Exits 1 if any quote is missing.
"""
import json
import logging
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

logging.getLogger("pypdf").setLevel(logging.ERROR)

HERE = Path(__file__).resolve().parent
DOCS = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/corpus-dev/docs")
# questions5.jsonl asks about the outside councils' texts (outside1..8, development split); a file
# is read from the first of these folders that has it (not in the repository)
OUTSIDE = [Path(f"/work/outside{i}/docs") for i in range(1, 9)]
# questions6.jsonl asks about pages saved from the search tool (third-party text, not in the repository)
FOLDERS = {"questions5.jsonl": OUTSIDE, "queries4.jsonl": OUTSIDE, "questions6.jsonl": [Path("/tmp/questions6/docs")],
           "questions7.jsonl": [Path("/tmp/questions7/docs")], "questions8.jsonl": [Path("/tmp/questions8/docs")],
           "questions9.jsonl": [Path("/work/texts19/questions9")],
           "queries6.jsonl": [Path("/work/texts19/questions9")]}


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self.skip += 1
        if tag in ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "td", "th"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


_cache = {}


def text(name, folders=None):
    key = (name, tuple(folders or ()))
    if key not in _cache:
        path = DOCS / name
        if folders:
            path = next((d / name for d in folders if (d / name).exists()), folders[0] / name)
        if name.endswith(".pdf"):
            from pypdf import PdfReader

            raw = "\n".join((p.extract_text() or "") for p in PdfReader(str(path)).pages)
        elif name.endswith(".html"):
            v = _Visible()
            v.feed(path.read_text(encoding="utf-8", errors="replace"))
            raw = "".join(v.out)
        else:
            raw = path.read_text(encoding="utf-8", errors="replace")
        _cache[key] = norm(raw)
    return _cache[key]


def main():
    checked = missing = 0
    for fname in ("questions.jsonl", "questions2.jsonl", "questions3.jsonl", "questions4.jsonl",
                  "queries.jsonl", "queries2.jsonl", "queries3.jsonl", "questions5.jsonl", "queries4.jsonl",
                  "questions6.jsonl", "questions7.jsonl", "questions8.jsonl", "questions9.jsonl", "queries6.jsonl"):
        folders = FOLDERS.get(fname)
        if folders and not folders[0].exists():
            continue
        for line in (HERE / fname).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            pairs = []
            if rec.get("file") and rec.get("quote"):
                pairs.append((rec["file"], rec["quote"]))
            pairs += [(a["file"], a["quote"]) for a in rec.get("also", [])]
            for f, q in pairs:
                checked += 1
                if norm(q) not in text(f, folders):
                    missing += 1
                    print(f"MISSING {rec['id']} {f}: {q}")
    print(f"{checked} quotes checked, {checked - missing} found, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
