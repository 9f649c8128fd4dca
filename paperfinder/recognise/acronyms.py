"""Acronyms that papers define for themselves: "Multi-Agency Safeguarding Hub (MASH)".

Learned from the corpus at index time (stored per passage), so a search for
either form finds both. No spaCy here: a regex and an initials check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from paperfinder.text.rxscan import finditer_at

# between two words of a long form: blanks, or one line break (a PDF wraps "Local Area\nPlan
# (LAP)" mid-name: on corpus-dev 18 of 131 definitions were written across a line end)
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# the bracketed acronym, bare or quoted as a legal paper defines it: (LAP), ("CPO"), (the “WCC”)
_ACRO = r"\((?:the[ \t]+)?[\"“”‘’']?([A-Z][A-Za-z]{1,9})[\"“”‘’']?\)"
_DEF = re.compile(rf"((?:[A-Z][\w'’&-]*{_GAP}(?:(?:and|of|for|the|&|in|on|to){_GAP})?){{1,9}}){_ACRO}")
# the same with words in lower case too ("heavy goods vehicles (HGVs)"): the initials check
# keeps only the words that spell the acronym
_DEF_ANY_CASE = re.compile(rf"((?:[A-Za-z][\w'’&-]*{_GAP}){{1,9}}){_ACRO}")
# the acronym first, its long form in the brackets: "the SRB (Single Regeneration Budget)"
_DEF_AFTER = re.compile(rf"\b([A-Z]{{2,9}})s?[ \t]*\(([A-Za-z][\w'’&-]*(?:{_GAP}[A-Za-z][\w'’&-]*){{1,8}})\)")
_SMALL = {"and", "of", "for", "the", "&", "in", "on", "to"}
# the "(ACRONYM)" part of _DEF alone: most passages have none, and finding that is far
# cheaper than trying the capitalised words before every capital letter
_BRACKETED = re.compile(_ACRO)
# what the words before the bracket are made of (both long-form patterns): a match starts no
# earlier than the run of these characters that ends at its bracket
_WORD_RUN = frozenset("'’&- \t\n")
# what a match of _DEF_AFTER is made of before its opening bracket ("SRB", "HGVs", blanks)
_ACRONYM_RUN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZs \t")


def _initials(words: list[str]) -> str:
    out = []
    for w in words:
        if w.lower() in _SMALL:
            continue
        for part in re.split(r"[-–]", w):
            if part:
                out.append(part[0].upper())
    return "".join(out)


def _definitions(text: str, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, read only where a match can be: a match ends at a bracketed
    acronym and starts within the run of word characters, blanks and joiners before it, so
    only that run is searched, never the rest of a passage, where a scan would try the
    words before every letter."""
    pos = 0
    for br in _BRACKETED.finditer(text):
        if br.start() < pos:
            continue
        start = br.start()
        while start > pos and (text[start - 1].isalnum() or text[start - 1] == "_" or text[start - 1] in _WORD_RUN):
            start -= 1
        # ended at the bracket's end: the pattern ends with the bracket, nothing after it is read
        m = rx.search(text, start, br.end())
        if m is not None:
            pos = m.end()
            yield m


def _after_definitions(text: str) -> Iterator[re.Match[str]]:
    """``_DEF_AFTER.finditer(text)``, tried only in the run of capitals, "s" and blanks just
    before each opening bracket (a match holds nothing else before its bracket, so it begins
    there), not at every character of the text."""
    places: list[int] = []
    b = text.find("(")
    while b >= 0:
        start = b
        while start > 0 and text[start - 1] in _ACRONYM_RUN:
            start -= 1
        places.extend(range(start, b))  # no run holds a bracket: the places stay in order
        b = text.find("(", b + 1)
    return finditer_at(_DEF_AFTER, places, text)


def find_definitions(text: str, any_case: bool = False) -> list[tuple[str, str]]:
    """(ACRONYM, long form) pairs defined in ``text``; initials must agree.

    ``any_case``: the long form may be written in lower case ("heavy goods vehicles (HGVs)");
    a plural acronym ("HGVs") is defined as its singular.
    """
    found: list[tuple[str, str]] = []
    for m in _definitions(text, _DEF_ANY_CASE if any_case else _DEF):
        acro = m.group(2)
        if any_case and len(acro) > 2 and acro.endswith("s") and acro[:-1].isupper():
            acro = acro[:-1]
        letters = re.sub(r"[^A-Z]", "", acro)
        if len(letters) < 2:
            continue
        words = m.group(1).split()
        # the shortest tail of the capitalised words whose initials spell the acronym
        for k in range(1, len(words) + 1):
            tail = words[-k:]
            if tail[0].lower() in _SMALL:
                continue
            if _initials(tail) == letters:
                found.append((acro, " ".join(tail)))
                break
    if "(" in text:
        for m in _after_definitions(text):
            words = m.group(2).split()
            # every word of the brackets spells the acronym: "(see Appendix B)" does not; words in
            # lower case only with any_case, and for three letters or more ("AB (as before)" is chance)
            capitalised = all(w[0].isupper() for w in words if w.lower() not in _SMALL)
            if (_initials(words) == m.group(1) and words[0].lower() not in _SMALL
                    and (capitalised or (any_case and len(m.group(1)) > 2))):
                found.append((m.group(1), " ".join(words)))
    return found


def encode(pairs: list[tuple[str, str]]) -> list[str]:
    """Index form: "mash=multi agency safeguarding hub"."""
    out = []
    for acro, long in pairs:
        norm = re.sub(r"[^\w]+", " ", long.lower()).strip()
        out.append(f"{acro.lower()}={norm}")
    return sorted(set(out))


def decode(values: list[str]) -> dict[str, str]:
    """acronym (lower case) -> long form (lower case words)."""
    out: dict[str, str] = {}
    for v in values:
        acro, _, long = v.partition("=")
        if acro and long:
            out.setdefault(acro, long)
    return out


def expand_query(text: str, table: Mapping[str, str | Sequence[str]]) -> str:
    """Rewrite a query so that an acronym also finds its long forms, and back.

    An acronym may have several long forms (papers of different councils define
    "LAP" differently): it finds every one. Quoted phrases are left as they are:
    they ask for exactly those words.
    """
    if not table:
        return text
    return outside_quotes(text, lambda words: _expanded(words, table))


def outside_quotes(text: str, rewrite: Callable[[str], str]) -> str:
    """``rewrite`` applied to the parts of a query outside its quoted phrases: a phrase
    asks for exactly the words in it, so it is left as typed."""
    if '"' not in text:
        return rewrite(text)
    parts = re.split(r'("[^"]*")', text)
    return "".join(p if '"' in p else rewrite(p) for p in parts)


def _expanded(text: str, table: Mapping[str, str | Sequence[str]]) -> str:
    """``expand_query`` on a part of a query that holds no quoted phrase."""
    low = text.lower()
    bare = re.sub(r"[^\w]+", " ", low)
    # (start, end) of the query's words -> the alternatives that replace them. Found on the
    # text as typed, so that a form one entry adds is not rewritten by another; two short
    # forms with one long form ("house", "home": dwelling) give that long form one group
    groups: dict[tuple[int, int], list[str]] = {}
    for acro, forms in table.items():
        longs = [forms] if isinstance(forms, str) else list(forms)
        # a long form written as words of the query ("overdraft", "overdrafts"; not inside "overdrafting")
        written = next((long for long in longs if long in bare and re.search(rf"\b{re.escape(long)}s?\b", bare)), None)
        if written is not None:
            pattern = r"\b" + r"[\W_]+".join(re.escape(w) for w in written.split()) + r"s?\b"
            m = re.search(pattern, text, flags=re.I)
            if m:
                _add(groups, m.span(), [f'"{written}"', acro])
            continue
        # the acronym as typed, or its plural ("HGVs"); the index's table holds thousands of
        # acronyms: a regex is built (and compiled) only for one the query holds
        if acro in low:
            # on the text as typed (with re.I): lower-casing may change a string's length
            m = re.search(rf"(?<![\w\"]){re.escape(acro)}s?(?![\w\"])", text, flags=re.I)
            if m:
                _add(groups, m.span(), [acro] + [f'"{long}"' for long in longs])
    out = text
    taken: list[tuple[int, int]] = []
    # the longest span first: "temporary traffic regulation order" over "traffic regulation order"
    for start, end in sorted(groups, key=lambda span: (span[0] - span[1], span[0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
    for start, end in sorted(taken, reverse=True):
        out = out[:start] + "(" + " OR ".join(groups[(start, end)]) + ")" + out[end:]
    return out


def _add(groups: dict[tuple[int, int], list[str]], span: tuple[int, int], alts: list[str]) -> None:
    have = groups.setdefault(span, [])
    have.extend(a for a in alts if a not in have)


def curated_equivalents() -> dict[str, str]:
    """Short forms and (the first) long forms of local-government terms (``data/equivalents.txt``)."""
    return {short: forms[0] for short, forms in curated_forms().items()}


def curated_forms() -> dict[str, list[str]]:
    """Short forms and every long form of local-government terms (``data/equivalents.txt``)."""
    from paperfinder.datafiles import data_lines

    pairs = (line.split("\t", 1) for line in data_lines("equivalents.txt"))
    out: dict[str, list[str]] = {}
    for short, long in pairs:
        forms = out.setdefault(short.strip().lower(), [])
        if long.strip().lower() not in forms:
            forms.append(long.strip().lower())
    return out


@lru_cache(maxsize=1)
def word_families() -> tuple[tuple[str, ...], ...]:
    """Words of one family the stemmer does not join ("sell", "sold", "sale"; ``data/word_families.txt``)."""
    from paperfinder.datafiles import data_lines

    return tuple(tuple(line.lower().split()) for line in data_lines("word_families.txt"))


def council_initials(names: Iterable[str]) -> dict[str, str]:
    """Initials (lower case, three letters or more) -> the council's name (lower case words),
    for initials only one of ``names`` has: "tcc" -> "tintern community council"."""
    found: dict[str, list[str]] = {}
    for name in names:
        words = re.sub(r"[^\w]+", " ", name).split()
        if len(words) < 3:
            continue
        key = _initials(words).lower()
        if len(key) >= 3:
            found.setdefault(key, []).append(" ".join(words).lower())
    return {key: longs[0] for key, longs in found.items() if len(longs) == 1}


# an acronym as a query types it: capitals (and digits: "WW1"), two letters or more; its plural too ("HGVs")
_TYPED = re.compile(r"(?<![\w\"'’-])([A-Z][A-Z0-9]{1,7})s?(?![\w\"'’-])")


def typed_acronyms(text: str) -> list[str]:
    """The words of a query written as acronyms ("LAP", "WW1", "HGVs" -> "HGV"), outside
    quoted phrases; none when every word is in capitals (a query typed with caps lock on)."""
    bare = re.sub(r'"[^"]*"', " ", text)
    words = re.findall(r"[A-Za-z][\w'’-]*", bare)
    if not words or all(w.isupper() for w in words):
        return []
    found = [m.group(1) for m in _TYPED.finditer(bare)]
    return list(dict.fromkeys(a for a in found if sum(c.isalpha() for c in a) >= 2 and a not in ("AND", "OR", "NOT")))


@lru_cache(maxsize=256)
def spelled_out(acronym: str) -> re.Pattern[str]:
    """A run of words whose initials spell ``acronym``: capitalised words ("LAP": "Local
    Area Plan", "Local Area-Plan"), the small words of a name allowed between them ("Department
    of the Environment"), a digit standing for a number ("WW1": "World War 1")."""
    small = "|".join(re.escape(w) for w in sorted(_SMALL))
    # a small word spells no letter ("The Chairman of the Council" is not "TCC"), nor does a word
    # in capitals (an acronym: "MCC and County Cllr" is not "MCC")
    parts = [rf"{c}\w*" if c.isdigit() else rf"(?!(?i:{small})(?![\w'’])){c.upper()}[a-z][\w'’]*" for c in acronym]
    between = rf"(?:[ \t]*[-–][ \t]*|{_GAP}(?:(?:{small}){_GAP})*)"
    # the name ends where its run of capitalised words ends: "St Michael's Church Cllr Hayward"
    # holds "Michael's Church Cllr" by chance, inside a longer run
    end = rf"(?![\w'’])(?!{_GAP}[A-Z][a-z])"
    return re.compile(r"(?<![\w'’])" + between.join(parts) + end)
