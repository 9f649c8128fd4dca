"""Bodies a paper names as its own: councils of every tier and other public bodies.

The gazetteer (authorities.py) knows the principal councils; parish, town and
community councils, townships abroad, government departments and ombudsmen are
read from the words a paper uses ("Milburn Parish Council", "Cyngor Cymuned
Tyndyrn", "Department for Levelling Up, Housing and Communities"), with the
patterns in ``data/body_patterns.txt``. A principal council spelt out in full
("Limerick City and County Council") takes the gazetteer's canonical name, so
both readers agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from paperfinder.datafiles import data_lines, tab_rules
from paperfinder.recognise.authorities import find_authorities, resolve
from paperfinder.text.rxscan import LiteralMask, finditer, fold
from paperfinder.text.rxscan import found as _found

# tiers whose councils the gazetteer holds (a parish or town council it never does)
PRINCIPAL_TIERS = {"city and county", "city & county", "county borough", "metropolitan borough", "borough", "district", "county", "city"}
# the tiers of local councils below the principal ones (a village's, a neighbourhood's)
LOCAL_TIERS = ("parish", "town", "community", "village", "neighbourhood")
_SMALL = {"and", "of", "for", "the", "in", "on", "to", "a", "an", "upon", "at", "by", "with"}


@dataclass(frozen=True)
class Body:
    start: int
    end: int
    surface: str
    canonical: str
    kind: str  # council | body | joint (a body of councils) | district (a council's municipal district)
    tier: str  # parish, town, community, county ... or "" (gazetteer / other body)


@dataclass(frozen=True)
class _Rule:
    kind: str
    template: str
    needs: re.Pattern | None  # what every match holds (its keyword), or None
    # a character no match holds before its keyword (the negation of the file's "made of"),
    # for a rule whose matches end with their keyword; else None
    breaks: re.Pattern | None
    rx: re.Pattern


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Rule, ...]:
    """The rules of the data file."""
    return tuple(
        _Rule(kind, template, None if needs == "-" else re.compile(needs),
              None if made_of == "-" else re.compile(rf"(?!(?:{made_of}))[\s\S]"), rx)
        for (kind, template, needs, made_of), rx in tab_rules("body_patterns.txt", fields=4, flags=0)
    )


@lru_cache(maxsize=1)
def _prefilters() -> LiteralMask:
    """Which rules may match a text: bit i for rule i of :func:`_patterns`."""
    return LiteralMask(rule.rx for rule in _patterns())


def _matches(rule: _Rule, text: str, folded: str) -> Iterator[re.Match[str]]:
    """``rule.rx.finditer(text)`` (``folded``: ``fold(text)``); for a rule whose matches end with their keyword and are
    made, before it, of a run of some characters, read from the start of each keyword's run.

    A match that ends at a keyword lies in the run before it, so a search in the run that
    stops at the keyword's end finds it (nothing after the keyword is read: the keyword's
    own regex checks what follows it); a match that runs on to a later keyword is found in
    that keyword's run. Where one is found, the search from the run's start with the whole
    text after it gives the match a scan of the whole text gives (it cannot start before
    the run: no match starts there that ends at a keyword not yet passed)."""
    if rule.needs is None or rule.breaks is None:
        yield from finditer(rule.rx, text, folded)
        return
    backwards: str | None = None  # the text reversed: a run's start is searched for from its end
    n = len(text)
    pos = 0
    for kw in finditer(rule.needs, text, folded):
        if kw.start() < pos:
            continue
        if backwards is None:
            backwards = text[::-1]
        stop = rule.breaks.search(backwards, n - kw.start(), n - pos)
        start = n - stop.start() if stop is not None else pos
        if rule.rx.search(text, start, kw.end()) is None:
            continue
        m = rule.rx.search(text, start)
        if m is None:  # pragma: no cover - the match found above is one of the whole text's
            return
        pos = m.end()
        yield m


@lru_cache(maxsize=1)
def _not_place() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("not_place_words.txt"))


def title_case(text: str) -> str:
    """'MILBURN PARISH COUNCIL' -> 'Milburn Parish Council', 'STOKE-ON-TRENT' -> 'Stoke-on-Trent'
    (small words stay small)."""
    words = text.lower().split(" ")
    return " ".join(w if (w in _SMALL and i) else _hyphened(w) for i, w in enumerate(words))


def _hyphened(word: str) -> str:
    """'morris-turnberry' -> 'Morris-Turnberry', 'stoke-on-trent' -> 'Stoke-on-Trent'."""
    parts = word.split("-")
    return "-".join(p if (p in _SMALL and i) else p[:1].upper() + p[1:] for i, p in enumerate(parts))


def shouted(text: str) -> bool:
    # counted by str methods mapped in C: this runs on every line of a paper's first pages
    upper = sum(map(str.isupper, text))
    cased = upper + sum(map(str.islower, text))
    return cased >= 4 and upper / cased > 0.8


def _place(name: str) -> str:
    """The place in a matched name, without the heading words before it."""
    words = name.split()
    if words and words[-1].lower() == "the":
        return ""  # "Litter The Parish Council noted ...": a topic's heading run into "the Parish Council", no place
    while words and words[0].lower().strip(".,") in _not_place():
        words.pop(0)
    while words and words[-1].lower().strip(".,") in _not_place():
        words.pop()  # "Stoke Ferry Annual Parish Council"
    place = " ".join(words).strip(" ,.-")
    shouting = place.isupper() or (  # "TROWSE with NEWTON": capitals joined by a small word
        any(w.isupper() for w in place.split()) and all(w.isupper() or w.lower() in _JOINING for w in place.split()))
    return title_case(place) if shouting and len(place) > 3 else place


# a place that names its tier first: "City of Columbia Heights" (+ "City Council")
_OWN_TIER_OF = re.compile(r"(City|Town|County|Borough) of (.+)", re.I)


# words that join a place's name ("Stratford upon Avon", "Bolton le Sands") but never end it:
# "Browse By" + "Parish Council" is a web page's menu over an unnamed parish council's page
_JOINING = {"and", "upon", "on", "in", "under", "le", "next", "by", "de", "of", "the", "for", "to", "at", "&", "with"}


def _with_joined(name: str) -> str:
    """A parish named for two places joined by "with" ("Trowse with Newton", "EAST HOATHLY
    with HALLAND") keeps both; but the word before "with" that is no place of the same
    writing ("ILCA with Kennet Valley", "Meeting with Newton") is the sentence's, and
    the name starts after it."""
    words = name.split()
    for i in range(len(words) - 2, 0, -1):
        if words[i].lower() != "with":
            continue
        left, right = words[i - 1], words[i + 1]
        if left.isupper() != right.isupper() or left.lower().strip(".,") in _not_place():
            return " ".join(words[i + 1 :])
    return name


# a capitalised word just before "City of ...", not a heading's ("Minutes Shire of Kent"):
# the words are part of a title
_TITLE_BEFORE = re.compile(r"(?<![\w'’])([A-Z][\w'’]*)[ \t]+$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")


def _in_capitals(name: str, tier_and_council: str) -> str:
    """A council written in capitals names its place in capitals: the place is the run of
    capitalised words just before it ("... Council MinutesAGENDA KENAI CITY COUNCIL" is Kenai)."""
    if not tier_and_council.isupper():
        return name
    words = name.split()
    k = len(words)
    while k > 0 and (words[k - 1].isupper() or words[k - 1].lower() in _JOINING) and not _INITIALISM.match(words[k - 1]):
        k -= 1  # "7:00 P.M. KENAI CITY COUNCIL": a time's "P.M." is no part of the place
    kept = words[k:]
    while kept and kept[0].lower() in _JOINING:
        kept.pop(0)
    return " ".join(kept) if kept else name


def _one_case(name: str) -> str:
    """A name written after its kind ("Shire of Kent") ends where the writing turns to
    capitals: "Shire of Kent MINUTES NOVEMBER 2014" is Kent's."""
    words = name.split()
    if words and not words[0].isupper():
        for i, w in enumerate(words[1:], 1):
            if w.isupper() and len(w) > 1:
                return " ".join(words[:i])
    return name


# gazetteer kinds that are never a county: "Oxford County Council" (Ontario) is not Oxford's
# city council, nor "County of Peterborough" the unitary city's
_NOT_COUNTY_KINDS = {"district", "ni_district", "london_borough", "metropolitan_borough", "irish_city"}


@lru_cache(maxsize=1)
def _not_counties() -> frozenset[str]:
    """Gazetteer councils that are no county: districts, boroughs, and unitary councils
    none of whose names says county or shire (a unitary city)."""
    from paperfinder.recognise.authorities import authorities

    out = set()
    for a in authorities():
        names = " ".join((a.canonical, *a.aliases, *a.formal)).lower()
        if a.kind in _NOT_COUNTY_KINDS or (a.kind == "unitary" and not re.search(r"county|shire\b", names)):
            out.add(a.canonical)
    return frozenset(out)


def _fits_tier(canonical: str | None, tier: str) -> str | None:
    """The gazetteer's council, unless the paper's tier says it is another council of that name."""
    if canonical and tier == "county" and canonical in _not_counties():
        return None
    return canonical


def not_place_words() -> frozenset[str]:
    """Words that open or close a heading but are never part of a place (``data/not_place_words.txt``)."""
    return _not_place()


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    from paperfinder.recognise.authorities import authorities

    return {a.canonical: a.kind for a in authorities()}


def county_council(canonical: str) -> bool:
    """Is this gazetteer council a county's (an English, Welsh or Irish county council)?"""
    return _kinds().get(canonical) in ("county", "irish_county", "irish_city_and_county")


def _gazetteer_name(name: str, tier: str) -> str | None:
    """The gazetteer's council for the longest tail of ``name`` it knows
    ("Experimental Order Monmouthshire" + county -> Monmouthshire)."""
    words = name.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        found = _fits_tier(resolve(f"{tail} {tier} council") or resolve(tail), tier)
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def _ocr_folds() -> tuple[tuple[str, str], ...]:
    out = []
    for line in data_lines("ocr_confusions.txt"):
        seen, folded = line.split("\t")
        out.append((seen.strip(), folded.strip()))
    return tuple(out)


def _ocr_fold(word: str) -> str:
    w = word.lower()
    for seen, folded in _ocr_folds():
        w = w.replace(seen, folded)
    return w


@lru_cache(maxsize=1)
def _folded_places() -> dict[str, list[str]]:
    """OCR-folded place name -> gazetteer councils of that name (names of one word, 5 letters or more)."""
    from paperfinder.recognise.authorities import authorities

    out: dict[str, list[str]] = {}
    for a in authorities():
        for n in (a.canonical, *a.aliases):
            if " " not in n and len(n) >= 5 and not n.isupper():
                out.setdefault(_ocr_fold(n), []).append(a.canonical)
    return out


def _gazetteer_misread(name: str) -> str | None:
    """A principal council whose name a scan misread ("Lirnenck City and County Council"):
    the gazetteer council whose name is the same once OCR's usual confusions are folded
    on both sides ("rn" for "m", "ri" for "n"), or within one more letter of it. Short
    names are left alone: too many councils lie one letter apart from a short word."""
    from rapidfuzz import fuzz

    words = name.split()
    if not words or len(words[-1]) < 5:
        return None
    word = _ocr_fold(words[-1])
    places = _folded_places()
    if word in places and len(set(places[word])) == 1:
        return places[word][0]
    close = {c for key, cs in places.items() if key[0] == word[0] and fuzz.ratio(key, word) >= 88 for c in cs}
    return close.pop() if len(close) == 1 else None


_PAGE_NUMBER_AFTER = re.compile(r"[ \t]+\d")


# a municipality's number after its place: "No. 336", "NO 4"
_MUNICIPAL_NUMBER = re.compile(r"[ \t]+(?i:no)\.?[ \t]*(\d{1,4})\b")


def _place_end(text: str, at: int, place: str, end: int) -> int:
    """Where the place's own words end in ``text`` (searching from ``at``), the match's end if not found."""
    i = text.lower().find(place.lower(), at)
    return i + len(place) if i >= 0 else end


# a line is read for its bodies by several of a paper's readers (the council, the evidence
# weighed for it, the title), and again for each paper of an agenda pack it heads
_KEPT_LINE = 2000  # characters: a whole paper is read once and not kept


def find_bodies(text: str) -> list[Body]:
    """Every body named in ``text``, left to right; gazetteer councils included."""
    return list(_line_bodies(text)) if len(text) <= _KEPT_LINE else _find_bodies(text)


@lru_cache(maxsize=4096)
def _line_bodies(text: str) -> tuple[Body, ...]:
    return tuple(_find_bodies(text))


def _find_bodies(text: str) -> list[Body]:
    found: list[Body] = []
    low = fold(text)
    may = _prefilters().mask(low)
    for i, rule in enumerate(_patterns()):
        kind, template = rule.kind, rule.template
        if not may >> i & 1:
            continue  # it holds none of the rule's words: a str search, not a scan by re
        if rule.needs is not None and not _found(rule.needs, text, low):
            continue  # no match can be without it: the whole text need not be scanned
        for m in _matches(rule, text, low):
            groups = m.groupdict()
            raw = groups.get("name") or ""
            if raw and len(raw.split()) > 1 and raw.split()[-1] in ("Page", "PAGE") and _PAGE_NUMBER_AFTER.match(text, m.end("name")):
                raw = raw.rsplit(None, 1)[0]  # "April 6, 2009 City of Iowa City Page 2": a page footer, not the place
            if raw and m.end("name") <= (m.start("tier") if groups.get("tier") else m.end()) and m.end("name") < m.end():
                raw = _in_capitals(raw, text[m.end("name") : m.end()].strip())
            elif raw and groups.get("tier") and m.start("name") > m.start("tier"):
                raw = _one_case(raw)
            name = _place(_with_joined(raw)) if "name" in groups else ""
            if "name" in groups and (not name or name.split()[-1].lower() in _JOINING):
                continue
            if m.group(0).endswith(" CC") and any(w.lower().strip(".,") in _not_place() for w in raw.split()):
                continue  # "Online Zoom Meeting CC Members": initials after heading words name no place
            tier = (groups.get("tier") or "").lower()
            if tier and "name" in groups and m.start("tier") < m.start("name"):
                before = _TITLE_BEFORE.search(text, max(0, m.start() - 40), m.start())
                if (before and before.group(1).lower() not in _not_place()) or raw.split()[0].lower().strip(".,") in _not_place():
                    continue  # "Limerick City of Culture", "the City of Culture Year": a title, not a council
            if kind == "body" and "{name}" in template:
                canonical = " ".join(m.group(0).split()).rstrip(" ,&")
                canonical = re.sub(r"\s+(and|&)$", "", canonical)
            elif tier in PRINCIPAL_TIERS and m.start("tier") < m.start("name"):
                # "City of Westminster Cabinet Member": the gazetteer's council for the longest head it knows
                words = name.split()
                heads = (" ".join(words[:i]) for i in range(len(words), 0, -1))
                known = next((c for h in heads if (c := _fits_tier(resolve(f"{tier} of {h}") or resolve(f"{h} {tier} council"), tier))), None)
                canonical = known or template.format(name=name, tier=title_case(tier))
            elif tier in PRINCIPAL_TIERS and (own := _OWN_TIER_OF.fullmatch(name)) and own.group(1).lower() == tier:
                canonical = f"{title_case(tier)} of {own.group(2)}"  # "CITY OF COLUMBIA HEIGHTS CITY COUNCIL"
            elif tier in PRINCIPAL_TIERS:
                canonical = (
                    _gazetteer_name(name, tier) or _fits_tier(_gazetteer_misread(name), tier) or template.format(name=name, tier=title_case(tier))
                )
            elif not tier and m.group(0).endswith(" CC") and (county := resolve(name)):
                canonical = county  # "Monmouthshire CC": a principal council's initials, not a community's
            else:
                canonical = template.format(name=name, tier=title_case(tier) if tier else "")
            canonical = " ".join(canonical.split())
            start = m.start()
            if "name" in groups and kind in ("council", "joint") and m.start("name") < m.start(0) + 1:
                # the place starts the name once heading words are dropped ("Annual Meeting Stoke Ferry ...")
                start = m.start("name") + max(0, groups["name"].lower().find(name.split()[0].lower()))
            end = m.end()
            if name and groups.get("tier") and m.start("tier") < m.start("name") and m.end("name") == m.end():
                # "County of Frontenac Introduction Moved by": the name ends with its place
                last = name.split()[-1].lower()
                at = raw.lower().rfind(last)
                if at >= 0:
                    end = m.start("name") + at + len(last)
            if kind == "council" and name and tier not in PRINCIPAL_TIERS and canonical.endswith(name) \
                    and (number := _MUNICIPAL_NUMBER.match(text, _place_end(text, m.start("name"), name, end))):
                # a Canadian municipality's number is part of its name ("Rural Municipality of Sasman No. 336")
                canonical = f"{canonical} No. {number.group(1)}"
                end = max(end, number.end())
            found.append(Body(start, end, text[start:end], canonical, kind, tier))
    gazetteer = [Body(s, e, surface, canon, "council", "") for s, e, surface, canon in find_authorities(text)]
    found += gazetteer
    from_gazetteer = set(gazetteer)
    # where two overlap, the longer reading wins ("Limerick City and County Council" over "Limerick"),
    # and of two readings of the same words the gazetteer's ("Glos CC" is a county council)
    found.sort(key=lambda b: (b.start, -(b.end - b.start), b not in from_gazetteer))
    out: list[Body] = []
    for b in found:
        if out and b.start < out[-1].end:
            continue
        out.append(b)
    return out
