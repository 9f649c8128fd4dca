"""Councils of the UK and Ireland: canonical names, aliases, lookup and text scan.

Data: ``paperfinder/data/authorities.csv`` with columns

``canonical``  short canonical name ("Hammersmith and Fulham", "Limerick")
``bare``       y/n: is the canonical name on its own, without "Council",
               taken as the council when scanning text? ("n" for names that are
               common words or personal names: Reading, Harrow, Clare, Dudley...)
``aliases``    ``|``-separated names always taken as the council in text
               ("LBHF", "H&F", "City of Westminster")
``formal``     names taken only with a council word around them
               ("Richmond" in "Richmond Council", "London Borough of Richmond")
``lookup``     names used only by :func:`resolve` / :func:`resolve_loose`
               ("Hammersmith", "Kensington"), never tagged in text
``country``, ``kind``, ``status`` (current | abolished YEAR)

``authority_groupings.csv`` lists shared-service groupings (Tri-borough,
Bi-borough) and their member councils; ``authority_context.txt`` the words
that, next to a bare name, show it is not the council ("Westminster Abbey",
"Kent Police", "New York").

Choices, documented:

* Acronyms (LBHF, RBKC, WCC, H&F, K&C...) match case-sensitively; other
  names case-insensitively, but an all-lowercase hit ("westminster" in an
  e-mail address) is ignored.
* "Royal Borough of X" resolves X. "the Royal Borough" alone is the Royal
  Borough the same text names in full ("Royal Borough of Greenwich ... the
  Royal Borough"); when the text names none, or more than one, it is not
  tagged: there are four (Greenwich, Kensington and Chelsea, Kingston upon
  Thames, Windsor and Maidenhead), and no constant says which a paper means.
  ``resolve("the Royal Borough")`` is None for the same reason. "WCC" is
  Westminster.
* Ambiguous places take one canonical: "Richmond" -> Richmond upon Thames,
  "Newcastle" -> Newcastle upon Tyne, "Kingston" -> Kingston upon Thames,
  "Hull" -> Kingston upon Hull, "Dublin" -> Dublin City, "Cork"/"Galway" ->
  the city councils (the county councils need "County"), and such names are
  tagged in text only with a council word ("Richmond Council").
* "Westminster Diocesan ..." (the Catholic diocese), "Westminster Abbey",
  "Palace of Westminster" are not the council and are not tagged;
  "the Westminster Framework" (a contract framework let by the council) is.
* Bare "Kensington", "Chelsea", "Hammersmith", "Fulham" are places, not
  councils: not tagged in text, but resolve() maps them to their borough.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from paperfinder.datafiles import data_lines, data_text
from paperfinder.text.rxscan import finditer_from

__all__ = [
    "full_names",
    "Authority",
    "canonical_names",
    "authorities",
    "get",
    "resolve",
    "resolve_loose",
    "find_authorities",
    "named_within",
    "find_groupings",
    "members",
    "groupings",
    "normalise",
]


@dataclass(frozen=True)
class Authority:
    canonical: str
    country: str
    kind: str
    status: str
    bare: bool
    aliases: tuple[str, ...]
    formal: tuple[str, ...]
    lookup: tuple[str, ...]

    @property
    def current(self) -> bool:
        return self.status == "current"


def _split(field: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (field or "").split("|") if x.strip())


@lru_cache(maxsize=1)
def authorities() -> tuple[Authority, ...]:
    """Every council in the data file, in file order."""
    rows = csv.DictReader(data_text("authorities.csv").splitlines())
    out = []
    for r in rows:
        out.append(
            Authority(
                canonical=r["canonical"].strip(),
                country=r["country"].strip(),
                kind=r["kind"].strip(),
                status=r["status"].strip(),
                bare=r["bare"].strip().lower() in ("y", "yes", "true", "1"),
                aliases=_split(r["aliases"]),
                formal=_split(r["formal"]),
                lookup=_split(r["lookup"]),
            )
        )
    return tuple(out)


def canonical_names() -> list[str]:
    """Canonical names of all councils (current and abolished)."""
    return [a.canonical for a in authorities()]


@lru_cache(maxsize=1)
def _by_canonical() -> dict[str, Authority]:
    return {a.canonical: a for a in authorities()}


def get(canonical: str) -> Authority | None:
    """The :class:`Authority` record of a canonical name."""
    return _by_canonical().get(canonical)


@lru_cache(maxsize=1)
def _name_templates() -> dict[str, tuple[str, ...]]:
    out = {}
    for line in data_lines("council_names.txt"):
        kind, names = line.split("\t", 1)
        out[kind.strip()] = _split(names)
    return out


def full_names(canonical: str) -> tuple[str, ...]:
    """The full names a council writes for itself ("Monmouthshire County Council",
    "West Norfolk Borough Council"), from its kind (``data/council_names.txt``) applied
    to its name and the other names of its place, and its formal names; () if unknown."""
    a = get(canonical)
    if a is None:
        return ()
    # "Glos CC" is a short name of the council, not of its place
    places = [a.canonical, *(x for x in a.aliases if not _is_acronym(x) and not re.search(r"council|comhairle|cyngor", x, re.I) and not x.endswith(" CC"))]
    return tuple(t.format(p) for p in places for t in _name_templates().get(a.kind, ())) + a.formal


# --------------------------------------------------------------------------- normalising

_PREFIXES = (
    "the council of the city of",
    "council of the city of",
    "the london borough of",
    "london borough of",
    "the royal borough of",
    "royal borough of",
    "metropolitan borough of",
    "county borough of",
    "city and county of",
    "the borough of",
    "borough of",
    "the city of",
    "city of",
    "county of",
    "corporation of",
    "the",
)
_SUFFIXES = (
    "metropolitan borough council",
    "metropolitan district council",
    "city and county council",
    "city and district council",
    "county borough council",
    "borough council",
    "district council",
    "county council",
    "city council",
    "town council",
    "islands council",
    "council",
    "corporation",
    "borough",
)


@lru_cache(maxsize=65536)  # the same names and candidate names recur in every paper
def normalise(name: str) -> str:
    """Lowercase, accents stripped, "&" -> "and", punctuation and hyphens to spaces."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "s", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def _is_acronym(alias: str) -> bool:
    return (
        " " not in alias
        and sum(c.isupper() for c in alias) >= 2
        and (len(alias) <= 6 or not any(c.islower() for c in alias))
    )


@lru_cache(maxsize=1)
def _short_places() -> dict[str, str]:
    """A county's short form as the gazetteer writes it in an alias ("Herts CC" of
    Hertfordshire -> {"Hertfordshire": "Herts"}): papers shorten it in other councils'
    names too ("East Herts District Council")."""
    out: dict[str, str] = {}
    for a in authorities():
        for x in a.aliases:
            m = re.fullmatch(r"([A-Z][a-z]+) (?:CC|County Council)", x)
            if m and m.group(1) != a.canonical and " " not in a.canonical:
                out.setdefault(a.canonical, m.group(1))
    return out


def short_names(a: Authority) -> tuple[str, ...]:
    """``a``'s name with its county shortened ("East Herts" for East Hertfordshire);
    never the county's own (its short forms are its aliases)."""
    short = _short_places()
    words = a.canonical.split()
    if len(words) < 2:
        return ()
    shortened = " ".join(short.get(w, w) for w in words)
    return (shortened,) if shortened != a.canonical else ()


@lru_cache(maxsize=1)
def _key_map() -> dict[str, str]:
    """normalised name -> canonical, for every canonical/alias/formal/lookup name.

    The first council listed wins a shared key (file order puts London first).
    """
    keys: dict[str, str] = {}
    for a in authorities():
        for n in (a.canonical, *a.aliases, *a.formal, *a.lookup, *short_names(a)):
            keys.setdefault(normalise(n), a.canonical)
    return keys


def _candidate_keys(name: str) -> list[str]:
    """The normalised name, then variants with council words stripped (fewest first)."""
    out = [normalise(name)]
    i = 0
    while i < len(out) and len(out) < 24:
        cur = out[i]
        i += 1
        for suf in sorted(_SUFFIXES, key=len):
            if cur.endswith(" " + suf):
                v = cur[: -len(suf) - 1].strip()
                if v and v not in out:
                    out.append(v)
        for pre in _PREFIXES:
            if cur.startswith(pre + " "):
                v = cur[len(pre) + 1:].strip()
                if v and v not in out:
                    out.append(v)
    return out


def resolve(name: str) -> str | None:
    """Canonical name for an exact alias (case, "&"/"and", council words ignored).

    ``resolve("London Borough of Hammersmith & Fulham") == "Hammersmith and Fulham"``;
    ``resolve("LBHF")``, ``resolve("Westminster City Council")`` likewise. None if unknown.
    """
    if not name or not name.strip():
        return None
    km = _key_map()
    for k in _candidate_keys(name):
        if k in km:
            return km[k]
    return None


def resolve_loose(
    name: str,
    candidates: list[str] | None = None,
    limit: int = 5,
    score_cutoff: float = 70.0,
) -> list[tuple[str, float]]:
    """Ranked ``(canonical, score 0-100)`` guesses for a loose spelling.

    Exact alias matches score 100. Otherwise rapidfuzz WRatio over every
    known alias ("Kensingtn" -> Kensington and Chelsea). ``candidates``
    restricts the answer to these names (e.g. the authorities present in an
    index); candidates that are not known councils are matched as written.
    """
    from rapidfuzz import fuzz, process

    if not name or not name.strip():
        return []
    allowed: set[str] | None = None
    extra: dict[str, str] = {}
    if candidates is not None:
        allowed = set()
        for c in candidates:
            canon = resolve(c) or c
            allowed.add(canon)
            allowed.add(c)
            extra[normalise(c)] = c if resolve(c) is None else canon
    group = members(name)
    if group:
        return [(c, 100.0) for c in group if allowed is None or c in allowed][:limit]
    exact = resolve(name)
    if exact and (allowed is None or exact in allowed):
        return [(exact, 100.0)]
    q = normalise(name)
    for k in _candidate_keys(name)[1:]:
        if k:
            q = k  # drop council words before fuzzy matching
    if not q:
        return []
    choices = dict(_key_map())
    choices.update(extra)
    if allowed is not None:
        choices = {k: v for k, v in choices.items() if v in allowed}
    best: dict[str, float] = {}
    for key, score, _ in process.extract(
        q, list(choices), scorer=fuzz.WRatio, limit=50, score_cutoff=score_cutoff
    ):
        canon = choices[key]
        # a query that is a whole word of the key ("hammersmith") is a strong hint
        if re.search(r"\b" + re.escape(q) + r"\b", key):
            score = max(score, 92.0)
        if score > best.get(canon, 0):
            best[canon] = float(score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(c, round(s, 1)) for c, s in ranked[:limit]]


# --------------------------------------------------------------------------- groupings


@lru_cache(maxsize=1)
def groupings() -> dict[str, tuple[list[str], list[str]]]:
    """grouping name -> (aliases, member canonical names)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for r in csv.DictReader(data_text("authority_groupings.csv").splitlines()):
        out[r["grouping"].strip()] = (list(_split(r["aliases"])), list(_split(r["members"])))
    return out


def members(grouping: str) -> list[str]:
    """Member councils of a grouping ("Tri-borough", "bi borough"); [] if unknown."""
    k = normalise(grouping)
    for name, (aliases, mem) in groupings().items():
        if k in {normalise(x) for x in (name, *aliases)}:
            return list(mem)
    return []


_GROUP_RE = re.compile(r"(?<![\w-])(tri|bi)[\s\-]?borough(?![\w-])", re.IGNORECASE)


def find_groupings(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, surface, grouping)`` for "Tri-borough"/"Bi-Borough" mentions."""
    out = []
    for m in _GROUP_RE.finditer(text):
        g = "Tri-borough" if m.group(1).lower() == "tri" else "Bi-borough"
        out.append((m.start(), m.end(), m.group(0), g))
    return out


# --------------------------------------------------------------------------- text scan

_SEP = r"\.?,?[ \t\r\n\u00a0\-\u2013]+"
_PRE_RE = (
    r"(?:council\s+of\s+the\s+city\s+of|london\s+borough\s+of|royal\s+borough\s+of"
    r"|metropolitan\s+borough\s+of|county\s+borough\s+of|city\s+and\s+county\s+of"
    r"|borough\s+of|city\s+of|county\s+of|corporation\s+of)\s+"
)
# no "town": "Warwick Town Council" and "Bedford Town Council" are local councils of those towns, never the
# principal council the gazetteer names by the same place (the council rule of bodies reads them whole)
_SUF_RE = (
    r"[ \t\r\n\u00a0\-]+(?:(?:city\s+and\s+county|city\s+and\s+district|county\s+borough"
    r"|metropolitan\s+borough|metropolitan\s+district|borough|city|county|district"
    r"|islands?)\s+)?council\b"
)


def _token_pattern(tok: str) -> str:
    if tok == "and":
        return r"(?:and|&)"
    if tok in ("st", "co"):
        return tok + r"\.?"
    if "'" in tok:
        return re.escape(tok).replace("'", "['\u2019]?")
    return re.escape(tok)


def _tokens(name: str) -> list[str]:
    s = name.lower().replace("\u2019", "'").replace("&", " and ")
    s = re.sub(r"[^\w\s']", " ", s)
    return s.split()


def _by_first_letter(alts: list[str]) -> list[str]:
    """Alternatives that start with the same plain letter or digit merged behind it:
    "(?:w(?:estminster|andsworth)|...)". Ignoring case the engine cannot skip an
    alternative by its first letter, so it would enter all of them at each capital
    letter. Alternatives with different first letters never match at the same place,
    so only their order within a letter matters, and that order is kept."""
    groups: dict[str, list[str]] = {}
    for a in alts:
        if not re.fullmatch(r"[a-z0-9]", a[:1]):
            return alts  # "(?:and|&)", an apostrophe: keep the alternatives as they are
        groups.setdefault(a[0], []).append(a[1:])
    return [f + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")") for f, rest in groups.items()]


def _trie_regex(names: list[list[str]]) -> str:
    trie: dict = {}
    for toks in names:
        node = trie
        for t in toks:
            node = node.setdefault(t, {})
        node[""] = True

    def build(node: dict) -> str:
        alts = []
        for tok in sorted((t for t in node if t), key=lambda t: (-len(t), t)):
            child = node[tok]
            pat = _token_pattern(tok) + r"(?!\w)" if tok[-1].isalnum() else _token_pattern(tok)
            kids = [t for t in child if t]
            if kids:
                sub = "(?:" + _SEP + build(child) + ")"
                if child.get(""):
                    sub += "?"
                pat += sub
            alts.append(pat)
        return "(?:" + "|".join(_by_first_letter(alts)) + ")"

    return build(trie)


@lru_cache(maxsize=1)
def _context_words() -> tuple[frozenset[str], frozenset[str]]:
    nxt, prev = set(), set()
    for line in data_lines("authority_context.txt"):
        if line.startswith("prev:"):
            prev.add(line[5:].strip())
        else:
            nxt.add(line)
    return frozenset(nxt), frozenset(prev)


_ROYAL = "royal borough"


@lru_cache(maxsize=1)
def _scanner():
    names: list[list[str]] = []
    bare_keys: dict[str, bool] = {}
    key_canon: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for a in authorities():
        for n, bare in [(a.canonical, a.bare)] + [(x, True) for x in a.aliases] + [
            (x, False) for x in (*a.formal, *short_names(a))
        ]:
            if _is_acronym(n) and bare:
                acronyms.setdefault(n, a.canonical)
                continue
            k = normalise(n)
            if k not in key_canon:
                key_canon[k] = a.canonical
                bare_keys[k] = bare
            elif key_canon[k] == a.canonical:
                bare_keys[k] = bare_keys[k] or bare
            names.append(_tokens(n))
    # "the Royal Borough": found here, resolved by find_authorities from the text around it
    names.append(_tokens("Royal Borough"))
    key_canon.setdefault(_ROYAL, "")
    bare_keys[_ROYAL] = True
    pattern = (
        r"(?<![\w@/&])(?=(?-i:[A-Z\u00c0-\u00de]))(?P<pre>" + _PRE_RE + r")?(?P<name>" + _trie_regex(names) + r")"
        r"(?P<suf>" + _SUF_RE + r")?(?![\w&])"
    )
    name_re = re.compile(pattern, re.IGNORECASE)
    acr_re = re.compile(
        r"(?<![\w@/.&])(?:"
        + "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True))
        + r")(?=s?(?![\w&]))"  # "H&Fs" (possessive without apostrophe): tag "H&F"
    )
    # where an acronym can start: one of their first letters, not after a word character
    # (acr_re's own look-behind, moved after that letter so re can skip to it)
    acr_starts = re.compile(
        "[" + "".join(sorted({re.escape(a[0]) for a in acronyms})) + r"](?<![\w@/.&].)"
    ) if acronyms else None
    return name_re, acr_re, key_canon, bare_keys, acronyms, acr_starts


_PREV_WORD_RE = re.compile(r"([\w.']+)[ \t]+$")
_NEXT_WORD_RE = re.compile(r"[ \t]+([\w']+)")
_OF_BEFORE_RE = re.compile(r"(?:palace|duke|duchess|earl|marquess|archbishop|bishop|diocese|"
                           r"university|dean|abbey|bank)\s+of\s+$", re.IGNORECASE)
_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_OF_AFTER_RE = re.compile(r"\s+of\s", re.IGNORECASE)


@lru_cache(maxsize=1)
def _first_chars() -> re.Pattern[str]:
    """A character a council's name or initials found by :func:`find_authorities` can begin with."""
    acronyms = _scanner()[4]
    return re.compile("[A-Z\u00c0-\u00de" + "".join(sorted({re.escape(a[0]) for a in acronyms})) + "]")


def named_within(text: str, chars: int) -> bool:
    """False when :func:`find_authorities` finds nothing starting in the first ``chars``
    characters of ``text`` (none of them can begin a name): a check of every line of a
    paper for a council's name opening it costs little on the lines that do not."""
    return _first_chars().search(text, 0, chars) is not None


def find_authorities(text: str) -> list[tuple[int, int, str, str]]:
    """Councils named in ``text``: ``(start, end, surface, canonical)``, in order.

    One compiled regex (a token trie of all names) plus one for acronyms.
    Tri-/Bi-borough are groupings, not councils: see :func:`find_groupings`.
    """
    name_re, acr_re, key_canon, bare_keys, _, acr_starts = _scanner()
    nxt_block, prev_block = _context_words()
    out: list[tuple[int, int, str, str]] = []
    royal_alone: list[tuple[int, int, str]] = []  # "the Royal Borough" with no "of X"
    royal_named: set[str] = set()  # the councils this text calls "Royal Borough of X"
    for m in name_re.finditer(text):
        surface = m.group(0)
        if surface.islower():
            continue
        name = m.group("name")
        key = normalise(name)
        canon = key_canon.get(key)
        if canon is None:
            continue
        formal = bool(m.group("pre") or m.group("suf"))
        s, e = m.start(), m.end()
        if key == _ROYAL:
            # only "the Royal Borough" on its own (not "Royal Borough of X")
            if not _OF_AFTER_RE.match(text, e) and _THE_BEFORE_RE.search(text, max(0, s - 5), s):
                royal_alone.append((s, e, surface))
            continue
        if m.group("pre") and m.group("pre").lower().startswith("royal"):
            royal_named.add(canon)
        if not formal:
            if not bare_keys.get(key, False):
                continue
            nw = _NEXT_WORD_RE.match(text, e)
            if nw and nw.group(1) in nxt_block:
                continue
            before = text[max(0, s - 40): s]
            pw = _PREV_WORD_RE.search(before)
            if pw and pw.group(1) in prev_block:
                continue
            if _OF_BEFORE_RE.search(before):
                continue
        out.append((s, e, surface, canon))
    for m in (finditer_from(acr_re, acr_starts, text) if acr_starts is not None else acr_re.finditer(text)):
        out.append((m.start(), m.end(), m.group(0), _scanner()[4][m.group(0)]))
    if len(royal_named) == 1:
        (canon,) = royal_named
        out.extend((s, e, surface, canon) for s, e, surface in royal_alone)
    out.sort()
    return out
