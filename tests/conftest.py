"""Shared fixtures: one index of the bundled corpus per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# a bug of ours on one paper stops an index run in the tests (a user's run skips the paper,
# indexes the rest and exits with status 2): the suite fails on it rather than counting a skip
os.environ["PAPERFINDER_STRICT"] = "1"

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = FIXTURES / "samples"


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """The bundled corpus indexed with the full pipeline (entities included)."""
    from paperfinder.index.build import index_paths

    index_dir = tmp_path_factory.mktemp("index")
    report = index_paths([str(CORPUS)], index_dir)
    assert report.added == 5 and not report.skipped
    return index_dir


def corpus_file(prefix: str) -> Path:
    """A bundled paper by its number prefix ("004")."""
    (match,) = sorted(CORPUS.glob(prefix + "_*"))
    return match


WEB_FIXTURES = FIXTURES / "web"
HOSTILE_PAPER = WEB_FIXTURES / "hostile_paper.html"


@pytest.fixture(scope="session")
def web_index(tmp_path_factory) -> Path:
    """The bundled corpus and one hostile paper (markup and script tags in its text) for the web page."""
    from paperfinder.index.build import index_paths

    index_dir = tmp_path_factory.mktemp("web-index")
    report = index_paths([str(CORPUS), str(HOSTILE_PAPER)], index_dir)
    assert report.added == 6 and not report.skipped
    return index_dir


def paper_of(source: str) -> str:
    """The bundled paper's number prefix of a hit's source ("004")."""
    return source.rsplit("/", 1)[-1][:3]


def paper_lines(prefix: str) -> list[str]:
    """A bundled paper's lines as a reader sees them (line n is item n - 1)."""
    return corpus_file(prefix).read_text(encoding="utf-8").split("\n")


def assert_covers(spans, paper: str, lo: int = 1, hi: int | None = None, left_out=()) -> None:
    """Every non-blank line lo..hi of a bundled paper lies in one of ``spans``
    (``(source, line_start, line_end)``) of that paper, and in one only;
    ``left_out`` is ranges of lines not looked at."""
    lines = paper_lines(paper)
    hi = hi or len(lines)
    seen: dict[int, int] = {}
    for source, a, b in spans:
        if paper_of(source) == paper:
            for n in range(a, b + 1):
                seen[n] = seen.get(n, 0) + 1
    skip = {n for a, b in left_out for n in range(a, b + 1)}
    missing = [n for n in range(lo, hi + 1) if lines[n - 1].strip() and n not in skip and n not in seen]
    assert not missing, (paper, missing[:20])
    assert all(c == 1 for c in seen.values()), (paper, [n for n, c in seen.items() if c > 1][:20])


def index_of(tmp_path_factory, folder: Path, name: str, *also: Path) -> str:
    """An index of the papers in ``folder`` and of the papers ``also`` names (copies another
    module's fixtures hold), for a module-scoped fixture."""
    from paperfinder.index.build import index_paths

    out = tmp_path_factory.mktemp(name) / "index"
    index_paths([str(folder), *map(str, also)], str(out))
    return str(out)


def index_papers(tmp_path_factory, papers: dict[str, str], name: str) -> str:
    """An index of small papers a test module writes (file name -> text), for a module-scoped fixture."""
    docs = tmp_path_factory.mktemp(name + "_docs")
    for file, text in papers.items():
        (docs / file).write_text(text, encoding="utf-8")
    return index_of(tmp_path_factory, docs, name)


def cited(answer) -> tuple[str, int, int]:
    """(paper, first line, last line) of an answer's first piece of evidence."""
    e = answer.evidence[0]
    return Path(e.source).name, e.line_start, e.line_end


def read_paper(tmp_path: Path, text: str, name: str = "paper.md"):
    """The document read from ``text`` written to a file ``name`` (a small paper a test writes)."""
    from paperfinder.ingest.readers import read_documents

    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return read_documents(f)[0]


def primaries(index_dir, backend: str) -> dict[str, list[str]]:
    """An index's text hash -> the files holding its primary copy (``backend``: the index's engine)."""
    from paperfinder.search.backend import get_backend

    out: dict[str, list[str]] = {}
    for stored in get_backend(backend)(index_dir).iter_all():
        if stored["primary"] == "1":
            out.setdefault(stored["text_hash"], []).append(stored["source"].rsplit("/", 1)[-1])
    return out
