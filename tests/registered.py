"""The decisions register over a folder of small minutes, for the register tests (one index a module)."""

from __future__ import annotations

from pathlib import Path

from paperfinder.index.build import index_paths
from paperfinder.reports.registers import list_events


def register_events(folder: Path, where: Path) -> tuple[list, list]:
    """Index ``folder`` into ``where`` and list its decisions: (as ``decisions`` lists them, with the procedural
    items too), oldest first."""
    index_paths([folder], where)
    _total, listed = list_events("decision", "", where, limit=None, sort="oldest")
    _total, every = list_events("decision", "", where, limit=None, sort="oldest", procedural=True)
    return listed, every


def one(events: list, words: str):
    """The one event whose text holds ``words`` (the test fails with every event's text when not one)."""
    found = [e for e in events if words in e.text]
    assert len(found) == 1, [e.text for e in events]
    return found[0]
