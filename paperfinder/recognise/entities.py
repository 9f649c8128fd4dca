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
sentences. Every entity span carries ``span._.value``, ``._.currency``,
``._.canonical``, ``._.kind``, ``._.role`` and its exact character offsets
(``._.char_start``/``._.char_end``, which may be narrower than the token span).

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
from paperfinder.recognise.names import _LO, _UP, _has_role_word, _mask, _stopwords
from paperfinder.recognise.people import PeopleRegistry, _resolve_people

__all__ = [
    "tag_text",
    "tag_lines",
    "header_people",
    "header_attendance",
    "get_nlp",
    "councils_named",
]

def _masked(doc: Doc) -> str:
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


_EXTS = ("value", "currency", "canonical", "kind", "role", "char_start", "char_end", "surface", "source")


def _ensure_extensions() -> None:
    for name in _EXTS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("pf_spans"):
        Doc.set_extension("pf_spans", default=None)


def _doc_text(doc: Doc) -> str:
    # Doc.text re-joins every token on each access: compute it once per document
    t = doc.user_data.get("pf_text")
    if t is None:
        t = doc.text
        doc.user_data["pf_text"] = t
    return t


def _add_span(doc: Doc, start: int, end: int, label: str, **attrs) -> None:
    sp = doc.char_span(start, end, label=label, alignment_mode="expand")
    if sp is None:
        return
    x = sp._  # made once: each ``sp._`` is a new object
    x.char_start = start
    x.char_end = end
    x.surface = _doc_text(doc)[start:end]
    for k, v in attrs.items():
        setattr(x, k, v)
    if doc._.pf_spans is None:
        doc._.pf_spans = []
    doc._.pf_spans.append(sp)


def _line_texts(doc: Doc) -> tuple[list[str], list[int]]:
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
def _money_component(doc: Doc) -> Doc:
    texts, starts = _line_texts(doc)
    for idx, s, e, _surface, value, currency in _money.money_in_table(texts):
        base = starts[idx]
        _add_span(doc, base + s, base + e, "MONEY", value=_num(value), currency=currency)
    return doc


@Language.component("paperfinder_dates")
def _dates_component(doc: Doc) -> Doc:
    for d in _dates.find_dates(_masked(doc)):
        _add_span(doc, d.start, d.end, "DATE", value=d.iso, kind=d.kind)
    return doc


@Language.component("paperfinder_authorities")
def _authorities_component(doc: Doc) -> Doc:
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
        for m in _INITIALS.finditer(text):
            canon = named.get(m.group(0).replace(".", ""))
            if canon:
                _add_span(doc, m.start(), m.end(), "AUTHORITY", canonical=canon)
    _one_name_per_council(doc)
    return doc


_OF_FORM = re.compile(r"(Town|City|Village|Township) of (.+)", re.I)
_TOWNSHIP = re.compile(r"(.+) Township", re.I)


def _one_name_per_council(doc: Doc) -> None:
    """A council the paper names two ways takes its council name for both: "Town of Pulaski"
    where the paper also writes "Pulaski Town Council", "Owosso Township" where it writes
    "Owosso Charter Township"."""
    spans = [sp for sp in doc._.pf_spans or [] if sp.label_ == "AUTHORITY" and sp._.canonical]
    names = {sp._.canonical.casefold(): sp._.canonical for sp in spans}
    for sp in spans:
        c = sp._.canonical
        wanted: tuple[str, ...] = ()
        if m := _OF_FORM.fullmatch(c):
            tier, place = m.group(1), m.group(2)
            wanted = (f"{place} Charter Township", f"{place} Township") if tier.lower() == "township" else (f"{place} {tier} Council",)
        elif (m := _TOWNSHIP.fullmatch(c)) and not c.casefold().endswith("charter township"):
            wanted = (f"{m.group(1)} Charter Township",)
        for w in wanted:
            if w.casefold() in names:
                sp._.canonical = names[w.casefold()]
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


@Language.component("paperfinder_people")
def _people_component(doc: Doc) -> Doc:
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
_BRACKET_INITIAL = re.compile(rf"(?<![\w'’-])(?P<name>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?[ ]\([{_UP}]\.?\))")
_LIST_ITEM = re.compile(
    rf"(?:^|[,;:&()]|\band\b|\b(?:[Aa]ttending|[Pp]resent|[Aa]ttendance|Clerk|Chair(?:man|person)?)\b)\s*(?:(?P<title>Cllrs?\.?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
    rf"(?P<name>(?:[{_UP}]\.?[ ]?){{0,3}}[ ]?[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)"
    rf"(?P<role>\s*(?:\((?:Chair(?:man|person)?|Vice[- ]?Chair(?:man|person)?|Clerk|Mayor|Cathaoirleach|RFO|Proper Officer)\)"
    rf"|\s[-–]\s(?:Chair(?:man|person)?|Vice[- ]?Chair(?:man|person)?|Clerk|Mayor)\b))?(?=\s*(?:[,;.&)]|\band\b|$|\())",
    re.M,
)
_COUNCILLOR_NEAR = re.compile(r"\b(councillors?|cllrs?\.?|cmhlr|members)\b", re.I)


def _minute_names(text: str):
    from paperfinder.ingest.metadata import attendance_lines

    out: list[tuple[int, int, str, str, str | None]] = []
    for m in _BRACKET_INITIAL.finditer(text):
        kind = "councillor" if _COUNCILLOR_NEAR.search(text[max(0, m.start() - 400) : m.start()]) else "other"
        out.append((m.start("name"), m.end("name"), m.group("name"), kind, None))
    lines, pos = [], 0
    for no, raw in enumerate(text.split("\n"), start=1):
        lines.append((no, pos, raw))
        pos += len(raw) + 1
    listed = attendance_lines([Line(no, raw) for no, _p, raw in lines])
    for no, off, raw in lines:
        if no not in listed:
            continue
        for m in _LIST_ITEM.finditer(raw):
            name = m.group("name").strip()
            title = (m.group("title") or "").lower().rstrip(".")
            near = _COUNCILLOR_NEAR.search(raw[: m.start("name")])
            if len(name.split()) < 2 and "." not in name and (not near or name.lower() in _stopwords() or _has_role_word(name)):
                continue  # a bare capitalised word is a name only in a list of councillors
            kind = "councillor" if title.startswith(("cllr", "councillor")) or near else "other"
            role = re.sub(r"[()\s–-]+", " ", m.group("role") or "").strip() or None
            out.append((off + m.start("name"), off + m.end("name"), name, kind, role))
    # "R. Pigott", "A.M. White", "Thos. B. Bonnett": initials with stops before a surname are
    # how minutes write people ("proposed B. Glover and seconded by M. Grief")
    for m in _INITIALLED.finditer(text):
        surname = m.group("surname")
        if surname.lower() in _stopwords() or _has_role_word(surname) or _auth.resolve(surname):
            continue
        kind = "councillor" if _COUNCILLOR_NEAR.search(text[max(0, m.start() - 60) : m.start()]) else "other"
        out.append((m.start(), m.end(), m.group(0), kind, None))
    return out


_INITIALLED = re.compile(
    rf"(?<![\w.&])(?:(?:Thos|Wm|Chas)\.[ ])?(?:[{_UP}]\.[ ]?){{1,3}}(?P<surname>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)"
    rf"(?![\w'’-]|[ ][{_UP}][{_LO}])"
)


_LABEL_PRIORITY = {"MONEY": 5, "DATE": 4, "PERSON": 3, "AUTHORITY": 2, "GROUPING": 1, "ORG": 0}


@Language.component("paperfinder_merge")
def _merge_component(doc: Doc) -> Doc:
    spans = list(doc._.pf_spans or [])
    for ent in doc.ents:  # from the entity ruler
        if ent._.char_start is None:
            ent._.char_start, ent._.char_end, ent._.surface = ent.start_char, ent.end_char, ent.text
            if ent.label_ == "GROUPING":
                ent._.canonical = ent.ent_id_ or None
            elif ent.label_ == "ORG":
                ent._.canonical = ent.ent_id_ or ent.text
        spans.append(ent)
    # a council's name holds no person: not "Sir" in "Cyngor Sir Ddinbych" (the Welsh for county,
    # in the gazetteer's own name), nor the place after "City of" ("City of Columbia Heights");
    # a name that only runs into a council's words ("Cllr Storey Norfolk County Council") stays
    text = _doc_text(doc)
    councils = [(sp._.char_start, sp._.char_end, _auth.get(sp._.canonical or "") is not None
                 and _auth.resolve(text[sp._.char_start : sp._.char_end]) == sp._.canonical)
                for sp in spans if sp.label_ == "AUTHORITY"]
    # each span's offsets are read once: every read of ``sp._`` makes spaCy's Underscore anew
    placed = [(sp, sp.label_, sp._.char_start, sp._.char_end) for sp in spans]
    if councils:
        # a council holding a name starts at most its own length before the name's end: only
        # those starting from there up to the name's start are looked at, not every council
        councils.sort(key=lambda c: c[0])
        starts = [a for a, _b, _g in councils]
        longest = max(b - a for a, b, _g in councils)

        def in_council(s: int, e: int) -> bool:
            near = councils[bisect.bisect_left(starts, e - longest) : bisect.bisect_right(starts, s)]
            return any(a <= s and e <= b and b - a > e - s and (gazetteer or a < s) for a, b, gazetteer in near)

        placed = [(sp, label, s, e) for sp, label, s, e in placed if label != "PERSON" or not in_council(s, e)]
    occupied = bytearray(len(text) + 1)
    chosen: list[tuple[int, Span]] = []
    for sp, _label, a, b in sorted(placed, key=lambda x: (-_LABEL_PRIORITY.get(x[1], 0), -(x[3] - x[2]))):
        if occupied.find(1, a, b) >= 0:
            continue
        occupied[a:b] = b"\x01" * (b - a)
        chosen.append((a, sp))
    chosen.sort(key=lambda x: x[0])
    doc.user_data["pf_entities"] = [sp for _a, sp in chosen]
    # doc.ents needs token-disjoint spans; character-disjoint spans may share a token
    ents, last = [], -1
    for _a, sp in chosen:
        if sp.start >= last:
            ents.append(sp)
            last = sp.end
    doc.ents = ents
    return doc


def _num(v: float) -> float | int:
    r = round(v, 2)
    return int(r) if r == int(r) else r


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, built once."""
    _ensure_extensions()
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
) -> list[Span]:
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["pf_text"] = text
    doc.user_data["pf_registry"] = registry
    doc.user_data["pf_corpus"] = corpus
    doc.user_data["pf_known_bodies"] = known
    doc.user_data["pf_named_bodies"] = named
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc.user_data.get("pf_entities", [])


def _to_entity(sp: Span, line: int | None) -> Entity:
    label = sp.label_
    x = sp._  # made once: each ``sp._`` is a new object
    e = Entity(label=label, text=x.surface, start=x.char_start, end=x.char_end, line=line)
    if label == "MONEY":
        e.value, e.currency = x.value, x.currency
    elif label == "DATE":
        e.value = x.value
        # "April 2015" and "2020/21" say which they are; a day date (the usual case) says nothing more
        if x.kind and x.kind != "day":
            e.kind = x.kind
    elif label == "PERSON":
        e.canonical, e.kind, e.role = x.canonical, x.kind, x.role
    else:
        e.canonical = x.canonical
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
    spans = _run(text, registry, corpus, known, named)
    if line_offsets is None:
        line_offsets = [0] + [m.end() for m in re.finditer("\n", text)]
    return [_to_entity(sp, first_line + _line_of(line_offsets, sp._.char_start)) for sp in spans]


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
    spans = _run(text, registry, corpus, known, named)
    return [_to_entity(sp, lines[_line_of(starts, sp._.char_start)].no) for sp in spans]


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
