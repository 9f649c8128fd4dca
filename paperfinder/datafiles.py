"""Curated rules kept as data files (``paperfinder/data/``): one loader for them all.

A rules file holds one rule a line, ``key<TAB>...<TAB>regex``; blank lines and
lines starting with ``#`` are notes. The loader gives the fields before the
regex and the compiled regex, in file order (rules are tried first to last).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def data_text(name: str) -> str:
    return resources.files("paperfinder").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """The lines of ``data/name`` that hold something, stripped, in file order; blank lines
    and lines starting with ``#`` (notes) left out."""
    return tuple(s for s in (line.strip() for line in data_text(name).splitlines()) if s and not s.startswith("#"))


@lru_cache(maxsize=None)
def words_regex(name: str, *more: str, before: str = "", after: str = "") -> re.Pattern:
    """``before\\b(w1|w2|...)\\bafter`` for the words of ``data/name`` and ``more``, ignoring case."""
    alternatives = "|".join(re.escape(w) for w in (*data_lines(name), *more))
    return re.compile(before + r"\b(" + alternatives + r")\b" + after, re.I)


@lru_cache(maxsize=None)
def tab_rules(name: str, fields: int = 1, flags: int = re.I, wrap: str = "{}") -> tuple[tuple[tuple[str, ...], re.Pattern], ...]:
    """((field, ...), compiled regex) per rule of ``data/name``; ``wrap`` places the regex in a larger one."""
    out = []
    for line in data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t", fields)
        out.append((tuple(parts[:fields]), re.compile(wrap.format(parts[fields]), flags)))
    return tuple(out)


def fitted_weights(d: dict, name: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """(feature names, weights) of a fitted linear model's data file ``name`` read as ``d``;
    a file whose weights do not match its features is refused."""
    feats = tuple(d["features"])
    weights = tuple(float(w) for w in d["weights"])
    if len(feats) != len(weights):
        raise ValueError(f"{name}: {len(feats)} features but {len(weights)} weights")
    return feats, weights
