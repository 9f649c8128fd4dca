"""Watches (saved searches that say what is new), on real papers.

The bundled corpus gives a Westminster report (000), two Hammersmith and
Fulham cabinet reports (002, 003); tests/fixtures/watch/ three Wye Valley
Community Council minutes in which the Trellech Road comes up each time.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from paperfinder.errors import NoIndexError, PaperfinderError, QueryError
from paperfinder.index.build import index_paths
from paperfinder.reports import watches
from paperfinder.search.service import Filters, search
from paperfinder.text.safe import xml_text

from .conftest import FIXTURES, corpus_file

WYE = FIXTURES / "watch"
JAN, MAR, MAY = (WYE / f"wye_valley_cc_minutes_2024-{d}.txt" for d in ("01-08", "03-25", "05-20"))
WESTMINSTER, COLLABORATION, INNOVATION = corpus_file("000"), corpus_file("002"), corpus_file("003")


def put(folder: Path, *papers: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for p in papers:
        shutil.copyfile(p, folder / p.name)


def index(folder: Path, ix: Path, **kw):
    return index_paths([str(folder)], ix, **kw)


def where(hits) -> list[tuple[str, int, int]]:
    """Each hit as (file name, first line, last line), in the order given."""
    return [(Path(h.source).name, h.line_start, h.line_end) for h in hits]


def news_of(ix: Path, **kw) -> dict[str, list]:
    return {n.watch.name: n.new for n in watches.check(ix, **kw)}


def test_new_papers_and_a_changed_paper_bring_exactly_their_new_matching_passages(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, WESTMINSTER, INNOVATION)
    index(papers, ix)
    fostering, matching = watches.add_watch(ix, "fostering", "fostering")
    assert matching == 0  # neither paper mentions fostering: spelling is not "corrected" to another word
    assert fostering.seen == 1
    innovation, matching = watches.add_watch(ix, "innovation", "Innovation Fund")
    assert matching == 26  # 25 passages of the Innovation Fund report (its title holds the words), 1 of Westminster's
    assert news_of(ix) == {"fostering": [], "innovation": []}
    assert news_of(ix) == {"fostering": [], "innovation": []}

    # a third paper that mentions fostering once, and minutes that match no watch
    put(papers, COLLABORATION, MAR)
    report = index(papers, ix)
    assert (report.added, report.unchanged) == (2, 2)
    news = news_of(ix)
    assert where(news["fostering"]) == [("002_8f98cb654cf278fd.txt", 140, 151)]
    hit = news["fostering"][0]
    assert hit.title == "Update to collaboration agreement for Children's Social Care"
    assert (hit.authority, hit.date, hit.section) == ("Hammersmith and Fulham", "2021-01-04", "PROPOSALS AND ANALYSIS OF OPTIONS > Remaining Services")
    assert "services such as **fostering** have a strong reputation" in hit.snippet
    assert news["innovation"] == []
    assert news_of(ix) == {"fostering": [], "innovation": []}  # seen now

    # the Innovation Fund report changed: a line added at the top moves every passage, one recommendation changed
    text = INNOVATION.read_text(encoding="utf-8")
    assert text.count("To allocate up to £0.33m") == 1
    (papers / INNOVATION.name).write_text("\n" + text.replace("To allocate up to £0.33m", "To allocate up to £0.35m"), encoding="utf-8")
    report = index(papers, ix)
    assert (report.updated, report.added) == (1, 0)
    news = news_of(ix)
    assert news["fostering"] == []
    assert where(news["innovation"]) == [("003_336731e94eba03ca.txt", 19, 23)]  # was lines 18-22
    assert "To allocate up to £0.35m from the Invest to Save fund" in news["innovation"][0].text
    assert news_of(ix) == {"fostering": [], "innovation": []}


def test_peek_shows_without_marking(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, JAN)
    index(papers, ix)
    watches.add_watch(ix, "Trellech Road", "Trellech Road")
    put(papers, MAY)
    index(papers, ix)
    expected = [("wye_valley_cc_minutes_2024-05-20.txt", 21, 25), ("wye_valley_cc_minutes_2024-05-20.txt", 38, 44)]
    assert where(watches.check(ix, "Trellech Road", peek=True)[0].new) == expected
    assert where(watches.check(ix, "trellech road", peek=True)[0].new) == expected  # names match in any case
    assert watches.list_watches(ix)[0].unseen == 2
    assert where(watches.check(ix, "Trellech Road")[0].new) == expected
    assert watches.check(ix, "Trellech Road")[0].new == []
    assert watches.list_watches(ix)[0].unseen == 0


def test_a_lost_ledger_starts_again_from_what_the_index_holds(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, JAN)
    index(papers, ix)
    watches.add_watch(ix, "Trellech Road", "Trellech Road")
    put(papers, MAR)
    index(papers, ix)
    watches.check(ix)
    watches.check(ix)
    (ix / watches.SEEN_FILE).unlink()  # removed by hand: what the index holds counts as seen again
    assert news_of(ix) == {"Trellech Road": []}
    put(papers, MAY)
    index(papers, ix)
    assert {Path(h.source).name for h in news_of(ix)["Trellech Road"]} == {MAY.name}


def test_a_removed_paper_is_not_reported(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, JAN)
    index(papers, ix)
    watches.add_watch(ix, "Trellech Road", "Trellech Road")
    put(papers, MAR)
    index(papers, ix)  # March's minutes come in, and go again before anyone checks
    (papers / MAR.name).unlink()
    put(papers, MAY)
    report = index(papers, ix)
    assert (report.added, report.removed) == (1, 1)
    news = news_of(ix)["Trellech Road"]
    assert {Path(h.source).name for h in news} == {MAY.name}
    assert where(news) == [("wye_valley_cc_minutes_2024-05-20.txt", 21, 25), ("wye_valley_cc_minutes_2024-05-20.txt", 38, 44)]
    # the ledger forgets texts the index no longer holds: March's minutes back again are new
    put(papers, MAR)
    index(papers, ix)
    assert where(news_of(ix)["Trellech Road"]) == [("wye_valley_cc_minutes_2024-03-25.txt", 25, 31)]


def test_reindexing_unchanged_papers_brings_nothing_new(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, JAN, MAR)
    index(papers, ix)
    watches.add_watch(ix, "Trellech Road", "Trellech Road")
    watches.add_watch(ix, "everything", "")
    assert index(papers, ix).changed is False
    assert watches.after_index(ix) == []
    os.utime(papers / JAN.name, (1, 1))  # touched, same bytes
    index(papers, ix)
    report = index(papers, ix, rebuild=True)
    assert report.added == 2
    assert watches.after_index(ix) == []
    # the same minutes again under another name: the same texts, not new
    shutil.copyfile(JAN, papers / "copy_of_january.txt")
    assert index(papers, ix).added == 1
    assert watches.after_index(ix) == []
    assert news_of(ix) == {"Trellech Road": [], "everything": []}


def test_index_run_reports_what_is_new_per_watch(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, JAN)
    index(papers, ix)
    watches.add_watch(ix, "Trellech Road", "Trellech Road")
    watches.add_watch(ix, "Freedom Road", '"Freedom Road"')
    watches.add_watch(ix, "fostering", "fostering")
    put(papers, MAR, MAY)
    index(papers, ix)
    report = {n.watch.name: (len(n.new), n.papers) for n in watches.after_index(ix)}
    assert report == {"Trellech Road": (3, 2), "Freedom Road": (1, 1)}  # a watch with nothing new is not named
    assert watches.after_index(ix) == []  # nothing indexed since
    # the report marks nothing seen: check still has all of it
    assert {k: len(v) for k, v in news_of(ix).items()} == {"Trellech Road": 3, "Freedom Road": 1, "fostering": 0}


def test_new_decisions_over_an_amount_are_one_watch(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, COLLABORATION, INNOVATION)
    index(papers, ix)
    watch, matching = watches.add_watch(ix, "big decisions", "", Filters(kinds=["decision"], min_amount="£500k"))
    assert matching == 1  # the Innovation Fund summary (£4m grant, £1m match funding); the collaboration report's are below £500k
    assert watch.filters == {"min_amount": "£500k", "kinds": ["decision"]}
    put(papers, WESTMINSTER)
    index(papers, ix)
    (news,) = watches.check(ix, "big decisions")
    assert where(news.new) == [("000_3de2692c728e829f.txt", 5, 14), ("000_3de2692c728e829f.txt", 16, 18), ("000_3de2692c728e829f.txt", 20, 22)]
    assert all("decision" in h.kinds for h in news.new)
    assert all(any(e.label == "MONEY" and e.text == "£0.578m" for e in h.entities) for h in news.new)
    assert news.papers == 1
    # what `decisions` lists: the same passages of the same filter
    same = search("", ix, Filters(kinds=["decision"], min_amount="£500k"), limit=None, every_word=True)
    assert {h.passage_id for h in news.new} <= {h.passage_id for h in same.hits}


def test_bad_watches_are_refused(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    with pytest.raises(NoIndexError, match="no index at"):
        watches.add_watch(ix, "roads", "Trellech Road")
    put(papers, JAN)
    index(papers, ix)
    watches.add_watch(ix, "roads", "Trellech Road")
    with pytest.raises(PaperfinderError, match="a watch named 'Roads' exists"):
        watches.add_watch(ix, "Roads", "Freedom Road")
    with pytest.raises(PaperfinderError, match="no watch named 'lanes'"):
        watches.check(ix, "lanes")
    with pytest.raises(QueryError, match="is not an amount"):
        watches.add_watch(ix, "money", "", Filters(min_amount="lots"))
    with pytest.raises(QueryError, match="is not a kind"):
        watches.add_watch(ix, "promises", "", Filters(kinds=["promise"]))
    with pytest.raises(PaperfinderError, match="is not allowed"):
        watches.add_watch(ix, "../../etc", "x")
    assert [s.watch.name for s in watches.list_watches(ix)] == ["roads"]
    watches.remove_watch(ix, "roads")
    assert watches.list_watches(ix) == []
    assert not (ix / watches.FILE).exists() and not (ix / watches.SEEN_FILE).exists()


# ---- the feed ----------------------------------------------------------------------------

def test_feed_lists_the_latest_matches_as_valid_atom(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, COLLABORATION, INNOVATION)
    index(papers, ix)
    watches.add_watch(ix, "big decisions", "", Filters(kinds=["decision"], min_amount="£500k"))
    put(papers, WESTMINSTER)
    index(papers, ix)
    xml = watches.atom_feed(ix, "big decisions", link=lambda h: f"http://localhost:8080/passage/{h.passage_id}",
                            feed_url="http://localhost:8080/watch/big%20decisions.atom")
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "paperfinder watch big decisions: every passage; min_amount=£500k, kinds=decision"
    westminster = "Funding for the Clinical Practice Team (Family Services): Partners in Practice (PiP) grant substitution"
    # most recently indexed first (the Westminster report came last), then by paper date
    assert [e.title for e in feed.entries] == [
        f"{westminster} — City of Westminster Cabinet Member Report",
        f"{westminster} — 1. Executive Summary",
        f"{westminster} — 2. Recommendations",
        "FOCUS ON PRACTICE - INNOVATION FUND GRANT — 1. EXECUTIVE SUMMARY",
    ]
    assert feed.entries[0].link.startswith("http://localhost:8080/passage/000_3de2692c728e829f-")
    assert feed.entries[0].link.endswith(":5:0")
    assert [e.author for e in feed.entries] == ["Westminster"] * 3 + ["Hammersmith and Fulham"]
    assert feed.entries[2].summary.startswith("Westminster · 2020-12-30 · cabinet member report · 2. Recommendations: ")
    content = feed.entries[3].content[0].value
    assert "£4m Innovation Grant from the DfE" in content and content.endswith("003_336731e94eba03ca.txt:13-16")
    assert feed.entries[0].updated_parsed > feed.entries[3].updated_parsed or feed.entries[0].updated == feed.entries[3].updated
    assert len({e.id for e in feed.entries}) == 4
    # nothing was marked seen
    assert len(watches.check(ix, "big decisions", peek=True)[0].new) == 3
    assert len(feedparser.parse(watches.atom_feed(ix, "big decisions", limit=2)).entries) == 2


def test_feed_keeps_paper_markup_as_text(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    papers.mkdir()
    # a saved web page whose text shows markup (the text reader drops tags; a web page's
    # escaped "&lt;script&gt;" is text that reads "<script>")
    lines = [html.escape(line) for line in JAN.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines.append(html.escape("3651. Any Other Business: <script>alert('x')</script> the Trellech Road & <b>again</b>\x0c."))
    page = "<html><body><h1>Minutes</h1>" + "".join(f"<p>{line}</p>\n" for line in lines) + "</body></html>"
    (papers / "minutes_with_markup.html").write_text(page, encoding="utf-8")
    index(papers, ix)
    watches.add_watch(ix, "Trellech Road", "Trellech Road")
    xml = watches.atom_feed(ix, "Trellech Road")
    assert "<script" not in xml and "<b>" not in xml
    assert "&lt;script&gt;alert('x')&lt;/script&gt; the Trellech Road &amp; &lt;b&gt;again&lt;/b&gt;" in xml
    root = ET.fromstring(xml)
    ns = {"a": watches.ATOM}
    assert root.find(".//script") is None and root.find(".//a:script", ns) is None
    contents = [c.text for c in root.findall("a:entry/a:content", ns)]
    assert any("<script>alert('x')</script> the Trellech Road & <b>again</b>" in c for c in contents)
    # characters XML forbids even escaped never reach the feed (a parser would reject it whole)
    assert xml_text("a\x00b\x0cc\x1b]0;title\x07d\ufffee\tf\ng") == "abcde\tf\ng"
    feed = feedparser.parse(xml)
    assert not feed.bozo and len(feed.entries) == 2


# ---- the command line --------------------------------------------------------------------

def run(*args, cwd=None):
    env = dict(os.environ)
    env.pop("PAPERFINDER_INDEX", None)
    return subprocess.run([sys.executable, "-m", "paperfinder.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_command_line_watch_cycle_follows_the_contract(tmp_path):
    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, WESTMINSTER, INNOVATION)
    r = run("index", str(papers), "--index", str(ix))
    assert r.returncode == 0, r.stderr
    r = run("watch", "add", "fostering", "fostering", "--index", str(ix))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "watch fostering added (fostering): 0 passages match now, counted as seen"
    r = run("watch", "add", "big decisions", "", "--kind", "decision", "--min-amount", "£500k", "--index", str(ix), "--format", "json")
    assert json.loads(r.stdout)["matching"] == 4
    put(papers, COLLABORATION)
    r = run("index", str(papers), "--index", str(ix))
    assert r.returncode == 0, r.stderr
    assert f"fostering: 1 new passage in 1 paper (paperfinder watch check fostering --index {ix})" in r.stderr
    assert "big decisions" not in r.stderr
    r = run("index", str(papers), "--index", str(ix))
    assert "index up to date" in r.stderr and "fostering" not in r.stderr

    r = run("watch", "check", "--peek", "--format", "json", "--index", str(ix))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [(w["name"], w["query"], len(w["new"])) for w in data["watches"]] == [("fostering", "fostering", 1), ("big decisions", "", 0)]
    hit = data["watches"][0]["new"][0]
    searched = json.loads(run("search", "fostering", "--index", str(ix), "--format", "json").stdout)["hits"][0]
    assert set(hit) == set(searched)  # exactly the fields of a search hit
    assert (hit["doc_id"], hit["line_start"], hit["line_end"]) == (searched["doc_id"], 140, 151)

    r = run("watch", "check", "fostering", "--index", str(ix))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("fostering: 1 new passage in 1 paper (fostering)")
    assert "002_8f98cb654cf278fd.txt:140-151" in r.stdout
    r = run("watch", "check", "--format", "json", "--index", str(ix))
    assert [w["new"] for w in json.loads(r.stdout)["watches"]] == [[], []]

    feed_file = tmp_path / "big.atom"
    r = run("watch", "feed", "big decisions", "--output", str(feed_file), "--index", str(ix))
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == f"wrote 4 entries to {feed_file}"
    feed = feedparser.parse(feed_file.read_text(encoding="utf-8"))
    assert not feed.bozo and len(feed.entries) == 4
    links = [e.get("href") for e in ET.parse(feed_file).getroot().iter(f"{{{watches.ATOM}}}link")]
    assert links[0] == (papers / WESTMINSTER.name).resolve().as_uri() + "#line=4,14"  # lines 5-14

    r = run("watch", "list", "--format", "json", "--index", str(ix))
    assert [(w["name"], w["unseen"]) for w in json.loads(r.stdout)["watches"]] == [("fostering", 0), ("big decisions", 0)]
    r = run("watch", "remove", "fostering", "--index", str(ix))
    assert r.stdout.strip() == "watch fostering removed"


@pytest.mark.parametrize(
    "args,message",
    [
        (["watch", "check"], "no index at"),
        (["watch", "add", "roads", "Trellech Road"], "no index at"),
        (["watch", "check", "lanes", "INDEX"], "no watch named 'lanes' (watches: roads)"),
        (["watch", "remove", "lanes", "INDEX"], "no watch named 'lanes'"),
        (["watch", "feed", "lanes", "--output", "f.atom", "INDEX"], "no watch named 'lanes'"),
        (["watch", "add", "roads", "Freedom Road", "INDEX"], "a watch named 'roads' exists"),
        (["watch", "add", "money", "", "--min-amount", "lots", "INDEX"], "--min-amount 'lots' is not an amount"),
        (["watch", "add", "promises", "", "--kind", "promise", "INDEX"], "--kind 'promise' is not a kind"),
    ],
)
def test_user_errors_are_one_line_and_exit_1(tmp_path, wye_index, args, message):
    args = [a for a in args if a != "INDEX"] + (["--index", str(wye_index)] if "INDEX" in args else ["--index", str(tmp_path / "none")])
    r = run(*args, cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert message in r.stderr


@pytest.fixture(scope="module")
def wye_index(tmp_path_factory) -> Path:
    """January's minutes with one watch, "roads" (never changed by the tests that use it)."""
    base = tmp_path_factory.mktemp("wye")
    put(base / "papers", JAN)
    index(base / "papers", base / "ix")
    watches.add_watch(base / "ix", "roads", "Trellech Road")
    return base / "ix"


def test_web_page_serves_the_feed_by_watch_name_only(tmp_path):
    from starlette.testclient import TestClient

    from paperfinder.web.app import create_app

    papers, ix = tmp_path / "papers", tmp_path / "ix"
    put(papers, COLLABORATION, INNOVATION)
    index(papers, ix)
    watches.add_watch(ix, "big decisions", "", Filters(kinds=["decision"], min_amount="£500k"))
    put(papers, WESTMINSTER)
    index(papers, ix)
    with TestClient(create_app(ix), raise_server_exceptions=False) as client:
        r = client.get("/watch/big decisions.atom")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
        feed = feedparser.parse(r.text)
        assert not feed.bozo
        assert len(feed.entries) == 4
        # each entry opens the passage on the page itself
        first = feed.entries[0].link
        # the Westminster report (000) came last; its first passage starts at line 5
        assert re.fullmatch(r"http://testserver/doc/(000_3de2692c728e829f-\w+)\?p=\1%3A5%3A0", first), first
        assert client.get(first.removeprefix("http://testserver")).status_code == 200
        assert client.get("/watch/nothing.atom").status_code == 404
        assert client.get("/watch/..%2F..%2Fetc%2Fpasswd.atom").status_code == 404
