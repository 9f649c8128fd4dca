"""A regex scan that tries a pattern only where a match can start.

``re`` skips ahead fast only for patterns that begin with a literal or a character
class; a pattern that begins with a look-behind, a group of alternatives or an
ignore-case alternation is tried at every character of the text. When every match
must begin where a cheap pattern matches (a digit, a capital letter), the cheap
pattern finds those places and the big one is tried there only.
"""

from __future__ import annotations

import re
from functools import lru_cache
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


# the only characters an ignore-case ASCII letter matches whose lower case is not that letter
_CASE_ODD = ("\u0130", "\u0131", "\u017f")  # İ ı ſ


def lowered(text: str) -> str | None:
    """``text`` in lower case, where a word of :func:`required_words` is found exactly when
    the text holds it in any case; None for a text where that is not so (one holding İ, ı
    or ſ, which an ignore-case letter matches though their lower case is not that letter)."""
    return None if any(c in text for c in _CASE_ODD) else text.lower()


@lru_cache(maxsize=None)
def required_words(rx: re.Pattern) -> tuple[str, ...]:
    """Lower-case words (runs of ASCII literals) one of which every match of ``rx`` holds,
    in any case; () when the pattern names none (then nothing can be ruled out). A text
    whose :func:`lowered` form holds none of them has no match: ``str``'s search for a word
    is many times faster than ``re`` trying a pattern that begins with a group, a look-behind
    or an ignore-case letter at every character."""
    from re import _parser  # type: ignore[attr-defined]

    return _required(_parser.parse(rx.pattern, rx.flags).data) or ()


def _required(items) -> tuple[str, ...] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    found: list[tuple[str, ...]] = []
    run: tuple[str, ...] = ("",)  # what the literal stretch read so far can be, every way
    for op, av in list(items) + [(None, None)]:
        same = _strings([(op, av)]) if op is not None else None
        if same is not None and len(run) * len(same) <= _MOST_WORDS:
            run = tuple(dict.fromkeys(a + b for a in run for b in same))
            continue
        if all(run):
            found.append(run)
        run = ("",)
        if op is c.SUBPATTERN:
            got = _required(av[-1])
        elif op is c.BRANCH:
            each = [_required(b) for b in av[1]]
            got = None if any(e is None for e in each) else tuple(dict.fromkeys(w for e in each for w in e or ()))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            got = _required(av[2])
        else:
            got = None
        if got:
            found.append(got)
    # the surest: the words whose shortest is longest
    return max(found, key=lambda ws: (min(map(len, ws)), -len(ws)), default=None)


_MOST_WORDS = 32


def _strings(items) -> tuple[str, ...] | None:
    """Every text ``items`` match, in lower case, when they are plain ASCII literals, groups
    and alternatives of them (at most a few dozen); else None."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: tuple[str, ...] = ("",)
    for op, av in items:
        if op is c.LITERAL and av < 128:
            same: tuple[str, ...] | None = (chr(av).lower(),)
        elif op is c.SUBPATTERN:
            same = _strings(av[-1])
        elif op is c.BRANCH:
            each = [_strings(b) for b in av[1]]
            same = None if any(e is None for e in each) else tuple(w for e in each for w in e or ())
        else:
            same = None
        if same is None or len(out) * len(same) > _MOST_WORDS:
            return None
        out = tuple(dict.fromkeys(a + b for a in out for b in same))
    return out


def may_search(rx: re.Pattern, low: str | None) -> bool:
    """False only when ``rx.search`` of the text whose :func:`lowered` form is ``low`` finds
    nothing: the text holds none of the pattern's :func:`required_words`."""
    words = required_words(rx)
    return low is None or not words or any(w in low for w in words)
