"""Titles written before a person's name ("Cllr", "Councillor", "Mrs", "Cr", "Alderman"), defined once.

The titles and what each says of its holder are kept in ``data/person_titles.txt``; the
entity tagger, the answer reader and the registers build their patterns from it, so a
title learned for one of them ("Cr" for an Australian councillor) is read by all.
"""

from __future__ import annotations

from functools import lru_cache

from paperfinder.datafiles import data_lines

__all__ = ["KINDS", "titles", "title_words", "title_pattern"]

KINDS = frozenset({"councillor", "plural", "personal", "territorial", "point", "rank", "post"})


@lru_cache(maxsize=1)
def titles() -> tuple[tuple[str, frozenset[str]], ...]:
    """(title as written, its kinds) in file order."""
    out = []
    for line in data_lines("person_titles.txt"):
        title, _, kinds = line.partition("\t")
        marks = frozenset(k for k in kinds.split() if k != "-")
        unknown = marks - KINDS
        if unknown:  # a typo in the data file would silently drop a title from its kind
            raise ValueError(f"person_titles.txt: unknown kind(s) {sorted(unknown)} for {title!r}")
        out.append((title, marks))
    return tuple(out)


def _of(kinds: tuple[str, ...], without: tuple[str, ...] = ("rank",)) -> list[tuple[str, frozenset[str]]]:
    # a rank ("Superintendent") is asked for by name: it titles a person but says nothing of a council's members
    without = tuple(k for k in without if k not in kinds)
    return [(t, m) for t, m in titles() if m.issuperset(kinds) and not m.intersection(without)]


@lru_cache(maxsize=None)
def title_words(*kinds: str, without: tuple[str, ...] = ()) -> frozenset[str]:
    """The titles of every one of ``kinds`` (all titles but ranks without any) in lower case,
    abbreviations with and without their point."""
    out: set[str] = set()
    for title, marks in _of(kinds, ("rank", *without)):
        out.add(title.lower())
        if "point" in marks:
            out.add(title.lower() + ".")
    return frozenset(out)


@lru_cache(maxsize=None)
def title_pattern(*kinds: str, without: tuple[str, ...] = ()) -> str:
    """A regex alternation (a non-capturing group) of the titles of every one of ``kinds`` (all
    titles but ranks without any; none of the kinds ``without``), longest first, abbreviations with an optional point; case as written
    (wrap it in ``(?i:...)`` to fold case)."""
    chosen = _of(kinds, ("rank", *without))
    chosen.sort(key=lambda tm: -len(tm[0]))  # "Councillors" is tried before "Councillor"
    return "(?:" + "|".join(t.replace(" ", r"\s+") + (r"\.?" if "point" in m else "") for t, m in chosen) + ")"
