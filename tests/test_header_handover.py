"""Indexing's survey reads each paper's header blocks for its people and hands what it read
to the tagging pass (packed with the documents), so the blocks are not read twice: the
tags must be the same as when the tagging pass reads them itself."""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.readers import pack_documents, read_documents, unpack_documents
from paperfinder.ingest.sections import passages_of
from paperfinder.recognise.tagging import people_of_documents, tag_documents

PACK = Path(__file__).resolve().parent.parent / "corpus" / "004_a79bf05b93d54816.txt"  # an agenda pack of 8 papers


def _tagged(handed: bool):
    docs = read_documents(PACK)
    passages = [p for d in docs for p in passages_of(d)]
    headers: list | None = [] if handed else None
    people = people_of_documents(docs, headers)
    if handed:
        docs, passages, _hashes, headers = unpack_documents(pack_documents(docs, passages, None, headers))
    tag_documents(docs, passages, headers=headers)
    return people, docs, passages


def _people(docs) -> list[list[tuple]]:
    return [[(e.text, e.canonical, e.kind, e.role, e.line) for e in d.people] for d in docs]


def _entities(passages) -> list[list[tuple]]:
    return [[(e.label, e.text, e.start, e.end, e.canonical, e.kind, e.role, e.line) for e in p.entities] for p in passages]


def test_survey_hands_each_papers_header_mentions_in_document_order():
    docs = read_documents(PACK)
    headers: list = []
    people = people_of_documents(docs, headers)
    assert len(headers) == len(docs) == 8
    assert [len(h) for h in headers] == [17, 20, 2, 3, 4, 3, 2, 2]
    assert people[0]["text"] == "Caroline Needham"


def test_tags_with_handed_headers_are_the_tags_read_afresh():
    people_a, docs_a, passages_a = _tagged(handed=False)
    people_b, docs_b, passages_b = _tagged(handed=True)
    assert people_a == people_b
    assert _people(docs_a) == _people(docs_b)
    assert _entities(passages_a) == _entities(passages_b)
    assert [(d.present, d.apologies) for d in docs_a] == [(d.present, d.apologies) for d in docs_b]
    first = {e.canonical: (e.kind, e.role) for e in docs_b[0].people}
    assert first["Caroline Needham"] == ("councillor", "Chair")
