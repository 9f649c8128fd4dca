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
    return spaced and _SPACED_CELLS.search(s) is not None
