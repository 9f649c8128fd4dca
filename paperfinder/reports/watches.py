"""Saved searches that say what is new (`paperfinder watch`).

A watch is a query with filters (as for ``search``, and ``--kind decision`` or
``commitment``), kept beside the index in ``INDEX/watches.json``. ``check``
gives the passages matching it that indexing added or changed since it was
last checked, then marks them seen; ``atom_feed`` gives its latest matches as
an Atom feed.

How "new" is decided
--------------------
Every passage in the index carries the hash of its words (``text_hash``:
lower-cased, punctuation dropped). Beside the index the watches keep one
shared ledger, ``INDEX/watches-seen.json``: for each passage text the index
holds, the *tick* in which the watches first found it there. Ticks are the
watches' own clock (1, 2, 3, ..., each with the time it was taken). Every
watch operation first brings the ledger up to date with one read of the index's
text-hash column: texts it does not know yet get a new tick, texts the index
no longer holds are dropped. A watch remembers the last tick it has seen; its
new passages are those matching its query and filters whose text arrived
after that tick. They are found by running the watch's search on those texts
only (a filter on the text-hash column), so a check costs what is new, not the
size of the index. ``add`` starts a watch at the latest tick; ``check`` moves
it there, ``--peek`` leaves it.

Why the words and not a generation stamp per passage: what matters is whether
the words are new, and only the words say that exactly.

- A re-index that changes nothing, and a paper indexed again unchanged (a
  touched file, ``--rebuild``, a paper tagged again for people learned
  elsewhere, a metadata correction, the same report again in an agenda pack)
  leave every text as it was: nothing is new. A stamp written at indexing
  would make all of those new.
- A changed paper brings only its changed passages: a passage whose words did
  not change keeps its hash even when an inserted line moves it (its passage
  id, which holds its first line, does change).
- A removed paper is not matched by the search any more, so never reported;
  its texts leave the ledger, and if it comes back later it is new again.
- No date filter is involved: a paper dated 2014 indexed today is new today.
- Nothing in the index changes: no schema version, no indexing cost.

What this does not call new: a passage whose words did not change but which
matches now because its metadata did (a corrected date inside a ``--since``
range). Only what indexing added or changed is new, as the issue asks.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import json
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import quote

from paperfinder.errors import NotFoundError, PaperfinderError, QueryError, ResolveError
from paperfinder.ingest.sections import text_hash
from paperfinder.model import Hit
from paperfinder.search.backend import backend_for
from paperfinder.search.service import Filters, search

FILE = "watches.json"  # the saved searches: small, readable
SEEN_FILE = "watches-seen.json"  # the ledger: when each passage text first appeared
LOCK_FILE = "watches.lock"
KINDS = ("decision", "commitment")
# the Filters fields a watch keeps (those a user gives on the command line)
FILTER_FIELDS = ("authority", "person", "since", "until", "doc_type", "section_type", "min_amount", "max_amount", "kinds", "undated", "present")
_NAME = re.compile(r"[^\W_][\w .&'-]{0,59}")
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Watch:
    """A saved search and how far it has been seen."""

    name: str
    query: str
    filters: dict[str, Any] = field(default_factory=dict)  # set Filters fields; loose names as resolved at add
    created: str = ""  # ISO time (UTC)
    seen: int = 0  # the last ledger tick this watch has seen
    checked: str | None = None  # ISO time of the last check that marked passages seen

    def search_filters(self) -> Filters:
        given: dict[str, Any] = {k: (list(v) if k == "kinds" else v) for k, v in self.filters.items()}
        return Filters(**given)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "query": self.query, "filters": dict(self.filters), "created": self.created, "checked": self.checked}

    def describe(self) -> str:
        """The search in words: 'fostering', or 'every passage; kinds=decision, min_amount=£1m'."""
        shown = {k: (",".join(v) if isinstance(v, list) else v) for k, v in self.filters.items()}
        flt = ", ".join(f"{k}={v}" for k, v in shown.items() if v is not True) + "".join(f", {k}" for k, v in shown.items() if v is True)
        return (self.query or "every passage") + (f"; {flt.lstrip(', ')}" if flt else "")


@dataclass
class WatchNews:
    """A watch's passages that are new to it."""

    watch: Watch
    new: list[Hit]

    @property
    def papers(self) -> int:
        return len({h.doc_id for h in self.new})

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.watch.name, "query": self.watch.query, "filters": dict(self.watch.filters),
                "new": [h.to_dict() for h in self.new]}


@dataclass
class WatchStatus:
    """A watch with the number of its matching passages not seen yet."""

    watch: Watch
    unseen: int

    def to_dict(self) -> dict[str, Any]:
        return self.watch.to_dict() | {"unseen": self.unseen}


@dataclass
class _Ledger:
    """Passage text hash -> the tick in which the watches first found it in the index."""

    times: list[str] = field(default_factory=list)  # tick n was taken at times[n - 1]
    texts: dict[str, int] = field(default_factory=dict)

    @property
    def clock(self) -> int:
        return len(self.times)

    def since(self, tick: int) -> set[str]:
        return {h for h, t in self.texts.items() if t > tick}

    def sync(self, index_dir: str | Path) -> bool:
        """Take in the texts the index holds now; True if the ledger changed."""
        current = backend_for(index_dir).text_hashes()
        gone = self.texts.keys() - current
        for h in gone:
            del self.texts[h]
        fresh = current - self.texts.keys()
        if fresh:
            self.times.append(_now())
            for h in fresh:
                self.texts[h] = self.clock
        return bool(gone or fresh)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# ---- the files beside the index -----------------------------------------------------

@dataclass
class _State:
    index_dir: Path
    watches: list[Watch]
    ledger: _Ledger
    ledger_changed: bool = False
    restarted: bool = False  # the ledger was lost and started again (see _load)

    def find(self, name: str) -> Watch:
        for w in self.watches:
            if w.name.casefold() == name.strip().casefold():
                return w
        known = ", ".join(w.name for w in self.watches)
        raise NotFoundError(f"no watch named {name!r}", f"watches: {known}" if known else "add one with `paperfinder watch add NAME QUERY`")


def _read_json(path: Path, what: str) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise PaperfinderError(f"cannot read {path} ({exc})", "fix or remove that file, then run the command again") from exc
    if not isinstance(data, dict):
        raise PaperfinderError(f"{path} is not a {what}", "remove it, then run the command again")
    return data


def _load(index_dir: Path) -> _State:
    data = _read_json(index_dir / FILE, "watches file") or {}
    watches = []
    try:
        for w in data.get("watches", []):
            filters = {k: v for k, v in (w.get("filters") or {}).items() if k in FILTER_FIELDS}
            watches.append(Watch(str(w["name"]), str(w["query"]), filters, str(w.get("created") or ""), int(w.get("seen") or 0), w.get("checked")))
        seen = _read_json(index_dir / SEEN_FILE, "watches ledger") or {}
        ledger = _Ledger()
        for n, tick in enumerate(seen.get("ticks", []), start=1):
            ledger.times.append(str(tick["time"]))
            for h in tick["texts"]:
                ledger.texts[str(h)] = n
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PaperfinderError(f"{index_dir / FILE} or {SEEN_FILE} is damaged ({type(exc).__name__})", "remove both, then add the watches again") from exc
    state = _State(index_dir, watches, ledger)
    top = max((w.seen for w in watches), default=0)
    if ledger.clock < top:
        # the ledger was lost (removed by hand): its ticks would restart below what the
        # watches have seen and hide new passages for a while. Start it again so that what
        # the index holds now counts as seen by every watch, as for a new watch.
        state.ledger = _Ledger(times=[_now()] * (top - 1))
        state.restarted = True
    return state


def _write_json(path: Path, data: Any) -> None:
    """Replace ``path`` in one rename; on a failed write the old file stays."""
    # a name of its own (not NAME.tmp: an index writer cleaning up after a failed run removes those)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, ensure_ascii=False)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)  # gone already once renamed


def _save(state: _State, watches_changed: bool = True) -> None:
    d = state.index_dir
    if not state.watches:
        # the last watch gone: the ledger describes nothing any more
        for name in (FILE, SEEN_FILE):
            (d / name).unlink(missing_ok=True)
        return
    if state.ledger_changed:
        by_tick: list[list[str]] = [[] for _ in state.ledger.times]
        for h, t in state.ledger.texts.items():
            by_tick[t - 1].append(h)
        _write_json(d / SEEN_FILE, {"ticks": [{"time": when, "texts": sorted(texts)} for when, texts in zip(state.ledger.times, by_tick)]})
    if watches_changed:
        _write_json(d / FILE, {"watches": [{"name": w.name, "query": w.query, "filters": w.filters, "created": w.created,
                                            "seen": w.seen, "checked": w.checked} for w in state.watches]})


@contextmanager
def _open(index_dir: str | Path, sync: bool = True) -> Iterator[_State]:
    """The watches of an index, read and (with ``sync``) their ledger brought up to date,
    under a lock so two commands do not lose each other's changes."""
    backend_for(index_dir).open()  # a missing or damaged index: one clear error, nothing written
    d = Path(index_dir)
    try:
        fd = os.open(d / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PaperfinderError(f"cannot open {d / LOCK_FILE} ({exc.strerror or exc})", "check the index folder is writable") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        state = _load(d)
        if state.restarted:
            state.ledger.sync(d)
            state.ledger_changed = True
            top = state.ledger.clock
            for w in state.watches:
                w.seen = top
            _save(state)
        if sync and state.watches:
            state.ledger_changed = state.ledger.sync(d) or state.ledger_changed
        yield state
    finally:
        os.close(fd)


# ---- matching -------------------------------------------------------------------------

def _matches(index_dir: Path, watch: Watch, texts: set[str] | None, limit: int | None = None, bulk: bool = False) -> tuple[int, list[Hit]]:
    """(total, hits) of the watch's search, on the passages with these texts only (None: all);
    ``bulk``: without snippets and other places of a text (cheaper, for choosing hits)."""
    if texts is not None and not texts:
        return 0, []
    try:
        # every word (no "any of the words" fallback) and no spelling correction: a saved
        # search means the same whatever the index holds
        res = search(watch.query, index_dir, filters=watch.search_filters(), limit=limit, every_word=True,
                     spelling=False, texts=texts, snippets=not bulk, where_else=not bulk)
    except ResolveError:
        return 0, []  # its council, person or type has no passages in the index (any more)
    return res.total, res.hits


def _in_order(hits: list[Hit]) -> list[Hit]:
    """Newest paper first; within a paper, in its order."""
    hits = sorted(hits, key=lambda h: (h.source, h.line_start, h.passage_id))
    return sorted(hits, key=lambda h: h.date or "", reverse=True)


def _news(state: _State, watch: Watch, since: int) -> WatchNews:
    _, hits = _matches(state.index_dir, watch, state.ledger.since(since))
    return WatchNews(watch, _in_order(hits))


# ---- the operations -------------------------------------------------------------------

def _check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise PaperfinderError(
            f"watch name {name!r} is not allowed",
            "use up to 60 letters, digits, spaces and - _ . & ', starting with a letter or digit",
        )
    return name


def add_watch(index_dir: str | Path, name: str, query: str, filters: Filters | None = None) -> tuple[Watch, int]:
    """Save a search; what matches it now counts as seen. Returns the watch and how many
    passages match now."""
    name = _check_name(name)
    filters = filters or Filters()
    for kind in filters.kinds or []:
        if kind not in KINDS:
            raise QueryError(f"--kind {kind!r} is not a kind", "use decision or commitment")
    with _open(index_dir, sync=False) as state:
        if any(w.name.casefold() == name.casefold() for w in state.watches):
            raise PaperfinderError(f"a watch named {name!r} exists", "remove it first (`paperfinder watch remove NAME`) or choose another name")
        # run once now: a bad filter value is an error here, not at every check
        res = search(query, index_dir, filters=filters, limit=0, every_word=True, spelling=False)
        kept = {k: v for k, v in filters.active().items() if k in FILTER_FIELDS}
        kept.update({k: v for k, v in res.resolved.items() if k in kept})  # "LBHF" kept as "Hammersmith and Fulham"
        state.ledger_changed = state.ledger.sync(index_dir)
        watch = Watch(name, query, kept, _now(), seen=state.ledger.clock)
        state.watches.append(watch)
        _save(state)
        return watch, res.total


def remove_watch(index_dir: str | Path, name: str) -> Watch:
    with _open(index_dir, sync=False) as state:
        watch = state.find(name)
        state.watches.remove(watch)
        _save(state)
        return watch


def list_watches(index_dir: str | Path) -> list[WatchStatus]:
    """Every watch with how many matching passages it has not seen (nothing is marked)."""
    with _open(index_dir) as state:
        out = [WatchStatus(w, _matches(state.index_dir, w, state.ledger.since(w.seen), limit=0)[0]) for w in state.watches]
        _save(state, watches_changed=False)
        return out


def check(index_dir: str | Path, name: str | None = None, peek: bool = False) -> list[WatchNews]:
    """Per watch (or the one named), the matching passages added or changed since it was
    last checked, newest paper first; then they count as seen, unless ``peek``."""
    with _open(index_dir) as state:
        watches = [state.find(name)] if name is not None else list(state.watches)
        news = [_news(state, w, w.seen) for w in watches]
        if not peek:
            when = _now()
            for w in watches:
                w.seen = state.ledger.clock
                w.checked = when
        _save(state, watches_changed=not peek)
        return news


def after_index(index_dir: str | Path) -> list[WatchNews]:
    """What the texts that arrived since the watches last looked bring each watch, for
    the report of an index run (nothing is marked seen). Only watches with news."""
    if not (Path(index_dir) / FILE).exists():
        return []  # no watches: nothing read, nothing written
    with _open(index_dir, sync=False) as state:
        if not state.watches:
            return []
        before = state.ledger.clock
        state.ledger_changed = state.ledger.sync(index_dir)
        _save(state, watches_changed=False)
        if state.ledger.clock == before:
            return []
        news = [_news(state, w, before) for w in state.watches]
        return [n for n in news if n.new]


# ---- the feed -------------------------------------------------------------------------

_MARKS = re.compile(r"\*\*(.+?)\*\*", re.S)


def source_link(h: Hit) -> str:
    """A ``file:`` link to the passage's lines (RFC 5147 ``#line=``: lines after the
    first number, up to the second), the source taken from the current folder."""
    return Path(h.source).resolve().as_uri() + f"#line={max(0, h.line_start - 1)},{h.line_end}"


def atom_feed(
    index_dir: str | Path,
    name: str,
    limit: int = 50,
    link: Callable[[Hit], str] | None = None,
    feed_url: str | None = None,
) -> str:
    """The watch's latest matches as an Atom feed (XML text), most recently indexed first.

    Each entry: the paper's title and section, its council as author, the time
    the passage was first indexed as ``updated``, the snippet as summary, and the
    date, council, passage text and citation as content. ``link`` gives an
    entry's address (default: ``source_link``); ``feed_url`` is the feed's own
    (a web page serving it passes both). Nothing is marked seen.
    """
    return _atom(index_dir, name, limit, link, feed_url)[0]


def _atom(index_dir, name: str, limit: int, link: Callable[[Hit], str] | None, feed_url: str | None) -> tuple[str, int]:
    """The feed's XML and its number of entries."""
    import xml.etree.ElementTree as ET

    from paperfinder.text.safe import xml_text

    if limit < 1:
        raise QueryError("--limit must be 1 or more", "e.g. --limit 50")
    link = link or source_link
    with _open(index_dir) as state:
        watch = state.find(name)
        ticks, times = state.ledger.texts, state.ledger.times

        def latest_first(hits: list[Hit]) -> list[Hit]:
            return sorted(_in_order(hits), key=lambda h: ticks.get(text_hash(h.text), 0), reverse=True)

        # every match without snippets to choose the latest, then those with snippets
        _, every = _matches(state.index_dir, watch, None, limit=None, bulk=True)
        chosen = {text_hash(h.text) for h in latest_first(every)[:limit]}
        _, hits = _matches(state.index_dir, watch, chosen)
        latest = latest_first(hits)
        _save(state, watches_changed=False)
    hashes = {h.passage_id: text_hash(h.text) for h in latest}

    def when(h: Hit) -> str:
        tick = ticks.get(hashes[h.passage_id], 0)
        return times[tick - 1] if tick else watch.created

    feed = ET.Element("feed", {"xmlns": ATOM})
    ET.SubElement(feed, "id").text = "urn:paperfinder:watch:" + quote(watch.name, safe="")
    ET.SubElement(feed, "title").text = xml_text(f"paperfinder watch {watch.name}: {watch.describe()}")
    ET.SubElement(feed, "updated").text = max([when(h) for h in latest] + [watch.created or _now()])
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "paperfinder"
    ET.SubElement(feed, "generator").text = "paperfinder"
    if feed_url:
        ET.SubElement(feed, "link", {"rel": "self", "href": feed_url})
    for h in latest:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "id").text = f"urn:paperfinder:passage:{quote(h.doc_id, safe='')}:{hashes[h.passage_id]}"
        title = h.title or h.doc_id
        ET.SubElement(entry, "title").text = xml_text(f"{title} — {h.section}" if h.section else title)
        ET.SubElement(entry, "updated").text = when(h)
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = xml_text(h.authority or "unknown council")
        ET.SubElement(entry, "link", {"rel": "alternate", "href": link(h)})
        facts = " · ".join(x for x in (h.authority, h.date or "undated", h.doc_type.replace("_", " "), h.section) if x)
        snippet = _MARKS.sub(r"\1", " ".join(h.snippet.split()))
        ET.SubElement(entry, "summary", {"type": "text"}).text = xml_text(f"{facts}: {snippet}")
        ET.SubElement(entry, "content", {"type": "text"}).text = xml_text(f"{facts}\n\n{h.text}\n\n{h.citation()}")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True), len(latest)


def write_feed(index_dir: str | Path, name: str, output: str | Path, limit: int = 50) -> int:
    """Write the watch's Atom feed to ``output`` (replaced in one rename); returns its entries."""
    target = Path(output)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise PaperfinderError(f"{target} is not a regular file (a link, device, pipe or folder) and is left as it is", "choose another --output")
    xml, entries = _atom(index_dir, name, limit, None, None)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise PaperfinderError(f"cannot write {output} ({exc.strerror or exc})", "check the folder exists and is writable") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(xml + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise PaperfinderError(f"cannot write {output} ({exc.strerror or exc})", "check the folder is writable and has space") from exc
    return entries
