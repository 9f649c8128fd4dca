"""Readers: text with stray HTML, web pages, PDFs, bad input."""

from __future__ import annotations

import pytest

from paperfinder.errors import ReadError
from paperfinder.ingest import clean_line, iter_files, read_lines

from .conftest import SAMPLES, corpus_file


def test_clean_line_strips_html_entities_and_markdown():
    assert clean_line("<p><b>London Borough of Hammersmith &amp; Fulham</b></p>") == "London Borough of Hammersmith & Fulham"
    assert clean_line("held on 13<sup>th</sup> June 2016") == "held on 13th June 2016"
    assert clean_line("### **3. Reasons for Decision**") == "### 3. Reasons for Decision"
    assert clean_line("[NCrouch@wesminster.gov.uk](mailto:NCrouch@wesminster.gov.uk)") == "NCrouch@wesminster.gov.uk"
    assert clean_line("Project management\t£41k\t£70k\t") == "Project management\t£41k\t£70k"


def test_text_lines_keep_source_line_numbers():
    lines, _ = read_lines(corpus_file("000"))
    by_no = {l.no: l.text for l in lines}
    assert by_no[7] == "Decision Maker:\tCabinet Member for Finance, Property and Regeneration"
    assert by_no[16] == "## 1. Executive Summary"


def test_cp1252_and_invalid_utf8_are_decoded(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("Budget of \u00a3150k for the caf\u00e9\n".encode("cp1252") + b"bad \xff byte\n")
    lines, _ = read_lines(p)
    assert lines[0].text == "Budget of \u00a3150k for the caf\u00e9"
    assert lines[1].no == 2 and lines[1].text.startswith("bad ")


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
        ("blank.md", b"\n\n   \n", "no text"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "PDF"),
    ],
)
def test_bad_files_raise_read_error_naming_the_file(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ReadError) as exc:
        read_lines(p)
    assert name in str(exc.value) and reason in str(exc.value)


def test_pdf_text_layer_is_read_with_pages():
    lines, pages = read_lines(SAMPLES / "lgo_final_decision_16005626_southwark_2016-11-30.pdf")
    text = "\n".join(l.text for l in lines)
    assert "Southwark" in text
    assert pages[lines[0].no] == 1 and max(pages.values()) == 4


def test_pdf_without_text_layer_says_it_needs_ocr():
    with pytest.raises(ReadError) as exc:
        read_lines(SAMPLES / "scanned_no_text_layer_elephant_park_2016.pdf")
    assert "no text layer" in str(exc.value) and "OCR" in str(exc.value)


def test_html_page_drops_navigation_and_keeps_minutes():
    lines, _ = read_lines(SAMPLES / "parish_west_dereham_annual_meeting_2008.html")
    text = "\n".join(l.text for l in lines)
    assert "navbar" not in text and "Wretton\nWest Dereham" not in text
    assert lines[0].text.startswith("# ")
    assert "Minutes of West Dereham Annual" in text
    assert all(a.no <= b.no for a, b in zip(lines, lines[1:]))


def test_iter_files_survives_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "paper.txt").write_text("Some text\n")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    files, problems = iter_files([tmp_path])
    assert [f.name for f in files] == ["paper.txt"]
    assert any("symlink loop" in why for _p, why in problems)
