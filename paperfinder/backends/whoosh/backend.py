"""The whoosh index backend: the only module that imports whoosh (with ``patches.py``, its
changes to whoosh's classes, which it applies when it opens or creates an index).

Holds the versioned schema, the writer (a context manager that cancels on
error, one writer at a time), incremental bookkeeping by file content hash,
and the low-level query execution used by ``search``.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import re
import shutil
import struct
import warnings
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterator

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import collectors, formats, query
    from whoosh import index as windex
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
    from whoosh.filedb.filetables import FileFormatError
    from whoosh.highlight import ContextFragmenter, Formatter, get_text
    from whoosh.index import IndexError as WhooshIndexError
    from whoosh.scoring import BM25F
    from whoosh.support.charset import accent_map
    from whoosh.writing import SegmentWriter

from paperfinder.backends.whoosh import patches as whoosh_patches
from paperfinder.backends.whoosh.compile import ValueSet, compile_filter, compile_query
from paperfinder.errors import IndexCorruptError, IndexWriteError, NoIndexError, QueryError
from paperfinder.index import writelock
from paperfinder.index.jsonfile import write_json as _write_json
from paperfinder.search import backend as api
from paperfinder.search.backend import RawHit
from paperfinder.search.query import Every, Node

# 10: line_pages (PDF page of each line of a passage), index_text; 11: about, folded accents; 12: amounts by currency, present;
# 13: exact (every word, stop words too, for phrases as written)
SCHEMA_VERSION = 13
META_FILE = "paperfinder.json"
_META = {"schema_version": SCHEMA_VERSION, "backend": "whoosh"}  # what the folder holds, for backend_for
INDEX_NAME = "passages"

# \w+(\.?\w+)* keeps "4.1" and "e.g" whole and never glues markdown ** to a word
TOKEN_PATTERN = r"\w+(\.?\w+)*"


def _text_analyzer(stop_words: bool = False):
    # accents fold for matching ("Sinn Fein" finds "Sinn Féin"); stored text keeps them.
    # ``stop_words``: every word of two letters or more, stop words too (the ``exact`` field)
    stops = StopFilter(stoplist=()) if stop_words else StopFilter()
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map) | stops | StemFilter()


def _exact_text(fields: dict[str, Any]) -> str:
    """What the ``exact`` field indexes: the passage's title, heading and text, as the
    ranking fields hold them between them."""
    return "\n".join(str(fields.get(k) or "") for k in ("title", "section", "text"))


def stop_words() -> frozenset[str]:
    """Words too common to search for unless quoted in a phrase (whoosh's English list)."""
    from whoosh.analysis import STOP_WORDS

    return frozenset(STOP_WORDS)


class _Text(TEXT):
    """A TEXT field that indexes the terms, positions and weights whoosh's analyzer
    chain gives, without running the chain token by token (most of whoosh's
    indexing time). Queries and highlighting still use the analyzer itself."""

    def index(self, value, **kwargs):
        chain = _plain_chain(self.analyzer)
        if chain is None or not isinstance(value, str) or type(self.format) is not formats.Positions:
            yield from super().index(value, **kwargs)
            return
        words, fold, stops, minsize, stem = chain
        if value.isascii():  # lowercasing ASCII first cannot change what the tokenizer matches
            tokens = words.findall(value.lower())
        else:
            tokens = [t.lower().translate(fold) for t in words.findall(value)]
        kept = [(i, t) for i, t in enumerate(tokens) if len(t) >= minsize and t not in stops]
        if not kept:
            return
        # StopFilter renumbers: the first word kept keeps its place, the next ones follow it
        first = kept[0][0]
        positions: dict[str, list[int]] = {}
        for k, (_, t) in enumerate(kept):
            term = _STEMS.get(t)
            if term is None:
                term = _STEMS[t] = stem(t)
            positions.setdefault(term, []).append(first + k)
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        boost, encode = self.format.field_boost, self.format.encode
        for term, poslist in positions.items():
            yield term.encode("utf-8"), len(poslist), float(len(poslist)) * boost, encode(poslist)


_STEMS: dict[str, str] = {}


def _plain_chain(analyzer):
    """(words regex, fold table, stop words, min length, stem function) of a
    RegexTokenizer | LowercaseFilter | CharsetFilter | StopFilter | StemFilter chain, else None."""
    items = getattr(analyzer, "items", None)
    if (
        not items
        or [type(x) for x in items] != [RegexTokenizer, LowercaseFilter, CharsetFilter, StopFilter, StemFilter]
        or items[0].gaps
        or items[3].max is not None
        or not items[3].renumber
        or items[4].ignore
        or items[4].lang
        or items[0].expression.pattern != TOKEN_PATTERN
    ):
        return None
    return _WORDS, items[2].charmap, items[3].stops, items[3].min, items[4].stemfn


# TOKEN_PATTERN with its group non-capturing, so findall gives whole words; its matches
# do not depend on case, so ASCII text may be lowercased before it is split
_WORDS = re.compile(r"\w+(?:\.?\w+)*")


def make_schema() -> Schema:
    """The versioned schema: every field of the contract's search hit."""
    text = _text_analyzer()
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        pack_id=ID(stored=True),
        source=ID(stored=True),
        filekey=ID(stored=True, sortable=True),  # source + "\0" + content hash: what was indexed
        title=_Text(analyzer=text, stored=True, field_boost=1.5),
        section=_Text(analyzer=text, stored=True, field_boost=2.0),
        text=_Text(analyzer=text, stored=True, phrase=True),
        # the passage's title, heading and text again, stop words included, for phrases written with
        # them ("not to confirm"): a field of its own, so that ranking fields keep their lengths and weights
        exact=_Text(analyzer=_text_analyzer(stop_words=True), stored=False, phrase=True),
        section_type=ID(stored=True, sortable=True),
        doc_type=ID(stored=True, sortable=True),
        authority=ID(stored=True, sortable=True),
        authorities=KEYWORD(commas=True, stored=True, scorable=False),
        about=KEYWORD(commas=True, stored=True, scorable=False),
        people=KEYWORD(commas=True, stored=True, scorable=False),
        passage_people=KEYWORD(commas=True, stored=True, scorable=False),
        # a meeting's attendance list: words for "present:Butler", whole names for --present
        present=TEXT(analyzer=RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map), stored=False),
        present_names=KEYWORD(commas=True, stored=False, scorable=False),
        acronyms=KEYWORD(commas=True, stored=True, scorable=False),  # "mash=multi agency safeguarding hub"
        primary=ID(stored=True, sortable=True),  # "1" for the first copy of a text; copies in other files are "0"
        # multi-valued facets kept as one column each, counted by splitting on ","
        people_col=ID(sortable=True),
        kinds_col=ID(sortable=True),
        date=ID(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        amount=NUMERIC(float, bits=64, stored=True, shift_step=16),  # fewer range terms: faster writes
        # the same amounts by currency, for ranges in one currency ("amount:>€10m")
        **{f"amount_{c}": NUMERIC(float, bits=64, stored=False, shift_step=16) for c in ("gbp", "eur", "usd", "cad", "aud", "nzd", "other")},
        kinds=KEYWORD(commas=True, stored=True, scorable=False),
        line_start=STORED(),
        line_end=STORED(),
        paragraphs=STORED(),
        line_nos=STORED(),
        line_pages=STORED(),
        index_text=STORED(),  # the text as indexed when it differs from the shown text (split words joined)
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
    _write_json(index_dir / META_FILE, meta, indent=1)


def _remove_file(path: Path) -> None:
    """Remove a file if it is there (removing never needs free space)."""
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _remove_tree(path: Path) -> None:
    """Remove a folder and everything in it, if it is there."""
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        pass


_DAMAGE = (WhooshIndexError, FileFormatError, EOFError, OSError, ValueError, KeyError, IndexError, TypeError, AttributeError,
           struct.error, zlib.error, pickle.UnpicklingError)
# the kinds that say the files are bad wherever they are raised; the other kinds of
# _DAMAGE (ValueError, KeyError, IndexError, TypeError, AttributeError) are what whoosh
# and numpy raise on damaged bytes, and what a bug in our own code raises
_FILE_DAMAGE = (WhooshIndexError, FileFormatError, EOFError, OSError, struct.error, zlib.error, pickle.UnpicklingError)


def _library_dirs() -> tuple[str, ...]:
    dirs = [os.path.dirname(os.path.abspath(windex.__file__))]
    try:
        import numpy

        dirs.append(os.path.dirname(os.path.abspath(numpy.__file__)))
    except ImportError:  # pragma: no cover - numpy comes with spaCy
        pass
    return tuple(d + os.sep for d in dirs)


def _is_damage(exc: BaseException) -> bool:
    """Does ``exc`` come from damaged index files (not from a bug)? A file-level kind
    anywhere, or a generic kind raised by a line of whoosh or numpy reading the files;
    raised by any other code (ours) it is a bug and goes on as it is."""
    if isinstance(exc, _FILE_DAMAGE):
        return True
    if not isinstance(exc, _DAMAGE):
        return False
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_library_dirs())


@contextmanager
def guarded_read(index_dir: str | Path) -> Iterator[None]:
    """Turn whoosh's many failures on damaged files into one clear error."""
    try:
        yield
    except (NoIndexError, IndexCorruptError, QueryError):
        raise
    except _DAMAGE as exc:
        if not _is_damage(exc):
            raise  # a bug of ours, not a damaged file
        raise IndexCorruptError(
            f"index at {index_dir} is damaged or incomplete ({type(exc).__name__})",
            "run `paperfinder index --rebuild PATH`",
        ) from exc


_OPEN: dict[str, tuple[int, Any]] = {}  # folder -> (generation, open index), reused while current


def _exists(d: Path) -> bool:
    """Is there an index in ``d``? A damaged table of contents is an error, not "no"."""
    if not d.is_dir():
        return False
    try:
        return windex.exists_in(str(d), indexname=INDEX_NAME)
    except _DAMAGE as exc:
        if not _is_damage(exc):
            raise
        raise IndexCorruptError(f"index at {d} is damaged ({type(exc).__name__})", "run `paperfinder index --rebuild PATH`") from exc


def open_index(index_dir: str | Path) -> Any:
    """Open an existing index for reading, or raise a clear error.

    Every segment is checked against the checksum written when it was
    committed (once per process and generation): damage is reported, not searched.
    """
    d = Path(index_dir)
    if d.exists() and not d.is_dir():
        raise NoIndexError(f"--index {d} is a file, not an index folder", "pass --index the folder `paperfinder index` wrote")
    key = str(d.resolve())
    cached = _OPEN.get(key)
    if cached is not None:
        try:
            if cached[1].latest_generation() == cached[0]:
                return cached[1]
        except _DAMAGE as exc:  # the folder changed under the cached index: open it again below
            if not _is_damage(exc):
                raise
    if not _exists(d):
        raise NoIndexError(f"no index at {d}", "run `paperfinder index PATH` first, or pass --index DIR")
    meta = _read_meta(d)
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise IndexCorruptError(
            f"index at {d} was built by another version (schema {meta.get('schema_version')}, need {SCHEMA_VERSION})",
            "run `paperfinder index --rebuild PATH`",
        )
    whoosh_patches.apply()
    try:
        ix = windex.open_dir(str(d), indexname=INDEX_NAME)
        toc = ix._read_toc()
        _check_sums(d, toc.segments)
        with ix.reader() as r:  # opens every segment: a damaged one fails here, not mid-search
            r.doc_count()
        _OPEN[key] = (toc.generation, ix)
        return ix
    except IndexCorruptError:
        raise
    except _DAMAGE as exc:  # whoosh raises many kinds on damaged files
        if not _is_damage(exc):
            raise  # a bug of ours (in _check_sums, say) is not a damaged index
        raise IndexCorruptError(f"index at {d} is damaged ({type(exc).__name__})", "run `paperfinder index --rebuild PATH`") from exc


SUMS_FILE = "segments.sums"  # segment file -> [size, crc32], written before the table of contents that lists it


def _segment_files(d: Path, segments) -> list[str]:
    """The files of ``segments`` in folder ``d``."""
    from whoosh.index import TOC

    ids = {seg.segment_id() for seg in segments}
    pattern = TOC._segment_pattern(INDEX_NAME)
    return sorted(n for n in os.listdir(d) if (m := pattern.match(n)) and m.group(1) in ids)


def _file_sum(path: Path) -> list[int]:
    """[size, CRC-32] of a file, read through a memory map (no copy of its bytes)."""
    import mmap

    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if not size:
            return [0, 0]
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return [size, zlib.crc32(view)]


def _read_sums(d: Path) -> dict[str, list[int]] | None:
    try:
        return json.loads((d / SUMS_FILE).read_text())
    except FileNotFoundError:
        return None
    except ValueError:
        raise IndexCorruptError(f"index damaged: {d / SUMS_FILE} cannot be read", "run `paperfinder index --rebuild PATH`") from None


def _write_sums(d: Path, segments, also: dict[str, list[int]] | None = None) -> None:
    """Record the checksum of every file of ``segments`` (computed for files not recorded yet,
    or taken from ``also``), keeping only entries of files still in the folder."""
    old = {**(_read_sums(d) or {}), **(also or {})}
    sums = {n: v for n, v in old.items() if (d / n).exists()}
    for name in _segment_files(d, segments):
        if name not in sums:
            sums[name] = _file_sum(d / name)
    _write_json(d / SUMS_FILE, sums)


def _check_sums(d: Path, segments) -> None:
    """Raise IndexCorruptError unless every file of ``segments`` matches its recorded checksum.

    An index written before checksums were kept (no sums file) is not checked."""
    sums = _read_sums(d)
    if sums is None:
        return
    for name in _segment_files(d, segments):
        if sums.get(name) != _file_sum(d / name):
            raise IndexCorruptError(
                f"index damaged: {name} in {d} does not match its checksum", "run `paperfinder index --rebuild PATH`"
            )


def create_index(index_dir: str | Path) -> Any:
    d = writelock.index_folder(index_dir)
    _write_meta(d, _META)  # first: a kill after it leaves a valid empty state
    whoosh_patches.apply()
    return windex.create_in(str(d), make_schema(), indexname=INDEX_NAME)


def _live_filekeys(reader) -> dict[str, str]:
    """source -> content hash over passages not deleted (the lexicon keeps deleted terms)."""
    if not reader.doc_count() or not reader.has_column("filekey"):
        return {}
    col = _read_column(reader, "filekey")
    out: dict[str, str] = {}
    for key in {col[docnum] for docnum in reader.all_doc_ids()}:
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


class _Primaries:
    """Which copy of a passage text is its primary: the first one indexed.

    The same passage text in several files (a report that is also an agenda
    pack item) is searched once: the first copy is ``primary``, the others are
    found through it. ``reader`` is the index as it was when the write began.
    """

    def __init__(self, reader=None, deleted_sources: set[str] | None = None):
        self.r = reader
        self.deleted_sources: set[str] = set(deleted_sources or ())
        self.orphaned: set[str] = set()  # text hashes whose primary copy was deleted
        self.claimed: set[str] = set()  # text hashes given a primary copy in this write

    def claim(self, digest: str) -> bool:
        """Whether a new passage with this text hash is the primary copy (and note it if so)."""
        if digest in self.claimed:
            return False
        if self.r is not None and digest not in self.orphaned and self.r.doc_frequency("text_hash", digest):
            for docnum in self.r.postings("text_hash", digest).all_ids():
                stored = self.r.stored_fields(docnum)
                if stored.get("primary") == "1" and stored.get("source") not in self.deleted_sources:
                    return False
        self.claimed.add(digest)
        return True


@dataclass
class BuiltSegment:
    """A segment written by ``SegmentBuilder``: whoosh's segment and, per document, (text hash, primary)."""

    segment: Any
    docs: list[tuple[str, bool]]


class SegmentBuilder(api.SegmentBuilder):
    """Writes passages into a new segment of an index, outside the indexing run's writer.

    Indexing workers each build one; the run's writer (``writing``) takes the
    segments in order with ``IndexWriter.add_segment`` and commits them with its
    own changes, so reading, tagging and whoosh's indexing all run in parallel.
    ``deleting`` are the sources the run will replace. Used as a context manager,
    it is cancelled when the block ends with an error.
    """

    def __init__(self, index_dir: str | Path, deleting: set[str], existing: bool):
        whoosh_patches.apply()  # an indexing worker process may open no index otherwise
        ix = windex.open_dir(str(index_dir), indexname=INDEX_NAME)
        # no lock: the run's writer holds it and commits this segment
        self._w = _SegmentWriter(ix, _lk=False, limitmb=128)
        self._s = _unmapped(ix).searcher() if existing else None
        self._p = _Primaries(self._s.reader() if self._s is not None else None, deleting)
        self._docs: list[tuple[str, bool]] = []

    def add(self, fields: dict[str, Any], primary: bool | None = None) -> None:
        """Add a passage; ``primary`` as planned by ``IndexWriter.plan_primaries``, if it was."""
        digest = fields["text_hash"]
        if primary is None:
            primary = self._p.claim(digest)
        elif primary:
            self._p.claimed.add(digest)
        self._w.add_document(**fields, exact=_exact_text(fields), primary="1" if primary else "0")
        self._docs.append((digest, primary))

    def finish(self) -> BuiltSegment | None:
        """Write the segment out (None if nothing was added)."""
        self._close()
        if not self._docs:
            self._w._close_segment()
            return None
        return BuiltSegment(self._w._finalize_segment(), self._docs)

    def cancel(self) -> None:
        self._close()
        # not the writer's cancel(): that removes the temporary folder other builders share,
        # and on a full disk raises again before it has closed everything
        _abandon(self._w)

    def _close(self) -> None:
        if self._s is not None:
            self._s.close()
            self._s = None


class IndexWriter(api.IndexWriter):
    """Adds and removes passages; used only inside ``writing``.

    A text in several files is searched through its primary copy (see
    ``_Primaries``); when a primary copy is removed, another is promoted.
    """

    def __init__(self, writer, searcher=None):
        self._w = writer
        self._s = searcher
        self._r = searcher.reader() if searcher is not None else None  # the index as it was when the write began
        self._p = _Primaries(self._r)
        self._after: list = []

    def after_commit(self, call: Callable[[], object]) -> None:
        """Run ``call()`` once the write is committed, still holding the writer lock."""
        self._after.append(call)

    @property
    def index_dir(self) -> str:
        """The folder this write goes to (for a rebuild, the one built aside)."""
        return self._w.storage.folder

    @property
    def existing(self) -> bool:
        """Whether the write began from an index holding passages."""
        return self._r is not None and self._r.doc_count_all() > 0

    def indexed_files(self) -> dict[str, str]:
        """What the index held when this write took the lock."""
        return _live_filekeys(self._r) if self._r is not None else {}

    def add(self, fields: dict[str, Any]) -> None:
        primary = self._p.claim(fields["text_hash"])
        self._w.add_document(**fields, exact=_exact_text(fields), primary="1" if primary else "0")

    def delete_source(self, source: str) -> None:
        if self._r is not None:
            for docnum in self._r.postings("source", source).all_ids() if self._r.doc_frequency("source", source) else ():
                stored = self._r.stored_fields(docnum)
                if stored.get("primary") == "1":
                    self._p.orphaned.add(stored["text_hash"])
        self._p.deleted_sources.add(source)
        # with this searcher, not a new one per call: whoosh's own would map and copy the index again
        self._w.delete_by_term("source", source, searcher=self._s)

    def plan_primaries(self, files: list[tuple[str, list[str]]], replacing: set[str]) -> dict[str, list[tuple[str, bool]]]:
        """Per file, (text hash, primary) of each passage, for files added in this order
        while the files in ``replacing`` are replaced: what ``add_segment`` will find,
        unless a file then fails to index."""
        p = _Primaries(self._r, self._p.deleted_sources | replacing)
        return {src: [(h, p.claim(h)) for h in hashes] for src, hashes in files}

    def add_segment(self, built: BuiltSegment | None) -> None:
        """Take a segment a ``SegmentBuilder`` wrote; call after this run's deletions.

        Its builder followed the plan (``plan_primaries``) or decided from what it
        could see; a passage whose primary copy differs from that (a file failed
        to index, a text another builder's segment also holds) is set right here by
        replacing the document.
        """
        if built is None:
            return
        wrong = [(docnum, claimed) for docnum, (digest, claimed) in enumerate(built.docs) if self._p.claim(digest) != claimed]
        if wrong:
            from whoosh.reading import SegmentReader

            reader = SegmentReader(self._w.storage, self._w.schema, built.segment)
            try:
                for docnum, claimed in wrong:
                    self._readd(dict(reader.stored_fields(docnum)), primary=not claimed)
                    built.segment.delete_document(docnum)
            finally:
                reader.close()
        self._w.built_segments.append(built.segment)

    def _readd(self, stored: dict, primary: bool) -> None:
        stored["primary"] = "1" if primary else "0"
        # the facet columns are not stored: they hold the stored lists
        stored["people_col"] = stored.get("people", "")
        stored["kinds_col"] = stored.get("kinds", "")
        fields = {k: v for k, v in stored.items() if k in self._w.schema.names()}
        if stored.get("index_text"):  # indexed as it was first: split words joined
            fields["_stored_text"], fields["text"] = stored["text"], stored["index_text"]
        fields["exact"] = _exact_text(fields)
        self._w.add_document(**fields)

    def finish(self) -> None:
        """Promote a remaining copy of every text whose primary copy went away."""
        if self._r is None:
            return
        for digest in self._p.orphaned - self._p.claimed:
            if not self._r.doc_frequency("text_hash", digest):
                continue
            for docnum in self._r.postings("text_hash", digest).all_ids():
                stored = dict(self._r.stored_fields(docnum))
                if stored.get("source") in self._p.deleted_sources:
                    continue
                self._w.delete_by_term("passage_id", stored["passage_id"])
                self._readd(stored, primary=True)
                self._p.claimed.add(digest)
                break


class _Lengths:
    """The new segment's field lengths, as whoosh's postings writer asks for them.

    It asks once per posting: each scorable field's lengths are read once into a
    list; for a field without lengths (IDs, keywords: not scorable) whoosh would
    check the disk for a length column every time.
    """

    def __init__(self, reader, schema):
        self._r = reader
        self._lengths: dict[str, list] = {}
        for name, f in schema.items():
            lengths = _perdoc_lengths(reader, name) if f.scorable else None
            if lengths is not None:
                self._lengths[name] = lengths

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._lengths.get(fieldname)
        return default if lengths is None else lengths[docnum]

    def close(self):
        self._r.close()


class _SegmentWriter(SegmentWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.built_segments: list = []  # written by SegmentBuilders, committed with this writer's changes

    def per_document_reader(self):
        return _Lengths(super().per_document_reader(), self.schema)

    def _commit_toc(self, segments):
        segments = list(segments) + self.built_segments
        # the checksums first: a table of contents never lists a segment without one
        _write_sums(Path(self.storage.folder), segments)
        super()._commit_toc(segments)


def _abandon(w) -> None:
    """Give up a whoosh writer without writing anything more.

    whoosh's own ``cancel`` closes the segment's files, which flushes them: on a
    full disk that raises again and the lock and temporary files stay. Here each
    part is closed on its own (a failed flush still closes the file) and the
    files are left for ``_remove_unlisted``.
    """
    for part in (w.perdocwriter, w.fieldwriter):
        if not part.is_closed:
            try:
                part.close()
            except OSError:  # the flush of a write that already failed: its files are removed next
                pass
    w.pool.cleanup()  # removes the pool's run files
    if w.writelock:
        w.writelock.release()
    w.is_closed = True


def _remove_unlisted(d: Path) -> None:
    """Remove what an abandoned write left in index folder ``d``: segment files its newest
    table of contents does not list, whoosh's temporary folder, half-written small files.
    Only called by the holder of the writer lock, so no other write has files in progress."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    for tmp in d.glob("*.tmp"):  # whoosh's temporary folder (passages.tmp), our small files' .tmp
        _remove_tree(tmp) if tmp.is_dir() else _remove_file(tmp)
    if _latest_generation(d) < 0:
        return
    try:
        toc = TOC.read(FileStorage(str(d)), INDEX_NAME)
    except _DAMAGE:
        return  # what is listed cannot be told: remove nothing more
    listed = set(_segment_files(d, toc.segments))
    pattern = TOC._segment_pattern(INDEX_NAME)
    for name in os.listdir(d):
        if pattern.match(name) and name not in listed:
            _remove_file(d / name)


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@contextmanager
def disk_errors(index_dir: str | Path) -> Iterator[None]:
    """A full disk (or quota, or file size limit) while writing the index: one clear error."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _DISK_FULL:
            raise
        raise IndexWriteError(
            f"cannot write the index at {index_dir}: {exc.strerror or exc}; the index is as it was before this run",
            "free some space, then run again",
        ) from exc


@contextmanager
def writing(index_dir: str | Path, rebuild: bool = False, wait: bool = False,
            on_wait: Callable[[int | None], None] | None = None) -> Iterator[IndexWriter]:
    """A write transaction: commits when the block ends, cancels on any error.

    Holds the index's writer lock (``writelock``) throughout. With ``rebuild``
    the new index is built in a folder beside the old one and swapped in only
    when complete, so an interrupted rebuild loses nothing. A failed write,
    a full disk included, leaves no file of its own behind.
    """
    d = Path(index_dir)
    with writelock.hold(d, wait=wait, on_wait=on_wait), disk_errors(d):
        aside = d.parent / (d.name + ".rebuild-tmp")
        target = aside if rebuild else d
        w = searcher = None
        try:
            _remove_tree(aside)  # what a killed rebuild left: with the lock held, no rebuild is running
            ix = open_index(d) if not rebuild and _exists(d) else create_index(target)
            # compound segments (one file each): readers open a segment whole, so a rebuild's swap
            # or a merge never pulls files from under a search (compound=False opened faster but
            # broke searches during a rebuild, and damage detection)
            w = _SegmentWriter(ix, limitmb=256)
            # opened after the lock is held, so it is the generation the writer starts from
            searcher = None if rebuild else _unmapped(ix).searcher()
            iw = IndexWriter(w, searcher)
            yield iw
            iw.finish()
            if searcher is not None:
                searcher.close()
                searcher = None
            w.commit()
            if rebuild:
                _swap_in(target, d)
        except BaseException:
            if searcher is not None:
                searcher.close()
            if w is not None and not w.is_closed:
                _abandon(w)
            if rebuild:
                _remove_tree(target)
            _remove_unlisted(d)  # segments this write's builders wrote (or a rebuild moved in)
            raise
        for call in iw._after:
            try:
                call()
            except OSError as exc:
                # the caches after a commit: when missing or stale they are counted again
                if exc.errno not in _DISK_FULL:
                    raise


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
    new_sums = _read_sums(new) or {}
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
    _write_meta(old, _META)
    _write_sums(old, toc.segments, also={n: v for n, v in new_sums.items() if n in moved})
    toc.generation = old_gen + 1
    toc.write(old_storage, INDEX_NAME)
    for f in before:
        if f not in moved:
            try:
                os.remove(old / f)
            except OSError:
                pass
    _OPEN.pop(str(old.resolve()), None)
    _remove_tree(new)


# ---- querying -----------------------------------------------------------------

class _MarkFormatter(Formatter):
    """Marks matched terms as **term** in snippets."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return "**" + get_text(text, token, replace) + "**"


FACET_COLUMNS = {"people": "people_col", "kinds": "kinds_col"}
MULTI_VALUED = {"people", "kinds"}


class _Weighting(BM25F):
    """BM25F, reading field lengths from a list per segment and field.

    whoosh looks each scored document's field length up through five Python
    calls; the lengths (one byte each in the index) are decoded once per
    segment into a list instead. Scores are unchanged.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lengths: dict[tuple[int, str], list] = {}

    def scorer(self, searcher, fieldname, text, qf=1):
        from whoosh.scoring import BM25FScorer

        sc = super().scorer(searcher, fieldname, text, qf=qf)
        if type(sc) is BM25FScorer:
            lengths = self._field_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                sc.dfl = lengths.__getitem__
                sc.__class__ = _InlineBM25FScorer
        return sc

    def _field_lengths(self, reader, fieldname: str) -> list | None:
        key = (id(reader), fieldname)
        if key not in self._lengths:
            self._lengths[key] = _read_lengths(reader, fieldname)
        return self._lengths[key]


def _inline_scorer_class():
    from whoosh.scoring import BM25FScorer

    class InlineBM25FScorer(BM25FScorer):
        """whoosh's ``bm25()`` written out in ``score``: two calls fewer per scored posting, same arithmetic."""

        def score(self, matcher):
            tf = matcher.weight()
            fl = self.dfl(matcher.id())
            K1, B = self.K1, self.B
            return self.idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / self.avgfl)))

    return InlineBM25FScorer


_InlineBM25FScorer = _inline_scorer_class()


def _read_lengths(reader, fieldname: str) -> list | None:
    """What whoosh's ``doc_field_length(docnum, fieldname, 1)`` gives for each document of a segment."""
    from whoosh.codec import whoosh3

    perdoc = getattr(reader, "_perdoc", None)
    if type(perdoc) is not whoosh3.W3PerDocReader:
        return None
    return _perdoc_lengths(perdoc, fieldname)


def _perdoc_lengths(perdoc, fieldname: str) -> list | None:
    """A field's length of each document, as a segment's per-document reader gives it
    (None for a zero byte, as whoosh answers); None when the field has no lengths."""
    from whoosh.codec import whoosh3
    from whoosh.columns import NumericColumn
    from whoosh.util.numeric import byte_to_length

    col = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if col is None:
        return None
    table = [None] + [byte_to_length(b) for b in range(1, 256)]
    if type(col) is not NumericColumn.Reader or col._fixedlen != 1:
        return [table[b] for b in col]
    # one read of the column's bytes; whoosh leaves trailing defaults out
    lengths = list(map(table.__getitem__, col._dbfile.get(col._basepos, col._count)))
    lengths.extend([table[col._default]] * (col._doccount - len(lengths)))
    return lengths


class _Reading:
    """One open searcher on one generation of an index, and what queries derive from it.

    Opening a searcher reads every compound segment into memory, and the
    columns, the set of copies and the value lists cost a pass over the
    index: all are kept while the generation is current.
    """

    def __init__(self, ix, stamp):
        self.ix = ix
        self.stamp = stamp
        self.searcher = ix.searcher(weighting=_Weighting(B=0.6, K1=1.2))
        self.reader = self.searcher.reader()
        self.columns: dict[str, list] = {}
        self.values: dict[str, dict[str, int]] = {}
        self.derived: dict[Any, Any] = {}  # keyed by name, or by (kind, column or id) tuples
        self._copies: set | None = None

    def column(self, field: str) -> list:
        """Every document's value of a sortable field as text ("" where empty), by document number."""
        col = self.columns.get(field)
        if col is None:
            col = self.columns[field] = _read_column(self.reader, field)
        return col

    def copies(self) -> set:
        """Document numbers of the non-primary copies of a text: never a hit themselves (read only)."""
        if self._copies is None:
            # a set, not a frozenset: whoosh takes only a set as a ready-made filter or mask
            self._copies = _matching(self, query.Term("primary", "0"))
        return self._copies

    def close(self) -> None:
        try:
            self.searcher.close()
        except Exception as exc:  # whoosh closing files already gone: nothing left to close
            if not _raised_in_whoosh(exc) and not isinstance(exc, OSError):
                raise


def _read_column(reader, field: str) -> list:
    """A sortable field's column as a list of text; whole, not one document at a time."""
    from whoosh.columns import TranslatingColumnReader, VarBytesColumn

    if not reader.is_atomic():  # segment by segment (indexing workers write one each)
        col: list = []
        for sub, base in reader.leaf_readers():
            col.extend([""] * (base - len(col)))
            col.extend(_read_column(sub, field))
        col.extend([""] * (reader.doc_count_all() - len(col)))
        return col
    n = reader.doc_count_all()
    cr = reader.column_reader(field)
    raw = cr.raw_column() if isinstance(cr, TranslatingColumnReader) else None
    if type(raw) is VarBytesColumn.Reader:
        # one read of the column's bytes, sliced and decoded in C loops; each
        # distinct value decoded once
        from operator import add

        offsets, lengths = raw._offsets, raw._lengths
        ends = list(map(add, offsets, lengths))
        data = raw._dbfile.get(raw._basepos, max(ends, default=0))
        keys = list(map(data.__getitem__, map(slice, offsets, ends)))
        memo = {k: (cr._translate(k) if k else "") for k in set(keys)}
        col = list(map(memo.__getitem__, keys))
    else:
        col = []
        for d in range(n):
            try:
                v = cr[d]
            except IndexError:
                v = b""
            col.append(v.decode("utf-8") if isinstance(v, bytes) else (v or ""))
    # whoosh leaves trailing empty values out of a segment's column
    col.extend([""] * (n - len(col)))
    return col


# (folder, thread) -> the reading state of the folder's current generation: a searcher's
# files keep a read position, so threads do not share one
_READING: dict[tuple[str, int], _Reading] = {}
_READING_KEPT = 8  # open indexes kept at most (tests open many)


def _toc_stamp(d: Path, generation: int) -> tuple:
    # a folder deleted and indexed again restarts at the same generation: the table
    # of contents file itself tells the two apart
    st = os.stat(d / f"_{INDEX_NAME}_{generation}.toc")
    return (generation, st.st_ino, st.st_mtime_ns, st.st_size)


def _reading(index_dir: str | Path) -> _Reading:
    """The cached reading state of the index's current generation (opened if needed)."""
    d = Path(index_dir)
    for attempt in range(4):
        generation = _latest_generation(d)
        try:
            return _open_reading(d, index_dir)
        except (IndexCorruptError, OSError):
            # a write that replaced the generation being opened (a rebuild's swap, a merge)
            # removes its files once the next one is in place: open that one instead
            if attempt == 3 or _latest_generation(d) == generation:
                raise
    raise AssertionError("unreachable")


def _latest_generation(d: Path) -> int:
    """The newest table of contents' generation in the folder (-1 if none)."""
    from whoosh.index import TOC

    pattern = TOC._pattern(INDEX_NAME)
    try:
        names = os.listdir(d)
    except OSError:
        return -1
    return max((int(m.group(1)) for m in map(pattern.match, names) if m), default=-1)


def _open_reading(d: Path, index_dir: str | Path) -> _Reading:
    import threading

    ix = open_index(d)
    folder = str(d.resolve())
    key = (folder, threading.get_ident())
    with guarded_read(index_dir):
        stamp = _toc_stamp(d, _OPEN[folder][0])
        r = _READING.get(key)
        if r is not None and r.stamp == stamp and r.ix is ix:
            return r
        if r is not None:
            r.close()
            del _READING[key]
        while len(_READING) >= _READING_KEPT:
            _READING.pop(next(iter(_READING))).close()
        r = _READING[key] = _Reading(ix, stamp)
        return r


def per_generation(index_dir: str | Path, key: str, make: Callable[[], Any]) -> Any:
    """``make()``, computed once per generation of the index (for tables derived from it)."""
    r = _reading(index_dir)
    if key not in r.derived:
        r.derived[key] = make()
    return r.derived[key]


def _matching(r: _Reading, q) -> set:
    """Document numbers matching ``q``, unscored (deleted documents never match).

    Boolean trees of terms are evaluated as set operations on whole posting
    blocks: whoosh's own ``docs_for_query`` steps matchers one document at a
    time in Python. Any other query is left to whoosh.
    """
    out: set = set()
    for sub, offset in r.searcher.leaf_searchers():
        reader = sub.reader()
        docs = _segment_docs(sub, reader, q)
        if reader.has_deletions():
            perdoc = getattr(reader, "_perdoc", None)
            docs -= set(perdoc.deleted_docs()) if perdoc is not None else {d for d in docs if reader.is_deleted(d)}
        out.update((d + offset for d in docs) if offset else docs)
    return out


def _term_docs(reader, fieldname: str, text) -> set:
    """Document numbers of a term's postings in one segment, deleted ones included."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    field = reader.schema[fieldname] if fieldname in reader.schema else None
    if field is None:
        return set()
    try:
        btext = field.to_bytes(text)
    except ValueError:
        return set()
    if (fieldname, btext) not in reader:
        return set()
    m = _postings(reader, fieldname, btext)  # deletions: taken out once per segment instead
    if not isinstance(m, W3LeafMatcher):
        return set(m.all_ids())
    ids: set = set()
    known = whoosh_patches.block_ids.get() or {}
    pf = id(m._postfile)
    while m.is_active():
        block = known.get((pf, m._dataoffset)) if m._ids is None else m._ids
        if block is None:
            m._read_ids()
            block = m._ids
        ids.update(block)
        m._next_block()
    return ids


def _postings(reader, fieldname: str, btext: bytes):
    """A term's raw matcher in one segment (deleted documents are taken out by the caller)."""
    from whoosh.matching.wrappers import FilterMatcher

    m = reader.postings(fieldname, btext)
    return m.child if isinstance(m, FilterMatcher) else m


def _term_positions(reader, fieldname: str, btext: bytes, within: set, fmt) -> dict:
    """docnum -> positions of a term, for the documents in ``within`` only."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    m = _postings(reader, fieldname, btext)
    out: dict = {}
    if not isinstance(m, W3LeafMatcher):
        while m.is_active():
            if m.id() in within:
                out[m.id()] = m.value_as("positions")
            m.next()
        return out
    known = whoosh_patches.block_ids.get() or {}
    pf = id(m._postfile)
    decode = fmt.decode_positions
    while m.is_active():
        ids = known.get((pf, m._dataoffset)) if m._ids is None else m._ids
        if ids is None:
            m._read_ids()
            ids = m._ids
        if not within.isdisjoint(ids):  # only blocks holding a candidate are unpacked
            values = known.get((pf, m._dataoffset, "values")) if m._values is None else m._values
            if values is None:
                m._read_values()
                values = m._values
            for d, v in zip(ids, values):
                if d in within:
                    out[d] = decode(v)
        m._next_block()
    return out


def _phrase_docs(reader, q, holding_all: set | None = None) -> set | None:
    """Documents holding a phrase's words at consecutive positions, as whoosh's Phrase matches them.

    Candidates are the documents holding every word (set operations on
    posting blocks), or ``holding_all`` when the caller already knows them
    (possibly narrowed further); positions are read for those only. None:
    leave the query to whoosh.
    """
    from whoosh.formats import Positions

    if q.fieldname not in reader.schema:
        return set()
    field = reader.schema[q.fieldname]
    if type(field.format) is not Positions or q.slop != 1 or len(q.words) < 2:
        return None
    words = []
    for w in q.words:
        try:
            bw = field.to_bytes(w)
        except ValueError:
            return set()
        if (q.fieldname, bw) not in reader:
            return set()
        words.append(bw)
    if holding_all is not None:
        cands = holding_all
    else:
        parts = sorted((_term_docs(reader, q.fieldname, w) for w in words), key=len)
        cands = parts[0]
        for p in parts[1:]:
            cands &= p
    if not cands:
        return set()
    positions = [_term_positions(reader, q.fieldname, w, cands, field.format) for w in words]
    out = set()
    for d in cands:
        # whoosh's ordered span join with slop 1: word k at the first word's position + k
        starts = set(positions[0].get(d, ()))
        for k in range(1, len(words)):
            if not starts:
                break
            starts.intersection_update(p - k for p in positions[k].get(d, ()))
        if starts:
            out.add(d)
    return out


def _segment_docs(sub, reader, q) -> set:
    """Document numbers matching ``q`` in one segment (deleted ones may be included)."""
    t = type(q)
    if t is ValueSet:
        return _value_set_docs(reader, q)
    if t is query.Term and not q.minquality:
        return _term_docs(reader, q.fieldname, q.text)
    if t in (query.And, query.Require):
        parts = sorted((_segment_docs(sub, reader, c) for c in q.children()), key=len)
        if not parts:
            return set()
        docs = parts[0]
        for p in parts[1:]:
            docs &= p
        return docs
    if isinstance(q, query.Or):  # Or's minmatch is not implemented by whoosh: a union
        docs = set()
        for c in q.children():
            docs |= _segment_docs(sub, reader, c)
        return docs
    if t is query.AndNot:
        return _segment_docs(sub, reader, q.a) - _segment_docs(sub, reader, q.b)
    if t is query.AndMaybe:
        return _segment_docs(sub, reader, q.a)
    if t in (query.NumericRange, query.DateRange):  # amounts: an Or of terms and term ranges
        return _segment_docs(sub, reader, q._compile_query(reader))
    if t is query.ConstantScoreQuery:
        return _segment_docs(sub, reader, q.child)
    if q is query.NullQuery:
        return set()
    if t is query.Phrase:
        docs = _phrase_docs(reader, q)
        if docs is not None:
            return docs
    if isinstance(q, query.MultiTerm) and t.matcher is query.MultiTerm.matcher:
        # ranges and fuzzy terms: the union of the terms they expand to, as whoosh matches them
        docs = set()
        for word in q._btexts(reader):
            if word:
                docs |= _term_docs(reader, q.field(), word)
        return docs
    return set(q.docs(sub))


def run_query(
    index_dir: str | Path,
    q: Any,
    filter_q: Any = None,
    limit: int | None = 10,
    sort: str = "relevance",
    facets: tuple[str, ...] = (),
    snippet_terms: bool = True,
) -> tuple[int, list[RawHit], dict[str, dict[str, int]]]:
    """Run a parsed query with an optional filter; returns (total, hits, facet counts)."""
    r = _reading(index_dir)
    with whoosh_patches.remembering_blocks():
        return _run_query(r, index_dir, q, filter_q, limit, sort, facets, snippet_terms)


def _run_query(r: _Reading, index_dir, q, filter_q, limit, sort, facets, snippet_terms):
    s = r.searcher
    with guarded_read(index_dir):
        # copies of a text in other files are found through their primary copy: they are
        # taken out as sets of document numbers (whoosh checks each match against a set
        # in C), the copies' set kept per generation
        copies = r.copies()
        allow = None
        if filter_q is not None:
            allow = _matching(r, filter_q) - copies
            if not allow:  # whoosh reads an empty filter as no filter
                return 0, [], {f: {} for f in facets}
        kwargs: dict[str, Any] = {"limit": limit or 1 if limit is not None else None}  # whoosh wants 1 or more; --limit 0 counts only
        if allow is not None:
            kwargs["filter"] = allow
        elif copies:
            kwargs["mask"] = copies
        if sort == "newest":
            kwargs.update(sortedby="date", reverse=True)
        elif sort == "oldest":
            kwargs.update(sortedby="date")
        fast = _scored_in_arrays(r, q, allow, copies, limit, facets) if SCORE_IN_ARRAYS and sort == "relevance" and limit else None
        if fast is not None:
            total, results, docs = fast
            counts = _facet_counts(r, docs, facets) if facets else {}
            return total, _raw_hits(results, limit, sort, snippet_terms), counts
        try:
            c = s.collector(**kwargs)
            inner = c.child if isinstance(c, collectors.FilterCollector) else c
            seen: list[int] = []
            if type(inner) is collectors.TopCollector:
                # the documents the scored pass collects: all of them when whoosh
                # could not skip blocks (phrases, for one), so no second pass is needed
                collect = inner._collect

                def recording(docnum, score, add=seen.append):
                    add(docnum)
                    return collect(docnum, score)

                inner._collect = recording
            s.search_with_collector(q, c)
            results = c.results()
            docs = None
            if type(inner) is not collectors.TopCollector:
                # every match was collected (and filtered): the count whoosh gives
                docs = set(inner.docset)
                total = len(docs)
            elif inner.computes_count():
                total = len(seen)  # what whoosh counts when it skipped nothing
                if facets:
                    docs = _matching(r, q)
            else:
                # whoosh skipped blocks that could not reach the top N: one
                # unscored pass gives the total and the facet counts
                docs = _matching(r, q)
            if docs is not None and type(inner) is collectors.TopCollector:
                if allow is not None:
                    docs &= allow
                else:
                    docs -= copies
                if not inner.computes_count():
                    total = len(docs)
        except (QueryError, *_DAMAGE):
            raise
        counts = _facet_counts(r, docs, facets) if facets else {}
        return total, _raw_hits(results, limit, sort, snippet_terms), counts


def _coded_counts(r: _Reading, column: str, docnums) -> dict[str, int]:
    """Distinct stored strings of a column and how many of ``docnums`` hold each, by bincount."""
    import numpy as np

    key = ("codes", column)
    coded = r.derived.get(key)
    if coded is None:
        labels: dict[str, int] = {}
        col = r.column(column)
        codes = np.fromiter((labels.setdefault(v, len(labels)) for v in col), dtype=np.int64, count=len(col))
        coded = r.derived[key] = (codes, list(labels))
    codes, names = coded
    n = np.bincount(codes[docnums], minlength=len(names))
    return {names[i]: int(n[i]) for i in np.flatnonzero(n)}


def _raw_hits(results, limit, sort, snippet_terms) -> list[RawHit]:
    results.fragmenter = ContextFragmenter(maxchars=220, surround=60)
    results.formatter = _MarkFormatter()
    hits = []
    for hit in (results[:limit] if limit is not None else results):
        fields = dict(hit.fields())
        snip = (lambda hit=hit: _snippet_of(hit)) if snippet_terms else ""
        # sorted by date, whoosh puts the sort key where the score goes
        score = float(hit.score or 0.0) if sort == "relevance" else 0.0
        hits.append(RawHit(fields=fields, score=score, snippet=snip))
    return hits


class _Unsupported(Exception):
    pass


SCORE_IN_ARRAYS = True  # False: whoosh's own collector for every query (tests compare the two)


def _scored_in_arrays(r: _Reading, q, allow, copies, limit: int, facets):
    """Score every match at once with numpy: (total, whoosh Results of the top ``limit``,
    matching document numbers), or None for queries this does not cover.

    whoosh scores matches one at a time in Python, and its block-skipping
    shortcut cannot skip much when a word is in most passages. Here the
    matcher tree whoosh builds is walked instead: each term's postings are
    decoded block by block into arrays and scored with the same BM25F
    arithmetic, and unions and intersections add scores in the order whoosh's
    tree adds them, so scores are the same to the last bit. Top hits are
    ordered as whoosh orders them: score, then document number.
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with spaCy
        return None
    from whoosh.searching import Results

    s = r.searcher
    n_all = s.doc_count_all()
    scores = np.zeros(n_all)
    matched = np.zeros(n_all, dtype=bool)
    keep = None
    if allow is not None:
        keep = np.zeros(n_all, dtype=bool)
        if allow:
            keep[np.fromiter(allow, dtype=np.int64, count=len(allow))] = True
    try:
        for sub, offset in s.leaf_searchers():
            m = q.matcher(sub, s.context())
            n = sub.doc_count_all()
            # a filter's few documents spare phrases reading positions everywhere else
            within = None
            if keep is not None and len(allow) < n_all // 4:
                within = np.flatnonzero(keep[offset:offset + n])
            sc, mt = _dense(m, n, np, r, sub.reader(), within)
            scores[offset:offset + n] = sc
            matched[offset:offset + n] = mt
    except _Unsupported:
        return None
    if keep is not None:
        matched &= keep
    elif copies:
        matched &= ~_copies_array(r, np, n_all)
    cand = np.flatnonzero(matched)
    cs = scores[cand]
    k = min(limit, len(cand))
    if k < len(cand):
        # the k-th best score, then every candidate at least as good (ties at the edge included)
        kth = np.partition(cs, len(cs) - k)[len(cs) - k]
        pick = cs >= kth
        top_docs, top_scores = cand[pick], cs[pick]
    else:
        top_docs, top_scores = cand, cs
    order = np.lexsort((top_docs, -top_scores))[:k]
    top_n = [(float(top_scores[i]), int(top_docs[i])) for i in order]
    return len(cand), Results(s, q, top_n), (cand if facets else None)


def _copies_array(r: _Reading, np, n_all: int):
    arr = r.derived.get("copies_array")
    if arr is None or len(arr) != n_all:
        arr = np.zeros(n_all, dtype=bool)
        copies = r.copies()
        if copies:
            arr[np.fromiter(copies, dtype=np.int64, count=len(copies))] = True
        r.derived["copies_array"] = arr
    return arr


def _dense(m, n: int, np, r: _Reading, reader, within=None):
    """(scores, matched) over a segment's ``n`` documents for a whoosh matcher tree.

    ``within``: when a filter leaves few documents, their sorted numbers; matches
    elsewhere may be left out (the filter takes them out anyway)."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching import binary, wrappers
    from whoosh.matching.mcore import ListMatcher, NullMatcherClass

    t = type(m)
    if t is NullMatcherClass:
        return np.zeros(n), np.zeros(n, dtype=bool)
    if t is binary.UnionMatcher or t is binary.IntersectionMatcher:
        sa, ma = _dense(m.a, n, np, r, reader, within)
        sb, mb = _dense(m.b, n, np, r, reader, within)
        # where only one side matches the other adds 0.0: the same float as whoosh's
        return sa + sb, (ma | mb) if t is binary.UnionMatcher else (ma & mb)
    if t is wrappers.WrappingMatcher:
        sc, mt = _dense(m.child, n, np, r, reader, within)
        return (sc * m.boost if m.boost != 1.0 else sc), mt
    if t is wrappers.FilterMatcher:  # deleted documents
        sc, mt = _dense(m.child, n, np, r, reader, within)
        ids = np.fromiter(m._ids, dtype=np.int64, count=len(m._ids)) if m._ids else np.zeros(0, dtype=np.int64)
        if m._exclude:
            mt[ids[ids < n]] = False
        else:
            keep = np.zeros(n, dtype=bool)
            keep[ids[ids < n]] = True
            mt &= keep
        return sc, mt
    if t is W3LeafMatcher and type(m.scorer) is _InlineBM25FScorer and not m._byteids:
        return _dense_leaf(m, n, np, r, within)
    if t.__name__ == "SpanNear2Matcher" and (m.slop, m.ordered, m.mindist) == (1, True, 1):
        # a phrase: its words' intersection, scored as such, kept where the words stand in a row
        sc, mt = _dense(m.child, n, np, r, reader, within)
        leaves = [x.child if type(x) is wrappers.FilterMatcher else x for x in m.ms]
        if not all(type(x) is W3LeafMatcher for x in leaves) or len({x._term[0] for x in leaves}) != 1:
            raise _Unsupported("phrase")
        words = [x._term[1].decode("utf-8") for x in leaves]
        # the candidates are where the words' intersection matched (inside a narrow filter):
        # their postings are decoded already
        docs = _phrase_docs(reader, query.Phrase(leaves[0]._term[0], words), set(np.flatnonzero(mt).tolist()))
        if docs is None:
            raise _Unsupported("phrase")
        keep = np.zeros(n, dtype=bool)
        if docs:
            ids = np.fromiter(docs, dtype=np.int64, count=len(docs))
            keep[ids[ids < n]] = True
        return sc, mt & keep
    if t is ListMatcher and m._scorer is None and m._all_weights and m._weights is None and m._i == 0:
        # every document (query "*"): each scores the query's boost, as in whoosh
        sc, mt = np.zeros(n), np.zeros(n, dtype=bool)
        ids = np.asarray(m._ids, dtype=np.int64)
        sc[ids] = float(m._all_weights)
        mt[ids] = True
        return sc, mt
    raise _Unsupported(t.__name__)


def _dense_leaf(m, n: int, np, r: _Reading, within=None):
    """One term's postings in a segment, scored as ``_InlineBM25FScorer.score`` scores them."""
    deltas: list = []
    weights: list = []
    lens: list = []
    m.reset()  # building the tree (an intersection finding its first match) may have moved it on
    lo = 0
    while m.is_active():
        if within is not None:
            # a block holding none of the filter's documents is not decoded at all
            i = np.searchsorted(within, lo)
            lo = m._maxid + 1
            if i == len(within) or within[i] > m._maxid:
                m._next_block()
                continue
        # the block's raw data, decoded here in bulk: whoosh's _read_ids/_read_weights
        # walk each posting in Python
        if m._data is None:
            m._read_data()
        d, k = m._data, m._blocklength
        deltas.extend(d[0])
        w = d[1]
        if w is None:
            weights.extend([1.0] * k)
        elif isinstance(w, float):
            weights.extend([float(np.float32(w))] * k)  # whoosh keeps it in a float32 array
        else:
            weights.extend(w)
        lens.append(k)
        m._next_block()
    sc = np.zeros(n)
    mt = np.zeros(n, dtype=bool)
    if not deltas:
        return sc, mt
    # ids are delta-coded from 0 within each block: a cumulative sum restarted per block
    cs = np.cumsum(np.asarray(deltas, dtype=np.int64))
    lens_a = np.asarray(lens, dtype=np.int64)
    ends = np.cumsum(lens_a)
    base = np.zeros(len(lens_a), dtype=np.int64)
    base[1:] = cs[ends[:-1] - 1]
    docs = cs - np.repeat(base, lens_a)
    tf = np.asarray(weights, dtype=np.float64)
    scorer = m.scorer
    lengths = scorer.dfl.__self__  # the list _Weighting reads field lengths from
    key = ("lengths", id(lengths))
    fl_all = r.derived.get(key)
    if fl_all is None:
        fl_all = r.derived[key] = np.asarray([np.nan if v is None else v for v in lengths], dtype=np.float64)
    fl = fl_all[docs]
    K1, B = scorer.K1, scorer.B
    # the expression of _InlineBM25FScorer.score, operation for operation
    sc[docs] = scorer.idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / scorer.avgfl)))
    mt[docs] = True
    return sc, mt


def _facet_counts(r: _Reading, docnums, facets) -> dict[str, dict[str, int]]:
    """Counts of each facet value over the given passages (document numbers, any
    iterable or a numpy array), from cached columns."""
    import numpy as np

    if not hasattr(docnums, "dtype"):
        docnums = np.fromiter(docnums, dtype=np.int64)
    counts: dict[str, dict[str, int]] = {}
    for f in facets:
        # count the distinct stored strings first, then split the few distinct ones
        raw = _coded_counts(r, FACET_COLUMNS.get(f, f), docnums)
        c: dict[str, int] = {}
        for v, n in raw.items():
            if not v:
                continue
            for part in (v.split(",") if f in MULTI_VALUED else (v,)):
                c[part] = c.get(part, 0) + n
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
    out: dict[str, list[dict]] = {}
    seen: set[str] = set()
    with guarded_read(index_dir), ix.searcher() as s:
        for fields in s.all_stored_fields():
            doc_id = fields.get("doc_id", "")
            people = out.setdefault(fields.get("source", ""), [])
            if doc_id in seen:
                continue
            seen.add(doc_id)
            people.extend({"text": p.get("text", ""), "kind": p.get("kind"), "role": p.get("role")}
                          for p in (fields.get("doc_meta") or {}).get("people", []))
    return out


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


def correct_words(index_dir: str | Path, words: list[str]) -> dict[str, str]:
    """Words found in no passage -> the most frequent indexed word within one or two edits.

    Works on the stemmed body terms (no second, unstemmed word list to index);
    the suggestion is then spelled as the papers spell it.
    """
    r = _reading(index_dir)
    out: dict[str, str] = {}
    analyzer = _text_analyzer()
    with guarded_read(index_dir):
        s = r.searcher
        reader = r.reader
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

    stems: dict[str, bool] = {}  # the same words recur in every passage: analyse each once

    def stems_to(w: str) -> bool:
        hit = stems.get(w)
        if hit is None:
            hit = stems[w] = analyse(w) == [stem]
        return hit

    forms: set[str] = set()
    for docnum in islice(searcher.reader().postings("text", stem).all_ids(), 20):
        text = searcher.stored_fields(docnum).get("text", "")
        forms.update(w for w in {t.lower() for t in re.findall(r"[A-Za-z]+", text)} if stems_to(w))
    return max(forms, key=lambda f: fuzz.ratio(f, near)) if forms else stem


_ANALYZER = None  # one analyzer for ``analyse``: its stemmer keeps a cache of the words it has seen


def analyse(text: str) -> list[str]:
    """The terms the body field would index for ``text`` (lower-cased, stemmed, no stop words)."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = _text_analyzer()
    return [t.text for t in _ANALYZER(text)]


def _value_set_docs(reader, q: ValueSet) -> set:
    if not q.values:
        return set()
    if not reader.has_column(q.fieldname):
        return _segment_docs(None, reader, q.terms_query())
    values = q.values
    return {d for d, v in enumerate(_read_column(reader, q.fieldname)) if v in values}


def text_hashes(index_dir: str | Path) -> set[str]:
    """The text hash of every passage in the index, copies of a text in other files included."""
    r = _reading(index_dir)
    with guarded_read(index_dir):
        col = r.column("text_hash")
        return {col[d] for d in r.reader.all_doc_ids()}


_WHOOSH_DIR = os.path.dirname(windex.__file__) + os.sep


def _snippet_of(hit) -> str:
    try:
        return hit.highlights("text", top=2)
    except Exception as exc:  # whoosh's highlighter fails on some texts: no snippet, the hit stays
        if not _raised_in_whoosh(exc):
            raise
        return ""


def _raised_in_whoosh(exc: BaseException) -> bool:
    """Was ``exc`` raised by a line of whoosh's own code (the innermost frame)?"""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_WHOOSH_DIR)


def compiled(index_dir: str | Path, q: Node) -> Any:
    """The whoosh query ``run_query`` runs for a query tree: compiled with the index's
    schema, each fuzzy word replaced by the indexed words it stands for."""
    return _bounded_fuzzy(index_dir, compile_query(q, open_index(index_dir).schema))


FUZZY_MAX_DISTANCE = 2  # word~N: at most 2 edits, whatever N
FUZZY_MAX_TERMS = 50  # the words one fuzzy term stands for at most: the nearest, then the most frequent
FUZZY_SECONDS = 1.0  # time for expanding all fuzzy terms of a query; past it a fuzzy term is its word only


def _bounded_fuzzy(ix_dir: str | Path, q):
    """``q`` with each fuzzy term (``word~2``) replaced by the indexed words it stands
    for, capped: whoosh expands one by walking the whole term list in Python (about
    1.4 s a term on 5,000 passages, without limit); here the words are found in the
    field's term list with rapidfuzz, within FUZZY_MAX_TERMS and FUZZY_SECONDS."""
    if not _has_fuzzy(q):
        return q
    import time

    deadline = time.monotonic() + FUZZY_SECONDS

    def bounded(node):
        if isinstance(node, query.FuzzyTerm):
            words = _fuzzy_words(ix_dir, node) if time.monotonic() < deadline else []
            words = words or [node.text]
            return query.Or([query.Term(node.fieldname, w) for w in words], boost=node.boost)
        return node.apply(bounded)

    return bounded(q)


def _has_fuzzy(q) -> bool:
    return isinstance(q, query.FuzzyTerm) or any(_has_fuzzy(c) for c in q.children())


def _fuzzy_words(ix_dir: str | Path, node) -> list[str]:
    """Indexed words of the node's field within its edit distance (capped), nearest first."""
    from bisect import bisect_left

    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    r = _reading(ix_dir)
    field = node.fieldname
    words = per_generation(ix_dir, f"terms:{field}", lambda: sorted(
        t.decode("utf-8") if isinstance(t, bytes) else t for t in r.reader.lexicon(field)
    ) if field in r.reader.indexed_field_names() else [])
    text = node.text.lower()
    prefix = text[:node.prefixlength]
    if prefix:
        words = words[bisect_left(words, prefix):bisect_left(words, prefix + "\U0010ffff")]
    maxdist = min(int(node.maxdist), FUZZY_MAX_DISTANCE)
    found = process.extract(text, words, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None)
    found.sort(key=lambda m: (m[1], -r.reader.doc_frequency(field, m[0])))
    return [w for w, _dist, _i in found[:FUZZY_MAX_TERMS]]


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
                  facets: tuple[str, ...] = (), snippet_terms: bool = True) -> tuple[int, list[RawHit], dict[str, dict[str, int]]]:
        schema = open_index(self.index_dir).schema
        try:
            wq = compiled(self.index_dir, q)
            # no filter, not a filter of every passage: the copies are then a mask, not a set to intersect
            wf = None if filter_q is None or isinstance(filter_q, Every) else compile_filter(filter_q, schema)
        except RecursionError:
            raise QueryError("query too deeply nested", "use fewer brackets and operators") from None
        return run_query(self.index_dir, wq, filter_q=wf, limit=limit, sort=sort, facets=facets, snippet_terms=snippet_terms)

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
