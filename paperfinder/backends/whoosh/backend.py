"""The whoosh backend: ``WhooshBackend``, the interface (``search.backend``) over the modules beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, ClassVar, Iterator

from paperfinder.backends.whoosh.compile import compile_filter, compile_query
from paperfinder.backends.whoosh.reading import per_generation
from paperfinder.backends.whoosh.schema import _Text, analyse, stop_words
from paperfinder.backends.whoosh.searching import run_query
from paperfinder.backends.whoosh.spelling import _bounded_fuzzy, correct_words
from paperfinder.backends.whoosh.store import _latest_generation, open_index
from paperfinder.backends.whoosh.values import (
    field_values,
    iter_all,
    learned_people,
    same_text,
    sources_mentioning,
    text_hashes,
    write_people_cache,
    write_value_cache,
)
from paperfinder.backends.whoosh.writer import SegmentBuilder, indexed_files, writing
from paperfinder.errors import QueryError
from paperfinder.search import backend as api
from paperfinder.search.backend import RawHit, top_values
from paperfinder.search.query import Every, Node

# whoosh pickles the schema into every index, naming each field's class by its module:
# indexes written before the split name ``paperfinder.backends.whoosh.backend._Text``
__all__ = ["WhooshBackend", "compiled", "_Text"]


def compiled(index_dir: str | Path, q: Node) -> Any:
    """The whoosh query ``run_query`` runs for a query tree: compiled with the index's
    schema, each fuzzy word replaced by the indexed words it stands for."""
    return _bounded_fuzzy(index_dir, compile_query(q, open_index(index_dir).schema))




class WhooshBackend(api.SearchBackend):
    """An index folder written with whoosh (the default backend)."""

    name: ClassVar[str] = "whoosh"

    def open(self) -> None:
        open_index(self.index_dir)

    def generation(self) -> int:
        return _latest_generation(self.index_dir)

    def writing(self, rebuild: bool = False, wait: bool = False,
                on_wait: Callable[[int | None], None] | None = None) -> Any:
        return writing(self.index_dir, rebuild=rebuild, wait=wait, on_wait=on_wait)

    def segment_builder(self, deleting: set[str], existing: bool) -> SegmentBuilder:
        return SegmentBuilder(self.index_dir, deleting, existing)

    def run_query(self, q: Node, filter_q: Node | None = None, limit: int | None = 10, sort: str = "relevance",
                  facets: tuple[str, ...] = (), snippet_terms: bool = True,
                  facet_top: int | None = None) -> tuple[int, list[RawHit], dict[str, dict[str, int]]]:
        schema = open_index(self.index_dir).schema
        try:
            wq = compiled(self.index_dir, q)
            # no filter, not a filter of every passage: the copies are then a mask, not a set to intersect
            wf = None if filter_q is None or isinstance(filter_q, Every) else compile_filter(filter_q, schema)
        except RecursionError:
            raise QueryError("query too deeply nested", "use fewer brackets and operators") from None
        total, hits, counts = run_query(self.index_dir, wq, filter_q=wf, limit=limit, sort=sort, facets=facets,
                                        snippet_terms=snippet_terms)
        if facet_top is not None:
            # whoosh counts every value anyway (one pass over the columns): the top ones are cut from that
            counts = {f: top_values(c, facet_top) for f, c in counts.items()}
        return total, hits, counts

    def analyse(self, text: str) -> list[str]:
        return analyse(text)

    def stop_words(self) -> frozenset[str]:
        return stop_words()

    def correct_words(self, words: list[str]) -> dict[str, str]:
        return correct_words(self.index_dir, words)

    def iter_all(self, field: str | None = None, value: str | None = None) -> Iterator[dict[str, Any]]:
        return iter_all(self.index_dir, field, value)

    def same_text(self, digests: list[str]) -> dict[str, list[dict[str, Any]]]:
        return same_text(self.index_dir, digests)

    def field_values(self, field: str) -> dict[str, int]:
        return field_values(self.index_dir, field)

    def text_hashes(self) -> set[str]:
        return text_hashes(self.index_dir)

    def indexed_files(self) -> dict[str, str]:
        return indexed_files(self.index_dir)

    def sources_mentioning(self, names: list[str]) -> set[str]:
        return sources_mentioning(self.index_dir, names)

    def learned_people(self) -> dict[str, list[dict]]:
        return learned_people(self.index_dir)

    def write_people_cache(self, learned: dict[str, list[dict]]) -> None:
        write_people_cache(self.index_dir, learned)

    def write_value_cache(self) -> None:
        write_value_cache(self.index_dir)

    def per_generation(self, key: str, make: Callable[[], Any]) -> Any:
        # kept with the open reader of the generation (per thread), dropped with it
        return per_generation(self.index_dir, key, make)
