"""A regex scan that tries a pattern only where a match can start.

``re`` skips ahead fast only for patterns that begin with a literal or a character
class; a pattern that begins with a look-behind, a group of alternatives or an
ignore-case alternation is tried at every character of the text. When every match
must begin where a cheap pattern matches (a digit, a capital letter), the cheap
pattern finds those places and the big one is tried there only.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator


def finditer_at(rx: re.Pattern, places: Iterable[int], text: str) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern that can match only at ``places``
    (ascending; repeats allowed). ``rx`` must not match the empty string."""
    pos = 0
    match = rx.match
    for p in places:
        if p < pos:
            continue  # inside the previous match: finditer does not overlap matches
        m = match(text, p)
        if m is not None:
            yield m
            pos = m.end()


def finditer_from(rx: re.Pattern, starts: re.Pattern, text: str) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern whose matches all begin where ``starts`` matches.

    ``starts`` must consume one character (so overlapping places are all seen) and
    match at every place where ``rx`` can match, else a match is missed.
    """
    return finditer_at(rx, (c.start() for c in starts.finditer(text)), text)


def literal_trie(strings: Iterable[str], space: str | None = None) -> str:
    """A regex matching any of ``strings`` (literals), built as a character trie so the
    engine follows one branch per character; at a place the longest string wins.
    ``space``, if given, is the pattern a space in the strings stands for."""
    trie: dict = {}
    for st in strings:
        node = trie
        for ch in st:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [
            (space if space is not None and ch == " " else re.escape(ch)) + build(node[ch])
            for ch in sorted(k for k in node if k)
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)
