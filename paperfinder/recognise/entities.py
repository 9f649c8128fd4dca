"""Entity tagging: MONEY, DATE, AUTHORITY and PERSON (plus GROUPING and ORG).

This is the only module that imports spaCy. The pipeline is a blank English
model with components registered here, all named ``paperfinder_*``:

``paperfinder_money``        money amounts (regex, :mod:`paperfinder.recognise.money`), with
                             ``£'000`` table units applied across lines
``paperfinder_dates``        day dates, months, financial years (:mod:`paperfinder.recognise.dates`)
``paperfinder_authorities``  councils (:mod:`paperfinder.recognise.authorities`)
``paperfinder_people``       people: header/contact/attendance blocks, "Councillor X",
                             "Name, Role" appositions, known given names, and the
                             names a :class:`PeopleRegistry` has learned
``paperfinder_ruler``        an ``EntityRuler`` whose patterns come from
                             ``data/entity_patterns.jsonl`` (GROUPING, ORG)
``paperfinder_merge``        resolves overlaps and sets ``doc.ents``

A ``sentencizer`` is in the pipeline but disabled: nothing here needs
sentences. Each component adds a :class:`Tag` per entity to the Doc's
``user_data["pf_tags"]``: its label, exact character offsets (which may be narrower
than its tokens), surface, value, currency, canonical name, kind and role. They are
not kept in ``Span._``: spaCy keys a span's ``._`` values by its characters, so two
entities over the same tokens would share them (and each ``._`` read makes an object).
``paperfinder_merge`` keeps the tags that win and sets ``doc.ents`` from them.

``nlp(text)`` runs all of it over a ``Doc``. Indexing (:func:`tag_text`, :func:`tag_lines`)
makes no ``Doc`` of the paper: the components read and write character offsets only, so they
run on the text, and the tokenizer and ruler on the stretches where a ruler phrase can be
written (:func:`_ruled`); the tags are merged as ``paperfinder_merge`` merges them.

Public API (used by the indexer):

* :func:`tag_text` - entities of a passage
* :func:`tag_lines` - entities of a whole file, with source line numbers
* :func:`header_people` - the people of a document with kind and role

How names are written and found is :mod:`paperfinder.recognise.names`; who they
are (the registry that learns names from documents and tags recurrences) is
:mod:`paperfinder.recognise.people`.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from paperfinder.datafiles import data_text
from paperfinder.model import Entity, Line
from paperfinder.recognise import authorities as _auth
from paperfinder.recognise import dates as _dates
from paperfinder.recognise import money as _money
from paperfinder.recognise.names import _LO, _UP, _mask, _stopwords, has_role_word
from paperfinder.recognise.people import PeopleRegistry, _resolve_people, same_person_names
from paperfinder.text.layout import VOTE_ROLL
from paperfinder.text.person_titles import title_pattern, title_words
from paperfinder.text.rxscan import finditer_from, literal_trie

__all__ = [
    "tag_text",
    "tag_lines",
    "header_people",
    "header_attendance",
    "get_nlp",
    "councils_named",
]

class _Paper:
    """What the rule components read and write of a document being indexed: its text and
    ``user_data``, as on a ``Doc``. Only the entity ruler's phrases need tokens, so indexing
    runs the components on this and the tokenizer and ruler on the lines where a phrase can
    start (:func:`_ruled`), not on a ``Doc`` of the whole paper (a third of the pipeline's
    cost was making that ``Doc``)."""

    __slots__ = ("user_data",)

    def __init__(self, text: str) -> None:
        self.user_data: dict[str, Any] = {"pf_text": text}


Target = Doc | _Paper  # what a component is run on: a Doc (``nlp(text)``) or a paper being indexed


def _masked(doc: Target) -> str:
    m = doc.user_data.get("pf_masked")
    if m is None:
        m = _mask(_doc_text(doc))
        doc.user_data["pf_masked"] = m
    return m


# --------------------------------------------------------------------------- spaCy pipeline

class FastTokenizer:
    """A fast tokenizer for this pipeline: word runs, single punctuation marks and
    whitespace runs (a single space after a token is that token's whitespace).

    Every component here works on character offsets, so token boundaries only
    matter to the entity ruler, whose phrase patterns are tokenized the same way.
    spaCy's rule-based English tokenizer is several times slower on long papers.
    """

    _RX = re.compile(r"(\w+|[^\w\s])( ?)|(\s+)")

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        found = self._RX.findall(text)
        # a word or mark (with its one trailing space), else a run of whitespace (no space after it)
        words = [tok or ws for tok, _sp, ws in found]
        spaces = [bool(sp) for _tok, sp, _ws in found]
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for t in texts:
            yield self(t)

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> "FastTokenizer":
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: str | Path, **kwargs: Any) -> "FastTokenizer":
        return self


@dataclass(slots=True)
class Tag:
    """One entity a component found: character offsets in the Doc's text (exact, not
    widened to tokens), ``first``/``last`` the tokens it covers (``last`` exclusive; -1
    when tagged without a ``Doc``: they only order ``doc.ents``), and its values."""

    label: str
    start: int
    end: int
    first: int
    last: int
    surface: str
    value: Any = None
    currency: str | None = None
    canonical: str | None = None
    kind: str | None = None
    role: str | None = None
    source: str | None = None


# what one find of an entity may leave unknown and another find of it may know
_FILLED = ("value", "currency", "canonical", "kind", "role")


def _tags(doc: Target) -> list[Tag]:
    tags = doc.user_data.get("pf_tags")
    if tags is None:
        tags = doc.user_data["pf_tags"] = []
    return tags


def _doc_text(doc: Target) -> str:
    # Doc.text re-joins every token on each access: compute it once per document
    t = doc.user_data.get("pf_text")
    if t is None and isinstance(doc, Doc):  # a paper being indexed is given its text
        t = doc.text
        doc.user_data["pf_text"] = t
    return t


def _add_span(doc: Target, start: int, end: int, label: str, **attrs: Any) -> None:
    text = _doc_text(doc)
    if isinstance(doc, Doc):
        # the tokens an entity covers are spaCy's (a name inside a word takes the whole word)
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is None:
            return
        first, last = sp.start, sp.end
    elif 0 <= start < len(text) and 0 < end <= len(text):
        # the tokenizer covers every character, so ``char_span`` finds tokens exactly for these
        # offsets; no Doc, no token numbers (they only order ``doc.ents``)
        first, last = -1, -1
    else:
        return
    _tags(doc).append(Tag(label, start, end, first, last, text[start:end], **attrs))


def _line_texts(doc: Target) -> tuple[list[str], list[int]]:
    cached = doc.user_data.get("pf_lines")
    if cached is None:
        texts = _doc_text(doc).split("\n")
        starts = []
        p = 0
        for t in texts:
            starts.append(p)
            p += len(t) + 1
        cached = (texts, starts)
        doc.user_data["pf_lines"] = cached
    return cached


@Language.component("paperfinder_money")
def _money_component(doc: Target) -> Target:
    texts, starts = _line_texts(doc)
    for idx, s, e, _surface, value, currency in _money.money_in_table(texts):
        base = starts[idx]
        _add_span(doc, base + s, base + e, "MONEY", value=_num(value), currency=currency)
    return doc


@Language.component("paperfinder_dates")
def _dates_component(doc: Target) -> Target:
    for d in _dates.find_dates(_masked(doc)):
        _add_span(doc, d.start, d.end, "DATE", value=d.iso, kind=d.kind)
    return doc


@Language.component("paperfinder_authorities")
def _authorities_component(doc: Target) -> Target:
    from paperfinder.ingest.metadata import address_like, initials
    from paperfinder.recognise.bodies import find_bodies

    text = _masked(doc)
    named: dict[str, str] = {}  # initials of a council named in full here -> the council
    placed: dict[str, str] = {}  # initials of a gazetteer council whose place only is named here
    for b in find_bodies(text):
        if b.kind != "council":
            continue  # departments and inspectorates are not local authorities
        if _auth.get(b.canonical) is not None:
            # "Community Councils in Dumfries & Galloway ... time invested by DGC": the council of a
            # place the paper names, by its initials
            for full in _auth.full_names(b.canonical):
                if len(key := initials(full)) >= 3:
                    placed.setdefault(key, b.canonical)
        if _GENERIC_COUNCIL.fullmatch(b.surface):
            continue  # "the layers of Borough Council and County Council": no council in particular
        if not _COUNCIL_WORD.search(b.surface):
            # a bare place name on an address line ("London SE1", "Birmingham B2 4AA") is an address
            ls, le = text.rfind("\n", 0, b.start) + 1, text.find("\n", b.end)
            if address_like(text[ls : le if le >= 0 else len(text)]):
                continue
            if _first_a_place(b.surface, b.canonical) and not _ACTS_AFTER.match(text, b.end):
                # a county's or city's name alone is the council only when it acts ("Norfolk has
                # agreed", "Limerick's plan"); "the people of Limerick", "in Norfolk" are places
                continue
        elif _CITY_OF.match(b.surface) and _IN_PLACE_BEFORE.search(text, max(0, b.start - 30), b.start):
            continue  # "located in Fitzrovia in the City of Westminster": the place, not the council
        _add_span(doc, b.start, b.end, "AUTHORITY", canonical=b.canonical)
        for full in (b.surface, *_auth.full_names(b.canonical)):
            if len(full.split()) >= 2:
                named.setdefault(initials(full), b.canonical)
    for key, name in placed.items():
        named.setdefault(key, name)
    # councils the other papers of the index name as their own: "MCC" in a community
    # council's minutes is the county council whose notices are indexed beside them
    for key, name in _known_initials(frozenset(doc.user_data.get("pf_known_bodies") or ())).items():
        named.setdefault(key, name)
    # then those the index's papers name in full anywhere: "EDC" in minutes that never write
    # it out, where other minutes of the parish write "Eden District Council"
    for key, name in _known_initials(frozenset(doc.user_data.get("pf_named_bodies") or ())).items():
        named.setdefault(key, name)
    # an acronym the paper spells out as something else is that ("New Deal for Communities (NDC)"
    # is not Norwich District Council, though the index names Norwich)
    if named:
        from paperfinder.recognise.acronyms import find_definitions

        for acro, long in find_definitions(text):
            if acro in named and not _NAMED_COUNCIL.search(long) and _auth.resolve(long) != named[acro]:
                del named[acro]
    # "MCC", "W.N.B.C.": the initials of a council this paper or the index names in full
    if named:
        words: set[str] | None = None  # the paper's words in lower case, read when first needed
        for m in finditer_from(_INITIALS, _INITIALS_AT, text):
            canon = named.get(m.group(0).replace(".", ""))
            if canon:
                # a line set in capitals ("APPROVAL OF THE ORDER OF BUSINESS AND ...") writes its words so: a run
                # the paper writes elsewhere as a word in lower case ("and") is that word, not initials
                ls, le = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
                if not _LOWER.search(text, ls, le if le >= 0 else len(text)):
                    words = words if words is not None else set(_LOWER_WORD.findall(text))
                    if m.group(0).lower() in words:
                        continue
                _add_span(doc, m.start(), m.end(), "AUTHORITY", canonical=canon)
    _one_name_per_council(doc)
    return doc


_LOWER = re.compile(r"[a-z]")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_OF_FORM = re.compile(r"(Town|City|Village|Township) of (.+)", re.I)
_TOWNSHIP = re.compile(r"(.+) Township", re.I)


def _one_name_per_council(doc: Target) -> None:
    """A council the paper names two ways takes its council name for both: "Town of Pulaski"
    where the paper also writes "Pulaski Town Council", "Owosso Township" where it writes
    "Owosso Charter Township"."""
    tags = [t for t in _tags(doc) if t.label == "AUTHORITY" and t.canonical]
    names = {t.canonical.casefold(): t.canonical for t in tags if t.canonical}
    for t in tags:
        c = t.canonical or ""
        wanted: tuple[str, ...] = ()
        if m := _OF_FORM.fullmatch(c):
            tier, place = m.group(1), m.group(2)
            wanted = (f"{place} Charter Township", f"{place} Township") if tier.lower() == "township" else (f"{place} {tier} Council",)
        elif (m := _TOWNSHIP.fullmatch(c)) and not c.casefold().endswith("charter township"):
            wanted = (f"{m.group(1)} Charter Township",)
        for w in wanted:
            if w.casefold() in names:
                t.canonical = names[w.casefold()]
                break


def councils_named(text: str) -> set[str]:
    """The principal councils ``text`` names in full ("Eden District Council"): what an index
    of it knows to read initials with. Parish and town councils are left out: their names are
    read from the words before "Parish Council", which are not always a place ("Planning
    Parish Council"), and a paper's own parish council is known as such anyway."""
    from paperfinder.recognise.bodies import find_bodies

    # only the lines that write "council" (with the line before, where a name wraps) are read:
    # indexing surveys every paper this way before tagging any
    lines = text.split("\n")
    keep = sorted({j for i, ln in enumerate(lines) if _NAMED_COUNCIL.search(ln) for j in (i - 1, i) if j >= 0})
    if not keep:
        return set()
    chunks, run = [], [keep[0]]
    for i in keep[1:]:
        if i != run[-1] + 1:
            chunks.append(run)
            run = []
        run.append(i)
    chunks.append(run)
    found: set[str] = set()
    for run in chunks:
        part = _mask("\n".join(lines[i] for i in run))
        found |= {b.canonical for b in find_bodies(part)
                  if b.kind == "council" and _NAMED_COUNCIL.search(b.surface) and _auth.get(b.canonical) is not None}
    return found


@lru_cache(maxsize=4)
def _known_initials(known: frozenset[str]) -> dict[str, str]:
    """Initials (three letters or more) -> the one known council whose name or full names
    they abbreviate; made once per set of known councils, not for every paper tagged."""
    from paperfinder.ingest.metadata import initials

    by_initials: dict[str, set[str]] = {}
    for name in known:
        for full in (name, *_auth.full_names(name)):
            if len(full.split()) >= 2:
                by_initials.setdefault(initials(full), set()).add(name)
    return {key: next(iter(names)) for key, names in by_initials.items() if len(names) == 1 and len(key) >= 3}


_COUNCIL_WORD = re.compile(r"\b(council|borough|corporation|authority|city of|county of|town of|village of|comhairle|cyngor)\b|(?-i:\s[CDB]C)$", re.I)


def _first_a_place(surface: str, canonical: str) -> bool:
    """A county, city or district is a place before it is a council; a London
    borough's name ("Hammersmith and Fulham") exists as the council's, and a
    council's initials ("WCC") only ever name it."""
    a = _auth.get(canonical)
    if a is None or a.kind == "london_borough":
        return False
    return surface.replace(".", "") not in {x for x in a.aliases if x.isupper() and " " not in x}


_GENERIC_COUNCIL = re.compile(
    r"(?:(?:the|and|&|of|city|county|borough|district|parish|town|community|metropolitan|council|councils)\s*)+", re.I
)
_NAMED_COUNCIL = re.compile(r"\b(?:council|comhairle)\b", re.I)
_CITY_OF = re.compile(r"(?:city|county)\s+of\s+(?!.*\b(?:council|corporation|authority)\b)", re.I)
_IN_PLACE_BEFORE = re.compile(r"\b(?:in|within|across|throughout)\s+(?:the\s+)?$", re.I)
_ACTS_AFTER = re.compile(
    r"(?:['’]s\b|\s+(?:has|have|had|will|would|shall|should|must|may|can|could|is|are|was|were|agreed|resolved|decided|"
    r"approved|proposes|proposed|intends|considers|consulted|published|adopted|wishes|requires|officers?|cabinet|"
    r"planning authority|local planning)\b)"
)
# "MCC", "MCC." ending a sentence, "W.N.B.C." and "W.N.B.C" (not the "N.B" of a longer run)
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){1,5}[A-Z]\.?(?!\w)|(?<![\w.])[A-Z]{2,6}(?!\w|\.\w)")
# where _INITIALS can match: a capital not after a word character or a stop (its look-behind,
# moved after the capital so re can skip to one; a pattern opening with a look-behind is
# tried at every character of the paper)
_INITIALS_AT = re.compile(r"[A-Z](?<![\w.].)")


@Language.component("paperfinder_people")
def _people_component(doc: Target) -> Target:
    registry = doc.user_data.get("pf_registry")
    corpus = doc.user_data.get("pf_corpus")
    for m in _resolve_people(_doc_text(doc), registry, masked=_masked(doc), corpus=corpus):
        # a name wrapped over a line break ("Huw" / "Jones") has one name, not one with a newline in it
        canonical = " ".join(m.canonical.split()) if m.canonical else m.canonical
        _add_span(doc, m.start, m.end, "PERSON", canonical=canonical, kind=m.kind, role=m.role, source=m.source)
    for start, end, name, kind, role in _minute_names(_masked(doc)):
        _add_span(doc, start, end, "PERSON", canonical=name, kind=kind, role=role, source="minutes")
    return doc


# names as minutes write them: "Sheahan (J)" (a surname and the initial that tells two
# councillors apart), and in an attendance list "D Richardson (Chair), S Linsley, R Healey
# & P Moran" or "Mrs M Leamon, Mr R Bivon": initials and a surname between list commas
# The initial may wrap onto the next line, or past a blank line as converted minutes set
# them ("seconded by Councillor Sheahan" / "" / "(J), the date of ..."): there it closes a
# name only where a list or a sentence goes on after it, not where it opens a lettered item.
_BRACKET_INITIAL = re.compile(
    rf"(?<![\w'’-])(?P<name>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?"
    rf"(?:[ ]|[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=\([{_UP}]\.?\)(?:[,;.:]|[ \t]*(?:\n|$)|[ ]+(?:and|&|seconded|proposed)\b)))"
    rf"\([{_UP}]\.?\))"
)
@lru_cache(maxsize=1)
def _list_item() -> re.Pattern:
    return re.compile(
        rf"(?:^|[,;:&()]|\band\b|\b(?:[Aa]ttending|[Pp]resent|[Aa]ttendance|Clerk|Chair(?:man|person)?)\b)\s*(?:(?P<title>{title_pattern()})\.?\s+)?"
        rf"(?P<name>(?:[{_UP}]\.?[ ]?){{0,3}}[ ]?[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)"
        rf"(?P<role>\s*(?:\((?:Chair(?:man|person)?|Vice[- ]?Chair(?:man|person)?|Clerk|Mayor|Cathaoirleach|RFO|Proper Officer)\)"
        rf"|\s[-–]\s(?:Chair(?:man|person)?|Vice[- ]?Chair(?:man|person)?|Clerk|Mayor)\b"
        # a clerk's or officer's post right after the name ("In attendance: R Hilton Clerk and Responsible Officer",
        # "Mrs C Mason Town Clerk"), up to the end of the item
        rf"|[ ]+(?:(?:Parish|Town|Deputy|Assistant|Acting|Locum)[ ]+)?(?:Clerk|RFO|Proper[ ]+Officer|Responsible[ ]+(?:Financial[ ]+)?Officer)\b"
        rf"(?:[ ]+(?:and|&)[ ]+(?:[{_UP}][{_LO}]+[ ]+){{0,3}}(?:Clerk|Officer|RFO)\b)?))?(?=\s*(?:[,;.&)]|\band\b|$|\())",
        re.M,
    )


_COUNCILLOR_NEAR = re.compile(r"\b(councillors?|cllrs?\.?|cmhlr|members)\b", re.I)
_BRACKETED = re.compile(rf"\([{_UP}]\.?\)")


_VOTE_WORD = re.compile(r"\b(?:aye|yea|nay|noes|favou?r|against|abstain)", re.I)
_NO_ONE = frozenset({"none", "nil", "nobody", "no", "unanimous", "all", "n/a"})


def _minute_names(text: str):
    from paperfinder.ingest.metadata import ATTENDANCE_LINES, attendance_lines

    out: list[tuple[int, int, str, str, str | None]] = []
    # every match ends in a bracketed initial, which most papers never write
    for m in _BRACKET_INITIAL.finditer(text) if _BRACKETED.search(text) else ():
        kind = "councillor" if _COUNCILLOR_NEAR.search(text[max(0, m.start() - 400) : m.start()]) else "other"
        out.append((m.start("name"), m.end("name"), " ".join(m.group("name").split()), kind, None))
    lines, pos = [], 0
    for no, raw in enumerate(text.split("\n"), start=1):
        lines.append((no, pos, raw))
        pos += len(raw) + 1
    opening = lines[:ATTENDANCE_LINES]  # attendance lists are read in a paper's opening lines only
    listed = attendance_lines([Line(no, raw) for no, _p, raw in opening])
    for no, off, raw in opening:
        if no not in listed:
            continue
        for m in _list_item().finditer(raw):
            name = m.group("name").strip()
            title = (m.group("title") or "").lower().rstrip(".")
            near = _COUNCILLOR_NEAR.search(raw[: m.start("name")])
            if len(name.split()) < 2 and "." not in name and (not near or name.lower() in _stopwords() or has_role_word(name)):
                continue  # a bare capitalised word is a name only in a list of councillors
            kind = "councillor" if title in title_words("councillor") or near else "other"
            role = re.sub(r"[()\s–-]+", " ", m.group("role") or "").strip() or None
            out.append((off + m.start("name"), off + m.end("name"), name, kind, role))
    # a vote's roll names the members who voted each way by surname alone ("Aye: Barnes, Oldham, Tate", "Nay: Hartley")
    for roll in VOTE_ROLL.finditer(text) if _VOTE_WORD.search(text) else ():
        line_end = text.find("\n", roll.end())
        line = text[roll.end() - 1 : len(text) if line_end < 0 else line_end]  # from the label's mark on
        for m in _list_item().finditer(line):
            name = m.group("name").strip()
            if name.lower() in _stopwords() or has_role_word(name) or name.lower() in _NO_ONE:
                continue
            at = roll.end() - 1 + m.start("name")
            out.append((at, at + len(m.group("name")), name, "councillor", None))
    # "R. Pigott", "A.M. White", "Thos. B. Bonnett": initials with stops before a surname are
    # how minutes write people ("proposed B. Glover and seconded by M. Grief")
    for m in finditer_from(_INITIALLED, _INITIALLED_AT, text):
        surname = m.group("surname")
        if surname.lower() in _stopwords() or has_role_word(surname) or _auth.resolve(surname):
            continue
        if _ITEM_WORDS_AFTER.match(text, m.end()) and _lettered_item(text, m.start()):
            continue  # "B. Request for Adoption of ...": a lettered item's heading, no one's name
        kind = "councillor" if _COUNCILLOR_NEAR.search(text[max(0, m.start() - 60) : m.start()]) else "other"
        out.append((m.start(), m.end(), m.group(0), kind, None))
    return out


_INITIALLED = re.compile(
    rf"(?<![\w.&])(?:(?:Thos|Wm|Chas)\.[ ])?(?:[{_UP}]\.[ ]?){{1,3}}(?P<surname>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)"
    rf"(?![\w'’-]|[ ][{_UP}][{_LO}])"
)
# a heading's words after a lettered item's first word ("A. Consideration of the ...", "B. Request for ...")
_ITEM_WORDS_AFTER = re.compile(r"[ \t]+(?:of|for|regarding|re)[ \t]")


def _lettered_item(text: str, at: int) -> bool:
    """Does the letter at ``at`` open its line, with the letter before or after it opening another line
    as a heading too ("A. Consideration of ..." and "B. Request for ..."): an outline's items, not
    one person's initial?"""
    if text[text.rfind("\n", 0, at) + 1 : at].strip():
        return False
    letter = ord(text[at])
    siblings = "".join(chr(c) for c in (letter - 1, letter + 1) if ord("A") <= c <= ord("Z"))
    return bool(siblings) and re.search(rf"(?m)^[ \t]*[{siblings}]\.[ \t]+[A-Z][a-z]+{_ITEM_WORDS_AFTER.pattern}", text) is not None
# where _INITIALLED can match: a capital, not after a word character, a stop or "&", before a
# stop or "Thos.", "Wm.", "Chas." (re skips to a capital; the look-behind is checked there only)
_INITIALLED_AT = re.compile(rf"[{_UP}](?<![\w.&].)(?=\.|hos\.|m\.|has\.)")


_LABEL_PRIORITY = {"MONEY": 5, "DATE": 4, "PERSON": 3, "AUTHORITY": 2, "GROUPING": 1, "ORG": 0}


@Language.component("paperfinder_merge")
def _merge_component(doc: Doc) -> Doc:
    text = _doc_text(doc)
    ruled = [Tag(ent.label_, ent.start_char, ent.end_char, ent.start, ent.end, text[ent.start_char : ent.end_char],
                 canonical=_ruled_name(ent.label_, ent.ent_id_, text[ent.start_char : ent.end_char]))
             for ent in doc.ents]  # from the entity ruler
    chosen = _merge(doc, ruled)
    # doc.ents needs token-disjoint spans; character-disjoint spans may share a token
    ents, last = [], -1
    for t in chosen:
        if t.first >= last:
            ents.append(Span(doc, t.first, t.last, label=t.label))
            last = t.last
    doc.ents = ents
    return doc


def _merge(doc: Target, ruled: list[Tag]) -> list[Tag]:
    """The components' tags and the ruler's (``ruled``) that win where they overlap, in text
    order (also as ``user_data["pf_entities"]``)."""
    tags = _tags(doc) + ruled
    text = _doc_text(doc)
    # a council's name holds no person: not "Sir" in "Cyngor Sir Ddinbych" (the Welsh for county,
    # in the gazetteer's own name), nor the place after "City of" ("City of Columbia Heights");
    # a name that only runs into a council's words ("Cllr Storey Norfolk County Council") stays
    councils = [(t.start, t.end, _auth.get(t.canonical or "") is not None
                 and _auth.resolve(text[t.start : t.end]) == t.canonical)
                for t in tags if t.label == "AUTHORITY"]
    if councils:
        # a council holding a name starts at most its own length before the name's end: only
        # those starting from there up to the name's start are looked at, not every council
        councils.sort(key=lambda c: c[0])
        starts = [a for a, _b, _g in councils]
        longest = max(b - a for a, b, _g in councils)

        def in_council(s: int, e: int) -> bool:
            near = councils[bisect.bisect_left(starts, e - longest) : bisect.bisect_right(starts, s)]
            return any(a <= s and e <= b and b - a > e - s and (gazetteer or a < s) for a, b, gazetteer in near)

        tags = [t for t in tags if t.label != "PERSON" or not in_council(t.start, t.end)]
    occupied = bytearray(len(text) + 1)
    chosen: list[Tag] = []
    kept: dict[tuple[str, int, int], Tag] = {}
    for t in sorted(tags, key=lambda t: (-_LABEL_PRIORITY.get(t.label, 0), -(t.end - t.start))):
        a, b = t.start, t.end
        if occupied.find(1, a, b) >= 0:
            # two rules found the same name: the one kept takes what only the other knew
            # ("Mrs C Hardy (Clerk)": the attendance-list rule reads the role)
            same = kept.get((t.label, a, b))
            if same is not None:
                for name in _FILLED:
                    if getattr(same, name) is None:
                        setattr(same, name, getattr(t, name))
            continue
        kept[(t.label, a, b)] = t
        occupied[a:b] = b"\x01" * (b - a)
        chosen.append(t)
    chosen.sort(key=lambda t: t.start)
    doc.user_data["pf_entities"] = chosen
    return chosen


def _num(v: float) -> float | int:
    r = round(v, 2)
    return int(r) if r == int(r) else r


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, built once."""
    nlp = spacy.blank("en")
    # rule components only (no parser or NER model), so long reports need not be cut up
    nlp.max_length = 100_000_000
    nlp.tokenizer = FastTokenizer(nlp.vocab)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paperfinder_money")
    nlp.add_pipe("paperfinder_dates")
    nlp.add_pipe("paperfinder_authorities")
    nlp.add_pipe("paperfinder_people")
    ruler: Any = nlp.add_pipe("entity_ruler", name="paperfinder_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = [json.loads(ln) for ln in data_text("entity_patterns.jsonl").splitlines() if ln.strip()]
    ruler.add_patterns(patterns)
    nlp.add_pipe("paperfinder_merge")
    nlp.disable_pipe("sentencizer")
    return nlp


def _run(
    text: str, registry: PeopleRegistry | None, corpus: PeopleRegistry | None = None, known: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> list[Tag]:
    paper = _Paper(text)
    paper.user_data["pf_registry"] = registry
    paper.user_data["pf_corpus"] = corpus
    paper.user_data["pf_known_bodies"] = known
    paper.user_data["pf_named_bodies"] = named
    # the pipeline's components in its order, then the ruler's finds, merged as paperfinder_merge does
    for component in (_money_component, _dates_component, _authorities_component, _people_component):
        component(paper)
    return _merge(paper, _ruled(text))


def _ruled(text: str) -> list[Tag]:
    """The entity ruler's finds in ``text``, from the tokenizer and ruler run on the stretches
    where a phrase can be: from each place its first word is written up to the first whitespace
    past the phrase's longest reach. A phrase's tokens are joined by single spaces at most (any
    other whitespace is a token of its own), and the first word starts a token, so the stretch
    is tokenized as the whole text is there: the same finds, without a ``Doc`` of the paper."""
    nlp = get_nlp()
    ruler: Any = nlp.get_pipe("paperfinder_ruler")
    found = _phrase_starts()
    if found is None:  # patterns other than phrases: the whole text
        stretches = [[0, len(text)]]
    else:
        starts, reach = found
        stretches = []
        for m in starts.finditer(text):
            end = _WHITESPACE.search(text, min(m.start() + reach, len(text)))
            end_at = end.start() if end else len(text)
            if stretches and m.start() < stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], end_at)  # overlapping: one stretch, as one text
            else:
                stretches.append([m.start(), end_at])
    out: list[Tag] = []
    for s, e in stretches:
        for ent in ruler(nlp.make_doc(text[s:e])).ents:
            label, a, b = ent.label_, s + ent.start_char, s + ent.end_char
            out.append(Tag(label, a, b, ent.start, ent.end, text[a:b], canonical=_ruled_name(label, ent.ent_id_, text[a:b])))
    return out


_WHITESPACE = re.compile(r"\s")


def _ruled_name(label: str, ent_id: str, surface: str) -> str | None:
    return (ent_id or None) if label == "GROUPING" else (ent_id or surface) if label == "ORG" else None


@lru_cache(maxsize=1)
def _phrase_starts() -> tuple[re.Pattern[str], int] | None:
    """Where a ruler phrase can start (its tokens in lower case, as the ruler matches them,
    each perhaps followed by a space; the first a whole word) and how far from there a phrase
    can reach (a token's lower case is never shorter than the token); None when a pattern
    is not a phrase. A look-ahead, so a phrase starting inside another is found too."""
    nlp = get_nlp()
    phrases: set[str] = set()
    reach = 0
    ruler: Any = nlp.get_pipe("paperfinder_ruler")
    for p in ruler.patterns:
        if not isinstance(p["pattern"], str):
            return None
        tokens = nlp.make_doc(p["pattern"])
        phrases.add(" ".join(t.lower_ for t in tokens))
        reach = max(reach, sum(len(t.lower_) + 1 for t in tokens))
    # a word starts a token only after a character that is not a word's; a mark always does
    words = [ph for ph in phrases if re.match(r"\w", ph)]
    marks = [ph for ph in phrases if ph not in words]
    alts = ([rf"(?<!\w)(?={literal_trie(words, space=' ?')})"] if words else []) + \
        ([f"(?={literal_trie(marks, space=' ?')})"] if marks else [])
    return (re.compile("|".join(alts), re.I), reach) if alts else None


def _to_entity(t: Tag, line: int | None) -> Entity:
    label = t.label
    e = Entity(label=label, text=t.surface, start=t.start, end=t.end, line=line)
    if label == "MONEY":
        e.value, e.currency = t.value, t.currency
    elif label == "DATE":
        e.value = t.value
        # "April 2015" and "2020/21" say which they are; a day date (the usual case) says nothing more
        if t.kind and t.kind != "day":
            e.kind = t.kind
    elif label == "PERSON":
        e.canonical, e.kind, e.role = t.canonical, t.kind, t.role
    else:
        e.canonical = t.canonical
    return e


def _line_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def tag_text(
    text: str,
    line_offsets: list[int] | None = None,
    first_line: int = 1,
    registry: PeopleRegistry | None = None,
    corpus: PeopleRegistry | None = None,
    known: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> list[Entity]:
    """Entities in a passage, in text order.

    ``line`` of each entity is ``first_line`` plus the number of newlines
    before it; with ``line_offsets`` (the character offset where each line of
    ``text`` starts, first one 0) the line is ``first_line + i`` for the line
    ``i`` holding the entity start. ``registry`` adds the names it has learned;
    ``corpus`` the names learned from the whole corpus (see :func:`_with_corpus`);
    ``known`` the councils the index's papers name as their own (read from initials);
    ``named`` the councils they name in full anywhere (initials read with them only
    where ``known`` does not tell).
    """
    tags = _run(text, registry, corpus, known, named)
    if line_offsets is None:
        line_offsets = [0] + [m.end() for m in re.finditer("\n", text)]
    ents = [_to_entity(t, first_line + _line_of(line_offsets, t.start)) for t in tags]
    same_person_names(ents)
    return ents


def _joined_lines(lines: list[Line]) -> tuple[str, list[int]]:
    """A file's lines joined by newlines, and where each line starts in that text."""
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln.text) + 1
    return "\n".join(ln.text for ln in lines), starts


def tag_lines(lines: list[Line], registry: PeopleRegistry | None = None,
              corpus: PeopleRegistry | None = None, known: frozenset[str] = frozenset(),
              named: frozenset[str] = frozenset()) -> list[Entity]:
    """Entities of a whole file given as :class:`Line` records (1-based ``no``).

    Tables keep their ``£'000`` headers in view, and people named in the
    header/contact blocks are recognised wherever they recur in the file.
    """
    if not lines:
        return []
    text, starts = _joined_lines(lines)
    tags = _run(text, registry, corpus, known, named)
    ents = [_to_entity(t, lines[_line_of(starts, t.start)].no) for t in tags]
    same_person_names(ents)
    return ents


def header_attendance(lines: list[Line]) -> dict[tuple[int, str], str]:
    """(line, name as written) -> "present" | "apologies" | "members" for the people the
    header blocks read from a list under a label: the same keys as :func:`header_people`'s
    entities (their ``line`` and ``text``)."""
    if not lines:
        return {}
    text, starts = _joined_lines(lines)
    return {(lines[_line_of(starts, m.start)].no, m.name): m.listed
            for m in _resolve_people(text, None, header_only=True) if m.listed}


def header_people(lines: list[Line]) -> list[Entity]:
    """The document's people (authors, contacts, decision makers, attendees), one
    entity per person with kind and role, from header, contact, attendance and
    signature blocks. ``line`` is where the person is first named."""
    if not lines:
        return []
    text, starts = _joined_lines(lines)
    mentions = _resolve_people(text, None, header_only=True)
    by_canon: dict[str, Entity] = {}
    for m in mentions:
        c = m.canonical or m.name
        line = lines[_line_of(starts, m.start)].no
        e = by_canon.get(c)
        if e is None:
            by_canon[c] = Entity("PERSON", m.name, m.start, m.end, line=line, canonical=c,
                                 kind=m.kind or "other", role=m.role)
        else:
            if not e.role and m.role:
                e.role = m.role
            if e.kind == "other" and m.kind in ("officer", "councillor"):
                e.kind = m.kind
    return list(by_canon.values())
