"""A bug of ours on one paper: a user's run indexes the rest and says so; a test run stops on it."""

from __future__ import annotations

import shutil

import pytest

from paperfinder.index import build
from paperfinder.search.service import search

from .conftest import CORPUS


class Injected(RuntimeError):
    pass


def _fails_on_one(real):
    def parse(path, *args, **kwargs):
        if "004_" in str(path):
            raise Injected("injected fault")
        return real(path, *args, **kwargs)
    return parse


@pytest.fixture
def papers(tmp_path):
    d = tmp_path / "papers"
    d.mkdir()
    for p in sorted(CORPUS.glob("00[34]_*")):
        shutil.copy(p, d / p.name)
    return d


def test_a_users_run_skips_the_paper_indexes_the_rest_and_reports_the_fault(papers, tmp_path, monkeypatch):
    monkeypatch.delenv("PAPERFINDER_STRICT")
    monkeypatch.setattr(build, "parse_file", _fails_on_one(build.parse_file))
    report = build.index_paths([papers], tmp_path / "index", workers=1)
    assert report.added == 1
    ((path, reason),) = report.faults
    assert "004_" in path
    assert "skipped after an internal error (Injected: injected fault); please report it" in reason
    assert report.skipped == report.faults
    res = search("", tmp_path / "index", limit=0, facets=("doc_type",))
    assert res.total > 0  # the other paper is searchable


def test_a_test_run_stops_on_the_fault(papers, tmp_path, monkeypatch):
    monkeypatch.setenv("PAPERFINDER_STRICT", "1")
    monkeypatch.setattr(build, "parse_file", _fails_on_one(build.parse_file))
    with pytest.raises(Injected):
        build.index_paths([papers], tmp_path / "index", workers=1)


def test_an_unreadable_file_is_not_a_fault(papers, tmp_path):
    (papers / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    report = build.index_paths([papers], tmp_path / "index", workers=1)
    assert report.added == 2
    assert [p for p, _ in report.skipped] and not report.faults
