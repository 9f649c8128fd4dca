"""The backend-neutral query tree: what to match, said once, compiled by each backend.

``search.syntax`` parses the user's query text into these nodes; the search
service builds filters (council, person, dates, amounts, kinds) from them too. A
backend compiles a tree into its own engine's query (``SearchBackend.run_query``)
and nothing else ever sees an engine's query objects. The nodes are frozen
dataclasses, so a tree can be compared, hashed and printed in tests.

Text nodes (``Word``, ``Phrase``, ``Prefix``, ``Wildcard``, ``Fuzzy``) hold the
words as the user typed them: analysing them into terms (lower case, stemming,
stop words) is the backend's job, with the analyser its index was written with.
``fields=()`` means the default text fields (title, section heading, passage text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# the fields a word without ``field:`` is looked for in
DEFAULT_FIELDS: tuple[str, ...] = ("title", "section", "text")


class Node:
    """A query tree node."""

    __slots__ = ()


@dataclass(frozen=True)
class Every(Node):
    """Every passage (an empty query, ``*``)."""


@dataclass(frozen=True)
class Nothing(Node):
    """No passage (a query whose words all analyse away)."""


@dataclass(frozen=True)
class Word(Node):
    """A word the user typed, analysed by the backend: ``fostering``, ``title:grant``."""

    text: str
    fields: tuple[str, ...] = ()
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase(Node):
    """Words in this order, ``slop`` positions apart at most: ``"Centre for Social Work"``."""

    words: tuple[str, ...]
    fields: tuple[str, ...] = ()
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True)
class Prefix(Node):
    """``safeguard*``: every indexed term starting with ``prefix`` (analysed as one token: never split)."""

    prefix: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wildcard(Node):
    """``sa?eguard*``: ``?`` one character, ``*`` any run (analysed as one token: never split)."""

    pattern: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fuzzy(Node):
    """``fostring~2``: indexed terms within ``distance`` edits of the word (analysed as one token);
    ``prefix_length``: its first letters that must match as they are."""

    text: str
    distance: int = 1
    fields: tuple[str, ...] = ()
    prefix_length: int = 1


@dataclass(frozen=True)
class Term(Node):
    """An exact stored value of a keyword field, not analysed: ``Term("authority", "Southwark")``."""

    field: str
    value: str


@dataclass(frozen=True)
class ValueSet(Node):
    """Passages whose keyword ``field`` holds one of ``values`` (a filter; thousands of values are fine)."""

    field: str
    values: frozenset[str]


@dataclass(frozen=True)
class Range(Node):
    """Keyword values in ``[low, high]`` compared as strings (ISO dates); None is open.
    ``low_excluded``/``high_excluded``: the bound itself is not in the range (``date:>2020``)."""

    field: str
    low: str | None = None
    high: str | None = None
    low_excluded: bool = False
    high_excluded: bool = False


@dataclass(frozen=True)
class NumericRange(Node):
    """Numbers in ``[low, high]`` (both inclusive); None is open."""

    field: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class And(Node):
    """Every part matches."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or(Node):
    """Any part matches. ``scale``: for ranking, how much each further matching part adds
    (0 = plain sum as the engine does it; 0.9 = a passage holding more of the words ranks higher)."""

    parts: tuple[Node, ...]
    scale: float = 0.0


@dataclass(frozen=True)
class Not(Node):
    """Passages ``part`` does not match (inside an ``And``; alone it means Every minus part)."""

    part: Node


@dataclass(frozen=True)
class AndMaybe(Node):
    """``required`` must match; ``optional`` only adds to the score."""

    required: Node
    optional: Node


def and_(parts: Iterable[Node | None]) -> Node:
    """An And of ``parts`` without ``Every`` parts and nested Ands flattened; Every when empty."""
    flat: list[Node] = []
    for p in parts:
        if p is None or isinstance(p, Every):
            continue
        flat.extend(p.parts if isinstance(p, And) else (p,))
    if not flat:
        return Every()
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def or_(parts: Iterable[Node], scale: float = 0.0) -> Node:
    """An Or of ``parts``; the part itself when there is one."""
    ps = tuple(parts)
    if not ps:
        return Nothing()
    return ps[0] if len(ps) == 1 else Or(ps, scale)


def words_of(node: Node) -> list[str]:
    """The words of text nodes in ``node`` that are not negated (for highlighting, spelling, proximity)."""
    out: list[str] = []

    def walk(n: Node, negated: bool) -> None:
        if isinstance(n, Word) and not negated:
            out.append(n.text)
        elif isinstance(n, Phrase) and not negated:
            out.extend(n.words)
        elif isinstance(n, (And, Or)):
            for p in n.parts:
                walk(p, negated)
        elif isinstance(n, Not):
            walk(n.part, not negated)
        elif isinstance(n, AndMaybe):
            walk(n.required, negated)
            walk(n.optional, negated)

    walk(node, False)
    return out
