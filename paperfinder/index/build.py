"""The indexing pipeline: files -> Documents -> passages -> tagged -> index.

Re-runs are incremental by content hash: only added, changed and removed files
are touched. Unreadable files are skipped and reported; the rest is indexed.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Generator, Iterator, NamedTuple

from paperfinder.errors import NoIndexError, PaperfinderError, ReadError
from paperfinder.index import corrections
from paperfinder.index.jsonfile import write_json
from paperfinder.index.records import document_fields, passage_record
from paperfinder.ingest.metadata import acronym_counts, authority_of_acronyms, settle_authority
from paperfinder.ingest.readers import display_source, documents_of, file_hash, iter_files, pack_documents, read_documents, read_lines, unpack_documents
from paperfinder.ingest.sections import passages_of, text_hash
from paperfinder.ingest.series import NumberedPaper, authorities_by_series, item_span
from paperfinder.model import Document, Passage
from paperfinder.search.backend import DEFAULT_BACKEND, META_FILE, SearchBackend, backend_for, backend_name_of, get_backend
from paperfinder.text.layout import running_lines
from paperfinder.text.splitwords import index_text, vocabulary


@dataclass
class IndexReport:
    """What an index run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    retagged: int = 0  # unchanged files tagged again: people learned elsewhere recur in them
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    documents: int = 0
    passages: int = 0
    seconds: float = 0.0
    bytes_read: int = 0
    segments: int | None = None  # with ``compact``: the index's segments after it

    @property
    def faults(self) -> list[tuple[str, str]]:
        """The skipped files that were skipped because of a bug of ours, not a fault of the file."""
        return [s for s in self.skipped if isinstance(s, Fault)]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.retagged)


class Fault(NamedTuple):
    """A file skipped because of a fault in paperfinder (a bug), not in the file."""

    path: str
    reason: str


@dataclass
class ParsedFile:
    source: str
    digest: str
    documents: list[Document]
    passages: list[Passage]
    size: int
    hashes: list[str] | None = None  # each passage's text_hash, as the survey made it


@dataclass
class FileSummary:
    """What one indexed file gave (its passages went to a segment)."""

    source: str
    digest: str
    documents: int
    passages: int
    size: int


# set once per worker process (see _worker_init): the people learned from the whole
# corpus, and for segment-writing workers the queue to report each file on and the
# event that tells them to stop
_CORPUS = None
_QUEUE = None
_STOP = None


@dataclass
class ReadText:
    """A file's documents and passages as the survey read and sectioned them
    (``pack_documents``), and its size then: the file is indexed as it was read,
    whatever happens to it later in the run. The survey writes them to the run's spill
    folder (``spill``), so a ten-year archive's parsed papers wait on disk, not in
    memory; ``parsed`` holds them when no spill folder could take them."""

    parsed: bytes | None
    size: int
    spill: str | None = None

    def blob(self) -> bytes:
        if self.parsed is not None:
            return self.parsed
        assert self.spill is not None
        return Path(self.spill).read_bytes()


_SPILL_DIR: str | None = None  # the run's folder for what the survey parsed; set before the workers fork
SPILL_SUFFIX = ".run-spill"


@contextmanager
def _spill_folder(index_dir: str | Path) -> Iterator[str]:
    """The run's spill folder, beside the index (``INDEX.run-spill``), emptied when the run ends.

    Called with the index's writer lock held, so a folder already there is what a killed
    run left (a SIGKILL runs no clean-up): it goes before this run writes its own. A
    folder in the system's temporary space instead would stay there for good, with a
    killed archive run's parsed papers in it.
    """
    d = Path(index_dir)
    folder = d.parent / (d.name + SPILL_SUFFIX)
    shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.mkdir()
    except OSError:  # a parent that takes no folder: the system's temporary space, as a last resort
        with tempfile.TemporaryDirectory(prefix="paperfinder-run-") as spill:
            yield spill
        return
    try:
        yield str(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _spilled(path: str, size: int, blob: bytes) -> ReadText:
    """``blob`` put in the run's spill folder; kept in memory if the folder cannot take it."""
    if _SPILL_DIR is None:
        return ReadText(blob, size)
    name = os.path.join(_SPILL_DIR, hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest())
    try:
        with open(name, "wb") as fh:
            fh.write(blob)
    except OSError:
        return ReadText(blob, size)  # a full disk costs memory here, not the file
    return ReadText(None, size, name)


def parse_file(path: str, digest: str | None = None, tag: bool = True, text: ReadText | None = None) -> ParsedFile:
    """Read, split, section and tag one file (runs in a worker process); ``text``: its
    documents and passages as the survey made them (``pack_documents``), so the file is
    not read, described and sectioned again."""
    digest = digest or _content_digest(path)
    hashes = headers = None
    if text is not None:
        docs, passages, hashes, headers = unpack_documents(text.blob())
    else:
        docs = read_documents(path)
        passages = [p for doc in docs for p in passages_of(doc)]
    for i, doc in enumerate(docs):
        settle_authority(doc, _BY_SERIES.get(f"{display_source(path)}#{i}"), _KNOWN_BODIES)
    # what sectioning reads of a document (its lines, pages and id) neither of these changes
    corrections.apply(docs, _CORRECTIONS.get(display_source(path)))
    if any(doc.page_of_line for doc in docs):
        # words the PDF text layer split are joined for indexing, on the file's own vocabulary
        vocab = vocabulary(p.text for p in passages)
        running = running_lines([(line.no, doc.page_of_line[line.no], line.text)
                                 for doc in docs for line in doc.lines if line.no in doc.page_of_line])
        for p in passages:
            indexed = p.text
            if running and any(no in running for no in p.line_nos) and len(p.line_nos) == p.text.count("\n") + 1:
                kept = [t for t, no in zip(p.text.split("\n"), p.line_nos) if no not in running]
                indexed = "\n".join(kept) if any(t.strip() for t in kept) else p.text
            p.index_text = index_text(indexed, vocab) or (indexed if indexed != p.text else None)
    if tag:
        from paperfinder.recognise.tagging import tag_documents

        tag_documents(docs, passages, corpus=_CORPUS, known=_KNOWN_BODIES, named=_NAMED_BODIES, headers=headers)
    for doc in docs:
        doc.lines = []  # not needed past this point; keeps pickling between processes small
    size = text.size if text is not None else os.path.getsize(path)
    return ParsedFile(display_source(path), digest, docs, passages, size, hashes)


_CORRECTIONS: dict[str, dict[str, str]] = {}  # the index's corrections, set before the workers fork
_KNOWN_BODIES: frozenset[str] = frozenset()  # councils named by the papers of the index and of this run
_NAMED_BODIES: frozenset[str] = frozenset()  # councils those papers name in full anywhere
_BY_SERIES: dict[str, str] = {}  # "source#n" -> the council the n-th paper's item numbering continues
NUMBERING_FILE = "numbering.json"  # the item numbering of every indexed paper, for later runs


def _content_digest(path: str | Path) -> str:
    """What decides whether a file changed: its bytes, and the corrections a user made to it."""
    return file_hash(path) + corrections.stamp(_CORRECTIONS.get(display_source(path)))


FILE_TIMEOUT = int(os.environ.get("PAPERFINDER_FILE_TIMEOUT", "600"))  # seconds one file may take


class _FileTimeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise _FileTimeout()


def _safe_parse(args: tuple[str, str, bool], text: ReadText | None = None) -> ParsedFile | tuple[str, str]:
    path, digest, tag = args
    return _read_or_skip(path, lambda: parse_file(path, digest, tag, text))


@dataclass(frozen=True)
class Numbering:
    """One paper's item numbers (see ``series``), with what it says of its council."""

    doc: int  # its place among the file's documents
    lo: int
    hi: int
    authority: str | None
    date: str | None
    acronyms: dict[str, int]  # for a paper that names no council: the initials it writes


@dataclass
class Survey:
    """A first look at one file: the people its header blocks name (when tagging),
    the text hash of each passage, in order, and its documents and passages as read
    (``pack_documents``): the second pass tags and indexes those instead of reading (for a
    PDF, parsing), describing and sectioning the file again."""

    source: str
    people: list[dict] | None
    hashes: list[str]
    text: ReadText | None = None
    bodies: list[str] = field(default_factory=list)  # the councils its papers name as their own
    numbering: list[Numbering] = field(default_factory=list)  # its papers' item numbering
    named: list[str] = field(default_factory=list)  # the councils it names in full anywhere (when tagging)


def _survey(args: tuple[str, str, bool]) -> Survey | tuple[str, str]:
    """Survey one file (runs in a worker process); (path, reason) if unreadable."""
    path, _digest, tag = args

    def look() -> Survey:
        size = os.path.getsize(path)
        lines, pages = read_lines(path)
        docs = documents_of(path, lines, pages)
        passages = [p for doc in docs for p in passages_of(doc)]
        hashes = [text_hash(p.text) for p in passages]
        people = None
        headers: list | None = None
        if tag:
            from paperfinder.recognise.tagging import people_of_documents

            headers = []  # what is read of each paper's header blocks goes on to its tagging
            people = people_of_documents(docs, headers)  # reads the documents, changes nothing
        text = _spilled(path, size, pack_documents(docs, passages, hashes, headers))  # before anything else changes them
        named: list[str] = []
        if tag:
            from paperfinder.recognise.entities import councils_named

            named = sorted(councils_named("\n".join(ln.text for ln in lines)))
        bodies = sorted({d.authority for d in docs if d.authority})
        numbering = []
        for i, d in enumerate(docs):
            if span := item_span(d.lines):
                counts = acronym_counts(d.lines) if d.authority is None else {}
                numbering.append(Numbering(i, span[0], span[1], d.authority, d.date, counts))
        return Survey(display_source(path), people, hashes, text, bodies, numbering, named)

    return _read_or_skip(path, look)


def _read_or_skip(path: str, call: Callable):
    """``call()``, or (path, reason) when the file cannot be read or takes too long."""
    # a pathological file must not stall the run: give up on it after FILE_TIMEOUT seconds
    use_alarm = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(FILE_TIMEOUT)
    try:
        return call()
    except _FileTimeout:
        return (path, f"{path}: gave up after {FILE_TIMEOUT}s (set PAPERFINDER_FILE_TIMEOUT to allow longer); please report it")
    except ReadError as exc:
        return (path, str(exc))
    except (OSError, UnicodeError, ValueError, RecursionError, MemoryError) as exc:
        return (path, f"{path}: could not be read ({type(exc).__name__}: {exc})")
    except Exception as exc:
        # a fault of ours on one file: a user's run goes on with the other files and ends
        # with exit status 2 (see ``IndexReport.faults``); a test run (PAPERFINDER_STRICT) stops on it
        if os.environ.get("PAPERFINDER_STRICT"):
            raise
        return Fault(path, f"{path}: skipped after an internal error ({type(exc).__name__}: {exc}); please report it")
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)


def _worker_init(parent: int, corpus: dict | None = None, reports=None, stop=None) -> None:
    """Workers end with the indexer, even when it is killed with SIGKILL (Linux);
    each builds the corpus people registry once."""
    global _CORPUS, _QUEUE, _STOP
    _QUEUE, _STOP = reports, stop
    # Ctrl-C reaches the whole process group: the indexer handles it (it stops its
    # workers and says so in one line); a worker would print its own traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if reports is not None:
        # the indexer reads every report before the workers exit, unless it is stopping
        # on an error: then a worker must not hang at exit on reports nobody reads
        reports.cancel_join_thread()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the indexer died before the line above took effect
        os._exit(1)
    if corpus is not None:
        from paperfinder.recognise.people import PeopleRegistry

        _CORPUS = PeopleRegistry.from_dict(corpus)


def index_paths(
    paths: list[str | Path],
    index_dir: str | Path,
    rebuild: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    tag: bool = True,
    wait: bool = False,
    on_wait: Callable[[int | None], None] | None = None,
    backend: str | None = None,
    compact: bool = False,
) -> IndexReport:
    """Index files and folders into ``index_dir``; only changed files are re-read.

    ``backend``: the search backend a new index is written with (None: the default);
    an existing index keeps the backend that wrote it, unless ``rebuild`` builds it
    again with another (naming another without ``rebuild`` is a user error).

    Another run writing the same index: ``IndexLockedError``, or with ``wait``
    this run waits for it (``on_wait(pid)`` is called once first).

    ``compact``: afterwards, the index written again as one segment where it has more
    (``SearchBackend.compact``; a tantivy index only).
    """
    global _CORRECTIONS
    t0 = time.perf_counter()
    report = IndexReport()
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise PaperfinderError(f"no such file or folder: {missing[0]}", "check the path")
    be = _backend_of_run(index_dir, backend, rebuild)
    if compact and not be.compacts:
        raise PaperfinderError(f"--compact is for a tantivy index; this one is {be.name}'s, which merges its segments itself",
                               "run again without --compact")
    _CORRECTIONS = corrections.load(index_dir) if Path(index_dir).is_dir() else {}
    files, problems = iter_files([str(p) for p in paths])
    report.skipped.extend(problems)
    if not files and not problems:
        raise PaperfinderError("no .txt, .md, .html or .pdf files found", "check the paths you gave")

    digests: dict[str, tuple[Path, str]] = {}
    for fp in files:
        try:
            digests[display_source(fp)] = (fp, _content_digest(fp))
        except OSError as exc:
            report.skipped.append((str(fp), f"cannot read ({exc.strerror or exc})"))
    roots = [display_source(p) for p in paths if Path(p).is_dir()]
    roots_files = {display_source(p) for p in paths if not Path(p).is_dir()}

    def plan(previous: dict[str, str]) -> tuple[list[tuple[str, str, bool]], list[str], int]:
        """Files to (re-)read, indexed files now gone from under the given paths, unchanged count."""
        todo = [(str(fp), digest, tag) for src, (fp, digest) in digests.items() if previous.get(src) != digest]
        removed = [
            src for src in previous
            if src not in digests and (src in roots_files or any(src.startswith(r.rstrip("/") + "/") or r == "." for r in roots))
        ]
        return todo, removed, len(digests) - len(todo)

    previous: dict[str, str] = {}
    if not rebuild:
        try:
            previous = be.indexed_files()
        except NoIndexError:
            previous = {}
    todo, removed, report.unchanged = plan(previous)
    if not todo and not removed and not rebuild:
        if compact:
            report.segments = be.compact(wait=wait, on_wait=on_wait)
        report.seconds = time.perf_counter() - t0
        return report

    workers = workers or min(2, os.cpu_count() or 1)
    # worker processes read, tag and write segments (see _written); this process holds
    # the write lock, deletes what is replaced and commits
    replaced = backend_name_of(index_dir) if rebuild and (Path(index_dir) / META_FILE).is_file() else be.name
    global _SPILL_DIR
    with be.writing(rebuild=rebuild, wait=wait, on_wait=on_wait) as w, _spill_folder(index_dir) as spill:
        _SPILL_DIR = spill
        if replaced != be.name:  # a rebuild with another engine: the old one's files go once it is in place
            w.after_commit(get_backend(replaced)(index_dir).discard)
        if not rebuild:
            # decide again now that this run holds the lock: another run may have committed meanwhile
            previous = w.indexed_files()
            todo, removed, report.unchanged = plan(previous)
        for src in removed:
            w.delete_source(src)
            report.removed += 1
        # first a look at every file (in the workers): the people its header blocks name, so
        # every paper is tagged knowing them all, and its passages' texts, so which copy of a
        # text is the primary one is decided in file order before workers write in parallel
        if tag and workers > 1 and len(todo) > 1:
            from paperfinder.recognise.tagging import warm_up

            warm_up()  # once here rather than in every worker: the pools fork from this process
        surveys: dict[str, Survey] = {}
        unreadable: dict[str, tuple[str, str]] = {}  # the survey's (path, reason): not read a second time
        # a first run's people (nothing learned before) are learned while the workers survey,
        # not by this process alone between the survey and the tagging
        learning = None
        if tag and (rebuild or not previous):
            from paperfinder.recognise.tagging import CorpusLearning

            learning = CorpusLearning()
        for s in _parsed(todo, workers, fn=_survey):
            if isinstance(s, Survey):
                surveys[s.source] = s
                if learning is not None and s.people is not None:
                    learning.add(s.source, s.people)
            else:
                unreadable[display_source(s[0])] = s
        corpus, learned, retag = _learn_people(be, todo, removed, previous, digests, surveys, rebuild, learning) if tag else (None, None, [])
        report.retagged = len(retag)
        todo = todo + retag
        order = [display_source(t[0]) for t in todo]
        replacing = set(order) & set(previous)
        planned = w.plan_primaries([(src, surveys[src].hashes) for src in order if src in surveys], replacing)
        built: list = []
        texts: dict[str, ReadText | tuple[str, str]] = {src: s.text for src, s in surveys.items() if s.text is not None}
        texts |= unreadable
        # a paper that calls its council only by its initials ("TCC") is read with the
        # councils other papers name in full; set before the writers fork
        global _KNOWN_BODIES
        known = {b for sv in surveys.values() for b in sv.bodies}
        if previous and not rebuild:
            known |= set(be.field_values("authority"))
        _KNOWN_BODIES = frozenset(known)
        # every council named in full anywhere, for initials no paper's own council explains ("EDC")
        global _NAMED_BODIES
        named = {b for sv in surveys.values() for b in sv.named}
        if previous and not rebuild:
            named |= set(be.field_values("authorities"))
        _NAMED_BODIES = frozenset(named)
        global _BY_SERIES
        numbering = _numbering_of_run(index_dir, surveys, previous if not rebuild else {}, removed)
        _BY_SERIES = authorities_by_series(
            [
                NumberedPaper(f"{src}#{n.doc}", n.lo, n.hi, n.authority or authority_of_acronyms(n.acronyms, known), n.date)
                for src, ns in numbering.items()
                for n in ns
            ]
        )
        del surveys  # the texts go on to the writers; the rest is not needed any more
        # closed on an error before the write is cancelled, so the workers have stopped by then
        with closing(_written(be.name, todo, workers, corpus, w, replacing, planned, built, texts)) as written:
            for done, res in enumerate(written, start=1):
                if progress:
                    progress(done, len(todo), res.source if isinstance(res, FileSummary) else res[0])
                if not isinstance(res, FileSummary):
                    report.skipped.append(res)
                    if learned is not None:
                        _forget(learned, res[0], previous)
                    continue
                if res.source in previous:
                    w.delete_source(res.source)
                    if previous[res.source] != res.digest:
                        report.updated += 1
                else:
                    report.added += 1
                report.documents += res.documents
                report.passages += res.passages
                report.bytes_read += res.size
        for segment in built:  # in file order, after every deletion of this run
            w.add_segment(segment)
        w.after_commit(lambda: _write_caches(be, learned))
        w.after_commit(lambda: _save_numbering(index_dir, numbering))
    _SPILL_DIR = None  # gone with the run
    if compact:
        report.segments = be.compact(wait=wait, on_wait=on_wait)
    report.seconds = time.perf_counter() - t0
    return report


def _backend_of_run(index_dir: str | Path, name: str | None, rebuild: bool) -> SearchBackend:
    """The backend a run writes with: the index's own, or ``name`` for a new index or a rebuild."""
    if name is None:
        return backend_for(index_dir, create_with=DEFAULT_BACKEND)
    cls = get_backend(name)  # an unknown name: a user error naming the known ones
    if (Path(index_dir) / META_FILE).is_file():
        current = backend_name_of(index_dir)
        if current != name and not rebuild:
            raise PaperfinderError(
                f"the index at {index_dir} was written by {current}, not {name}",
                f"add --rebuild to build it again with {name}, or leave out --backend",
            )
    return cls(index_dir)


def _numbering_of_run(index_dir: str | Path, surveys: dict[str, Survey], previous: dict[str, str], removed: list[str]) -> dict[str, list[Numbering]]:
    """Every paper's item numbering once this run is done: this run's surveys, and
    what earlier runs saved for the files this run leaves as they were."""
    kept: dict[str, list[Numbering]] = {}
    path = Path(index_dir) / NUMBERING_FILE
    if previous and path.is_file():
        saved = json.loads(path.read_text(encoding="utf-8"))
        gone = set(removed) | set(surveys)
        kept = {src: [Numbering(**n) for n in ns] for src, ns in saved.items() if src in previous and src not in gone}
    kept.update({src: sv.numbering for src, sv in surveys.items() if sv.numbering})
    return kept


def _save_numbering(index_dir: str | Path, numbering: dict[str, list[Numbering]]) -> None:
    write_json(Path(index_dir) / NUMBERING_FILE, {src: [asdict(n) for n in ns] for src, ns in sorted(numbering.items())})


def _write_caches(be: SearchBackend, learned: dict | None) -> None:
    """Facet counts and what each file taught the people registry, for the generation
    just committed (still under the writer lock, so they describe this run's commit)."""
    be.write_value_cache()
    if learned is not None:
        be.write_people_cache(learned)


def _written(backend: str, todo, workers, corpus, w, replacing: set[str], planned: dict, built: list, texts: dict) -> Generator:
    """Parse, tag and write ``todo`` into new segments: yields each file's FileSummary, or
    (path, reason) if it was skipped, as it is done; the segments go to ``built`` in order.

    Each segment is written from a run of consecutive files, so the segments keep
    the files' order and the whole pipeline (whoosh's indexing included) runs in
    parallel; the run's writer only deletes, checks primary copies and commits.
    The runs are cut by the passages the survey counted (tagging costs follow them,
    not bytes) and go to whichever worker is free; with tantivy there are several a
    worker, smaller towards the end, as one fixed run a worker left one working alone
    while the other finished (whoosh keeps one run a worker: its segments stay).
    """
    global _CORPUS
    numbered = list(enumerate(todo))
    if workers <= 1 or len(todo) < 2:
        saved, _CORPUS = _CORPUS, corpus
        try:
            with get_backend(backend)(w.index_dir).segment_builder(replacing, w.existing) as builder:
                for _, res in _write_files(numbered, builder, planned, texts):
                    yield res
                built.append(builder.finish())
        finally:
            _CORPUS = saved
        return
    costs = _costs(numbered, planned)
    if get_backend(backend).keeps_built_segments:
        chunks = _runs_of_files(numbered, workers, costs)  # one run a worker: each run is a segment searches pay for
    else:
        chunks = _shrinking_runs(numbered, 2 * workers, costs, min(SMALLEST_RUN, sum(costs) / (2 * workers)))
    reports: multiprocessing.Queue = multiprocessing.Queue()
    stop = multiprocessing.Event()
    init = (os.getpid(), corpus.to_dict() if corpus is not None else None, reports, stop)
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), initializer=_worker_init, initargs=init) as pool:
        # the pool hands each run to the next free worker, the costliest first
        first = sorted(range(len(chunks)), key=lambda c: -sum(costs[i] for i, _ in chunks[c]))
        by_run = {
            c: pool.submit(
                _write_run, chunks[c], backend, w.index_dir, replacing, w.existing,
                {s: planned[s] for s in _sources(chunks[c]) if s in planned},
                {s: texts[s] for s in _sources(chunks[c]) if s in texts},
            )
            for c in first
        }
        futures = [by_run[c] for c in range(len(chunks))]  # in file order: the segments are added so
        try:
            for _ in todo:
                while True:
                    try:
                        report = reports.get(timeout=0.2)
                    except queue.Empty:
                        report = None
                    if report is not None:
                        yield report[1]
                        break
                    # outside the except clause: the worker's error is raised with its own traceback, not as a queue.Empty's
                    for f in futures:
                        error = f.exception() if f.done() else None
                        if error is not None:
                            raise error
            built.extend(f.result() for f in futures)
        except BaseException:
            stop.set()  # the workers stop after the file in hand
            raise


# For a backend whose builders only hand their passages on (tantivy), runs are cut
# large first and smaller as the files run out (each a quarter, with two workers, of
# the cost left), so the last ones, which one worker may end on alone, are small; none
# below SMALLEST_RUN passages (about half a second of tagging; each run opens the index
# once), or for a small indexing run, below a quarter of it (two workers).
SMALLEST_RUN = 200


def _sizes(numbered: list) -> list[int]:
    sizes = []
    for _, args in numbered:
        try:
            sizes.append(max(1, os.path.getsize(args[0])))
        except OSError:
            sizes.append(1)
    return sizes


def _costs(numbered: list, planned: dict) -> list[float]:
    """What tagging each file will cost, by its passages as the survey counted them:
    bytes say little (a PDF's or an HTML page's bytes are mostly not text). A file
    the survey did not count (one tagged again, unchanged) is counted by its bytes, at
    the bytes a passage of the counted files."""
    sized = list(zip(_sizes(numbered), _sources(numbered)))
    counted = [(size, len(planned[src])) for size, src in sized if src in planned]
    per_passage = sum(s for s, _ in counted) / max(1, sum(n for _, n in counted)) if counted else 1.0
    return [max(1.0, float(len(planned[src]))) if src in planned else max(1.0, size / per_passage)
            for size, src in sized]


def _runs_of_files(numbered: list, n: int, costs: list[float] | None = None) -> list[list]:
    """``numbered`` cut into at most ``n`` runs of consecutive files of about equal cost
    (``costs``, one a file; by default their sizes)."""
    weights = costs if costs is not None else _sizes(numbered)
    share = sum(weights) / n
    runs: list[list] = [[]]
    filled = 0.0
    for item, weight in zip(numbered, weights):
        if filled >= share * len(runs) and len(runs) < n:
            runs.append([])
        runs[-1].append(item)
        filled += weight
    return [r for r in runs if r]


def _shrinking_runs(numbered: list, n: int, costs: list[float], smallest: float) -> list[list]:
    """``numbered`` cut into runs of consecutive files, each costing about ``1/n`` of what
    the files left cost (``costs``, one a file), and at least ``smallest``."""
    left = float(sum(costs))
    runs: list[list] = [[]]
    filled = 0.0
    for item, weight in zip(numbered, costs):
        if runs[-1] and filled >= max(smallest, left / n):
            runs.append([])
            left -= filled
            filled = 0.0
        runs[-1].append(item)
        filled += weight
    return runs if runs[0] else []


def _sources(numbered: list) -> list[str]:
    return [display_source(args[0]) for _, args in numbered]


def _write_run(numbered: list, backend: str, index_dir: str, replacing: set[str], existing: bool, planned: dict, texts: dict):
    """In a worker: write a run of files into one new segment, reporting each file on the queue."""
    with get_backend(backend)(index_dir).segment_builder(replacing, existing) as builder:
        for item in _write_files(numbered, builder, planned, texts):
            _QUEUE.put(item)
            if _STOP.is_set():
                builder.cancel()
                return None
        return builder.finish()


def _write_files(numbered: list, builder, planned: dict, texts: dict) -> Iterator[tuple[int, FileSummary | tuple[str, str]]]:
    """Parse, tag and add each file's passages to ``builder``; yields (position, summary or skip).
    ``texts``, by source: what the survey read of a file (``pack_documents``), or why it could not."""
    for i, args in numbered:
        found = texts.get(display_source(args[0]))
        if isinstance(found, tuple):
            yield i, found
            continue
        res: ParsedFile | FileSummary | tuple[str, str] = _safe_parse(args, found)
        if isinstance(res, ParsedFile):
            docs = {d.doc_id: d for d in res.documents}
            plan = planned.get(res.source)
            if plan is not None and len(plan) != len(res.passages):
                plan = None
            shared = {doc_id: document_fields(d) for doc_id, d in docs.items()}
            for k, p in enumerate(res.passages):
                fields = passage_record(res.source, res.digest, docs[p.doc_id], p, shared[p.doc_id],
                                        res.hashes[k] if res.hashes is not None else None)
                builder.add(fields, plan[k][1] if plan is not None and plan[k][0] == fields["text_hash"] else None)
            res = FileSummary(res.source, res.digest, len(res.documents), len(res.passages), res.size)
        yield i, res


def _learn_people(be: SearchBackend, todo, removed, previous, digests, surveys, rebuild, learning=None):
    """The corpus people registry after this run, what each file taught it, and the
    unchanged files to tag again because a person they name was learned or changed.
    ``learning``: the registry as learned while the survey went on (``CorpusLearning``)."""
    from paperfinder.recognise.tagging import changed_names, corpus_registry

    going = {display_source(t[0]) for t in todo} | set(removed)
    before = {} if rebuild or not previous else be.learned_people()
    learned = {src: people for src, people in before.items() if src not in going and src in previous}
    for src, survey in surveys.items():
        learned[src] = survey.people
    corpus = learning.registry_of(learned) if learning is not None else None
    if corpus is None:
        corpus = corpus_registry(learned)
    retag: list[tuple[str, str, bool]] = []
    if before:
        names = changed_names(corpus_registry(before), corpus)
        for src in sorted(be.sources_mentioning(names) - going) if names else ():
            if src in digests:
                fp, digest = digests[src]
            elif os.path.isfile(src):  # indexed in an earlier run from another folder
                fp, digest = Path(src), _content_digest(src)
            else:
                continue
            if digest == previous.get(src):  # a changed file waits for its own re-index
                retag.append((str(fp), digest, True))
    return corpus, learned, retag


def _forget(learned: dict, path: str, previous: dict) -> None:
    """A file that failed to index keeps what its indexed version taught (if any)."""
    src = display_source(path)
    if src in learned and src not in previous:
        del learned[src]


def _parsed(todo: list[tuple[str, str, bool]], workers: int, fn: Callable) -> Iterator:
    """Run ``fn`` on files in order, with at most a few files in flight per worker (bounded memory)."""
    if workers <= 1 or len(todo) <= 2:
        for args in todo:
            yield fn(args)
        return
    window = 4 * workers
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        it = iter(todo)
        for args in it:
            pending.append(pool.submit(fn, args))
            if len(pending) >= window:
                break
        while pending:
            yield pending.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(fn, nxt))
