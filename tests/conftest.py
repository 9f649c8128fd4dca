"""Shared fixtures: one index of the bundled corpus per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = FIXTURES / "samples"


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """The bundled corpus indexed with the full pipeline (entities included)."""
    from paperfinder.indexer import index_paths

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
    from paperfinder.indexer import index_paths

    index_dir = tmp_path_factory.mktemp("web-index")
    report = index_paths([str(CORPUS), str(HOSTILE_PAPER)], index_dir)
    assert report.added == 6 and not report.skipped
    return index_dir
