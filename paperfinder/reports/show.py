"""Whole documents read back from the index (for `paperfinder show`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperfinder.errors import NotFoundError, PaperfinderError
from paperfinder.index.records import shown_passage
from paperfinder.search.backend import backend_for

if TYPE_CHECKING:
    from paperfinder.search.service import Filters


def get_document(doc_id: str, index_dir: str | Path) -> dict[str, Any]:
    """A document's metadata and its passages in source order."""
    passages = list(backend_for(index_dir).iter_all("doc_id", doc_id))
    if not passages:
        from rapidfuzz import process

        ids = list(backend_for(index_dir).field_values("doc_id"))
        near = [m[0] for m in process.extract(doc_id, ids, limit=3)] if ids else []
        raise NotFoundError(f"no document {doc_id!r} in the index", "closest: " + ", ".join(near) if near else "run `paperfinder search` to find doc_ids")
    passages.sort(key=lambda f: (f["line_start"], f["passage_id"]))
    meta = dict(passages[0].get("doc_meta") or {})
    return {
        "document": meta,
        "passages": [
            shown_passage(f)
            for f in passages
        ],
    }


def source_roots(index_dir: str | Path) -> list[Path]:
    """Folders a relative source (as cited) is read from: sources are cited relative to the
    folder the index was built from, which is the working folder or one near the index."""
    idx = Path(index_dir).resolve()
    return [Path.cwd(), idx.parent, idx.parent.parent]


def original_file(doc_id: str, index_dir: str | Path) -> Path:
    """The file a document was read from, found only through the index: the doc_id
    must be indexed and its source must be one of the index's files (no path a caller
    gives reaches the disk)."""
    first = next(iter(backend_for(index_dir).iter_all("doc_id", doc_id)), None)
    if first is None:
        raise NotFoundError(f"no document {doc_id!r} in the index", "open documents from search results or the documents page")
    source = first.get("source", "")
    if not source or source not in backend_for(index_dir).indexed_files():
        raise NotFoundError(f"the file of {doc_id!r} is not in the index", "re-index the papers")
    p = Path(source)
    for cand in [p] if p.is_absolute() else [root / p for root in source_roots(index_dir)]:
        if cand.is_file() and not cand.is_symlink():
            return cand
    raise NotFoundError(f"{source} is no longer there to open", "the index still holds its text; re-index when the file is back")


DOC_FIELDS = ("doc_id", "title", "authority", "about", "date", "doc_type", "committee", "source", "pages", "passages", "present", "apologies", "corrected")


def list_documents(index_dir: str | Path, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Every indexed document (those with a passage matching ``filters``), oldest first, undated last."""
    keep: set[str] | None = None
    if filters is not None and filters.active():
        from paperfinder.search.service import matching_doc_ids

        keep = matching_doc_ids(index_dir, filters)
    docs: dict[str, dict[str, Any]] = {}
    for f in backend_for(index_dir).iter_all():
        doc_id = f["doc_id"]
        if keep is not None and doc_id not in keep:
            continue
        d = docs.get(doc_id)
        if d is None:
            meta = f.get("doc_meta") or {}
            d = docs[doc_id] = {k: meta.get(k) for k in DOC_FIELDS}
            d["doc_id"] = doc_id
            d["source"] = f.get("source", "")
            for k in ("about", "present", "apologies", "corrected"):
                d[k] = list(meta.get(k) or [])
            d["passages"] = 0
        d["passages"] += 1
    return sorted(docs.values(), key=lambda d: (d["date"] is None, d["date"] or "", d["source"], d["doc_id"]))


def correct_file(index_dir: str | Path, file: str | Path, fields: dict[str, str | None], clear: bool = False) -> dict[str, Any]:
    """Set (or with ``clear`` remove) a file's metadata by hand, and re-index that file at once."""
    from paperfinder.index import corrections
    from paperfinder.index.build import index_paths
    from paperfinder.ingest.readers import display_source

    src = display_source(file)
    if src not in backend_for(index_dir).indexed_files():
        raise PaperfinderError(f"{src} is not in the index {index_dir}", f"index it first: paperfinder index {src}")
    if not Path(file).is_file():
        raise PaperfinderError(f"{file} cannot be read", "corrections are applied when the file is indexed; give its path as indexed")
    checked = corrections.check(fields)
    if not checked and not clear:
        raise PaperfinderError("nothing to correct", "give --date, --authority, --doc-type or --title, or --clear")
    if "authority" in checked:
        from paperfinder.recognise.authorities import resolve

        checked["authority"] = resolve(checked["authority"]) or checked["authority"]
    if "doc_type" in checked:
        # a loose spelling ("minute", "Cabinet report") is the type it means, as --doc-type in search reads it;
        # a word that is no type ("bogus") would file the paper under a type no filter or facet knows
        from paperfinder.ingest.metadata import doc_types
        from paperfinder.search.service import resolve_value

        known = doc_types() | set(backend_for(index_dir).field_values("doc_type"))
        checked["doc_type"] = resolve_value("doc type", checked["doc_type"], sorted(known))
    table = corrections.load(index_dir)
    now = {} if clear else dict(table.get(src, {}))
    now.update(checked)
    if now:
        table[src] = now
    else:
        table.pop(src, None)
    corrections.save(index_dir, table)
    report = index_paths([file], index_dir)
    return {"source": src, "corrected": now, "reindexed": report.added + report.updated}
