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
def tab_rules(name: str, fields: int = 1, flags: int = re.I, wrap: str = "{}") -> tuple[tuple[tuple[str, ...], re.Pattern], ...]:
    """((field, ...), compiled regex) per rule of ``data/name``; ``wrap`` places the regex in a larger one."""
    out = []
    for line in data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t", fields)
        out.append((tuple(parts[:fields]), re.compile(wrap.format(parts[fields]), flags)))
    return tuple(out)
