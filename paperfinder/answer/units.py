"""Units of a hit: the sentences, table rows and list items an answer is taken from.

A hit's passage is read again from its source lines where it can be (the table
around a row, the heading over a paragraph); each unit keeps its context
(heading, caption, header row, the sentences around it) for scoring.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from paperfinder.errors import ReadError
from paperfinder.ingest import readers as ingest
from paperfinder.model import Hit
from paperfinder.recognise import authorities, dates, money
from paperfinder.text.layout import FIGURE_RUN, VOTE_ROLL, figure_cells, is_table_row
from paperfinder.text.sentences import boundaries

# ---- recognisers (money, dates, councils) -----------------------------------------


def _find_money(text: str, scale: float | None = None) -> list[tuple[int, int, str, float, str]]:
    found = money.find_money(text, thousands=scale) if scale else money.find_money(text)
    return [tuple(x)[:5] for x in found]


def _find_dates(text: str) -> list[tuple[int, int, str, str, str]]:
    return [tuple(x)[:4] + (getattr(x, "kind", "day"),) for x in dates.find_dates(text)]


def _find_authorities(text: str) -> list[tuple[int, int, str, str]]:
    return [(x[0], x[1], x[2], x[3]) for x in authorities.find_authorities(text)]


# ---- source lines ------------------------------------------------------------------

_LINES_CACHE: dict[tuple[str, float, int], list[tuple[int, str]]] = {}
_READABLE = {".txt", ".md", ".markdown", ".html", ".htm"}  # PDFs are slow to re-read: use hit.text


def _source_lines(source: str, roots: Iterable[Path] = ()) -> list[tuple[int, str]] | None:
    """Cleaned non-blank lines of a source file as ``(line_no, text)``, cached; None if unreadable."""
    if not source:
        return None
    return _cached_source(source, roots, lambda c, _st: c.suffix.lower() in _READABLE)


def _cached_source(source: str, roots: Iterable[Path],
                   wanted: Callable[[Path, os.stat_result], bool]) -> list[tuple[int, str]] | None:
    """``(line_no, text)`` of the first of ``source`` and ``roots``/``source`` that exists, read again
    (cached by path, time and size) when ``wanted`` says it may be; None when none may or it will not read
    (the file moved or changed since indexing: the hit's own text serves)."""
    p = Path(source)
    for c in [p] if p.is_absolute() else [p] + [Path(r) / p for r in roots]:
        try:
            st = c.stat()
        except OSError:
            continue
        if not wanted(c, st):
            return None
        key = (str(c.resolve()), st.st_mtime, st.st_size)
        if key not in _LINES_CACHE:
            try:
                lines, _pages = ingest.read_lines(c)
            except (OSError, ReadError):
                return None
            if len(_LINES_CACHE) > 64:
                _LINES_CACHE.clear()
            _LINES_CACHE[key] = [(ln.no, ln.text) for ln in lines]
        return _LINES_CACHE[key]
    return None


def _hit_lines(hit: Hit, roots: Iterable[Path] = ()) -> tuple[list[tuple[int, str]], list[tuple[int, str]] | None]:
    """The hit's lines with source line numbers, and the whole source (for context) when readable.

    The hit's ``line_nos`` give each text line's source line; without them the
    source file is read again (text files only) and aligned, and failing that
    the lines are numbered on from ``line_start``.
    """
    texts = hit.text.split("\n")
    src = _source_lines(hit.source, roots)
    line_nos = list(getattr(hit, "line_nos", None) or [])
    if len(line_nos) == len(texts):
        return list(zip(line_nos, texts)), src
    if src:
        in_range = [(n, t) for n, t in src if hit.line_start <= n <= hit.line_end]
        if [t for _n, t in in_range] == [t for t in texts]:
            return in_range, src
        # text differs from the file (re-cleaned or edited): align line by line
        out = []
        j = 0
        for t in texts:
            k = j
            while k < len(in_range) and _norm(in_range[k][1]) != _norm(t):
                k += 1
            if k < len(in_range):
                out.append((in_range[k][0], t))
                j = k + 1
            else:
                out.append((in_range[j][0] if j < len(in_range) else hit.line_end, t))
        return out, src
    # no readable source: spread the lines over the range in order
    out = []
    n = hit.line_start
    for t in texts:
        out.append((min(n, hit.line_end) if hit.line_end else n, t))
        n += 1
    return out, None


def _date_words(iso: str | None) -> str:
    """"2004-11-03" -> "3 November 2004" (a month or a year alone as far as given)."""
    import calendar

    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso or "")
    if not m:
        return ""
    words = [str(int(m.group(3)))] if m.group(3) else []
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        words.append(calendar.month_name[int(m.group(2))])
    return " ".join(words + [m.group(1)])


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()


# ---- units ----------------------------------------------------------------------------


@dataclass
class Unit:
    """A sentence or table row of a hit, with its source lines and context."""

    hit: int  # index into the hits list
    text: str  # display text (table cells joined by " | ")
    line_start: int
    line_end: int
    line_of: list[tuple[int, int]]  # (char offset, line number) starts within ``text``
    is_row: bool = False
    context: str = ""  # title + section + caption + header row
    cells: list[tuple[int, int]] = field(default_factory=list)  # row cell spans in ``text``
    header: list[str] = field(default_factory=list)  # header cells of the row's table
    lines_text: str = ""  # the full source lines the unit lies on, "\n"-joined
    line_nos: list[int] = field(default_factory=list)  # the source line of each line of ``lines_text``
    neighbours: str = ""  # the sentences before and after it in the same paragraph
    money_scale: float | None = None  # table rows of a £'000 table: 1000
    table_ctx: str = ""  # table rows: caption and header row
    # filled by scoring
    toks: list[tuple[str, int, int]] = field(default_factory=list)  # (stem, start, end)
    score: float = 0.0
    coverage: float = 0.0
    matched: dict[str, list[int]] = field(default_factory=dict)  # stem -> token indexes
    missing: set[str] = field(default_factory=set)  # question stems found neither here nor around


_BULLET = re.compile(r"^\s*(?:[-\u2022\u25aa\u27a4\u2013*>]+\s*|(?:\(?[a-z]{1,3}\)|[a-z]\.)\s+|(?:[ivx]+\.)\s+|\d+(?:\.\d+)*\.?\)?\s+)")
_HEADING = re.compile(r"^#{1,6}\s")


# the count that closes a group of a vote's tally ("Councillors A, B, C: Total: 16", "Total - 7")
_TALLY_END = re.compile(r"\btotal\s*[:\-\u2013]?\s*\d+\W*$", re.I)
# a header field's label ("Report to:", "Is Key decision?:")
_LABEL = re.compile(r"^[A-Z][\w /&'()-]{0,40}\??:\s*\S")


def _cells(text: str) -> list[str]:
    t = text.strip()
    if "\t" in t:
        parts = t.split("\t")
    else:
        parts = t.strip("|").split("|")
    return [p.strip() for p in parts]


def _split_sentences(para: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, each with the space after it (the one rule, ``text.sentences``);
    a "sentence" of under three characters joins the next."""
    spans = []
    start = 0
    for end, nxt in boundaries(para):
        if len(para[start:end].strip()) < 3:
            continue
        spans.append((start, nxt))
        start = nxt
    if start < len(para):
        spans.append((start, len(para)))
    return spans


_POS_CACHE: dict[int, dict[tuple[int, str], int]] = {}


def _table_context(src: list[tuple[int, str]] | None, lines: list[tuple[int, str]],
                   idx_in_lines: int) -> tuple[str, list[str], float | None]:
    """Caption (the text line before the table), header cells and money scale
    (1000 for a ``£'000`` table, via ``money.table_scales``) of a row's table."""
    seq = src if src else lines
    no = lines[idx_in_lines][0]
    text = lines[idx_in_lines][1]
    # position of the row in the sequence
    key = id(seq)
    if key not in _POS_CACHE or len(_POS_CACHE[key]) != len(seq):
        if len(_POS_CACHE) > 64:
            _POS_CACHE.clear()
        _POS_CACHE[key] = {(n, t): i for i, (n, t) in enumerate(seq)}
    pos = _POS_CACHE[key].get((no, text))
    if pos is None:
        return "", [], None
    i = pos
    steps = 0
    while i - 1 >= 0 and is_table_row(seq[i - 1][1]) and steps < 60:
        i -= 1
        steps += 1
    first = i
    header: list[str] = []

    def wordy(cells: list[str]) -> bool:
        nonnum = [c for c in cells if c and not re.fullmatch(r"[\s\u00a3$€\d.,%()\-–*kmbn]+", c, re.I)]
        return len(cells) >= 2 and len(nonnum) >= max(2, len(cells) - 1)

    # header: for a row of figures the nearest wordy row above (a table may restart its header
    # midway); for a row of words (every row is wordy) the table's first row
    row_cells = _cells(text)
    n_cells = len(row_cells)
    order = range(pos - 1, first - 1, -1) if not wordy(_cells(text)) else ([first] if first < pos else [])
    for j in order:
        cells = _cells(seq[j][1])
        if wordy(cells) and (len(cells) == n_cells or j == first):
            header = cells
            break
        if len(cells) == n_cells - 1 and len(cells) >= 2 and all(re.fullmatch(r"(?:19|20)\d\d(?:[/-]\d\d(?:\d\d)?)?|year\s*\d+", c, re.I) for c in cells):
            header = [""] + cells  # a header row of years one cell short of the rows under it: the label column has no head
            break
    caption = ""
    k = first - 1
    while k >= 0 and first - k <= 3:
        t = seq[k][1]
        if not is_table_row(t) and len(t) > 3:
            caption = t.lstrip("#").strip()
            break
        k -= 1

    scale = None
    last = pos
    while last + 1 < len(seq) and is_table_row(seq[last + 1][1]) and last - pos < 60:
        last += 1
    lo = max(0, first - 4)
    block = [t for _n, t in seq[lo:last + 1]]  # caption, header, every row (totals infer the scale)
    sc = money.table_scales(block)[pos - lo]
    if sc:
        scale = sc[1]
    return caption, header, scale


_PERIOD_CELL = re.compile(r"(?:19|20)\d\d(?:\s?[/\-\u2013]\s?\d{2,4})?|(?:year|yr)\s*\d+", re.I)
_HEADER_REACH = 60  # lines above a run of figure rows within which its table's header lines are looked for


def _figure_header(lines: list[tuple[int, str]], first: int, n_values: int) -> list[str]:
    """Column heads of the figure columns of a PDF table whose header the text layer gives as lines of
    words: a line of capitalised column words ("ITEM Budget Spent Budget Spent") and a line of the
    periods they fall under ("2017-18 2018-19", each over as many columns) -> ["Budget 2017-18",
    "Spent 2017-18", "Budget 2018-19", "Spent 2018-19"]. Earlier runs of the table and one-word section
    labels ("CAPITAL") between are passed over; [] when no such lines stand above."""
    block: list[str] = []
    k = first - 1
    while k >= 0 and first - k <= _HEADER_REACH and len(block) < 3:
        t = lines[k][1].strip().lstrip("#").strip()
        k -= 1
        if not t:
            continue
        if figure_cells(t) is not None or (re.fullmatch(r"[A-Z][A-Za-z&' ]{0,30}", t) and len(t.split()) <= 2):
            if block:
                break
            continue  # a row of the table above the section label, or the label itself
        block.insert(0, t)
    words: list[str] = []
    periods: list[str] = []
    for t in block:
        toks = t.split()
        if toks and all(_PERIOD_CELL.fullmatch(x) for x in toks):
            periods = toks
        elif len(toks) >= 2 and all(re.fullmatch(r"[A-Z][A-Za-z'&.-]*", x) for x in toks):
            words = toks
    if len(words) > n_values:
        words = words[1:]  # the label column's head ("ITEM")
    if not periods:
        # one word a column, or the words are not told apart ("Unit Value Total Value")
        return words if len(words) == n_values else []
    if not words:
        return periods if len(periods) == n_values else []
    # each period over as many columns; the last period's later columns may be blank in every row
    span = len(words) // len(periods)
    if len(words) % len(periods) or not n_values <= len(words) < n_values + span:
        return []
    return [f"{h} {periods[j // span]}" for j, h in enumerate(words)]


_PDF_HEADER_BYTES = 2_000_000  # a PDF re-read for a table header cut off its passage: small papers only (a budget sheet)


def _lines_above(source: str, roots: Iterable[Path], line_no: int) -> list[tuple[int, str]]:
    """The source lines of a PDF before ``line_no`` (cached): the header of a table whose passage begins
    under it. PDFs are slow to re-read, so only a small one is."""
    lines = _cached_source(source, roots, lambda c, st: c.suffix.lower() == ".pdf" and st.st_size <= _PDF_HEADER_BYTES)
    return [(n, t) for n, t in lines or () if n < line_no]


def _figure_rows(lines: list[tuple[int, str]],
                 above_source: Callable[[int], list[tuple[int, str]]] | None = None) -> dict[int, tuple[list[str], str, list[str]]]:
    """The lines of a PDF table set with single spaces (``text.layout.figure_cells``), by index:
    their cells, the line over the run (its caption or header row, cells not told apart), and the
    header cells when the lines above the table can be read as one (``_figure_header``)."""
    out: dict[int, tuple[list[str], str, list[str]]] = {}
    run: list[tuple[int, list[str]]] = []

    def close(end: int) -> None:
        if len(run) >= FIGURE_RUN:
            first = run[0][0]
            above = [t for _n, t in lines[max(0, first - 3):first] if t.strip()]
            caption = " ".join(above[-2:]).lstrip("#").strip()
            n_values = max(len(cells) for _k, cells in run) - 1
            heads = _figure_header(lines, first, n_values)
            if not heads and above_source is not None and first <= 3:
                # the passage begins under the table's header: read it from the paper
                earlier = above_source(lines[first][0])
                heads = _figure_header(earlier + [lines[first]], len(earlier), n_values) if earlier else []
            for k, cells in run:
                # a row fills the first columns (a year's spending not yet known is left blank)
                header = [""] + heads[:len(cells) - 1] if len(heads) >= len(cells) - 1 else []
                out[k] = (cells, caption, header)
        run.clear()

    for i, (_no, t) in enumerate(lines):
        if not t.strip():
            continue
        cells = figure_cells(t)
        if cells is None:
            close(i)
        else:
            run.append((i, cells))
    close(len(lines))
    return out


# a line that heads a minute's item and holds nothing else: "Bus Shelter:", "## Planning", "5. Chairman's Report"
_ITEM_HEAD = re.compile(r"^\s*(?:#{1,6}\s+\S.{0,80}|[A-Z][^.;:!?|\t]{1,60}:|(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[A-Z][^.;:!?|\t]{1,60}:?)\s*$")
ITEM_HEAD_REACH = 40  # lines above a sentence within which the heading of its item is looked for


def _item_head(src: list[tuple[int, str]], line_no: int, nos: list[int] | None = None) -> str:
    """The item heading nearest above source line ``line_no`` (``src``: the paper's numbered lines, in
    order; ``nos`` their numbers): the matter the sentences under it are about, though they need not repeat it
    ("Vehicle Activated Speed Sign:" / "A quotation had been received ... in the sum of £4,494")."""
    nos = nos if nos is not None else [n for n, _t in src]
    above = src[bisect.bisect_left(nos, line_no - ITEM_HEAD_REACH):bisect.bisect_right(nos, line_no)]
    lead_in = ""
    for k in range(len(above) - 2, -1, -1):
        n, t = above[k]
        if not t.strip() or not _ITEM_HEAD.match(t):
            continue
        # a label ("Bus Shelter:"), a marked heading, or a short line standing alone between breaks: a
        # wrapped sentence's line ("The application was approved by the Parish") has text around it
        # (an item's number before it marks a heading of any length: "2. Acceptance of a tender for grass cutting in 2003")
        alone = ((k == 0 or above[k - 1][0] < n - 1 or not above[k - 1][1].strip())
                 and (above[k + 1][0] > n + 1 or not above[k + 1][1].strip()) and (len(t.split()) <= 8 or bool(_ITEM_NUMBER.match(t))))
        if alone or t.rstrip().endswith(":") or _HEADING.match(t):
            head = t.strip().lstrip("#").strip().rstrip(":")
            if not lead_in and t.rstrip().endswith(":") and len(head.split()) >= LEAD_IN_WORDS and not _HEADING.match(t):
                # a sentence opening a list ("Two tenders were received from suitable contractors:") is inside
                # its item: the item's heading above it ("2. Acceptance of a tender for grass cutting") says
                # what the list and the sentences after it are about
                lead_in = head
                continue
            return f"{head} {lead_in}".strip()
    return lead_in


_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]")
LEAD_IN_WORDS = 5  # a colon line of this many words is a sentence opening a list, not a label naming an item


_REPLY = re.compile(r"^\W*(?:[\w.\u2019'-]+\s+){0,4}?(?:replied|responded|answered|in\s+reply|in\s+response)\b", re.I)


MOVER_ACT = r"(?:proposed|seconded|moved|proposer|seconder)"  # a motion's acts, as the minutes record them
# a motion's act run into the name or title after it, the space lost from the page ("MovedDirector Massier")
_ACT_RUN_IN = re.compile(r"\b(?i:" + MOVER_ACT + r")(?=[A-Z][a-z])")


def units_of_hit(hit: Hit, hit_index: int = 0, roots: Iterable[Path] = ()) -> list[Unit]:
    """Cut one hit into sentence and table-row units with their source lines."""
    lines, src = _hit_lines(hit, roots)
    lines = [(no, _ACT_RUN_IN.sub(r"\g<0> ", t)) for no, t in lines]
    # the paper's own date is said once in its heading, yet it dates every sentence of it
    # ("who chaired the meeting on 3 November 2004", "... elected in June 2023")
    # ... and the file's name is its label, often naming the council when the paper's own heading
    # was not read as its name ("parish_stoke_ferry_draft_minutes_2017-11-01.md")
    label = re.sub(r"[_.\-]+", " ", Path(hit.source).stem) if hit.source else ""
    base_ctx = " ".join(x for x in (hit.title, hit.section, hit.authority or "", _date_words(hit.date), label) if x)
    units: list[Unit] = []

    para: list[tuple[int, str]] = []

    def flush_para() -> None:
        if not para:
            return
        text = ""
        line_of: list[tuple[int, int]] = []
        for no, t in para:
            if text:
                text += " "
            line_of.append((len(text), no))
            text += t
        full = " ".join(t for _n, t in para)
        first_unit = len(units)
        for s, e in _split_sentences(text):
            seg = text[s:e].strip()
            if not seg:
                continue
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            s2 = s + lead
            e2 = s2 + len(seg)
            nos = [no for off, no in line_of if off < e2]
            first_no = [no for off, no in line_of if off <= s2][-1]
            last_no = nos[-1] if nos else first_no
            rel = [(max(0, off - s2), no) for off, no in line_of if s2 <= off < e2]
            rel = [(0, first_no)] + [r for r in rel if r[0] > 0]
            on = [(n, t) for n, t in para if first_no <= n <= last_no]
            lines_text = "\n".join(t for _n, t in on)
            units.append(Unit(hit=hit_index, text=seg, line_start=first_no, line_end=last_no, line_of=rel,
                              context=base_ctx, lines_text=lines_text or full, line_nos=[n for n, _t in on]))
        sents = units[first_unit:]
        for k, un in enumerate(sents):
            prev_t = sents[k - 1].text if k > 0 else ""
            next_t = sents[k + 1].text if k + 1 < len(sents) else ""
            un.neighbours = (prev_t + " " + next_t).strip()
        para.clear()

    figure_rows = _figure_rows(lines, (lambda no: _lines_above(hit.source, roots, no)) if hit.source and not src else None)
    prev_no = None
    for i, (no, t) in enumerate(lines):
        if not t.strip():
            continue
        if is_table_row(t) or i in figure_rows:
            flush_para()
            cells = _cells(t) if i not in figure_rows else figure_rows[i][0]
            disp = ""
            spans = []
            for c in cells:
                if disp:
                    disp += " | "
                spans.append((len(disp), len(disp) + len(c)))
                disp += c
            caption, header, scale = _table_context(src, lines, i) if i not in figure_rows else (figure_rows[i][1], figure_rows[i][2], None)
            tctx = " ".join(x for x in (caption, " ".join(header)) if x)
            units.append(Unit(hit=hit_index, text=disp, line_start=no, line_end=no, line_of=[(0, no)], is_row=True,
                              context=base_ctx, cells=spans, header=header, lines_text=t, line_nos=[no], money_scale=scale,
                              table_ctx=tctx))
            prev_no = no
            continue
        new_para = False
        if para:
            last = para[-1][1]
            gap = prev_no is not None and no - prev_no > 1
            if _HEADING.match(t) or _HEADING.match(last):
                new_para = True
            elif _BULLET.match(t) and not t[:1].islower():
                new_para = True
            elif gap and re.search(r"[.:;!?]\W*$", last):
                new_para = True
            elif gap and _LABEL.match(t) and _LABEL.match(last):
                new_para = True  # "Report to: Cabinet" / "Date: 04/01/2021": one record a line
            elif gap and not t[:1].islower() and len(last) < 60:
                new_para = True  # a short line (a heading, a header field) before a new paragraph
            # otherwise a blank line inside a sentence (a long line wrapped by PDF conversion) joins it
            elif len(t) < 60 and not re.search(r"[.;,]$", t) and re.search(r"[.:;!?]\W*$", last):
                new_para = True
            elif _LABEL.match(t) and (_LABEL.match(last) or len(last) < 60):
                new_para = True  # header fields ("Accountable Director: ...") are one record a line
            elif _TALLY_END.search(last):
                new_para = True  # a vote's tally closes its group ("... Total: 16" / "For Councillor <B>")
            if new_para and VOTE_ROLL.match(t) and (last.rstrip().endswith(":") or VOTE_ROLL.match(last)):
                new_para = False  # "Upon a vote, the results were as follows:" / "Aye: Barnes, Tate" / "Nay: Hartley": one vote
        if new_para:
            flush_para()
        para.append((no, t))
        prev_no = no
    flush_para()
    # a one-line paragraph ("Date: 04/01/2021" in a header block) reads with the lines around it
    for k, un in enumerate(units):
        if un.is_row or un.neighbours:
            continue
        near = []
        for j in (k - 1, k + 1):
            # lines apart from the end of the one before to the start of the one after (a sentence may wrap
            # over several lines: "... concerning disposal / of land at <Place>." then "Proposed by <Name>;")
            if not 0 <= j < len(units) or units[j].is_row:
                continue
            if (un.line_start - units[j].line_end if j < k else units[j].line_start - un.line_end) <= 3:
                near.append(units[j].text)
        # a record line left open ("Proposed by <Name>;", "Seconded by <Name>;", "And Resolved:") reads
        # on to the line that closes it: the resolution it moves
        j = k
        while re.search(r"[;:,]\W*$", units[j].text) and j + 1 < len(units) and j - k < 4:
            nxt = units[j + 1]
            if nxt.is_row or nxt.line_start - units[j].line_end > 3:
                break
            if j + 1 > k + 1:
                near.append(nxt.text)
            j += 1
        # ... and back over the record lines before it ("Proposed by <Name>;" above "Seconded by <Name>;")
        # to the sentence naming the matter they move
        j = k
        while j - 1 >= 0 and k - j < 4 and re.search(r"[;:,]\W*$", un.text):
            prv = units[j - 1]
            if prv.is_row or units[j].line_start - prv.line_end > 3:
                break
            if j - 1 < k - 1:
                near.insert(0, prv.text)
            if not re.search(r"[;:,]\W*$", prv.text):
                break
            j -= 1
        un.neighbours = " ".join(near)
    # the heading of the item a sentence stands in is part of what it says
    if src:
        src_nos = [n for n, _t in src]
        for un in units:
            if not un.is_row:
                head = _item_head(src, un.line_start, src_nos)
                if head and head not in un.context:
                    un.context = (un.context + " " + head).strip()
    # a reply reads with the question it answers, said just before it ("Cllr X asked about ...
    # / Mr Y replied that ...")
    for k, un in enumerate(units[1:], start=1):
        prev = units[k - 1]
        if not un.is_row and not prev.is_row and _REPLY.match(un.text) and prev.text not in un.neighbours:
            un.neighbours = (prev.text + " " + un.neighbours).strip()
    # the note right under a table explains its last row
    for k, un in enumerate(units[:-1]):
        nxt = units[k + 1]
        if un.is_row and not nxt.is_row and 0 < nxt.line_start - un.line_end <= 3:
            un.neighbours = (un.neighbours + " " + nxt.text).strip()
    return units
