"""Whole documents read back from the index (for `paperfinder show`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import whoosh_backend as backend
from .errors import PaperfinderError


def get_document(doc_id: str, index_dir: str | Path) -> dict[str, Any]:
    """A document's metadata and its passages in source order."""
    passages = list(backend.iter_all(index_dir, "doc_id", doc_id))
    if not passages:
        from rapidfuzz import process

        ids = list(backend.field_values(index_dir, "doc_id"))
        near = [m[0] for m in process.extract(doc_id, ids, limit=3)] if ids else []
        raise PaperfinderError(f"no document {doc_id!r} in the index", "closest: " + ", ".join(near) if near else "run `paperfinder search` to find doc_ids")
    passages.sort(key=lambda f: (f["line_start"], f["passage_id"]))
    meta = dict(passages[0].get("doc_meta") or {})
    return {
        "document": meta,
        "passages": [
            {
                "passage_id": f["passage_id"],
                "section": f.get("section", ""),
                "section_type": f.get("section_type", ""),
                "source": f.get("source", ""),
                "line_start": f["line_start"],
                "line_end": f["line_end"],
                "page": (f.get("line_pages") or [None])[0],
                "page_end": (f.get("line_pages") or [None])[-1],
                "paragraphs": f.get("paragraphs") or [],
                "kinds": [k for k in (f.get("kinds") or "").split(",") if k],
                "text": f.get("text", ""),
                "entities": f.get("entities") or [],
            }
            for f in passages
        ],
    }
