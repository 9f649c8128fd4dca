"""An index folder on disk: its metadata, opening and caching an index, checksums and damage handling."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import struct
import sys
import warnings
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import index as windex
    from whoosh.filedb.filetables import FileFormatError
    from whoosh.index import IndexError as WhooshIndexError

from paperfinder.backends.whoosh import patches as whoosh_patches
from paperfinder.backends.whoosh.schema import SCHEMA_VERSION, make_schema
from paperfinder.errors import IndexCorruptError, NoIndexError, QueryError
from paperfinder.index import writelock
from paperfinder.index.jsonfile import write_json as _write_json

META_FILE = "paperfinder.json"
_META = {"schema_version": SCHEMA_VERSION, "backend": "whoosh"}  # what the folder holds, for backend_for
INDEX_NAME = "passages"


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
    import numpy  # a dependency: its frames in a traceback are the index's bytes, as whoosh's are

    dirs = [os.path.dirname(os.path.abspath(windex.__file__)), os.path.dirname(os.path.abspath(numpy.__file__))]
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


# whoosh pickles the schema into every index, naming our text field's class by the module
# it was defined in when the index was written: the releases before the package was laid
# out by stage defined it in ``paperfinder.whoosh_backend``
_FORMER_SCHEMA_MODULES = ("paperfinder.whoosh_backend",)


def former_schema_modules() -> None:
    """Let whoosh find the text field's class in an index written by an earlier release."""
    from paperfinder.backends.whoosh import schema

    for name in _FORMER_SCHEMA_MODULES:
        sys.modules.setdefault(name, schema)


def _exists(d: Path) -> bool:
    """Is there an index in ``d``? A damaged table of contents is an error, not "no"."""
    if not d.is_dir():
        return False
    former_schema_modules()
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




def _unmapped(ix):
    """The same index opened without mmap, for the indexer's bookkeeping reads.

    whoosh copies every sub-file of a memory-mapped segment it opens (stored fields,
    postings, terms) whole into memory, and the mapped pages count as well: a few
    look-ups in a large index then cost twice its size. Plain file reads fetch only
    the bytes asked for.
    """
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(ix.storage.folder, supports_mmap=False).open_index(INDEX_NAME)




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


def _latest_generation(d: Path) -> int:
    """The newest table of contents' generation in the folder (-1 if none)."""
    from whoosh.index import TOC

    pattern = TOC._pattern(INDEX_NAME)
    try:
        names = os.listdir(d)
    except OSError:
        return -1
    return max((int(m.group(1)) for m in map(pattern.match, names) if m), default=-1)




_WHOOSH_DIR = os.path.dirname(windex.__file__) + os.sep




def _raised_in_whoosh(exc: BaseException) -> bool:
    """Was ``exc`` raised by a line of whoosh's own code (the innermost frame)?"""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_WHOOSH_DIR)
