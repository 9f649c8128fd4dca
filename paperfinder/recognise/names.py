"""People's names as papers write them: titles, runs of capitals, lists, header blocks.

The word lists (given names, titles, roles, labels) are data files; a mention is
a name found in text with how it was found (a header, a title, a list, an
apposition), its role and kind. Which person a mention is, is ``people``'s job.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace as _copied
from functools import lru_cache
from typing import Iterator

from paperfinder.datafiles import data_lines
from paperfinder.recognise import authorities as _auth
from paperfinder.text.person_titles import title_pattern, title_words
from paperfinder.text.rxscan import finditer, finditer_at, finditer_from, fold

# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(data_lines("given_names.txt"))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Known given names (``data/given_names.txt``), lower-cased: for readers that fold case."""
    return frozenset(n.lower() for n in _given_names())


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("person_stopwords.txt") if " " not in w)


def person_stopwords() -> frozenset[str]:
    """Words never part of a person's name (``data/person_stopwords.txt``), lower case."""
    return _stopwords()


@lru_cache(maxsize=1)
def _role_words() -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for ln in data_lines("role_words.txt"):
        kind, word = ln.split("\t", 1)
        out.append((kind.strip(), re.compile(r"(?<![\w-])" + re.escape(word.strip()) + r"(?![\w-])", re.I)))
    return tuple(out)


@lru_cache(maxsize=1)
def _labels() -> tuple[tuple[str, str, re.Pattern], ...]:
    out = []
    for ln in data_lines("person_labels.txt"):
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


# Latin-1 and Latin Extended-A (Saša, Łukasz, Žilinskas): council members' names are not all English
_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LO = "a-zß-öø-ÿ\u0100-\u017f"
# A name token always starts with a capital, so every pattern below starts with a
# character class and the regex engine can skip other positions fast.
# (a surname of a particle joined to a capitalised stem, "DiMaria", "DeLuca", "LeBlanc", is one word: its
# second capital starts no new name)
_TOK_REST = (
    rf"(?:c[{_UP}][{_LO}]+|ac[{_UP}][{_LO}]+|['’][{_UP}][{_LO}]+|itz[{_UP}][{_LO}]+|(?<=[DL])[aeiu][{_UP}][{_LO}]{{2,}}|[{_LO}]+)"
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
@lru_cache(maxsize=1)
def _titled_re() -> re.Pattern:
    """A title (``data/person_titles.txt``) and the name after it."""
    return re.compile(
        rf"(?P<title>{title_pattern()})[ \u00a0]+(?P<name>(?:{_INITIAL}[ ]?|[{_UP}][ ])*(?:{_PARTICLE}[ ]+)?{_TOK}"
        rf"(?:[ ]+(?:{_INITIAL}[ ]+)?(?:{_PARTICLE}[ ]+)?{_TOK}){{0,2}})"
    )


def _titled_iter(text: str, start: int = 0, end: int | None = None):
    """Like ``_titled_re().finditer`` but resumes right after the title, so a greedy
    name ("Alan De'Ath Councillor Elaine") does not swallow the next title."""
    end = len(text) if end is None else end
    pos = start
    while True:
        m = _titled_re().search(text, pos, end)
        if not m:
            return
        yield m
        pos = m.end("title")


@lru_cache(maxsize=1)
def _lead_title_re() -> re.Pattern:
    """A title and the space after it, at the start of a list item ("Cmhlr. Ó Ceallaigh")."""
    # (a post written as a title, "Vice Mayor Grace Holt", is no part of the name either)
    return re.compile(rf"\s*(?:(?:Vice|Deputy|Acting|Assistant)[ \u00a0]+(?={title_pattern('post')}))?{title_pattern()}\s+")


@lru_cache(maxsize=1)
def _list_title_re() -> re.Pattern:
    """A title inside a list of names, where the next name starts ("Councillors Browne, Cmhlr. Ó Ceallaigh")."""
    return re.compile(rf"{title_pattern()}[ ]+")


@lru_cache(maxsize=1)
def _title_only_re() -> re.Pattern:
    """A title alone, in any case: no name ("COUNCILLOR", "Cllr.")."""
    return re.compile(title_pattern() + r"\.?", re.I)


def _word_start(text: str, pos: int) -> bool:
    """No letter, digit or name punctuation right before ``pos``."""
    if pos == 0:
        return True
    c = text[pos - 1]
    return not (c.isalnum() or c in "_@./'’-")


_ROLE_CUT_RE = re.compile(
    r"\s*(?:\b(?:Tel|Telephone|Tel\.|Ext|ext|Extension|E-?mail|Mobile|Phone|Contact Details)\b"
    r"|\d{3,}|\S+@|https?:|www\.|\t|\|\s)",
    re.I,
)
@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("institution_words.txt"))


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


def has_role_word(s: str) -> bool:
    """Does ``s`` hold a job title's or role's word (``data/role_words.txt``): "Mayor", "Clerk"?"""
    return any(rx.search(s) for _, rx in _role_words())


# --------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    kind: str | None = None
    role: str | None = None
    source: str = "text"  # header | title | apposition | given | registry | motion
    canonical: str | None = None
    listed: str | None = None  # from a list under a label: present | apologies | members

    @property
    def strong(self) -> bool:
        """Evidence good enough to learn the name: a header block, "Name, Role",
        or "Councillor X" / a title with a stated role."""
        if self.source in ("header", "apposition"):
            return True
        return self.source == "title" and (self.kind == "councillor" or bool(self.role))


_PRIORITY = {"header": 4, "apposition": 3, "title": 2, "registry": 1, "given": 0, "motion": 0, "text": 0}


_LIST_NAME_RE = re.compile(
    rf"(?:{_INITIAL}[ ]?)*(?:{_PARTICLE}[ ]+)?{_TOK}(?:[ ]+(?:{_PARTICLE}[ ]+)?{_TOK}){{0,2}}(?:[ ]?\([{_UP}]\.?\))?"
)
_LIST_SEP_RE = re.compile(r"[ ]*(?:,[ ]*(?:and[ ]+)?|[ ]+and[ ]+|[ ]*&[ ]*)")
_AND_INITIALLED_RE = re.compile(
    rf"[ ]+(?:and|&)[ ]+(?P<name>(?:[{_UP}]\.?[ ]?){{1,3}}(?P<surname>{_TOK}))(?![\w'’-]|[ ][{_UP}][{_LO}])"
)
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
        if "\n" in text[tm.end("title"):tm.start("name")] and (title.endswith(".") or not (title in title_words("personal") or title in title_words("plural"))):
            # "forward to Cllrs." ends its sentence, "Dear Sir" its line: the next line starts another
            continue
        if title in title_words("plural"):
            yield from _councillors_list(text, flat, tm)
            continue
        ne = _initialled_end(text, tm.start("name"), _cut_at_break(text, tm.start("name"), tm.end("name")))
        tr = _trim_name(text, tm.start("name"), ne, titled=True)
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
        title = _list_title_re().match(flat, pos)
        if title:  # "Councillors Browne, Cmhlr. Ó Ceallaigh, O'Dea"
            pos = title.end()
        nm = _LIST_NAME_RE.match(flat, pos)
        if not nm:
            break
        ne = _cut_at_break(text, nm.start(), nm.end())
        tr = _trim_name(text, nm.start(), ne, titled=True)
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


_MONTHS = frozenset(calendar.month_name[1:])
# a month word goes on to a day, a year or "of" when it dates something ("May 2019", "June 12th")
_DATING_AFTER = re.compile(r"\s*(?:\d|of\b)")


def _trim_name(text: str, s: int, e: int, titled: bool = False) -> tuple[int, int] | None:
    """Trim a capitalised run to the longest person-like part: drop stopwords at both ends.

    After a title a month word that dates nothing is a name ("Councillor K. May", "Cllr June Smith")."""
    seg = text[s:e]
    toks = [(m.start() + s, m.end() + s, m.group(0)) for m in re.finditer(r"\S+", seg)]
    if titled:
        named = {i for i, (_a, b, t) in enumerate(toks)
                 if t.strip(".,;:()'’") in _MONTHS and not _DATING_AFTER.match(text, b)}
        if named:
            kept = [(a, b, t) for i, (a, b, t) in enumerate(toks) if i in named or not _is_stop(t)]
            if len(kept) == len(toks):
                return toks[0][0], _without_gerund(text, toks[0][0], toks[-1][1])
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
    tm = _titled_re().search(text, s, e)
    if tm:
        ns, ne = tm.start("name"), tm.end("name")
        trimmed = _trim_name(text, ns, ne)
        if trimmed:
            ns, ne = trimmed
            before = text[s: tm.start()].strip(" \t-–—:,")
            after = text[ne:e]
            am = re.match(r"\s*[,\-–—.]\s*(.+)", after)
            role = _clean_role(am.group(1)) if am else None
            if not role and before and has_role_word(before):
                role = _clean_role(re.sub(r"^(?:the|a)\s+", "", before, flags=re.I))
            is_cllr = tm.group("title").lower() in title_words("councillor")
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
        if cand and (has_role_word(cand) or len(cand.split()) <= 6) and not _RUN_RE.fullmatch(text[ls:le].strip()) or (
            cand and has_role_word(cand)
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
    pl = re.search(rf"\b{title_pattern('councillor', 'plural')}\s+(?=(?:[A-Z]\.\s?)*[A-ZÀ-Þ])", seg)
    if pl:
        p = s + pl.end()
        for part in re.finditer(r"[^,;]+", text[p:e]):
            for sub in re.split(r"\band\b", part.group(0)):
                off = p + part.start() + part.group(0).find(sub)
                # a title inside the list ("Councillors Browne, Cmhlr. Ó Ceallaigh, O'Dea") is not the name
                tm = _lead_title_re().match(sub)
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
        if tm.group("title").lower() in title_words("plural"):
            continue
        tr = _trim_name(text, tm.start("name"), _initialled_end(text, tm.start("name"), tm.end("name")), titled=True)
        if not tr:
            continue
        ns, ne = tr
        pm = re.match(r"\s*\(([^)]*)\)", text[ne:e])
        role = _clean_role(pm.group(1)) if pm else None
        if not role:
            am = re.match(r"\s*[,.]\s*([^,;]+)", text[ne:e])
            if am and has_role_word(am.group(1)):
                role = _clean_role(am.group(1))
        k = "councillor" if tm.group("title").lower() in title_words("councillor") else _kind_of_role(role, kind)
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


# header mentions per text, while remember_headers() is on (see there)
_HEADER_MEMO: dict[str, list[_Mention]] | None = None


@contextmanager
def remember_headers(known: dict[str, list[_Mention]] | None = None) -> Iterator[dict[str, list[_Mention]]]:
    """Within this block each text's header blocks are read once: tagging a file reads
    a document's header for its people (:func:`header_people`), then again when it tags
    the document's text. Left, the memo is dropped (it holds whole document texts).
    Yields the memo (text -> its header mentions); ``known`` starts it with what an
    earlier block read (indexing's survey, in another process, reads every header first)."""
    global _HEADER_MEMO
    saved, _HEADER_MEMO = _HEADER_MEMO, dict(known or {})
    try:
        yield _HEADER_MEMO
    finally:
        _HEADER_MEMO = saved


def _header_mentions(text: str, masked: str | None = None) -> list[_Mention]:
    """People named by labels ("Report of:", "Contact officer:", "Officers:", "Name:"),
    contact blocks and signature lines. ``masked``: ``_mask(text)``, when made already."""
    memo = _HEADER_MEMO
    if memo is None:
        return _read_header_mentions(_mask(text) if masked is None else masked)
    got = memo.get(text)
    if got is None:
        got = memo[text] = _read_header_mentions(_mask(text) if masked is None else masked)
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

    def list_end(a: int, b: int, following: list[tuple[int, int]]) -> int:
        """Where a list starting at ``a`` ends: lists wrap, going on while the text ends with "," or "and"."""
        for fs, fe in following:
            if not list_continues(masked[a:b], masked[fs:fe]):
                break
            b = fe
        return b

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
                    b = list_end(a, b, following[1:])
                    out.extend(_listed(_parse_list(masked, a, b, kind), m.group(0)))
                else:
                    a, b = following[0]
                    out.extend(_parse_one(masked, a, b, kind, following[1:]))
                continue
            if mode == "list":
                b = list_end(cs, ce, following)
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


_NON_SPACE_RUN = re.compile(r"\S+")


def _run_pieces(text: str, m: re.Match) -> list[tuple[int, int]]:
    """A capitalised run split at stopwords into candidate name pieces (absolute offsets)."""
    out = []
    start = None
    end = None
    base = m.start()
    for t in _NON_SPACE_RUN.finditer(m.group(0)):
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
        if title.rstrip(".") in title_words("territorial") and _auth.resolve(name):
            continue  # "Mr. Selby", "Councillor Kent", "Commissioner Oldham" are people; a lord's title may be a place
        kind = "councillor" if title in title_words("councillor") else None
        role = None
        am = re.match(r"[ ]*[,.][ ]+([^,;()\n\t]{3,80})", masked[ne:ne + 120])
        if am and has_role_word(am.group(1)) and am.group(1)[:1].isupper():
            role = _clean_role(am.group(1))
            if role and not _reads_as_title(role):
                role = None
        if kind is None:
            kind = _kind_of_role(role, None)
        out.append(_Mention(ns, ne, name, kind, role, "title"))
    out.extend(_motion_mentions(masked))
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
                if toks[-1].lower() in _institution_words():
                    continue  # "Royal George Hotel": a given name inside a place's name
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


# a name by its part in a motion: an initial and a surname, or one or two capitalised words
_MOTION_NAME = re.compile(rf"(?:[{_UP}]\.?[ ]+)?[{_UP}][{_LO}'’-]+(?:[ ]+[{_UP}][{_LO}'’-]+)?")
_MOTION_NAME_BEFORE = re.compile(rf"(?:[{_UP}]\.?[ ]+)?(?:[{_UP}][{_LO}'’-]+[ ]+)?[{_UP}][{_LO}'’-]+$")


@lru_cache(maxsize=1)
def _motion_acts() -> dict[str, list[re.Pattern]]:
    """``data/motion_acts.txt``: kind -> its rules."""
    from paperfinder.datafiles import tab_rules

    out: dict[str, list[re.Pattern]] = defaultdict(list)
    for (kind,), rx in tab_rules("motion_acts.txt"):
        out[kind].append(rx)
    return out


@lru_cache(maxsize=1)
def _word_before_act() -> re.Pattern:
    """A capitalised word followed by an act of ``data/motion_acts.txt`` ("Carrie seconded"), the act's
    kind in group ``sure`` or ``plain``: one scan of the text, the act tried only after such a word."""
    acts = _motion_acts()

    def alt(kind: str) -> str:
        return "|".join(f"(?:{rx.pattern})" for rx in acts[kind])
    return re.compile(rf"[{_UP}][{_LO}'’-]+(?=[ ]+[a-z])(?=(?i:(?P<sure>{alt('after_sure')})|(?P<plain>{alt('after_plain')})))")


def _motion_mentions(masked: str) -> list[_Mention]:
    """Whoever moved, seconded or supported a motion, named with no title ("seconded by Lotter",
    "Carrie seconded"; ``data/motion_acts.txt``): a person, unless the words are a body's or a stopword."""
    acts = _motion_acts()
    spans: list[tuple[int, int, bool]] = []  # (start, end, must open with a known given name)
    low = fold(masked)
    for kind in ("by_sure", "by_plain"):
        for rx in acts[kind]:
            for m in finditer(rx, masked, low):  # tried at its words ("seconded"), not at every character
                nm = _MOTION_NAME.match(masked, m.end())
                if not nm:
                    continue
                sentence = masked[max(0, m.start() - 160):nm.end()].split(". ")[-1]
                plain = kind == "by_plain" and not any(c.search(sentence) for c in acts["motion_context"])
                spans.append((nm.start(), nm.end(), plain))
    for wm in _word_before_act().finditer(masked):
        sure = wm.group("sure") is not None
        nm = _MOTION_NAME_BEFORE.search(masked, max(0, wm.start() - 40), wm.end())
        if nm:
            spans.append((nm.start(), nm.end(), not sure))
    given = _given_names()
    out = []
    for s, e, need_given in spans:
        ini = re.match(rf"[{_UP}]\.?[ ]+(?=[{_UP}][{_LO}])", masked[s:e])  # "A Hengesbach": not the article
        tr = _trim_name(masked, s + ini.end() if ini else s, e)
        if not tr:
            continue
        start = s if ini and tr[0] == s + ini.end() else tr[0]
        words = masked[start:tr[1]].split()
        if len(words) > 1 and not ini and has_role_word(words[0]):
            start += len(words[0]) + 1  # "Supervisor Jones": the post before the name
        name = masked[start:tr[1]]
        if _title_only_re().fullmatch(name) or name.split()[-1].lower() in _institution_words() or _auth.resolve(name):
            continue  # "Proposed by Cmhlr. Ó Ceallaigh": the title, its name not read here
        if need_given and name.split()[0] not in given:
            continue
        if not person_like(masked[tr[0]:tr[1]], need_given=False, allow_single=True):
            continue
        out.append(_Mention(start, tr[1], name, None, None, "motion"))
    return out


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
        if has_role_word(pc) and (pc[:1].isupper() or re.match(r"(?:the|a|an)\s", pc)):
            role = _clean_role(", ".join(acc))
            if not role:
                return None
            if role.split()[0].lower() in _BAD_ROLE_START:
                return None
            # a bracket's role word too must survive the cut ("Name (Chair)"): _reads_as_title checks it
            return role if _reads_as_title(role) else None
    return None


_TITLED_PERSON = re.compile(r"\b(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?[ ]+[A-Z][a-z]")


@lru_cache(maxsize=1)
def _role_joiners() -> frozenset[str]:
    return frozenset(data_lines("role_joiners.txt"))


def _reads_as_title(role: str) -> bool:
    """Is a phrase after "Name, " or "Name - " that person's job title, not a sentence or another person?

    A title keeps its role word once cut to its sentence ("Old Station - Installation of
    two blocks. Clerk to ask": the role word was in the next sentence); a role word followed
    by a lower-case word other than a title's joiners opens a sentence ("Speed Monitor - The
    Parish Clerk reported that"); and a titled person ("Village Hall - Cllr Cobb") is whom an
    item is given to, so the words before the dash are the item.
    """
    if not has_role_word(role) or _TITLED_PERSON.search(role):
        return False
    joiners = _role_joiners()
    for _kind, rx in _role_words():
        for m in rx.finditer(role):
            nxt = re.match(r"[ ]+([a-z][\w'’-]*)", role[m.end():])
            if nxt and nxt.group(1) not in joiners:
                return False
    return True
