"""Issue 17 item 4, indexing without waste: each faster scan finds what the plain scan
finds, on real papers (``tests/fixtures/indexspeed/``, copies from corpus-dev)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paperfinder.ingest import metadata as md
from paperfinder.ingest.sections import _toc_leader
from paperfinder.model import Line
from paperfinder.recognise import dates as D
from paperfinder.recognise import entities as E
from paperfinder.recognise import people as P
from paperfinder.recognise.authorities import find_authorities, named_within
from paperfinder.text.layout import is_table_row
from paperfinder.text.rxscan import alternatives, finditer_from, fold, may_search_any

FIXTURES = Path(__file__).parent / "fixtures" / "indexspeed"
WYE = "wye_valley_cc_minutes_2024-03-25.txt"
WEREHAM = "parish_wereham_annual_minutes_2004-05-11.md"
LIMERICK = "limerick_minutes_full_council_special_2020-02-25.md"
PAPERS = (WYE, WEREHAM, LIMERICK)


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _lines(name: str) -> list[Line]:
    return [Line(no, raw) for no, raw in enumerate(_text(name).split("\n"), start=1)]


# --- rxscan.alternatives: a rule's alternatives searched one by one

def test_alternatives_split_at_top_level_bars_only():
    rx = re.compile(r"^a(b|c)\b|[|(]x|\|y|(?i:p|q)", re.M)
    assert [a.pattern for a in alternatives(rx)] == [r"^a(b|c)\b", r"[|(]x", r"\|y", r"(?i:p|q)"]
    assert all(a.flags == rx.flags for a in alternatives(rx))


def test_alternatives_keep_a_pattern_that_refers_to_its_groups_whole():
    for rx in (re.compile(r"(a)x|\1y"), re.compile(r"(?P<q>a)|(?P=q)b"), re.compile("a | b", re.X)):
        assert alternatives(rx) == (rx,)
    single = re.compile(r"no(bar)?s")
    assert alternatives(single) == (single,)


@pytest.mark.parametrize("name", PAPERS)
def test_every_paper_type_rule_finds_by_its_alternatives_what_it_finds_whole(name):
    text = _text(name)
    folded = fold(text)
    found = []
    for (where, dtype), rx in ((key.split(":", 1), rx) for key, rx in md._type_rules()):
        assert "|".join(a.pattern for a in alternatives(rx)) == rx.pattern
        whole = rx.search(text) is not None
        assert may_search_any(rx, text, folded) is whole, (where, dtype)
        if whole:
            found.append(f"{where}:{dtype}")
    # what the rules read in each paper (all three are minutes)
    assert "body:minutes" in found


# --- dates

def _month_first_plain(text: str) -> bool:
    """writes_month_first as it was: each pattern scanned over the whole text."""
    month_first = len(D._MONTH_DAY_YEAR.findall(text))
    day_first = len(D._DAY_MONTH_YEAR.findall(text))
    for m in D._NUMERIC_ANY.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        if a <= 12 < b <= 31:
            month_first += 1
        elif b <= 12 < a <= 31:
            day_first += 1
    return month_first > day_first


@pytest.mark.parametrize("name", PAPERS)
def test_month_first_reading_of_real_papers_is_the_plain_scans(name):
    text = _text(name)
    assert D.writes_month_first(text) is _month_first_plain(text) is False  # British and Irish papers


def test_month_first_papers_are_still_read_so():
    american = "Minutes of May 2, 2006.\nApproved June 14, 2006; next meeting 07/22/2006."
    assert D.writes_month_first(american) is _month_first_plain(american) is True
    # a year after a comma that ends no month-first date: the day-first ones win
    mixed = "held on 2 May 2006 and 3 June 2006, 2006 budget"
    assert D.writes_month_first(mixed) is _month_first_plain(mixed) is False


@pytest.mark.parametrize("name", PAPERS)
def test_month_starts_are_the_places_one_alternative_a_month_finds(name):
    lower = _text(name).lower()
    plain = re.compile(
        r"j(?=an|u[nl])|f(?=eb)|m(?=a[ry])|a(?=pr|ug)|s(?=ep)|o(?=ct)|n(?=ov)|d(?=ec)"
        + "".join(sorted({f"|{re.escape(n[0])}(?={re.escape(n[1:3])})" for n in D._OTHER_MONTHS}))
    )
    assert [m.start() for m in D._MONTH_START.finditer(lower)] == [m.start() for m in plain.finditer(lower)]


def test_dates_of_a_real_paper():
    assert [(d.surface, d.iso) for d in D.find_dates(_text(LIMERICK))] == [
        ("25.02.2020", "2020-02-25"),
        ("TUESDAY, 25TH FEBRUARY, 2020", "2020-02-25"),
        ("14th February, 2020", "2020-02-14"),
        ("18th February, 2020", "2020-02-18"),
    ]


# --- attendance lists, read per line

def test_attendance_lines_of_real_minutes():
    assert md.attendance_lines(_lines(WYE)) == {1: "present", 2: "present", 5: "apologies", 6: "apologies"}
    wereham = md.attendance_lines(_lines(WEREHAM))
    assert wereham == {14: "present", 15: "present", **{no: "apologies" for no in range(16, 26)}}
    limerick = md.attendance_lines(_lines(LIMERICK))
    assert [no for no, k in limerick.items() if k == "apologies"] == [22, 23, 24, 25]
    assert sorted(limerick) == list(range(10, 36))


def test_attendance_lines_read_the_same_lines_whatever_came_before():
    # the per-line answers are kept: a list read after another paper's is read the same
    first = md.attendance_lines(_lines(LIMERICK))
    md.attendance_lines(_lines(WYE))
    first[10] = "changed"
    assert md.attendance_lines(_lines(LIMERICK))[10] == "present"


# --- patterns tried only where a match can start

@pytest.mark.parametrize("name", PAPERS)
def test_initials_scans_find_what_the_whole_scans_find(name):
    text = _text(name)
    for rx, at in ((E._INITIALS, E._INITIALS_AT), (E._INITIALLED, E._INITIALLED_AT), (P._BARE_WORD_RE, P._BARE_WORD_AT)):
        assert [m.span() for m in finditer_from(rx, at, text)] == [m.span() for m in rx.finditer(text)]
    assert (E._BRACKETED.search(text) is not None) is (E._BRACKET_INITIAL.search(text) is not None)


@pytest.mark.parametrize("name", PAPERS)
def test_given_name_scan_finds_the_bare_words_that_are_given_names(name):
    # the first-name rule looks only at the known given names among a paper's capitalised words
    text = _text(name)
    given = P._given_names()
    every = [(m.span(), m.group("name"), m.group("poss")) for m in finditer_from(P._BARE_WORD_RE, P._BARE_WORD_AT, text)]
    named = [(m.span(), m.group("name"), m.group("poss")) for m in finditer_from(P._given_word_re(), P._BARE_WORD_AT, text)]
    assert named == [w for w in every if w[1] in given]


def test_given_names_found_alone_in_real_text():
    # "Pamela's" is Pamela, "Pamelax" no one, "Pam" inside "PamEla" no one
    text = "Pam and Moira thanked Pamela's team; Pamelax and PamEla did not, nor did O'Pam."
    found = [m.group("name") for m in finditer_from(P._given_word_re(), P._BARE_WORD_AT, text)]
    assert found == ["Pam", "Moira", "Pamela"]


def test_initials_found_in_real_papers():
    wereham = _text(WEREHAM)
    assert [m.group(0) for m in finditer_from(E._INITIALS, E._INITIALS_AT, wereham)] == ["W.N.B.C.", "R.F.O."]
    assert [m.group(0) for m in finditer_from(E._INITIALLED, E._INITIALLED_AT, wereham)][:3] == ["R. Lankfer", "G. Gott", "C. Humphries"]
    assert "MCC" in [m.group(0) for m in finditer_from(E._INITIALS, E._INITIALS_AT, _text(WYE))]
    people = [m[2] for m in E._minute_names(_text(LIMERICK))]
    assert people[:3] == ["Collins (B)", "Collins (M)", "Leddin (J)"]


@pytest.mark.parametrize("name", PAPERS)
def test_a_line_named_within_is_every_line_a_council_name_opens(name):
    for line in _text(name).split("\n"):
        found = find_authorities(line)
        if not named_within(line, 6):
            assert not found or found[0][0] > 5, line


def test_named_within_of_real_lines():
    assert named_within("LIMERICK CITY AND COUNTY COUNCIL", 6) is True
    assert [a[3] for a in find_authorities("LIMERICK CITY AND COUNTY COUNCIL")] == ["Limerick"]
    assert named_within("    the meeting of Limerick", 6) is False


# --- str searches before re

def test_dot_leaders_and_spaced_cells():
    assert _toc_leader("1. Apologies ........ 3") and _toc_leader("Minutes……4")
    assert not _toc_leader("To note... the report")
    assert is_table_row("Budget   £3,222.29   £13,073.03", spaced=True)
    assert not is_table_row("Budget  £3,222.29  £13,073.03", spaced=True)
