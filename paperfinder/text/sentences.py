"""Where sentences end in passage text: the one rule every stage uses.

A full stop, question or exclamation mark (with any closing quotes and brackets)
followed by space and a capital, a digit, a currency sign or a bullet ends a
sentence, except after an abbreviation ("Cllr.", "e.g.", ``data/abbreviations.txt``),
an initial or initialism ("J.", "i.e."), a paragraph label alone ("9.3. The award
is £2,808,401." is one sentence) or a decimal split by the conversion ("£5. 00").
``sentences`` also ends a sentence at every line break (converted papers put table
rows and list items on lines of their own); the decision reader cuts at its own
list items and html blocks first, then asks ``boundaries`` within each piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from paperfinder.datafiles import data_text
from paperfinder.text.person_titles import titles

_BOUNDARY = re.compile(r"([.!?]+)([\"”’')\]*_]*)(\s+)(?=[\"“‘'(\[*_<]*[A-Z0-9£€$•➤-])")
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]?")
_LABEL_ONLY = re.compile(r"[\s\-*•#>]*\(?(?:\d{1,2}(?:\.\d{1,2}){0,3}|[a-z]|[ivx]{1,4})\)?", re.I)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words a full stop does not end a sentence after, lower case, without their last full stop
    (``data/abbreviations.txt`` and the abbreviated titles of ``data/person_titles.txt``: one list
    for every sentence splitter)."""
    listed = frozenset(w.strip() for w in data_text("abbreviations.txt").splitlines() if w.strip() and not w.startswith("#"))
    return listed | {t.lower() for t, kinds in titles() if "point" in kinds}


def _last_word(before: str) -> str:
    """The word ending ``before`` (ASCII letters, then letters and full stops, up to its end),
    else "". Read back from the end: a regex search for it tries every letter of a long sentence."""
    if before.endswith("\n"):
        before = before[:-1]  # as "$" matches before a last line break
    run = before[len(before.rstrip(_WORD_CHARS)) :]
    return run.lstrip(".")


def is_label_only(fragment: str) -> bool:
    """True when the text before a full stop is only a paragraph label ("2.1", "- 4", "(a)")."""
    return bool(_LABEL_ONLY.fullmatch(fragment))


def boundaries(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Each sentence boundary in ``text[start:end]``: (where the sentence ends, after its closing
    marks; where the next one starts, after the space)."""
    seg = text[start:end]
    last = 0
    abbrev = abbreviations()
    for m in _BOUNDARY.finditer(seg):
        before = seg[last : m.start(1)]
        token = _last_word(before)
        word = token.lower().rstrip(".")
        if m.group(1) == "." and (
            (before[-1:].isdigit() and seg[m.end(3) : m.end(3) + 1].isdigit())  # "£5. 00"
            or word in abbrev
            or _INITIALISM.fullmatch(word or "-")
            or (len(token) == 1 and token.isupper())
            or is_label_only(before)
        ):
            continue
        yield start + m.end(2), start + m.end(3)
        last = m.end(3)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence of ``text``; a line break always ends one."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        s = pos
        for e, nxt in boundaries(text, pos, pos + len(line)):
            _add(spans, text, s, e)
            s = nxt
        _add(spans, text, s, pos + len(line))
        pos += len(line) + 1
    return spans


def _add(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
