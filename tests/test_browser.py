"""The web page in a real browser, as a person uses it.

`paperfinder serve` runs in a subprocess on a free port on 127.0.0.1 over an index
of the bundled corpus plus one hostile paper; Playwright drives Debian's Chromium
(/usr/bin/chromium, which scripts/test installs). Without the browser these tests
fail: they are never skipped.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paperfinder.answer.retrieval import ask
from paperfinder.reports.show import list_documents
from paperfinder.search.service import Filters, search

from .conftest import ROOT

CHROMIUM = os.environ.get("PAPERFINDER_CHROMIUM", "/usr/bin/chromium")
LAPTOP = {"width": 1280, "height": 900}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, index: Path):
        self.port = free_port()
        env = dict(os.environ)
        env.pop("PAPERFINDER_INDEX", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "paperfinder.cli", "serve", "--index", str(index), "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.first_line = self.proc.stderr.readline()
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"paperfinder serve exited: {self.first_line}{self.proc.stderr.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def server(web_index):
    s = Server(web_index)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test does) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    pg = ctx.new_page()
    pg.dialogs = []  # any alert, confirm or prompt a page opens

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    ctx.close()


def words(s: str) -> str:
    return " ".join(s.split())


def total(pg) -> int:
    return int(pg.locator("#total").get_attribute("data-total"))


# ---- the server ---------------------------------------------------------------------------------

def test_serve_says_the_address_and_listens_on_loopback_only(server):
    assert f"http://127.0.0.1:{server.port}/" in server.first_line
    # the listening socket, as the kernel lists it: bound to 127.0.0.1, not to every address
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            addr, port = local.rsplit(":", 1)
            if state == "0A" and int(port, 16) == server.port:
                listening.append(addr)
    assert listening == ["0100007F"]


def test_port_in_use_is_one_line(server):
    r = subprocess.run([sys.executable, "-m", "paperfinder.cli", "serve", "--index", "x", "--port", str(server.port)],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and f"cannot listen on 127.0.0.1:{server.port}" in r.stderr


# ---- a person searching ----------------------------------------------------------------------------

def test_type_a_query_and_click_a_facet(server, page, web_index):
    page.goto(server.url + "/")
    page.get_by_label("Search the papers").fill("children social work")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=children\+social\+work"))
    want = search("children social work", web_index, limit=20, facets=["authority"])
    assert total(page) == want.total == 62
    assert page.locator("ol.hits > li").count() == 20
    first = page.locator("ol.hits > li h3").first.inner_text()
    assert first == want.hits[0].title

    link = page.locator('section[data-facet="authority"] a[data-value="Westminster"]')
    promised = int(link.locator("xpath=following-sibling::span[@class='count']").inner_text())
    assert promised == want.facets["authority"]["Westminster"] == 3
    link.click()
    page.wait_for_url(re.compile(r"authority=Westminster"))
    assert total(page) == promised
    assert page.locator("ol.hits > li").count() == promised
    assert {t for t in page.locator("ol.hits .facts").all_inner_texts()} == {"Westminster · 2020-12-30 · cabinet member report"}
    # the filter is shown, and the URL holds it: reloading gives the same page
    assert "authority: Westminster" in words(page.locator("ul.active").inner_text())
    page.reload()
    assert total(page) == promised


def test_open_a_citation_and_find_the_passage_highlighted(server, page, web_index):
    hit = search("Innovation Fund Grant match funding", web_index, limit=20).hits[0]
    page.goto(server.url + "/?q=Innovation+Fund+Grant+match+funding")
    page.locator("ol.hits a.citation").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    mark = page.locator("section.passage.highlight")
    assert mark.count() == 1
    assert words(hit.text) in words(mark.locator(".text").inner_text())
    assert hit.citation() in mark.inner_text() and hit.section in mark.inner_text()
    # scrolled to it, and the document's metadata and file link are there
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < LAPTOP["height"]
    page.locator("#original").click()
    page.wait_for_url(re.compile(r"/file/"))
    assert "Innovation Fund Grant" in page.locator("body").inner_text()


def test_ask_a_question_and_read_the_answer(server, page, web_index):
    page.goto(server.url + "/ask")
    page.get_by_label("Question").fill("How much is the Innovation Fund grant?")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url(re.compile(r"/ask\?q="))
    # the answer, read in 003's summary: "awarded a £4m Innovation Grant from the DfE"
    assert page.locator("#answer").inner_text() == "£4m"
    assert page.locator("#sentence mark").inner_text() == "£4m"
    assert "Innovation Grant from the DfE" in page.locator("#sentence").inner_text()
    ans = ask("How much is the Innovation Fund grant?", web_index, filters=Filters())
    assert page.locator("#answer-cite").inner_text() == ans.evidence[0].citation()
    assert page.locator("#confidence").inner_text() == f"{ans.confidence:.2f}"


def test_download_a_csv_and_compare_it_with_the_command(server, page, web_index, tmp_path):
    page.goto(server.url + "/")
    page.get_by_label("Search the papers").fill("grant")
    page.locator("details > summary", has_text="Filters").click()
    page.get_by_label("Council").fill("Hammersmith")
    page.get_by_label("Sort").select_option("newest")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"authority=Hammersmith"))
    with page.expect_download() as dl:
        page.get_by_role("link", name="CSV").click()
    got = Path(dl.value.path()).read_bytes()
    assert dl.value.suggested_filename == "paperfinder-export.csv"
    out = tmp_path / "cli.csv"
    env = dict(os.environ)
    env.pop("PAPERFINDER_INDEX", None)
    r = subprocess.run([sys.executable, "-m", "paperfinder.cli", "export", "grant", "--authority", "Hammersmith", "--sort", "newest",
                        "--output", str(out), "--index", str(web_index)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert got == out.read_bytes()
    assert got.count(b"\r\n") > total(page)  # a header and one row per passage (some rows span lines)


def test_a_paper_with_script_tags_runs_nothing(server, page, web_index):
    page.goto(server.url + "/?q=xylophone")
    title = page.locator("ol.hits > li h3").first
    assert title.inner_text() == "XYLOPHONE <script>alert(1)</script> PROGRAMME"
    assert '"><img src=x onerror=alert(2)>' in page.locator("ol.hits").inner_text()
    title.locator("a").click()
    page.wait_for_url(re.compile(r"/doc/"))
    body = page.locator("main").inner_text()
    assert '1.1 The xylophone programme costs £12,345 "><img src=x onerror=alert(2)> this year, and <b>bold</b> & ampersands stay as written.' in body
    assert '<iframe src="javascript:alert(3)"></iframe> and {{ 7*7 }} stay text too.' in body
    assert page.locator("main img, main iframe, main b, main script").count() == 0
    # the original HTML file holds a real <script>: it is shown sandboxed, and does not run either
    doc_id = next(d["doc_id"] for d in list_documents(web_index) if d["source"].endswith("hostile_paper.html"))
    page.goto(server.url + f"/file/{doc_id}")
    assert "XYLOPHONE" in page.locator("body").inner_text()
    page.goto(server.url + "/ask?q=How+much+does+the+xylophone+programme+cost%3F")
    page.goto(server.url + "/timeline?q=xylophone")
    assert '"><img src=x onerror=alert(2)>' in page.locator("main").inner_text()
    assert page.dialogs == []


# ---- keyboard and widths --------------------------------------------------------------------------------

def test_keyboard_only(server, page):
    page.goto(server.url + "/")
    assert page.evaluate("document.activeElement.id") == "q"  # the query box has the focus
    page.keyboard.type("fostering")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=fostering"))
    # tab to the first facet link and follow it with Enter
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.facets') && document.activeElement.tagName === 'A'"):
            break
    else:
        pytest.fail("no facet link reachable with Tab")
    promised = int(page.evaluate("document.activeElement.nextElementSibling.dataset.count"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.wait_for_url(re.compile(r"every=1"))
    assert total(page) == promised


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_width(server, page, width):
    page.set_viewport_size({"width": width, "height": 844})
    for path in ("/?q=children+social+work", "/ask?q=How+much+is+the+Innovation+Fund+grant%3F", "/documents", "/decisions"):
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
