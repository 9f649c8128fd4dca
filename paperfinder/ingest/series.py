"""Whose paper, from the numbering of its items.

Parish, town and community councils number their minutes and agenda items in one
sequence that runs on from meeting to meeting ("3048. Police Report", next meeting
"3063. Apologies"). An agenda or set of minutes that never names its council still
carries its place in that sequence, so a paper whose item numbers continue those of
papers that do name their council is that council's paper. This is read from the
papers of the index, never from a list of councils: the numbers are the evidence.

A paper's *span* is its longest run of item numbers that rise in small steps (at
least five items, numbers of three to five digits, so that "1. Apologies" and the
years of a budget table are not a sequence). Papers whose spans lie within
``MAX_GAP`` numbers of each other, and whose dates (when both have one) are within
``MAX_DAYS``, belong to one series; a paper without a council takes the council most
of the nearest papers of its series that have one name (nearest by number: the
sequence is the council's own clock, so a renamed council is followed across its
renaming; the nearest three vote, so one misread neighbour does not decide). A
paper left out of every series whose numbers lie between two papers of one council,
each within ``MAX_GAP``, is that council's too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from paperfinder.model import Line

# item numbers at the start of a line: "3048.Police Report", "2399 To receive", "165) Policy"
_ITEM_NUMBER = re.compile(r"^\s*(\d{3,5})\s*(?:[.):]\s*|\s+)(?=[A-Za-z'‘\"(])")
MIN_RUN = 5  # fewer numbered items than this are not a sequence (a short numbered list is not a meeting's business)
MAX_STEP = 5  # a run of items rises by at most this much from one numbered line to the next
MAX_GAP = 60  # about three meetings of a small council: further apart is another series
MAX_GAP_UNDATED = 20  # without two dates to compare, only the next meeting's numbers are close enough
MAX_DAYS = 400
VOTERS = 3  # the nearest named papers of a series that vote on an unnamed paper's council


@dataclass(frozen=True)
class NumberedPaper:
    """One paper's place in a numbering sequence."""

    key: str  # who asks: e.g. "source#index of the document in the file"
    lo: int
    hi: int
    authority: str | None
    date: str | None = None


def item_span(lines: Iterable[Line]) -> tuple[int, int] | None:
    """The paper's longest run of item numbers rising by small steps, or None."""
    numbers = sorted({int(m.group(1)) for line in lines if (m := _ITEM_NUMBER.match(line.text))})
    best: list[int] = []
    run: list[int] = []
    for n in numbers:
        run = run + [n] if run and n - run[-1] <= MAX_STEP else [n]
        if len(run) > len(best):
            best = run
    return (best[0], best[-1]) if len(best) >= MIN_RUN else None


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b or len(a) < 7 or len(b) < 7:
        return None
    da = date.fromisoformat(a if len(a) == 10 else a[:7] + "-15")
    db = date.fromisoformat(b if len(b) == 10 else b[:7] + "-15")
    return abs((da - db).days)


def _gap(a: NumberedPaper, b: NumberedPaper) -> int:
    return max(0, a.lo - b.hi, b.lo - a.hi)


def _linked(a: NumberedPaper, b: NumberedPaper) -> bool:
    days = _days_apart(a.date, b.date)
    if days is None:
        return _gap(a, b) <= MAX_GAP_UNDATED
    return _gap(a, b) <= MAX_GAP and days <= MAX_DAYS


def authorities_by_series(papers: list[NumberedPaper]) -> dict[str, str]:
    """For each paper without a council, the council its numbering sequence gives it
    (key -> council): that of the nearest paper of its series (by number) that has
    one; papers whose sequence names no council are left out."""
    # papers sorted by their span; a series is a chain of linked neighbours
    ordered = sorted(papers, key=lambda p: (p.lo, p.hi))
    series: list[list[NumberedPaper]] = []
    for p in ordered:
        for s in series:
            if any(_linked(p, q) for q in s[-8:]):
                s.append(p)
                break
        else:
            series.append([p])
    found: dict[str, str] = {}
    for s in series:
        named = [q for q in s if q.authority]
        for p in s:
            # a chain through undated papers must not reach a council of another time
            near = [q for q in named if (days := _days_apart(p.date, q.date)) is None or days <= 2 * MAX_DAYS]
            if p.authority is None and near:
                # the nearest few vote: one neighbour misread (a county council its minutes
                # mention taken as their own) does not carry the papers next to it, and a
                # renamed council is still followed, its new name being nearest after the change
                ranked = sorted(near, key=lambda q: (_gap(p, q), abs(q.lo - p.lo)))[:VOTERS]
                votes = Counter(q.authority for q in ranked)
                top = max(votes.values())
                found[p.key] = next(q.authority for q in ranked if votes[q.authority] == top)  # type: ignore[misc]
    # a paper whose numbers lie between two papers of one council, neither more than
    # MAX_GAP away, is that council's even when the meetings between are not indexed
    # (an undated paper links only to the very next meeting's numbers)
    named = [q for q in papers if q.authority]
    for p in papers:
        if p.authority or p.key in found:
            continue
        fits = [q for q in named if _gap(p, q) <= MAX_GAP and ((d := _days_apart(p.date, q.date)) is None or d <= MAX_DAYS)]
        below = [q for q in fits if q.hi < p.lo]
        above = [q for q in fits if q.lo > p.hi]
        if below and above:
            low = max(below, key=lambda q: q.hi)
            high = min(above, key=lambda q: q.lo)
            if low.authority == high.authority:
                found[p.key] = low.authority  # type: ignore[assignment]
    return found
