"""Typed records passed between pipeline stages.

Stages hand these dataclasses to each other; they become dicts only at output
(``to_dict``), so the JSON of the command-line contract is built in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Line:
    """One line of a paper's text, with its 1-based line number in the source file."""

    no: int
    text: str


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
    committee: str | None = None  # committee or decision maker of the document
    about: list[str] = field(default_factory=list)  # councils the paper is about, when not its own
    line_nos: list[int] = field(default_factory=list)  # source line of each line of ``text``

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("line_nos")
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "value": self.value,
            "answer_type": self.answer_type,
            "confidence": round(self.confidence, 3),
            "sentence": self.sentence,
            "evidence": [h.to_dict() for h in self.evidence],
        }
