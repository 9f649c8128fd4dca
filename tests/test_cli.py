"""The command line as a user meets it: output, JSON contract, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import corpus_file


def run(*args, index=None, cwd=None):
    env = dict(os.environ)
    env.pop("PAPERFINDER_INDEX", None)
    cmd = [sys.executable, "-m", "paperfinder.cli", *args]
    if index is not None:
        cmd += ["--index", str(index)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_search_json_follows_the_contract(corpus_index):
    r = run("search", "private fostering notifications", "--format", "json", "--limit", "3", index=corpus_index)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["query"] == "private fostering notifications"
    assert len(data["hits"]) == 3 and data["total"] >= 3
    hit = data["hits"][0]
    assert hit["source"] == "corpus/004_a79bf05b93d54816.txt" or hit["source"].endswith("corpus/004_a79bf05b93d54816.txt")
    assert hit["line_start"] <= hit["line_end"]
    assert hit["section_type"] in {"summary", "recommendations", "reasons", "background", "proposal", "options",
                                   "consultation", "equality", "legal", "financial", "risk", "resolved", "actions",
                                   "appendix", "contacts", "other"}


def test_search_text_output_cites_and_highlights(corpus_index):
    r = run("search", "setting up a Centre for Social Work across three authorities", "--limit", "2", index=corpus_index)
    assert r.returncode == 0, r.stderr
    assert "PARTNERS IN PRACTICE AND FOCUS ON PRACTICE UPDATE" in r.stdout
    assert "corpus/001_e0d2f4b9df27935a.txt:47-49" in r.stdout or "corpus/004_a79bf05b93d54816.txt:904-906" in r.stdout
    assert "also in:" in r.stdout


def test_show_prints_a_document(corpus_index):
    r = run("search", "Innovation Fund Grant", "--format", "json", "--limit", "1", index=corpus_index)
    doc_id = json.loads(r.stdout)["hits"][0]["doc_id"]
    shown = run("show", doc_id, index=corpus_index)
    assert shown.returncode == 0
    assert "FOCUS ON PRACTICE - INNOVATION FUND GRANT" in shown.stdout
    assert "2. RECOMMENDATIONS" in shown.stdout and "corpus/003_336731e94eba03ca.txt:18-22" in shown.stdout


@pytest.mark.parametrize(
    "args,needle",
    [
        (["search", "x", "--index", "/nonexistent/ix"], "no index at /nonexistent/ix"),
        (["search", "x", "--limit", "many"], "Invalid value for '--limit'"),
        (["search", "x", "--since", "last year"], "is not a date"),
        (["search"], "Missing argument"),
        (["frobnicate"], "No such command"),
    ],
)
def test_user_errors_are_one_line_with_exit_1(args, needle, tmp_path):
    r = run(*args, cwd=tmp_path)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in r.stderr


def test_index_reports_bad_files_and_unchanged_rerun(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "empty.txt").write_bytes(b"")
    (papers / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (papers / corpus_file("000").name).write_bytes(corpus_file("000").read_bytes())
    ix = tmp_path / "ix"
    r = run("index", str(papers), index=ix)
    assert r.returncode == 0, r.stderr
    assert "empty.txt: empty file" in r.stderr and "binary.txt: not a text file" in r.stderr
    assert "1 added" in r.stderr and "2 skipped" in r.stderr
    again = run("index", str(papers), index=ix)
    assert "index up to date: 1 files unchanged, nothing re-indexed" in again.stderr
    hits = json.loads(run("search", "Clinical Practice Team", "--format", "json", index=ix).stdout)
    assert hits["total"] > 0 and hits["hits"][0]["authority"] == "Westminster"


def test_search_and_ask_do_not_import_spacy(corpus_index):
    code = (
        "import sys\n"
        "from paperfinder.cli import main\n"
        f"sys.argv = ['paperfinder', 'search', 'fostering', '--index', {str(corpus_index)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"sys.argv = ['paperfinder', 'ask', 'How much is the Innovation Grant?', '--index', {str(corpus_index)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('SPACY', 'spacy' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "SPACY False" in r.stdout, r.stdout + r.stderr


def test_limit_zero_counts_without_hits(corpus_index):
    """--limit 0: the count and facets only, for phrases and single words too."""
    for q in ('"partners in practice"', "partners"):
        full = json.loads(run("search", q, "--format", "json", index=corpus_index).stdout)
        zero = run("search", q, "--limit", "0", "--facet", "year", "--format", "json", index=corpus_index)
        assert zero.returncode == 0, zero.stderr
        data = json.loads(zero.stdout)
        assert data["hits"] == [] and data["total"] == full["total"] and data["total"] > 0
        assert sum(data["facets"]["year"].values()) <= data["total"]


def test_index_says_what_a_run_wrote_not_what_the_index_holds(tmp_path):
    # after a removal the summary read "1 removed, 1 unchanged ...; 0 documents, 0 passages":
    # as if the index were empty. The counts are what the run wrote, and say so
    papers = tmp_path / "papers"
    papers.mkdir()
    for n in ("000", "001"):
        (papers / corpus_file(n).name).write_bytes(corpus_file(n).read_bytes())
    ix = tmp_path / "ix"
    assert run("index", str(papers), index=ix).returncode == 0
    (papers / corpus_file("001").name).unlink()
    r = run("index", str(papers), index=ix)
    assert r.returncode == 0, r.stderr
    assert "0 added, 0 updated, 1 removed, 1 unchanged, 0 skipped; wrote 0 documents, 0 passages in " in r.stderr
    assert json.loads(run("documents", "--format", "json", index=ix).stdout)["total"] == 1
