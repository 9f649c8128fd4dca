"""Metadata a user set by hand (`paperfinder correct`), kept beside the index.

No reader is perfect: a user can fix a paper's date, council, type or title
without editing the paper. Corrections live in ``INDEX/corrections.json``,
keyed by the file's source path as the index stores it; indexing applies them
to the file's documents, and a file's corrections are part of what makes it
"changed", so setting or clearing one re-indexes that file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from paperfinder.errors import PaperfinderError
from paperfinder.index.jsonfile import write_json
from paperfinder.model import Document

FILE = "corrections.json"
FIELDS = ("date", "authority", "doc_type", "title")
# applied to every document of the file (an agenda pack's reports share its meeting);
# the others only to the paper itself (the first document: the paper, or the pack)
WHOLE_FILE = ("date", "authority")


def load(index_dir: str | Path) -> dict[str, dict[str, str]]:
    path = Path(index_dir) / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise PaperfinderError(f"cannot read {path} ({exc})", "fix or remove that file, then run the command again") from exc
    if not isinstance(data, dict):
        raise PaperfinderError(f"{path} is not a corrections file", "remove it, then run the command again")
    return {str(k): {f: str(v) for f, v in fields.items() if f in FIELDS} for k, fields in data.items() if isinstance(fields, dict)}


def save(index_dir: str | Path, corrections: dict[str, dict[str, str]]) -> None:
    write_json(Path(index_dir) / FILE, corrections, indent=1, sort_keys=True, ensure_ascii=False)


def check(fields: dict[str, str | None]) -> dict[str, str]:
    """The fields a user gave, checked: a date must be a real ISO date."""
    out: dict[str, str] = {}
    for key, value in fields.items():
        if value is None:
            continue
        value = " ".join(str(value).split())
        if not value:
            raise PaperfinderError(f"--{key.replace('_', '-')} is empty", "give a value, or use --clear to remove corrections")
        if key == "date":
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                raise PaperfinderError(f"--date {value!r} is not a date", "use YYYY-MM-DD, e.g. --date 2015-11-20") from None
        if key == "doc_type":
            value = value.lower().replace(" ", "_")  # "Cabinet report" is written cabinet_report
        if key == "doc_type" and not re.fullmatch(r"[a-z][a-z_]*", value):
            raise PaperfinderError(f"--doc-type {value!r} is not a document type", "use a type such as minutes, agenda, committee_report, letter")
        out[key] = value
    return out


def stamp(fields: dict[str, str] | None) -> str:
    """What a file's corrections add to its content hash ("" when there are none)."""
    if not fields:
        return ""
    return "+c" + hashlib.sha1(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:12]


def apply(docs: list[Document], fields: dict[str, str] | None) -> None:
    if not fields:
        return
    for k, doc in enumerate(docs):
        for key, value in fields.items():
            if key in WHOLE_FILE or k == 0:
                setattr(doc, key, value)
                if key not in doc.corrected:
                    doc.corrected.append(key)


def describe(fields: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(fields.items()))
