"""Acronyms that papers define for themselves: "Multi-Agency Safeguarding Hub (MASH)".

Learned from the corpus at index time (stored per passage), so a search for
either form finds both. No spaCy here: a regex and an initials check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_DEF = re.compile(r"((?:[A-Z][\w'’&-]*[ \t]+(?:(?:and|of|for|the|&|in|on|to)[ \t]+)?){1,9})\(([A-Z][A-Za-z]{1,9})\)")
_SMALL = {"and", "of", "for", "the", "&", "in", "on", "to"}
# the "(ACRONYM)" part of _DEF alone: most passages have none, and finding that is far
# cheaper than trying the capitalised words before every capital letter
_BRACKETED = re.compile(r"\([A-Z][A-Za-z]{1,9}\)")


def _initials(words: list[str]) -> str:
    out = []
    for w in words:
        if w.lower() in _SMALL:
            continue
        for part in re.split(r"[-–]", w):
            if part:
                out.append(part[0].upper())
    return "".join(out)


def find_definitions(text: str) -> list[tuple[str, str]]:
    """(ACRONYM, long form) pairs defined in ``text``; initials must agree."""
    found: list[tuple[str, str]] = []
    if not _BRACKETED.search(text):
        return found
    for m in _DEF.finditer(text):
        acro = m.group(2)
        letters = re.sub(r"[^A-Z]", "", acro)
        if len(letters) < 2:
            continue
        words = m.group(1).split()
        # the shortest tail of the capitalised words whose initials spell the acronym
        for k in range(1, len(words) + 1):
            tail = words[-k:]
            if tail[0].lower() in _SMALL:
                continue
            if _initials(tail) == letters:
                found.append((acro, " ".join(tail)))
                break
    return found


def encode(pairs: list[tuple[str, str]]) -> list[str]:
    """Index form: "mash=multi agency safeguarding hub"."""
    out = []
    for acro, long in pairs:
        norm = re.sub(r"[^\w]+", " ", long.lower()).strip()
        out.append(f"{acro.lower()}={norm}")
    return sorted(set(out))


def decode(values: list[str]) -> dict[str, str]:
    """acronym (lower case) -> long form (lower case words)."""
    out: dict[str, str] = {}
    for v in values:
        acro, _, long = v.partition("=")
        if acro and long:
            out.setdefault(acro, long)
    return out


def expand_query(text: str, table: Mapping[str, str | Sequence[str]]) -> str:
    """Rewrite a query so that an acronym also finds its long forms, and back.

    An acronym may have several long forms (papers of different councils define
    "LAP" differently): it finds every one. Quoted phrases are left as they are:
    they ask for exactly those words.
    """
    if not table:
        return text
    if '"' in text:
        parts = re.split(r'("[^"]*")', text)
        return "".join(p if '"' in p else expand_query(p, table) for p in parts)
    out = text
    low = text.lower()
    bare = re.sub(r"[^\w]+", " ", low)
    for acro, forms in table.items():
        longs = [forms] if isinstance(forms, str) else list(forms)
        written = next((long for long in longs if long in bare), None)
        # the index's table holds thousands of acronyms: the regex is built (and compiled) only
        # for one the query holds as written
        if written is None and acro in low and re.search(rf"(?<![\w\"]){re.escape(acro)}(?![\w\"])", low):
            either = " OR ".join([acro] + [f'"{long}"' for long in longs])
            out = re.sub(rf"(?<![\w\"]){re.escape(acro)}(?![\w\"])", f"({either})", out, count=1, flags=re.I)
            low = out.lower()
            bare = re.sub(r"[^\w]+", " ", low)
        elif written is not None:
            pattern = r"[\W_]+".join(re.escape(w) for w in written.split())
            new = re.sub(pattern, f'("{written}" OR {acro})', out, count=1, flags=re.I)
            if new != out:
                out = new
                low = out.lower()
                bare = re.sub(r"[^\w]+", " ", low)
    return out


def curated_equivalents() -> dict[str, str]:
    """Short forms and long forms of local-government terms (``data/equivalents.txt``)."""
    from importlib import resources

    text = resources.files("paperfinder").joinpath("data", "equivalents.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {short.strip().lower(): long.strip().lower() for short, long in pairs}
