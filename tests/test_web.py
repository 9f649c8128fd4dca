"""The web page (`paperfinder serve`) through Starlette's TestClient: routes, escaping,
GET only, files by doc_id only, error pages, export bytes, facet counts.

The browser itself is tested in test_browser.py.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from paperfinder.answer.retrieval import ask
from paperfinder.reports.registers import list_events, timeline
from paperfinder.reports.show import get_document, list_documents
from paperfinder.search.service import Filters, search
from paperfinder.web.app import create_app

from .conftest import HOSTILE_PAPER, ROOT, corpus_file


@pytest.fixture(scope="module")
def client(web_index):
    with TestClient(create_app(web_index), raise_server_exceptions=False) as c:
        yield c


def total_of(page: str) -> int:
    m = re.search(r'data-total="(\d+)"', page)
    assert m, "the page states a total"
    return int(m.group(1))


def facet_links(page: str) -> list[tuple[str, str, str, int]]:
    """(facet, value, href, promised count) of every facet link on a search page."""
    out = []
    for sec in re.finditer(r'<section class="facet" data-facet="(\w+)">(.*?)</section>', page, re.S):
        for m in re.finditer(r'<a href="([^"]+)" data-value="([^"]*)">.*?</a>\s*<span class="count" data-count="(\d+)">', sec.group(2), re.S):
            out.append((sec.group(1), html.unescape(m.group(2)), html.unescape(m.group(1)), int(m.group(3))))
    return out


def passage_ids(page: str) -> list[str]:
    return [unquote(html.unescape(p)) for p in re.findall(r'<h3><a href="/doc/[^"?]+\?p=([^"#]+)#hit"', page)]


def cli_export(index, out: Path, *args: str) -> bytes:
    env = dict(os.environ)
    env.pop("PAPERFINDER_INDEX", None)
    r = subprocess.run([sys.executable, "-m", "paperfinder.cli", "export", *args, "--output", str(out), "--index", str(index)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


# ---- search ------------------------------------------------------------------------------

def test_search_page_shows_the_library_result(client, web_index):
    r = client.get("/", params={"q": "children social work"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    res = search("children social work", web_index, limit=20, facets=["authority"])  # as `search --limit 20`
    assert total_of(r.text) == res.total == 62
    assert passage_ids(r.text) == [h.passage_id for h in res.hits]
    first = res.hits[0]
    assert str(escape(first.title)) in r.text and first.citation() in r.text
    # the snippet's matched words are marked, and facets are in the side panel
    assert "<mark>Children</mark>" in r.text
    assert 'data-facet="authority"' in r.text and 'data-value="Westminster"' in r.text


def test_every_facet_link_gives_the_count_it_promised(client):
    page = client.get("/", params={"q": "children social work"}).text
    links = facet_links(page)
    assert {f for f, *_ in links} == {"authority", "person", "year", "doc_type", "section_type"}
    for facet, value, href, count in links:
        followed = client.get(href)
        assert followed.status_code == 200, (facet, value)
        assert total_of(followed.text) == count, (facet, value, href)
        if count <= 20:
            assert len(passage_ids(followed.text)) == count, (facet, value)


def test_facet_link_adds_the_filter_to_the_url(client):
    page = client.get("/", params={"q": "children social work", "sort": "newest"}).text
    (href,) = [h for f, v, h, _n in facet_links(page) if f == "authority" and v == "Westminster"]
    assert href.startswith("/?") and "q=children+social+work" in href and "sort=newest" in href and "authority=Westminster" in href
    year = [h for f, v, h, _n in facet_links(page) if f == "year" and v == "2016"][0]
    assert "since=2016-01-01" in year and "until=2016-12-31" in year


def test_paging_walks_through_every_result_once(client, web_index):
    seen = []
    for n in (1, 2, 3, 4):
        r = client.get("/", params={"q": "children social work", "page": n})
        seen += passage_ids(r.text)
        assert ("Next →" in r.text) == (n < 4)
    every = search("children social work", web_index, limit=None)
    assert len(seen) == len(set(seen)) == every.total == 62
    assert set(seen) == {h.passage_id for h in every.hits}
    # the first page is what the command shows for --limit 20, and page 2 follows the same ranking
    assert seen[:40] == [h.passage_id for h in search("children social work", web_index, limit=40).hits]
    assert seen[:20] == [h.passage_id for h in search("children social work", web_index, limit=20).hits]


def test_paging_with_few_hits_holding_every_word(client, web_index):
    # fewer than 10 passages hold both words: those holding some follow, in one ranking over the pages
    q = "xylophone children"
    seen = []
    for n in (1, 2, 3):
        seen += passage_ids(client.get("/", params={"q": q, "page": n}).text)
    res = search(q, web_index, limit=60)
    assert res.match != "all words" and len(seen) == len(set(seen)) == 60
    assert seen == [h.passage_id for h in res.hits]


def test_filters_from_the_url_reach_the_search(client, web_index):
    q = {"q": "grant", "authority": "LBHF", "since": "2014-01-01", "until": "2014-12-31", "section_type": "recommendations",
         "min_amount": "£100k", "sort": "oldest"}
    r = client.get("/", params=q)
    flt = Filters(authority="LBHF", since="2014-01-01", until="2014-12-31", section_type="recommendations", min_amount="£100k")
    res = search("grant", web_index, filters=flt, limit=20, sort="oldest")
    assert r.status_code == 200 and total_of(r.text) == res.total >= 1
    assert passage_ids(r.text) == [h.passage_id for h in res.hits]
    # the filters in force are shown, resolved, each with a link that removes it
    assert "LBHF → Hammersmith and Fulham" in html.unescape(r.text)
    assert 'aria-label="remove min amount filter"' in r.text


def test_spelling_correction_says_what_was_searched(client):
    r = client.get("/", params={"q": "childrn servces"})
    assert r.status_code == 200
    text = html.unescape(r.text)
    assert 'Showing results for <strong id="corrected">children services</strong>; also searched <em>childrn servces</em>' in text


def test_empty_search_page_has_a_labelled_box(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<label for="q">' in r.text and 'id="q" name="q"' in r.text
    # every control has a label
    for cid in re.findall(r'<(?:input|select)[^>]* id="([\w-]+)"', r.text):
        assert f'for="{cid}"' in r.text, cid


# ---- escaping -------------------------------------------------------------------------------

def test_paper_text_is_escaped_everywhere(client, web_index):
    (hit, *_rest) = search("xylophone", web_index, limit=1).hits
    title = "&lt;script&gt;alert(1)&lt;/script&gt;"
    img = "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;"
    pages = {
        "/?q=xylophone": [title, img],
        f"/doc/{hit.doc_id}": [title, img, "&lt;b&gt;bold&lt;/b&gt; &amp; ampersands", "{{ 7*7 }}", "&lt;iframe"],
        f"/doc/{hit.doc_id}?p={hit.passage_id}": [title, img],
        "/documents": [title],
        "/ask?q=How+much+does+the+xylophone+programme+cost%3F": [title],
        "/timeline?q=xylophone": [img],
        "/decisions?q=xylophone": [title],
    }
    for path, shown in pages.items():
        r = client.get(path)
        assert r.status_code == 200, path
        body = r.text
        assert "<script" not in body and "<img" not in body and "<iframe" not in body and "<b>" not in body, path
        for s in shown:
            assert s in body, (path, s)


def test_every_page_forbids_scripts(client):
    for path in ("/", "/ask", "/documents", "/nope"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'none'" in csp and "default-src 'none'" in csp
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


# ---- GET only, files by doc_id only -----------------------------------------------------------

@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/", "/ask", "/documents", "/export.csv", "/static/style.css"])
def test_only_get_is_accepted(client, method, path):
    r = client.request(method, path)
    assert r.status_code == 405
    if not path.startswith("/static"):
        assert "only reads (GET)" in r.text and "Traceback" not in r.text


def test_original_file_is_served_by_doc_id(client, web_index):
    doc_id = next(d["doc_id"] for d in list_documents(web_index) if d["source"] == "corpus/003_336731e94eba03ca.txt")
    r = client.get(f"/file/{doc_id}")
    assert r.status_code == 200
    assert r.content == corpus_file("003").read_bytes()
    assert r.headers["content-type"].startswith("text/plain")
    assert r.headers["content-security-policy"].startswith("sandbox")


def test_hostile_html_original_is_sandboxed(client, web_index):
    doc_id = next(d["doc_id"] for d in list_documents(web_index) if d["source"].endswith("hostile_paper.html"))
    r = client.get(f"/file/{doc_id}")
    assert r.status_code == 200 and r.content == HOSTILE_PAPER.read_bytes()
    assert "sandbox" in r.headers["content-security-policy"] and "script" not in r.headers["content-security-policy"].replace("default-src 'none'", "")


@pytest.mark.parametrize("path", [
    "/file/../../etc/passwd", "/file/..%2F..%2Fetc%2Fpasswd", "/file/%2Fetc%2Fpasswd", "/file/etc/passwd",
    "/file/corpus%2F003_336731e94eba03ca.txt", "/file/003_336731e94eba03ca", "/file/nope", "/doc/..%2F..%2Fetc%2Fpasswd",
    "/static/../pyproject.toml", "/static/..%2F..%2Fweb%2Fapp.py",
])
def test_no_path_from_the_url_reaches_the_disk(client, path):
    r = client.get(path)
    assert r.status_code == 404, path
    assert "root:" not in r.text and "[project]" not in r.text and "import" not in r.text
    assert "Traceback" not in r.text


# ---- errors ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("params, message", [
    ({"q": "x", "since": "yesterday"}, "--since 'yesterday' is not a date"),
    ({"q": "x", "min_amount": "lots"}, "--min-amount 'lots' is not an amount"),
    ({"q": "x", "min_amount": "£1m", "max_amount": "€2m"}, "--min-amount is in GBP and --max-amount in EUR"),
    ({"q": "x", "authority": "Atlantis"}, "no authority matches 'Atlantis'"),
    ({"q": "x", "sort": "random"}, "unknown sort 'random'"),
    ({"q": "x", "page": "0"}, "page '0' is not a page number"),
    ({"q": "amount:>lots"}, ""),
])
def test_a_bad_request_is_a_page_with_one_message(client, params, message):
    r = client.get("/", params=params)
    if not message:  # a query the parser reads as words: still a page
        assert r.status_code in (200, 400) and "Traceback" not in r.text
        return
    assert r.status_code == 400
    (shown,) = re.findall(r'id="message">([^<]*)<', r.text)
    assert html.unescape(shown).startswith(message)
    assert "Traceback" not in r.text and 'File "' not in r.text


def test_unknown_document_and_page_are_404_pages(client):
    r = client.get("/doc/no-such-doc")
    assert r.status_code == 404 and "no document &#39;no-such-doc&#39; in the index" in r.text
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "no page at /no/such/page" in r.text


def test_an_unexpected_error_is_a_page_without_the_trace(web_index, monkeypatch):
    import paperfinder.reports.show

    def broken(*_a, **_k):
        raise RuntimeError("boom at /some/secret/path")

    monkeypatch.setattr(paperfinder.reports.show, "list_documents", broken)
    with TestClient(create_app(web_index), raise_server_exceptions=False) as c:
        r = c.get("/documents")
    assert r.status_code == 500
    assert "internal error (RuntimeError)" in r.text
    assert "secret" not in r.text and "Traceback" not in r.text


def test_missing_index_page_says_how_to_build_one(tmp_path):
    missing = tmp_path / "no-index"
    with TestClient(create_app(missing), raise_server_exceptions=False) as c:
        for path in ("/", "/?q=children", "/ask?q=who", "/documents", "/decisions", "/timeline?q=x", "/export.csv?q=x", "/doc/x", "/file/x"):
            r = c.get(path)
            assert r.status_code == 404, path
            assert f"no index at {missing}" in r.text, path
            assert f"paperfinder index PATH/TO/PAPERS --index {missing}" in r.text, path


# ---- export ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "jsonl", "md"])
def test_export_is_byte_identical_to_the_command(client, web_index, tmp_path, fmt):
    r = client.get(f"/export.{fmt}", params={"q": "grant", "authority": "Hammersmith", "sort": "newest"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="paperfinder-export.{fmt}"'
    want = cli_export(web_index, tmp_path / f"out.{fmt}", "grant", "--format", fmt, "--authority", "Hammersmith", "--sort", "newest")
    assert r.content == want
    if fmt == "csv":
        assert want.startswith(b"\xef\xbb\xbf") and b"\r\n" in want


def test_export_links_carry_the_search(client):
    page = html.unescape(client.get("/", params={"q": "fostering", "doc_type": "minutes", "sort": "oldest"}).text)
    for fmt in ("csv", "jsonl", "md"):
        assert f"/export.{fmt}?q=fostering&doc_type=minutes&sort=oldest" in page


# ---- passage and document view -----------------------------------------------------------------------

def test_citation_opens_the_passage_highlighted_in_context(client, web_index):
    hit = search("Innovation Fund Grant match funding", web_index, limit=1).hits[0]
    r = client.get(f"/doc/{hit.doc_id}", params={"p": hit.passage_id})
    assert r.status_code == 200
    (target,) = re.findall(r'<section class="passage highlight" id="hit"[^>]*>(.*?)</section>', r.text, re.S)
    assert str(escape(hit.text)) in target
    assert hit.citation() in target and str(escape(hit.section)) in target
    doc = get_document(hit.doc_id, web_index)
    i = [p["passage_id"] for p in doc["passages"]].index(hit.passage_id)
    # the passages before and after it are on the page too, and the metadata and the file link
    for near in doc["passages"][max(0, i - 2) : i + 3]:
        assert str(escape(near["text"][:40])) in r.text
    assert f'href="/file/{hit.doc_id}"' in r.text and "2014-11-03" in r.text


def test_register_line_link_finds_its_passage(client, web_index):
    doc = get_document(next(d["doc_id"] for d in list_documents(web_index) if d["source"] == "corpus/003_336731e94eba03ca.txt"), web_index)
    p = doc["passages"][3]
    r = client.get(f"/doc/{doc['document']['doc_id']}", params={"line": p["line_start"]})
    (target,) = re.findall(r'<section class="passage highlight" id="hit"[^>]*>(.*?)</section>', r.text, re.S)
    assert f"lines {p['line_start']}" in target or f":{p['line_start']}-" in target


# ---- ask, registers, timeline, documents ---------------------------------------------------------------

def test_ask_shows_the_answer_marked_in_its_sentence(client, web_index):
    r = client.get("/ask", params={"q": "How much is the Innovation Fund grant?"})
    assert r.status_code == 200
    assert re.search(r'<strong id="answer">£4m</strong>', r.text)
    assert "<mark>£4m</mark> Innovation Grant from the DfE" in r.text
    ans = ask("How much is the Innovation Fund grant?", web_index, filters=Filters())
    assert ans.answer == "£4m" and f'<span id="confidence">{ans.confidence:.2f}</span>' in r.text
    assert ans.evidence[0].citation() in r.text


def test_ask_below_the_threshold_says_not_sure(client):
    r = client.get("/ask", params={"q": "What colour is the mayor's bicycle?"})
    assert r.status_code == 200
    assert 'id="not-sure">Not sure' in r.text


@pytest.mark.parametrize("kind", ["decision", "commitment"])
def test_registers_list_what_the_library_lists(client, web_index, kind):
    r = client.get(f"/{kind}s", params={"q": "budget"})
    read, events = list_events(kind, "budget", web_index, sort="relevance")
    # (15 commitments: "The next meeting will be held on 30 January 2017" is a meeting's date, not one)
    assert r.status_code == 200 and total_of(r.text) == len(events) == {"decision": 7, "commitment": 15}[kind]
    assert r.text.count('<li class="event">') == min(30, len(events))
    for e in events[:30]:
        assert f"{e.source}:{e.line}" in r.text


def test_decisions_page_pages_and_filters(client, web_index):
    read, events = list_events("decision", "", web_index, filters=Filters(authority="Hammersmith"), sort="newest")
    assert len(events) > 30
    r2 = client.get("/decisions", params={"authority": "Hammersmith", "page": 2})
    assert total_of(r2.text) == len(events)
    assert r2.text.count('<li class="event">') == min(30, len(events) - 30)


def test_timeline_lists_what_the_library_lists(client, web_index):
    r = client.get("/timeline", params={"q": "Partners in Practice"})
    events = timeline("Partners in Practice", web_index, filters=Filters())
    assert r.status_code == 200 and len(events) > 5
    assert f"{len(events)} events about" in html.unescape(r.text)
    assert r.text.count("<tr><td>") == len(events)


def test_documents_page_lists_and_filters(client, web_index):
    r = client.get("/documents")
    docs = list_documents(web_index)
    assert total_of(r.text) == len(docs) == 13
    r = client.get("/documents", params={"authority": "Westminster"})
    assert total_of(r.text) == len(list_documents(web_index, Filters(authority="Westminster"))) == 1
    assert "Funding for the Clinical Practice Team" in r.text
