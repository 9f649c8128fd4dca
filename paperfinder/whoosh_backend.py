"""The whoosh index backend: the only module that imports whoosh.

Holds the versioned schema, the writer (a context manager that cancels on
error, one writer at a time), incremental bookkeeping by file content hash,
and the low-level query execution used by ``search``.
"""

from __future__ import annotations

import json
import pickle
import struct
import zlib
import re
import os
import shutil
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import index as windex
    from whoosh import qparser, query, sorting
    from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
    from whoosh.highlight import ContextFragmenter, Formatter, get_text
    from whoosh.index import LockError
    from whoosh.scoring import BM25F
    from whoosh.filedb.filetables import FileFormatError
    from whoosh.index import IndexError as WhooshIndexError
    from whoosh.writing import SegmentWriter

from .errors import IndexCorruptError, IndexLockedError, NoIndexError, QueryError

SCHEMA_VERSION = 9
META_FILE = "paperfinder.json"
INDEX_NAME = "passages"

# \w+(\.?\w+)* keeps "4.1" and "e.g" whole and never glues markdown ** to a word
TOKEN_PATTERN = r"\w+(\.?\w+)*"


def _text_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter() | StemFilter()


def make_schema() -> Schema:
    """The versioned schema: every field of the contract's search hit."""
    text = _text_analyzer()
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        pack_id=ID(stored=True),
        source=ID(stored=True),
        filekey=ID(stored=True, sortable=True),  # source + "\0" + content hash: what was indexed
        title=TEXT(analyzer=text, stored=True, field_boost=1.5),
        section=TEXT(analyzer=text, stored=True, field_boost=2.0),
        text=TEXT(analyzer=text, stored=True, phrase=True),
        section_type=ID(stored=True, sortable=True),
        doc_type=ID(stored=True, sortable=True),
        authority=ID(stored=True, sortable=True),
        authorities=KEYWORD(commas=True, stored=True, scorable=False),
        people=KEYWORD(commas=True, stored=True, scorable=False),
        passage_people=KEYWORD(commas=True, stored=True, scorable=False),
        acronyms=KEYWORD(commas=True, stored=True, scorable=False),  # "mash=multi agency safeguarding hub"
        primary=ID(stored=True, sortable=True),  # "1" for the first copy of a text; copies in other files are "0"
        # multi-valued facets kept as one column each, counted by splitting on ","
        people_col=ID(sortable=True),
        kinds_col=ID(sortable=True),
        date=ID(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        amount=NUMERIC(float, bits=64, stored=True, shift_step=16),  # fewer range terms: faster writes
        kinds=KEYWORD(commas=True, stored=True, scorable=False),
        line_start=STORED(),
        line_end=STORED(),
        paragraphs=STORED(),
        line_nos=STORED(),
        entities=STORED(),
        text_hash=ID(stored=True, sortable=True),
        doc_meta=STORED(),
    )


def _read_meta(index_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((index_dir / META_FILE).read_text())
    except (OSError, ValueError):
        return {}


def _write_meta(index_dir: Path, meta: dict[str, Any]) -> None:
    tmp = index_dir / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(meta, indent=1))
    os.replace(tmp, index_dir / META_FILE)


_DAMAGE = (WhooshIndexError, FileFormatError, EOFError, OSError, ValueError, KeyError, IndexError, TypeError, AttributeError, struct.error, zlib.error, pickle.UnpicklingError)


@contextmanager
def guarded_read(index_dir: str | Path) -> Iterator[None]:
    """Turn whoosh's many failures on damaged files into one clear error."""
    try:
        yield
    except (NoIndexError, IndexCorruptError, QueryError):
        raise
    except _DAMAGE as exc:
        raise IndexCorruptError(
            f"index at {index_dir} is damaged or incomplete ({type(exc).__name__})",
            "run `paperfinder index --rebuild PATH`",
        )


_OPEN: dict[str, tuple[int, Any]] = {}  # folder -> (generation, open index), reused while current


def _exists(d: Path) -> bool:
    """Is there an index in ``d``? A damaged table of contents is an error, not "no"."""
    if not d.is_dir():
        return False
    try:
        return windex.exists_in(str(d), indexname=INDEX_NAME)
    except Exception as exc:
        raise IndexCorruptError(f"index at {d} is damaged ({type(exc).__name__})", "run `paperfinder index --rebuild PATH`")


def open_index(index_dir: str | Path):
    """Open an existing index for reading, or raise a clear error."""
    d = Path(index_dir)
    key = str(d.resolve())
    cached = _OPEN.get(key)
    if cached is not None:
        try:
            if cached[1].latest_generation() == cached[0]:
                return cached[1]
        except Exception:
            pass
    if not _exists(d):
        raise NoIndexError(f"no index at {d}", "run `paperfinder index PATH` first, or pass --index DIR")
    meta = _read_meta(d)
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise IndexCorruptError(
            f"index at {d} was built by another version (schema {meta.get('schema_version')}, need {SCHEMA_VERSION})",
            "run `paperfinder index --rebuild PATH`",
        )
    try:
        ix = windex.open_dir(str(d), indexname=INDEX_NAME)
        with ix.reader() as r:  # opens every segment: a damaged one fails here, not mid-search
            r.doc_count()
        _OPEN[key] = (ix.latest_generation(), ix)
        return ix
    except Exception as exc:  # whoosh raises many kinds on damaged files
        raise IndexCorruptError(f"index at {d} is damaged ({type(exc).__name__})", "run `paperfinder index --rebuild PATH`")


def create_index(index_dir: str | Path):
    d = Path(index_dir)
    d.mkdir(parents=True, exist_ok=True)
    _write_meta(d, {"schema_version": SCHEMA_VERSION})  # first: a kill after it leaves a valid empty state
    return windex.create_in(str(d), make_schema(), indexname=INDEX_NAME)


def _live_filekeys(reader) -> dict[str, str]:
    """source -> content hash over passages not deleted (the lexicon keeps deleted terms)."""
    if not reader.doc_count() or not reader.has_column("filekey"):
        return {}
    col = reader.column_reader("filekey")
    out: dict[str, str] = {}
    seen: set = set()
    for docnum in reader.all_doc_ids():
        key = col[docnum]
        if key in seen:
            continue
        seen.add(key)
        key = key.decode("utf-8") if isinstance(key, bytes) else key
        source, _, digest = key.rpartition("\0")
        out[source] = digest
    return out


def _unmapped(ix):
    """The same index opened without mmap, for the indexer's bookkeeping reads.

    whoosh copies every sub-file of a memory-mapped segment it opens (stored fields,
    postings, terms) whole into memory, and the mapped pages count as well: a few
    look-ups in a large index then cost twice its size. Plain file reads fetch only
    the bytes asked for.
    """
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(ix.storage.folder, supports_mmap=False).open_index(INDEX_NAME)


def indexed_files(index_dir: str | Path) -> dict[str, str]:
    """source -> content hash of every file in the index (empty if there is none)."""
    ix = open_index(index_dir)
    with guarded_read(index_dir):
        with _unmapped(ix).reader() as r:
            return _live_filekeys(r)


class IndexWriter:
    """Adds and removes passages; used only inside ``writing``.

    The same passage text in several files (a report that is also an agenda
    pack item) is searched once: the first copy is ``primary``, the others
    are found through it. When a primary copy is removed, another is promoted.
    """

    def __init__(self, writer, searcher=None):
        self._w = writer
        self._s = searcher
        self._r = searcher.reader() if searcher is not None else None  # the index as it was when the write began
        self._deleted_sources: set[str] = set()
        self._orphaned: set[str] = set()  # text hashes whose primary copy was deleted
        self._primaries: set[str] = set()  # text hashes given a primary copy in this write

    def indexed_files(self) -> dict[str, str]:
        """What the index held when this write took the lock."""
        return _live_filekeys(self._r) if self._r is not None else {}

    def delete_source(self, source: str) -> None:
        if self._r is not None:
            for docnum in self._r.postings("source", source).all_ids() if self._r.doc_frequency("source", source) else ():
                stored = self._r.stored_fields(docnum)
                if stored.get("primary") == "1":
                    self._orphaned.add(stored["text_hash"])
        self._deleted_sources.add(source)
        # with this searcher, not a new one per call: whoosh's own would map and copy the index again
        self._w.delete_by_term("source", source, searcher=self._s)

    def _has_primary(self, digest: str) -> bool:
        if digest in self._primaries:
            return True
        if self._r is None or digest in self._orphaned or not self._r.doc_frequency("text_hash", digest):
            return False
        for docnum in self._r.postings("text_hash", digest).all_ids():
            stored = self._r.stored_fields(docnum)
            if stored.get("primary") == "1" and stored.get("source") not in self._deleted_sources:
                return True
        return False

    def add(self, fields: dict[str, Any]) -> None:
        digest = fields["text_hash"]
        primary = not self._has_primary(digest)
        if primary:
            self._primaries.add(digest)
        self._w.add_document(**fields, primary="1" if primary else "0")

    def finish(self) -> None:
        """Promote a remaining copy of every text whose primary copy went away."""
        if self._r is None:
            return
        for digest in self._orphaned - self._primaries:
            if not self._r.doc_frequency("text_hash", digest):
                continue
            for docnum in self._r.postings("text_hash", digest).all_ids():
                stored = dict(self._r.stored_fields(docnum))
                if stored.get("source") in self._deleted_sources:
                    continue
                self._w.delete_by_term("passage_id", stored["passage_id"])
                stored["primary"] = "1"
                stored["people_col"] = stored.get("people", "")
                stored["kinds_col"] = stored.get("kinds", "")
                self._w.add_document(**{k: v for k, v in stored.items() if k in self._w.schema.names()})
                self._primaries.add(digest)
                break


class _Lengths:
    """The new segment's field lengths, as whoosh's postings writer asks for them.

    It asks once per posting, and for a field without lengths (IDs, keywords: not
    scorable) whoosh checks the disk for a length column every time. Only scorable
    fields have lengths, so the others are answered here.
    """

    def __init__(self, reader, schema):
        self._r = reader
        self._scorable = frozenset(name for name, f in schema.items() if f.scorable)

    def doc_field_length(self, docnum, fieldname, default=0):
        if fieldname in self._scorable:
            return self._r.doc_field_length(docnum, fieldname, default)
        return default

    def close(self):
        self._r.close()


class _SegmentWriter(SegmentWriter):
    def per_document_reader(self):
        return _Lengths(super().per_document_reader(), self.schema)


@contextmanager
def writing(index_dir: str | Path, rebuild: bool = False, procs: int = 1) -> Iterator[IndexWriter]:
    """A write transaction: commits when the block ends, cancels on any error.

    With ``rebuild`` the new index is built in a folder beside the old one and
    swapped in only when complete, so an interrupted rebuild loses nothing.
    """
    d = Path(index_dir)
    target = d
    if rebuild:
        target = d.parent / (d.name + ".rebuild-tmp")
        if target.exists():
            shutil.rmtree(target)
        ix = create_index(target)
    else:
        if _exists(d):
            ix = open_index(d)
        else:
            ix = create_index(d)
    try:
        # compound segments (one file each): readers open a segment whole, so a rebuild's swap
        # or a merge never pulls files from under a search (compound=False opened faster but
        # broke searches during a rebuild, and damage detection)
        kwargs = {"limitmb": 256}
        if procs > 1:
            w = ix.writer(procs=procs, multisegment=True, **kwargs)
        else:
            w = _SegmentWriter(ix, **kwargs)
    except LockError:
        raise IndexLockedError(f"another `paperfinder index` is writing to {d}", "wait for it to finish, then run again")
    # opened after the lock is held, so it is the generation the writer starts from
    searcher = None if rebuild else _unmapped(ix).searcher()
    try:
        iw = IndexWriter(w, searcher)
        yield iw
        iw.finish()
    except BaseException:
        w.cancel()
        if searcher is not None:
            searcher.close()
        if rebuild:
            shutil.rmtree(target, ignore_errors=True)
        raise
    else:
        if searcher is not None:
            searcher.close()
        w.commit()
        if rebuild:
            _swap_in(target, d)


def _swap_in(new: Path, old: Path) -> None:
    """Put a rebuilt index in place of the old one without a moment of no index.

    The new segments are moved in beside the old ones, then the new table of
    contents is written as the next generation (one atomic rename), and only
    then are the old generation's files removed. Readers see old or new, never none.
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    old.mkdir(parents=True, exist_ok=True)
    old_storage = FileStorage(str(old))
    toc_re = TOC._pattern(INDEX_NAME)
    seg_re = TOC._segment_pattern(INDEX_NAME)
    before = [f for f in os.listdir(old) if toc_re.match(f) or seg_re.match(f)]
    old_gen = TOC._latest_generation(old_storage, INDEX_NAME)
    toc = TOC.read(FileStorage(str(new)), INDEX_NAME)
    moved = set()
    for f in os.listdir(new):
        if seg_re.match(f) and not toc_re.match(f):
            os.replace(new / f, old / f)
            moved.add(f)
    _write_meta(old, {"schema_version": SCHEMA_VERSION})
    toc.generation = old_gen + 1
    toc.write(old_storage, INDEX_NAME)
    for f in before:
        if f not in moved:
            try:
                os.remove(old / f)
            except OSError:
                pass
    _OPEN.pop(str(old.resolve()), None)
    shutil.rmtree(new, ignore_errors=True)


# ---- querying -----------------------------------------------------------------

class _MarkFormatter(Formatter):
    """Marks matched terms as **term** in snippets."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return "**" + get_text(text, token, replace) + "**"


FIELD_ALIASES = {"person": "people", "authority": "authorities", "heading": "section", "type": "section_type", "kind": "kinds"}


def build_parser(ix, fields=("title", "section", "text"), any_word: bool = False):
    """Query parser over the text fields; all words must match unless ``any_word``."""
    group = qparser.OrGroup.factory(0.9) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(list(fields), schema=ix.schema, group=group)
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


@dataclass
class RawHit:
    fields: dict[str, Any]
    score: float
    snippet: str


FACET_COLUMNS = {"people": "people_col", "kinds": "kinds_col"}
MULTI_VALUED = {"people", "kinds"}
_COLUMN_CACHE: dict[tuple[str, int, str], list] = {}


def _column(ix, reader, field: str) -> list:
    """Every document's value of a sortable field, cached while the index is unchanged."""
    key = (str(ix.storage.folder), ix.latest_generation(), field)
    col = _COLUMN_CACHE.get(key)
    if col is None:
        cr = reader.column_reader(field)
        # by document number; whoosh leaves trailing empty values out of a segment's column
        col = []
        for d in range(reader.doc_count_all()):
            try:
                col.append(cr[d])
            except IndexError:
                col.append(b"")
        if len(_COLUMN_CACHE) > 32:
            _COLUMN_CACHE.clear()
        _COLUMN_CACHE[key] = col
    return col


def run_query(
    index_dir: str | Path,
    q,
    filter_q=None,
    limit: int | None = 10,
    sort: str = "relevance",
    facets: tuple[str, ...] = (),
    snippet_terms: bool = True,
) -> tuple[int, list[RawHit], dict[str, dict[str, int]]]:
    """Run a parsed query with an optional filter; returns (total, hits, facet counts)."""
    ix = open_index(index_dir)
    with guarded_read(index_dir), ix.searcher(weighting=BM25F(B=0.6, K1=1.2)) as s:
        # copies of a text in other files are found through their primary copy; a mask
        # of the (few) copies is cheaper than a filter of all the primaries
        kwargs: dict[str, Any] = {"limit": limit, "filter": filter_q, "mask": query.Term("primary", "0")}
        if sort == "newest":
            kwargs.update(sortedby="date", reverse=True)
        elif sort == "oldest":
            kwargs.update(sortedby="date")
        try:
            results = s.search(q, **kwargs)
        except (QueryError, *_DAMAGE):
            raise
        except Exception as exc:
            raise QueryError(f"query could not be run ({exc})", "check the query syntax")
        total = len(results)
        counts = _facet_counts(ix, s, q, filter_q, facets, results if limit is None else None)
        results.fragmenter = ContextFragmenter(maxchars=220, surround=60)
        results.formatter = _MarkFormatter()
        hits = []
        for hit in (results[:limit] if limit is not None else results):
            fields = dict(hit.fields())
            try:
                snip = hit.highlights("text", top=2) if snippet_terms else ""
            except Exception:
                snip = ""
            # sorted by date, whoosh puts the sort key where the score goes
            score = float(hit.score or 0.0) if sort == "relevance" else 0.0
            hits.append(RawHit(fields=fields, score=score, snippet=snip))
        return total, hits, counts


def _facet_counts(ix, s, q, filter_q, facets, all_results=None) -> dict[str, dict[str, int]]:
    """Counts of each facet value over every matching passage, from cached columns."""
    if not facets:
        return {}
    if all_results is None:
        all_results = s.search(q, limit=None, filter=filter_q, mask=query.Term("primary", "0"), scored=False)
    docnums = [d for _score, d in all_results.top_n]
    reader = s.reader()
    counts: dict[str, dict[str, int]] = {}
    for f in facets:
        col = _column(ix, reader, FACET_COLUMNS.get(f, f))
        c: dict[str, int] = {}
        if f in MULTI_VALUED:
            for d in docnums:
                v = col[d]
                if v:
                    for part in (v.decode() if isinstance(v, bytes) else v).split(","):
                        c[part] = c.get(part, 0) + 1
        else:
            for d in docnums:
                v = col[d]
                if v:
                    v = v.decode() if isinstance(v, bytes) else v
                    c[v] = c.get(v, 0) + 1
        counts[f] = c
    return counts


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
    ix = open_index(index_dir)
    out: dict[str, list[dict[str, Any]]] = {}
    with guarded_read(index_dir), ix.searcher() as s:
        for d in set(digests):
            out[d] = [s.stored_fields(n) for n in s.document_numbers(text_hash=d)]
    return out


VALUES_FILE = "values.json"  # facet values and counts of the current generation, written after each run
CACHED_FIELDS = ("authority", "year", "doc_type", "section_type", "people", "kinds")


def field_values(index_dir: str | Path, field: str) -> dict[str, int]:
    """Every value of a field with the number of (live, primary) passages holding it.

    Read from the cache written after each index run when it is current;
    otherwise counted from the field's column (deleted passages never show),
    or from the term list for fields without one.
    """
    ix = open_index(index_dir)
    if field in CACHED_FIELDS:
        try:
            cached = json.loads((Path(index_dir) / VALUES_FILE).read_text())
            if cached.get("generation") == ix.latest_generation():
                return cached["fields"][field]
        except (OSError, ValueError, KeyError):
            pass
    return _count_values(ix, index_dir, field)


def _count_values(ix, index_dir, field: str) -> dict[str, int]:
    column = FACET_COLUMNS.get(field, field)
    with guarded_read(index_dir), ix.searcher() as s:
        reader = s.reader()
        if reader.has_column(column):
            col = _column(ix, reader, column)
            primary = _column(ix, reader, "primary") if reader.has_column("primary") else None
            out: dict[str, int] = {}
            for docnum in reader.all_doc_ids():
                if primary is not None and primary[docnum] in ("0", b"0"):
                    continue
                v = col[docnum]
                if not v:
                    continue
                v = v.decode() if isinstance(v, bytes) else v
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
    ix = open_index(index_dir)
    data = {"generation": ix.latest_generation(), "fields": {f: _count_values(ix, index_dir, f) for f in CACHED_FIELDS}}
    tmp = Path(index_dir) / (VALUES_FILE + ".tmp")
    tmp.write_text(json.dumps(data))
    os.replace(tmp, Path(index_dir) / VALUES_FILE)


def correct_words(index_dir: str | Path, words: list[str]) -> dict[str, str]:
    """Words found in no passage -> the most frequent indexed word within one or two edits.

    Works on the stemmed body terms (no second, unstemmed word list to index);
    the suggestion is then spelled as the papers spell it.
    """
    ix = open_index(index_dir)
    out: dict[str, str] = {}
    analyzer = _text_analyzer()
    with guarded_read(index_dir), ix.searcher() as s:
        reader = s.reader()
        for w in words:
            lw = w.lower()
            stems = [t.text for t in analyzer(lw)]
            if len(lw) < 4 or not lw.isalpha() or len(stems) != 1 or reader.doc_frequency("text", stems[0]) > 0:
                continue
            stem = stems[0]
            cands = [c.decode() if isinstance(c, bytes) else c for c in reader.terms_within("text", stem, 2 if len(stem) > 5 else 1, prefix=1)]
            if not cands:
                continue
            best = max(cands, key=lambda t: (reader.doc_frequency("text", t), -abs(len(t) - len(stem))))
            out[w] = _surface(s, best, lw)
    return out


def _surface(searcher, stem: str, near: str) -> str:
    """The word the papers write for a stem, spelled closest to what was typed."""
    from itertools import islice

    from rapidfuzz import fuzz

    forms: set[str] = set()
    for docnum in islice(searcher.reader().postings("text", stem).all_ids(), 20):
        text = searcher.stored_fields(docnum).get("text", "")
        forms.update(w for w in {t.lower() for t in re.findall(r"[A-Za-z]+", text)} if analyse(w) == [stem])
    return max(forms, key=lambda f: fuzz.ratio(f, near)) if forms else stem


# query constructors, so that search.py need not import whoosh
def q_term(field: str, value: str):
    return query.Term(field, value)


def q_and(parts):
    parts = [p for p in parts if p is not None]
    return query.And(parts) if parts else None


def q_or(parts):
    parts = [p for p in parts if p is not None]
    return query.Or(parts) if parts else None


def q_range(field: str, low, high):
    return query.TermRange(field, low, high)


def q_numeric_range(field: str, low, high):
    return query.NumericRange(field, low, high)


def analyse(text: str) -> list[str]:
    """The terms the body field would index for ``text`` (lower-cased, stemmed, no stop words)."""
    return [t.text for t in _text_analyzer()(text)]


def q_every():
    return query.Every()


def parse(ix_dir: str | Path, text: str, fields=("title", "section", "text"), any_word: bool = False):
    ix = open_index(ix_dir)
    parser = build_parser(ix, fields, any_word)
    try:
        return parser.parse(text)
    except Exception as exc:
        raise QueryError(f"cannot parse query {text!r} ({exc})", "check quotes and brackets")
