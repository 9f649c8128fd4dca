"""Scoring units against a question, and the candidate spans in them.

A unit scores by the question's words it holds (in it, around it, in its
heading or table header); candidates are the amounts, dates, numbers, people
and phrases of the kind the question wants, each scored by how near the
question's words it is and how well it fits what was asked.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from paperfinder.answer.question import (
    GENERIC_MONEY_WORDS,
    IRREGULAR_PLURALS,
    MONEY_WORDS,
    ORG_NOUNS,
    PURPOSE_ASKED,
    ROLE_WORDS,
    STOPWORDS,
    Question,
    stem,
    tokens,
)
from paperfinder.answer.units import _BULLET, MOVER_ACT, Unit, _find_authorities, _find_dates, _find_money, _norm
from paperfinder.datafiles import data_lines
from paperfinder.ingest.metadata import attendance_label
from paperfinder.ingest.sections import heading_like
from paperfinder.model import Hit
from paperfinder.recognise.dates import find_times, month_first_reading, writes_month_first, year_less_days
from paperfinder.recognise.names import given_names, person_stopwords
from paperfinder.text.numbers import NUMBER_WORDS
from paperfinder.text.person_titles import title_pattern, title_words

CONTEXT_WEIGHT = 0.6  # a term matched only in the heading/caption/title counts this much
NEIGHBOUR_WEIGHT = 0.5  # ... only in the sentence before or after (same paragraph) this much
TABLE_WEIGHT = 0.85  # ... only in a table row's caption or header row (part of what the row says)
BARE_ROW_RATE_FIT = 0.8  # ... a bare figure in a table row writing no "%", for a rate asked (0.45 elsewhere)
RANK_PRIOR, RANK_DEPTH = 0.015, 10  # a unit's score loses this much per passage above its own, down to this rank
# ---- scoring ------------------------------------------------------------------------------


def _tok_stems(text: str) -> list[tuple[str, int, int]]:
    out = []
    for surface, s, e in tokens(text):
        low = surface.lower()
        if low in STOPWORDS and not surface.isupper():
            out.append(("", s, e))  # keep positions for distances
            continue
        out.append((stem(surface), s, e))
    return out


def _acronym_spans(text: str) -> dict[str, list[int]]:
    """Initials of runs of capitalised words -> token start offsets ("Local Safeguarding Children Board" -> LSCB)."""
    out: dict[str, list[int]] = {}
    toks = tokens(text)
    i = 0
    while i < len(toks):
        if toks[i][0][:1].isupper():
            j = i
            letters = ""
            while j < len(toks) and (toks[j][0][:1].isupper() or toks[j][0].lower() in ("and", "of", "for", "the", "&")):
                if toks[j][0][:1].isupper():
                    letters += toks[j][0][0].lower()
                j += 1
            if len(letters) >= 2:
                for a in range(len(letters) - 1):
                    for b in range(a + 2, len(letters) + 1):
                        out.setdefault(letters[a:b], []).append(i)
            i = j if j > i else i + 1
        else:
            i += 1
    return out


def _stem_match(a: str, b: str) -> bool:
    """Stems match when equal, or one extends the other by at most 2 letters (complain/complaint)."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and long_ == short + "e":
        return True  # "save" / "sav(ings)"
    if len(short) >= 5 and short[-1] == "r" and long_ == short[:-1] + "er":
        return True  # "register" / "registr(ation)", "administer" / "administr(ation)": the noun drops the verb's "e"
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 2 and short.isalpha()


@lru_cache(maxsize=1)
def _equivalent_stems() -> dict[str, set[str]]:
    """Stems that stand for each other: one-word equivalents of the curated terms file
    ("overdrawn" / "overdraft"), both ways, and the word families the stemmer does not join
    (``data/word_families.txt``: "sell" / "sold" / "sale")."""
    from paperfinder.recognise.acronyms import curated_equivalents, word_families

    same: dict[str, set[str]] = {}
    for short, long in curated_equivalents().items():
        if " " not in long:
            same.setdefault(stem(short), set()).add(stem(long))
            same.setdefault(stem(long), set()).add(stem(short))
    for words in word_families():
        family = {stem(w) for w in words}
        for s in family:
            same.setdefault(s, set()).update(family - {s})
    return same


def _same_word(a: str, b: str) -> bool:
    """Stems ``a`` and ``b`` are one word: the same stem, or words of one family (``_equivalent_stems``)."""
    return _stem_match(a, b) or b in _equivalent_stems().get(a, ())


def _positions(qstems: Iterable[str], toks: list[tuple[str, int, int]], text: str = "") -> dict[str, list[int]]:
    """Token indexes of each question stem in ``toks`` (the tokens of ``text``)."""
    out: dict[str, list[int]] = {}
    wanted = list(qstems)
    # a hyphenated word and its parts written apart are the same words ("part-night" / "part night");
    # places joined by a hyphen name each place ("Tintern-Chepstow" / "Tintern to Chepstow"), unlike a
    # compound's parts ("fast-track" is no track)
    joined = {s: s.split("-") for s in wanted if "-" in s.strip("-")}
    for i, (t, a, b) in enumerate(toks):
        if not t:
            continue
        places = "-" in t.strip("-") and all(p[:1].isupper() for p in text[a:b].split("-"))
        parts = [stem(p) for p in t.split("-")] if places else []
        for s in wanted:
            if (_same_word(s, t) or any(_stem_match(s, p) for p in parts)
                    or (s in joined and _parts_at(joined[s], toks, i))):
                out.setdefault(s, []).append(i)
    return out


def _abbreviates_before(text: str, start: int, end: int) -> bool:
    """The capitals ``text[start:end]`` stand in brackets right after words whose initials they are ("Brian
    Coghill (BC)", "Russell Taylor, Treasurer (RT)"): the paper's short form of those words, not of the question's."""
    letters = text[start:end].lower()
    before = re.search(r"((?:[A-Z][\w'\u2019.-]*,?\s+){1,6})\(\s*$", text[max(0, start - 80):start])
    if not before:
        return False
    words = [w for w in re.split(r"[\s,]+", before.group(1)) if w]
    initials = "".join(w[0].lower() for w in words)
    return any(initials[k:].startswith(letters) or initials[k:] == letters for k in range(len(initials)))


def _gives_short_form(text: str, letters: str) -> bool:
    """The paper gives ``letters`` in brackets after words whose initials they are ("Collingbourne Ducis (CD)")."""
    return any(_abbreviates_before(text, m.start(1), m.end(1)) for m in re.finditer(r"\(\s*(" + re.escape(letters) + r")\s*\)", text))


def _parts_at(parts: list[str], toks: list[tuple[str, int, int]], i: int) -> bool:
    """The words ``parts`` stand one after another from token ``i``."""
    return i + len(parts) <= len(toks) and all(_stem_match(stem(p), toks[i + k][0]) for k, p in enumerate(parts))


def _spelled_out(q: Question) -> dict[str, list[str]]:
    """Initials of each run of two to five adjacent words of the question -> the stems of those words
    ("compulsory purchase order" -> {"CPO": [compulsory, purchas, order]})."""
    out: dict[str, list[str]] = {}
    run: list[str] = []
    for w in [w for w, _s, _e in tokens(q.text)] + [""]:
        if w[:1].isalpha() and w.lower() not in STOPWORDS and "-" not in w and not w.isupper():
            run.append(w)
            continue
        for a in range(len(run)):
            for b in range(a + 2, min(len(run), a + 5) + 1):
                out.setdefault("".join(x[0] for x in run[a:b]).upper(), [stem(x) for x in run[a:b]])
        run = []
    return out


def _score_units(q: Question, units: list[Unit], hits: list[Hit]) -> dict[str, float]:
    """Score each unit in place; returns the term weights used."""
    qstems = []
    for s in q.stems:
        if s not in qstems:
            qstems.append(s)
    n = len(units) or 1
    df: dict[str, int] = {s: 0 for s in qstems}
    acr_cache: dict[int, dict[str, list[int]]] = {}
    for u in units:
        u.toks = _tok_stems(u.text)
        u.matched = _positions(qstems, u.toks, u.text)
        for s in u.matched:
            df[s] += 1
    weights: dict[str, float] = {}
    for s in qstems:
        w = math.log((n + 1) / (df[s] + 0.5))
        w = max(w, 0.15)
        if s in q.cue_stems:
            w *= 0.3
        elif s in q.subordinate:
            w *= 0.5  # a relative clause after the subject ("... who attended the <month> meeting"): a qualifier, not the question
        if re.fullmatch(r"\d+", s) and len(s) <= 2:
            w *= 0.6
        weights[s] = w
    total = sum(weights.values()) or 1.0
    bigrams = [(a, b) for a, b in zip(q.stems, q.stems[1:]) if a != b]
    ctx_cache: dict[str, set[str]] = {}
    acronyms = {s for s in qstems if re.fullmatch(r"[a-z]{2,6}", s)
                and next((t for t, st in zip(q.terms, q.stems) if st == s), "").isupper()}
    spelled = _spelled_out(q)
    for u in units:
        positions: dict[str, list[int]] = dict(u.matched)
        if spelled:
            # the question spells out what the paper writes by its initials ("compulsory purchase order" / "CPO")
            for i, (_t, ts, te) in enumerate(u.toks):
                run = spelled.get(u.text[ts:te]) if 2 <= te - ts <= 6 and u.text[ts:te].isupper() else None
                if run and _abbreviates_before(u.text, ts, te):
                    continue  # "Brian Coghill (BC)": initials the paper gives to the words before them
                if run and te - ts == 2 and not _gives_short_form(hits[u.hit].text if u.hit < len(hits) else "", u.text[ts:te]):
                    # two capitals are too many things ("footpath CD 29", "the PC") to be the question's two
                    # words ("Collingbourne Ducis") unless the paper says they stand for them
                    continue
                for st in run or ():
                    if st not in positions:
                        positions[st] = [i]
        # acronyms in the question matched by the spelled-out name in the unit
        for s in qstems:
            if s not in positions and s in acronyms:
                key = id(u)
                if key not in acr_cache:
                    acr_cache[key] = _acronym_spans(u.text)
                starts = acr_cache[key].get(s)
                if starts:
                    idx = [i for i, (_t, st, _e) in enumerate(u.toks) if st in starts]
                    if idx:
                        positions[s] = idx
        if u.context not in ctx_cache:
            # an acronym spelled out in the paper's title or council ("Stoke Ferry PC" for a paper of
            # Stoke Ferry Parish Council) is said there as much as the words themselves
            ctx_cache[u.context] = set(_positions(qstems, _tok_stems(u.context), u.context)) | (acronyms & set(_acronym_spans(u.context)))
        ctx = ctx_cache[u.context]
        near_set = set(_positions(qstems, _tok_stems(u.neighbours), u.neighbours)) if u.neighbours else set()
        table_set = set(_positions(qstems, _tok_stems(u.table_ctx), u.table_ctx)) if u.table_ctx else set()
        got = 0.0
        u.missing = set()
        for s, w in weights.items():
            if s in positions:
                got += w
            elif s in table_set:
                got += TABLE_WEIGHT * w
            elif s in ctx:
                got += CONTEXT_WEIGHT * w
            elif s in near_set:
                got += NEIGHBOUR_WEIGHT * w
            else:
                u.missing.add(s)
        cov = got / total
        # phrase: adjacent question terms adjacent (within 3 tokens) in the unit
        bi = 0
        for a, b in bigrams:
            pa, pb = positions.get(a, []), positions.get(b, [])
            if any(0 < y - x <= 3 for x in pa for y in pb):
                bi += 1
        phrase = bi / len(bigrams) if bigrams else 0.0
        # proximity: smallest spread of one occurrence of each matched term
        prox = 0.0
        if len(positions) >= 2:
            allpos = sorted(p for ps in positions.values() for p in ps)
            med = allpos[len(allpos) // 2]
            chosen = [min(ps, key=lambda p: abs(p - med)) for ps in positions.values()]
            spread = max(chosen) - min(chosen) + 1
            prox = min(1.0, len(chosen) / spread * 1.5)
        elif len(positions) == 1:
            prox = 0.4
        u.matched = positions
        u.coverage = cov
        u.score = 0.72 * cov + 0.14 * phrase + 0.14 * prox
        u.score *= 1.0 - RANK_PRIOR * min(u.hit, RANK_DEPTH)  # search rank: a light prior
    q_weights = weights
    return q_weights


# ---- candidates ------------------------------------------------------------------------


@dataclass
class Cand:
    unit: Unit
    start: int
    end: int
    surface: str
    value: Any
    fit: float = 1.0  # type-specific fitness
    role: float = 1.0  # person questions naming a post: share of its words stated for this name
    plausible: bool = True  # person: tagged by the indexer, a known given name, titled or labelled
    bound: bool = False  # bound to the place/period the question names ("<number> in <place>")
    counts_other: bool = False  # number questions: the number counts another noun than the one asked about
    other_period: bool = False  # its sentence states financial years, not the one asked about
    period_end: bool = False  # dates: the end of an accounting period ("the year ended <date>"), not an event's day
    unnamed: int = 0  # names in the question (places, bodies) neither its sentence nor its paper mentions
    near: float = 1.0  # closeness to the question's terms
    score: float = 0.0
    key: str = ""  # for agreement between units


def _word_gap(u: Unit, s: int, e: int, start: int, end: int) -> int | None:
    if s >= start and e <= end:
        return None  # the term inside the span itself says nothing about position
    if e <= start:
        gap = u.text[e:start]
    elif s >= end:
        gap = u.text[end:s]
    else:
        gap = ""
    words = len(re.findall(r"\w+", gap))
    if re.search(r"[;:]|\.\s|\s\|\s", gap):
        words += 4  # a clause or cell break between them weakens the link
    elif "," in gap or "(" in gap or ")" in gap:
        words += 2  # so does a list comma or a bracket (a list of amounts, each with its source)
    return words


FIGURE_BETWEEN_GAP = 4  # words a figure between a question word and the candidate counts for
# what joins a label to the figure after it ("precept increase of 2%", "Quote 2 £17,060", "funding: £5m")
_LABEL_LINK = re.compile(r"\s*(?:(?:[A-Za-z]+\s+){0,4}?(?:of|at|is|was|were|to|by|totalling|:)\s*)?")
_FIGURE = re.compile(r"[\u00a3$\u20ac]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:m|bn|k|million|billion)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b)")


def _nearness(u: Unit, start: int, end: int, q: Question, weights: dict[str, float] | None = None) -> float:
    """Closeness of a span to the matched question terms, in [0, 1].

    0.3 x the closest term (1 when adjacent, decaying with the words between)
    + 0.7 x the weight-averaged closeness to every matched content term, so a
    span next to the question's rare words beats one next to a common word.
    """
    content = [s for s in u.matched if s not in q.cue_stems] or list(u.matched)
    if not content:
        return 0.35
    weights = weights or {}
    best = 0.0
    num = den = 0.0
    # the other figures of the sentence, for an amount or a count asked: a word with another figure between it
    # and this one, or one the other figure follows as its label ("... of £269.27 whereas only £200 has been
    # allocated in the budget", "an increase of 1.95% and an Adult Social Care precept increase of 2%"), is
    # that figure's word more than this one's
    figures = [(m.start(), m.end()) for m in _FIGURE.finditer(u.text)
               if m.end() <= start or m.start() >= end] if q.answer_type in ("money", "number") else []
    for st in content:
        closest = None
        for i in u.matched[st]:
            ts, te = u.toks[i][1], u.toks[i][2]
            g = _word_gap(u, ts, te, start, end)
            if g is not None and figures:
                lo, hi = (te, start) if te <= start else (end, ts)
                if any(lo <= fs and fe <= hi for fs, fe in figures):
                    g += FIGURE_BETWEEN_GAP
                elif ts >= end and any(te <= fs <= te + 30 and _LABEL_LINK.fullmatch(u.text[te:fs]) for fs, _fe in figures):
                    g += FIGURE_BETWEEN_GAP
            if g is not None:
                closest = g if closest is None else min(closest, g)
        if closest is None:
            continue
        c = 1.0 / (1.0 + closest / 6.0)
        w = weights.get(st, 1.0) * (0.5 if st in q.subordinate else 1.0)
        best = max(best, c)
        num += w * c
        den += w
    if den == 0:
        return 0.5
    return 0.3 * best + 0.7 * num / den


def _cell_index(u: Unit, pos: int) -> int | None:
    for i, (s, e) in enumerate(u.cells):
        if s <= pos <= e:
            return i
    return None


def _column_fit(u: Unit, start: int, q: Question) -> float | None:
    """In a table row: how well the cell's column header names the question's period/terms."""
    if not u.is_row or not u.cells:
        return None
    ci = _cell_index(u, start)
    if ci is None:
        return None
    if ci == 0:
        return 1.0  # the first column: the values themselves, or a value inside the row label
    if not u.header or len(u.header) != len(u.cells):
        # no usable header: the first value column (of amounts, for an amount: a count before them is another column)
        if re.search(r"[\u00a3$\u20ac]", u.text[u.cells[ci][0]:u.cells[ci][1]]):
            ci = 1 + ci - next(k for k in range(1, len(u.cells)) if re.search(r"[\u00a3$\u20ac]", u.text[u.cells[k][0]:u.cells[k][1]]))
        return 1.0 if ci == 1 else max(0.55, 0.9 - 0.08 * ci)
    head = u.header[ci].lower()
    period_hit = False
    for p in q.periods:
        pn = re.sub(r"\s+", "", p.lower())
        hn = re.sub(r"\s+", "", head)
        if pn and (pn in hn or _fy_equal(pn, hn)):
            period_hit = True
    hstems = {t for t, _s, _e in _tok_stems(u.header[ci])}
    if period_hit:
        # a year's columns told apart by their words ("Budget 2017-18" / "Spent 2017-18"): the one the question
        # says, a word of what kind of amount included ("how much was spent ...")
        said = any(_same_word(a, b) for a in q.stems for b in hstems if a.isalpha() and b.isalpha())
        return PERIOD_COLUMN_FIT * (SAID_COLUMN_FIT if said else 1.0)
    if hstems & set(q.stems) - set(q.cue_stems):
        return 1.15
    if q.periods and any(re.search(r"\d{4}|year", h.lower()) for h in u.header[1:]):
        return 0.6  # the question names a period and this column is another one
    if "total" in q.text.lower() and "total" in head:
        return 1.2
    return 1.0 if ci == 1 else max(0.55, 0.92 - 0.07 * ci)


PERIOD_COLUMN_FIT, SAID_COLUMN_FIT = 1.25, 1.1
_PERIOD_RE = re.compile(r"(?:19|20)\d\d\s?[/\-\u2013]\s?\d{2,4}|\b(?:year|yr)\s*\d+\b|\b(?:19|20)\d\d\b", re.I)


def _left_bound(u: Unit, start: int, q: Question, end: int | None = None) -> float:
    """A value bound to the question's words: right after them ("cease trading on <date>"),
    or fronted before them ("On <date> the provider notified ...").
    Words of the question's main clause bind more than those of a subordinate clause."""
    left = u.text[max(0, start - 60):start]
    clause_left = re.split(r"[,;:()]|\.\s|\s\|\s", left)
    # the words after another figure up to "and"/"or" are that figure's ("£623 for 16 households due to <A> and
    # £545 for 14 households due to <B>": <A> is not the 14's); the words before the first are shared by both
    left = _FIGURE_SCOPE.sub(r"\1 \2 ", clause_left[-1])
    words = [stem(w) for w, _a, _b in tokens(left)][-4:]
    if end is not None and re.fullmatch(r"\s*(?:(?:on|in|by|from|at)\s+(?:the\s+)?)?", left, re.I) and (
            len(clause_left) > 1 or start < 40):
        right = re.split(r"[,;:()]|\.\s|\s\|\s", u.text[end:end + 60])[0]
        words += [stem(w) for w, _a, _b in tokens(right)][:4]
    content = [s for s in q.stems if s not in q.cue_stems and s not in STOPWORDS]
    best = 0.0
    for c in content:
        if any(w and _stem_match(c, w) for w in words):
            best = max(best, 0.5 if c in q.subordinate else 1.0)
    return 1.0 + 0.15 * best


_FIGURE_SCOPE = re.compile(r"((?:[\u00a3$\u20ac]\s?)?\b\d[\d,.]*(?:%|\b))[^\d\u00a3$\u20ac]*?\s(and|or)\s")
# the words between a figure and the noun it is the figure of: "<noun> of <figure>", "<noun> was <figure>",
# "<noun>: <figure>", "<noun> of around <figure>"
_LABEL_GLUE = frozenset(
    "of was is are were be been being will would has had have at to stood totalled totalling amounting "
    "approximately around about circa c some roughly estimated just over under nearly almost only up a an the".split())
ASKED_NOUN_FIT, QUESTION_LABEL_FIT = 1.3, 1.1
_NOUN_LINKS = frozenset("to for of on".split())  # a noun's own complement in a label: "changes to funding"
SIBLING_LABEL_COST = 0.85


def _sibling_label_fits(u: Unit, found: Sequence[tuple[int, int, Any, Any, Any]], q: Question,
                        label_fits: dict[int, float]) -> dict[int, float]:
    """Figures of one sentence each written after its own label ("Bills for Payment in the amount of $2,148.18 and
    Bills for Ratification in the amount of $110,657.63"): a figure whose label holds fewer of the question's words
    than a sibling's is the sibling's neighbour, not the figure asked (``SIBLING_LABEL_COST``). A label runs from the
    last "and"/"or"/clause mark before the figure back to the figure before it; read only when every figure has a
    label of two words or more before it (a label written after its figure, "£500 for signage and £1,000 for
    grounds", is not read so). A figure labelled by the noun asked (``label_fits``, of ``_label_fit``) while a sibling
    is not keeps its fit: the noun asked, not the count of other words, says which it is."""
    if u.is_row or len(found) < 2:
        return {}
    content = {st for st in q.stems if st not in q.cue_stems and st not in STOPWORDS}
    counts: dict[int, int] = {}
    prev_end = 0
    for s, e, _surf, _val, _cur in sorted(found):
        left = u.text[max(prev_end, s - 80):s]
        left = re.split(r"[;:()]|\.\s|,\s|\s(?:and|or)\s", left)[-1]
        prev_end = e
        words = [stem(w) for w, _a, _b in tokens(left)]
        if len(words) < 2:
            return {}
        counts[s] = sum(1 for c in content if any(w and _stem_match(c, w) for w in words))
    named = {s for s in counts if label_fits.get(s, 1.0) >= ASKED_NOUN_FIT} or set(counts)
    most = max(counts[s] for s in named)
    return {s: SIBLING_LABEL_COST for s, n in counts.items() if s not in named or n < most}


def _asked_noun(q: Question) -> str | None:
    """The stem of the thing a "what was the <noun> ...?" or "how much <noun> ...?" question asks the figure of
    ("What was the shortfall on completing ...": shortfall; "What is the tender threshold in ...": threshold)."""
    m = re.match(r"\s*(?:(?:what|which)\s+(?:is|was|are|were|will\s+be|would\s+be|has\s+been|had\s+been)\s+(?:the\s+)?"
                 r"|how\s+much\s+|what\s+(?!is\b|was\b|are\b|were\b|will\b|would\b|did\b|does\b|do\b|has\b|had\b))"
                 r"((?:[\w'\u2019-]+\s*){1,5})", q.text, re.I)
    if not m:
        return None
    words: list[str] = []
    for w in m.group(1).split():
        low = w.lower()
        if low in STOPWORDS or low in _LABEL_GLUE or low in ("did", "does", "do") or not re.fullmatch(r"[A-Za-z'\u2019-]+", w):
            break
        words.append(w)
        if len(words) == 4:
            break
    words = [w for w in words if not re.search(r"['\u2019]s$", w)]  # "the clerk's hourly rate": the rate, not the clerk
    return stem(words[-1]) if words else None


def _label_fit(u: Unit, start: int, q: Question, asked: str | None) -> float:
    """A figure labelled by the noun it is the figure of, read back over the glue words ("a shortfall of
    €122,300", "Film Equipment £3,000"): that noun the thing asked (``ASKED_NOUN_FIT``) or another word of the
    question (``QUESTION_LABEL_FIT``)."""
    words = [w for w, _a, _b in tokens(re.split(r"[,;:()/|]|\.\s|\s[\u2013\u2014-]\s", u.text[max(0, start - 50):start])[-1])]
    glued = False
    while words and words[-1].lower() in _LABEL_GLUE:
        words.pop()
        glued = True
    if not words or not words[-1][:1].isalpha():
        return 1.0
    last = stem(words[-1])
    if asked and _same_word(asked, last):
        return ASKED_NOUN_FIT
    if asked and len(words) >= 3 and words[-2].lower() in _NOUN_LINKS and _same_word(asked, stem(words[-3])):
        return ASKED_NOUN_FIT  # "changes to funding of £613k" when "what changes to funding ...?" is asked
    if glued:
        return 1.0  # "<noun> is estimated at <figure>": the noun is the sentence's subject, weighed as any word near
    # a label set right before its figure, as in a list of items ("Fetes £500/Film Equipment £3,000")
    content = [s for s in q.stems if s not in q.cue_stems and s not in STOPWORDS]
    return QUESTION_LABEL_FIT if any(_stem_match(c, last) for c in content) else 1.0


def _scope_fit(u: Unit, end: int, q: Question, strength: float) -> float:
    """What a value is about is said right after it: "16% of children's social worker
    posts are covered ..., while 17% of posts are unfilled". 1 + strength x the
    weight-free share of the question's content words found in that clause."""
    if u.is_row:
        return 1.0
    right = re.split(r"[,;:()]|\.\s|\s\|\s|\s(?:while|whereas|but|and)\s", u.text[end:end + 90])[0]
    words = [stem(w) for w, _a, _b in tokens(right)][:9]
    content = [s for s in dict.fromkeys(q.stems) if s not in q.cue_stems and s not in STOPWORDS]
    if not content or not words:
        return 1.0
    got = sum(1 for c in content if any(w and _stem_match(c, w) for w in words))
    return 1.0 + strength * got / len(content)


def _per_fit(u: Unit, end: int, q: Question) -> float:
    """"£82,000 per post" when the question says per/each/every post."""
    m = re.match(r"\s*(?:\([^)]*\)\s*)?(?:per|each|a|an)\s+([A-Za-z]+)", u.text[end:end + 40])
    if not m or m.group(1).lower() in ("year", "annum", "month", "week", "day") and not re.search(
            r"\b(?:per|a|each|every)\s+(?:year|annum|month|week|day)|\b(?:yearly|annual|monthly|weekly)", q.text, re.I):
        return 1.0
    if not re.search(r"\b(?:per|each|every|a)\s+\w+", q.text, re.I):
        return 1.0
    w = stem(m.group(1))
    if any(_stem_match(w, s) for s in q.stems):
        return 1.6
    return 1.0


def _qualifier_fit(u: Unit, start: int, end: int, q: Question) -> float:
    """"44 in Kensington and Chelsea", "13.1% in 2015/2016": the place or period bound to a value.

    1.4-1.6 when it is the one the question names, 0.6-0.75 when the question names
    another, 1.0 when the value has none or the question names none.
    """
    after = u.text[end:end + 50]
    before = u.text[max(0, start - 30):start]
    fit = 1.0
    if q.periods and not u.is_row:
        # ("£121 - 2018/19, £91 - 2019/20": a list of yearly figures sets each year after its own value with a dash)
        m = re.match(r"\s*(?:(?:per|a|each)\s+[a-z]+\s*)?(?:\(|,|\s[-\u2013](?=\s*(?:19|20)\d\d))?\s*(?:in|for|during|of)?\s*"
                     r"(?:the\s+)?(?:financial\s+year\s+)?("
                     + _PERIOD_RE.pattern + r")", after, re.I)
        if not m:
            m2 = list(re.finditer(r"(?:in|for|during)\s+(?:the\s+)?(" + _PERIOD_RE.pattern + r")\s*,?\s*$", before, re.I))
            m = m2[-1] if m2 else None
        if m:
            found = re.sub(r"\s+", "", m.group(1).lower())
            ok = any(re.sub(r"\s+", "", p.lower()) == found or _fy_equal(re.sub(r"\s+", "", p.lower()), found) for p in q.periods)
            fit *= 1.4 if ok else 0.75
    if q.authorities:
        m = re.match(r"\s*(?:\(|,)?\s*(?:in|for|at|from|by)\s+(?:the\s+)?", after)
        if m:
            councils = _find_authorities(after[m.end():m.end() + 45])
            if councils and councils[0][0] == 0:
                fit *= 1.6 if councils[0][3] in q.authorities else 0.6
    return fit


def _header_names(u: Unit, pos: int, q: Question) -> bool:
    """The column header of the cell at ``pos`` holds one of the question's words ("Hosting Arrangement")."""
    ci = _cell_index(u, pos)
    if ci is None or not u.header or len(u.header) != len(u.cells):
        return False
    hst = {t for t, _a, _b in _tok_stems(u.header[ci]) if t}
    return any(_stem_match(a, b) for a in q.stems for b in hst)


def _fy_equal(a: str, b: str) -> bool:
    """'2015/16' == '2015/2016' == '2015-16'."""
    ma = re.search(r"(20\d\d)[/\-\u2013](\d{2,4})", a)
    mb = re.search(r"(20\d\d)[/\-\u2013](\d{2,4})", b)
    return bool(ma and mb and ma.group(1) == mb.group(1) and ma.group(2)[-2:] == mb.group(2)[-2:])


_MONEY_TABLE = re.compile(r"\b(?:budget|expenditure|spend|spent|cost|costs|funding|income|contributions?|"
                          r"outturn|forecast|savings?)\b|£", re.I)


def _money_cands(u: Unit, q: Question) -> list[Cand]:
    out = []
    found = _find_money(u.text)
    if u.money_scale and u.cells:
        # in a £'000 table the value cells are thousands; the row label keeps its own amounts
        label_end = u.cells[0][1]
        found = [f for f in found if f[0] < label_end] + [
            (s2 + label_end, e2 + label_end, surf, val, cur)
            for s2, e2, surf, val, cur in _find_money(u.text[label_end:], u.money_scale)]
    bare = False
    if not found and u.is_row and len(u.cells) >= 2 and _MONEY_TABLE.search(u.table_ctx + " " + u.context):
        # a finance table that writes no £ at all (label | figure | figure): its figures are pounds
        bare = True
        for cs, ce in u.cells[1:]:
            cell = u.text[cs:ce]
            m = re.fullmatch(r"\s*\(?(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?\)?\s*", cell)
            if m and not re.fullmatch(r"(?:19|20)\d\d", m.group(1)):
                val = float((m.group(1) + (m.group(2) or "")).replace(",", "")) * (u.money_scale or 1)
                found.append((cs + m.start(1), cs + m.end(m.lastindex), cell.strip(), val, "GBP"))
    label = u.text[u.cells[0][0]:u.cells[0][1]].lower() if u.is_row and u.cells else ""
    asks_total = bool(re.search(r"\btotal\b", q.text, re.I))
    asked = _asked_noun(q)
    # the kind of amount the question names (precept, grant, rent, fee ...), not a mere "cost" or "amount"
    named = {stem(t) for t in q.terms if t.lower() in MONEY_WORDS and t.lower() not in GENERIC_MONEY_WORDS}
    said = not named or any(st in u.matched for st in named) or not (named & u.missing)
    labels = {f[0]: _label_fit(u, f[0], q, asked) for f in found if f[3] is not None} if not u.is_row else {}
    siblings = _sibling_label_fits(u, [f for f in found if f[3] is not None], q, labels)
    for s, e, surface, value, _cur in found:
        if value is None:
            continue
        c = Cand(u, s, e, surface, _clean_num(value), key=f"money:{_clean_num(value)}")
        if not said:
            c.fit *= 0.65  # "what precept ...": an amount where no precept is mentioned is another kind of amount
        elif named and not u.is_row:
            own = re.search(r"\b([a-z]+)\s*(?:of|:|-|\u2013)?\s*(?:(?:about|around|approximately|circa|c\.|some|up\s+to)\s+)?$",
                            u.text[max(0, s - 40):s], re.I)
            if own and own.group(1).lower() in MONEY_WORDS and own.group(1).lower() not in GENERIC_MONEY_WORDS and stem(
                    own.group(1)) not in named:
                c.fit *= 0.7  # "a grant of £1,000" when the precept is asked: the amount is named as another kind
        if bare:
            c.fit *= 0.8
        col = _column_fit(u, s, q)
        if col is not None:
            c.fit *= col
        if label.startswith("total"):
            c.fit *= 1.3 if asks_total else 0.85  # the "Total" row answers "what is the total ..."
        elif asks_total and not u.is_row and re.search(r"\btotal(?:led|ling|s)?\b(?:\W+\w+){0,4}\W*$", u.text[max(0, s - 50):s], re.I):
            c.fit *= 1.5  # "at a total estimated cost of around £750": the total asked for, whatever sits nearer
            siblings.pop(s, None)  # ... its label says the total asked, whatever other words its siblings' hold
        qual = _qualifier_fit(u, s, e, q)
        c.bound = qual > 1.0
        c.fit *= qual * _left_bound(u, s, q) * _scope_fit(u, e, q, 0.25)
        if not u.is_row:
            c.fit *= labels[s] * siblings.get(s, 1.0)
        # "£1000 per participant" when the question asks per participant / per post
        per = _per_fit(u, e, q)
        if per > 1.0:
            c.fit *= per  # "cost per <unit>" is answered by "£<n> per <unit>"
        c.fit *= _change_end_fit(u.text, s, q)
        out.append(c)
    return out


_TO_WHAT = re.compile(r"\bto\s+(?:what|which)\s+(?:amount|figure|level|sum|value|total)\b|\b(?:rise|rose|risen|increase[sd]?|"
                      r"fall|fell|fallen|reduced?|lowered?|cut|decrease[sd]?|go(?:ne)?|went)\s+to\s*\??\s*$", re.I)
_FROM_WHAT = re.compile(r"\bfrom\s+(?:what|which)\s+(?:amount|figure|level|sum|value|total)\b", re.I)
CHANGE_END_FIT = 1.3


def _change_end_fit(text: str, s: int, q: Question) -> float:
    """A change written "from <A> to <B>": "to what amount ...?" asks <B>, "from what amount ...?" asks <A>."""
    to_asked, from_asked = bool(_TO_WHAT.search(q.text)), bool(_FROM_WHAT.search(q.text))
    if not (to_asked or from_asked):
        return 1.0
    before = text[max(0, s - 12):s]
    if re.search(r"\bto\s*$", before):
        return CHANGE_END_FIT if to_asked else 1 / CHANGE_END_FIT
    if re.search(r"\bfrom\s*$", before):
        return CHANGE_END_FIT if from_asked else 1 / CHANGE_END_FIT
    return 1.0


_BARE_YEAR = re.compile(r"\b(?:in|since|from|during|of)\s+((?:19|20)\d\d)\b(?![/\-\u2013]\d)")


def _undated_days(u: Unit, year: str | None, taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str, str]]:
    """Days written without a year ("visited us on 11th June"), dated by the paper's year."""

    if not year:
        return []
    out = []
    for d in year_less_days(u.text):
        if any(s <= d.start < e or s < d.end <= e for s, e in taken):
            continue
        if not 1 <= d.day <= calendar.monthrange(int(year), d.month)[1]:
            continue
        out.append((d.start, d.end, u.text[d.start:d.end], f"{year}-{d.month:02d}-{d.day:02d}", "day"))
    return out


def _date_cands(u: Unit, q: Question, hits: list[Hit], doc_first: dict[str, int]) -> list[Cand]:
    out = []
    found = _find_dates(u.text)
    hit = hits[u.hit] if u.hit < len(hits) else None
    paper_year = (hit.date or "")[:4] if hit is not None and hit.date else None
    undated = _undated_days(u, paper_year, [(f[0], f[1]) for f in found])
    found = found + undated
    asks_year = bool(re.search(r"\b(?:what|which)\s+year\b|^\s*when\b", q.text, re.I))
    if asks_year:
        # "in what year ...", "when was she first elected": a year alone ("elected ... in 1974") answers
        taken = [(f[0], f[1]) for f in found]
        for m in _BARE_YEAR.finditer(u.text):
            if not any(s <= m.start(1) < e for s, e in taken) and m.group(1) not in q.periods:
                found.append((m.start(1), m.end(1), m.group(1), m.group(1), "year"))
    asks_end = bool(_ASKS_END.search(q.text))
    m_str = _STRANDED.search(q.text)
    stranded = (m_str.group(1) or m_str.group(2)).lower() if m_str else None
    starts = sorted(f[0] for f in found)
    named_month = _named_month(q)
    # (the paper's passages found say how it writes its dates: the header's "05/02/2006", the closing "May 2, 2006")
    month_first = hit is not None and writes_month_first("\n".join(h.text for h in hits if h.doc_id == hit.doc_id))
    for s, e, _surface, iso, kind in found:
        if kind == "financial_year":
            continue
        if asks_end and any(x < s for x in starts):
            # "until what date": the end of a range the sentence states ("between <date> & <date>",
            # "from <date> to <date>"), not its start
            c_end = bool(_RANGE_END.search(u.text[max(0, s - 14):s]))
        else:
            c_end = False
        if iso in q.dates:
            continue  # the question's own date is not its answer
        if q.after and iso[: len(q.after)] <= q.after:
            continue
        if q.before and iso[: len(q.before)] >= q.before:
            continue
        if month_first and kind == "day":
            iso = month_first_reading(u.text[s:e], iso)
        c = Cand(u, s, e, u.text[s:e], iso, key=f"date:{iso}")
        if c_end:
            c.fit *= 1.3
        elif asks_end and re.search(r"\b(?:from|between|starting|commencing)\s+(?:the\s+)?$", u.text[max(0, s - 14):s], re.I):
            c.fit *= 0.8  # a range's start
        if kind == "month":
            c.fit *= 0.92  # a day date is more precise, but relevance decides
        elif kind == "year":
            c.fit *= 1.0 if re.search(r"\b(?:what|which)\s+year\b", q.text, re.I) else 0.6
        if (s, e, u.text[s:e], iso, kind) in undated:
            c.fit *= 0.9  # its year is the paper's, not the sentence's
        c.fit *= _left_bound(u, s, q, e)
        c.fit *= _date_label_fit(u.text, s, q)
        if stranded and re.search(r"\b" + stranded + r"\s+(?:(?:the|early|mid|late|end\s+of|w/c|week\s+commencing|"
                                  r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+)*$", u.text[max(0, s - 30):s], re.I):
            c.fit *= STRANDED_FIT  # "delayed until?" answered by "delayed until w/c 18th March"
        if _period_end(u.text[max(0, s - 30):s]) and not re.search(r"\b(?:year|period|quarter)[\s-]+end", q.text, re.I):
            c.fit *= 0.6  # "for the year ended <date>": a period's end, not the day the question asks about
            c.period_end = True
        if hit is not None and hit.date == iso and _DOC_DATE_Q.search(q.text):
            # "what is the date of the report": the paper's own date, stated in its header
            first = doc_first.get(hit.doc_id, hit.line_start)
            header = len(u.text) < 90 and (re.search(r"\bdate\b", u.text, re.I) or u.line_start <= first + 12)
            c.fit *= 1.8 if header else 1.35
        if named_month and len(iso) >= 7 and iso[5:7] == named_month and kind != "year":
            c.fit *= NAMED_MONTH_FIT  # "when is the October meeting?": a day of October
        elif named_month and len(iso) >= 7 and kind == "day":
            c.fit *= OTHER_MONTH_FIT  # ... not the day of the September meeting its minutes confirm
        col = _column_fit(u, s, q)
        if col is not None:
            c.fit *= col
        out.append(c)
    return out


NAMED_MONTH_FIT = 1.25
OTHER_MONTH_FIT = 0.6
_MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
# a month named as an adjective of the thing asked about ("the October meeting", "the combined October meeting"),
# with no day: the date asked is a day of that month
_NAMED_MONTH = re.compile(r"\bthe\s+(?:[a-z]+\s+){0,2}(" + "|".join(m.title() for m in _MONTHS)
                          + r")\s+(?:[A-Z]?[a-z]+\s+)?(?i:meeting|session|board|council|fair|event|deadline)\b")


def _named_month(q: Question) -> str | None:
    """The month of "the October meeting" (as "10"), unless the question asks where it was moved to."""
    if re.search(r"\b(?:mov|postpon|reschedul|chang|defer|brought|cancel|replac)\w*", q.text, re.I):
        return None
    m = _NAMED_MONTH.search(q.text)
    return f"{_MONTHS.index(m.group(1).lower()) + 1:02d}" if m else None


# the preposition a date question ends on or opens with ("... delayed until?", "From when will ...?"): the paper
# writes the date after the same one
_STRANDED = re.compile(r"\b(until|till|from|since|by|before|after)\s*\??\s*$|^\s*(from|since|until|till|by)\s+when\b", re.I)
STRANDED_FIT = 1.3
# "until what date", "by when", "what is the end date": the last day of a range
_ASKS_END = re.compile(r"\b(?:until|till|up\s+to)\s+(?:what|which|when)\b|\bby\s+when\b|\bend(?:ing)?\s+date\b|\bexpir", re.I)
_RANGE_END = re.compile(r"(?:\b(?:until|till|to|and)|&|[-\u2013])\s*(?:the\s+)?$", re.I)


def _period_end(left: str) -> bool:
    from paperfinder.datafiles import data_text

    return any(re.search(rx, left, re.I) for rx in data_text("period_end_cues.txt").splitlines() if rx.strip() and not rx.startswith("#"))


_DOC_DATE_Q = re.compile(
    r"\bdate\s+of\s+(?:the\s+|this\s+)?(?:\w+\s+){0,3}(?:report|meeting|decision|paper|agenda|minutes)\b"
    r"|\bwhen\s+(?:was|were|is|did)\b.*\b(?:report|paper|decision|minutes)\b.*\b(?:dated|considered|published|"
    r"issued|signed|presented|taken|made|discussed)\b"
    r"|\bwhen\s+did\s+(?:the\s+)?(?:cabinet|council|committee|board|panel)\s+(?:consider|discuss|agree|approve|decide)",
    re.I,
)
_NUM_RE = re.compile(
    r"(?<![\w.,/\u00a3$€-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?%|\s?per\s?cent\b|\s?percent\b)?(?![\w/]|[.,]\d|-\d)"
    r"|\b(" + "|".join(NUMBER_WORDS) + r")\b",
    re.I,
)
_REF_BEFORE = re.compile(
    r"\b(?:paragraph|para|paras|section|sections|clause|schedule|appendix|item|page|pages|category|tier|tiers|level|"
    r"stage|stages|key\s+stage|year|years|yr|lot|phase|option|priority|recommendation|act|regulation|no|number|"
    r"chapter|part|annex|table|figure|ward|room|floor|route|box|version|s|article|dimension|step|wave|cohort|"
    r"grade|band|class|unit|reference|ref|line|point)\.?\s*$",
    re.I,
)


SIZE_MODIFIER_FIT = 0.5


@lru_cache(maxsize=1)
def _size_after() -> re.Pattern:
    """A size word of ``data/size_modifiers.txt`` right after a number ("-bed", " storey")."""
    from paperfinder.datafiles import words_regex

    return words_regex("size_modifiers.txt", before=r"[\s-]?")


# (the sentence may end at the item's point: "Members of the Public: 3 1." closes on the next item's number)
_INLINE_ITEM = re.compile(r"(?<![\d.,£$€])\b(\d{1,2})\.(?:[ \t]+(?=[A-Z][A-Z\'\u2019]+\b)|(?<=\d[ \t]\d\.)\s*$|(?<=\d[ \t]\d\d\.)\s*$)")


def _number_cands(u: Unit, q: Question) -> list[Cand]:
    text = u.text
    blocked: list[tuple[int, int]] = []
    for s, e, *_r in _find_money(text):
        blocked.append((s, e))
    for s, e, *_r in _find_dates(text):
        blocked.append((s, e))
    # phone numbers, postcodes-ish digit runs, ranges like 2014-15 handled by dates
    for m in re.finditer(r"(?:\+?44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|\b\d{3,5}\s\d{3}\s\d{3,4}\b", text):
        blocked.append((m.start(), m.end()))
    for m in re.finditer(r"\b[A-Z]{1,3}\d+[A-Z]?\b|\b\d+[A-Za-z]+\d*\b", text):  # S47, 3rd, 2nd-tier codes
        blocked.append((m.start(), m.end()))
    if not _TIME_ASKED.search(q.text):
        blocked.extend(find_times(text))  # "the meeting closed at 9.15 pm" counts nothing
    # a file's size on a web page's link ("Council Tax Resolutions 2023/24 PDF 172 KB") counts nothing asked
    blocked.extend((m.start(), m.end()) for m in re.finditer(r"\b\d[\d,.]*\s?(?:KB|MB|GB|kb|Kb|bytes)\b", text))
    # a street address ("87 - 115 Cleveland Street") numbers a building, it counts nothing
    blocked.extend((m.start(), m.end()) for m in _ADDRESS.finditer(text))
    # a number the question itself says with the same word beside it ("Covid 19", "the 30 households") is
    # its subject, not its answer
    own = _own_numbers(q)
    if own:
        for m in _NUM_RE.finditer(text):
            num, word_before, word_after = _number_with_words(text, m)
            if (word_before and (word_before, num) in own) or (word_after and (num, word_after) in own):
                blocked.append((m.start(), m.end()))
    # an item number opening a source line ("4. Strategic ...", "6.1 The clerk ..."): the unit may join
    # several lines, so the bullet check at its start alone misses the later ones
    for off, _line in u.line_of:
        im = _LINE_ITEM.match(text, off)
        if im:
            blocked.append((im.start(1), im.end(1)))
    # ... and one inside a line run together from the page, before an item's heading in capitals
    # ("Members of the Public: 3 1. CONFIRMATION OF MINUTES"): it numbers the item, it counts nothing
    blocked.extend((m.start(1), m.end(1)) for m in _INLINE_ITEM.finditer(text))
    out = []
    lead = _BULLET.match(text)
    lead_end = lead.end() if lead else 0
    # what the question asks of every number: read from it once, not once a number
    said = _count_predicate(q)
    how_long = bool(_HOW_LONG.match(q.text))
    for m in _NUM_RE.finditer(text):
        s, e = m.start(), m.end()
        if any(bs <= s < be or bs < e <= be for bs, be in blocked):
            continue
        if s < lead_end:
            continue  # paragraph number
        before = text[max(0, s - 25):s]
        ref = _REF_BEFORE.search(before)
        if ref and not (re.match(r"\s*years?\b", ref.group(0), re.I) and (
                (m.group(1) and float(m.group(1).replace(",", "")) > 12) or re.match(r"\s+[a-z]+s\b", text[e:e + 20]))):
            continue  # "paragraph <n>", "Year <n>" are references -- but "in the year <n> <nouns>" is a count
        if m.group(4):
            word = m.group(4).lower()
            value: float = NUMBER_WORDS[word]
            pct = False
            if word in ("one",) and not re.match(r"\s+(?:in|of|per|hundred)\b", text[e:e + 12]):
                # "one" is too often a pronoun / article
                if not re.match(r"\s+[a-z]+s\b", text[e:e + 20]):
                    continue
        else:
            raw = m.group(1).replace(",", "") + (m.group(2) or "")
            try:
                value = float(raw)
            except ValueError:
                continue
            pct = bool(m.group(3))
            if not pct and not m.group(2) and 1900 <= value <= 2099 and "," not in m.group(1):
                continue  # a year
        surface = text[s:e].strip()
        c = Cand(u, s, e, surface, _clean_num(value), key=f"num:{_clean_num(value)}:{'%' if pct else ''}")
        if q.percent:
            # a table row that writes no "%" at all states its rates as bare figures (the sign, if any, in a
            # header): its numbers may be the percentage asked for
            c.fit *= 1.3 if pct else BARE_ROW_RATE_FIT if u.is_row and "%" not in text else 0.45
        else:
            c.fit *= 0.6 if pct else 1.0
        qual = _qualifier_fit(u, s, e, q)
        c.bound = qual > 1.0
        c.fit *= _scope_fit(u, e, q, 0.45)
        # the counted noun right after the number ("<n> practitioners") or before it ("referrals of <n>")
        if q.target_stem:
            after = [stem(w) for w, _a, _b in tokens(text[e:e + 60])][:5]
            before_w = [stem(w) for w, _a, _b in tokens(text[max(0, s - 40):s])][-3:]
            phrase = q.target_phrase or [q.target_stem]
            if any(_same_word(q.target_stem, w) for w in after):
                # the number whose noun phrase holds more of the asked phrase beats one with only its head noun
                got = sum(1 for p in phrase if any(_stem_match(p, w) for w in after))
                c.fit *= 1.0 + 0.5 * got / len(phrase)
            elif any(_stem_match(q.target_stem, w) for w in before_w) and re.search(
                    r"\b(?:of|at|was|were|is|are|totall?ed|numbered|reached|stood\s+at)\s*$|[:=(]\s*$", text[max(0, s - 20):s]):
                pass  # the counted noun before the number ("<noun> of <n>", "<noun>: <n>")
            elif qual <= 1.0 and re.match(r"\s+(?:[a-z]{3,}s|" + IRREGULAR_PLURALS + r")\b", text[e:e + 30]) and not any(
                    _stem_match(q.target_stem, t) for t, _a, _b in u.toks) and not re.match(r"\s+(?:years|months|weeks|days|hours|times)\b", text[e:e + 12]):
                c.counts_other = True  # "<n> people attended" does not count the homes asked about, which the sentence never names
            elif any(_stem_match(q.target_stem, t) for t, _a, _b in u.toks) and qual <= 1.0:
                # the number may count another noun than the one asked about ("<n> in <place>" is elliptical: kept)
                nxt = re.match(r"\s+(?:[a-z]+\s+)?([a-z]{3,}s|" + IRREGULAR_PLURALS + r")\b", text[e:e + 30])
                if nxt and not _stem_match(stem(nxt.group(1)), q.target_stem):
                    c.counts_other = True
        size = _size_after().match(text, e)
        if size and not any(_stem_match(stem(size.group(1)), st) for st in q.stems):
            c.fit *= SIZE_MODIFIER_FIT  # "2 bed dwellings": a size of each dwelling, not how many
        # (the word itself too: the stem of "speed" is cut shorter than that of "speeding")
        if said and any(_same_word(said, stem(w)) or w.lower().startswith(said)
                        for w, _a, _b in tokens(_NUM_CLAUSE.split(text[e:e + 60])[0])):
            # "<n> vehicles clocked, <m> doing over the speed limit" for "how many vehicles were speeding": the
            # number whose own clause says what the counted things did counts those, not all of them
            c.fit *= 1.5
            c.bound = True
        if how_long:
            # "how long": a length of time, the number its unit of time follows ("eighteen months"),
            # not another figure near it ("a 20 mph limit")
            unit = _TIME_UNIT.match(text[e:e + 24])
            c.fit *= 1.4 if unit else 0.6
            if unit:
                # the length is the number with its unit ("15 months"): "15" alone does not say how long
                c.end = e + unit.end()
                c.surface = text[s:c.end].strip()
        col = _column_fit(u, s, q)
        if col is not None:
            c.fit *= col
        c.fit *= qual * _left_bound(u, s, q)
        if m.group(4) and not q.percent:
            c.fit *= 0.9
        if c.counts_other:
            c.fit *= COUNTED_OTHER_FIT  # a number counting the noun asked about, in another sentence, is the answer
        out.append(c)
    return out


COUNTED_OTHER_FIT = 0.7
_ADDRESS = re.compile(r"\b\d{1,4}[A-Za-z]?(?:\s?[-\u2013]\s?\d{1,4}[A-Za-z]?)?(?=\s+(?:[A-Z][\w'\u2019]*\s+){1,3}"
                      r"(?:Street|Road|Lane|Avenue|Close|Drive|Way|Place|Square|Terrace|Crescent|Gardens|Court|Row|Walk|Mews)\b)")


def _own_numbers(q: Question) -> set[tuple[str, str]]:
    """(word, number) and (number, word) pairs the question says ("covid", "19"), lower-cased."""
    out: set[tuple[str, str]] = set()
    for m in _NUM_RE.finditer(q.text):
        num, prev, nxt = _number_with_words(q.text, m)
        if prev and prev not in STOPWORDS:
            out.add((prev, num))
        if nxt and nxt not in STOPWORDS:
            out.add((num, nxt))
    return out


def _number_with_words(text: str, m: re.Match) -> tuple[str, str | None, str | None]:
    """A number matched in ``text`` (lower case, no commas) with the words right before and after it
    (lower case; None where there is none)."""
    prev = re.search(r"([A-Za-z]+)\W{0,2}$", text[max(0, m.start() - 25):m.start()])
    nxt = re.match(r"\W{0,2}([A-Za-z]+)", text[m.end():m.end() + 25])
    return (m.group(0).lower().replace(",", ""), prev.group(1).lower() if prev else None,
            nxt.group(1).lower() if nxt else None)
_TIME_ASKED = re.compile(r"\b(?:what|which)\s+time\b|\bat\s+what\s+time\b|\bwhat\s+hour\b", re.I)
# a number opening a line and closed by "." or ")" before a capital ("4. Strategic", "4.Strategic"), or a
# dotted one ("6.1 The clerk"): an item number
_LINE_ITEM = re.compile(r"\s*(\d{1,2}(?:\.\d{1,2})*[.)](?=\s*[A-Z(])|\d{1,2}(?:\.\d{1,2})+(?=\s+[A-Za-z]))")
# a number's own clause: up to the next comma, semicolon, sentence end or number
_NUM_CLAUSE = re.compile(r"[,;:()]|\.\s|\d")


def _count_predicate(q: Question) -> str | None:
    """The stem of what the counted things did or were in "how many <noun> were <verb>ing/<verb>ed ...?"."""
    if not q.target:
        return None
    m = re.search(r"\bhow\s+many\s+(?:[a-z'-]+\s+){0,3}?" + re.escape(q.target)
                  + r"\s+(?:were|was|are|is|have\s+been|had\s+been|been)\s+([a-z]{3,}(?:ing|ed))\b", q.text, re.I)
    return stem(m.group(1).lower()) if m else None


_HOW_LONG = re.compile(r"\s*(?:for\s+)?how\s+long\b", re.I)
_TIME_UNIT = re.compile(r"\s*(?:calendar\s+|working\s+|clear\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?)\b", re.I)


_POST_WORDS = frozenset("senior strategic interim acting joint principal specialist team service".split())
# a person's initials before the surname are part of the name ("J.P. McManus", "L. Galvin")
_INITIAL = r"(?:\b[A-Z]\.\s?)"


@lru_cache(maxsize=1)
def _titles() -> str:
    """Any title before a name (``data/person_titles.txt``), police and clergy ranks too
    ("Superintendent Magner stated ..."), with its point."""
    # (a post written as a title, "Mayor Delgado", is read as the person's post: _POST_TITLE)
    return rf"(?:{title_pattern(without=('post',))}|{title_pattern('rank')})\.?"


@lru_cache(maxsize=1)
def _name_re() -> re.Pattern:
    ranks = title_pattern("rank")
    return re.compile(
        # (a rank is no first name: "Inspector Lordan" is Lordan, titled)
        r"\b(?:" + _titles() + r"\s+)?(?!" + ranks + r"\.?\s)(" + _SURNAME_HEAD + r"[A-Z][a-z]+(?:['\u2019-](?:[A-Z]?[a-z]+))?"
        r"(?:\s+(?:(?:Mc|Mac|O['\u2019]|De['\u2019]?|D[aeiu](?=[A-Z])|L[aeu](?=[A-Z])|de\s|van\s|von\s)?[A-Z][a-z]+(?:['\u2019-](?:[A-Z]?[a-z]+))?)){1,2})\b"
        # (a title in capitals titles a surname too: "ON THE MOTION OF COUNCILLOR <Surname>")
        r"|\b(?:" + _titles() + r"|(?i:" + _titles() + r")(?<=[A-Z]{3}))\s+(" + _SURNAME_HEAD + r"[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?)\b"
    )


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Capitalised words that are no part of a person's name (``data/not_name_words.txt``), and every
    title of ``data/person_titles.txt`` ("Cynghorydd Evans" is Evans)."""
    return frozenset(" ".join(data_lines("not_name_words.txt")).split()) | title_words() | title_words("rank")


def _person_cands(u: Unit, q: Question, hits: list[Hit], lower_vocab: set[str]) -> list[Cand]:
    text = u.text
    spans: list[tuple[int, int, str]] = []
    # PERSON entities the indexer tagged in this hit
    for ent in hits[u.hit].entities if hits else []:
        if ent.label != "PERSON" or not ent.text:
            continue
        words = ent.text.split(" ")
        titled = any(re.search(r"\b" + _titles() + r"\s*$", text[max(0, m.start() - 16):m.start()])
                     for m in re.finditer(re.escape(ent.text), text))
        if all(w.lower() in not_name_words() or not re.search(r"[A-Za-z]{2}", w) for w in words) and not titled:
            continue  # "Garda Siochana": a body's name the tagger took for a person (but "Ms N Grant" is one)
        while len(words) > 1 and words[-1].lower() in person_stopwords():
            words = words[:-1]  # "Hardy Seconded": the act the minutes record after the name is no part of it
        # a title the tagger kept at the front ("Councilperson Varga") is no part of the name
        lead = 0
        while len(words) > 1 and re.fullmatch(_titles(), words[0]):
            lead += len(words[0]) + 1
            words = words[1:]
        canon = ent.canonical or ent.text
        if len(" ".join(words)) + lead < len(ent.text):
            canon = " ".join(words) if canon == ent.text else canon
        elif lead and canon == ent.text:
            canon = " ".join(words)
        for m in re.finditer(re.escape(ent.text), text):
            spans.append((m.start() + lead, m.start() + lead + len(" ".join(words)), canon))
    n_tagged = len(spans)
    for m in _name_re().finditer(text):
        name = m.group(1) or m.group(2)
        s = m.start(1) if m.group(1) else m.start(2)
        e = s + len(name)
        if re.search(r"['\u2019]s$", name.split()[0]):
            continue  # a title with a possessive ("<Role>'s ... Report") is not a person
        parts = name.split()
        # a name has at least one word that is not a common (lower-case) word
        # (a plural in -ies counts as its singular: "Councillor Vacancies" heads an item on the vacancy)
        if all(p.lower().strip("'\u2019s") in not_name_words() or p.lower() in lower_vocab
               or _singular(p.lower()) in lower_vocab for p in parts):
            continue
        titled_name = (len(parts) == 2 and parts[1].lower() not in person_stopwords() and (
            (parts[0].lower() in given_names() and re.search(r"\b" + _titles() + r"\s*$", text[max(0, s - 30):s]))
            or re.search(r"\b" + _POST_TITLE + r"[ \t]*$", text[max(0, s - 30):s])))
        if any(p.lower() in not_name_words() or p.lower() in person_stopwords() for p in parts) and not m.group(2) and not titled_name:
            # (a title before a given name and a surname makes both a name: "Mayor Chuck Page", "Cllr Mary Hall")
            # a given name and surname are kept; leading service or department words before a surname are trimmed
            while parts and (parts[0].lower() in not_name_words() or parts[0].lower() in person_stopwords()):
                s += len(parts[0]) + 1
                parts = parts[1:]
            # (a given name and a surname after a post written as a title stay whole: "Mayor Chuck Page")
            if not (len(parts) == 2 and parts[-1].lower() not in person_stopwords()
                    and re.search(r"\b" + _POST_TITLE + r"[ \t]*$", text[max(0, s - 30):s])):
                while parts and (parts[-1].lower() in not_name_words() or parts[-1].lower() in person_stopwords()):
                    parts = parts[:-1]
            # ("Moved Cr <Surname>": a surname alone is a name after a title)
            if len(parts) < 2 and not (parts and re.search(r"\b" + _titles() + r"\s+$", text[max(0, s - 16):s])):
                continue
            name = " ".join(parts)
            e = s + len(name)
        if m.group(2) and (name.lower() in not_name_words()):
            continue
        if any(p.lower() in ROLE_WORDS or p.lower() in _POST_WORDS for p in name.split()):
            continue  # "Senior Solicitor", "Head Teacher": a post, not a name
        spans.append((s, e, name))
    # a post a council's minutes put before a surname as a title ("Mayor Hunter called the meeting to order",
    # "City Clerk Johl"): the surname is a person's
    for m in _POST_TITLE_NAME.finditer(text):
        # (a post before an abstract noun titles an item, not a person: "Deputy Mayor Nomination and Vote")
        if m.group(1).lower() not in not_name_words() and m.group(1).lower() not in lower_vocab \
                and not re.search(r"(?:tion|sion|ness|ship)s?$", m.group(1)):
            spans.append((m.start(1), m.end(1), m.group(1)))
    # a post written as a title before a given name and a surname ("Village Clerk Eileen <Surname> called the
    # roll"): the two words are the person's (the name pattern above spends its words on the post)
    for m in _POST_TITLE_FULL_NAME.finditer(text):
        if m.group(1).split()[0].lower() in given_names():
            spans.append((m.start(1), m.end(1), m.group(1)))
    # an initial and a surname with the post in brackets after them ("and A McLaven (Clerk)"): a person, though
    # the initial reads as an article
    # (and two or three initials written together: "Mrs PA Allen (Chairman)")
    # (a double-barrelled surname too: "A Keppel-Green (Town Clerk)")
    for m in re.finditer(r"\b((?:[A-Z]\.?){1,3}\s" + _SURNAME_HEAD + r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=\s*\()", text):
        if _post_in_brackets(text, m.end(1)):
            spans.append((m.start(1), m.end(1), m.group(1)))
    # a mover and seconder written as a slash pair ("Leigh/Whalley: SRD 373/22"): two people, surnames alone
    pairs = _mover_pairs(text)
    paired = {(a, ae) for a, ae, _b, _be in pairs} | {(b, be) for _a, _ae, b, be in pairs}
    spans += [(ps, pe, text[ps:pe]) for ps, pe in sorted(paired)]
    # initials written against the surname, without a space ("CP proposed S.Findlay, JDM seconded"): a person
    glued = set()
    for m in _GLUED_INITIALS.finditer(text):
        spans.append((m.start(1), m.end(1), m.group(1)))
        glued.add((m.start(1), m.end(1)))
    tagged = {(s, e) for s, e, _c in spans[:n_tagged]}
    # a firm or a trust answers "who" as often as a person does ("assessed by Peter McVerry Trust",
    # "awarded to Holly landscapes"): its whole name is a candidate, and no name inside it is
    firms = [(m.start(), m.end()) for m in _org_names().finditer(text)
             if not all(w.lower() in not_name_words() for w in m.group(1).split())]
    spans += [(s, e, text[s:e]) for s, e in firms]
    out = []
    asked: list[tuple[int, int]] = []
    seen = set()
    given = given_names()
    # a list under "Apologies:" or "Absent:" names who was absent: they did nothing the question asks of the meeting
    absent = (attendance_label(text) in ("apologies", "absent")
              and not re.search(r"\b(?:apolog\w*|absen\w*|attend\w*|present)\b", q.text, re.I))
    for s, e, canon in spans:
        if (s, e) in seen:
            continue
        if re.fullmatch(r"[A-Z][a-z]+(?:tion|sion|ness|ship)s?", text[s:e]):
            continue  # one abstract noun is no name ("Deputy Mayor Nomination and Vote" heads an item)
        mine = (s, e) in tagged
        ini = re.search(_INITIAL + r"{1,3}$", text[max(0, s - 9):s])
        if ini and len(canon.split()) == 1:
            s -= len(ini.group(0))  # "J.P. McManus": the initials are part of the name
            canon = text[s:e]
        words = text[s:e].split(" ")
        if len(words) == 3 and words[-1].lower() in lower_vocab and words[0].lower() in given:
            # "<Given> <Surname> Taking a stand ...": a third capitalised word the papers also write in
            # lower case starts the next words; it is not part of the name
            e = s + len(words[0]) + 1 + len(words[1])
            canon = text[s:e] if canon.split(" ")[-1] == words[-1] else canon
        if any(ps <= s and e <= pe and (ps, pe) != (s, e) and ((ps, pe) in tagged or not mine) for ps, pe, _c in spans):
            continue  # inside a longer name
        if any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in firms):
            continue  # the person a firm or trust is named after
        if not mine and any(
            s <= ps and pe <= e and (ps, pe) != (s, e) and _common_words(text[s:ps] + " " + text[pe:e], lower_vocab)
            and text[ps:pe].strip().lower() not in given  # a given name alone is not the whole name
            for ps, pe in tagged
        ):
            continue  # a name the tagger found with common words around it ("<Name> Website"): the name is the candidate
        seen.add((s, e))
        if len(re.sub(r"[^A-Za-z\u00c0-\u017f]", "", text[s:e])) < 2:
            continue  # an initial alone is no name
        word = text[s:e].strip().lower()
        if " " not in word and _singular(word) != word and _singular(word) in lower_vocab:
            continue  # a plural the papers write as a common noun ("Councillor Vacancies" heads an item on the vacancy)
        if _affiliation(text, s, e):
            continue  # "Neil Gaunt (Blackford)", "Michael Gallagher (Coupar Angus, ...)": the place a person stands for
        c = Cand(u, s, e, text[s:e], None, key="")
        c.key = "person:" + canon.lower()
        c.value = canon
        # how sure that this is a person: tagged by the indexer, a known given name, or a title before it
        first = canon.split()[0].strip(".,").lower() if canon.split() else ""
        titled = bool(re.search(r"\b(?:" + _titles() + r"|(?i:" + _titles() + r")(?<=[A-Z]{3}))\s*$", text[max(0, s - 24):s]))
        # (a post's label: "Treasurer: <Name>", "Clerk - <Name>")
        labelled = bool(re.search(r"(?:name|author|by|contact|officer|chair|present|clerk|secretary|treasurer|mayor|president|"
                                  r"cathaoirleach|manager|administrator|attendance)\s*[:\-\u2013]?\s*$", text[max(0, s - 20):s], re.I))
        c.plausible = bool((s, e) in tagged or first in given or titled or labelled or (s, e) in firms or ini or (s, e) in glued
                           or (s, e) in paired or _POST_TITLE_END.search(text[max(0, s - 30):s]) or _post_in_brackets(text, e))
        if absent and not re.search(r"\b(?:present|in\s+attendance|attending)\b", text[:s], re.I):
            c.fit *= 0.5
        if not c.plausible and given:
            c.fit *= UNMARKED_NAME_FIT
        # a name that is itself the subject of the question is not the answer (but its post is its own)
        if any(_name_close(canon, p) for p in q.people):
            asked.append((s, e))
            continue
        if (s, e) not in tagged and all(t in q.stems for t, _a, _b in _tok_stems(text[s:e]) if t):
            continue  # the question's own words ("the Pie Bake Challenge"), capitalised as a name is
        out.append(c)
    verb = _who_verb(q)
    if verb:
        # a list of those present ("Attendance: Cllrs <A>, <B> ...") names who came, not who did the act asked
        # ("who joined as a new councillor"): the one doing it is named where the minutes record it
        listed = None if re.match(r"(?:attend|present|chair)", verb) else _present_label(text)
        # a sentence that never states the act asked about ("who joined ...?" and a sentence without
        # "join") names someone for another reason; a label of the question's words states it too
        # ("Apologies: <A>" for "who sent apologies?")
        label = _LEAD_LABEL.match(text)
        # (a mover and seconder's slash pair records the moving: "Leigh/Whalley: SRD 373/22")
        stated = any(_stem_match(verb, t) for t, _a, _b in _tok_stems(text) if t) or bool(
            label and any(t in q.stems for t, _a, _b in _tok_stems(label.group(1)) if t)) or bool(
            pairs and any(_stem_match(verb, v) for v in ("propos", "mov", "second")))
        for c in out:
            c.fit *= _agent_fit(u, c.start, c.end, verb)
            if not stated:
                c.fit *= UNSTATED_ACT_FIT
            if listed is not None and listed < c.start and not re.search(r"[.;]\s", text[listed:c.start]):
                c.fit *= ATTENDING_FIT
    for c in out:
        c.fit *= _award_fit(q, text, c.start, c.end)
        c.fit *= _mover_fit(q, text, c.start, c.end)
        if _asked_label(text, c.start, q, c.end):
            # "Adult winner:- <Name>", "Project Director: <Name>": a label in the question's words names this person
            # (a name nothing else marked is no less a person under it: "Treasurer: Ewan <Surname>")
            if not c.plausible and given:
                c.fit /= UNMARKED_NAME_FIT
            c.plausible = True
            c.fit *= ASKED_LABEL_FIT
    # role: the post named next to the name ("<Name>, Head of <Service>")
    if q.role_stems:
        spans_all = [(c.start, c.end) for c in out if c.plausible] + asked  # a role clause ends at the next real name
        signer = bool(_SIGN_ASKED.search(q.text))
        for c in out:
            rf = _role_fit(u, c, q, [sp for sp in spans_all if sp != (c.start, c.end)])
            if signer and _after_valediction(u, c.start):
                rf = max(rf, SIGNED_FIT)  # "Yours sincerely, <Name>": the one who signed it
                c.plausible = True
            c.fit *= rf
            c.role = min(1.0, (rf - 0.25) / 1.35)
    return out


# a surname's head joined to its capitalised stem: "McArthur", "O'Brien", "DiMaria", "LeBlanc"
_SURNAME_HEAD = r"(?:Mc|Mac|O['\u2019]|D[aeiu](?=[A-Z])|L[aeu](?=[A-Z]))?"
# initials written against the surname, without a space: "S.Findlay"
_GLUED_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\.){1,3}" + _SURNAME_HEAD + r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b(?!\.[A-Za-z])")
# titles any person may carry, which say nothing of a post
_HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Sir|Dame|Lord|Baroness)\.?"
# posts a paper writes before a surname as titles (US and Canadian minutes: "Mayor Pro Tem <Surname>", "City
# Manager <Surname>", "Council Member <Surname>"); the post ends right before the name, on its line
_POST_TITLE = (r"(?:(?:Vice|Deputy|Assistant)\s+)?(?:Mayor(?:\s+Pro\s+Te(?:m|rn|mpore)\.?)?|(?:City|Village|County|Borough)\s+(?:Manager|Clerk|Attorney)"
               r"|Council\s+Member|Town\s+(?:Manager|Clerk)|Supervisor)")
# (a heading after the post is no name: "<Name>, City Manager Attachments:")
_POST_TITLE_NAME = re.compile(r"\b" + _POST_TITLE + r"[ \t]+(" + _SURNAME_HEAD + r"[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?)\b(?![ \t]+[A-Z][a-z])(?!\s*:)")
# prepositions: "<Name> on her re-election as Deputy Mayor", "<Name> for the position of Secretary" name the post held
_PREPS = "on|in|at|for|to|with|from|by|of|as|into|upon|after|before|about|over|under"
_POST_TITLE_FULL_NAME = re.compile(r"\b" + _POST_TITLE + r"[ \t]+([A-Z][a-z]+[ \t]+" + _SURNAME_HEAD + r"[A-Z][a-z]+)\b(?![ \t]+[A-Z][a-z])")
_POST_TITLE_END = re.compile(r"(?:\b(?:and|&)\s+)?\b" + _POST_TITLE + r"[ \t]*$")


def _affiliation(text: str, s: int, e: int) -> bool:
    """The words ``text[s:e]`` stand in brackets right after a person's name, untitled: the place, ward or body
    that person stands for ("<Name> (Blackford)"), not another person (a post before the bracket, "Chair (Cllr
    <Name>)", keeps it a name)."""
    before = re.search(r"([A-Z][\w'\u2019.-]+)\s*\(\s*$", text[max(0, s - 40):s])
    if not before or not re.match(r"[^()]{0,60}\)", text[e:]):
        return False
    word = before.group(1).lower().strip(".")
    return word not in ROLE_WORDS and word not in person_stopwords() and word not in not_name_words()


ASKED_LABEL_FIT = 1.3
UNMARKED_NAME_FIT = 0.5  # capitalised words no tag, given name, title or label marks as a person's name
# a label before a name: up to four words then a colon ("Adult winner:-", "Seconded:"), a title may follow
# (not a dash: "<Item> – Cllr <Name> reported ..." heads a matter with who spoke to it)
_LABEL_BEFORE = re.compile(r"((?:[A-Za-z][\w'\u2019&-]*\s+){0,3}[A-Za-z][\w'\u2019&-]*)\s*:-?\s*(?:"
                           + _titles() + r"\s+)?$")


def _asked_label(text: str, s: int, q: Question, e: int | None = None) -> bool:
    """A label right before the name (on its line), or the term a paper defines it by right after it
    ("<Firm> (“the Applicant”)"), whose words are the question's own (not its names)."""
    m = _LABEL_BEFORE.search(text[max(0, s - 50):s]) or _HEADING_BEFORE.search(text[max(0, s - 50):s])
    if not m and e is not None:
        m = _DEFINED_AFTER.match(text, e)
    return m is not None and _label_in_question(m.group(1), q)


# a minute's heading in capitals right before the name, an item number or a line break before it ("1. APOLOGIES
# Cllr. <Name>.", "CLERK Mrs <Name>")
_HEADING_BEFORE = re.compile(r"(?:^|\d\.?\s+|\n\s*)([A-Z]{4,}(?:\s+(?:OF|FOR|AND|[A-Z]{3,})){0,3})\s+(?:" + _titles() + r"\s+)?$")


def _label_in_question(label: str, q: Question) -> bool:
    """Does a label hold one of the question's own words (not its names, cue words or stopwords), or its post?"""
    content = {st for st, t in zip(q.stems, q.terms) if st not in q.cue_stems and st not in STOPWORDS and not t[:1].isupper()}
    content |= set(q.role_stems)
    return any(_stem_match(c, w) for c in content for w, _a, _b in _tok_stems(label) if w)


FOREIGN_LABEL_FIT = 0.75
# the words a date's label may hold besides what it dates ("Date of decision:", "Effective from:")
_DATE_LABEL_GLUE = frozenset("date dated day time on of from to the at held when".split())


def _date_label_fit(text: str, s: int, q: Question) -> float:
    """A date in a record of "Label: value" lines is the date of what its label names: "Date of decision:"
    answers "when was the decision made" (``ASKED_LABEL_FIT``), "Publication date:" or "Effective from:"
    (a label naming only other things) does not (``FOREIGN_LABEL_FIT``)."""
    m = _LABEL_BEFORE.search(text[max(0, s - 50):s])
    if not m:
        return 1.0
    if _label_in_question(m.group(1), q):
        return ASKED_LABEL_FIT
    words = [w for w, _a, _b in _tok_stems(m.group(1)) if w and w not in _DATE_LABEL_GLUE and w not in STOPWORDS]
    return FOREIGN_LABEL_FIT if words else 1.0


# a defined term after a name: "Soho Data Holdings Ltd (“the Applicant”)", "(the “Developer”)"
_DEFINED_AFTER = re.compile(r"\s*\(\s*(?:the\s+)?[\"'\u2018\u201c]\s*(?:the\s+)?([A-Za-z][\w' -]{0,30}?)\s*[\"'\u2019\u201d]\s*\)", re.I)


_SIGN_ASKED = re.compile(r"\bsign(?:ed|s|ing|atory)?\b", re.I)
SIGNED_FIT = 1.6  # the role fit of a name under a letter's closing, for "who signed"
_VALEDICTION_REACH = 30  # characters between a closing and the name (a scanned signature reads as a word or two)


@lru_cache(maxsize=1)
def _valedictions() -> re.Pattern:
    """The closings of ``data/valedictions.txt``, their words apart by any space (a PDF line may break them)."""
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, ln.split())) for ln in data_lines("valedictions.txt")) + r")\b", re.I)


def _after_valediction(u: Unit, s: int) -> bool:
    """A letter's closing ends at most a few words before ``s``, in this sentence or closing the one before
    (a closing on a line of its own ends a sentence: "Is mise le meas," / "<signature> <Name>, <Post>.")."""
    before = u.text[max(0, s - 60):s]
    m = list(_valedictions().finditer(before))
    if m:
        return len(before) - m[-1].end() <= _VALEDICTION_REACH
    return s <= _VALEDICTION_REACH and any(re.match(r"[\s,.]*$", u.neighbours[v.end():v.end() + 3])
                                           for v in _valedictions().finditer(u.neighbours))


ATTENDING_FIT = 0.7
UNSTATED_ACT_FIT = 0.8
_LEAD_LABEL = re.compile(r"\s*([^:.;]{1,40}):")


def _present_label(text: str) -> int | None:
    """Where a label opening a list of those present ends in ``text`` ("Attendance:", "Present:"), if one does."""
    from paperfinder.datafiles import tab_rules

    ends = [m.end() for (kind,), rx in tab_rules("attendance_labels.txt", wrap=r"\b(?:{})(?:\s*:|(?<=:))") if kind == "present"
            for m in [rx.search(text)] if m]
    return min(ends) if ends else None


def _org_names() -> re.Pattern:
    """Capitalised words ending in a word that ends a firm's or a trust's name (``data/org_name_ends.txt``)."""
    from paperfinder.datafiles import words_regex

    return words_regex("org_name_ends.txt", before=r"(?-i:((?:[A-Z][\w&'\u2019.-]*\s+(?:&\s+)?)+))")


_WHO_VERB = re.compile(r"^\s*who\s+(?:(?:is|was|are|were|has|had|have|will|did|does)\s+)?(?:been\s+|being\s+|be\s+)?([a-z]{3,})\b", re.I)


def _who_verb(q: Question) -> str | None:
    """The stem of the verb a "who <verb>s ...?" question asks the doer of ("who is assessing" -> assess)."""
    m = _WHO_VERB.match(q.text)
    if not m or m.group(1).lower() in STOPWORDS or m.group(1).lower() in ("the", "a", "an", "chair", "chairman", "leader"):
        return None
    w = m.group(1).lower()
    if not re.search(r"(?:ed|ing|s)$", w) and w not in ("paid", "got", "led", "won", "gave", "made", "took", "sent", "wrote", "ran"):
        return None  # "who is the clerk": a post, not a verb
    return stem(w)


def _agent_fit(u: Unit, s: int, e: int, verb: str) -> float:
    """The doer of the question's verb: "being assessed by <Name>" or "<Name> assessed ..." (1.5 / 1.25)."""
    if verb in ("propos", "mov", "second") and (first := _moved_first(u.text, s)) is not None:
        return 1.5 if first == (verb != "second") else 0.6
    raw = [w for w, _a, _b in tokens(u.text[max(0, s - 45):s])][-5:]
    left = [stem(w) for w in raw]
    # the title before the name is part of it ("seconded by Councillor <B>", "On the proposal of Cllr <A>")
    while left and raw[-1].lower() in title_words():
        left, raw = left[:-1], raw[:-1]
    if left and left[-1] == "by":
        # the acts right before "by" ("verified/completed by", "proposed and seconded by"): in "this proposal
        # was seconded by <B>" <B> seconded, proposing nothing (nor in "<A> proposed, seconded by <B>": a comma
        # ends the acts that are <B>'s)
        before = u.text[max(0, s - 45):s]
        bys = list(re.finditer(r"\bby\b", before, re.I))
        chain = re.split(r"[,;:()]", before[:bys[-1].start()] if bys else before)[-1]
        n_chain = len(tokens(chain))
        done: list[str] = []
        for w, st in list(zip(reversed(raw[:-1]), reversed(left[:-1])))[:n_chain]:
            if w.lower() in ("and", "or", "duly"):
                continue
            if not re.fullmatch(r"[a-z]{3,}(?:ed|en)", w.lower()):
                break
            done.append(st)
        if any(_stem_match(verb, a) for a in done):
            return 1.5
    # "On the proposal of Councillor <A>": the act's noun, then its doer
    if len(left) >= 2 and left[-1] == "of" and _stem_match(verb, left[-2]):
        return 1.5
    right_words = [w for w, _a, _b in tokens(re.split(r"[.;:]\s", u.text[e:e + 40])[0])]
    right = [stem(w) for w in right_words][:3]
    acts = [i for i, w in enumerate(right) if _stem_match(verb, w)]
    # "<A> and seconded by <B>": the act before "by" is the next name's, not this one's
    if acts and not all(i + 1 < len(right_words) and right_words[i + 1].lower() == "by" for i in acts):
        return 1.25
    if acts:
        return 1.0
    # "<A> asked ... / <B> replied ...": a name doing another act ("<A> asked" for "who replied") is not the doer
    # (but "<A>, seconded by <B>": the act before "by" is the next name's)
    if right_words and re.fullmatch(r"[a-z]{3,}ed", right_words[0]) and not (left and left[-1] == "by") and not (
            len(right_words) > 1 and right_words[1].lower() == "by"):
        return 0.6
    return 1.0


# (the acts of moving a motion, units.MOVER_ACT: minutes name who proposed and who seconded whatever the item decided)
# "seconded by Cllr <B>", "Proposed: Cllr <A>" (but "<A> proposed Cllr <C> as ...": <C> is the one proposed)
_MOVER_BEFORE = re.compile(MOVER_ACT + r"(?:\s+by\s*|\s*[:\-\u2013]\s*)(?:" + _titles() + r"\s*)*$", re.I)
_MOVER_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:and\s+)?" + MOVER_ACT + r"\b(?!\s+by\b)", re.I)


def _mover_fit(q: Question, text: str, s: int, e: int) -> float:
    """A name that moved or seconded the motion ("Cllr <A> proposed, Cllr <B> seconded", "seconded by
    <B>") answers only a question about moving it: the item's own people (who agreed, who was asked,
    who was appointed) are others, named in the same sentence."""
    if re.search(r"\b(?:propos|second|mov(?:ed|er|ing)\b|motion)", q.text, re.I):
        return 1.0
    if _MOVER_BEFORE.search(text[max(0, s - 40):s]) or _MOVER_AFTER.match(text[e:e + 30]):
        return 0.6
    return 1.0


def _singular(word: str) -> str:
    """A plural in -ies as its singular ("vacancies" -> "vacancy"); other words as they are."""
    return re.sub(r"ies$", "y", word)


def _common_words(text: str, lower_vocab: set[str]) -> bool:
    """Every word is one the papers also write in lower case (or a known non-name word)."""
    words = re.findall(r"[A-Za-z\u00c0-\u017f'\u2019-]+", text)
    return bool(words) and all(w.lower() in lower_vocab or w.lower() in not_name_words() for w in words)


def _name_close(a: str, b: str) -> bool:
    """The same person: the same name, the same surname and initial, or a surname alone ("Collins")."""
    # a title is no part of the name ("Councillor Quinlivan" is Maurice Quinlivan)
    # (and an apostrophe is one however typed: "O'Donoghue" is "O\u2019Donoghue")
    a, b = (re.sub(r"^(?:" + _titles() + r"\s+)+", "", x.strip(), flags=re.I).lower().replace("\u2019", "'") or x.lower()
            for x in (a, b))
    if a == b:
        return True
    if a.split()[-1] != b.split()[-1]:
        return False
    return a.split()[0][0] == b.split()[0][0] or len(a.split()) == 1 or len(b.split()) == 1


# (a title in capitals is one too: "RESOLVED ON THE MOTION OF COUNCILLOR <A>, seconded by COUNCILLOR <B>")
_MOTION_OF = re.compile(r"\b(?i:on\s+the\s+motion\s+of)\s+(?:(?i:" + _titles() + r")\.?\s*)*(?P<first>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?"
                        r"\s*(?:,|and|&)\s*(?:(?i:" + _titles() + r")\.?\s*)*)?$")
# a motion's mover and seconder written as a pair with a slash, before the resolution's number or in brackets
# after "Resolved"/"Moved" ("Leigh/Whalley: SRD 373/22", "Resolved (Cr <A> / Cr <B>)"): the first moved it
_PAIR_NAME = r"[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*)?"
_MOVER_PAIR = re.compile(r"(?:^|\n|\(|\b(?i:resolved|moved|carried)\s)[ \t]*(?:" + _titles() + r"\s*)*(?P<a>" + _PAIR_NAME
                         + r")[ \t]*/[ \t]*(?:" + _titles() + r"\s*)*(?P<b>" + _PAIR_NAME + r")[ \t]*(?:\)|:)")


def _mover_pairs(text: str) -> list[tuple[int, int, int, int]]:
    """The (start, end) of the mover and of the seconder of each slash pair in ``text`` (``_MOVER_PAIR``)."""
    return [(m.start("a"), m.end("a"), m.start("b"), m.end("b")) for m in _MOVER_PAIR.finditer(text)]


def _moved_first(text: str, s: int) -> bool | None:
    """"RESOLVED on the motion of Crs <A> and <B>", "<A>/<B>: SRD 373/22": <A> moved it (True for the name at
    ``s``), <B> seconded (False); None when the name at ``s`` is not named so."""
    for a, _ae, b, _be in _mover_pairs(text[max(0, s - 80):s + 80]):
        off = max(0, s - 80)
        if a + off == s:
            return True
        if b + off == s:
            return False
    moved = _MOTION_OF.search(text[max(0, s - 80):s])
    return None if moved is None else moved.group("first") is None


_SIGNER_ASKED = re.compile(r"\bwho\s+(?:signed|signs)\b", re.I)
# the signature block: "Signed:" / "Dated: 19th January 2022" (a date of a few words) right before the name
_SIGNED_BEFORE = re.compile(r"\b(?:signed|dated)\b\s*:?\s*(?:[\w,]+\s+){0,4}(?:" + _titles() + r"\s*)?$", re.I)


def _role_fit(u: Unit, c: Cand, q: Question, others: Sequence[tuple[int, int]] = ()) -> float:
    """How much of the role's words are stated for this name, 0.25..1.6.

    "Name, Role" (role after the name) and "Role: Name" / "led by Name" (role
    right before it) count; in a list "A, Role A, B, Role B" the words before
    B belong to A, so they count a third.
    """
    text = u.text
    # the clause of this name: up to the next person named (or a sentence/cell break)
    r_end = min([s for s, _e in others if s >= c.end] + [c.end + 110, len(text)])
    # ("<Name> (KW), the temporary clerk": a bracket of initials right after the name closes no clause)
    right = re.split(r"[.;]\s|\t|\s\|\s|\)\s*,", re.sub(r"^\s*\([A-Z]{1,4}\)", "", _next_titles_off(text, c.end, r_end)))[0]
    # "<A> & the New Inspector, <B>": a post an article leads after "and" is the next name's
    right = re.split(r"\s(?:&|and)\s+(?:the|our|their|its|a|an)\s", right, flags=re.I)[0]
    # "Cllrs <A> and <B> were present Clerk to Council, <C>": the lines run together, and the attendance
    # said after the names ends their clause (the post after it is the next name's)
    right = re.split(r"\b(?:was|were)\s+(?:also\s+)?(?:present|in\s+attendance)\b", right, flags=re.I)[0]
    l_start = max([e for _s, e in others if e <= c.start] + [c.start - 90, 0])
    # the title before the name is part of it ("proposed by Cllr. <Name>": its full stop ends no clause)
    left = re.sub(_titles() + r"\s*$", "", text[l_start:c.start])
    if any(e == l_start for _s, e in others):
        # "<A> (Clerk) <B> (Events Officer)": the bracket right after the name before is that name's post
        left = re.sub(r"^\s*\([^()]*\)", "", left)
        # ... and so is a post after a dash ("<A> – Town Clerk There was ... <B> – Finance Officer")
        left = re.sub(r"^\s*[\u2013\u2014-]\s*(?:[A-Z][\w'\u2019/-]*\s+){0,3}[A-Z][\w'\u2019/-]*", "", left)
    left = re.split(r"[.;]\s|\t|\s\|\s", left)[-1]
    # ("<A> proposed, Seconded Cllr <B>": the act before a capitalised act label is the name before's)
    left = re.split(r"(?:^|[\s(,])(?=(?:Proposed|Seconded|Moved)\b)", left)[-1]
    posts_first = _posts_lead(text, c.start)
    if not posts_first and any(e == l_start for _s, e in others) and re.match(r"\s*,\s*(?!and\b)[A-Z]", text[c.end:c.end + 30]):
        # a list of "Name, Post" pairs ("<A>, City Attorney <B>, City Clerk"): the post after the name before is that one's
        left = re.sub(r"^\s*,[^,]*$", "", left)
    if posts_first and r_end < len(text) and any(s0 == r_end for s0, _e in others):
        # a list of "Post Name" pairs ("Chair <A>, Vice Chair <B>, Secretary <C>"): the post before the next name is its
        right = re.sub(r",\s*(?:[A-Z][\w'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*\s*$", "", right)
    # header fields: "... Board 14 November Accountable Director: Name" -- the label is the role
    labels = list(re.finditer(r"(?:^|\s)([A-Z][\w&'/ -]{0,40}):\s", left))
    if labels:
        left = left[labels[-1].start(1):]
    # "<A> was proposed by <B> and seconded by <C>": the act before "by" at the clause's end is the next name's
    # ... and so is a record's label before the next name ("Proposed - Cllr <A> Seconded - Cllr <B>")
    # ("<A> Apologies for absence:" / "<B>": a label closing the line heads the list after it, not <A>'s post)
    right = re.sub(r"\s[A-Z][\w&'/ -]{0,40}:\s*(?:" + _titles() + r"\s*)*$", "", right)
    right = re.sub(r"\b\w+\s+by\s*(?:" + _titles() + r"\s*)*$|\b[A-Za-z]+\s*[-\u2013:]\s*(?:" + _titles() + r"\s*)*$", "", right)
    # ... and a record's act written as a label, capitalised, before the next name ("Cllr <A> (Proposed Cllr <B>,
    # Seconded Cllr <C>)": <B> proposed and <C> seconded <A>'s appointment; "<A> seconded" in lower case is <A>'s act)
    right = re.sub(r"(?:^|[\s(,])(?:Proposed|Seconded|Moved|Proposer|Seconder)\s*(?:" + _titles() + r"\s*)*$", "", right)
    nxt_label = re.search(r"\s[A-Z][\w&'/ -]{0,40}:\s", right)
    if nxt_label:
        right = right[: nxt_label.start()]
    # "<A> (Blackwood) Chairman, <B>": a post after a closing bracket and before a comma and the next name is
    # that name's label ("<A>, Chairman, <B>" keeps it <A>'s)
    if r_end < len(text) and any(s0 == r_end for s0, _e in others):
        right = re.sub(_LABEL_BEFORE_NAME, "", right)

    role = [s for s in q.role_stems if s]
    if not role:
        return 1.0
    if _SIGNER_ASKED.search(q.text) and _SIGNED_BEFORE.search(text[max(0, c.start - 60):c.start]):
        return 1.6  # a notice or letter ends "Dated <date> <Name> <Post>": the name under it signed it
    if role[-1] in ("propos", "second") and (first := _moved_first(text, c.start)) is not None:
        return 1.6 if first == (role[-1] == "propos") else 0.25

    deputy_asked = bool(_DEPUTY.search(q.text))

    def frac(seg: str) -> float:
        # a post's hyphen broken by a space ("elect Cllr <B> as Vice- Chair") still joins its words
        seg = _BROKEN_POST_HYPHEN.sub(r"\1-", seg)
        if not deputy_asked:
            seg = _DEPUTY_POST.sub(" ", seg)  # a vice chairman or deputy mayor does not hold the post asked
        # ("Motion was made by <A>", "Motion by <A>": the mover, as "moved by" says)
        seg = re.sub(r"\bmotion\s+(?:was\s+)?(?:made\s+)?by\b", "moved by", seg, flags=re.I)
        st = [t for t, _a, _b in _tok_stems(seg) if t]
        # a label in capitals is a word too ("MOVED: Cr <A> SECONDED: Cr <B>", "ABSENT: Councilmember <C>")
        st += [stem(w.lower()) for w in re.findall(r"\b[A-Z]{4,}\b", seg)]
        # (a word of the post's family stands for it: "Cathaoirleach" is the chair)
        got = sum(1 for r in role if any(_same_word(r, t) for t in st)) / len(role)
        if got == 1.0 and len(role) > 1 and not _in_order(role, st):
            got = SCATTERED_POST  # "Executive Chief Officer" holds the words of "Chief Executive", not the post
        # the post's head noun (its last word: "parish clerk") names it; its qualifiers alone do not
        return got if any(_same_word(role[-1], t) for t in st) else got * 0.25

    # "<Name> was proposed by ...": the name the act was done to, not its doer
    passive = re.match(r"\s*(?:\([^)]*\)\s*)?,?\s*(?:was|were|has\s+been|had\s+been|being)\s+(?:duly\s+)?(\w+)\s+by\b", right)
    if passive and any(_stem_match(r0, stem(passive.group(1))) for r0 in role):
        right = right[passive.end():]
    r = frac(right)
    obj = re.match(r"\s*(?!(?:is|was|are|were|be|been|became|becomes|remains|remained|" + _PREPS + r")\b)([a-z]+)\s+(?:the|his|her|their|our)\s",
                   right)
    # (but "<Name> accepted the position as Vice Chair": the post the name took)
    if obj and not any(_stem_match(r0, stem(obj.group(1))) for r0 in role) \
            and not re.match(r"\s*[a-z]+\s+(?:the|his|her|their|our)\s+(?:position|post|role|office|seat|nomination)\s+(?:of|as)\b", right):
        r *= 0.33  # "<Name> thanked the County Manager": the post is the act's object, not the name's
    l = frac(left)
    direct = re.search(r"(?:[:(\u2013\u2014-]|\bby|\bis|\bwas|\bof)\s*$", left) or re.search(_LABEL_BEFORE_NAME, left)
    # ("the New Inspector, <Name>": a post an article leads is in apposition to the name after it)
    if not direct and re.search(r",\s*$", left) and not re.search(r"^[\s&,]*(?:and\s+)?(?:the|our|its|their|his|her)\s+[^,]+,\s*$", left, re.I):
        l *= 0.33
    return 0.25 + 1.35 * max(r, l)


def _post_in_brackets(text: str, e: int) -> bool:
    """A post in brackets right after ``e`` ("<Name> (Clerk)", "(Vice-Chairman)")."""
    m = re.match(r"\s*\(([A-Za-z][A-Za-z -]*)\)", text[e:e + 40])
    return bool(m) and re.split(r"[\s-]", m.group(1).strip())[-1].lower() in ROLE_WORDS


def _posts_lead(text: str, s: int) -> bool:
    """The list the name at ``s`` stands in (from its label's colon or its sentence's start) opens with a post
    written before a name ("In Attendance: Community Council Chair <A>, Vice Chair <B>, ..."): its posts lead
    their names, as against a list of "Name, Post" pairs."""
    start = max([m.end() for m in re.finditer(r":|[.;]\s", text[max(0, s - 300):s])] + [0]) + max(0, s - 300)
    first = text[start:s].split(",")[0]
    # (a personal title, "Ms D Manson, Chief Executive", leads no post: only a post written as a title does)
    if re.match(r"\s*(?:" + _HONORIFICS + r"\s+)?(?:" + _POST_TITLE + r")\s+[A-Z]", first) or (
            re.match(r"\s*(?:" + _titles() + r")\s+[A-Z]", first) and not re.match(r"\s*" + _HONORIFICS + r"\s", first)):
        return True
    return any(m.group(1).lower() in ROLE_WORDS
               for m in re.finditer(r"\b([A-Z][\w'\u2019-]*)\s+(?:" + _titles() + r"\s+)?(?=[A-Z][a-z])", first))


def _next_titles_off(text: str, start: int, end: int) -> str:
    """``text[start:end]`` without the posts written as the titles of a name after them ("<A>, Vice Mayor <B>",
    "<A>, and Mayor <B>"): those are <B>'s. In a list of "Name, Post" pairs ("<A>, City Attorney <B>, City
    Clerk") the post before <B> is <A>'s, and stays."""
    seg = text[start:end]
    lead = _posts_lead(text, start)
    for m in _POST_TITLE_BEFORE.finditer(text, start, min(len(text), end + 60)):
        if m.group(1).split()[0].lower() in STOPWORDS:
            continue  # "<A> – Town Clerk There was ...": a post before a word that is no name titles nobody after it
        if m.start() < end and (lead or not re.match(r"\s*,\s*(?!and\b)[A-Z]", text[m.end():m.end() + 30])):
            a, b = m.start() - start, min(m.start(1), end) - start
            seg = seg[:a] + " " * (b - a) + seg[b:]
    return seg


# a post written as a title, the name it is the title of (one or two capitalised words) in group 1
_POST_TITLE_BEFORE = re.compile(r"(?:\b(?:and|&)\s+)?\b" + _POST_TITLE + r"[ \t]+(" + _SURNAME_HEAD + r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)")
# a qualifier that makes a post another one: the vice chairman, deputy mayor, assistant city manager,
# Leas-Cathaoirleach or mayor pro tem is not the chairman, mayor, city manager or Cathaoirleach
_DEPUTY = re.compile(r"\b(?:vice|deputy|assistant|leas|pro\s+tem)", re.I)
_BROKEN_POST_HYPHEN = re.compile(r"\b(vice|deputy|co|pro)\s*-\s+(?=[A-Za-z])", re.I)
_DEPUTY_POST = re.compile(r"\b(?:vice|deputy|assistant|leas)[\s-]+[A-Za-z]+(?:\s+(?:Manager|Clerk|Executive|Officer|Director|Leader|Chair\w*))?"
                          r"|\bmayor\s+pro\s+te(?:m|rn|mpore)\b", re.I)
SCATTERED_POST = 0.75


def _in_order(role: list[str], stems: list[str]) -> bool:
    """The post's words stand together and in its order among ``stems`` ("chief executive")."""
    n = len(role)
    return any(all(_same_word(r, t) for r, t in zip(role, stems[i:i + n])) for i in range(len(stems) - n + 1))


# a post that opens a clause (after a bracket, or at the start) and a comma, right before a name ("... (Blackwood)
# Chairman, <Name>")
_LABEL_BEFORE_NAME = re.compile(r"(?:^|[)\]])\s*(?:[A-Z][\w'\u2019-]*\s+){0,3}[A-Z][\w'\u2019-]*,\s*$")
_CAPWORD = r"(?:[A-Z][\w&'\u2019-]*(?:\.[A-Z]\w*)*)"
_INITIALS = r"(?:" + _INITIAL + r"{1,3}(?=[A-Z][a-z]))"
_PROPER = re.compile(
    r"(?:[\"'\u2018\u201c]([A-Z][^\"'\u2019\u201d]{1,60})[\"'\u2019\u201d])"  # quoted
    r"|(" + _INITIALS + r"?" + _CAPWORD + r"(?:(?:\s+(?:of|and|for|the|de|&|upon))*\s+(?:" + _CAPWORD + r"|\d+(?:\.\d+)*(?![\w.]\d)))*)"
)
_PLACE_NOUNS = ("school", "street", "road", "centre", "hall", "house", "academy", "college", "hospital", "park",
                "green", "square", "town", "building", "site", "estate", "library", "station", "court", "lane")


def _award_fit(q: Question, text: str, s: int, e: int) -> float:
    """"which company got the job?": a name the minutes say the work was awarded to, appointed or
    accepted (words in ``data/award_cues.txt``) is the one that got it (1.35), when the question asks that."""
    from paperfinder.datafiles import tab_rules

    rules = tab_rules("award_cues.txt")
    if not any(rx.search(q.text) for (k,), rx in rules if k == "question"):
        return 1.0
    left = text[max(0, s - 40):s]
    right = text[e:e + 140]  # (a bracket may stand between: "Option 1 (starting work in ...) should be recommended")
    if any(rx.search(left) for (k,), rx in rules if k == "answer") or any(rx.search(right) for (k,), rx in rules if k == "after"):
        return 1.35
    return 1.0


AWARDED_OVERLAP = 0.2  # the cost of the question's own words in a name that got the work (0.6 in any other)
# org nouns a council's own name can answer ("which council", "which body")
_PUBLIC_BODY_NOUNS = frozenset("council councils authority authorities body bodies agency agencies school schools trust trusts".split())


_WHERE_FROM = re.compile(r"^\s*where\b.*\bfrom\s*\??\s*$|^\s*where\b.*\bfrom\s+(?:for|to|in|on|at)\b", re.I)
_WHERE_TO = re.compile(r"^\s*where\b.*\b(?:go|goes|went|gone|sent|send|paid|passed|given|donated|moved|transferred)\b", re.I)


# a name in a denied clause ("no consideration had been given to <A>, <B> or <C>") is not what was done
_NEGATION = re.compile(r"\b(?:no|not|never|none|neither|nor|without)\b|n['\u2019]t\b", re.I)
NEGATED_FIT = 0.75


def _negated(text: str, s: int) -> bool:
    """The clause before ``s`` denies what it says."""
    clause = re.split(r"[.;:]\s|\s\|\s|\b(?:but|however|although|whereas|while)\b", text[max(0, s - 120):s])[-1]
    return bool(_NEGATION.search(clause))


def _text_cands(u: Unit, q: Question) -> list[Cand]:
    text = u.text
    if _TIME_ASKED.search(q.text) and not q.sentence:
        # "what time did the meeting close?": a time of day answers, no other words do
        times = [(s, s + len(text[s:e].rstrip(".,;: "))) for s, e in find_times(text)]
        return [Cand(u, s, e, text[s:e], None, key="time:" + re.sub(r"\W", "", text[s:e].lower())) for s, e in times]
    if q.sentence and not u.is_row:
        # "did they ...?", "why ...?": the sentence that says it is the answer
        s = len(text) - len(text.lstrip())
        e = len(text.rstrip())
        return [Cand(u, s, e, text[s:e], None, key="sentence:" + " ".join(text.lower().split()))] if e > s else []
    qset = set(q.stems)
    out: list[Cand] = []
    spans: list[tuple[int, int, bool]] = []
    if u.is_row:
        for s, e in u.cells:
            if e > s:
                spans.append((s, e, False))
    for m in _PROPER.finditer(text):
        if m.group(1):
            spans.append((m.start(1), m.end(1), True))
        elif m.group(2):
            s, e = m.start(2), m.end(2)
            seg = text[s:e].rstrip(".,'\u2019 ")
            e = s + len(seg)
            # cut a sentence-initial determiner-like capital
            first = seg.split()[0] if seg.split() else ""
            if first in ("The", "This", "That", "These", "Those", "A", "An", "In", "On", "At", "For", "Of", "It", "We",
                         "Our", "There", "Since", "As", "By", "From", "To", "With", "Following", "Each", "All", "Both"):
                if len(seg.split()) == 1:
                    continue
                rest = seg.split()[1:]
                if not (first == "The" and len(rest) == 1 and rest[0].lower() not in not_name_words()):
                    s += len(first) + 1  # a named place keeps its article ("The <Name>"); "The Council" does not
                    seg = seg[len(first) + 1:]
            if not seg or re.fullmatch(r"[\d.]+", seg):
                continue
            if " " not in seg and (re.fullmatch(r"[A-Z][a-z]{2,}ed", seg) or re.fullmatch(r"[A-Z]{4,}", seg)) and re.search(
                    r"(?:^|[.:;!?]\s*|\n\s*)$", text[max(0, s - 3):s]):
                continue  # "Noted that ...", "RESOLUTION: ...": the act a minute opens with names nothing
            spans.append((s, s + len(seg), False))
            # "<Lot> and <Firm>": each side of "and" may be the answer alone
            off = s
            for part in re.split(r"(\s+(?:and|&)\s+)", seg):
                if part and not re.fullmatch(r"\s+(?:and|&)\s+", part) and part != seg and part[:1].isupper():
                    spans.append((off, off + len(part), False))
                off += len(part)
    purpose = _purpose_spans(u, q) if PURPOSE_ASKED.search(q.text) else set()
    spans.extend((s, e, False) for s, e in purpose)
    seen = set()
    title_asked = bool(_TITLE_ASKED.search(q.text))
    q_initials = set(_acronym_spans(q.text))
    firm_asked = bool(q.target) and (q.target or "").split()[-1] in ORG_NOUNS and (q.target or "").split()[-1] not in _PUBLIC_BODY_NOUNS
    for s, e, quoted in spans:
        if (s, e) in seen or e <= s:
            continue
        seen.add((s, e))
        seg = text[s:e]
        if re.fullmatch(r"[A-Z]{2,6}", seg) and seg.lower() in q_initials:
            continue  # the initials of a name the question spells out ("TCC" for "Tintern Community Council")
        cstems = [t for t, _a, _b in _tok_stems(seg) if t]
        if not cstems:
            continue
        if firm_asked and (all(w.lower() in not_name_words() for w in re.findall(r"[A-Za-z]+", seg)) or seg.lower() in NUMBER_WORDS):
            continue  # "which company ...": "Parish Council" or "Three" names no company
        tstem = stem((q.target or "").split()[-1]) if q.target and q.target != "where" else None
        overlap = sum(1 for t in cstems if t in qset and t != tstem) / len(cstems)
        if overlap >= 0.99 or all(t in qset for t in cstems):
            continue  # the question's own words (with its class word: "the My Open Library pilot" / "Open Library")
        if len(seg) > 80:
            continue
        c = Cand(u, s, e, seg, None, key="text:" + _norm(seg))
        award = _award_fit(q, text, s, e)
        # a name the minutes say got the work answers whatever words of the question it holds (a roofer's
        # name for the roof repair)
        lap = 1.0 - (AWARDED_OVERLAP if award > 1.0 else 0.6) * overlap
        c.fit *= lap
        if quoted:
            c.fit *= 1.15
        if len(cstems) > 6:
            c.fit *= 0.7
        t = (q.target or "").lower()
        last = (re.findall(r"[a-z]+", q.text.lower()) or [""])[-1]
        if not t and last in ORG_NOUNS and not re.match(r"\s*(?:what|which|who|whom|whose|when|where|why|how)\b", q.text, re.I):
            t = last  # a firm typed as a search, its class word last ("playing field grass contractor")
        low = seg.lower()
        if t == "whose":
            pm = re.match(r"(.+?)['\u2019]s\b", seg)
            if pm and s + pm.end() < e:
                # "<Organisation>'s <programme>": the possessor is the answer
                ps = Cand(u, s, s + len(pm.group(1)), pm.group(1), None, key="text:" + _norm(pm.group(1)))
                ps.fit = c.fit / lap * 1.5 if overlap < 1 else 1.5
                out.append(ps)
        if t == "where":
            # "where did the money go": where it went to is whom it was paid or passed to
            preps = r"at|in|to|into" if _WHERE_TO.search(q.text) else r"at|in"
            if _WHERE_FROM.search(q.text):
                preps = r"from"  # "where is he ordering scalpings from": the supplier the order goes to
            if any(p in low for p in _PLACE_NOUNS) or re.search(r"\b(?:" + preps + r")\s+(?:the\s+)?$", text[max(0, s - 12):s]):
                c.fit *= 1.4
        elif t:
            tst = stem(t.split()[-1])
            if tst in cstems:
                c.fit *= 1.4  # a name ending in the class word the question asks for ("which school" -> "<Name> School")
            else:
                ctx_l = text[max(0, s - 30):s].lower()
                ctx_r = text[e:e + 25].lower()
                head5 = re.escape(t.split()[-1][:5])
                if re.search(head5 + r"\w*(?:\W{0,3}(?:\(|,|:|\s)?|\s+(?:at|called|named|known\s+as)\s+(?:the\s+)?)\s*$", ctx_l) or re.match(
                        r"\W*\(?\s*(?:(?:is|was|are|were)\s+)?(?:(?:an?|the)\s+)?(?:\w+\s+)?" + head5, ctx_r):
                    # the name in apposition to the class word ("the provider, <Firm>", "provider (<Firm>)", "the estate at <Name>")
                    c.fit *= 1.3
            if t in ("council", "authority", "borough") and _find_authorities(seg):
                c.fit *= 1.3
        if (s, e) in purpose:
            c.fit *= PURPOSE_FIT
        # (a list of accounts sets one payment a line: its lines are entries, not headings)
        elif not title_asked and _on_heading_line(u, s, e):
            c.fit *= HEADING_TEXT_FIT
        c.fit *= award
        if _negated(text, s) and not _NEGATION.search(q.text):
            c.fit *= NEGATED_FIT
        # an answer often follows a copula or "by"/"to" after the matched terms
        if re.search(r"\b(?:is|was|are|were|by|to|be)\s+(?:the\s+)?$", text[max(0, s - 12):s]):
            c.fit *= 1.1
        if u.is_row:
            ci = _cell_index(u, s)
            if ci is not None and u.header and len(u.header) == len(u.cells):
                hst = {t2 for t2, _a, _b in _tok_stems(u.header[ci])}
                if hst & qset:
                    c.fit *= 1.4
                elif ci == 0:
                    c.fit *= 0.8
        out.append(c)
    return out


# "What was the <payee> payment for?", "what was the donation to <school> towards?": what a payment or gift
# was for is written after "towards"/"for" or, in a list of accounts, after the dash that follows the payee
# ("Marmax Products – Benches", "Llandogo School – donation towards Nurture Room"); the words just
# before it name the payee or the gift the question names
_PURPOSE_LEAD = re.compile(r"\btowards\s+|\bfor\s+|\s[\u2013\u2014-]\s+")
# the purpose ends at a figure, a clause mark or the next "<Payee> –" of the list
_PURPOSE_END = re.compile(r"\s*(?:[.,;:()\u00a3\u20ac$\d]|\s[\u2013\u2014-]\s|$)|\s+(?=(?:[A-Z][\w&'.]*\s+){1,4}[\u2013\u2014-]\s)")
PURPOSE_FIT = 1.6  # a purpose bound to the payee asked about, against proper names that merely stand near it
_PURPOSE_WORDS = 8


def _purpose_spans(u: Unit, q: Question) -> set[tuple[int, int]]:
    """Spans saying what a payment or gift was for, after a lead whose left words are the question's."""
    text = u.text
    content = {s for s in q.stems if s not in q.cue_stems and s not in STOPWORDS}
    ends = sorted(off for off, _no in u.line_of if off > 0)  # a line break ends a list entry
    out: set[tuple[int, int]] = set()
    for m in _PURPOSE_LEAD.finditer(text):
        left = re.split(r"[.;:()]|\s[\u2013\u2014-]\s", text[max(0, m.start() - 40):m.start()])[-1]
        if not any(_stem_match(c, w) for c in content for w, _a, _b in _tok_stems(left) if w):
            continue
        s = m.end()
        s += len(re.match(r"(?:the|a|an)\s+|", text[s:], re.I).group(0))
        stop = _PURPOSE_END.search(text, s + 1)
        e = stop.start() if stop else len(text)
        e = min([e] + [x for x in ends if s < x < e])
        seg = text[s:e].rstrip()
        if not seg or not seg[:1].isalpha() or len(seg.split()) > _PURPOSE_WORDS:
            continue
        out.add((s, s + len(seg)))
    return out


# a name on a heading line that the unit's body runs on from ("Taking in Charge of Estates – Declaration
# of Roads" above "Circulated, Report of ... the estate at <Name>") is the item's title, not what it says
HEADING_TEXT_FIT = 0.5
_TITLE_ASKED = re.compile(r"\b(?:title|titled|entitled|heading|headed|called|named)\b", re.I)


def _on_heading_line(u: Unit, s: int, e: int) -> bool:
    """Does the span lie on a heading line of ``u`` with a further line of body after it?"""
    starts = [off for off, _no in u.line_of]
    for k, off in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(u.text)
        if off <= s and e <= end:
            return k + 1 < len(starts) and heading_like(u.text[off:end])
    return False


def _clean_num(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v
