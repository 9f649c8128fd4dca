"""Stored values: passages by field, copies of a text, value counts and the caches written after each run."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Iterator

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import query

from paperfinder.backends.whoosh.reading import _Reading, _reading
from paperfinder.backends.whoosh.schema import analyse
from paperfinder.backends.whoosh.searching import FACET_COLUMNS, MULTI_VALUED
from paperfinder.backends.whoosh.store import guarded_read, open_index
from paperfinder.index.jsonfile import write_json as _write_json
from paperfinder.index.records import people_by_source


def iter_all(index_dir: str | Path, field: str | None = None, value: str | None = None) -> Iterator[dict[str, Any]]:
    """Stored fields of every passage (or those whose ``field`` is ``value``), in index order."""
    ix = open_index(index_dir)
    with guarded_read(index_dir), ix.searcher() as s:
        if field:
            for docnum in s.document_numbers(**{field: value}):
                yield s.stored_fields(docnum)
        else:
            for fields in s.all_stored_fields():
                yield fields


def same_text(index_dir: str | Path, digests: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Stored fields of every passage whose text hash is one of ``digests``."""
    r = _reading(index_dir)
    out: dict[str, list[dict[str, Any]]] = {}
    with guarded_read(index_dir):
        s = r.searcher
        for d in set(digests):
            out[d] = [s.stored_fields(n) for n in s.document_numbers(text_hash=d)]
    return out


VALUES_FILE = "values.json"  # facet values and counts of the current generation, written after each run
CACHED_FIELDS = ("authority", "year", "doc_type", "section_type", "people", "kinds")


def field_values(index_dir: str | Path, field: str) -> dict[str, int]:
    """Every value of a field with the number of (live, primary) passages holding it.

    Read from the cache written after each index run when it is current;
    otherwise counted from the field's column (deleted passages never show),
    or from the term list for fields without one. Kept in memory while the
    index is unchanged.
    """
    r = _reading(index_dir)
    values = r.values.get(field)
    if values is None:
        if field in CACHED_FIELDS:
            try:
                cached = json.loads((Path(index_dir) / VALUES_FILE).read_text())
                if cached.get("generation") == r.stamp[0]:
                    values = cached["fields"][field]
            except (OSError, ValueError, KeyError):
                pass
        if values is None:
            values = _count_values(r, index_dir, field)
        r.values[field] = values
    return dict(values)


def _count_values(r: _Reading, index_dir, field: str) -> dict[str, int]:
    column = FACET_COLUMNS.get(field, field)
    with guarded_read(index_dir):
        reader = r.reader
        if reader.has_column(column):
            col = r.column(column)
            primary = r.column("primary") if reader.has_column("primary") else None
            out: dict[str, int] = {}
            for docnum in reader.all_doc_ids():
                if primary is not None and primary[docnum] == "0":
                    continue
                v = col[docnum]
                if not v:
                    continue
                for part in (v.split(",") if field in MULTI_VALUED else [v]):
                    out[part] = out.get(part, 0) + 1
            return out
        out = {}
        for term, info in reader.iter_field(field):
            key = term.decode("utf-8") if isinstance(term, bytes) else term
            out[key] = info.doc_frequency()
        return out


def write_value_cache(index_dir: str | Path) -> None:
    """Count every facet field once after a run, so queries need not scan the index."""
    r = _reading(index_dir)
    data = {"generation": r.stamp[0], "fields": {f: _count_values(r, index_dir, f) for f in CACHED_FIELDS}}
    _write_json(Path(index_dir) / VALUES_FILE, data)


PEOPLE_FILE = "people.json"  # people each file's header blocks name, for the corpus registry


def learned_people(index_dir: str | Path) -> dict[str, list[dict]]:
    """source -> the people its header blocks name, for every file in the index.

    Read from the file written after each run when it is current, otherwise
    gathered again from the documents' stored people."""
    ix = open_index(index_dir)
    try:
        cached = json.loads((Path(index_dir) / PEOPLE_FILE).read_text())
        if cached.get("generation") == ix.latest_generation():
            return cached["sources"]
    except (OSError, ValueError, KeyError):
        pass
    with guarded_read(index_dir), ix.searcher() as s:
        return people_by_source(s.all_stored_fields())


def write_people_cache(index_dir: str | Path, learned: dict[str, list[dict]]) -> None:
    """Keep what each file taught the people registry, tied to the index generation."""
    ix = open_index(index_dir)
    _write_json(Path(index_dir) / PEOPLE_FILE, {"generation": ix.latest_generation(), "sources": learned})


def sources_mentioning(index_dir: str | Path, names: list[str]) -> set[str]:
    """Files with a passage holding any of ``names`` (each as a phrase)."""
    ix = open_index(index_dir)
    parts = []
    for name in names:
        words = analyse(name)
        if len(words) == 1:
            parts.append(query.Term("text", words[0]))
        elif words:
            parts.append(query.Phrase("text", words))
    if not parts:
        return set()
    out: set[str] = set()
    with guarded_read(index_dir), ix.searcher() as s:
        # a few hundred names at a time keeps whoosh's query tree shallow
        for i in range(0, len(parts), 200):
            for docnum in s.docs_for_query(query.Or(parts[i:i + 200])):
                out.add(s.stored_fields(docnum).get("source", ""))
    out.discard("")
    return out




def text_hashes(index_dir: str | Path) -> set[str]:
    """The text hash of every passage in the index, copies of a text in other files included."""
    r = _reading(index_dir)
    with guarded_read(index_dir):
        col = r.column("text_hash")
        return {col[d] for d in r.reader.all_doc_ids()}
