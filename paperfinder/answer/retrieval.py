"""Asking the index: a question's words as a search, the hits, then the answer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from paperfinder.answer.question import STOPWORDS, Question, read_question, stem, tokens
from paperfinder.answer.reader import answer_from_hits
from paperfinder.errors import QueryError, ResolveError
from paperfinder.model import Answer, Hit

# ---- ask ------------------------------------------------------------------------------------


def _query_word(t: str) -> str:
    """One question word made safe for the whoosh parser ("" to drop it)."""
    w = re.sub(r"[^\w'\u2019&/.-]", "", t).strip("'.-/")
    w = w.replace("'", "").replace("\u2019", "")
    if not w or w.lower() in ("many", "much", "and", "or", "not", "to") or w == "&":
        return ""
    if re.fullmatch(r"[\d.,/£%-]+", w):
        return re.sub(r"[^\d]", " ", w).strip().split()[0] if re.search(r"\d", w) else ""
    if "/" in w or "-" in w or "." in w:
        parts = [p for p in re.split(r"[/.\-]", w) if p]
        return '"' + " ".join(parts) + '"' if len(parts) > 1 else (parts[0] if parts else "")
    return w


def _phrase_query(q: Question) -> str:
    """Runs of adjacent content words of the question as quoted phrases, OR-ed."""
    phrases: list[str] = []
    run: list[str] = []
    cue = set(q.cue_stems)
    for surface, _s, _e in tokens(q.text) + [("?", 0, 0)]:
        low = surface.lower()
        w = _query_word(surface) if low not in STOPWORDS and surface != "?" else ""
        if w and not w.startswith('"') and stem(surface) not in cue and not w.isdigit():
            run.append(w)
            continue
        if len(run) >= 2:
            chunks = [run] if len(run) <= 3 else [run[i:i + 2] for i in range(len(run) - 1)]
            for ch in chunks:
                ph = '"' + " ".join(ch) + '"'
                if ph not in phrases:
                    phrases.append(ph)
        run = []
    return " OR ".join(phrases)


def retrieve(q: Question, index_dir: str | Path, filters: Any = None, limit: int = 20) -> list[Hit]:
    """Hits for a question: the lead search on its content words (the search engine
    takes passages holding all of them first, then those holding most), plus the
    passages holding its multi-word names as phrases ("Centre Director"), which a
    table row may state without the question's other words."""
    from paperfinder.search.service import search

    cue = set(q.cue_stems)
    # type cues ("budget", "how much") are left out: a table row stating the amount rarely says them
    words = [t for t, st in zip(q.terms, q.stems) if st not in cue] or q.query.split()
    main = " ".join(words) or q.text
    hits = list(search(main, index_dir=index_dir, filters=filters, limit=limit, every_word_first=True,
                       ranking="answers").hits)
    ph = _phrase_query(q)
    if ph:
        try:
            extra = search(ph, index_dir=index_dir, filters=filters, limit=max(4, limit // 3), ranking="answers").hits
        except QueryError:  # a phrase the query parser rejects costs only the extra hits
            extra = []
        seen = {h.passage_id for h in hits}
        hits += [h for h in extra if h.passage_id not in seen]
    return hits


def ask(question: str, index_dir: str | Path, filters: Any = None, limit: int = 20, hints: bool = True,
        threshold: float | None = None, sure: bool = False) -> Answer:
    """Answer ``question`` from the index at ``index_dir`` (hits via ``paperfinder.search.service``).

    ``filters`` (a ``paperfinder.search.service.Filters``) restrict the hits as for search.
    Without them and with ``hints``, a person the question names becomes a person
    filter (dropped again when it matches nothing); a council it names is only a
    hint (the hit's council counts as context), because papers of one council
    often report on others; dates it names after "after"/"before" bound the answer.
    Below ``threshold`` (default ``reader.THRESHOLD``) the answer is None; ``sure`` answers only
    where the fitted confidence model is sure (``reader.answer_from_hits``).
    """
    if not question.strip():
        from paperfinder.errors import QueryError

        raise QueryError("the question is empty", "ask in words, e.g. paperfinder ask \"Who seconded the budget?\"")
    q, hits, narrowed = question_hits(question, index_dir, filters=filters, limit=limit, hints=hints)
    from paperfinder.reports.show import source_roots

    ans = answer_from_hits(q, hits, roots=source_roots(index_dir), threshold=threshold, sure=sure)
    ans.narrowed = narrowed
    return ans


def question_hits(
    question: str, index_dir: str | Path, filters: Any = None, limit: int = 20, hints: bool = True
) -> tuple[Question, list[Hit], str | None]:
    """The question read, the passages ``ask`` reads for its answer (in the order retrieved),
    and what the papers searched were narrowed to (None: not narrowed)."""
    from paperfinder.search.service import Filters

    q = read_question(question)
    if filters is not None and not filters.active():
        filters = None  # no filter given (the command line always passes its options): the question's hints apply
    hits: list[Hit] = []
    narrowed = None
    if hints and filters is None:
        # a meeting's month or year the question names narrows the papers searched, then a
        # person it names; each is dropped again when nothing matches with it
        period = _meeting_period(q.text)
        person = q.people[0] if len(q.people) == 1 else None
        tries = []
        if period:
            tries.append((Filters(person=person, since=period[0], until=period[1]), period[2]))
            if person:
                tries.append((Filters(since=period[0], until=period[1]), period[2]))
        if person:
            tries.append((Filters(person=person), None))
        for flt, label in tries:
            try:
                hits = retrieve(q, index_dir, filters=flt, limit=limit)
            except ResolveError:  # the person is not in the index, or is ambiguous
                hits = []
            if hits:
                narrowed = label
                break
        if hits and period and narrowed == period[2]:
            # a paper's date is read from its text and may be another day than the meeting's month the
            # question names (a date posted, a later signature): when the papers of that month name fewer
            # of the places and bodies the question names than the papers found without it, the month
            # narrowed to the wrong papers
            plain = retrieve(q, index_dir, filters=filters, limit=limit)
            if _names_held(q, plain[:NAMES_DEPTH]) > _names_held(q, hits[:NAMES_DEPTH]):
                hits, narrowed = plain, None
    if not hits:
        hits = retrieve(q, index_dir, filters=filters, limit=limit)
    return q, hits, narrowed


NAMES_DEPTH = 10  # the first passages retrieved, where the question's names are looked for


def _names_held(q: Question, hits: list[Hit]) -> int:
    """The most of the question's names (its places and bodies: "Broad Town", "Hempstead") one of ``hits``
    holds, in its text, title or council."""
    from paperfinder.answer.candidates import _positions, _tok_stems
    from paperfinder.answer.reader import _proper_stems

    names = _proper_stems(q)
    if not names:
        return 0
    best = 0
    for h in hits:
        text = " ".join([h.text, h.title or "", h.authority or ""])
        best = max(best, len(_positions(names, _tok_stems(text), text)))
    return best


_MONTH_YEAR = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+((?:19|20)\d\d)\b(?![/\-]\d)",
    re.I,
)
# a season's months in the northern hemisphere, where the councils we read sit; winter spans
# two years ("winter 2018" is read either way by people) and is left to the year alone
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_SEASON_YEAR = re.compile(r"\b(spring|summer|autumn|fall)\s+(?:of\s+)?((?:19|20)\d\d)\b(?![/\-\u2013]\d)", re.I)
_IN_YEAR = re.compile(r"\b(?:in|during)\s+((?:19|20)\d\d)\b(?![/\-\u2013]\d)", re.I)


def _meeting_period(text: str) -> tuple[str, str, str] | None:
    """(since, until, label) of a meeting's month ("at the May 2018 meeting"), season ("in
    summer 2008") or year ("in 2016") a question names; a financial year ("2017/18") is not
    a meeting's date."""
    import calendar

    from paperfinder.recognise.dates import month_number

    m = _MONTH_YEAR.search(text)
    if m:
        month = month_number(m.group(1))
        year = int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last}", f"papers dated {calendar.month_name[month]} {year}"
    m = _SEASON_YEAR.search(text)
    if m:
        first, last = _SEASONS[m.group(1).lower()]
        year = int(m.group(2))
        end = calendar.monthrange(year, last)[1]
        return f"{year}-{first:02d}-01", f"{year}-{last:02d}-{end}", f"papers dated {m.group(1).lower()} {year}"
    m = _IN_YEAR.search(text)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31", f"papers dated {m.group(1)}"
    return None
