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
* :class:`PeopleRegistry` - learns names from documents and tags recurrences
"""

from __future__ import annotations

import bisect
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from dataclasses import replace as _copied
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from paperfinder.model import Entity, Line
from paperfinder.recognise import authorities as _auth
from paperfinder.recognise import dates as _dates
from paperfinder.recognise import money as _money
from paperfinder.text.rxscan import finditer_at, finditer_from, literal_trie

__all__ = [
    "tag_text",
    "tag_lines",
    "header_people",
    "header_attendance",
    "PeopleRegistry",
    "get_nlp",
    "person_like",
    "councils_named",
]

# --------------------------------------------------------------------------- data


def _data(name: str) -> str:
    return resources.files("paperfinder").joinpath("data", name).read_text(encoding="utf-8")


def _lines_of(name: str) -> list[str]:
    return [ln.strip() for ln in _data(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(_lines_of("given_names.txt"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines_of("person_stopwords.txt") if " " not in w)


@lru_cache(maxsize=1)
def _role_words() -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for ln in _lines_of("role_words.txt"):
        kind, word = ln.split("\t", 1)
        out.append((kind.strip(), re.compile(r"(?<![\w-])" + re.escape(word.strip()) + r"(?![\w-])", re.I)))
    return tuple(out)


@lru_cache(maxsize=1)
def _labels() -> tuple[tuple[str, str, re.Pattern], ...]:
    out = []
    for ln in _lines_of("person_labels.txt"):
        kind, mode, rx = ln.split("\t", 2)
        out.append((kind.strip(), mode.strip(), re.compile(rx.strip(), re.I)))
    return tuple(out)


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern:
    # one regex for all labels, at the start of a line or table cell, after bullets/numbers
    def colon_optional(pat: str) -> str:
        # "Co-optees" alone on its line (or cell) is a label too, without a colon; a dash
        # ends a label as a colon does ("Present – Cllrs Crisp, Kemp", "Present- Mr Smith")
        if pat.endswith(r"\s*:"):
            return pat[: -len(r"\s*:")] + r"(?:\s*:|[ \t]*[–—][ \t]*|[ \t]*-[ \t]+|-(?=[ \t]*[A-Z])|(?=[ \t*]*$))"
        return pat

    alts = "|".join(f"(?P<L{i}>{colon_optional(rx.pattern)})" for i, (_, _, rx) in enumerate(_labels()))
    return re.compile(
        r"(?:^|\t|\|)[ \t]*(?:[-•*>]+[ \t]*)?(?:\(?\d+(?:\.\d+)*\.?\)?[ \t]+)?[ \t]*(?:" + alts + r")[ ]*",
        re.I,
    )


# --------------------------------------------------------------------------- text helpers

_MARKUP_RE = re.compile(
    r"<sup>(?:st|nd|rd|th)</sup>|<[^>\n]*>|\*\*|__|\\_|&amp;|&nbsp;|&#39;|&quot;|\]\([^)\n]*\)|\["
)
_ENTITY_CHAR = {"&amp;": "&", "&nbsp;": " ", "&#39;": "'", "&quot;": '"'}


def _mask(text: str) -> str:
    """Markup blanked with spaces of the same length, so offsets are unchanged:
    ``<b>x</b>`` -> ``   x    ``, ``&amp;`` -> ``&    ``, ``21<sup>st</sup>`` -> ``21st         ``."""
    if "<" not in text and "&" not in text and "*" not in text and "[" not in text and "_" not in text:
        return text

    def rep(m: re.Match) -> str:
        s = m.group(0)
        if s in _ENTITY_CHAR:
            return _ENTITY_CHAR[s].ljust(len(s))
        if s.startswith("<sup>") and len(s) == 13:
            return s[5:7].ljust(len(s))
        return " " * len(s)

    return _MARKUP_RE.sub(rep, text)


def _masked(doc: Doc) -> str:
    m = doc.user_data.get("pf_masked")
    if m is None:
        m = _mask(_doc_text(doc))
        doc.user_data["pf_masked"] = m
    return m


# Latin-1 and Latin Extended-A (Saša, Łukasz, Žilinskas): council members' names are not all English
_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LO = "a-zß-öø-ÿ\u0100-\u017f"
# A name token always starts with a capital, so every pattern below starts with a
# character class and the regex engine can skip other positions fast.
_TOK_REST = (
    rf"(?:c[{_UP}][{_LO}]+|ac[{_UP}][{_LO}]+|['’][{_UP}][{_LO}]+|itz[{_UP}][{_LO}]+|[{_LO}]+)"
    rf"(?:['’][{_UP}][{_LO}]+)?(?:-[{_UP}{_LO}][{_LO}]+)*"
)
_TOK = rf"[{_UP}]{_TOK_REST}"
_INITIAL = rf"[{_UP}]\."
_PARTICLE = r"(?:Ó|Ní|Nic|Uí|Ua|Mhic|Mac|de|De|van|Van|von|der|da|di|du|le|La|Le|St\.?)"
_TOK_RE = re.compile(_TOK)
_INITIAL_RE = re.compile(_INITIAL)
_PARTICLE_RE = re.compile(_PARTICLE)
_BARE_INITIAL_RE = re.compile(rf"[{_UP}]")  # "M Armstrong": minutes often drop the initial's point
# a run of capitalised tokens (with initials/particles), the raw material for names
_RUN_RE = re.compile(
    # a possessive ends the run ("Jane Avery’s last service"); other apostrophes join words
    rf"[{_UP}](?:{_TOK_REST}|\.)(?:[ \u00a0]+(?:{_PARTICLE}[ ]+)?(?:{_TOK}|{_INITIAL}))*(?![\w@-]|['’](?!s(?!\w)))"
)
_TITLE = (
    r"(?:Councillors|Councillor|Cllrs\.?|Cllr\.?|Cmhlr\.?|Comhairleoir|Cynghorydd|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Professor|Prof\.?"
    r"|Sir|Dame|Baroness|Lord|Rev(?:erend|d)?\.?)"
)
_TITLED_RE = re.compile(
    rf"(?P<title>{_TITLE})[ \u00a0]+(?P<name>(?:{_INITIAL}[ ]?|[{_UP}][ ])*(?:{_PARTICLE}[ ]+)?{_TOK}"
    rf"(?:[ ]+(?:{_INITIAL}[ ]+)?(?:{_PARTICLE}[ ]+)?{_TOK}){{0,2}})"
)


def _titled_iter(text: str, start: int = 0, end: int | None = None):
    """Like ``_TITLED_RE.finditer`` but resumes right after the title, so a greedy
    name ("Alan De'Ath Councillor Elaine") does not swallow the next title."""
    end = len(text) if end is None else end
    pos = start
    while True:
        m = _TITLED_RE.search(text, pos, end)
        if not m:
            return
        yield m
        pos = m.end("title")


def _word_start(text: str, pos: int) -> bool:
    """No letter, digit or name punctuation right before ``pos``."""
    if pos == 0:
        return True
    c = text[pos - 1]
    return not (c.isalnum() or c in "_@./'’-")


_PERSONAL_TITLES = {"mr", "mrs", "ms", "miss", "dr", "councillor", "cllr", "cmhlr", "comhairleoir", "cynghorydd"}
_COUNCILLOR_TITLES = {"councillor", "councillors", "cllr", "cllr.", "cllrs", "cllrs.", "cmhlr", "cmhlr.", "comhairleoir", "cynghorydd"}
_ROLE_CUT_RE = re.compile(
    r"\s*(?:\b(?:Tel|Telephone|Tel\.|Ext|ext|Extension|E-?mail|Mobile|Phone|Contact Details)\b"
    r"|\d{3,}|\S+@|https?:|www\.|\t|\|\s)",
    re.I,
)
@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines_of("institution_words.txt"))


@lru_cache(maxsize=65536)
def _is_stop(tok: str) -> bool:
    t = tok.strip(".,;:()'’").lower()
    if t.endswith("'s") or t.endswith("’s"):
        t = t[:-2]
    return t in _stopwords()


def _proper_token(tok: str) -> bool:
    return bool(_TOK_RE.fullmatch(tok)) or bool(_INITIAL_RE.fullmatch(tok))


def person_like(name: str, need_given: bool = True, allow_single: bool = False) -> bool:
    """Does ``name`` look like a person's name?

    2-4 capitalised tokens (initials allowed), none a stopword, not a council
    name; with ``need_given`` the first (non-initial) token must be a known given name.
    """
    toks = [t for t in name.split() if t]
    if not toks:
        return False
    words = [t for t in toks if not _INITIAL_RE.fullmatch(t) and not _PARTICLE_RE.fullmatch(t)]
    if not words or (len(words) < 2 and not allow_single) or len(words) > 4:
        return False
    if any(_is_stop(t) for t in words):
        return False
    if not all(_proper_token(t) or _PARTICLE_RE.fullmatch(t) for t in toks):
        return False
    if need_given and not (_INITIAL_RE.fullmatch(toks[0]) or toks[0] in _given_names()):
        return False
    if _auth.resolve(name) is not None:
        return False
    return True


def _clean_role(s: str | None) -> str | None:
    if not s:
        return None
    s = s.replace("\u00a0", " ")
    if re.match(r"\s*(?:#|\d+(?:\.\d+)*\.?\s+[A-Z]{2,})", s):
        return None  # a heading, not a role
    m = _ROLE_CUT_RE.search(s)
    if m:
        s = s[: m.start()]
    m = re.search(r"[.;]\s+(?=[A-Z])", s)  # the role ends with its sentence
    if m:
        s = s[: m.start()]
    s = re.sub(r"\s+", " ", s).strip(" \t,.;:-–—()*")
    s = re.sub(r"^(?:the|a|an)\s+(?=[A-Za-z])", "", s)
    if s.count("(") > s.count(")"):
        s += ")"
    if not s or len(s) > 120 or not re.search(r"[A-Za-z]", s):
        return None
    if s.isupper() and len(s.split()) >= 2:
        return None  # "RISK MANAGEMENT IMPLICATIONS": the next heading, not a role
    return s


def _kind_of_role(role: str | None, default: str | None = None) -> str | None:
    if not role:
        return default
    # the longest role phrase decides ("Independent Chair" beats "Chair");
    # on a tie councillor > other > officer
    best = None
    rank = {"councillor": 2, "other": 1, "officer": 0}
    for k, rx in _role_words():
        m = rx.search(role)
        if m:
            key = (m.end() - m.start(), rank[k])
            if best is None or key > best[0]:
                best = (key, k)
    return best[1] if best else default


def _has_role_word(s: str) -> bool:
    return any(rx.search(s) for _, rx in _role_words())


# --------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    kind: str | None = None
    role: str | None = None
    source: str = "text"  # header | title | apposition | given | registry
    canonical: str | None = None
    listed: str | None = None  # from a list under a label: present | apologies | members

    @property
    def strong(self) -> bool:
        """Evidence good enough to learn the name: a header block, "Name, Role",
        or "Councillor X" / a title with a stated role."""
        if self.source in ("header", "apposition"):
            return True
        return self.source == "title" and (self.kind == "councillor" or bool(self.role))


_PRIORITY = {"header": 4, "apposition": 3, "title": 2, "registry": 1, "given": 0, "text": 0}


_LIST_NAME_RE = re.compile(
    rf"(?:{_INITIAL}[ ]?)*(?:{_PARTICLE}[ ]+)?{_TOK}(?:[ ]+(?:{_PARTICLE}[ ]+)?{_TOK}){{0,2}}(?:[ ]?\([{_UP}]\.?\))?"
)
_LIST_SEP_RE = re.compile(r"[ ]*(?:,[ ]*(?:and[ ]+)?|[ ]+and[ ]+|[ ]*&[ ]*)")
_AND_INITIALLED_RE = re.compile(
    rf"[ ]+(?:and|&)[ ]+(?P<name>(?:[{_UP}]\.?[ ]?){{1,3}}(?P<surname>{_TOK}))(?![\w'’-]|[ ][{_UP}][{_LO}])"
)
_LIST_TITLE_RE = re.compile(rf"{_TITLE}[ ]+")
_SPACES_RE = re.compile(r"[ ]+")


def _cut_at_break(text: str, ns: int, ne: int) -> int:
    """Where a name read across line breaks ends: it goes on to the next line only when
    what ends the line is a given name or initials ("Councillor Richard" / "O'Donoghue"),
    which a surname must follow; "Councillor Smith" / "Planning" stops at the break."""
    nl = text.find("\n", ns, ne)
    if nl < 0:
        return ne
    head = text[ns:nl].split()
    if head and all(_INITIAL_RE.fullmatch(t) or t in _given_names() or _PARTICLE_RE.fullmatch(t) for t in head):
        nl2 = text.find("\n", nl + 1, ne)
        return ne if nl2 < 0 else ns + len(text[ns:nl2].rstrip())
    return ns + len(text[ns:nl].rstrip())


_INITIALS_THEN_NAME_RE = re.compile(rf"(?:[{_UP}]\.?[ ]?)+(?:{_PARTICLE}[ ]+)?{_TOK}")


def _initialled_end(text: str, ns: int, ne: int) -> int:
    """A name written with initials has one surname after them: "Mr C Philpott" of
    "Mr C Philpott Footpath Warden", the role being what follows."""
    m = _INITIALS_THEN_NAME_RE.match(text, ns, ne)
    return m.end() if m and re.match(rf"[{_UP}](?:\.|[ ])", text[ns:ns + 2]) else ne


def _titled_names(text: str):
    """(match, title, name start, name end) for each titled name ("Councillor X", "Cllr X", "Mr X"),
    and each name of "Councillors Novak and O'Donoghue" (title "councillors")."""
    # line breaks read as spaces (same offsets), so a name wrapped after its title or its
    # given name is whole; _cut_at_break decides whether a name may go on past a break
    flat = text.replace("\n", " ") if "\n" in text else text
    for tm in _titled_iter(flat):
        if not _word_start(flat, tm.start()):
            continue
        title = tm.group("title").lower()
        if "\n" in text[tm.end("title"):tm.start("name")] and (title.endswith(".") or title not in _PERSONAL_TITLES | {"councillors", "cllrs"}):
            # "forward to Cllrs." ends its sentence, "Dear Sir" its line: the next line starts another
            continue
        if title in ("councillors", "cllrs", "cllrs."):
            yield from _councillors_list(text, flat, tm)
            continue
        ne = _initialled_end(text, tm.start("name"), _cut_at_break(text, tm.start("name"), tm.end("name")))
        tr = _trim_name(text, tm.start("name"), ne)
        if tr:
            yield tm, title, tr[0], tr[1]
            # "Councillor M Armstrong and A Armstrong": a second name with its initials shares the title
            am = _AND_INITIALLED_RE.match(flat, tr[1])
            if am and not _is_stop(am.group("surname")):
                yield tm, title, am.start("name"), am.end("name")


def _councillors_list(text: str, flat: str, tm: re.Match):
    """The names after "Councillors" in running text: "Councillors Brian Leddin and Richard
    O'Donoghue", "Cllrs Snell, Ashman & Mawdsley"; the list ends at the first thing not a name.
    Prose closes a list of several with "and" or "&": items only parted by commas
    ("Councillors" / "Michael Armstrong, Julian Bower Farm, Cliburn, Tel ...") are an address
    list, of which only the first is sure to be a councillor."""
    pos = tm.start("name")
    found: list[tuple[int, int]] = []
    while True:
        title = _LIST_TITLE_RE.match(flat, pos)
        if title:  # "Councillors Browne, Cmhlr. Ó Ceallaigh, O'Dea"
            pos = title.end()
        nm = _LIST_NAME_RE.match(flat, pos)
        if not nm:
            break
        ne = _cut_at_break(text, nm.start(), nm.end())
        tr = _trim_name(text, nm.start(), ne)
        if not tr or tr[0] != nm.start():
            break
        found.append(tr)
        if tr[1] != nm.end():
            break  # the list ran into other words
        sep = _LIST_SEP_RE.match(flat, nm.end())
        if not sep or sep.end() == nm.end():
            # "Collins (J) Donegan": a name closed by its bracketed initial is whole, what follows is the next one
            sep = _SPACES_RE.match(flat, nm.end()) if flat[nm.end() - 1] == ")" else None
            if not sep:
                break
        pos = sep.end()
    if len(found) > 1 and not re.search(r"\band\b|&", flat[found[-2][1]:found[-1][0]]):
        found = found[:1]
    for s, e in found:
        yield tm, "councillors", s, e


_COUNCIL_AFTER_RE = re.compile(r"[ ]+(?:(?:County|Borough|District|City|Town|Parish|Community)[ ]+)?Council\b")


def _trim_name(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Trim a capitalised run to the longest person-like part: drop stopwords at both ends."""
    seg = text[s:e]
    toks = [(m.start() + s, m.end() + s, m.group(0)) for m in re.finditer(r"\S+", seg)]
    while toks and (_is_stop(toks[0][2]) or not _proper_token(toks[0][2]) and not re.fullmatch(_INITIAL, toks[0][2])
                    and not (len(toks) > 1 and (_PARTICLE_RE.fullmatch(toks[0][2]) or _BARE_INITIAL_RE.fullmatch(toks[0][2])))):
        toks.pop(0)
    # cut at the first stopword after the start
    for i, (_, _, t) in enumerate(toks):
        if _is_stop(t):
            toks = toks[:i]
            break
    if not toks:
        return None
    if len(toks) > 1 and _COUNCIL_AFTER_RE.match(text, toks[-1][1]) and _auth.resolve(toks[-1][2]):
        toks.pop()  # "Cllr Martin Storey Norfolk County Council": the council's place ends the run
    return toks[0][0], _without_gerund(text, toks[0][0], toks[-1][1])


# a capitalised word in -ing before an article or possessive opens a clause ("Lisa Auker
# Taking a stand against Scams", a talk's title after the speaker): it is not the surname
_GERUND_TAIL_RE = re.compile(rf"[ ]+[{_UP}][{_LO}]+ing(?=[ ]+(?:a|an|the|this|these|those|their|his|her|its|our|your)[ ]+[a-z])")


def _without_gerund(text: str, s: int, e: int) -> int:
    """The end of the name text[s:e] once a clause-opening last word is dropped."""
    for m in _GERUND_TAIL_RE.finditer(text, s, e + 40):
        if m.end() == e and m.start() > s:
            return m.start()
    return e


def _names_in(text: str, s: int, e: int, need_given: bool, allow_single: bool = False) -> list[tuple[int, int]]:
    """Person-like runs inside text[s:e] (offsets absolute)."""
    out = []
    for m in _RUN_RE.finditer(text, s, e):
        toks = [(x.start() + m.start(), x.end() + m.start(), x.group(0)) for x in re.finditer(r"\S+", m.group(0))]
        # split the run at stopwords; each piece may be a name
        piece: list[tuple[int, int, str]] = []
        pieces = []
        for t in toks:
            if _is_stop(t[2]):
                if piece:
                    pieces.append(piece)
                piece = []
            else:
                piece.append(t)
        if piece:
            pieces.append(piece)
        for p in pieces:
            # a long run of names without commas: take the last 2-3 tokens as the name
            while len(p) > 4:
                p = p[1:]
            name = text[p[0][0]: p[-1][1]]
            if person_like(name, need_given=need_given, allow_single=allow_single):
                out.append((p[0][0], p[-1][1]))
            elif len(p) >= 3 and person_like(text[p[1][0]: p[-1][1]], need_given=need_given):
                out.append((p[1][0], p[-1][1]))
    return out


def _parse_one(text: str, s: int, e: int, kind: str, lines_after: list[tuple[int, int]]) -> list[_Mention]:
    """One person after a label: "Name, Role", "Name - Role", "Role – Councillor Name", "Cllr Name - Role"."""
    seg = text[s:e]
    out: list[_Mention] = []
    # "Councillor X" inside the segment (report of the Cabinet Member ... – Councillor Sue Fennimore)
    tm = _TITLED_RE.search(text, s, e)
    if tm:
        ns, ne = tm.start("name"), tm.end("name")
        trimmed = _trim_name(text, ns, ne)
        if trimmed:
            ns, ne = trimmed
            before = text[s: tm.start()].strip(" \t-–—:,")
            after = text[ne:e]
            am = re.match(r"\s*[,\-–—.]\s*(.+)", after)
            role = _clean_role(am.group(1)) if am else None
            if not role and before and _has_role_word(before):
                role = _clean_role(re.sub(r"^(?:the|a)\s+", "", before, flags=re.I))
            is_cllr = tm.group("title").lower() in _COUNCILLOR_TITLES
            k = "councillor" if is_cllr else _kind_of_role(role, kind if kind != "auto" else "other")
            out.append(_Mention(ns, ne, text[ns:ne], k, role, "header"))
            return out
    # "Name, Role" / "Name - Role" / "(Name, Role 0208...)" / "Name Role ext. 123"
    m = re.match(r"[\s(]*", seg)
    p = s + (m.end() if m else 0)
    rm = _RUN_RE.match(text, p, e)
    if not rm:
        return out
    ns, ne = rm.start(), rm.end()
    trimmed = _trim_name(text, ns, ne)
    if not trimmed:
        return out
    ns, ne = trimmed
    toks = text[ns:ne].split()
    # "Michael Sloniowski Bi-borough Risk Manager": the run went into the role
    if len(toks) > 4:
        ne = ns + len(" ".join(toks[:2]))
    name = text[ns:ne]
    if not person_like(name, need_given=False):
        # maybe "Role - Name": look for a name after a dash
        dm = re.search(r"\s[-–—]\s", seg)
        if dm:
            return _parse_one(text, s + dm.end(), e, kind, [])
        return out
    rest = text[ne:e]
    role = None
    am = re.match(r"\s*(?:[,\-–—:.]\s*|\s+)(.+)", rest)
    if am:
        role = _clean_role(am.group(1))
    if not role and lines_after:
        # contact blocks: the role is on the next line ("David Abbott\nScrutiny Manager")
        ls, le = lines_after[0]
        cand = _clean_role(text[ls:le])
        if cand and (_has_role_word(cand) or len(cand.split()) <= 6) and not _RUN_RE.fullmatch(text[ls:le].strip()) or (
            cand and _has_role_word(cand)
        ):
            role = cand
    k = kind if kind != "auto" else None
    k = _kind_of_role(role, k or "officer") if kind in ("auto", "officer") else kind
    out.append(_Mention(ns, ne, name, k, role, "header"))
    return out


def _parse_list(text: str, s: int, e: int, kind: str) -> list[_Mention]:
    """Attendance lists: "Councillors A (Chair), B and C", "Name, Role, Name, Role",
    "Role (Mr. P. Name), Role (Ms. Q. Name)", "Name, Org Name, Role ..."."""
    out: list[_Mention] = []
    seg = text[s:e]
    taken: list[tuple[int, int]] = []

    def add(ns: int, ne: int, k: str | None, role: str | None) -> None:
        for a, b in taken:
            if ns < b and a < ne:
                return
        taken.append((ns, ne))
        out.append(_Mention(ns, ne, text[ns:ne], k, role, "header"))

    # "Role (Mr. P. Dowling)" - the Irish minutes' officials. The lazy role scans on to the
    # next bracket from every start, so a long list with no "(Mr"/"(Dr" is not searched at all
    officials = re.finditer(
        rf"(?P<role>[^()]*?)\s*\((?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(?P<name>(?:{_INITIAL}\s*)*{_TOK}(?:\s+{_TOK})?)\)", seg
    ) if "(M" in seg or "(D" in seg else ()
    for m in officials:
        role = _clean_role(re.sub(r"^[\s,;]*(?:and\s+)?", "", m.group("role")))
        ns, ne = s + m.start("name"), s + m.end("name")
        add(ns, ne, _kind_of_role(role, kind if kind != "councillor" else "officer"), role)
    # "Councillors Butler, Byrne and Secas" / "Councillors Caroline Needham (Chair), Alan De'Ath"
    pl = re.search(r"\b(?:Councillors|Cllrs\.?)\s+(?=(?:[A-Z]\.\s?)*[A-ZÀ-Þ])", seg)
    if pl:
        p = s + pl.end()
        for part in re.finditer(r"[^,;]+", text[p:e]):
            for sub in re.split(r"\band\b", part.group(0)):
                off = p + part.start() + part.group(0).find(sub)
                # a title inside the list ("Councillors Browne, Cmhlr. Ó Ceallaigh, O'Dea") is not the name
                tm = re.match(rf"\s*{_TITLE}\s+", sub)
                if tm:
                    off += tm.end()
                    sub = sub[tm.end():]
                rm = re.match(rf"\s*((?:{_INITIAL}\s?)*(?:{_PARTICLE}\s+)?{_TOK}(?:[ ]+(?:{_PARTICLE}[ ]+)?{_TOK}){{0,2}})", sub)
                if not rm:
                    continue
                ns, ne = off + rm.start(1), off + rm.end(1)
                tr = _trim_name(text, ns, ne)
                if not tr:
                    continue
                ns, ne = tr
                pm = re.match(r"\s*\(([^)]*)\)", text[ne: off + len(sub)])
                if pm and re.fullmatch(rf"[{_UP}]\.?", pm.group(1)):
                    # "Sheahan (J)": the initial that tells two councillors apart is part of the name
                    ne += pm.end()
                    pm = None
                role = _clean_role(pm.group(1)) if pm else None
                add(ns, ne, "councillor", role)
    # "Councillor X (Chair)" repeated
    for tm in _titled_iter(text, s, e):
        if tm.group("title").lower() in ("councillors", "cllrs", "cllrs."):
            continue
        tr = _trim_name(text, tm.start("name"), _initialled_end(text, tm.start("name"), tm.end("name")))
        if not tr:
            continue
        ns, ne = tr
        pm = re.match(r"\s*\(([^)]*)\)", text[ne:e])
        role = _clean_role(pm.group(1)) if pm else None
        if not role:
            am = re.match(r"\s*[,.]\s*([^,;]+)", text[ne:e])
            if am and _has_role_word(am.group(1)):
                role = _clean_role(am.group(1))
        k = "councillor" if tm.group("title").lower() in _COUNCILLOR_TITLES else _kind_of_role(role, kind)
        add(ns, ne, k, role)
    if out and (pl or len(out) > 1):
        return out
    # generic "Name, Role, Name, Role" - pieces by comma; a name piece may also end a role piece
    names: list[list] = []  # [start, end, role parts, role seen, role in brackets]
    parts = []
    for part in re.finditer(r"[^,;]+", seg):
        # "X (Role) and Nadia Taylor (Role)": split before "and" + a name
        ps = part.start()
        for am in re.finditer(r"\s+and\s+(?=[A-Z])", part.group(0)):
            after = s + part.start() + am.end()
            rm = _RUN_RE.match(text, after, e)
            if rm and person_like(text[rm.start():rm.end()], need_given=False):
                parts.append((ps, part.start() + am.start()))
                ps = part.start() + am.end()
        parts.append((ps, part.end()))
    for ps_rel, pe_rel in parts:
        part = re.match(r"[\s\S]*", seg[ps_rel:pe_rel])
        part_start = ps_rel
        ps, pe = s + part_start, s + pe_rel
        piece = text[ps:pe].strip()
        if not piece:
            continue
        lead = ps + text[ps:pe].find(piece)
        full = (lead, lead + len(piece))
        pm = re.match(r"(.*?)\s*\(([^)]*)\)\s*$", piece)
        core_end = lead + (len(pm.group(1)) if pm else len(piece))
        core = text[lead:core_end]
        prev_role = bool(names) and names[-1][3]
        if person_like(core, need_given=False) and (core.split()[0] in _given_names() or not names or prev_role
                                                    or kind in ("councillor", "other", "officer")):
            names.append([lead, core_end, [], False, pm.group(2) if pm else None])
            continue
        # trailing name inside the piece: "Teacher Representative Nandini Ganesh"
        cands = _names_in(text, lead, full[1], need_given=False)
        tail = [c for c in cands if c[1] == core_end or text[c[1]:core_end].strip() == ""]
        if tail and tail[-1][0] > lead:
            ts, te = tail[-1]
            if names:
                names[-1][2].append(text[lead:ts])
                names[-1][3] = True
            names.append([ts, te, [], False, None])
            continue
        if names:
            names[-1][2].append(piece)
            names[-1][3] = True
    for ns, ne, role_parts, _, paren in names:
        role = _clean_role(", ".join(role_parts)) if role_parts else _clean_role(paren)
        k = _kind_of_role(role, kind) if kind != "other" else "other"
        if kind == "councillor" and role and _kind_of_role(role) == "officer":
            k = "officer"
        add(ns, ne, k, role)
    return out


def _listed(mentions: list[_Mention], label: str) -> list[_Mention]:
    """The people of a list, marked with what its label says of them: the meeting's
    attendance ("Present:", "In attendance"), its apologies, or a list of members."""
    kind = "apologies" if _APOLOGIES_LABEL.search(label) else "present" if _PRESENT_LABEL.search(label) else "members"
    for m in mentions:
        m.listed = kind
    return mentions


_APOLOGIES_LABEL = re.compile(r"apolog", re.I)
_PRESENT_LABEL = re.compile(r"present|attend|in\s+the\s+chair", re.I)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    p = 0
    for ln in text.split("\n"):
        spans.append((p, p + len(ln)))
        p += len(ln) + 1
    return spans


_CONTACT_INTRO_RE = re.compile(r"(?:please\s+contact|contact\s+details|for\s+further\s+information\s+contact)\s*:?\s*$", re.I)
_ROLE_LINE_RE = re.compile(r"^\s*(?:position|job\s+title|role|designation)\s*:\s*(.+)$", re.I)
_SIGNATURE_RE = re.compile(
    rf"(?:Councillor|Cllr\.?)\s+(?P<name>{_TOK}(?:[ ]+{_TOK}){{1,2}})\s*[,.]\s*"
    r"(?P<role>(?:Acting\s+|Deputy\s+)?(?:Cabinet Member|Leader|Deputy Leader|Lord Mayor|Mayor|Chair|Chairman|Vice-Chair"
    r"|Lead Member|Portfolio Holder)[^\n\t.;(]*?)(?=,\s+[a-z]|[.;(\n\t]|$)",
    re.M,
)


@lru_cache(maxsize=1)
def _label_re_m() -> re.Pattern:
    return re.compile(_label_re().pattern, re.I | re.M)


_CONTACT_INTRO_M_RE = re.compile(
    r"(?:please\s+contact|contact\s+details|for\s+further\s+information\s+contact)[\s*:]*$", re.I | re.M
)
# where those two can start (see rxscan): "please", "contact", "for"; a line start, a tab, a bar
_CONTACT_INTRO_START_RE = re.compile(r"[pcf](?=lease|ontact|or)", re.I)
_LINE_OR_CELL_RE = re.compile(r"[\n\t|]")


def _line_and_cell_starts(text: str) -> Iterator[int]:
    """Every place the label regex can start: a line start, a tab or a table bar."""
    yield 0
    for m in _LINE_OR_CELL_RE.finditer(text):
        yield m.end() if m.group() == "\n" else m.start()


# header mentions per masked text, while remember_headers() is on (see there)
_HEADER_MEMO: dict[str, list[_Mention]] | None = None


@contextmanager
def remember_headers() -> Iterator[None]:
    """Within this block each text's header blocks are read once: tagging a file reads
    a document's header for its people (:func:`header_people`), then again when it tags
    the document's text. Left, the memo is dropped (it holds whole document texts)."""
    global _HEADER_MEMO
    saved, _HEADER_MEMO = _HEADER_MEMO, {}
    try:
        yield
    finally:
        _HEADER_MEMO = saved


def _header_mentions(text: str, masked: str | None = None) -> list[_Mention]:
    """People named by labels ("Report of:", "Contact officer:", "Officers:", "Name:"),
    contact blocks and signature lines."""
    if masked is None:
        masked = _mask(text)
    memo = _HEADER_MEMO
    if memo is None:
        return _read_header_mentions(masked)
    got = memo.get(masked)
    if got is None:
        got = memo[masked] = _read_header_mentions(masked)
    # copies each time: callers set canonical names, kinds and roles on them
    return [_copied(m) for m in got]


def _read_header_mentions(masked: str) -> list[_Mention]:
    spans = _line_spans(masked)
    starts = [a for a, _ in spans]
    labels = _labels()
    out: list[_Mention] = []
    n = len(spans)
    hits: dict[int, list[re.Match]] = {}
    for m in finditer_at(_label_re_m(), _line_and_cell_starts(masked), masked):
        hits.setdefault(bisect.bisect_right(starts, m.start() + (1 if masked[m.start():m.start() + 1] in "\t|" else 0)) - 1, []).append(m)
    contact_lines = {bisect.bisect_right(starts, m.start()) - 1
                     for m in finditer_from(_CONTACT_INTRO_M_RE, _CONTACT_INTRO_START_RE, masked)}

    def following_of(i: int) -> list[tuple[int, int]]:
        # the next non-empty lines; PDF-to-text often puts a blank line between
        # every line, so one blank line does not end a block, two do
        following: list[tuple[int, int]] = []
        j = i + 1
        blanks = 0
        while j < n and len(following) < 8:
            a, b = spans[j]
            if masked[a:b].strip():
                following.append((a + len(masked[a:b]) - len(masked[a:b].lstrip()), b))
                blanks = 0
            else:
                blanks += 1
                if blanks >= 2 and following:
                    break
            j += 1
        return following

    def list_continues(cur: str, nxt: str) -> bool:
        cur = cur.rstrip()
        if re.search(r"(?:,|\band|\()$", cur) or cur.count("(") > cur.count(")"):
            return True
        if re.match(r"\s*\([A-Z]\.?\)", nxt) and not re.search(r"[.;:]$", cur):
            return True  # "... Sheahan" / "(J), Sheahan (M)": the initial of the last name wrapped
        return not re.search(r"[.;:]$", cur) and bool(re.search(r"\((?:Mr|Mrs|Ms|Miss|Dr)\.?\s", nxt))

    for i in sorted(set(hits) | contact_lines):
        ls, le = spans[i]
        found = False
        for m in hits.get(i, []):
            idx = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
            kind, mode, _ = labels[idx]
            cs = m.end()
            # the labelled cell ends at the next tab / table bar in the same line
            nxt = re.search(r"\t|\|", masked[cs:le])
            ce = cs + nxt.start() if nxt else le
            following = following_of(i)
            found = True
            if mode == "name":
                rm = _RUN_RE.search(masked, cs, ce)
                if rm and person_like(masked[rm.start():rm.end()].strip(), need_given=False):
                    role = None
                    for a, b in following[:3]:
                        pm = _ROLE_LINE_RE.match(masked[a:b])
                        if pm:
                            role = _clean_role(pm.group(1))
                            break
                    ns, ne = rm.start(), rm.end()
                    out.append(_Mention(ns, ne, masked[ns:ne], _kind_of_role(role, kind), role, "header"))
                continue
            if not masked[cs:ce].strip():
                # label alone on its line: the person/list is on the next lines
                if not following:
                    continue
                if mode == "list":
                    a, b = following[0]
                    k = 1
                    # lists wrap: continue while the text ends with "," or "and"
                    while k < len(following) and list_continues(masked[a:b], masked[following[k][0]:following[k][1]]):
                        b = following[k][1]
                        k += 1
                    out.extend(_listed(_parse_list(masked, a, b, kind), m.group(0)))
                else:
                    a, b = following[0]
                    out.extend(_parse_one(masked, a, b, kind, following[1:]))
                continue
            if mode == "list":
                b = ce
                k = 0
                while k < len(following) and list_continues(masked[cs:b], masked[following[k][0]:following[k][1]]):
                    b = following[k][1]
                    k += 1
                out.extend(_listed(_parse_list(masked, cs, b, kind), m.group(0)))
            else:
                out.extend(_parse_one(masked, cs, ce, kind, following))
        if not found and i in contact_lines:
            # "please contact:" followed by "Name, Role" lines (blank lines between blocks)
            j = i + 1
            blocks = 0
            while j < n and blocks < 4:
                a, b = spans[j]
                t = masked[a:b].strip()
                if not t:
                    j += 1
                    continue
                if re.match(r"#|\d+\.", t):
                    break
                got = _parse_one(masked, a, b, "officer", [])
                if got and person_like(got[0].name, need_given=False):
                    out.extend(got)
                    blocks += 1
                elif not re.search(r"@|\bTel\b|\d{4}", t):
                    break
                j += 1
    for sm in _SIGNATURE_RE.finditer(masked):
        role = _clean_role(sm.group("role"))
        out.append(_Mention(sm.start("name"), sm.end("name"), sm.group("name"), "councillor", role, "header"))
    return out


_APPOS_TAIL_RE = re.compile(
    r"(?P<sep>,[ ]+|[ ]+[-–—][ ]+|[ ]+\()(?P<role>(?:(?:the|a|an)[ ]+)?[A-Za-z][^,;()\n\t]{2,80})"
)
_APPOS_MORE_RE = re.compile(r",[ ]+([^,;()\n\t]{2,60})")
_BAD_ROLE_START = frozenset(("was", "is", "had", "has", "and", "who", "which", "were", "are", "said", "will"))


def _run_pieces(text: str, m: re.Match) -> list[tuple[int, int]]:
    """A capitalised run split at stopwords into candidate name pieces (absolute offsets)."""
    out = []
    start = None
    end = None
    base = m.start()
    for t in re.finditer(r"\S+", m.group(0)):
        if _is_stop(t.group(0)):
            if start is not None:
                out.append((start, end))
            start = None
        else:
            if start is None:
                start = base + t.start()
            end = base + t.end()
    if start is not None:
        out.append((start, end))
    return out


def _text_mentions(text: str, masked: str | None = None) -> tuple[list[_Mention], set[str]]:
    """People in running text: titles, "Name, Role" appositions, known given names.

    Also returns names seen as institutions ("<Name> School"): their bare
    mentions are not people in this text.
    """
    if masked is None:
        masked = _mask(text)
    out: list[_Mention] = []
    institutions: set[str] = set()
    for _tm, title, ns, ne in _titled_names(masked):
        name = masked[ns:ne]
        if title.rstrip(".") not in _PERSONAL_TITLES and _auth.resolve(name):
            continue  # "Mr. Selby", "Councillor Kent" are people; a lord's title may be a place
        kind = "councillor" if title in _COUNCILLOR_TITLES else None
        role = None
        am = re.match(r"[ ]*[,.][ ]+([^,;()\n\t]{3,80})", masked[ne:ne + 120])
        if am and _has_role_word(am.group(1)) and am.group(1)[:1].isupper():
            role = _clean_role(am.group(1))
        if kind is None:
            kind = _kind_of_role(role, None)
        out.append(_Mention(ns, ne, name, kind, role, "title"))
    given = _given_names()
    for rm in _RUN_RE.finditer(masked):
        if not _word_start(masked, rm.start()):
            continue
        run = rm.group(0)
        if " " not in run:
            # one word (or words joined by no-break spaces only): neither "Name, Role"
            # below (a piece with a space) nor a given-name pair can come of it
            continue
        pieces = _run_pieces(masked, rm)
        if not pieces:
            continue
        # "Name, Role": the last piece of the run, followed by a comma/dash and a role
        ps, pe = pieces[-1]
        if pe == rm.end() and " " in masked[ps:pe]:
            am = _APPOS_TAIL_RE.match(masked, pe)
            if am:
                role = _appos_role(masked, am)
                if role:
                    ns, ne = ps, pe
                    toks = masked[ns:ne].split()
                    if len(toks) > 4:
                        ns = ne - len(" ".join(toks[-3:]))
                    name = masked[ns:ne]
                    if person_like(name, need_given=False):
                        out.append(_Mention(ns, ne, name, _kind_of_role(role, "officer"), role, "apposition"))
                        continue
        if " " not in run:
            continue
        for ps, pe in pieces:
            seg = masked[ps:pe]
            toks = seg.split()
            if len(toks) < 2:
                continue
            if toks[0] not in given:
                # "Schools Matt Jenkins": a given name inside the piece
                idx = next((i for i, t in enumerate(toks[1:-1], 1) if t in given), None)
                if idx is None:
                    continue
                ps = ps + len(" ".join(toks[:idx])) + 1
                seg = masked[ps:pe]
                toks = toks[idx:]
            if len(toks) > 3:
                pe = ps + len(" ".join(toks[:3]))
            pe = _without_gerund(masked, ps, pe)
            seg = masked[ps:pe]
            if len(toks) == 3 and toks[-1].lower() in _institution_words():
                institutions.add(" ".join(toks[:2]))  # "Francis Taylor Building"
                continue
            if not person_like(seg, need_given=True):
                continue
            nxt = re.match(r"[ ]+([\w'’]+)", masked[pe:pe + 30])
            if nxt and nxt.group(1).lower() in _institution_words():
                institutions.add(seg)
                continue
            out.append(_Mention(ps, pe, seg, None, None, "given"))
    return out, institutions


def _appos_role(masked: str, am: re.Match) -> str | None:
    pieces = [am.group("role")]
    pos = am.end("role")
    while len(pieces) < 3:
        more = _APPOS_MORE_RE.match(masked, pos)
        if not more:
            break
        pieces.append(more.group(1))
        pos = more.end()
    acc = []
    for pc in pieces:
        acc.append(pc)
        if _has_role_word(pc) and (pc[:1].isupper() or re.match(r"(?:the|a|an)\s", pc)):
            role = _clean_role(", ".join(acc))
            if not role:
                return None
            if role.split()[0].lower() in _BAD_ROLE_START:
                return None
            if am.group("sep").strip() == "(" and not _has_role_word(role):
                return None
            return role
    return None


# --------------------------------------------------------------------------- registry


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    s = name.replace("’", "'").lower()
    s = re.sub(r"\b(?:mr|mrs|ms|miss|dr|cllr|councillor)\.?\s+", "", s)
    s = re.sub(r"[^\w\s'-]", "", s)
    return " ".join(s.split())


def _surname_key(name: str) -> str:
    toks = _name_key(name).split()
    return toks[-1].replace("'", "").replace("-", "") if toks else ""


def _proper_case_score(name: str) -> int:
    return sum(1 for seg in re.split(r"[\s-]+", name) if seg[:1].isupper())


@dataclass
class _Person:
    canonical: str
    kind: str | None = None
    role: str | None = None
    variants: dict[str, int] = field(default_factory=dict)
    strong: bool = False


class PeopleRegistry:
    """People learned from documents; merges spelling variants; tags recurrences.

    ``learn()`` takes PERSON entities (e.g. from :func:`header_people` or
    :func:`tag_lines`), a text, or a list of :class:`Line`. Only names with at
    least two words are used to tag recurrences; "Councillor Needham" style
    mentions resolve to the full name through the surname.
    """

    def __init__(self, exact_surnames: bool = False) -> None:
        # across a whole corpus "Harris" and "Harrison" are different people; in one paper
        # a surname a letter off is a typo
        self.exact_surnames = exact_surnames
        self._people: dict[str, _Person] = {}
        self._key_to_canon: dict[str, str] = {}
        self._regex: re.Pattern | None = None
        self._regex_dirty = True
        # canonical names by surname and by first name, with their order of arrival, so a
        # lookup in a corpus-wide registry looks at a few people, not all of them
        self._by_sur: dict[str, list[str]] = {}
        self._by_first: dict[str, list[str]] = {}
        self._seq: dict[str, int] = {}
        self._arrivals = 0

    def _put(self, p: _Person) -> None:
        self._people[p.canonical] = p
        self._arrivals += 1
        self._seq[p.canonical] = self._arrivals
        toks = _name_key(p.canonical).split()
        self._by_sur.setdefault(_surname_key(p.canonical), []).append(p.canonical)
        if toks:
            self._by_first.setdefault(toks[0], []).append(p.canonical)

    def _drop(self, canon: str) -> _Person:
        p = self._people.pop(canon)
        self._seq.pop(canon, None)
        toks = _name_key(canon).split()
        self._by_sur.get(_surname_key(canon), []).remove(canon)
        if toks:
            self._by_first.get(toks[0], []).remove(canon)
        return p

    # -- learning
    def learn(self, source: Iterable[Entity] | str | list[Line], role: str | None = None) -> None:
        if isinstance(source, str):
            ents = [e for e in tag_text(source, registry=None) if e.label == "PERSON"]
        else:
            items = list(source)
            if items and isinstance(items[0], Line):
                ents = header_people(items)  # type: ignore[arg-type]
            else:
                ents = [e for e in items if isinstance(e, Entity) and e.label == "PERSON"]
        for e in ents:
            self.add(e.text, kind=e.kind, role=e.role, strong=True if e.role or e.kind else False)

    def add(self, name: str, kind: str | None = None, role: str | None = None, strong: bool = True) -> str:
        name = " ".join(name.split())
        canon = self.canonical(name, role=role, kind=kind)
        p = self._people.get(canon)
        if p is None:
            p = _Person(canonical=name, kind=kind, role=role, strong=strong)
            self._put(p)
            canon = name
        p.variants[name] = p.variants.get(name, 0) + 1
        if kind and (p.kind is None or (p.kind == "other" and kind != "other") or kind == "councillor"):
            p.kind = kind
        if role and (not p.role or (strong and not p.strong)):
            p.role = role
        p.strong = p.strong or strong
        # a better-cased variant becomes the display name ("Smith-jones" -> "Smith-Jones")
        if _name_key(name) == _name_key(p.canonical) and _proper_case_score(name) > _proper_case_score(p.canonical):
            self._rename(p.canonical, name)
            canon = name
        self._key_to_canon[_name_key(name)] = canon
        self._regex_dirty = True
        return canon

    def _rename(self, old: str, new: str) -> None:
        p = self._drop(old)
        p.canonical = new
        self._put(p)
        for k, v in list(self._key_to_canon.items()):
            if v == old:
                self._key_to_canon[k] = new

    # -- lookup
    def canonical(self, name: str, role: str | None = None, kind: str | None = None) -> str:
        """The merged canonical form of ``name`` (``name`` itself if unknown)."""
        from rapidfuzz import fuzz

        key = _name_key(name)
        if key in self._key_to_canon:
            return self._key_to_canon[key]
        toks = key.split()
        if not toks:
            return name
        if len(toks) == 1:
            # surname alone ("Councillor Needham"): unique person with that surname
            hits = set(self._by_sur.get(_surname_key(key), ()))
            if kind:
                hits_k = {c for c in hits if self._people[c].kind == kind}
                hits = hits_k or hits
            return next(iter(hits)) if len(hits) == 1 else name
        first, sur = toks[0], _surname_key(key)
        best, best_score = None, 0.0
        near = set(self._by_sur.get(sur, ())) | set(self._by_first.get(first, ()))
        for c in sorted(near, key=self._seq.__getitem__):
            p = self._people[c]
            pk = _name_key(p.canonical).split()
            if len(pk) < 2:
                continue
            p_first, p_sur = pk[0], _surname_key(p.canonical)
            if p_sur == sur:
                sc = fuzz.ratio(first, p_first)
                ok = sc >= 80 or (len(first) <= 2 and p_first.startswith(first.rstrip(".")))
            elif p_first == first and not self.exact_surnames:
                sc = fuzz.ratio(sur, p_sur)
                ok = sc >= 85
            else:
                continue
            if not ok:
                continue
            if kind and p.kind and kind != p.kind and "other" not in (kind, p.kind):
                continue
            if role and p.role and not _roles_agree(role, p.role):
                continue
            if sc > best_score:
                best, best_score = p.canonical, sc
        return best or name

    def get(self, name: str) -> dict | None:
        c = self.canonical(name)
        p = self._people.get(c)
        if not p:
            return None
        return {"canonical": p.canonical, "kind": p.kind, "role": p.role, "variants": sorted(p.variants)}

    def people(self) -> list[dict]:
        return [self.get(c) for c in sorted(self._people)]  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self._people)

    def __contains__(self, name: str) -> bool:
        return self.canonical(name) in self._people

    def copy(self) -> "PeopleRegistry":
        r = PeopleRegistry(self.exact_surnames)
        for _c, p in self._people.items():
            r._put(_Person(p.canonical, p.kind, p.role, dict(p.variants), p.strong))
        r._key_to_canon = dict(self._key_to_canon)
        return r

    def to_dict(self) -> dict:
        return {"exact_surnames": self.exact_surnames, "people": [
            {"canonical": p.canonical, "kind": p.kind, "role": p.role, "variants": p.variants, "strong": p.strong}
            for p in self._people.values()]}

    @classmethod
    def from_dict(cls, d: dict) -> "PeopleRegistry":
        r = cls(d.get("exact_surnames", False))
        for x in d.get("people", []):
            p = _Person(x["canonical"], x.get("kind"), x.get("role"), dict(x.get("variants", {})), x.get("strong", True))
            r._put(p)
            for v in list(p.variants) + [p.canonical]:
                r._key_to_canon[_name_key(v)] = p.canonical
        return r

    # -- tagging
    def _compiled(self) -> re.Pattern | None:
        if self._regex_dirty:
            names = set()
            for p in self._people.values():
                for v in list(p.variants) + [p.canonical]:
                    if len(v.split()) >= 2:
                        names.add(v.lower())
            if names:
                # matched against text.lower(); a trie of literals lets the engine skip fast
                body = literal_trie((" ".join(n.split()) for n in names), space=r"[ \u00a0]+")
                self._regex = re.compile(r"(?:" + body + r")(?![\w@'’-])")
            else:
                self._regex = None
            self._regex_dirty = False
        return self._regex

    def _mentions(self, text: str, titled: bool = True) -> list[_Mention]:
        out: list[_Mention] = []
        rx = self._compiled()
        if rx is not None:
            lower = text.lower()
            if len(lower) != len(text):  # a character changed length when lowercased
                rx = re.compile(rx.pattern, re.I)
                lower = text
            for m in rx.finditer(lower):
                st = m.start()
                if not text[st].isupper() or not _word_start(text, st):
                    continue
                s = text[st:m.end()]
                c = self.canonical(s)
                p = self._people.get(c)
                out.append(_Mention(st, m.end(), s, p.kind if p else None, p.role if p else None,
                                    "registry", c))
        if titled and self._people:
            for _tm, title, ns, ne in _titled_names(text):
                name = text[ns:ne]
                kind = "councillor" if title in _COUNCILLOR_TITLES else None
                c = self.canonical(name, kind=kind)
                if c in self._people:
                    p = self._people[c]
                    out.append(_Mention(ns, ne, name, p.kind, p.role, "registry", c))
        return out

    def tag(self, text: str) -> list[Entity]:
        """PERSON entities for every recurrence of a known name in ``text``, including
        spelling variants that merge into a known person ("Claire" for "Clare Smith")."""
        masked = _mask(text)
        mentions = self._mentions(masked)
        cands, _ = _text_mentions(text, masked)
        for m in cands:
            c = self.canonical(m.name, role=m.role, kind=m.kind)
            if c in self._people:
                p = self._people[c]
                mentions.append(_Mention(m.start, m.end, m.name, p.kind, p.role, "registry", c))
        occupied = bytearray(len(text) + 1)
        out = []
        for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
            if any(occupied[m.start:m.end]):
                continue
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
            out.append(m)
        return [
            Entity("PERSON", m.name, m.start, m.end, canonical=m.canonical or self.canonical(m.name),
                   kind=m.kind or "other", role=m.role)
            for m in sorted(out, key=lambda m: m.start)
        ]


def _roles_agree(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    if fuzz.token_set_ratio(a.lower(), b.lower()) >= 60:
        return True
    heads = ("director", "manager", "head", "officer", "lead", "member", "councillor", "representative",
             "executive", "chair", "mayor", "leader")
    wa = {h for h in heads if h in a.lower()}
    wb = {h for h in heads if h in b.lower()}
    return bool(wa & wb)


# --------------------------------------------------------------------------- people resolution


def _drop_name_column_false_hits(masked: str, mentions: list[_Mention]) -> list[_Mention]:
    """Drop weak person hits in the first column of a table whose first column is
    mostly not people (a list of schools where one is "James Lee")."""
    if "\t" not in masked:
        return mentions
    spans = _line_spans(masked)
    starts = [a for a, _ in spans]
    first_cell: dict[int, tuple[int, int]] = {}
    for i, (a, b) in enumerate(spans):
        line = masked[a:b]
        if "\t" in line:
            cell = line.split("\t", 1)[0]
            if cell.strip():
                lead = len(cell) - len(cell.lstrip())
                first_cell[i] = (a + lead, a + len(cell.rstrip()))
    if not first_cell:
        return mentions
    # contiguous blocks of table lines (blank lines allowed inside)
    block_of: dict[int, int] = {}
    block = 0
    prev = None
    for i in sorted(first_cell):
        if prev is None or any(masked[spans[k][0]:spans[k][1]].strip() and "\t" not in masked[spans[k][0]:spans[k][1]]
                               for k in range(prev + 1, i)):
            block += 1
        block_of[i] = block
        prev = i
    weak = {"given", "title", "registry"}
    person_cells: dict[int, int] = {}
    cells: dict[int, int] = {}
    hit_line: dict[int, bool] = {}
    for m in mentions:
        li = bisect.bisect_right(starts, m.start) - 1
        if li in first_cell and first_cell[li][0] <= m.start and m.end <= first_cell[li][1]:
            hit_line[li] = True
    for li, b in block_of.items():
        cells[b] = cells.get(b, 0) + 1
        if hit_line.get(li):
            person_cells[b] = person_cells.get(b, 0) + 1
    bad_blocks = {b for b, n in cells.items() if n >= 4 and person_cells.get(b, 0) / n < 0.5}
    if not bad_blocks:
        return mentions
    out = []
    for m in mentions:
        li = bisect.bisect_right(starts, m.start) - 1
        if (m.source in weak and m.kind != "councillor" and li in block_of and block_of[li] in bad_blocks
                and first_cell[li][0] <= m.start and m.end <= first_cell[li][1]):
            continue
        out.append(m)
    return out


def _cut_to_known(mentions: list[_Mention]) -> list[_Mention]:
    """A titled run that goes on past a surname the paper uses alone ("Cllr Evans Travelling
    Expenses" where the attendance list and "seconded by Cllr Evans" name Evans) is that
    surname: the words after it are the sentence's, not the name's."""
    from collections import Counter

    surnames = {m.name for m in mentions if m.source in ("header", "title") and " " not in m.name.strip()}
    # likewise a three-word run whose first two words the paper writes as a name on their own
    # ("Gerald Eve Applied Sales Values" where "Gerald Eve" stands alone elsewhere)
    names = Counter(" ".join(m.name.split()) for m in mentions if len(m.name.split()) >= 2)
    given = _given_names()
    for m in mentions:
        toks = m.name.split()
        if m.source == "title" and len(toks) >= 2 and toks[0] in surnames and toks[0] not in given and toks[-1] not in surnames:
            m.end = m.start + len(toks[0])
            m.name = toks[0]
        elif m.source in ("title", "given") and len(toks) == 3 and names[" ".join(toks[:2])] and names[" ".join(toks)] == 1:
            m.end = m.start + m.name.rfind(toks[1]) + len(toks[1])
            m.name = m.name[: m.end - m.start]
    return mentions


def _resolve_people(text: str, registry: PeopleRegistry | None, header_only: bool = False,
                    masked: str | None = None, corpus: PeopleRegistry | None = None) -> list[_Mention]:
    """All person mentions in ``text``, non-overlapping, with canonical names.

    ``corpus`` holds the people learned from every paper's header blocks: their
    names are recognised here too, and each person gets the corpus's one name."""
    if masked is None:
        masked = _mask(text)
    mentions = _header_mentions(text, masked)
    institutions: set[str] = set()
    if not header_only:
        more, institutions = _text_mentions(text, masked)
        mentions.extend(more)
        mentions = _cut_to_known(mentions)
    # a document-local registry: what the header and appositions say, on top of the given one
    local = registry.copy() if registry is not None else PeopleRegistry()
    for m in sorted(mentions, key=lambda m: -_PRIORITY[m.source]):
        if m.strong and len(m.name.split()) >= 2:
            local.add(m.name, kind=m.kind, role=m.role, strong=True)
    if not header_only:
        mentions.extend(local._mentions(masked, titled=False))
        if institutions:
            # "Gerald Eve LLP": "Gerald Eve" and "Gerald Eve Applied Sales Values" are the firm's
            mentions = [m for m in mentions if m.strong or not any(
                m.name == n or m.name.startswith(n + " ") for n in institutions)]
        mentions = _drop_name_column_false_hits(masked, mentions)
    # overlaps: keep the best source, then the longest
    occupied = bytearray(len(text) + 1)
    chosen: list[_Mention] = []
    for m in sorted(mentions, key=lambda m: (-_PRIORITY[m.source], -(m.end - m.start), m.start)):
        if any(occupied[m.start:m.end]):
            continue
        occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    for m in chosen:
        c = m.canonical if m.source == "registry" and m.canonical else local.canonical(m.name, role=m.role, kind=m.kind)
        m.canonical = c
        p = local._people.get(c)
        if p is not None:
            if m.kind is None or (m.source in ("given", "registry") and p.kind):
                m.kind = p.kind
            if m.role is None and m.source in ("registry", "given", "title"):
                m.role = p.role
        if m.kind is None:
            m.kind = _kind_of_role(m.role, "other")
    if not header_only:
        more = _name_lines(masked, chosen, occupied) + _emailed_names(masked, occupied)
        more += _first_name_mentions(masked, chosen + more, occupied)
        if more:
            chosen = sorted(chosen + more, key=lambda m: m.start)
    if corpus is not None and len(corpus) and not header_only:
        chosen = _with_corpus(masked, chosen, corpus, occupied)
    return chosen


_EMAIL_AFTER_RE = re.compile(r"[ \t]*[(\[<]?[ ]*(?:mailto:)?(?P<local>[\w.'’-]+)@[\w-]+\.")


def _emailed_names(masked: str, occupied: bytearray) -> list[_Mention]:
    """A name followed by an e-mail address made of it ("Sadia Hussain
    (sadia.hussain@southwark.gov.uk)", "J Smith <jsmith@...>") is a person."""
    out: list[_Mention] = []
    for at in re.finditer(r"@", masked):
        ls = masked.rfind("\n", 0, at.start()) + 1
        for rm in _RUN_RE.finditer(masked, max(ls, at.start() - 120), at.start()):
            em = _EMAIL_AFTER_RE.match(masked, rm.end())
            if not em or em.end("local") != at.start():
                continue
            local = re.sub(r"[^a-z]", "", em.group("local").lower())
            e = rm.end()
            toks = masked[rm.start():e].split()
            for n in (2, 3):
                name = toks[-n:]
                if len(name) < n:
                    break
                letters = re.sub(r"[^a-z]", "", "".join(name).lower())
                if local not in (letters, re.sub(r"[^a-z]", "", (name[0][0] + name[-1]).lower())):
                    continue
                s = e - len(" ".join(name))
                if not any(occupied[s:e]) and person_like(masked[s:e], need_given=False):
                    occupied[s:e] = b"\x01" * (e - s)
                    out.append(_Mention(s, e, masked[s:e], "other", None, "given", masked[s:e]))
                break
    return out


def _name_lines(masked: str, chosen: list[_Mention], occupied: bytearray) -> list[_Mention]:
    """A line that is only a name, among lines that are only people's names (a list of
    parties, one a line: "Julius Sangbey" / "Gil Mutch" / "Matthew Ukanwa"), is a person
    too, though its given name is not one the tagger knows."""
    spans = [sp for sp in _line_spans(masked) if masked[sp[0]:sp[1]].strip()]
    if len(spans) < 3:
        return []
    whole = {(m.start, m.end) for m in chosen}

    def bounds(a: int, b: int) -> tuple[int, int]:
        line = masked[a:b]
        lead = len(line) - len(line.lstrip())
        return a + lead, a + len(line.rstrip())

    named = [bounds(a, b) in whole for a, b in spans]
    out: list[_Mention] = []
    for i, (a, b) in enumerate(spans):
        if named[i]:
            continue
        s, e = bounds(a, b)
        if any(occupied[s:e]) or not _RUN_RE.fullmatch(masked, s, e):
            continue
        name = masked[s:e]
        if not 2 <= len(name.split()) <= 3 or not person_like(name, need_given=False):
            continue
        near = named[max(0, i - 3):i] + named[i + 1:i + 4]
        if sum(near) >= 3:
            named[i] = True  # and counts for the next lines of the list
            occupied[s:e] = b"\x01" * (e - s)
            out.append(_Mention(s, e, name, "other", None, "given", name))
    return out


_BARE_WORD_RE = re.compile(rf"(?<![\w'’.@/-])(?P<name>[{_UP}][{_LO}]{{2,}})(?P<poss>['’]s)?(?![\w'’@-]|\.\w)")
_PREV_WORD_RE = re.compile(r"([\w'’.-]+)[ \t]+$")
_NEXT_WORD_RE = re.compile(r"[ \t]+([\w'’-]+)")
_JOINED_AFTER_RE = re.compile(rf"[ ]+(?:and|&)[ ]+(?:I\b|(?P<other>[{_UP}][{_LO}]+)(?![\w'’-]|[ ][{_UP}]))")
_JOINED_BEFORE_RE = re.compile(rf"(?<![\w'’-])(?P<other>[{_UP}][{_LO}]+)[ ]+(?:and|&)[ ]+$")


def _first_name_mentions(masked: str, chosen: list[_Mention], occupied: bytearray) -> list[_Mention]:
    """People the paper calls by their first name alone ("Pam co-ordinates the news",
    "Frank & Geoff", "Debbie's pumpkin"): a known given name standing alone is a person
    when the paper names someone in full with it ("Pam Wakeling"), when it is joined to
    another first name or "I" ("Pam and Moira", "Geoff and I"), or as a possessive. A
    name that is also a word the paper writes in lower case ("frank", "grant") needs
    the joined form."""
    given = _given_names()
    full: dict[str, set[str]] = {}
    for m in chosen:
        toks = m.name.split()
        if len(toks) >= 2 and toks[0] in given:
            full.setdefault(toks[0], set()).add(m.canonical or m.name)
    lower_words: set[str] | None = None
    out: list[_Mention] = []
    for bm in _BARE_WORD_RE.finditer(masked):
        name = bm.group("name")
        s, e = bm.start("name"), bm.end("name")
        if name not in given or _is_stop(name) or any(occupied[s:e]):
            continue
        prev = _PREV_WORD_RE.search(masked, max(0, s - 40), s)
        if prev and prev.group(1)[:1].isupper() and (not prev.group(1).endswith(".") or len(prev.group(1)) <= 3):
            continue  # inside a capitalised run ("Pumpkin Policeman Geoff", "St. Mary’s Church"): not read here
        nxt = _NEXT_WORD_RE.match(masked, bm.end())
        if nxt and (nxt.group(1)[:1].isupper() or nxt.group(1)[:1].isdigit()):
            continue  # "Frank Reid" is read as a whole name elsewhere; "Lee’s Cross" is a place, "Jan 18" a month
        aft = _JOINED_AFTER_RE.match(masked, e)
        bef = _JOINED_BEFORE_RE.search(masked, max(0, s - 40), s)
        joined = bool(aft and (aft.group("other") is None or aft.group("other") in given)) or bool(
            bef and bef.group("other") in given)
        if not joined:
            if not (name in full or bm.group("poss")):
                continue
            if lower_words is None:
                lower_words = set(re.findall(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])", masked))
            if name.lower() in lower_words:
                continue
        canon = next(iter(full[name])) if len(full.get(name, ())) == 1 else name
        occupied[s:e] = b"\x01" * (e - s)
        out.append(_Mention(s, e, name, "other", None, "given", canon))
    return out


def _with_corpus(masked: str, chosen: list[_Mention], corpus: PeopleRegistry,
                 occupied: bytearray) -> list[_Mention]:
    """Mentions completed from the corpus registry: one canonical name per person
    however each paper spells it, and known names where this paper does not
    introduce them ("… as Jane Doe set out" in a paper whose header never names her)."""
    for m in chosen:
        c = corpus.canonical(m.canonical or m.name, role=m.role, kind=m.kind)
        p = corpus._people.get(c)
        if p is None:
            continue
        m.canonical = c
        # what this paper says of them wins ("Parent Governor Representative" stays "other")
        if p.kind and (m.kind is None or (m.kind == "other" and not m.role)):
            m.kind = p.kind
        if m.role is None and m.source in ("registry", "given", "title") and m.kind in (None, "other", p.kind):
            m.role = p.role
    extra = []
    for m in corpus._mentions(masked, titled=False):
        if any(occupied[m.start:m.end]):
            continue
        occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
        m.kind = m.kind or "other"
        extra.append(m)
    return sorted(chosen + extra, key=lambda m: m.start) if extra else chosen


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
        words: list[str] = []
        spaces: list[bool] = []
        for tok, sp, ws in self._RX.findall(text):
            if tok:
                words.append(tok)
                spaces.append(bool(sp))
            else:
                words.append(ws)
                spaces.append(False)
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
    sp._.char_start = start
    sp._.char_end = end
    sp._.surface = _doc_text(doc)[start:end]
    for k, v in attrs.items():
        setattr(sp._, k, v)
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
    for b in find_bodies(text):
        if b.kind != "council":
            continue  # departments and inspectorates are not local authorities
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
    return doc


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


_COUNCIL_WORD = re.compile(r"\b(council|borough|corporation|authority|city of|county of|comhairle)\b|(?-i:\s[CDB]C)$", re.I)


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
    occupied = bytearray(len(_doc_text(doc)) + 1)
    chosen: list[Span] = []
    for sp in sorted(spans, key=lambda sp: (-_LABEL_PRIORITY.get(sp.label_, 0), -(sp._.char_end - sp._.char_start))):
        a, b = sp._.char_start, sp._.char_end
        if any(occupied[a:b]):
            continue
        occupied[a:b] = b"\x01" * (b - a)
        chosen.append(sp)
    chosen.sort(key=lambda sp: sp._.char_start)
    doc.user_data["pf_entities"] = chosen
    # doc.ents needs token-disjoint spans; character-disjoint spans may share a token
    ents, last = [], -1
    for sp in chosen:
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
    patterns = [json.loads(ln) for ln in _data("entity_patterns.jsonl").splitlines() if ln.strip()]
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
    e = Entity(label=label, text=sp._.surface, start=sp._.char_start, end=sp._.char_end, line=line)
    if label == "MONEY":
        e.value, e.currency = sp._.value, sp._.currency
    elif label == "DATE":
        e.value = sp._.value
        # "April 2015" and "2020/21" say which they are; a day date (the usual case) says nothing more
        if sp._.kind and sp._.kind != "day":
            e.kind = sp._.kind
    elif label == "PERSON":
        e.canonical, e.kind, e.role = sp._.canonical, sp._.kind, sp._.role
    else:
        e.canonical = sp._.canonical
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
