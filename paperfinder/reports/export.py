"""Export every matching passage with its citation, for analysis elsewhere.

CSV (UTF-8 with BOM so spreadsheets detect the encoding; one row a passage,
multi-value cells joined with "; "; a cell a spreadsheet would run as a formula
gets a ``'`` before it, see ``safe_text.cell``), JSON Lines (one object a passage, as a
search hit), or Markdown (an evidence pack: each quote with its citation).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterable

from paperfinder.errors import PaperfinderError
from paperfinder.model import Hit, citation
from paperfinder.search.service import Filters, search
from paperfinder.text.safe import cell

FORMATS = ("csv", "jsonl", "md")
CSV_COLUMNS = [
    "doc_id", "title", "authority", "date", "doc_type", "section", "section_type", "source",
    "line_start", "line_end", "page", "page_end", "paragraphs", "kinds", "amounts_gbp", "amounts_eur", "amounts_usd", "amounts_other", "people", "authorities",
    "dates", "text", "also_in",
]


def _joined(values: Iterable) -> str:
    seen = []
    for v in values:
        if v is not None and v not in seen:
            seen.append(v)
    return "; ".join(str(v) for v in seen)


def _amount(v) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if isinstance(v, (int, float)) else str(v)


def csv_row(h: Hit) -> dict[str, str]:
    ents = h.entities
    return {
        "doc_id": h.doc_id,
        "title": h.title,
        "authority": h.authority or "",
        "date": h.date or "",
        "doc_type": h.doc_type,
        "section": h.section,
        "section_type": h.section_type,
        "source": h.source,
        "line_start": str(h.line_start),
        "line_end": str(h.line_end),
        "page": "" if h.page is None else str(h.page),
        "page_end": "" if h.page_end is None else str(h.page_end),
        "paragraphs": _joined(h.paragraphs),
        "kinds": _joined(h.kinds),
        # one column per currency, values as numbers; other currencies keep their code ("CAD 12000")
        "amounts_gbp": _joined(_amount(e.value) for e in ents if e.label == "MONEY" and (e.currency or "GBP") == "GBP"),
        "amounts_eur": _joined(_amount(e.value) for e in ents if e.label == "MONEY" and e.currency == "EUR"),
        "amounts_usd": _joined(_amount(e.value) for e in ents if e.label == "MONEY" and e.currency == "USD"),
        "amounts_other": _joined(
            f"{e.currency} {_amount(e.value)}" for e in ents if e.label == "MONEY" and (e.currency or "GBP") not in ("GBP", "EUR", "USD")
        ),
        "people": _joined(e.canonical or e.text for e in ents if e.label == "PERSON"),
        "authorities": _joined(e.canonical or e.text for e in ents if e.label == "AUTHORITY"),
        "dates": _joined(e.value for e in ents if e.label == "DATE"),
        "text": h.text,
        "also_in": _joined(citation(a["source"], a["line_start"], a["line_end"], a.get("page")) for a in h.also_in),
    }


def write_csv(hits: Iterable[Hit], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for h in hits:
        writer.writerow({k: cell(v) for k, v in csv_row(h).items()})
        n += 1
    return n


EVENT_COLUMNS = [
    "kind", "date", "body", "authority", "outcome", "status", "procedural", "proposer", "seconder", "votes_for",
    "votes_against", "votes_abstaining", "money", "amounts_gbp", "amounts_eur", "amounts_usd", "amounts_other", "due",
    "owner", "title", "section", "source", "line", "text",
]


def write_events_csv(events: Iterable, out: IO[str]) -> int:
    """A register (``reports.registers.TrackedEvent``s) as CSV: one row a decision or commitment, its
    votes in their own columns and its amounts both as written ("€42,000") and as numbers per currency."""
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    n = 0
    for e in events:
        votes = e.votes or {}
        money = list(zip(e.amounts, e.currencies))
        row = {
            "kind": e.kind, "date": e.date or "", "body": e.who(), "authority": e.authority or "",
            "outcome": e.outcome or "", "status": e.status or "", "procedural": "yes" if e.procedural else "",
            "proposer": e.proposer or "", "seconder": e.seconder or "",
            "votes_for": votes.get("for", ""), "votes_against": votes.get("against", ""),
            "votes_abstaining": votes.get("abstaining", ""),
            "money": e.money_text(),
            "amounts_gbp": _joined(_amount(v) for v, c in money if c == "GBP"),
            "amounts_eur": _joined(_amount(v) for v, c in money if c == "EUR"),
            "amounts_usd": _joined(_amount(v) for v, c in money if c == "USD"),
            "amounts_other": _joined(f"{c} {_amount(v)}" for v, c in money if c not in ("GBP", "EUR", "USD")),
            "due": e.due or "", "owner": e.owner or "", "title": e.title, "section": e.section,
            "source": e.source, "line": e.line, "text": e.text,
        }
        writer.writerow({k: cell(v) for k, v in row.items()})
        n += 1
    return n


def write_jsonl(hits: Iterable[Hit], out: IO[str]) -> int:
    n = 0
    for h in hits:
        d = h.to_dict()
        d.pop("snippet", None)
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_markdown(hits: Iterable[Hit], out: IO[str], query: str = "") -> int:
    out.write(f"# Evidence: {query or 'all passages'}\n\n")
    n = 0
    for h in hits:
        n += 1
        out.write(f"## {n}. {h.title or h.doc_id}\n\n")
        # a paper with no date or council says so, as search's results do, rather than leaving the reader to wonder
        facts = " · ".join(x for x in (h.authority or "unknown council", h.date or "undated", h.doc_type.replace("_", " "), h.section) if x)
        out.write(f"*{facts}*\n\n")
        for line in h.text.splitlines():
            out.write(f"> {line}\n")
        out.write(f"\n— `{h.citation()}`")
        if h.also_in:
            out.write(" (also in " + ", ".join(f"`{citation(a['source'], a['line_start'], a['line_end'], a.get('page'))}`" for a in h.also_in) + ")")
        out.write("\n\n")
    if n == 0:
        out.write("No passages matched.\n")
    return n


def file_encoding(fmt: str) -> str:
    """The encoding of an export file: csv gets a BOM so Excel reads UTF-8."""
    return "utf-8-sig" if fmt == "csv" else "utf-8"


def _hits(query: str, index_dir: str | Path, filters: Filters | None, sort: str) -> list[Hit]:
    return search(query, index_dir, filters=filters, limit=None, sort=sort, snippets=False, where_else=True, places=None).hits


def export_bytes(query: str, index_dir: str | Path, fmt: str, filters: Filters | None = None, sort: str = "relevance") -> tuple[int, bytes]:
    """(passages, the file's bytes): what ``export`` writes to a file for the same
    arguments, for a download (the web page's export buttons)."""
    if fmt not in FORMATS:
        raise PaperfinderError(f"unknown export format {fmt!r}", "use csv, jsonl or md")
    buf = io.StringIO(newline="")  # no newline translation, as the file is opened
    n = _write(fmt, _hits(query, index_dir, filters, sort), buf, query)
    return n, buf.getvalue().encode(file_encoding(fmt))


def export(
    query: str,
    index_dir: str | Path,
    fmt: str,
    output: str,
    filters: Filters | None = None,
    force: bool = False,
    sort: str = "relevance",
) -> int:
    """Write every passage matching ``query`` and ``filters``; returns how many."""
    if fmt not in FORMATS:
        raise PaperfinderError(f"unknown export format {fmt!r}", "use csv, jsonl or md")
    target = tmp = None
    if output != "-":
        target = Path(output)
        tmp = target.with_name(target.name + ".part")
        _check_output(target, tmp, force)
    hits = _hits(query, index_dir, filters, sort)
    if target is None:
        return _write(fmt, hits, sys.stdout, query)
    # written aside and renamed so a failure leaves no half file
    encoding = file_encoding(fmt)
    created = False
    try:
        with open(tmp, "x", encoding=encoding, newline="") as fh:  # never onto a file that appeared meanwhile
            created = True
            n = _write(fmt, hits, fh, query)
        os.replace(tmp, target)
    except FileExistsError:
        raise PaperfinderError(f"{tmp} exists (another export writing it, or one that failed)", "remove it, or choose another --output") from None
    except OSError as exc:
        if created:
            tmp.unlink(missing_ok=True)
        raise PaperfinderError(f"cannot write {output} ({exc.strerror or exc})", "check the folder exists, is writable and has space") from exc
    return n


def _check_output(target: Path, tmp: Path, force: bool) -> None:
    """Refuse an output that is not a plain file to replace, even with ``force``, and
    one whose ``.part`` file is there (another export's, or a failed one's)."""
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise PaperfinderError(
            f"{target} is not a regular file (a link, device, pipe or folder) and is left as it is",
            "choose another --output, or - for standard output",
        )
    if target.exists() and not force:
        raise PaperfinderError(f"{target} exists", "pass --force to overwrite it, or choose another --output")
    if tmp.exists() or tmp.is_symlink():
        raise PaperfinderError(f"{tmp} exists (another export writing it, or one that failed)", "remove it, or choose another --output")


def _write(fmt: str, hits: list[Hit], out: IO[str], query: str) -> int:
    if fmt == "csv":
        return write_csv(hits, out)
    if fmt == "jsonl":
        return write_jsonl(hits, out)
    return write_markdown(hits, out, query)
