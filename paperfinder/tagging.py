"""Tagging stage: entities (spaCy, in ``entities``) and event kinds on passages.

Runs at index time in worker processes. ``paperfinder search`` never imports
this module, so spaCy stays out of query start-up.
"""

from __future__ import annotations

from pathlib import Path

from .records import Document, Entity, Passage


def tag_documents(docs: list[Document], passages: list[Passage]) -> None:
    """Attach entities and decision/commitment kinds to passages, people to documents.

    Each document is tagged whole (a table's "£'000" header stays in view of its
    cells), then its entities are handed to the passages that hold them.
    """
    from .entities import PeopleRegistry, header_people, tag_lines, tag_text
    from .events import passage_kinds

    registry = PeopleRegistry()
    for doc in docs:
        doc.people = header_people(doc.lines)
        registry.learn(doc.people)
    for doc in docs:
        # merge variants of one person ("Clare"/"Claire Chamberlain") into one name
        for e in doc.people:
            e.canonical = registry.canonical(e.canonical or e.text, e.role)
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.doc_id, []).append(p)
    for doc in docs:
        mine = by_doc.get(doc.doc_id, [])
        spans = _passage_spans(doc, mine)
        if spans is None:  # passages do not tile the document: tag them one by one
            for p in mine:
                p.entities = tag_text(p.text, first_line=p.line_start, registry=registry)
                for e in p.entities:
                    e.line = _line_at(p, e.start)
        else:
            _distribute(tag_lines(doc.lines, registry), mine, spans)
        for p in mine:
            p.kinds = passage_kinds(p.text, heading=p.section, section_type=p.section_type, doc_type=doc.doc_type)


def _passage_spans(doc: Document, passages: list[Passage]) -> list[tuple[int, int]] | None:
    """Character span of each passage in the document's joined text, if they tile it."""
    text = "\n".join(l.text for l in doc.lines)
    spans, pos = [], 0
    for p in passages:
        if text[pos : pos + len(p.text)] != p.text:
            return None
        spans.append((pos, pos + len(p.text)))
        pos += len(p.text) + 1
    return spans


def _distribute(entities: list[Entity], passages: list[Passage], spans: list[tuple[int, int]]) -> None:
    """Give each entity to the passage holding it, with offsets in that passage's text."""
    for p in passages:
        p.entities = []
    k = 0
    for e in sorted(entities, key=lambda e: e.start):
        while k < len(spans) and e.start >= spans[k][1]:
            k += 1
        if k == len(spans):
            break
        s, _end = spans[k]
        if e.start < s:
            continue
        e.start -= s
        e.end -= s
        passages[k].entities.append(e)


def _line_at(p: Passage, offset: int) -> int:
    idx = p.text.count("\n", 0, offset)
    return p.line_nos[idx] if idx < len(p.line_nos) else p.line_start


def entities_of_file(path: str | Path) -> tuple[str, list[Entity]]:
    """Every entity indexing would tag in one file, with source line numbers."""
    from .entities import tag_lines
    from .ingest import display_source, read_lines

    lines, _pages = read_lines(path)
    return display_source(path), tag_lines(lines)
