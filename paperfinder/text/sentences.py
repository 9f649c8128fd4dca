"""Sentence spans in passage text, aware of paragraph numbers and abbreviations.

"9.3. The award is £2,808,401." is one sentence, not "9.3." and the rest; a
line break always ends a sentence (converted papers put table rows and list
items on lines of their own).
"""

from __future__ import annotations

import re
from functools import lru_cache

from paperfinder.datafiles import data_text

_CANDIDATE = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")
_PARA_NO = re.compile(r"^\s*(?:[-•*]\s*)?\d{1,2}(?:\.\d{1,2}){0,3}$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words a full stop does not end a sentence after, lower case, without their last full stop
    (``data/abbreviations.txt``: one list for every sentence splitter)."""
    return frozenset(w.strip() for w in data_text("abbreviations.txt").splitlines() if w.strip() and not w.startswith("#"))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if m.group(0) != "\n":
            before = text[start : m.start()]
            word = re.split(r"\s", before)[-1].lower() if before else ""
            if _PARA_NO.match(before) or word.rstrip(".") in abbreviations() or re.fullmatch(r"[a-z]", word):
                continue  # a paragraph number, an abbreviation or an initial
            nxt = text[m.end() : m.end() + 1]
            if nxt and nxt.islower():
                continue
        _add(spans, text, start, m.end())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
