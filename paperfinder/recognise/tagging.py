"""Tagging stage: entities (spaCy, in ``entities``) and event kinds on passages.

Runs at index time in worker processes. ``paperfinder search`` never imports
this module, so spaCy stays out of query start-up.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from paperfinder.model import Document, Entity, Passage

if TYPE_CHECKING:  # entities imports spaCy: at run time only when tagging
    from paperfinder.recognise.people import PeopleRegistry


def tag_documents(docs: list[Document], passages: list[Passage], corpus: PeopleRegistry | None = None,
                  known: frozenset[str] = frozenset(), named: frozenset[str] = frozenset(),
                  headers: list | None = None) -> None:
    """Attach entities and decision/commitment kinds to passages, people to documents.

    Each document is tagged whole (a table's "£'000" header stays in view of its
    cells), then its entities are handed to the passages that hold them.
    ``corpus`` (a PeopleRegistry from :func:`corpus_registry`) adds the people
    learned from the header blocks of every paper in the index; ``known`` the councils
    the index's papers name as their own, for papers that write only their initials;
    ``named`` the councils they name in full anywhere (for initials ``known`` does not read);
    ``headers``: what :func:`people_of_documents` read of each document's header blocks
    (``header_memo``), so they are not read again.
    """
    from paperfinder.recognise.names import remember_headers

    # each document's header blocks are read for its people, then again when it is tagged
    seen = {_joined(doc): h for doc, h in zip(docs, headers) if h is not None} if headers else None
    with remember_headers(seen):
        _tag_documents(docs, passages, corpus, known, named)


def _joined(doc: Document) -> str:
    # the text the header blocks are read from (see entities.header_people)
    return "\n".join(ln.text for ln in doc.lines)


def _tag_documents(docs: list[Document], passages: list[Passage], corpus, known: frozenset[str],
                   named: frozenset[str] = frozenset()) -> None:
    from paperfinder.ingest.metadata import attendance_lines
    from paperfinder.recognise.entities import header_attendance, header_people, tag_lines, tag_text
    from paperfinder.recognise.events import passage_kinds
    from paperfinder.recognise.people import PeopleRegistry, same_person_names

    registry = PeopleRegistry()
    said_of: dict[str, dict[int, str]] = {}  # doc_id -> attendance line -> present | apologies | members
    for doc in docs:
        doc.people = header_people(doc.lines)
        registry.learn(doc.people)
    for doc in docs:
        # merge variants of one person ("Clare"/"Claire Smith") into one name
        for e in doc.people:
            e.canonical = registry.canonical(e.canonical or e.text, e.role)
            if corpus is not None:
                e.canonical = corpus.canonical(e.canonical, e.role)
        # who attended and who sent apologies are the meeting's, not every passage's: the lines
        # of its attendance lists, and the people the header blocks read from a list so labelled
        # ("20.01.01 Apologies" / "Councillor M Armstrong and A Armstrong, EDC")
        listed = attendance_lines(doc.lines)
        labelled = header_attendance(doc.lines)
        said_of[doc.doc_id] = {**{line: k for (line, _t), k in labelled.items()}, **listed}

        said = {id(e): listed.get(e.line or 0) or labelled.get((e.line or 0, e.text)) for e in doc.people}
        doc.present = sorted({e.canonical or e.text for e in doc.people if said[id(e)] == "present"})
        doc.apologies = sorted({e.canonical or e.text for e in doc.people if said[id(e)] == "apologies"} - set(doc.present))
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.doc_id, []).append(p)
    for doc in docs:
        mine = by_doc.get(doc.doc_id, [])
        spans = _passage_spans(doc, mine)
        if spans is None:  # passages do not tile the document: tag them one by one
            for p in mine:
                p.entities = tag_text(p.text, first_line=p.line_start, registry=registry, corpus=corpus, known=known, named=named)
                for e in p.entities:
                    e.line = _line_at(p, e.start)
        else:
            _distribute(tag_lines(doc.lines, registry, corpus, known, named), mine, spans)
        # the attendance lines name people the header blocks did not read ("Councillors D Richardson
        # (Chair) N Cresswell, R Healey and P Moran"): the tags on those lines say who they are
        said = said_of.get(doc.doc_id, {})
        if said:
            # a line of prose within reach of the label ("The Mayor congratulated Councillors Brian
            # Leddin and Richard O'Donoghue on their recent success") is not the list
            texts = {ln.no: ln.text for ln in doc.lines if ln.no in said}
            listing = {no for no, t in texts.items() if len(_PROSE_WORD.findall(t)) < 2 or _LABEL_START.match(t)}
            on_lists = [(said.get(e.line or 0), e.canonical or e.text) for p in mine for e in p.entities
                        if e.label == "PERSON" and e.line in listing]
            doc.present = sorted(set(doc.present) | {n for k, n in on_lists if k == "present"})
            doc.apologies = sorted(({n for k, n in on_lists if k == "apologies"} | set(doc.apologies)) - set(doc.present))
        # "Councillor K. Sheahan" in the chair is the "Sheahan (K)" of the attendance list
        before = [e.canonical for e in doc.people]
        renames = same_person_names([e for p in mine for e in p.entities] + doc.people)
        # and the attendance list's bare "Sheahan" is the paper's one "Sheahan (M)"
        renames |= {old: e.canonical for old, e in zip(before, doc.people) if old and e.canonical and old != e.canonical}
        if renames:
            doc.present = sorted({renames.get(n, n) for n in doc.present})
            doc.apologies = sorted({renames.get(n, n) for n in doc.apologies} - set(doc.present))
        for p in mine:
            p.kinds = passage_kinds(p.text, heading=p.section, section_type=p.section_type, doc_type=doc.doc_type)


# the label's own line may be a sentence: "Apologies for their inability to attend ... from Councillors Collins (J)"
_LABEL_START = re.compile(r"\W*(?:\d[\d.]*\.?\s+)?(?:apolog|present|in\s+attendance|attending|members\s+present)", re.I)
_PROSE_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")


def warm_up() -> None:
    """Load the spaCy pipeline, gazetteers and rules now (worker processes forked
    afterwards start with them loaded)."""
    from paperfinder.recognise.entities import tag_text
    from paperfinder.recognise.events import passage_kinds

    sample = "Councillor Jane Smith (Cabinet Member for Finance) agreed £5,000 for Westminster City Council on 1 April 2020."
    tag_text(sample)
    passage_kinds(sample, heading="Recommendations", section_type="recommendations", doc_type="cabinet_report")


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


def entities_of_file(path: str | Path, index_dir: str | Path | None = None,
                     required: bool = False, known: frozenset[str] = frozenset(),
                     named: frozenset[str] = frozenset()) -> tuple[str, list[Entity]]:
    """Every entity indexing would tag in one file, with source line numbers.

    With ``index_dir``, people named in the header blocks of the index's papers
    are recognised too, as indexing the file into it would, and initials of the
    councils its papers name as their own (with ``known``, councils given by the
    caller; ``named``, councils named in full, likewise); a missing index is an error
    only when ``required``."""
    from paperfinder.errors import NoIndexError
    from paperfinder.ingest.readers import display_source, read_lines
    from paperfinder.recognise.entities import tag_lines

    lines, _pages = read_lines(path)
    corpus = None
    if index_dir is not None:
        from paperfinder.search.backend import backend_for

        be = backend_for(index_dir)
        try:
            learned = dict(be.learned_people())
        except NoIndexError:
            if required:
                raise
            learned = None
        if learned is not None:
            learned[display_source(path)] = people_of_file(path)
            corpus = corpus_registry(learned)
            known = frozenset(known | set(be.field_values("authority")))
            # the councils its passages name (each paper's tags hold those it names in full)
            named = frozenset(named | set(be.field_values("authorities")))
    return display_source(path), tag_lines(lines, corpus=corpus, known=known, named=named)


def people_of_file(path: str | Path) -> list[dict]:
    """The people one file's header, contact and attendance blocks name (for the corpus registry)."""
    from paperfinder.ingest.readers import read_documents

    return people_of_documents(read_documents(path))


def people_of_documents(docs: list[Document], header_memo: list | None = None) -> list[dict]:
    """The people the documents' header, contact and attendance blocks name. Given a
    list as ``header_memo``, what was read of each document's header blocks is put in it,
    in document order (None for a document without lines), for :func:`tag_documents`."""
    from paperfinder.recognise.entities import header_people
    from paperfinder.recognise.names import remember_headers

    out: list[dict] = []
    with remember_headers() as memo:
        for doc in docs:
            out.extend({"text": e.text, "kind": e.kind, "role": e.role} for e in header_people(doc.lines))
    if header_memo is not None:
        header_memo.extend(memo.get(_joined(doc)) for doc in docs)
    return out


def corpus_registry(learned: dict[str, list[dict]]) -> PeopleRegistry:
    """One PeopleRegistry from the people learned per file, built in file order
    so the same corpus always gives the same canonical names."""
    from paperfinder.recognise.people import PeopleRegistry

    registry = PeopleRegistry(exact_surnames=True)
    for source in sorted(learned):
        _learn_file(registry, learned[source])
    return registry


def _learn_file(registry: PeopleRegistry, people: list[dict]) -> None:
    registry.learn([Entity("PERSON", x["text"], 0, 0, kind=x.get("kind"), role=x.get("role")) for x in people])


class CorpusLearning:
    """:func:`corpus_registry` learned file by file while the files are still being read
    (the indexer waits for its workers then), instead of all at once after the last: what a
    file teaches depends on what the files before it taught, so it holds only while the
    files come in ``corpus_registry``'s order (sorted by source), as they do from a folder
    whose names sort as its walk goes."""

    def __init__(self) -> None:
        from paperfinder.recognise.people import PeopleRegistry

        self._registry: PeopleRegistry | None = PeopleRegistry(exact_surnames=True)
        self._sources: list[str] = []

    def add(self, source: str, people: list[dict]) -> None:
        if self._registry is None:
            return
        if self._sources and source <= self._sources[-1]:
            self._registry = None  # out of order: corpus_registry makes it at the end
            return
        _learn_file(self._registry, people)
        self._sources.append(source)

    def registry_of(self, learned: dict[str, list[dict]]) -> PeopleRegistry | None:
        """``corpus_registry(learned)``, when it is what was learned here (else None)."""
        if self._registry is not None and self._sources == sorted(learned):
            return self._registry
        return None


_TITLES = ("Councillor", "Cllr", "Mr", "Mrs", "Ms", "Dr")


def changed_names(before: PeopleRegistry, after: PeopleRegistry) -> list[str]:
    """Names (and "Councillor Surname" forms) of people who are new, gone or
    different between two corpus registries: the papers naming them need tagging again."""
    def table(reg) -> dict[str, tuple]:
        return {p["canonical"]: (p["kind"], p["role"], tuple(p["variants"])) for p in reg.people()}

    old, new = table(before), table(after)
    names: set[str] = set()
    for canon in set(old) | set(new):
        if old.get(canon) == new.get(canon):
            continue
        for variants in (old.get(canon, (None, None, ()))[2], new.get(canon, (None, None, ()))[2]):
            for name in set(variants) | {canon}:
                if len(name.split()) >= 2:
                    names.add(name)
                    names.update(f"{t} {name.split()[-1]}" for t in _TITLES)
    return sorted(names)
