"""Typed records passed between pipeline stages.

Stages hand these dataclasses to each other; they become dicts only at output
(``to_dict``), so the JSON of the command-line contract is built in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Line:
    """One line of a paper's text, with its 1-based line number in the source file.

    ``blank_before`` says whether a paragraph break comes before the line. Readers
    that know the paper's structure (web pages: block elements) set it; ``None``
    lets the line numbers say it (a blank line between two lines), which is all
    plain text has. Lines of one web page may share a source line number.
    """

    no: int
    text: str
    blank_before: bool | None = None


@dataclass
class Entity:
    """A tagged span: MONEY, PERSON, AUTHORITY or DATE (more labels may follow).

    ``start``/``end`` are character offsets in the text that was tagged;
    ``line`` is the 1-based line in the source file when known.
    """

    label: str
    text: str
    start: int = 0
    end: int = 0
    line: int | None = None
    value: float | int | str | None = None  # MONEY: amount; DATE: ISO date
    currency: str | None = None  # MONEY only: "GBP", "EUR", ...
    canonical: str | None = None  # PERSON / AUTHORITY: merged canonical name
    kind: str | None = None  # PERSON: officer | councillor | other
    role: str | None = None  # PERSON: stated role, if any

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "text": self.text}
        for key in ("value", "currency", "canonical", "kind", "role", "line", "start", "end"):
            val = getattr(self, key)
            if val is not None:
                out[key] = val
        return out


@dataclass
class Document:
    """A paper (or one report split out of an agenda pack) with its metadata."""

    doc_id: str
    source: str  # path of the file, as given to the indexer
    lines: list[Line] = field(default_factory=list)
    title: str = ""
    authority: str | None = None
    about: list[str] = field(default_factory=list)  # councils the paper is about, when not its own
    date: str | None = None  # ISO date of the meeting/decision
    doc_type: str = "report"
    committee: str | None = None  # committee or decision maker
    author: str | None = None
    decision_maker: str | None = None
    key_decision: bool | None = None
    pack_id: str | None = None  # doc_id of the agenda pack this came from
    item: str | None = None  # agenda item label, e.g. "Agenda Item 8"
    page_of_line: dict[int, int] = field(default_factory=dict)  # PDFs: line -> page
    people: list[Entity] = field(default_factory=list)  # authors, decision makers, attendees
    corrected: list[str] = field(default_factory=list)  # fields a user set with `paperfinder correct`
    present: list[str] = field(default_factory=list)  # people a meeting's attendance list names
    apologies: list[str] = field(default_factory=list)  # people who sent apologies

    @property
    def line_start(self) -> int:
        return self.lines[0].no if self.lines else 0

    @property
    def line_end(self) -> int:
        return self.lines[-1].no if self.lines else 0

    def meta_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "authority": self.authority,
            "about": list(self.about),
            "date": self.date,
            "doc_type": self.doc_type,
            "committee": self.committee,
            "author": self.author,
            "decision_maker": self.decision_maker,
            "key_decision": self.key_decision,
            "pack_id": self.pack_id,
            "item": self.item,
            "corrected": list(self.corrected),
            "present": list(self.present),
            "apologies": list(self.apologies),
            "pages": max(self.page_of_line.values()) if self.page_of_line else None,
            "line_start": self.line_start,
            "line_end": self.line_end,
        }


@dataclass
class Passage:
    """A chunk of one section of a document, the unit that is indexed and cited."""

    passage_id: str
    doc_id: str
    section: str  # heading path, " > " joined
    section_type: str  # summary, recommendations, reasons, ... other
    text: str
    line_start: int
    line_end: int
    paragraphs: list[str] = field(default_factory=list)  # e.g. ["4.1", "4.2"]
    kinds: list[str] = field(default_factory=list)  # "decision", "commitment"
    entities: list[Entity] = field(default_factory=list)
    line_nos: list[int] = field(default_factory=list)  # source line of each line of ``text``
    line_pages: list[int] = field(default_factory=list)  # PDFs: page of each line of ``text``; else empty
    index_text: str | None = None  # the text as indexed, when words the PDF split are joined (see splitwords)
    index_section: str | None = None  # the heading path as indexed, when it leaves out a shared heading (see sections)

    @property
    def page(self) -> int | None:
        """PDF page where the passage starts (None for other formats)."""
        return self.line_pages[0] if self.line_pages else None

    @property
    def page_end(self) -> int | None:
        return self.line_pages[-1] if self.line_pages else None


def citation(source: str, line_start: int, line_end: int, page: int | None = None, page_end: int | None = None) -> str:
    """How a passage is cited: ``file:410-412``, or for a PDF ``file p.12, lines 410-412``
    (the page is what a reader can check in the paper; the lines are those of its text)."""
    if page is None:
        return f"{source}:{line_start}-{line_end}"
    pages = f"pp.{page}-{page_end}" if page_end and page_end != page else f"p.{page}"
    return f"{source} {pages}, lines {line_start}-{line_end}"


@dataclass
class Hit:
    """One search result: a passage with its document's citation fields."""

    doc_id: str
    passage_id: str
    title: str
    authority: str | None
    date: str | None
    doc_type: str
    section: str
    section_type: str
    text: str
    snippet: str
    score: float
    source: str
    line_start: int
    line_end: int
    entities: list[Entity] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # document's people (canonical)
    also_in: list[dict[str, Any]] = field(default_factory=list)  # duplicates elsewhere
    also_in_more: int = 0  # duplicates elsewhere past those listed in also_in
    committee: str | None = None  # committee or decision maker of the document
    about: list[str] = field(default_factory=list)  # councils the paper is about, when not its own
    line_nos: list[int] = field(default_factory=list)  # source line of each line of ``text``
    page: int | None = None  # PDF page where the passage starts; None for other formats
    page_end: int | None = None  # PDF page where it ends
    line_pages: list[int] = field(default_factory=list)  # PDFs: page of each line of ``text``

    def citation(self) -> str:
        return citation(self.source, self.line_start, self.line_end, self.page, self.page_end)

    def places_past(self, shown: int) -> int:
        """How many other places of the passage's text there are past the first ``shown``
        listed in ``also_in`` (those it leaves out included)."""
        return max(0, len(self.also_in) - shown) + self.also_in_more

    def page_at(self, no: int) -> int | None:
        """The PDF page of one of the passage's source lines (None for other formats)."""
        for n, page in zip(self.line_nos, self.line_pages):
            if n >= no:
                return page
        return self.page_end

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("line_nos")
        out.pop("line_pages")
        out["entities"] = [e.to_dict() for e in self.entities]
        out["score"] = round(self.score, 4)
        return out


@dataclass
class Answer:
    """An answer to a question with its evidence."""

    question: str
    answer: str | None
    value: float | int | str | None
    answer_type: str  # money | person | date | number | text
    confidence: float
    evidence: list[Hit] = field(default_factory=list)
    sentence: str | None = None  # the quoted sentence holding the answer
    narrowed: str | None = None  # the papers searched, when the question named a meeting's month or year

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "value": self.value,
            "answer_type": self.answer_type,
            "confidence": round(self.confidence, 3),
            "sentence": self.sentence,
            "narrowed_to": self.narrowed,
            "evidence": [h.to_dict() for h in self.evidence],
        }
