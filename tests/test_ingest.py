"""Readers: text with stray HTML, web pages, PDFs, bad input."""

from __future__ import annotations

import re

import pytest

from paperfinder.errors import ReadError
from paperfinder.ingest.readers import clean_line, iter_files, read_lines

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


# ---- real papers from corpus-dev (tests/fixtures/corpus_dev) -------------------------

CORPUS_DEV = SAMPLES.parent / "corpus_dev"
WEST_DEREHAM = CORPUS_DEV / "parish_west_dereham_minutes_2016-03-03.html"
TINTERN = CORPUS_DEV / "tintern_cc_minutes_2018-09-24.pdf"
AYLESBURY_PP15_17 = CORPUS_DEV / "southwark_table_of_recommended_changes_aylesbury_aap_2009-05_pp15-17.pdf"


def _passages_of_file(path):
    from paperfinder.ingest.readers import read_documents
    from paperfinder.ingest.sections import passages_of

    return [p for d in read_documents(path) for p in passages_of(d)]


def _words(text: str) -> list[str]:
    return re.sub(r"(?m)^#+ ", "", text).split()


def test_one_line_web_page_is_split_by_its_block_elements(tmp_path):
    """The parish minutes page saved as one source line (as minified pages are) gives
    the passages of the page as published, not one 20 KB passage."""
    one = tmp_path / WEST_DEREHAM.name
    one.write_text(WEST_DEREHAM.read_text(encoding="utf-8").replace("\r", "").replace("\n", " "), encoding="utf-8")
    assert len(one.read_text(encoding="utf-8").splitlines()) == 1
    passages = _passages_of_file(one)
    assert len(passages) == 20
    assert max(len(p.text) for p in passages) < 3000
    assert {p.line_start for p in passages} == {1}
    assert passages[0].text.split("\n")[:2] == ["# West Dereham Parish Coincil - March Meeting", "## May 2016"]
    assert passages[1].text.startswith("2. Declarations of interest. No declarations were made.\n3. Use of social media")
    # a paragraph holding several numbered items is cut where the paper numbers them
    assert passages[3].text.split("\n")[0].startswith("5.2.1 Planning Update. The Borough Council (BC) had held a meeting")
    # the same passages as the page saved with line breaks
    assert [p.text for p in passages] == [p.text for p in _passages_of_file(WEST_DEREHAM)]


def test_web_page_lines_cite_the_source_line_of_their_block():
    lines, _ = read_lines(WEST_DEREHAM)
    raw = WEST_DEREHAM.read_text(encoding="utf-8").splitlines()
    for line in lines:
        # the line's first words are on the source line it cites
        first = " ".join(_words(line.text)[:3])
        assert first in re.sub(r"<[^>]+>", "", raw[line.no - 1]).replace("&amp;", "&"), (line.no, line.text[:60])
    by_text = {line.text[:30]: line.no for line in lines}
    assert by_text["2. Declarations of interest. N"] == 182


@pytest.mark.parametrize("path", sorted(CORPUS_DEV.glob("*.html")) + sorted(SAMPLES.glob("*.html")), ids=lambda p: p.name)
def test_every_visible_line_of_a_web_page_lands_in_exactly_one_passage(path):
    """The words of the page's content, in order, are the words of its passages: none
    lost, none twice (the page title is added when the page has no heading)."""
    from bs4 import BeautifulSoup

    from paperfinder.ingest.readers import _INVISIBLE_TAGS, _content_root

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup.find_all(_INVISIBLE_TAGS + ["nav"]):
        tag.decompose()
    root = _content_root(soup)
    for tag in root.find_all(["header", "footer", "aside"]):
        if root.name not in ("article", "main"):
            tag.decompose()
    want = root.get_text(" ").split()
    got = [w for p in _passages_of_file(path) for w in _words(p.text)]
    title = soup.title.get_text(" ", strip=True).split() if soup.title else []
    if got[: len(title)] == title and want[: len(title)] != title:
        got = got[len(title):]
    assert got == want


def test_web_page_chrome_is_left_out_by_general_rules(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<div id='cookie-notice'>We use cookies</div>"
        "<header><a href='/'>Site name</a></header>"
        "<div role='navigation'><a>Home</a><a>News</a></div>"
        "<div id='content'><h2>Minutes of Stoke Ferry Parish Council</h2>"
        "<p>Present: Cllr A<br>Cllr B</p><ul><li>Item one</li><li>Item two</li></ul>"
        "<table><tr><td>Grant</td><td>£500</td></tr><tr><td>Hall</td><td>£50</td></tr></table>"
        "<aside>Related posts</aside></div>"
        "<footer>Copyright 2020</footer><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    lines, _ = read_lines(page)
    # the page's title heads it when the page has no top-level heading
    assert [(line.text, line.blank_before) for line in lines] == [
        ("# T", True),
        ("## Minutes of Stoke Ferry Parish Council", True),
        ("Present: Cllr A", True),
        ("Cllr B", False),  # a <br> line stays in its paragraph
        ("Item one", True),
        ("Item two", True),
        ("Grant\t£500", True),
        ("Hall\t£50", False),  # rows of a table stay together
    ]


def test_pdf_passages_carry_their_pages():
    """Checked against the PDF read with pypdf: '2569. Financial Report' is on page 1 and
    the passage it starts runs onto page 2; '2574. Reports from Sub-Committees' is on page 3."""
    passages = _passages_of_file(TINTERN)
    (fin,) = [p for p in passages if p.text.startswith("2569. Financial Report")]
    assert (fin.page, fin.page_end) == (1, 2)
    (subs,) = [p for p in passages if p.text.startswith("2574. Reports from Sub-Committees")]
    assert (subs.page, subs.page_end, subs.line_start, subs.line_end) == (3, 3, 93, 117)
    assert all(len(p.line_pages) == len(p.line_nos) for p in passages)
    web = _passages_of_file(WEST_DEREHAM)
    assert all(p.page is None for p in web)


def test_pdf_lines_keep_the_papers_hyphenated_line_ends():
    """pdfium joins 'allo-' / 'cated' into one line; the reader gives the paper's lines."""
    lines, pages = read_lines(AYLESBURY_PP15_17)
    texts = [line.text for line in lines]
    i = texts.index("proposals map in-")
    assert texts[i + 1] == "cludes the sites allo-"
    assert pages[lines[i].no] == 2
    assert not any("\ufffe" in t for t in texts)


def test_encrypted_pdf_with_a_password_is_reported(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=str(TINTERN))
    w.encrypt(user_password="s3cret", algorithm="RC4-128")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as fh:
        w.write(fh)
    with pytest.raises(ReadError) as exc:
        read_lines(p)
    assert "encrypted PDF" in str(exc.value)
    # an empty user password (only an owner password) opens without asking
    w = PdfWriter(clone_from=str(TINTERN))
    w.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    open_one = tmp_path / "owner-only.pdf"
    with open(open_one, "wb") as fh:
        w.write(fh)
    assert read_lines(open_one)[0][0].text == "TINTERN COMMUNITY COUNCIL"


# ---- words the PDF text layer split ----------------------------------------------------


def test_split_words_are_joined_only_on_the_documents_evidence():
    from paperfinder.text.splitwords import index_text, vocabulary

    doc = [
        "Funding was agreed. The funding of the regeneration scheme",
        "The f unding bid and the regen-\neration plan, a bout of rain.",
        "A decision-\nmaking body; land owner; the trip-\nattracting site; non-\nmaterial change.",
        "decision making is done; the making of decisions; the decision",
    ]
    vocab = vocabulary(doc)
    assert index_text(doc[1], vocab) == "The funding bid and the regeneration plan, a bout of rain."
    assert index_text(doc[0], vocab) is None
    # compounds and real words stay: both parts are words here, or the first a prefix
    assert "decision-\nmaking" in (index_text(doc[2], vocab) or doc[2])
    assert "non-\nmaterial" in (index_text(doc[2], vocab) or doc[2])
    assert "land owner" in (index_text(doc[2], vocab) or doc[2])
