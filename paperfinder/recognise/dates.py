"""Dates in council papers: day dates, month dates and financial years.

Pure regex + ``datetime`` (``dateutil`` only as a last resort in
:func:`parse_date`); no spaCy import, so it is cheap to use anywhere.

* :func:`parse_date` turns one date string into an ISO date (``YYYY-MM-DD``)
  or ``None``. A month without a day ("June 2017") gives ``None``; day-first
  numeric dates ("04/01/2021" is 4 January 2021), as UK papers write them.
* :func:`find_dates` scans text and returns :class:`DateMatch` tuples
  ``(start, end, surface, iso)``; each also has ``.kind``:

  - ``"day"``            "Monday 21 November 2016" -> "2016-11-21"
  - ``"month"``          "June 2017"               -> "2017-06" (ISO month)
  - ``"financial_year"`` "2020/21", "2013/2014"    -> "2020-04-01"
    (the UK financial year starts on 1 April; ``.end_iso`` is the last day)

* :func:`financial_years` returns only the financial years.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from paperfinder.datafiles import data_text
from paperfinder.text.rxscan import finditer_from

__all__ = [
    "DateMatch",
    "parse_date",
    "find_dates",
    "financial_years",
    "find_times",
    "year_less_days",
    "YearLessDay",
    "MONTHS",
]

MONTHS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}


def _other_months() -> tuple[dict[str, int], list[str], dict[str, int]]:
    """Welsh and Irish month names (``data/month_names.txt``), the ordinal suffixes
    those languages write after a day's number, and days written in words."""
    names: dict[str, int] = {}
    suffixes: list[str] = []
    days: dict[str, int] = {}
    for line in data_text("month_names.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, *values = line.split("\t")
        if key == "ordinal":
            suffixes.append(values[0].strip())
        elif key == "day":
            days[" ".join(values[0].split())] = int(values[1])
        else:
            names[" ".join(key.split())] = int(values[0])
    return names, suffixes, days


_OTHER_MONTHS, _OTHER_ORDINALS, _DAY_WORDS = _other_months()
MONTHS.update(_OTHER_MONTHS)


def month_number(name: str) -> int:
    """The month a written month name stands for ("November", "Nov", "Medi", "Meán Fómhair")."""
    return MONTHS[" ".join(name.lower().split())]


class DateMatch(tuple):
    """``(start, end, surface, iso)`` plus ``.kind`` (day | month | financial_year)."""

    kind: str
    end_iso: str | None

    def __new__(cls, start: int, end: int, surface: str, iso: str, kind: str = "day",
                end_iso: str | None = None):
        obj = super().__new__(cls, (start, end, surface, iso))
        obj.kind = kind
        obj.end_iso = end_iso
        return obj

    start = property(lambda self: self[0])
    end = property(lambda self: self[1])
    surface = property(lambda self: self[2])
    iso = property(lambda self: self[3])

    def __repr__(self) -> str:
        return f"DateMatch({self[0]}, {self[1]}, {self[2]!r}, {self[3]!r}, kind={self.kind!r})"


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    # Welsh and Irish names, longest first ("deireadh fómhair" before "fómhair"-less spellings)
    + "".join("|" + r"\s+".join(map(re.escape, n.split())) for n in sorted(_OTHER_MONTHS, key=len, reverse=True))
    + r")(?![^\W\d_])"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
# a scan's OCR reads a raised "th" as a quote, star or sign ("19" September", "6” April", "1* April", "22™ April")
# a typed abbreviation point after the ordinal ("2nd. May 2014")
# a PDF's superscript ordinal may come on a line of its own ("26" / "th" / "January 2022")
_ORD = (
    # or the month run into the suffix, the space lost ("12thMAY 2008")
    r"(?:\s{0,3}(?:st|nd|rd|th)(?:\.?(?![a-z])|(?=" + _MONTH + r"))|[\"”“’'*°™ªº](?=\s)|(?:"
    + "|".join(map(re.escape, sorted(_OTHER_ORDINALS, key=len, reverse=True)))
    + r")(?![^\W\d_]))?"
)
_YEAR4 = r"(?:1[89]\d\d|20\d\d)"
_SP = r"[ \t\u00a0]+"  # spaces inside a date may not cross a line break... mostly
_SPN = r"\s+"  # ... but PDF conversion sometimes wraps; allow it between parts

# a two-digit year after a day and month ("14th July, 08", "4 August 08") only where the
# date ends there: "on 14 July 10 members attended" is not a date
# nor where a four-digit year follows it: "No. 4 / April 20, 2009" is April 20, 2009 (the day of a
# month-first date), not "4 April 20"
_YEAR2_ENDING = r"\d\d(?=[ \t]*(?:\n|$|[.,;:)]))(?![.,]?[ \t]*" + _YEAR4 + r"\b)"

# Both patterns run on the lowercased text (same offsets) and start with a digit or
# a month letter, so the regex engine skips most positions; a weekday before the
# date ("Monday 21 November 2016") and "FY" before a year are added afterwards.

# 21 November 2016 / 21st November, 2016 / 3rd day of March 2015 / 21 Nov. 2016
_DMY = (
    rf"(?P<d1>\d\d?){_ORD}"
    rf"(?:{_SP}(?:day{_SP})?(?:of|o))?(?:{_SPN}|(?<=st|nd|rd|th))(?P<m1>{_MONTH})\.?,?{_SPN}(?P<y1>{_YEAR4}|{_YEAR2_ENDING})"
)
# November 21, 2016 / November 21st 2016 / February the 6th 2018
# a typed comma with no space after it ("December 18,2007"); Welsh "Mawrth y 9fed 2020" (March the 9th)
# a scan's text may lose the space after the month ("JANUARY8,2025")
_MDY = rf"(?P<m2>{_MONTH})\.?(?:{_SP}|(?=\d))(?:(?:the|y|yr){_SP})?(?P<d2>\d\d?){_ORD}(?:,(?:{_SPN})?|{_SPN})(?P<y2>{_YEAR4})"
# 04/01/2021, 4.1.2021, 04-01-21 (day first); 2021-01-04 (ISO)
_NUM = r"(?P<d3>\d\d?)(?P<sep>[/.\-])(?P<m3>[01]?\d)(?P=sep)(?P<y3>" + _YEAR4 + r"|\d\d)"
_ISO = r"(?P<y4>" + _YEAR4 + r")-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)"
# June 2017 (month only)
_MY = rf"(?P<m5>{_MONTH})\.?,?{_SP}(?P<y5>{_YEAR4})"
# Financial years: 2020/21, 2013/2014, 2014-15 (FY2020/21 via the prefix check)
_FY = r"(?P<fy1>(?:19|20)\d\d)[ ]?(?P<fysep>[/\-\u2013])[ ]?(?P<fy2>\d\d\d\d|\d\d)"

# this eleventh day of April 2012 / the twenty-first day of June, 1968
_WORDS_DMY = (
    r"(?P<dw>" + "|".join(r"[ \t-]".join(map(re.escape, w.split())) for w in sorted(_DAY_WORDS, key=len, reverse=True)) + ")"
    + rf"{_SP}day{_SP}of{_SPN}(?P<m6>{_MONTH})\.?,?{_SPN}(?P<y6>{_YEAR4})"
)
_END = r"(?![\w/]|\.\d|-\d)"
_DIGIT_RE = re.compile(r"(?:" + _DMY + "|" + _ISO + "|" + _NUM + "|" + _FY + r")" + _END)
_MONTH_RE = re.compile(r"(?:" + _MDY + "|" + _MY + r")" + _END)
_WORDS_RE = re.compile(_WORDS_DMY + _END)
_WORDS_START = re.compile(r"(?<![a-z])[a-z](?=[a-z -]{2,20}[ \t]day[ \t]+of\b)")
# Where a match of each can start: a digit; the first three letters of a month. Neither
# big pattern begins with something the engine can skip to by itself, so it would try
# a full match at every character of the text.
_DIGIT_START = re.compile(r"\d")
# One alternative a first letter (the engine compares each alternative's first letter, then
# tries its look-ahead): with one a month, a letter that begins several was looked at again
# for each, at most characters of a text.
_MONTH_HEADS: dict[str, set[str]] = {
    "j": {"an", "u[nl]"}, "f": {"eb"}, "m": {"a[ry]"}, "a": {"pr", "ug"}, "s": {"ep"}, "o": {"ct"}, "n": {"ov"}, "d": {"ec"},
}
for _n in _OTHER_MONTHS:
    _MONTH_HEADS.setdefault(re.escape(_n[0]), set()).add(re.escape(_n[1:3]))
_MONTH_START = re.compile("|".join(f"{first}(?={'|'.join(sorted(rest))})" for first, rest in sorted(_MONTH_HEADS.items())))


# a weekday a page ran into its day, the space lost: "Tuesday26th September 2017"
_WEEKDAY_GLUED = re.compile(r"(?<![a-z])(?:mon|tues|wednes|thurs|fri|satur|sun)day$")

_WEEKDAY_BEFORE_RE = re.compile(
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t\u00a0]+(?:the[ \t\u00a0]+)?$"
)


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 70 else 1900
    return n


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _fy(m: re.Match) -> DateMatch | None:
    y1 = int(m.group("fy1"))  # noqa: E501
    s2 = m.group("fy2")
    if len(s2) == 2:
        if int(s2) != (y1 + 1) % 100:
            return None
    else:
        if m.group("fysep") != "/" or int(s2) != y1 + 1:
            return None
    return DateMatch(m.start(), m.end(), m.group(0), f"{y1:04d}-04-01", "financial_year",
                     f"{y1 + 1:04d}-03-31")


def _widen(text: str, start: int, end: int, iso: str, kind: str, lower: str) -> DateMatch:
    if kind == "day" and start:
        w = _WEEKDAY_BEFORE_RE.search(lower, max(0, start - 16), start)
        if w:
            start = w.start()
    return DateMatch(start, end, text[start:end], iso, kind)


# a paper named with its date in figures joined by dots, the date ending its line ("Agenda 20.07.17")
_DOTTED_PAPER_DATE = re.compile(r"\b(?:agenda|minutes|notes)[ \t]+$", re.I)


def _match_to_date(m: re.Match, text: str | None = None) -> DateMatch | None:
    g = m.groupdict().get
    if text is None:
        text = m.string
    if g("d1"):
        iso = _iso(_year(g("y1")), month_number(g("m1")), int(g("d1")))
    elif g("m2"):
        if text[m.end("m2"): m.end("m2") + 1].isdigit() and text[m.start("m2"): m.end("m2")].islower():
            return None  # "apr10 2020" in running text is a code; a scan's lost space comes in a heading's capitals
        iso = _iso(int(g("y2")), month_number(g("m2")), int(g("d2")))
    elif g("y4"):
        iso = _iso(int(g("y4")), int(g("m4")), int(g("d4")))
    elif g("d3"):
        if g("sep") == "." and len(g("y3")) == 2 and not (
                _DOTTED_PAPER_DATE.search(text, max(0, m.start() - 30), m.start()) and m.end() - m.start() == 8
                and text[m.end() : m.end() + 1] in ("", "\n", "\r")):
            return None  # 1.2.10 is a paragraph number far more often than a date; but a paper's own
            # name ending its line, "Cemetery Committee Agenda 20.07.17", is dated so
        iso = _iso(_year(g("y3")), int(g("m3")), int(g("d3")))
    elif g("fy1"):
        fy = _fy(m)
        if fy is None:
            return None
        st = m.start()
        pre = text[max(0, st - 3): st]
        if pre.upper().endswith("FY"):
            st -= 2
        elif pre.upper() == "FY ":
            st -= 3
        return DateMatch(st, m.end(), text[st:m.end()], fy.iso, "financial_year", fy.end_iso)
    elif g("dw"):
        iso = _iso(int(g("y6")), month_number(g("m6")), _DAY_WORDS[" ".join(g("dw").replace("-", " ").lower().split())])
    elif g("m5"):
        month = text[m.start("m5"): m.end("m5")]
        if month.islower():  # "may 2017": lowercase is usually a verb; require a capital
            return None
        return DateMatch(m.start(), m.end(), text[m.start():m.end()],
                         f"{int(g('y5')):04d}-{month_number(month):02d}", "month")
    else:  # pragma: no cover - every branch above is exhaustive
        return None
    if iso is None:
        return None
    return _widen(text, m.start(), m.end(), iso, "day", m.string)


def find_dates(text: str, financial: bool = True, months: bool = True) -> list[DateMatch]:
    """All dates in ``text`` as :class:`DateMatch` ``(start, end, surface, iso)``.

    ``financial=False`` drops financial years, ``months=False`` month-only dates.
    Check ``match.kind`` to tell a financial year from a day date.
    """
    lower = text.lower()
    if len(lower) != len(text):  # a character changed length: keep offsets exact
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    found: list[DateMatch] = []
    scans = [(_DIGIT_RE, _DIGIT_START), (_MONTH_RE, _MONTH_START)]
    if "day of" in lower:
        scans.append((_WORDS_RE, _WORDS_START))
    for rx, starts in scans:
        for m in finditer_from(rx, starts, lower):
            st = m.start()
            if st and (lower[st - 1].isalnum() or lower[st - 1] in "_/."):
                if not (m.group(0)[:1].isdigit() and lower[max(0, st - 2): st] == "fy"
                        and (st < 3 or not lower[st - 3].isalnum())) \
                        and not (m.group(0)[:1].isdigit() and _WEEKDAY_GLUED.search(lower, max(0, st - 12), st)):
                    continue
            dm = _match_to_date(m, text)
            if dm is None:
                continue
            if dm.kind == "financial_year" and not financial:
                continue
            if dm.kind == "month" and not months:
                continue
            found.append(dm)
    if not found:
        return found
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMatch] = []
    last_end = -1
    for d in found:
        if d.start < last_end:
            continue
        out.append(d)
        last_end = d.end
    return out


class YearLessDay(NamedTuple):
    """A day and month written without a year, ``text[start:end]`` with its weekday when one is written."""

    start: int
    end: int
    weekday: str | None
    day: int
    month: int


_FULL_MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"
_WEEKDAY_WORD = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# only full English month names: a short one ("mar", "jan") or a Welsh one is too often another word without a year
# beside it; a year after the day (with or without a comma or a space) makes it a dated day, found by find_dates
_YEAR_LESS_RE = re.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY_WORD}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th|[\"”“’'*°™ªº](?=\s))?\s+(?:of\s+)?"
    rf"(?P<m>{_FULL_MONTH})\b(?!,?\s*\d{{4}})"
    # month first ("Thursday, February 11"), not a time or a numeric run after it ("June 12:30", "May 3/4")
    rf"|\b(?:(?P<wd2>{_WEEKDAY_WORD}),?\s+)?(?P<m2>{_FULL_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?!,?\s*\d{{4}})(?!\s*[/.:-]\d)",
    re.I,
)


def year_less_days(text: str) -> list[YearLessDay]:
    """Days written with their month and no year ("to be held on Thursday 18th May", "visited us on
    11th June", "February 11"), in the order they stand; the caller says which year they are in."""
    out = []
    for m in _YEAR_LESS_RE.finditer(text):
        first = m.group("d") is not None
        weekday = m.group("wd" if first else "wd2")
        # a "the" before the day is read (so that "Friday the 25th July" keeps its weekday) but not part of the day
        start = m.start() if weekday or not first else m.start("d")
        out.append(YearLessDay(start, m.end(), weekday, int(m.group("d" if first else "d2")),
                               MONTHS[m.group("m" if first else "m2").lower()]))
    return out


# a time of day: "19:30", "7.00 pm", "7 p.m.", "10.30am", "1930 hrs"; a bare "7.30" is too often a
# figure to count as one unless "at"/"until" says it is a time ("the meeting opened at 7.30")
_TIME_RE = re.compile(
    r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[ap]\.?\s?m\b\.?|hrs\b)"
    r"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b"
    r"|\b(?:1[0-2]|0?\d)\s*[ap]\.\s?m\b\.?|\b(?:1[0-2]|0?\d)\s*[ap]m\b"
    r"|\b(?:[01]\d|2[0-3])[0-5]\d\s*hrs\b"
    r"|(?:(?<=\bat )|(?<=\buntil )|(?<=\btill ))(?:[01]?\d|2[0-3])\.[0-5]\d\b(?!\s*(?:%|per\s?cent|percent))",
    re.I,
)


# how a paper writes its dates, read from the dates that can only be read one way: "May 2, 2006" and
# "05/22/2006" month first (American papers), "2 May 2006" and "22/05/2006" day first
_NUMERIC_ANY = re.compile(r"(?<![\d/.-])(\d\d?)([/.-])(\d\d?)\2((?:19|20)\d\d)(?![\d/.-])")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\.?{_SP}\d\d?{_ORD},{_SPN}{_YEAR4}\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b\d\d?{_ORD}{_SP}(?:of{_SP})?{_MONTH}\.?,?{_SPN}{_YEAR4}\b", re.I)
# one numeric date, read either way round, its year written in two figures or four ("05/02/06")
_NUMERIC_SURFACE = re.compile(r"(\d\d?)([/.-])(\d\d?)\2((?:19|20)?\d\d)")
# what every match of _MONTH_DAY_YEAR ends with
_YEAR_AFTER_COMMA = re.compile(rf",{_SPN}{_YEAR4}\b")


def writes_month_first(text: str) -> bool:
    """Does the paper write month before day? Only when its unambiguous dates say so: more
    "May 2, 2006" or "05/22/2006" than "2 May 2006" or "22/05/2006" (numeric dates that could be
    either way count for neither). A UK paper's "04/01/2021" stays day first."""
    # each pattern would be tried at every character (none begins with something re can skip to):
    # the day-first ones only at digits, the month-first one only in a paper with a year after a comma
    month_first = len(_MONTH_DAY_YEAR.findall(text)) if _YEAR_AFTER_COMMA.search(text) else 0
    day_first = sum(1 for _m in finditer_from(_DAY_MONTH_YEAR, _DIGIT_START, text))
    for m in finditer_from(_NUMERIC_ANY, _DIGIT_START, text):
        a, b = int(m.group(1)), int(m.group(3))
        if a <= 12 < b <= 31:
            month_first += 1
        elif b <= 12 < a <= 31:
            day_first += 1
    return month_first > day_first


def month_first_reading(text: str, iso: str) -> str:
    """``iso``, a date read from ``text``, as a month-first paper means it: when ``text`` writes
    it only as an ambiguous numeric date ("05/02/2006", read day first as 2006-02-05), the
    month-first reading (2006-05-02); otherwise ``iso`` unchanged."""
    if len(iso) != 10:
        return iso
    same = [d for d in find_dates(text, financial=False) if d.iso == iso]
    if any(not d.surface[:1].isdigit() for d in same):
        return iso  # also written in words: no doubt which day
    numeric = [m for d in same if d.kind == "day" and (m := _NUMERIC_SURFACE.fullmatch(d.surface.strip()))]
    if not numeric:
        return iso
    m = numeric[0]
    return _iso(_year(m.group(4)), int(m.group(1)), int(m.group(3))) or iso


def find_times(text: str) -> list[tuple[int, int]]:
    """Spans of the times of day in ``text`` (a meeting's start, a closure's hours)."""
    return [(m.start(), m.end()) for m in _TIME_RE.finditer(text)]


def financial_years(text: str) -> list[DateMatch]:
    """Financial years ("2020/21", "2013/2014", "2014-15") with ISO start dates."""
    return [d for d in find_dates(text) if d.kind == "financial_year"]


_FULL_RE_CACHE: dict[str, DateMatch | None] = {}


def parse_date(s: str) -> str | None:
    """ISO date (``YYYY-MM-DD``) of a single date string, or ``None``.

    Handles "30 December 2020", "Monday 21 November 2016", "3 NOVEMBER 2014",
    "13th June 2016", "21st November, 2016", "04/01/2021" (day first),
    "2021-01-04". Month-only strings ("June 2017") and financial years give
    ``None``: they are not a day.
    """
    if not s:
        return None
    s = s.strip().strip(".,;:()[]")
    s = re.sub(r"^(?:on|dated|the)\s+", "", s, flags=re.IGNORECASE)
    if not s:
        return None
    for dm in find_dates(s):
        # accept when the date covers the string, apart from stray punctuation
        rest = (s[: dm.start] + s[dm.end:]).strip(" \t.,;:-()")
        if not rest and dm.kind == "day":
            return dm.iso
        if not rest:
            return None
    return _parse_with_dateutil(s)


def _parse_with_dateutil(s: str) -> str | None:
    """Fallback for odd spellings; only accepts a result with day, month and year."""
    if len(s) > 40 or not re.search(r"\d", s):
        return None
    if not (re.search(r"[A-Za-z]{3}", s) or re.search(r"\d{4}", s)):
        return None  # "1.2.10" is a paragraph number
    from dateutil import parser  # a dependency, imported when first needed: most dates never get here

    try:
        a = parser.parse(s, dayfirst=True, fuzzy=False, default=_DEFAULT_A)
        b = parser.parse(s, dayfirst=True, fuzzy=False, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date():  # day, month or year came from the default
        return None
    if not 1800 <= a.year <= 2099:
        return None
    return a.date().isoformat()


def _dt(y: int, m: int, d: int):
    from datetime import datetime

    return datetime(y, m, d)


_DEFAULT_A = _dt(1901, 1, 1)
_DEFAULT_B = _dt(1902, 2, 2)
