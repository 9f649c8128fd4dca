"""Who the names are: the people a paper and the corpus name, and their mentions resolved.

A ``PeopleRegistry`` learns full names with their roles from header, contact
and attendance blocks, across the corpus; a short or partial mention in a
passage ("Cllr Evans", a first name alone) becomes a person only with that
evidence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from paperfinder.model import Entity, Line
from paperfinder.recognise.names import (
    _LO,
    _PRIORITY,
    _RUN_RE,
    _UP,
    _given_names,
    _header_mentions,
    _is_stop,
    _kind_of_role,
    _line_spans,
    _mask,
    _Mention,
    _text_mentions,
    _titled_names,
    _word_start,
    person_like,
)
from paperfinder.text.person_titles import title_words
from paperfinder.text.rxscan import finditer_from, literal_trie

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


_NAME_SEGMENT_BREAK = re.compile(r"[\s-]+")


def _proper_case_score(name: str) -> int:
    return sum(1 for seg in _NAME_SEGMENT_BREAK.split(name) if seg[:1].isupper())


@dataclass
class _Person:
    canonical: str
    kind: str | None = None
    role: str | None = None
    variants: dict[str, int] = field(default_factory=dict)
    strong: bool = False


@lru_cache(maxsize=16)
def _names_regex(names: frozenset[str]) -> re.Pattern:
    """The names (lower case) as one regex, matched against text.lower(); a trie of literals
    lets the engine skip fast. Kept for the next registry with the same names: each document
    of a file copies the file's registry and adds its own names, often none new, and ``re``
    parses a pattern of hundreds of names in Python."""
    body = literal_trie(names, space=r"[ \u00a0]+")
    return re.compile(r"(?:" + body + r")(?![\w@'’-])")


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
        # text and lines are tagged first, by the pipeline that uses this registry: imported here,
        # as the pipeline module imports this one
        from paperfinder.recognise.entities import header_people, tag_text

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
            if not hits:
                # no surname: a given name alone, as minutes abroad name members ("Becky motioned and Carrie
                # seconded"): the one person of that first name the paper's lists name in full
                hits = {c for c in self._by_first.get(key, ()) if len(_name_key(c).split()) >= 2}
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
            self._regex = _names_regex(frozenset(" ".join(n.split()) for n in names)) if names else None
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
                kind = "councillor" if title in title_words("councillor") else None
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


_BARE_NAME = rf"[{_UP}][{_LO}]{{2,}}"
_BARE_OPEN, _BARE_CLOSE = r"(?<![\w'’.@/-])", r"(?P<poss>['’]s)?(?![\w'’@-]|\.\w)"
_BARE_WORD_RE = re.compile(rf"{_BARE_OPEN}(?P<name>{_BARE_NAME}){_BARE_CLOSE}")
# where it can match: a capital (re skips to one), not after a word character or one of the
# marks its look-behind names (checked after the capital, not at every character)
_BARE_WORD_AT = re.compile(rf"[{_UP}](?<![\w'’.@/-].)")


@lru_cache(maxsize=1)
def _given_word_re() -> re.Pattern[str]:
    """``_BARE_WORD_RE`` for the known given names only: the words it finds that are a given
    name, without a step of Python for each of the paper's other capitalised words (a
    paper has hundreds; a few are given names). The same matches: every letter of
    ``_LO`` is a word character, so a bare word is its whole run of small letters, which a
    name of the trie matches only when the look-ahead after it holds."""
    names = [n for n in _given_names() if re.fullmatch(_BARE_NAME, n)]
    return re.compile(rf"{_BARE_OPEN}(?P<name>{literal_trie(names)}){_BARE_CLOSE}")


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
    for bm in finditer_from(_given_word_re(), _BARE_WORD_AT, masked):
        name = bm.group("name")
        s, e = bm.start("name"), bm.end("name")
        if _is_stop(name) or any(occupied[s:e]):
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


# --------------------------------------------------------------------------- initials

# "Sheahan (J)": minutes tell two members of one surname apart by the initial in brackets;
# "J. Sheahan" / "J Sheahan" is the same member as other papers and lists write them
_BRACKETED = re.compile(rf"(?P<sur>[{_UP}][\w'’-]+) \((?P<ini>[{_UP}])\.?\)")
_ONE_INITIAL = re.compile(rf"(?P<ini>[{_UP}])\.?[ ]?(?P<sur>[{_UP}][\w'’-]+)")


def _fold_surname(s: str) -> str:
    return s.lower().replace("’", "'")


_SURNAME_INITIAL = re.compile(rf"(?P<sur>[{_UP}][\w'’-]+)[ ](?P<ini>[{_UP}])\.?")


def initialled_key(name: str) -> tuple[str, str] | None:
    """(surname, initial) of a name written as an initial and a surname, in any of the ways
    papers and users write one: "Sheahan (J)", "J. Sheahan", "J Sheahan", "Sheahan J"."""
    name = " ".join(name.split())
    for rx in (_BRACKETED, _ONE_INITIAL, _SURNAME_INITIAL):
        m = rx.fullmatch(name)
        if m:
            return _fold_surname(m["sur"]), m["ini"]
    return None


def same_person_names(entities: list[Entity]) -> dict[str, str]:
    """One member, one name, in one paper that tells members apart by a bracketed initial.

    "K. Sheahan" becomes "Sheahan (K)" where the paper also writes "Sheahan (K)"; a mention
    written as the bare surname is the paper's one member of that surname when it names one
    ("Sheahan" -> "Sheahan (M)"), and stays "Sheahan" when it names two or more, which it
    cannot be told apart from (whatever a registry guessed). Sets the canonical names of
    ``entities`` in place; returns the renames of canonical names (old -> new) for lists
    kept of them (who was present)."""
    people = [e for e in entities if e.label == "PERSON"]
    bracketed: dict[tuple[str, str], str] = {}
    for e in people:
        m = _BRACKETED.fullmatch(e.canonical or "")
        if m:
            bracketed.setdefault((_fold_surname(m["sur"]), m["ini"]), e.canonical or "")
    if not bracketed:
        return {}
    renames: dict[str, str] = {}
    for e in people:
        m = _ONE_INITIAL.fullmatch(e.canonical or "")
        if m and (_fold_surname(m["sur"]), m["ini"]) in bracketed:
            renames[e.canonical or ""] = bracketed[(_fold_surname(m["sur"]), m["ini"])]
    members: dict[str, set[str]] = {}
    for (sur, _ini), canon in bracketed.items():
        members.setdefault(sur, set()).add(canon)
    for e in people:
        if e.canonical in renames:
            e.canonical = renames[e.canonical]
        written = _name_key(" ".join(e.text.split()))
        if " " in written or written not in members or e.kind == "officer":
            continue  # an officer of that surname is not one of the members
        ones = members[written]
        e.canonical = next(iter(ones)) if len(ones) == 1 else e.text.split()[-1]
    return renames
