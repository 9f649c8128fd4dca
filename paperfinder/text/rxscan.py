"""A regex scan that tries a pattern only where a match can start.

``re`` skips ahead fast only for patterns that begin with a literal or a character
class; a pattern that begins with a look-behind, a group of alternatives or an
ignore-case alternation is tried at every character of the text. When every match
must begin where a cheap pattern matches (a digit, a capital letter), the cheap
pattern finds those places and the big one is tried there only.
"""

from __future__ import annotations

import re
import re._constants as _sre_c
import re._parser as _sre_parse
from functools import lru_cache
from typing import Iterable, Iterator

import ahocorasick


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
    # the next place is searched for from where the scan stands, so the places inside a
    # match are never visited (as finditer_at skips them), with no generator between
    find, match = starts.search, rx.match
    pos = 0
    while (c := find(text, pos)) is not None:
        p = c.start()
        m = match(text, p)
        if m is not None:
            yield m
        pos = p + 1 if m is None else max(m.end(), p + 1)


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


# Literal prefilter. A rule's regex is searched only when the text contains one of
# the literal strings that every match of it must contain (derived from the parsed
# pattern, so it cannot drift from the data). Texts and literals are compared
# folded: ASCII lower case, plus the four non-ASCII letters that re's IGNORECASE
# matches to ASCII letters (İ ı ſ K), so a case-insensitive match is never missed.
_FOLD_SPECIAL = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_MIN_LITERAL = 3  # shorter literals are in nearly every sentence: not worth checking
DIGIT = re.compile(r"\d")  # the same digits as the patterns' \d (any Unicode decimal digit)
_MAX_ALTERNATIVES = 24


_FOLD_SPECIAL_RE = re.compile("[" + "".join(map(chr, _FOLD_SPECIAL)) + "]")


def fold(text: str) -> str:
    """``text`` as :func:`prefilter`'s literals are compared with it (same length)."""
    if text.isascii() or _FOLD_SPECIAL_RE.search(text) is None:
        return text.lower()  # (translate() with a dict is slow, and curly quotes are common)
    # the specials first: lower() would turn İ into two characters and break a literal
    return text.translate(_FOLD_SPECIAL).lower()


def _literal_sets(items) -> tuple[set[str] | None, set[str] | None]:
    """(exact, required) for a parsed regex sequence.

    ``exact``: the set of strings the sequence can match, when small and all literal.
    ``required``: strings one of which every match contains, or None when unknown.
    """
    c = _sre_c
    run: set[str] | None = {""}
    exact_all = True
    candidates: list[set[str]] = []

    def flush():
        if run and "" not in run:
            candidates.append(run)

    for op, av in items:
        ex: set[str] | None
        req: set[str] | None
        if op is c.LITERAL:
            ex = {chr(av).lower()} if av < 128 else None
            req = ex
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            ex, req = {""}, None  # zero width: a literal run goes on across it
        elif op is c.IN:
            chars = [v for o, v in av if o is c.LITERAL]
            ex = {chr(v).lower() for v in chars} if len(chars) == len(av) and all(v < 128 for v in chars) else None
            req = ex
        elif op is c.BRANCH:
            parts = [_literal_sets(alt) for alt in av[1]]
            ex = set().union(*(p[0] for p in parts)) if all(p[0] is not None for p in parts) else None
            req = set().union(*(p[1] for p in parts)) if all(p[1] for p in parts) else None
        elif op is c.SUBPATTERN:
            ex, req = _literal_sets(av[3])
        elif op is c.ATOMIC_GROUP:
            ex, req = _literal_sets(av)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, hi, body = av
            if lo == 0:
                ex, req = None, None
            else:
                ex, req = _literal_sets(body)
                if not (lo == hi == 1):
                    ex = None
        else:
            ex, req = None, None
        if ex is not None and run is not None and len(run) * len(ex) <= _MAX_ALTERNATIVES:
            run = {a + b for a in run for b in ex}
            continue
        exact_all = False
        flush()
        if ex is not None and len(ex) <= _MAX_ALTERNATIVES:
            run = set(ex)
        else:
            run = {""}
            if req and "" not in req:
                candidates.append(req)
    flush()
    exact = run if exact_all else None
    best = max(candidates, key=lambda s: (min(map(len, s)), -len(s)), default=None)
    return exact, best


def _needs_digit(items) -> bool:
    """Does every match of this parsed sequence contain a digit? (dates, years, amounts)"""
    c = _sre_c

    def digit_set(av) -> bool:
        for o, v in av:
            if o is c.LITERAL and chr(v).isdigit() and chr(v).isascii():
                continue
            if o is c.RANGE and 48 <= v[0] <= v[1] <= 57:
                continue
            if o is c.CATEGORY and v is c.CATEGORY_DIGIT:
                continue
            return False
        return bool(av)

    for op, av in items:
        if op is c.LITERAL and chr(av).isdigit() and chr(av).isascii():
            return True
        if op is c.IN and digit_set(av):
            return True
        if op is c.BRANCH and all(_needs_digit(alt) for alt in av[1]):
            return True
        if op is c.SUBPATTERN and _needs_digit(av[3]):
            return True
        if op is c.ATOMIC_GROUP and _needs_digit(av):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1 and _needs_digit(av[2]):
            return True
    return False


@lru_cache(maxsize=None)  # one per pattern: the rule files' patterns are few
def prefilter(regex: re.Pattern[str]) -> tuple[tuple[str, ...] | None, bool]:
    """(literals one of which is in every match, folded, or None; whether every match has a digit)."""
    try:
        items = _sre_parse.parse(regex.pattern, regex.flags).data
    # re's private parser refuses the pattern, or its parse has another shape in this Python:
    # no prefilter, same results (only these: a bug elsewhere is not caught here)
    except (re.error, AttributeError, TypeError):  # pragma: no cover
        return None, False
    _exact, req = _literal_sets(items)  # a construct these do not know gives None (no literals), not an error
    digit = _needs_digit(items)
    if not req or min(map(len, req)) < _MIN_LITERAL:
        return None, digit
    # "aim" in a sentence is enough to try the rule: "aims", "aiming" need no check of their own
    return tuple(sorted(x for x in req if not any(y != x and y in x for y in req))), digit


def may_search(rx: re.Pattern, folded: str) -> bool:
    """False only when ``rx.search`` of the text whose :func:`fold` is ``folded`` finds
    nothing: it holds none of the pattern's literals, or no digit where every match has one.
    A ``str`` search for a word is many times faster than ``re`` trying a pattern that
    begins with a group, a look-behind or an ignore-case letter at every character."""
    need, digit = prefilter(rx)
    if digit and DIGIT.search(folded) is None:
        return False
    return need is None or any(lit in folded for lit in need)


_REFERS_TO_GROUP = re.compile(r"\(\?P=|\(\?\(|\\[1-9]")


@lru_cache(maxsize=None)  # one per rule: the rule files' patterns are few
def alternatives(regex: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """The top-level alternatives of ``regex`` ("a|b|c"), each compiled alone with its
    flags: ``regex.search(text)`` finds something exactly when one of them does. Each
    has its own literals for :func:`may_search`, where the whole pattern's are those of
    its weakest alternative (a rule of ten ways to say a thing, one of which holds a
    common word). ``(regex,)`` when the pattern refers to a group (the alternatives
    would number theirs afresh) or is verbose (a comment may hold a bar)."""
    pattern = regex.pattern
    if regex.flags & re.VERBOSE or _REFERS_TO_GROUP.search(pattern):
        return (regex,)
    parts: list[str] = []
    depth, start, i, n = 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: its brackets, parentheses and bars are characters
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1  # a "]" first in a class is one of its characters
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    if len(parts) == 1:
        return (regex,)
    return tuple(re.compile(p, regex.flags) for p in parts)


def may_search_any(regex: re.Pattern[str], text: str, folded: str) -> bool:
    """``regex.search(text) is not None``, each alternative searched only when the text
    (folded: ``folded``) holds its literals, and tried only where it can begin (:func:`found`)."""
    return any(may_search(alt, folded) and found(alt, text, folded) for alt in alternatives(regex))


# more head strings than this, or one shorter than _MIN_HEAD, and re's own scan costs less
_MAX_HEADS = 24
_MIN_HEAD = 2


def _item_heads(op, av) -> tuple[set[str] | None, bool]:
    """(strings, folded, one of which every match of one parsed item begins with once folded;
    whether the item matches exactly those strings, folded), or (None, False) when unknown
    or it can match empty. Heads are compared with the folded text whatever the pattern's
    case: a case-sensitive "Board" is looked for as "board", which finds more places to try,
    never fewer."""
    c = _sre_c
    if op is c.LITERAL:
        if av >= 128:
            return None, False  # fold() and re's case-insensitive match agree on ASCII letters only
        return {chr(av).lower()}, True
    if op is c.IN:
        if all(o is c.LITERAL and v < 128 for o, v in av):
            return {chr(v).lower() for _o, v in av}, True
        return None, False
    if op is c.BRANCH:
        parts = [_heads(alt) for alt in av[1]]
        if any(h is None for h, _ex in parts):
            return None, False
        return set().union(*(h for h, _ex in parts if h is not None)), all(ex for _h, ex in parts)
    if op is c.SUBPATTERN:
        return _heads(av[3])  # (?i:...) or not: heads are folded either way
    if op is c.ATOMIC_GROUP:
        return _heads(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        h, ex = _heads(av[2])
        return h, ex and av[0] == av[1] == 1
    return None, False


def _heads(items) -> tuple[set[str] | None, bool]:
    """(strings one of which every match of a parsed sequence begins with, none empty;
    whether the sequence matches exactly those strings), or (None, False)."""
    c = _sre_c
    acc = {""}
    for op, av in items:
        if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: what follows it still begins where it stands
        h, ex = _item_heads(op, av)
        if h is None or "" in h or len(acc) * len(h) > _MAX_HEADS:
            return (acc if "" not in acc else None), False
        acc = {a + b for a in acc for b in h}
        if not ex:
            return acc, False
    return (acc if "" not in acc else None), True


@lru_cache(maxsize=None)  # one per pattern: the rule files' patterns are few
def starts(regex: re.Pattern[str]) -> tuple[tuple[str, ...] | None, bool]:
    """Where a match of ``regex`` can begin: (heads, lines). ``heads``: strings one of which
    every match begins with once folded (:func:`fold`), or None; ``lines``:
    every match begins at the start of a line (of the text, without MULTILINE). (None,
    False): anywhere, as far as the parsed pattern shows."""
    try:
        items = _sre_parse.parse(regex.pattern, regex.flags).data
    except (re.error, AttributeError, TypeError):  # pragma: no cover - see prefilter
        return None, False
    c = _sre_c
    heads, _exact = _heads(items)
    if heads is not None and min(map(len, heads)) >= _MIN_HEAD:
        # a head another head begins ("an" after "a") adds no place to try
        return tuple(sorted(h for h in heads if not any(o != h and h.startswith(o) for o in heads))), False
    if _sre_parse.parse(regex.pattern, regex.flags).getwidth()[0] == 0:
        return None, False  # an empty match: finditer's rules for those are its own
    for op, av in items:  # "^" before anything that consumes a character
        if op is c.AT and av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
            return None, True
        if not (op is c.AT or op in (c.ASSERT, c.ASSERT_NOT)):
            break
    return None, False


def _places(rx: re.Pattern[str], text: str, folded: str) -> list[int] | None:
    """Every place, ascending, where :func:`starts` says a match of ``rx`` can begin; None: anywhere."""
    heads, lines = starts(rx)
    if heads is not None:
        find = folded.find
        out: list[int] = []
        for head in heads:
            i = find(head)
            while i >= 0:
                out.append(i)
                i = find(head, i + 1)
        if len(heads) > 1:
            out.sort()  # heads never begin one another: no place twice
        return out
    if lines:
        if not rx.flags & re.MULTILINE:
            return [0]
        out = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            out.append(i + 1)
            i = find("\n", i + 1)
        return out
    return None


def finditer(rx: re.Pattern[str], text: str, folded: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` (``folded``: ``fold(text)``), the pattern tried only where
    :func:`starts` says a match can begin."""
    places = _places(rx, text, folded)
    return rx.finditer(text) if places is None else finditer_at(rx, places, text)


def found(rx: re.Pattern[str], text: str, folded: str) -> bool:
    """``rx.search(text) is not None`` (``folded``: ``fold(text)``), with the pattern tried only
    where :func:`starts` says a match can begin: ``re`` skips ahead by itself only for a
    pattern that begins with a case-sensitive literal, so one that begins with ``\\b``, a
    group or a word in any case is otherwise tried at every character of the text."""
    heads, lines = starts(rx)
    match = rx.match  # match(text, i) sees the text before i, as search does (\b, look-behinds, ^)
    if heads is not None:
        find = folded.find
        for head in heads:
            i = find(head)
            while i >= 0:
                if match(text, i) is not None:
                    return True
                i = find(head, i + 1)
        return False
    if lines:
        if match(text, 0) is not None:
            return True
        if not rx.flags & re.MULTILINE:
            return False  # "^" is the text's start only
        find = text.find
        i = find("\n")
        while i >= 0:
            if match(text, i + 1) is not None:
                return True
            i = find("\n", i + 1)
        return False
    return rx.search(text) is not None


class LiteralMask:
    """:func:`may_search` for several patterns at once: bit ``i`` of :meth:`mask` is set
    when ``may_search(patterns[i], folded)`` is True. Each literal is looked for once,
    whichever patterns share it, and many literals in one scan of the text that finds
    every place where one starts (a set of rules is checked against every line or
    sentence of a paper: a check per pattern cost more than the search)."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        lits: dict[str, int] = {}
        self.free = 0  # patterns with no literal to look for: always tried
        self.digit = 0  # patterns every match of which holds a digit
        for i, rx in enumerate(patterns):
            need, digit = prefilter(rx)
            if digit:
                self.digit |= 1 << i
            if need is None:
                self.free |= 1 << i
            else:
                for lit in need:
                    lits[lit] = lits.get(lit, 0) | 1 << i
        self._lits = lits
        # one Aho-Corasick automaton of every literal reports each one the text holds, a literal
        # inside another included, in one pass in C: on the sentences of generated passages 18
        # times faster than a str search for each of the event rules' 324 literals and 3-4 times
        # faster than a regex trie in a look-ahead (which re tries at every character); 2.7 times
        # faster than str searches for the 38 of the body rules
        self._scan: ahocorasick.Automaton | None = None
        if lits:
            self._scan = ahocorasick.Automaton()
            for lit, bits in lits.items():
                self._scan.add_word(lit, bits)
            self._scan.make_automaton()

    def mask(self, folded: str) -> int:
        bits = self.free
        if self._scan is not None:
            for _end, of in self._scan.iter(folded):
                bits |= of
        if self.digit and DIGIT.search(folded) is None:
            bits &= ~self.digit
        return bits
