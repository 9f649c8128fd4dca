"""The user's query syntax, parsed once into the backend-neutral tree (``search.query``).

What a user types in ``paperfinder search`` (the README's query-syntax table)::

    fostering adoption          every word (or, for the fallback ranking, any of them)
    "Centre for Social Work"    a phrase; "…"~3: its words within 3 positions
    a AND b, a OR b, NOT a      boolean logic; NOT binds tightest, then AND, then OR,
                                then words side by side (as the parser this replaced)
    -private, +private          leave out / require a word
    title:grant                 one field (aliases: person, authority, heading, type, kind)
    person:"Julie Rooke"        a field's phrase; title:(grant fund) a field's group
    safeguard*, sa?eguard       wildcards (a trailing * alone: a prefix)
    fostring~, safegarding~2    words within 1 (or 2) edits; word~2/3: the first 3 letters fixed
    word^2                      a boost for a fielded word
    field:[a TO b], field:>x    a range of a keyword field's values (field:>=x, field:<x, …)
    *                           every passage

Nothing here knows a search engine: words stay as typed (a backend analyses them
with its own analyser), and the field names are those of the index record.
A query the parser cannot read is a ``QueryError`` with a hint.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from paperfinder.errors import QueryError
from paperfinder.search.query import (
    DEFAULT_FIELDS,
    And,
    AndMaybe,
    Every,
    Fuzzy,
    Node,
    Not,
    Nothing,
    Or,
    Phrase,
    Prefix,
    Range,
    Wildcard,
    Word,
    and_,
    or_,
)

# our names for fields -> the index record's
FIELD_ALIASES = {"person": "people", "authority": "authorities", "heading": "section", "type": "section_type", "kind": "kinds"}

# the index record's fields a query may name (``index.records``): those the index searches; any other
# ``name:`` is a word. The stored-only fields (line_nos, index_text, index_section, doc_meta ...) are
# the record's internals, kept to show or re-add a passage: no query can match them, and named they
# were a whoosh error ("field has no format"), so "index_text:x" is a word like any "name:" not here
FIELDS = frozenset({
    "passage_id", "doc_id", "pack_id", "source", "filekey", "title", "section", "text", "exact",
    "section_type", "doc_type", "authority", "authorities", "about", "people", "passage_people",
    "present", "present_names", "acronyms", "primary", "people_col", "kinds_col", "date", "year",
    "amount", "amount_gbp", "amount_eur", "amount_usd", "amount_cad", "amount_aud", "amount_nzd",
    "amount_other", "kinds", "text_hash",
})

# how much each further word an any-word query holds adds to the ranking
ANY_WORD_SCALE = 0.9

_ALIAS_RE = re.compile(r"\b(person|authority|heading|type|kind)\s*:", re.I)
_HYPHEN = re.compile(r"(?<=\w)[-–](?=\w)")
_QMARKS = "?\u055e\u061f\u1367"

# the tokens, tried in this order at each position; text between them is a word
_TOKENS = [
    ("every", re.compile(r"[*]:[*]")),
    ("ws", re.compile(r"\s+")),
    ("quoted", re.compile(r"(^|(?<=\W))'(?P<text>.*?)'(?=\s|\]|[)}]|$)")),
    ("field", re.compile(r"(?P<text>\w+|[*]):")),
    ("wild", re.compile(r"[*" + _QMARKS + "]")),
    ("phrase", re.compile(r'"(?P<text>.*?)"(~(?P<slop>[1-9][0-9]*))?')),
    ("range", re.compile(r"(?P<open>\{|\[)(?P<start>\S+)?\s+TO\s+(?P<end>\S+)?(?P<close>[}\]])")),
    ("(", re.compile(r"[(]")),
    (")", re.compile(r"[)]")),
    ("op", re.compile(r"(?<=\s)(?P<op>AND|OR|ANDNOT|ANDMAYBE)(?=\s)|(^|(?<=[\s()]))(?P<not>NOT)(?=\s)")),
    ("boost", re.compile(r"\^(?P<boost>[0-9]*(\.[0-9]+)?)($|(?=[ \t\r\n)]))")),
    ("plus", re.compile(r"\+")),
    ("minus", re.compile(r"-")),
    ("fuzzy", re.compile(r"(?<=\S)~(?P<maxdist>[0-9])?(/(?P<prefix>[1-9][0-9]*))?")),
    ("rel", re.compile(r"(<=|>=|<|>|=<|=>)")),
]


class _Tok:
    __slots__ = ("kind", "text", "m")

    def __init__(self, kind: str, text: str, m: re.Match | None = None):
        self.kind, self.text, self.m = kind, text, m

    def __repr__(self) -> str:  # for debugging a parse
        return f"{self.kind}:{self.text!r}"


def _tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = prev = 0
    while pos < len(text):
        for kind, pattern in _TOKENS:
            m = pattern.match(text, pos)
            if m is not None and m.end() > pos:
                if prev < pos:
                    out.append(_Tok("word", text[prev:pos]))
                out.append(_Tok(kind, m.group(0), m))
                prev = pos = m.end()
                break
        else:
            pos += 1
    if prev < len(text):
        out.append(_Tok("word", text[prev:]))
    return out


def parse(text: str, any_word: bool = False, stop_words: Collection[str] = frozenset()) -> Node:
    """The tree of a query as the user typed it (after ``amount:`` clauses were taken out).

    ``any_word``: words side by side need not all match (an ``Or`` that ranks
    passages holding more of them higher). ``stop_words``: the words the ranking
    fields leave out; a phrase with one of them must also match on ``exact``.
    """
    text = _ALIAS_RE.sub(lambda m: FIELD_ALIASES[m.group(1).lower()] + ":", text)
    # "re-referrals" is one hyphenated word, not "re" NOT "referrals"
    text = _HYPHEN.sub(" ", text)
    try:
        tokens = _merge_words(_tokenize(text))
        units, _ = _group(tokens, 0, any_word, top=True)
        return _exact(_combine(units, any_word, top=True), text, frozenset(stop_words))
    except RecursionError:
        raise QueryError(f"query too deeply nested ({len(text.split())} words)", "use fewer brackets and operators") from None


def _merge_words(tokens: list[_Tok]) -> list[_Tok]:
    """Wildcards joined to the words beside them; a field name the index does not have
    read as text, joined to the word right after it ("10:30am")."""
    out: list[_Tok] = []
    for t in tokens:
        if t.kind == "wild":
            t = _Tok("wildword", t.text)
            if out and out[-1].kind in ("word", "wildword"):
                t = _Tok("wildword", out.pop().text + t.text)
        elif t.kind == "word" and out and out[-1].kind == "wildword":
            t = _Tok("wildword", out.pop().text + t.text)
        out.append(t)
    merged: list[_Tok] = []
    pending: _Tok | None = None
    for t in out:
        if pending is not None:
            if t.kind in ("word", "wildword"):
                t = _Tok(t.kind, pending.text + t.text)
            else:
                merged.append(_Tok("word", pending.text))
            pending = None
        if t.kind == "field" and t.m is not None and t.m.group("text") not in FIELDS:
            pending = t
            continue
        merged.append(t)
    if pending is not None:
        merged.append(_Tok("word", pending.text))
    return merged


# a unit of a group: (prefix: "", "+" or "-", node) or an operator token
_Unit = tuple[str, Node] | _Tok


def _group(tokens: list[_Tok], i: int, any_word: bool, top: bool) -> tuple[list[_Unit], int]:
    """The units of a bracketed group (or the whole query) from ``tokens[i]``; the index after it."""
    units: list[_Unit] = []
    sign = ""
    while i < len(tokens):
        t = tokens[i]
        if t.kind == ")":
            if not top:
                return units, i + 1
            i += 1  # a closing bracket without its opening one: left out
            continue
        if t.kind == "ws":
            i += 1
            continue
        if t.kind == "op":
            units.append(t)
            i += 1
            continue
        if t.kind == "rel":
            if top and not units:
                raise QueryError(f"cannot parse query: {t.text!r} needs a field before it", "e.g. amount:>500000 or date:>=2020")
            i += 1  # a relation after a word, not a field: left out
            continue
        if t.kind in ("plus", "minus"):
            sign = "+" if t.kind == "plus" else "-"
            i += 1
            continue
        node, i = _unit(tokens, i, any_word)
        if node is not None:
            units.append((sign, node))
        sign = ""
    return units, i


def _unit(tokens: list[_Tok], i: int, any_word: bool) -> tuple[Node | None, int]:
    """One clause: a word, phrase, group, range, or a field name and what it applies to."""
    t = tokens[i]
    if t.kind == "field":
        name = t.m.group("text") if t.m else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or nxt.kind in ("ws", ")", "op"):
            return Word(t.text), i + 1  # "title:" with nothing after it is a word
        if nxt.kind == "rel":
            return _relation(name, tokens, i + 1)
        if nxt.kind == "range":
            assert nxt.m is not None
            m = nxt.m
            return Range(name, m.group("start"), m.group("end"), low_excluded=m.group("open") == "{",
                         high_excluded=m.group("close") == "}"), i + 2
        node, j = _unit(tokens, i + 1, any_word)
        return (_fielded(node, name) if node is not None else None), j
    if t.kind == "(":
        units, j = _group(tokens, i + 1, any_word, top=False)
        return _combine(units, any_word, top=False) if units else None, j
    if t.kind == "phrase":
        assert t.m is not None
        slop = int(t.m.group("slop") or 1)
        return _suffixed(Phrase(tuple(t.m.group("text").split()), slop=slop), tokens, i + 1)
    if t.kind == "every":
        return Every(), i + 1
    if t.kind == "range":
        raise QueryError(f"a range needs a field: {t.text!r}", "e.g. date:[2019-01-01 TO 2019-12-31]")
    if t.kind in ("boost", "fuzzy"):
        return Word(t.text), i + 1
    if t.kind == "quoted":
        assert t.m is not None
        return _suffixed(Word(t.m.group("text")), tokens, i + 1)
    if t.kind == "wildword":
        return _suffixed(_wild(t.text), tokens, i + 1)
    return _suffixed(Word(t.text), tokens, i + 1)


def _wild(text: str) -> Node:
    if text == "*":
        return Every()
    if len(text) > 1 and not any(q in text for q in _QMARKS) and text.find("*") == len(text) - 1:
        return Prefix(text[:-1])
    return Wildcard(text)


def _suffixed(node: Node, tokens: list[_Tok], i: int) -> tuple[Node, int]:
    """``word~2`` and ``word^2``: a fuzziness or a boost right after a clause."""
    if i < len(tokens) and tokens[i].kind == "fuzzy" and isinstance(node, Word):
        m = tokens[i].m
        assert m is not None
        node = Fuzzy(node.text, int(m.group("maxdist") or 1), prefix_length=int(m.group("prefix") or 0))
        i += 1
    if i < len(tokens) and tokens[i].kind == "boost":
        m = tokens[i].m
        assert m is not None
        if m.group("boost") and isinstance(node, (Word, Phrase)):
            node = replace(node, boost=float(m.group("boost")))
        i += 1
    return node, i


def _relation(field: str, tokens: list[_Tok], i: int) -> tuple[Node, int]:
    """``date:>=2020``: a range open at one end."""
    rel = tokens[i].text
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or nxt.kind not in ("word", "quoted"):
        return Word(field + ":"), i + 1  # "amount:>" with no value: the field's name is a word
    value = nxt.m.group("text") if nxt.kind == "quoted" and nxt.m else nxt.text
    if rel in (">", ">=", "=>"):
        return Range(field, value, None, low_excluded=rel == ">"), i + 2
    return Range(field, None, value, high_excluded=rel == "<"), i + 2


def _fielded(node: Node, field: str) -> Node:
    """``node`` with ``field`` on every text clause that names none (``title:(a b)``)."""
    if isinstance(node, (Word, Phrase, Prefix, Wildcard, Fuzzy)):
        return replace(node, fields=(field,)) if not node.fields else node
    if isinstance(node, (And, Or)):
        return replace(node, parts=tuple(_fielded(p, field) for p in node.parts))
    if isinstance(node, Not):
        return Not(_fielded(node.part, field))
    if isinstance(node, AndMaybe):
        return AndMaybe(_fielded(node.required, field), _fielded(node.optional, field))
    return node


def _combine(units: list[_Unit], any_word: bool, top: bool) -> Node:
    """A group's units joined: NOT, then AND, then OR, then ANDNOT and ANDMAYBE, then side by side.

    In the query itself (not in brackets), ``+word`` is required and the other words
    only rank (``AndMaybe``) and ``-word`` is left out of all of it; in brackets a
    ``-word`` is left out of the bracket and ``+`` changes nothing."""
    items: list = []
    required: list[Node] = []
    banned: list[Node] = []
    for u in units:
        if isinstance(u, _Tok):
            items.append(u)
            continue
        sign, node = u
        if top and sign == "+":
            required.append(node)
        elif top and sign == "-":
            banned.append(node)
        else:
            items.append(Not(node) if sign == "-" else node)
    # NOT: the next clause
    i = 0
    while i < len(items):
        t = items[i]
        if isinstance(t, _Tok) and t.m is not None and t.m.group("not"):
            if i + 1 < len(items) and not isinstance(items[i + 1], _Tok):
                items[i:i + 2] = [Not(items[i + 1])]
            else:
                del items[i]
                continue
        i += 1
    for op in ("AND", "OR", "ANDNOT", "ANDMAYBE"):
        i = 0
        while i < len(items):
            t = items[i]
            if isinstance(t, _Tok) and t.m is not None and t.m.group("op") == op:
                left = items[i - 1] if i > 0 and not isinstance(items[i - 1], _Tok) else None
                right = items[i + 1] if i + 1 < len(items) and not isinstance(items[i + 1], _Tok) else None
                if left is None or right is None:
                    # an operator with a side missing is the word it is ("fostering AND")
                    items[i] = Word(t.text)
                    i += 1
                    continue
                items[i - 1:i + 2] = [_joined(op, left, right)]
                continue
            i += 1
    parts = tuple(x if not isinstance(x, _Tok) else Word(x.text) for x in items)
    # an any-word group is an Or even of one part: its scale says the query is any-word
    group: Node | None = Or(parts, ANY_WORD_SCALE) if any_word and parts else (
        (parts[0] if len(parts) == 1 else And(parts)) if parts else None)
    if required:
        group = AndMaybe(and_(required), group) if group is not None else and_(required)
    if group is None:
        return Nothing()
    if banned:
        return And((group, Not(or_(banned))))
    return group


def _joined(op: str, left: Node, right: Node) -> Node:
    if op == "AND":
        return And((*(left.parts if isinstance(left, And) else (left,)), right))
    if op == "OR":
        return Or((*(left.parts if isinstance(left, Or) and not left.scale else (left,)), right))
    if op == "ANDNOT":
        return And((left, Not(right)))
    return AndMaybe(left, right)


def _exact(node: Node, text: str, stops: frozenset[str]) -> Node:
    """A quoted phrase written with stop words ("not to confirm") must also match on the
    field that holds every word of the passage text; the ranking fields leave stop
    words out, and still score and highlight the phrase's other words. A query of stop
    words alone ("the") is looked for there only."""
    if not stops:
        return node
    words = re.findall(r"\w+", text)
    if words and ":" not in text and '"' not in text and all(w.lower() in stops for w in words):
        return _fielded(node, "exact")

    def walk(n: Node) -> Node:
        if isinstance(n, Phrase) and not n.fields and any(w in stops for w in re.findall(r"\w+", " ".join(n.words).lower())):
            return And((replace(n, fields=("exact",), boost=1.0), n))
        if isinstance(n, (And, Or)):
            return replace(n, parts=tuple(walk(p) for p in n.parts))
        if isinstance(n, Not):
            return Not(walk(n.part))
        if isinstance(n, AndMaybe):
            return AndMaybe(walk(n.required), walk(n.optional))
        return n

    return walk(node)


__all__ = ["FIELD_ALIASES", "FIELDS", "DEFAULT_FIELDS", "parse"]
