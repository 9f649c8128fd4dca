"""A passage's index record, made and read back in one place.

``passage_record`` makes the record the indexer hands a backend (one dict of
plain values per passage: the fields of the contract's search hit, with the
document's metadata and entities stored beside them); ``hit_of_record`` and
``shown_passage`` read a stored record back for ``search`` and ``show``. A
backend stores and returns these dicts as they are (``search.backend``).
"""

from __future__ import annotations

import math
from typing import Any, Iterable, NamedTuple, TypeGuard

from paperfinder.model import Document, Entity, Hit, Passage


class DocumentFields(NamedTuple):
    """What every passage record of one document shares, worked out once per document
    (a paper's people and metadata were built again for each of its passages)."""

    people: frozenset[str]  # its people, less the meeting's attendance
    authority: frozenset[str]
    about: str
    present: str
    present_names: str
    year: str
    doc_meta: dict[str, Any]


def document_fields(doc: Document) -> DocumentFields:
    """The part of ``passage_record`` that depends on the document only."""
    # the document's authors and decision makers stand on each of its passages; a meeting's
    # attendance list only on the passages that name them ("present:" finds the rest)
    attending = set(doc.present) | set(doc.apologies)
    return DocumentFields(
        people=frozenset({(e.canonical or e.text) for e in doc.people} - attending),
        authority=frozenset({doc.authority} if doc.authority else ()),
        about=",".join(a.replace(",", " ") for a in doc.about),
        **_attendance(doc.present),
        year=(doc.date or "")[:4] or "undated",
        # shared by the records of the document's passages: nothing changes a record once made
        doc_meta={k: v for k, v in doc.meta_dict().items() if k not in ("line_start", "line_end")}
        | {"people": [e.to_dict() for e in doc.people]},
    )


def passage_record(source: str, digest: str, doc: Document, p: Passage, shared: DocumentFields | None = None,
                   hashed: str | None = None) -> dict[str, Any]:
    """The index record of one passage of ``doc``, read from ``source`` (content hash ``digest``);
    ``shared``: ``document_fields(doc)``, when the caller keeps it for the document's passages;
    ``hashed``: ``text_hash(p.text)``, when the caller has it."""
    # what only indexing needs: a search reads records back without loading these rules
    from paperfinder.ingest.sections import text_hash
    from paperfinder.recognise.acronyms import encode as encode_acronyms
    from paperfinder.recognise.acronyms import find_definitions

    d = shared if shared is not None else document_fields(doc)
    amounts = sorted({float(e.value) for e in p.entities if e.label == "MONEY" and _sane_amount(e.value)})
    passage_people = sorted({(e.canonical or e.text) for e in p.entities if e.label == "PERSON"})
    doc_people = sorted(d.people.union(passage_people))
    auths = sorted(d.authority.union(e.canonical or e.text for e in p.entities if e.label == "AUTHORITY"))
    people = ",".join(x.replace(",", " ") for x in doc_people)
    fields = {
        "passage_id": p.passage_id,
        "doc_id": doc.doc_id,
        "pack_id": doc.pack_id or "",
        "source": source,
        "filekey": source + "\0" + digest,
        "title": doc.title or "",
        "section": p.section if p.index_section is None else p.index_section,
        "text": p.index_text or p.text,
        "section_type": p.section_type,
        "doc_type": doc.doc_type,
        "authority": doc.authority or "",
        "about": d.about,
        "authorities": ",".join(a.replace(",", " ") for a in auths),
        "people": people,
        "people_col": people,
        "passage_people": ",".join(x.replace(",", " ") for x in passage_people),
        "present": d.present,
        "present_names": d.present_names,
        "date": doc.date or "",
        "year": d.year,
        "kinds": ",".join(p.kinds),
        "kinds_col": ",".join(p.kinds),
        "acronyms": ",".join(encode_acronyms(find_definitions(p.text, any_case=True))),
        "line_start": p.line_start,
        "line_end": p.line_end,
        "paragraphs": p.paragraphs,
        "line_nos": p.line_nos,
        "line_pages": p.line_pages,
        "entities": [e.to_dict() for e in p.entities],
        "text_hash": hashed if hashed is not None else text_hash(p.text),
        "doc_meta": d.doc_meta,
    }
    if amounts:
        fields["amount"] = amounts
    fields.update(_amounts_by_currency((e.value, e.currency) for e in p.entities if e.label == "MONEY"))
    if p.index_text:
        # indexed with split words joined, shown as the paper has it; kept to index it so again
        fields["_stored_text"] = p.text
        fields["index_text"] = p.index_text
    if p.index_section is not None:
        # indexed without a heading the passage shares with many, shown with it
        fields["_stored_section"] = p.section
        fields["index_section"] = p.index_section
    return fields


def _attendance(present: Iterable[str]) -> dict[str, str]:
    """A meeting's attendance list as the record holds it: words (``present``) and whole names."""
    names = list(present)
    return {"present": " ; ".join(names), "present_names": ",".join(x.replace(",", " ") for x in names)}


def _amounts_by_currency(money: Iterable[tuple[object, str | None]]) -> dict[str, list[float]]:
    """The record's ``amount_<currency>`` fields of a passage's amounts, (value, currency) each."""
    from paperfinder.recognise.money import amount_field

    by_currency: dict[str, set[float]] = {}
    for value, currency in money:
        if _sane_amount(value):
            by_currency.setdefault(amount_field(currency), set()).add(float(value))
    return {name: sorted(values) for name, values in by_currency.items()}


def unstored_fields(stored: dict[str, Any]) -> dict[str, Any]:
    """The fields of a record a backend may index without storing (they are searched, never
    shown), made again from what it does store: the document's attendance list (``doc_meta``)
    and the passage's amounts (``entities``). A backend writing a passage again from its
    stored fields (a copy promoted when the primary one goes) adds these, or the copy is no
    longer found by ``--present`` or an amount in one currency."""
    meta = stored.get("doc_meta") or {}
    money = ((e.get("value"), e.get("currency")) for e in stored.get("entities") or () if e.get("label") == "MONEY")
    return {**_attendance(meta.get("present") or ()), **_amounts_by_currency(money)}


def _sane_amount(value: object) -> TypeGuard[float]:
    """A number an index can hold: finite and below a quadrillion (a run of digits is no budget)."""
    return isinstance(value, (int, float)) and math.isfinite(value) and abs(value) < 1e15


def hit_of_record(fields: dict[str, Any], score: float, snippet: str, snippets: bool = True) -> Hit:
    """A search hit from a passage's stored record; without a snippet, the start of its text (if ``snippets``)."""
    meta = fields.get("doc_meta") or {}
    ents = [Entity(**{k: v for k, v in e.items() if k in Entity.__dataclass_fields__}) for e in fields.get("entities") or []]
    text = fields.get("text", "")
    if not snippet and snippets:
        snippet = text[:220] + ("…" if len(text) > 220 else "")
    return Hit(
        doc_id=fields["doc_id"],
        passage_id=fields["passage_id"],
        title=fields.get("title", ""),
        authority=fields.get("authority") or None,
        date=fields.get("date") or None,
        doc_type=fields.get("doc_type", ""),
        section=fields.get("section", ""),
        section_type=fields.get("section_type", ""),
        text=text,
        snippet=snippet,
        score=score,
        source=fields.get("source", ""),
        line_start=int(fields.get("line_start", 0)),
        line_end=int(fields.get("line_end", 0)),
        entities=ents,
        paragraphs=list(fields.get("paragraphs") or []),
        kinds=[k for k in (fields.get("kinds") or "").split(",") if k],
        people=[p["canonical"] if p.get("canonical") else p["text"] for p in meta.get("people", [])],
        committee=meta.get("committee"),
        about=list(meta.get("about") or []),
        line_nos=list(fields.get("line_nos") or []),
        **pages_of_record(fields),
    )


def pages_of_record(fields: dict[str, Any]) -> dict[str, Any]:
    """A hit's PDF pages from the page of each of its lines (none for other formats)."""
    pages = list(fields.get("line_pages") or [])
    return {"line_pages": pages, "page": pages[0] if pages else None, "page_end": pages[-1] if pages else None}


def shown_passage(f: dict[str, Any]) -> dict[str, Any]:
    """A passage of ``paperfinder show`` from its stored record."""
    return {
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


def people_by_source(records: Iterable[dict[str, Any]]) -> dict[str, list[dict]]:
    """source -> the people its documents' header blocks name (each document once), from
    stored records: what the people registry learned, gathered again from an index."""
    out: dict[str, list[dict]] = {}
    seen: set[str] = set()
    for fields in records:
        doc_id = fields.get("doc_id", "")
        people = out.setdefault(fields.get("source", ""), [])
        if doc_id in seen:
            continue
        seen.add(doc_id)
        people.extend({"text": p.get("text", ""), "kind": p.get("kind"), "role": p.get("role")}
                      for p in (fields.get("doc_meta") or {}).get("people", []))
    return out
