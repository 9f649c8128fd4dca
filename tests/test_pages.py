"""Real papers from corpus-dev indexed: PDF pages on hits and citations, split words found."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from .conftest import FIXTURES

CORPUS_DEV = FIXTURES / "corpus_dev"


@pytest.fixture(scope="module")
def dev_index(tmp_path_factory):
    from paperfinder.index.build import index_paths

    index_dir = tmp_path_factory.mktemp("dev-index")
    report = index_paths([str(CORPUS_DEV)], index_dir)
    assert report.added == 3 and not report.skipped
    return index_dir


def pf(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paperfinder.cli", *map(str, args)], capture_output=True, text=True, timeout=300, check=False)


def test_a_word_split_at_a_line_end_is_found_and_shown_as_the_paper_has_it(dev_index):
    from paperfinder.search.service import search

    res = search('"the sites allocated in the AAP"', dev_index)
    assert res.total == 1
    (hit,) = res.hits
    assert "proposals map in-\ncludes the sites allo-\ncated" in hit.text  # the paper's text
    assert hit.source.endswith("aylesbury_aap_2009-05_pp15-17.pdf") and hit.page == 2
    # the joined word alone finds it too; "in-" / "cludes" stays apart: "in" is a word and
    # "includes" occurs nowhere else in these three pages
    assert hit.passage_id in {h.passage_id for h in search("allocated", dev_index, limit=50).hits}
    assert search('"includes the sites"', dev_index).total == 0


def test_search_json_and_text_give_the_pdf_page(dev_index):
    p = pf("search", "Reports from Sub-Committees audit", "--index", dev_index, "--format", "json", "-n", "3")
    assert p.returncode == 0, p.stderr
    hit = json.loads(p.stdout)["hits"][0]
    assert hit["source"].endswith("tintern_cc_minutes_2018-09-24.pdf")
    assert (hit["page"], hit["page_end"], hit["line_start"], hit["line_end"]) == (3, 3, 93, 117)
    assert "line_pages" not in hit
    p = pf("search", "Reports from Sub-Committees audit", "--index", dev_index, "-n", "1")
    assert "tintern_cc_minutes_2018-09-24.pdf p.3, lines 93-117" in p.stdout
    p = pf("search", "Grange Farm letter", "--index", dev_index, "--format", "json", "-n", "1")
    hit = json.loads(p.stdout)["hits"][0]
    assert hit["source"].endswith(".html") and hit["page"] is None


def test_export_and_show_carry_the_page(dev_index, tmp_path):
    out = tmp_path / "x.csv"
    p = pf("export", "Reports from Sub-Committees audit", "--index", dev_index, "--format", "csv", "--output", out)
    assert p.returncode == 0, p.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    (row,) = [r for r in rows if r["line_start"] == "93"]
    assert (row["page"], row["page_end"]) == ("3", "3")
    md = tmp_path / "x.md"
    pf("export", "Reports from Sub-Committees audit", "--index", dev_index, "--format", "md", "--output", md)
    assert "tintern_cc_minutes_2018-09-24.pdf p.3, lines 93-117`" in md.read_text()
    doc_id = json.loads(pf("search", "Reports from Sub-Committees audit", "--index", dev_index, "--format", "json").stdout)["hits"][0]["doc_id"]
    shown = json.loads(pf("show", doc_id, "--index", dev_index, "--format", "json").stdout)
    (first,) = [p for p in shown["passages"] if p["line_start"] == 1]
    assert first["page"] == 1
    assert "p.2, lines 52-79" in pf("show", doc_id, "--index", dev_index).stdout


def test_ask_evidence_gives_the_page_of_the_answering_lines(dev_index):
    from paperfinder.answer.retrieval import ask

    ans = ask("When is the next meeting of Tintern Community Council?", dev_index)
    top = ans.evidence[0]
    if top.source.endswith(".pdf"):
        assert top.page == top.page_at(top.line_start) and top.page is not None


def test_each_file_is_read_once_per_index_run(tmp_path, monkeypatch):
    from paperfinder.index import build as indexer
    from paperfinder.ingest import readers as ingest

    calls: list[str] = []
    real = ingest.read_lines

    def counted(path):
        calls.append(str(path))
        return real(path)

    monkeypatch.setattr(ingest, "read_lines", counted)
    monkeypatch.setattr(indexer, "read_lines", counted)
    report = indexer.index_paths([str(CORPUS_DEV)], tmp_path / "index", workers=1)
    assert report.added == 3
    assert sorted(calls) == sorted(str(p) for p in CORPUS_DEV.iterdir())


def test_a_pdfs_running_foot_is_shown_but_not_indexed():
    from paperfinder.index.build import parse_file

    # corpus-dev: "Page 1 of 3" closes each page of the Milburn minutes
    parsed = parse_file(str(FIXTURES / "corpus_dev_reading" / "parish_milburn_minutes_2018-03-06.pdf"), tag=False)
    feet = [p for p in parsed.passages if "Page 2 of 3" in p.text.split("\n")]
    assert len(feet) == 1
    assert "Page 2 of 3" not in (feet[0].index_text or "")
    assert feet[0].index_text is not None and len(feet[0].index_text.split("\n")) == len(feet[0].text.split("\n")) - 1


def test_running_lines_are_those_at_the_edge_of_most_pages():
    from paperfinder.text.layout import running_lines

    lines, no, heads = [], 0, []
    for page in range(1, 9):
        topic = ["parks", "roads", "housing", "schools", "waste", "libraries", "leisure", "planning"][page - 1]
        body = [f"Paragraph {k} on {topic} sets out the work of the year and its cost to the council" for k in range(4)]
        # the same sentence inside every page's body is text, not a running line
        for text in ["Anytown Council: Annual Plan", *body[:2], "The plan is reviewed each year.", *body[2:], f"Page {page} of 8"]:
            no += 1
            lines.append((no, page, text))
            if text.startswith(("Anytown", "Page")):
                heads.append(no)
    assert sorted(running_lines(lines)) == heads
    # a short paper's running line is on every one of its pages
    assert running_lines([(1, 1, "Draft"), (2, 1, "Text one"), (3, 2, "Draft"), (4, 2, "Text two"), (5, 3, "Text three")]) == frozenset()
