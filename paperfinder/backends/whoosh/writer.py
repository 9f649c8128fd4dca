"""Writing an index: primary copies of a text, the segment writers, the one writer of a folder, rebuild and swap."""

from __future__ import annotations

import os
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import index as windex
    from whoosh.writing import SegmentWriter

from paperfinder.backends.whoosh import patches as whoosh_patches
from paperfinder.backends.whoosh.schema import _exact_text
from paperfinder.backends.whoosh.scoring import _perdoc_lengths
from paperfinder.backends.whoosh.store import (
    _DAMAGE,
    _META,
    _OPEN,
    INDEX_NAME,
    _exists,
    _latest_generation,
    _read_column,
    _read_sums,
    _remove_file,
    _remove_tree,
    _segment_files,
    _unmapped,
    _write_meta,
    _write_sums,
    create_index,
    former_schema_modules,
    guarded_read,
    open_index,
)
from paperfinder.errors import IndexWriteError
from paperfinder.index import writelock
from paperfinder.index.records import unstored_fields
from paperfinder.search import backend as api
from paperfinder.search.backend import DISK_FULL, PrimaryCopies, run_after_commit


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




def indexed_files(index_dir: str | Path) -> dict[str, str]:
    """source -> content hash of every file in the index (empty if there is none)."""
    ix = open_index(index_dir)
    with guarded_read(index_dir):
        with _unmapped(ix).reader() as r:
            return _live_filekeys(r)


class _Primaries(PrimaryCopies):
    """The primary-copy rule (``search.backend.PrimaryCopies``) over a whoosh reader of the
    index as it was when the write began."""

    def __init__(self, reader=None, deleted_sources: set[str] | None = None):
        super().__init__(deleted_sources)
        self.r = reader

    def primary_sources(self, digest: str) -> Iterator[str]:
        if self.r is None or not self.r.doc_frequency("text_hash", digest):
            return
        for docnum in self.r.postings("text_hash", digest).all_ids():
            stored = self.r.stored_fields(docnum)
            if stored.get("primary") == "1":
                yield stored.get("source")


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
        former_schema_modules()
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
        # nor are the attendance list and the amounts by currency: made again as for a new passage
        stored.update(unstored_fields(stored))
        fields = {k: v for k, v in stored.items() if k in self._w.schema.names()}
        if stored.get("index_text"):  # indexed as it was first: split words joined
            fields["_stored_text"], fields["text"] = stored["text"], stored["index_text"]
        if stored.get("index_section") is not None:  # indexed as it was first: without a shared heading
            fields["_stored_section"], fields["section"] = stored.get("section", ""), stored["index_section"]
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




@contextmanager
def disk_errors(index_dir: str | Path) -> Iterator[None]:
    """A full disk (or quota, or file size limit) while writing the index: one clear error."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in DISK_FULL:
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
        run_after_commit(iw._after)


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
