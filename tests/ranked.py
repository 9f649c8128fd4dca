"""Indexes of a fixture folder on both backends, and the rank a paper's passage comes at: shared by the
search-ranking tests (test_search_rank*.py, test_search_unseen.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.index.build import index_paths
from paperfinder.search.service import search


def index_on_both_backends(folder: Path, name: str):
    """A module-scoped fixture: ``folder`` indexed once with whoosh, once with tantivy."""

    @pytest.fixture(scope="module", params=["whoosh", "tantivy"])
    def index(request, tmp_path_factory) -> Path:
        index_dir = tmp_path_factory.mktemp(f"{name}-{request.param}") / "index"
        index_paths([str(folder)], index_dir, backend=request.param)
        return index_dir

    return index


def ranks(index_dir: Path, query: str, paper: str, quotes: list[str]) -> list[int | None]:
    """Where in the first ten hits for ``query`` each quote of ``paper`` comes (None: not there)."""
    hits = search(query, index_dir, limit=10, where_else=False).hits
    return [next((i for i, h in enumerate(hits, start=1)
                  if Path(h.source).name == paper and quote in " ".join(h.text.split())), None) for quote in quotes]


def rank(index_dir: Path, query: str, paper: str, quote: str) -> int | None:
    return ranks(index_dir, query, paper, [quote])[0]
