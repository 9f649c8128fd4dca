"""A filter value that is one council's name chooses it, even when another council's
name holds it ("Northwold" and "Northwold and Whittington Parish Council")."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.errors import ResolveError
from paperfinder.search.service import Filters, resolve_value, search

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "authority_names"
NORTHWOLD = "Northwold Parish Council"  # line 10 of the 2011-05-11 minutes
BOTH = "Northwold and Whittington Parish Council"  # line 11 of the 2018-03-06 minutes


@pytest.fixture(scope="module")
def northwold_index(tmp_path_factory) -> Path:
    from paperfinder.index.build import index_paths

    index_dir = tmp_path_factory.mktemp("northwold")
    report = index_paths([str(p) for p in sorted(FIXTURE.glob("parish_*.md"))], index_dir)
    assert report.added == 2 and not report.skipped
    return index_dir


def _papers(index_dir: Path, authority: str) -> tuple[str, set[str]]:
    res = search("", index_dir, limit=100, filters=Filters(authority=authority))
    return res.resolved["authority"], {h.source.rsplit("/", 1)[-1] for h in res.hits}


@pytest.mark.parametrize("value", ["Northwold", "northwold", "Northwold Parish Council", "Northwold PC"])
def test_a_councils_own_name_chooses_it(northwold_index, value):
    assert _papers(northwold_index, value) == (NORTHWOLD, {"parish_northwold_annual_minutes_2011-05-11.md"})


@pytest.mark.parametrize("value", ["Northwold and Whittington", "Northwold & Whittington Parish Council"])
def test_the_longer_name_chooses_the_other(northwold_index, value):
    assert _papers(northwold_index, value) == (BOTH, {"parish_northwold_minutes_2018-03-06.md"})


def test_a_name_two_councils_share_is_ambiguous_and_lists_them():
    with pytest.raises(ResolveError) as err:
        resolve_value("authority", "Northwold", [NORTHWOLD, "Northwold Town Council", BOTH])
    assert str(err.value) == (
        "authority 'Northwold' is ambiguous (did you mean one of: Northwold Parish Council, Northwold Town Council)"
    )

