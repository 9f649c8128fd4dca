"""Layout rules for a line of converted paper text: is it a table row, and its cells.

One definition for every stage: the section splitter keeps a table's rows
together, the money reader reads a table's scale ("£000") and columns, the answer
reader answers from a row and its header.
"""

from __future__ import annotations

import re

# PDF text layers set table columns apart with runs of spaces, where prose has one
_SPACED_CELLS = re.compile(r"\S {3,}\S")


def is_table_row(line: str, spaced: bool = False) -> bool:
    """True when ``line`` marks its cells: a tab, a leading ``|`` (Markdown) or a `` | `` between cells.

    ``spaced``: cells set apart by runs of three or more spaces count too (a PDF's
    columns); the money reader asks this, the section splitter does not, since a
    justified line of prose can hold such a run.
    """
    s = line.strip()
    if not s:
        return False
    if "\t" in line or s.startswith("|") or " | " in s:
        return True
    # a str search first: re would try the pattern at every character of every line
    return spaced and "   " in s and _SPACED_CELLS.search(s) is not None


# a figure as a PDF's table cell: an amount, a count, a percentage, a bracketed negative or a dash
_FIGURE = r"(?:[\u00a3$\u20ac]\s?)?\(?-?\d[\d,]*(?:\.\d+)?\)?%?|-|\u2013"
_FIGURE_ROW = re.compile(r"^(?P<label>[^\d\u00a3$\u20ac]*[A-Za-z][^!?:;]*?)(?P<figs>(?:\s+(?:" + _FIGURE + r")){1,8})\s*$")
FIGURE_RUN = 3  # lines of figures in a row before they are read as a table (a wrapped sentence rarely ends so thrice)


def figure_cells(line: str) -> list[str] | None:
    """The cells of a line a PDF's text layer gives for a table row set with single spaces:
    a label, then figures to the line's end ("Village Hall & Playground The Quayside 1 £350,000.00
    £350,000.00" -> the label and three figures); None for a line that is not so made. Only a run of
    ``FIGURE_RUN`` such lines is a table: one alone may be prose that ends in a number."""
    s = line.strip()
    if not s or len(s) > 160 or is_table_row(s):
        return None
    m = _FIGURE_ROW.match(s)
    if not m or not re.search(r"\d", m.group("figs")):
        return None
    label = m.group("label").strip()
    if len(label.split()) > 10:
        return None  # a sentence, not a row label
    return [label] + m.group("figs").split()


RUNNING_SHARE = 0.4  # a line at the top or foot of this share of a PDF's pages is its running head or foot
RUNNING_MIN_PAGES = 3
RUNNING_EDGE = 3  # lines from a page's top or foot where a running head or foot sits


def running_lines(lines: list[tuple[int, int, str]]) -> frozenset[int]:
    """Line numbers of a PDF's running heads and feet: ``(line no, page, text)`` lines
    whose text (numbers aside: "Page 3 of 40") opens or closes many of its pages. They
    are printed on every page, so every passage holds them and they say nothing of it;
    they stay in the shown text and leave the indexed text."""
    by_page: dict[int, list[tuple[int, str]]] = {}
    for no, page, text in lines:
        if text.strip():
            by_page.setdefault(page, []).append((no, _running_key(text)))
    if len(by_page) < RUNNING_MIN_PAGES:
        return frozenset()
    pages_of: dict[str, set[int]] = {}
    for page, page_lines in by_page.items():
        for _no, key in page_lines[:RUNNING_EDGE] + page_lines[-RUNNING_EDGE:]:
            pages_of.setdefault(key, set()).add(page)
    # a short paper's running line is on every page; a longer one's on a good share of them
    need = len(by_page) if len(by_page) < 2 * RUNNING_MIN_PAGES else RUNNING_SHARE * len(by_page)
    running = {key for key, pages in pages_of.items() if len(pages) >= need and key.strip("# ")}
    return frozenset(
        no for page_lines in by_page.values()
        for no, key in page_lines[:RUNNING_EDGE] + page_lines[-RUNNING_EDGE:] if key in running
    )


def _running_key(text: str) -> str:
    words = text.lower().split()
    # "Page 3 of 40" is one running line whatever its numbers; a long line's numbers are its own
    return re.sub(r"\d+", "#", " ".join(words)) if len(words) <= 8 else " ".join(words)


# a vote's roll: the members who voted each way, by surname ("Aye: Barnes, Hartley, Oldham", "Nay: None",
# "In favour: Crs Vance, ..."): no heading, no council's name, and read with the sentence announcing the vote
# the labels of its three parts (a register counts each: reports/registers.py)
ROLL_FOR = r"ayes?|yeas?|in\s+favou?r"
ROLL_AGAINST = r"nays?|noes|against"
ROLL_ABSTAIN = r"abstentions?|abstained"
VOTE_ROLL = re.compile(rf"^\W*(?:{ROLL_FOR}|{ROLL_AGAINST}|{ROLL_ABSTAIN}|voting\s+(?:for|against))\s*[:\-\u2013]", re.I | re.M)
