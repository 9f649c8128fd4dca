"""The right passage first on papers of councils nobody tuned for (issue 15 part 4): the rank of
the passage a reader picked for a query typed as users type it (``tests/gold/queries4.jsonl``, dev
part), on real papers of outside councils, both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.index.build import index_paths
from paperfinder.search.service import search

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "search_rank"
BALLINCOLLIG = "ballincollig_carrigaline_md_first_meeting_notes_2014-06-13.md"


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def rank_index(request, tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp(f"search-rank-{request.param}") / "index"
    index_paths([str(FIXTURES)], index_dir, backend=request.param)
    return index_dir


def _rank(index_dir: Path, query: str, paper: str, quote: str) -> int | None:
    hits = search(query, index_dir, limit=10, where_else=False).hits
    return next((i for i, h in enumerate(hits, start=1)
                 if Path(h.source).name == paper and quote in " ".join(h.text.split())), None)


def test_a_query_naming_the_council_finds_its_passage_that_does_not_repeat_the_name(rank_index):
    # the election is a passage of two lines that names no council; the paper's first passage
    # names it and holds "elected" too, and four other councils' passages elect a cathaoirleach.
    # The council the paper is of (its metadata) counts as its title: before, the election came
    # third (whoosh) or fourth (tantivy), after the paper's first passage and Sligo's (queries4 w016)
    q = "who was elected cathaoirleach ballincollig carrigaline"
    assert _rank(rank_index, q, BALLINCOLLIG, "Deirdre Forde elected unanimously") == 1
