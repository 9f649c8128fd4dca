"""Tagging stage: entities (spaCy, in ``entities``) and event kinds on passages.

Runs at index time in worker processes. ``paperfinder search`` never imports
this module, so spaCy stays out of query start-up.
"""

from __future__ import annotations

from pathlib import Path

from .records import Document, Entity, Passage


def tag_documents(docs: list[Document], passages: list[Passage]) -> None:
    """Attach entities and decision/commitment kinds to passages, people to documents."""
    from .entities import PeopleRegistry, header_people, tag_text
    from .events import passage_kinds

    registry = PeopleRegistry()
    by_doc = {d.doc_id: d for d in docs}
    for doc in docs:
        doc.people = header_people(doc.lines)
        registry.learn(doc.people)
    for doc in docs:
        # merge variants of one person ("Clare"/"Claire Chamberlain") into one name
        for e in doc.people:
            e.canonical = registry.canonical(e.canonical or e.text, e.role)
    for p in passages:
        doc = by_doc[p.doc_id]
        p.entities = tag_text(p.text, first_line=p.line_start, registry=registry)
        _fix_lines(p)
        p.kinds = passage_kinds(p.text, heading=p.section, section_type=p.section_type, doc_type=doc.doc_type)


def _fix_lines(p: Passage) -> None:
    """Passage text joins its non-blank lines: map each entity to its source line."""
    lines = p.line_nos
    for e in p.entities:
        idx = p.text.count("\n", 0, e.start)
        if idx < len(lines):
            e.line = lines[idx]


def entities_of_file(path: str | Path) -> tuple[str, list[Entity]]:
    """Every entity indexing would tag in one file, with source line numbers."""
    from .entities import tag_lines
    from .ingest import display_source, read_lines

    lines, _pages = read_lines(path)
    return display_source(path), tag_lines(lines)
