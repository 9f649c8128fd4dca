"""Answer questions from search hits: pick the sentence or table row, then the span.

Pipeline (no model, no network, no spaCy)::

    read_question(question) -> Question                  (answer.question)
    retrieve(Question, index) -> hits              (answer.retrieval, through search.service: the
                                                    content words, all-words first then most-words,
                                                    plus the question's multi-word names as phrases)
    answer_from_hits(Question, hits) -> Answer     (here; units from answer.units, scores and
                                                    candidate spans from answer.candidates)

``answer_from_hits``

1. cuts every hit into *units*: sentences of its paragraphs (lines joined across
   PDF wraps, header fields kept one a line) and table rows (a line with tabs or
   ``|`` is one unit). A unit keeps its 1-based source lines (from ``hit.line_nos``,
   else the source file) and its surroundings: the report title, section heading and
   council; for a row the table's caption, header row and ``£'000`` scale; for a
   sentence the sentences around it.
2. scores units by the question's terms: light stems, IDF-weighted over the
   candidate units, type cues ("how much", "budget") and subordinate-clause words
   weighing less; a term found only around the unit counts 0.5-0.85. Adjacent term
   pairs and the proximity of the matched terms add to it.
3. takes candidate spans of the expected type -- money via ``money.find_money``
   (table scales applied; bare figures in a finance table without any £),
   dates via ``dates.find_dates``, people from the hit's PERSON entities and
   capitalised names (a known given name, a title or a label makes them likely),
   numbers and percentages that are not money, dates, phone, paragraph or
   reference numbers, and for *text* questions proper-noun phrases, quoted words
   and table cells -- and scores each: closeness to the matched terms; in a table
   the column whose header names the question's period ("2015/16", "Year 2") or
   word, and the "Total" row for a total; the post named next to a person; the
   counted noun after a number ("583 practitioners"); the place or period bound to
   a value ("44 in Kensington and Chelsea", "13.1% in 2015/2016"); "per post".
4. returns the best span with a confidence in [0, 1] (see ``_confidence``, then the
   doubts of ``answer.doubts`` about the span itself: the question's own words, a bare
   month for a thing, words for an amount, one end of a range, a paper of another year);
   below ``THRESHOLD`` the answer is ``None`` and the evidence is still given.

``Answer.sentence`` quotes the unit with the answer marked by guillemets,
e.g. ``Centre Director | «£50 000» | £50 000 | ...`` (table cells are joined
by `` | ``). ``Answer.evidence[0]`` is the hit that holds the answer, narrowed
to the answering lines (``line_start``/``line_end``/``text`` are those lines;
``snippet`` is the marked sentence); the other hits follow in search order.
``Answer.value``: the amount (money, in its currency) or number for those types,
the ISO date (``YYYY-MM-DD``, or ``YYYY-MM`` for a month) for dates, else None.

``answer.retrieval.ask(question, index_dir, filters=None, limit=20)`` runs the
whole pipeline against an index built by ``paperfinder index``.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, Iterable

from paperfinder.answer.calibration import ConfidenceFeatures, fitted_confidence, load_model
from paperfinder.answer.candidates import (
    Cand,
    _column_fit,
    _date_cands,
    _fy_equal,
    _header_names,
    _money_cands,
    _nearness,
    _number_cands,
    _person_cands,
    _positions,
    _post_in_brackets,
    _score_units,
    _text_cands,
    _tok_stems,
    not_name_words,
)
from paperfinder.answer.doubts import ECHO_COST, NOBODY_COST, _echoes, answer_doubts, nobody_listed
from paperfinder.answer.question import STOPWORDS, Question, read_question, sentence_kind, tokens
from paperfinder.answer.units import Unit, _norm, units_of_hit
from paperfinder.model import Answer, Hit

__all__ = ["answer_from_hits", "answer_with_features", "THRESHOLD", "MARK_OPEN", "MARK_CLOSE"]

MARK_OPEN, MARK_CLOSE = "\u00ab", "\u00bb"  # « »
# on: the confidence is the probability of answer.calibration (data/confidence_model.json) fitted on the
# development parts of six question sets, not the hand-set product (kept as its feature "log_hand"), and the
# threshold is the one chosen with the fit (0.875): the most questions right among thresholds whose answers
# given are >= 90% right in every question set when that set is left out of the fit (a council nobody tuned
# for is like any one set; the pooled figure is carried by the sets the reader was tuned on most).
# Off: the hand-set product with the threshold of 0.40 it was tuned to on those parts, where its answers given
# are 90% right, but on the held-back parts 74-84% (questions4: 75 of 98). On, the held-back answers given are
# right 82-92% (questions4: 45 of 49) but fewer questions are right (questions4 90 -> 65 of 140; the hand-set
# product at 0.65, as sure, 60), the bundled questions fall, and 36 answer tests expect answers it holds back
# (README, "ask"): off until the lead chooses that trade
FITTED = False
THRESHOLD = load_model().threshold if FITTED else 0.40
MARGIN_GAIN = 0.3  # confidence gained per unit of margin below a rival ratio of 0.5 (at most x1.15)
# a sentence question ("what was decided ...?") answered by a sentence stating no decision (or reason)
UNSTATED_COST = 0.75
CROWDED, CROWDED_COST = 4, 0.8  # a sentence holding this many values of the kind asked: the pick is less sure
# confidence kept per name of the question the answer's paper does not mention (0.85 before the order by
# share of the question: that order reads more passages of other councils holding the question's other words)
UNNAMED_COST = 0.75
COVER_POWER = 1.05  # confidence grows with the answering unit's coverage of the question to this power
RIVAL_FROM = 0.7  # a rival value scoring above this share of the best's lowers the confidence
# a number counting another noun than the one asked about, in a sentence naming that one ("... recruits foster
# carers ... from all three boroughs" for "how many foster carers ..."): on the corpus-dev development part
# and the bundled questions no best answer flagged so was right (3 unanswerables, two answered at 0.8)
COUNTED_OTHER_COST = 0.6
# agreement counts another unit stating the value only when the words around the value differ: a page
# header merged into each page's first sentence repeats its date in units that differ elsewhere
SUPPORT_WINDOW = 40
FAR_RANK, FAR_COST = 9, 0.7  # an answer from the 10th passage retrieved or a later one keeps this much
# a name of the question that the answer's sentence lacks but its passage says elsewhere counts this share of
# one unnamed (its sentence may be about another thing of that place)
PASSAGE_NAMED_SHARE = 0.5
# a council the question names by its full name ("Boughton Parish Council's precept")
_COUNCIL_NAMED = re.compile(r"\b((?:[A-Z][\w'\u2019-]*\s+){1,3})(?:Parish|Town|Community|City|County|District|Borough)\s+Council\b")


# ---- the answer -------------------------------------------------------------------------


def _lower_vocab(hits: list[Hit]) -> set[str]:
    vocab: set[str] = set()
    for h in hits:
        text = re.sub(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+", " ", h.text)  # e-mail addresses hold names
        for w in re.findall(r"\b[a-z][a-z'-]+\b", text):
            vocab.add(w)
    return vocab


def _candidates(q: Question, u: Unit, hits: list[Hit], lower_vocab: set[str], doc_first: dict[str, int]) -> list[Cand]:
    t = q.answer_type
    if t == "money":
        return _money_cands(u, q)
    if t == "date":
        return _date_cands(u, q, hits, doc_first)
    if t == "number":
        return _number_cands(u, q)
    if t == "person":
        return _person_cands(u, q, hits, lower_vocab)
    return _text_cands(u, q)


def _confidence(best: Cand, q: Question, support: float, rival: float, weights: dict[str, float], ratio: float = 0.0) -> tuple[float, bool]:
    """The hand-set confidence in [0, 1] that ``best`` answers ``q`` (one feature of the fitted one,
    ``answer.calibration``), and whether the unit lacks the question's most specific word.

    Mostly the share of the question's weighted terms the answering unit covers
    (with its heading, caption and neighbouring sentences), then how close the
    span sits to them and how well it fits the type (table column, counted
    noun, role next to a name); other units agreeing add a little, a close
    rival with another value takes a little. Missing the question's most
    specific word costs 15%: an answer without it is usually about something else.
    """
    u = best.unit
    conf = u.coverage ** COVER_POWER
    conf *= 0.72 + 0.28 * best.near
    fit = min(best.fit, 1.5)
    conf *= 0.8 + 0.2 * min(fit, 1.0) + 0.1 * max(0.0, fit - 1.0)
    if q.answer_type == "person" and q.role_stems:
        conf *= 0.35 + 0.65 * max(0.0, min(1.0, best.role))  # the post must be stated for this name
    if q.answer_type == "person" and not best.plausible:
        conf *= 0.6  # capitalised words nothing marks as a person (no tag, given name, title or label)
    if q.answer_type == "text":
        conf *= 0.92
    if best.counts_other:
        conf *= COUNTED_OTHER_COST  # it counts another noun than the one asked about
    if best.period_end:
        conf *= 0.6  # a period's end date for a question about an event: another kind of date
    if best.other_period:
        conf *= 0.6  # the amount of another year: the year asked about is most likely in no paper found
    content = {s: w for s, w in weights.items() if s not in q.cue_stems}
    lacks_top = False
    if content:
        # words of equal weight are equally specific: the answer lacks the most specific only lacking them all
        most = max(content.values())
        if all(s in u.missing for s, w in content.items() if w >= most - 1e-9):
            conf *= 0.85
            lacks_top = True
    conf *= 1.0 + 0.15 * min(support, 1.0)  # other sentences agreeing confirm what this one says (a doubtful pick stays doubtful)
    if rival > 0:
        conf -= 0.1 * rival
    # another value scoring near the best (its score above 0.6 of the best's) is the
    # commonest mark of a wrong pick on the corpus-dev development part: the answer is less sure
    conf *= 1.0 - 0.5 * max(0.0, ratio - RIVAL_FROM)
    # ... and a clear margin over every other value (none scoring half the best's) makes it surer
    # (unless a date's sentence lacks the question's most specific word: a date of another event, such as
    # the next meeting's, is often the only date near the question's other words)
    if not (lacks_top and q.answer_type == "date"):
        conf *= 1.0 + MARGIN_GAIN * max(0.0, 0.5 - ratio)
    # a place or body the question names that neither the answer's sentence nor its paper mentions:
    # most often another council's paper saying the same kind of thing
    conf *= UNNAMED_COST ** min(best.unnamed, 2)
    # a passage the search ranked far down holds fewer of the question's words than those above it: an
    # answer there is most often about something else (corpus-dev development part: of the best answers
    # from the 10th passage or lower with a confidence from 0.2 to 0.6, 1 in 11 was right)
    if u.hit >= FAR_RANK:
        conf *= FAR_COST
    return max(0.0, min(1.0, conf)), lacks_top


def _filled_cells(u: Unit) -> int:
    """Cells of a table row that hold something."""
    return sum(1 for a, b in u.cells if u.text[a:b].strip())


def _statement(text: str, kind: str | None = None) -> bool:
    """The sentence states a decision or a reason (``kind`` one of them, or either)."""
    from paperfinder.datafiles import tab_rules

    return any(rx.search(text) for (k,), rx in tab_rules("statement_cues.txt") if kind is None or k == kind)


_PROPOSAL_ASKED = re.compile(r"\s*what\s+did\s+.{0,80}?\b(?:propose|suggest|recommend)\b", re.I)
_SPEECH_ASKED = re.compile(r"\s*what\s+did\s+.{0,80}?\b(?:say|comment|state|mention|tell\s+\w+)\b", re.I)


def _wanted_statement(q: Question) -> str:
    """"why ...?" wants the reason; "what did they propose / suggest?" the proposal; "what did she
    say about ...?" what was said; "what was the vote on ...?" how it was voted; "did ...?", "what
    happened ...?" the decision."""
    if re.match(r"\s*(?:why\b|what\s+(?:was|were|is)\s+the\s+reasons?\b)", q.text, re.I):
        return "reason"
    if _SPEECH_ASKED.match(q.text):
        return "speech"
    if sentence_kind(q.text) == "vote":
        return "vote"
    return "proposal" if _PROPOSAL_ASKED.match(q.text) else "decision"


# how far into an item a decision may follow the sentence naming the matter, and what each sentence between costs
_ITEM_REACH = 8
_ITEM_DECAY = 0.93
_ITEM_COVERAGE = 0.97  # the topic's words cover the statement almost as well: it is the same item


def _item_statements(q: Question, units: list[Unit], pool: list[Unit]) -> list[Unit]:
    """Sentence questions: the decision or reason minutes write after the sentences that name
    the matter ("To consider a defibrillator in the phone box ... [discussion] ... It was agreed
    that consideration of this scheme would be dropped"). Each statement sentence later in the
    same passage as a matching sentence is a unit too, with the score and coverage of that
    sentence (less a little for each sentence between): the item's topic is its topic."""
    kind = _wanted_statement(q)
    order = {id(u): i for i, u in enumerate(units)}
    best: dict[int, Unit] = {}
    for u in pool:
        if u.is_row or id(u) not in order:
            continue
        i = order[id(u)]
        for k, v in enumerate(units[i + 1:i + 1 + _ITEM_REACH], start=1):
            if v.hit != u.hit or v.is_row:
                break
            if not _statement(v.text, kind):
                continue
            score = u.score * _ITEM_DECAY ** k
            if score <= v.score or (id(v) in best and best[id(v)].score >= score):
                continue
            best[id(v)] = _about_matter(v, u, score, k)
    out = [best.get(id(u), u) for u in pool]
    seen = {id(u) for u in pool}
    return out + [v for key, v in best.items() if key not in seen]


def _about_matter(v: Unit, of: Unit, score: float, steps: int) -> Unit:
    """``v`` read as about the matter of ``of``, ``steps`` sentences from it: ``score``, the coverage of
    ``of`` (less a little for each step) when higher, and the words neither holds."""
    return dataclasses.replace(v, score=score, coverage=max(v.coverage, of.coverage * _ITEM_COVERAGE ** steps),
                               missing=set(of.missing) & set(v.missing) if v.coverage else set(of.missing))


def _continued(units: list[Unit], pool: list[Unit]) -> list[Unit]:
    """A sentence that records what became of the motion before it ("... proposed a recall of the vote." /
    "This was seconded by Councillor B.", "Proposed: Councillor A" / "Seconded: Councillor B",
    ``data/continued_openings.txt``) is about that motion's matter: it takes the score and coverage of the
    best sentence of the item above it (less a little for each sentence between), when those are higher.
    The walk back passes the item's other record lines and stops at the one closing the item before."""

    pooled = {id(u) for u in pool}
    extra: dict[int, Unit] = {}
    records = _record_lines(units)
    for j, v in enumerate(units):
        if not records[j]:
            continue
        best: Unit | None = None
        score = v.score
        k = best_k = 0
        after = v
        for i in range(j - 1, -1, -1):
            u = units[i]
            # a blank line may part a record line from its motion ("Proposed: ..." set a paragraph apart)
            if u.is_row or u.hit != v.hit or after.line_start > u.line_end + _RECORD_GAP:
                break
            after = u
            if records[i]:
                if k:
                    break  # the record of the item before
                continue  # "Proposed: <A>" above "Seconded: <B>": the same motion's record
            k += 1
            if k > _ITEM_REACH:
                break
            if id(u) in pooled and u.score * _ITEM_DECAY ** k > score:
                best, score, best_k = u, u.score * _ITEM_DECAY ** k, k
        if best is None:
            continue
        extra[id(v)] = _about_matter(v, best, score, best_k)
    return [extra.pop(id(u), u) for u in pool] + list(extra.values())


_RECORD_GAP = 2  # lines between a record line and the sentence before it (one blank line)


def _record_lines(units: list[Unit]) -> list[bool]:
    """Which units are a motion's record lines (``data/continued_openings.txt``: "Proposed: Councillor A",
    "This was seconded by ...", "Aye: ..."), each read once for both walks, back and forward."""
    from paperfinder.datafiles import tab_rules

    openings = [rx for _k, rx in tab_rules("continued_openings.txt", fields=0, wrap=r"^\W*(?:{})")]
    return [not u.is_row and any(rx.match(u.text) for rx in openings) for u in units]


def _heading_leads(units: list[Unit], pool: list[Unit]) -> list[Unit]:
    """A heading naming who brought the matter below it ("Question submitted by Councillor A" above "will ask
    the Council how many voids ...", ``data/lead_headings.txt``) is about that matter: it takes the score and
    coverage of the best of the next few lines of its passage, up to the next such heading (less a little)."""
    from paperfinder.datafiles import tab_rules

    leads = [rx for _k, rx in tab_rules("lead_headings.txt", fields=0, wrap=r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:{})")]
    records = _record_lines(units)
    pooled = {id(u) for u in pool}
    extra: dict[int, Unit] = {}
    heads = [not u.is_row and len(u.text) <= _LEAD_LENGTH and any(rx.match(u.text) for rx in leads) for u in units]
    for j, u in enumerate(units):
        if not heads[j]:
            continue
        best: Unit | None = None
        score = u.score
        before = u
        for k, v in enumerate(units[j + 1:j + 1 + _LEAD_REACH], start=1):
            # ("Proposed by <A>" / "Seconded by <B>" / "AND AGREED" / "That ...": the motion's next record line
            # leads the same matter)
            again = heads[j + k] and not (records[j] and records[j + k])
            if again or v.hit != u.hit or v.line_start > before.line_end + _RECORD_GAP:
                break
            before = v
            if id(v) in pooled and v.score * _ITEM_DECAY ** k > score:
                best, score = v, v.score * _ITEM_DECAY ** k
        if best is None:
            continue
        extra[id(u)] = _about_matter(u, best, score, 1)
    return [extra.pop(id(u), u) for u in pool] + list(extra.values())


# a label closing a line, its list on the next ("... Councillor F H Yeulett Apologies for absence:" / "Councillors
# Mrs Newell and Councillor Seaton"; "2743: Apologies for Absence:" / "Giles Merritt (work commitments)")
_TRAILING_LABEL = re.compile(r"(?:^|\s)((?:\d+[.:]\s*)?[A-Z][A-Za-z]+(?:\s+[A-Za-z]+){0,3})\s*:\s*$")


def _label_leads(units: list[Unit], pool: list[Unit], lists: bool = False) -> list[Unit]:
    """A line that ends in a label ("Apologies for absence:", "Absent:") is read with the line after it, the
    list it labels: the names there are the label's, though no word of the question is on their line. With
    ``lists``, a sentence ending in a colon is read with the first item of the list under it ("... calculated
    the Council Tax Base 2023/24 as:" / "(a) for the whole Council area as 26,304.94")."""
    pooled = {id(u) for u in pool}
    extra: list[Unit] = []
    for u, nxt in zip(units, units[1:]):
        if id(u) not in pooled or u.is_row or nxt.is_row or nxt.hit != u.hit or nxt.line_start > u.line_end + 1:
            continue
        if lists:
            if u.text.rstrip().endswith(":") and _LIST_ITEM.match(nxt.text):
                extra.append(_joined(u, nxt))
            continue
        m = _TRAILING_LABEL.search(u.text)
        if m is None or re.match(r"\s*[^:]{1,25}:", nxt.text):
            continue
        label = dataclasses.replace(u, text=u.text[:m.end()])
        extra.append(_joined(label, nxt))
    return pool + extra


_LIST_ITEM = re.compile(r"\s*(?:\([a-z0-9]{1,3}\)|[a-z0-9]{1,2}[.)]|[-\u2022])\s")


_LEAD_LENGTH = 120  # a heading line, not a sentence running on
_LEAD_REACH = _ITEM_REACH  # the lines of the matter a heading leads (a list of questions under one name)


def _joined(u: Unit, nxt: Unit) -> Unit:
    """``u`` and the unit after it read as one."""
    shift = len(u.text) + 1
    return dataclasses.replace(
        u,
        text=u.text + " " + nxt.text,
        line_end=nxt.line_end,
        line_of=u.line_of + [(off + shift, no) for off, no in nxt.line_of],
        lines_text=u.lines_text + ("\n" + nxt.lines_text if nxt.lines_text and nxt.lines_text not in u.lines_text else ""),
        line_nos=u.line_nos + [n for n in nxt.line_nos if n not in u.line_nos],
    )


def _with_statement(u: Unit, nxt: Unit | None, kind: str | None = None) -> Unit:
    """A sentence that names the matter but not what became of it, read with ``nxt``, the
    next sentence of its paragraph when that one says it ("... visited to assess the bin." /
    "The cost of the housing is far too expensive for us."): minutes decide after they describe."""
    # (a member's proposal is read with the next sentence when a decision is asked: "Cllr A proposed that ..." /
    # "There was no support for this proposal and it was not carried.")
    said = _statement(u.text, kind) if kind in ("proposal", "vote") else _statement(u.text, "decision") or _statement(u.text, "reason")
    if u.is_row or nxt is None or said:
        return u
    if nxt.hit != u.hit or nxt.is_row or not _statement(nxt.text) or nxt.line_start > u.line_end + 2:
        return u
    return _joined(u, nxt)


def answer_from_hits(q: Question | str, hits: list[Hit], roots: Iterable[Path] = (), threshold: float | None = None,
                     sure: bool = False) -> Answer:
    """The best answer span in ``hits`` for question ``q`` (a Question or its text); below ``threshold``
    (default ``THRESHOLD``; 0 gives the best candidate whatever its confidence) the answer is None.
    With ``sure`` the confidence is the fitted model's and the default threshold the one chosen with it,
    where the answers given were right 9 times in 10 in every question set left out of the fit."""
    return answer_with_features(q, hits, roots, threshold, sure=sure)[0]


def answer_with_features(q: Question | str, hits: list[Hit], roots: Iterable[Path] = (),
                         threshold: float | None = None, sure: bool = False) -> tuple[Answer, ConfidenceFeatures | None]:
    """``answer_from_hits`` and what its confidence was computed from (None when no candidate was found):
    ``bench/fit_confidence.py`` fits the confidence on these."""
    fitted = FITTED or sure
    if threshold is None:
        threshold = load_model().threshold if fitted else THRESHOLD
    if isinstance(q, str):
        q = read_question(q)
    roots = list(roots) or [Path.cwd()]
    units: list[Unit] = []
    for i, h in enumerate(hits):
        units.extend(units_of_hit(h, i, roots))
    if not units:
        return Answer(question=q.text, answer=None, value=None, answer_type=q.answer_type, confidence=0.0, evidence=list(hits)), None
    weights = _score_units(q, units, hits)
    doc_first: dict[str, int] = {}  # first line of each document, as far as the hits show
    for h in hits:
        doc_first[h.doc_id] = min(doc_first.get(h.doc_id, h.line_start), h.line_start)
    lower_vocab = _lower_vocab(hits) if q.answer_type == "person" else set()
    # only units that match something are worth extracting from
    ranked = sorted(units, key=lambda u: -u.score)
    pool = [u for u in ranked[:60] if u.coverage > 0.0]
    cands: list[Cand] = []
    pool = _continued(units, pool)
    if q.answer_type == "person":
        pool = _heading_leads(units, pool)
        pool = _label_leads(units, pool)
    if q.sentence:
        following = {id(u): nxt for u, nxt in zip(units, units[1:])}
        pool = _item_statements(q, units, pool)
        wanted = _wanted_statement(q)
        pool = [_with_statement(u, following.get(id(u)), wanted) for u in pool]
    else:
        # "It was agreed that <Firm> would be appointed", "It was agreed up to £200 could be spent on this":
        # the name or the figure in the decision that closes the item
        pool = _item_statements(q, units, pool)
    if q.answer_type in ("money", "number"):
        pool = _label_leads(units, pool, lists=True)
    names = _proper_stems(q)
    # (a post held for a municipal year, "deputy mayor for 2017/18", is another year's holder in a sentence of 2016/17)
    years = [p for p in q.periods if re.search(r"\d{4}\s?[/\-\u2013]\s?\d{2}", p)] if q.answer_type in ("money", "number", "person") else []
    if not years and q.answer_type in ("money", "number", "date"):
        # a year the question names ("for 2018", "the 2018 Annual Meeting"): a sentence stating only other years
        # is most often about another year's matter
        years = [p for p in q.periods if re.fullmatch(r"(?:19|20)\d\d", p)]
    kind = _wanted_statement(q) if q.sentence else ""
    passage_names: dict[int, set[str]] = {}
    m_council = _COUNCIL_NAMED.search(q.text)
    asked_council = m_council.group(1).strip().lower() if m_council else None
    for u in pool:
        found = _candidates(q, u, hits, lower_vocab, doc_first)
        if q.sentence and not u.is_row:
            # the sentence saying what was decided (or why) answers; one only naming the matter less so
            say = 1.15 if _statement(u.text, kind) else 1.0 if _statement(u.text) else 0.8
            for c in found:
                c.fit *= say
        if any(c.bound for c in found):
            for c in found:
                if not c.bound:
                    c.fit *= 0.85  # a sibling value tied to the place/period asked about is the one
        # a place or body the question names that neither the sentence nor its paper mentions: most
        # often another council's paper saying the same kind of thing
        missing = names & u.missing
        unnamed = len(missing - _said_in_passage(names, hits, u.hit, passage_names))
        if asked_council and hits[u.hit].authority and asked_council not in hits[u.hit].authority.lower() and unnamed:
            unnamed += 1  # the paper is another council's, and its passage never names the one asked about
        # (a sentence of a paper of the plain year asked about that names an earlier year, "the last pay rise
        # was 2017", is this year's matter looking back)
        other_year = bool(years) and _other_year(u, years) and not (
            all(re.fullmatch(r"(?:19|20)\d\d", y) for y in years) and (hits[u.hit].date or "")[:4] in years)
        for c in found:
            # (a name the passage says elsewhere counts half: its sentence may be about another thing there)
            c.fit *= 0.75 ** min(unnamed + PASSAGE_NAMED_SHARE * (len(missing) - unnamed), 2)
            c.unnamed = unnamed
            if other_year:
                c.fit *= 0.6  # "the precept for 2017/18" does not answer for 2016/17
                c.other_period = True
        for c in found:
            # a whole sentence holds the question's words: its nearness says nothing
            # (a statement of the kind asked for, a decision or a reason, is as near as an answer gets)
            if c.key.startswith("sentence:"):
                c.near = 1.0 if _statement(u.text, kind) else 0.5
            else:
                c.near = _nearness(u, c.start, c.end, q, weights)
            col = _column_fit(u, c.start, q) if q.answer_type in ("money", "number", "date") else None
            if col is not None and u.is_row and _filled_cells(u) >= 2:
                # in a table the column, not word distance, decides (a "row" of one filled cell is a
                # sentence set in a table: its words' distance decides)
                c.near = max(c.near, 0.85)
            elif q.answer_type == "text" and u.is_row and _header_names(u, c.start, q):
                c.near = max(c.near, 0.85)
            c.score = u.score * c.fit * (0.55 + 0.45 * c.near)
            cands.append(c)
    if not cands:
        best_u = ranked[0]
        return Answer(question=q.text, answer=None, value=None, answer_type=q.answer_type, confidence=0.0,
                      evidence=_order_evidence(hits, best_u.hit)), None
    if q.answer_type == "person":
        _surnames_joined(cands, hits)
        for c in cands:
            if _echoes(q, c.surface):
                # "who seconded Cllr <A> for ...?" is never answered by <A>: another line's record naming <A>
                # as seconder of something else is the likeliest wrong pick
                c.score *= ECHO_COST
    cands.sort(key=lambda c: -c.score)
    best = cands[0]
    if best.key.startswith("sentence:"):
        # a sentence read with the one before it says the same thing as the sentence alone: one answer
        said = best.key[len("sentence:"):]
        for c in cands:
            other = c.key[len("sentence:"):] if c.key.startswith("sentence:") else ""
            if other and (said in other or other in said):
                c.key = best.key
    # agreement: other units giving the same value; rivalry: strong different values
    # (a page header repeated on every page agrees with nothing: only other wording counts)
    def around(c: Cand) -> str:
        return _norm(c.unit.text[max(0, c.start - SUPPORT_WINDOW):c.end + SUPPORT_WINDOW])
    other_units_same = sum(c.score for c in cands if c.key == best.key and c.unit is not best.unit
                           and around(c) != around(best))
    support = other_units_same / (best.score or 1.0)
    rivals = [c.score for c in cands if c.key != best.key]
    ratio = (rivals[0] / best.score) if rivals and best.score else 0.0
    rival = max(0.0, ratio - 0.85) / 0.15 if ratio > 0.85 else 0.0
    # for an answer in a table the other table cells are its neighbours by layout; row labels and column
    # headers chose among them
    near_rivals = [c.score for c in cands
                   if c.key != best.key and not (best.unit.is_row and c.unit.is_row)]
    stated = bool(q.sentence) and _statement(best.unit.text, kind)  # a sentence question's answer says the decision
    if stated:
        # a decision (or reason) stated: the sentences that only name the matter are no rival answers
        near_rivals = [c.score for c in cands if c.key != best.key and not c.unit.is_row and _statement(c.unit.text, kind)]
    near_ratio = (near_rivals[0] / best.score) if near_rivals and best.score else 0.0
    conf, lacks_top = _confidence(best, q, support, rival, weights, near_ratio)
    # the only value of its kind in its sentence is surer than one picked from a list of them (a row's
    # column header picks among its cells: rows are not counted)
    # (a name whose post the question asks stands in brackets after it, "Councillor <A> (Chair), Councillor <B>, ...":
    # the bracket, not a pick among the list, names it)
    crowded = not best.unit.is_row and len({c.key for c in cands if c.unit is best.unit}) >= CROWDED and not (
        q.answer_type == "person" and best.role >= 1.0 and _post_in_brackets(best.unit.text, best.end))
    if crowded:
        conf *= CROWDED_COST
    if q.sentence and best.key.startswith("sentence:") and not stated:
        conf *= UNSTATED_COST  # the sentence only names the matter: what became of it is not said there
    hit = hits[best.unit.hit]
    asked_years = _asked_years(q)
    # what the span itself is, read against the question (an answer repeating it, a bare month for a
    # thing, no figure for an amount, one end of a range) and the paper's year against the year asked about
    doubt, _why = answer_doubts(q, best.surface, best.unit, hit.date, (best.start, best.end))
    # "ABSENT: None", "NAY: None" in the answer's passage: nobody is on the list the question asks about
    if nobody_listed(q, "\n".join(u.text for u in units if u.hit == best.unit.hit)):
        doubt *= NOBODY_COST
    conf *= doubt
    features = ConfidenceFeatures(
        answer_type=q.answer_type, coverage=best.unit.coverage, near=best.near, fit=best.fit, role=best.role,
        role_asked=q.answer_type == "person" and bool(q.role_stems), plausible=best.plausible,
        counts_other=best.counts_other, period_end=best.period_end, other_period=best.other_period,
        lacks_top=lacks_top, support=support, ratio=near_ratio, unnamed=best.unnamed, hit_rank=best.unit.hit,
        crowded=crowded, doubt=doubt, is_row=best.unit.is_row, sentence_question=bool(q.sentence), hand=conf,
        doc_type=hit.doc_type or "", names_asked=len(names), year_asked=bool(asked_years),
        year_fits=_year_fits(asked_years, hit.date), span_words=len(best.surface.split()))
    if fitted:
        conf = fitted_confidence(features)
    sentence = best.unit.text[: best.start] + MARK_OPEN + best.unit.text[best.start:best.end] + MARK_CLOSE + best.unit.text[best.end:]
    surface = best.surface.strip()
    value: Any = None
    if q.answer_type in ("money", "number", "date"):
        value = best.value
    answer = surface if conf >= threshold else None
    if answer is None:
        value = None
    narrowed = dataclasses.replace(
        hit,
        line_start=best.unit.line_start,
        line_end=best.unit.line_end,
        text=best.unit.lines_text or best.unit.text,
        line_nos=list(best.unit.line_nos),
        # the answering lines' pages, not the whole passage's
        page=hit.page_at(best.unit.line_start),
        page_end=hit.page_at(best.unit.line_end),
        line_pages=[hit.page_at(n) for n in best.unit.line_nos] if hit.line_pages else [],
        snippet=sentence,
        entities=[e for e in hit.entities if e.line is None or best.unit.line_start <= e.line <= best.unit.line_end],
    )
    evidence = [narrowed] + [h for i, h in enumerate(hits) if i != best.unit.hit]
    if answer is None:
        evidence = _order_evidence(hits, best.unit.hit)
    return Answer(
        question=q.text,
        answer=answer,
        value=value,
        answer_type=q.answer_type,
        confidence=round(conf, 3),
        evidence=evidence,
        sentence=sentence if answer is not None else None,
    ), features


_MONTH_OR_DAY = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())


def _asked_years(q: Question) -> set[int]:
    """The years a question names, in its periods ("2015/16": 2015 and 2016) and its dates."""
    out = {int(d[:4]) for d in q.dates if d[:4].isdigit()}
    for p in q.periods:
        m = re.match(r"((?:19|20)\d\d)(?:\s?[/\-\u2013]\s?(\d{2})\b(?!-))?", p)
        if m:
            out.add(int(m.group(1)))
            if m.group(2):
                out.add(int(m.group(1)[:2] + m.group(2)))
    return out


def _year_fits(years: set[int], paper_date: str | None) -> bool:
    """The paper is dated a year the question names, or the year after (a financial or municipal
    year's matters are minuted into its second calendar year)."""
    if not years or not paper_date or not paper_date[:4].isdigit():
        return False
    y = int(paper_date[:4])
    return y in years or y - 1 in years


def _proper_stems(q: Question) -> set[str]:
    """Stems of the names in a question after its first word ("Milburn", "Northwold"): capitalised words
    that are not months, days or common words of council names ("City", "Council"); initials are left
    out, the papers often spell them out."""
    first = tokens(q.text)[:1]
    out = set()
    for t, st in zip(q.terms, q.stems):
        low = t.lower()
        if (t[:1].isupper() and not t.isupper() and low not in _MONTH_OR_DAY and low not in STOPWORDS
                and low not in not_name_words() and (not first or t != first[0][0])):
            out.add(st)
    return out


def _said_in_passage(names: set[str], hits: list[Hit], index: int, cache: dict[int, set[str]]) -> set[str]:
    """The question's names the passage ``hits[index]`` mentions anywhere: a sentence of a passage about
    the place asked after need not repeat it ("<Place> ... / The DPP will be coming in early January")."""
    if not names:
        return set()
    if index not in cache:
        text = hits[index].text if index < len(hits) else ""
        cache[index] = set(_positions(names, _tok_stems(text), text))
    return cache[index]


def _surnames_joined(cands: list[Cand], hits: list[Hit]) -> None:
    """A surname alone ("Mayor Barnett questioned ...") is the one person of that surname a paper names in full
    ("Mayor Clarence Barnett"): one answer, whose mentions agree, not two rival ones."""
    full: dict[tuple[str, str], set[tuple[str, object]]] = {}
    for c in cands:
        words = str(c.value or "").split()
        if c.key.startswith("person:") and len(words) >= 2:
            full.setdefault((hits[c.unit.hit].doc_id, words[-1].lower()), set()).add((c.key, c.value))
    for c in cands:
        words = str(c.value or "").split()
        named = full.get((hits[c.unit.hit].doc_id, words[0].lower())) if c.key.startswith("person:") and len(words) == 1 else None
        if named and len(named) == 1:
            c.key, c.value = next(iter(named))


_SHORT_FY = re.compile(r"(?<![\d/.\-])(\d\d)\s?/\s?(\d\d)(?![\d/]|[.\-]\d)")


def _other_year(u: Unit, years: list[str]) -> bool:
    """The unit states financial years (or, for a plain year asked, years), none of them the one asked about."""
    if all(re.fullmatch(r"(?:19|20)\d\d", y) for y in years):
        # plain years: a financial year holding the year asked ("2017/18" for 2018) is not another year
        said_years = {y for m in re.finditer(r"\b((?:19|20)\d\d)(?:\s?[/\-\u2013]\s?(\d{2,4}))?\b", u.text + " " + u.table_ctx)
                      for y in (m.group(1), (m.group(1)[:2] + m.group(2)[-2:]) if m.group(2) else m.group(1))}
        return bool(said_years) and not said_years & set(years)
    said = [m.group(0) for m in re.finditer(r"(?:19|20)\d\d\s?[/\-\u2013]\s?\d{2,4}", u.text + " " + u.table_ctx)]
    # a financial year written with two digits each side ("savings to be applied in 21/22", "the gap for 22/23")
    said += [f"20{m.group(1)}/{m.group(2)}" for m in _SHORT_FY.finditer(u.text + " " + u.table_ctx)
             if int(m.group(2)) == int(m.group(1)) + 1]
    if not said:
        return False
    want = [re.sub(r"\s+", "", y) for y in years]
    return not any(_fy_equal(re.sub(r"\s+", "", x), w) or re.sub(r"\s+", "", x) == w for x in said for w in want)


def _order_evidence(hits: list[Hit], first: int) -> list[Hit]:
    if not hits:
        return []
    return [hits[first]] + [h for i, h in enumerate(hits) if i != first]


