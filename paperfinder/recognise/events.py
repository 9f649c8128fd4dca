"""Recognise decisions and commitments in council-paper passages.

A *decision* is something put for decision or decided: a report's recommendation
(status ``recommended``), a minuted resolution (``resolved``; ``noted`` when the
resolution is to note), an agreement of the meeting or a council body (``agreed``),
a delegation of authority (``delegated``) or a cabinet member sign-off (``signed``).

A *commitment* is something the council (or its services, programmes and partners)
says it will do, with the deadline phrase as written (``due``) and, for minutes'
``ACTION:`` lines and "Clerk to ..." items, an ``owner``.

The recogniser is light on purpose: regular expressions over the passage text, with
every pattern held as data in ``data/event_patterns.jsonl`` (loaded once). Layout is
read in three steps:

1. *blocks*: the passage's paragraphs and list items (wrapped lines re-joined, table
   rows kept apart);
2. *context*: a RESOLVED header or section makes each following block a decision, a
   RECOMMENDATIONS section makes each item a proposed decision, a lead-in such as
   "The actions ... are as follows:" makes the list items after it commitments;
3. *sentences*: otherwise each sentence is classified on its own (decision patterns
   first, then commitment triggers), after vetoes for things that only look like
   events ("The Committee is asked to review and comment", "No decisions required",
   questions, conditionals, boilerplate).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from paperfinder.datafiles import data_text
from paperfinder.text.rxscan import DIGIT as _DIGIT
from paperfinder.text.rxscan import LiteralMask, fold
from paperfinder.text.rxscan import prefilter as _prefilter
from paperfinder.text.sentences import boundaries

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "event_patterns.jsonl"

DECISION = "decision"
COMMITMENT = "commitment"

# Precedence when several decision patterns fit one unit (first wins). "recommended"
# is handled separately: it only stands when nothing says the decision was made.
_STATUS_ORDER = ("delegated", "noted", "signed", "resolved", "agreed", "recommended")


@dataclass
class Event:
    """A decision or commitment found in a passage.

    ``start``/``end`` are character offsets in the passage text, and
    ``text == passage[start:end]``.
    """

    kind: str  # "decision" | "commitment"
    text: str
    start: int
    end: int
    status: str | None = None  # decision: recommended|resolved|agreed|noted|delegated|signed
    due: str | None = None  # commitment deadline phrase as written
    owner: str | None = None  # e.g. "Children's Services" from an ACTION line

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rule:
    id: str
    type: str
    regex: re.Pattern[str]
    status: str | None = None
    kind: str | None = None
    kinds: tuple[str, ...] = ()
    when: tuple[tuple[str, str], ...] = ()
    needs_due: str | None = None  # "strong" | "any"
    scope: str = "sentence"
    section: str | None = None
    unless: re.Pattern[str] | None = None
    priority: int = 9
    strong: bool = False
    need: tuple[str, ...] | None = None  # folded literals, one of which every match contains
    digit: bool = False  # every match contains a digit
    bit: int = 0  # this rule's bit in a sentence's candidate mask (see _Rules.cands)

    def may_match(self, fold: str) -> bool:
        """False when the sentence (folded by ``_fold``) cannot match: saves most regex searches."""
        if self.digit and _DIGIT.search(fold) is None:
            return False
        need = self.need
        if need is None:
            return True
        for lit in need:
            if lit in fold:
                return True
        return False

    def match(self, text: str, fold: str | None = None) -> re.Match[str] | None:
        """``regex.match(text)``, not tried when the prefilter rules it out."""
        return self.regex.match(text) if self.may_match(_fold(text) if fold is None else fold) else None

    def search(self, text: str, fold: str | None = None) -> re.Match[str] | None:
        """``regex.search(text)``, not tried when the prefilter rules it out."""
        return self.regex.search(text) if self.may_match(_fold(text) if fold is None else fold) else None


# A sentence's fold, literal mask and verdict are kept for this many sentences: papers repeat
# sentences (a council's standard paragraphs, a report inside its agenda pack) across a run's
# files, not only within one. On the sentences of 17,440 generated passages, 32,768 (against
# 4,096) made 44,888 evaluations instead of 60,756 (44,505 distinct), for about 40 MB more
# of a worker's memory.
_SENTENCES_KEPT = 32768


@lru_cache(maxsize=_SENTENCES_KEPT)
def _fold(text: str) -> str:
    return fold(text)


@dataclass
class _Rules:
    by_type: dict[str, list[_Rule]] = field(default_factory=dict)
    # the prefilter of every rule at once (see cands): made by _index(); bit i is rule.bit 1 << i
    _lits: LiteralMask = field(default_factory=lambda: LiteralMask(()))
    _by_mask: dict[tuple[str, int], tuple[_Rule, ...]] = field(default_factory=dict)
    _type_bits: dict[str, int] = field(default_factory=dict)

    def __call__(self, type_: str) -> list[_Rule]:
        return self.by_type.get(type_, [])

    def first(self, type_: str) -> _Rule:
        return self.by_type[type_][0]

    def _index(self) -> None:
        """Bits and one literal scanner for all rules (after every rule is loaded)."""
        every = sorted((r for rs in self.by_type.values() for r in rs), key=lambda r: r.bit)
        for r in every:
            self._type_bits[r.type] = self._type_bits.get(r.type, 0) | r.bit
        self._lits = LiteralMask(r.regex for r in every)

    def mask(self, fold: str) -> int:
        """Bits of the rules whose ``may_match(fold)`` is True, for every rule at once:
        one scan of the sentence for all literals instead of a check per rule."""
        return _mask_of(fold) if self is _rules() else _scan_mask(self, fold)

    def cands(self, type_: str, fold: str) -> tuple[_Rule, ...]:
        """The rules of ``type_`` that may match the folded sentence, in file order:
        exactly ``[r for r in self(type_) if r.may_match(fold)]``."""
        key = (type_, self.mask(fold) & self._type_bits.get(type_, 0))
        got = self._by_mask.get(key)
        if got is None:
            if len(self._by_mask) >= 65536:  # bounded, whatever the corpus
                self._by_mask.clear()
            got = self._by_mask[key] = tuple(r for r in self(type_) if key[1] & r.bit)
        return got


@lru_cache(maxsize=_SENTENCES_KEPT)
def _mask_of(fold: str) -> int:
    # a sentence is checked against several rule types in a row: scan it once
    return _scan_mask(_rules(), fold)


def _scan_mask(rules: _Rules, fold: str) -> int:
    return rules._lits.mask(fold)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    # Macros may refer to earlier macros; {NAME} only (regex quantifiers like {1,3} are untouched).
    for _ in range(4):
        new = re.sub(r"\{([A-Z]+)\}", lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


def _flags(spec: str | None) -> int:
    spec = "i" if spec is None else spec
    out = 0
    for ch in spec:
        out |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}[ch]
    return out


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Load and compile the pattern file once."""
    macros: dict[str, str] = {}
    rules = _Rules()
    for n, line in enumerate(data_text(DATA_FILE.name).splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        spec = json.loads(line)
        kind = spec["type"]
        if kind == "define":
            macros[spec["name"]] = _expand(spec["pattern"], macros)
            continue
        try:
            regex = re.compile(_expand(spec["pattern"], macros), _flags(spec.get("flags")))
            unless = (
                re.compile(_expand(spec["unless"], macros), _flags(spec.get("flags")))
                if spec.get("unless")
                else None
            )
        except re.error as exc:  # pragma: no cover - data error surfaced with its line
            raise ValueError(f"{DATA_FILE.name}:{n}: bad pattern {spec.get('id')}: {exc}") from exc
        need, digit = _prefilter(regex)
        rule = _Rule(
            id=spec.get("id", f"{kind}-{n}"),
            type=kind,
            regex=regex,
            status=spec.get("status"),
            kind=spec.get("kind"),
            kinds=tuple(spec.get("kinds", ())),
            when=tuple(sorted((spec.get("when") or {}).items())),
            needs_due=spec.get("needs_due"),
            scope=spec.get("scope", "sentence"),
            section=spec.get("section"),
            unless=unless,
            priority=int(spec.get("priority", 9)),
            strong=bool(spec.get("strong", False)),
            need=need,
            digit=digit,
            bit=1 << sum(map(len, rules.by_type.values())),
        )
        rules.by_type.setdefault(kind, []).append(rule)
    rules._index()
    return rules


# --------------------------------------------------------------------------- layout

_MARKER = re.compile(
    r"[ \t]*(?:[-*•●▪◦➤\uf0b7\uf0a7\u2023\u2043]|–(?=\s))\s+"  # bullets (incl. PDF private-use glyphs)
    r"|[ \t]*\(?(?:\d{1,2}(?:\.\d{1,2}){0,3}|[a-z]|[ivx]{1,4})[.)]\s+"  # 1. 2.1 (a) a) iv)
    r"|[ \t]*\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\s+",  # 4.1 (no trailing dot)
    re.IGNORECASE,
)
_HEADING_LINE = re.compile(r"^\s*(?:#{1,6}\s|\*\*[^*]{1,120}\*\*\s*$|<b>[^<]{1,120}</b>\s*$)")
_TERMINAL = re.compile(r"[.!?:;\"”’')]\s*$")
_SENTENCE_END = re.compile(r"(?:[.!?][\"”’')\]*_]*|\))\s*$")
_SEPARATORS = re.compile(r"\t|</?(?:p|li|ul|ol|tr|td|th|div|br)\b[^>]*>", re.IGNORECASE)
# one character per repetition: nested quantifiers here backtracked without end on long blank runs
_LEADING_JUNK = re.compile(r"(?:[\s#>*_•●▪◦➤\uf0b7\uf0a7\u2023\u2043|]|<[^>]+>|[-–—](?=\s))+")
_TRAILING_JUNK = re.compile(r"(?:[\s*_#|]|<[^>]+>)+$")
_JUNK_LAST = frozenset("*_#|>")  # with whitespace (str.isspace, as re's \s), the last character of any match
# a sentence needs two letters or digits: found without listing them all
_TWO_WORD_CHARS = re.compile(r"[A-Za-z0-9][^A-Za-z0-9]*[A-Za-z0-9]")
# compiled once: these run per line or per sentence boundary
_BULLET = re.compile(r"[ \t]*(?:[-*•●▪◦➤\uf0b7\uf0a7\u2023\u2043]|–\s)")
_ACTION_LABEL = re.compile(r"(?i)\baction\s*:")
_LIST_GOES_ON = re.compile(r"(?:[:;,]|\band|\bor)\s*$")
_ITEM_LINE = re.compile(r"\n(?=[ \t]*(?:[-*•●▪◦➤]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\([a-z]\)\s))")
_LINE_AFTER_LABEL = re.compile(r"(?:\*\*|:)[ \t]*\n")
_ITEM_START = re.compile(r"\s*(?:[•●▪◦➤\uf0b7\uf0a7\u2023\u2043]|[-*]\s)")


@dataclass
class _TextBlock:
    start: int
    end: int
    marker: bool = False  # starts with a list marker
    numbered: bool = False  # starts with a number/letter label
    row: bool = False  # a table row (tab separated)
    heading: bool = False


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_JOINER_END = re.compile(r"(?i)\b(?:and|or|the|of|to|a|an|in|for|with|by|on|at|from|as|that|which|be|is|are|was|were)\s*$")


_STANDALONE = re.compile(r"(?i)^\W*(?:actions?\s*(?:by|owner|for)?\s*[:\-–—]|(?:and\s+)?resolved\W*$|(?:proposed|seconded)\s+by\b)")


def _title_like(line: str) -> bool:
    """A short line with no closing punctuation, such as a heading at the top of a passage."""
    line = line.strip().strip("*#_ ")
    return (
        0 < len(line) <= 90
        and len(line.split()) <= 10
        and line[:1].isupper()
        and not _TERMINAL.search(line)
        and not _JOINER_END.search(line)
    )


def _blocks(text: str) -> list[_TextBlock]:
    """Paragraphs and list items, with wrapped lines (even across a blank line) re-joined."""
    blocks: list[_TextBlock] = []
    cur: _TextBlock | None = None
    prev_line = ""
    gap = False
    for ls, le in _line_spans(text):
        line = text[ls:le]
        if not line.strip():
            gap = True
            continue
        marker = bool(_MARKER.match(line))
        numbered = marker and not _BULLET.match(line)
        row = "\t" in line.strip() or line.lstrip().startswith("|")
        heading = bool(_HEADING_LINE.match(line)) and not _ACTION_LABEL.search(line)
        join = False
        if cur is not None and not (marker or row or heading or cur.row or cur.heading):
            prev = prev_line.rstrip()
            if gap:
                # page break or hard-wrapped paragraph: continue the sentence
                join = not _TERMINAL.search(prev) and (line.lstrip()[:1].islower() or len(prev) >= 60) \
                    and not _rules().first("section_end").regex.match(line)  # "The Reasons are:" opens its own part
            elif cur.start == ls - len(prev_line) - 1 and _title_like(prev) and not line.lstrip()[:1].islower():
                # "FINANCIAL IMPACT\nPlacements Team\nThe recommendation ..." : headings, not a sentence
                cur.heading = True
                join = False
            elif _SENTENCE_END.search(prev) and not line.lstrip()[:1].islower():
                # one paragraph per line: a line that ends a sentence ends the paragraph
                join = False
            else:
                join = not prev.endswith(":")
            if join and _STANDALONE.match(line):
                join = False  # ACTION:, RESOLVED, "Proposed by ..." lines stand alone
        elif cur is not None and marker and not numbered and not gap and cur.numbered:
            # sub-bullets of a numbered item ("1. To vary ... delivery of:\n - the ...; and")
            join = bool(_LIST_GOES_ON.search(prev_line.rstrip()))
        if join and cur is not None:
            cur.end = le
        else:
            cur = _TextBlock(ls, le, marker=marker, numbered=numbered, row=row, heading=heading)
            blocks.append(cur)
        prev_line = line
        gap = False
    return blocks


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    m = _LEADING_JUNK.match(text, s, e)
    if m:
        s = m.end()
    # any trailing junk ends with a junk character or a tag's ">": most units end in
    # a letter or a full stop, and need no search of the whole unit
    if e > s and (text[e - 1].isspace() or text[e - 1] in _JUNK_LAST):
        m = _TRAILING_JUNK.search(text[s:e])
        if m:
            e = s + m.start()
    return s, e


def _sentences(text: str, bs: int, be: int, marker: bool = False) -> list[tuple[int, int, bool]]:
    """Sentence spans inside a block, robust to 4.1, £0.578m, e.g., Cllr.

    The flag is True for the first sentence of a list item (a bullet, a numbered
    line or an html <li>).
    """
    # hard separators first: tabs, html block tags, a new list item, a markdown line break
    pieces: list[tuple[int, int]] = []
    cuts = [bs]
    item_starts = {bs} if marker else set()
    for m in _SEPARATORS.finditer(text, bs, be):
        cuts += [m.start(), m.end()]
        if m.group(0).lower().startswith("<li"):
            item_starts.add(m.end())
    for m in _ITEM_LINE.finditer(text[bs:be]):
        cuts += [bs + m.start(), bs + m.start() + 1]
        item_starts.add(bs + m.start() + 1)
    for m in _LINE_AFTER_LABEL.finditer(text[bs:be]):
        cuts += [bs + m.end() - 1, bs + m.end()]
    cuts.append(be)
    cuts = sorted(set(cuts))
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            pieces.append((a, b))
    out: list[tuple[int, int, bool]] = []
    for ps, pe in pieces:
        first = ps in item_starts or bool(_ITEM_START.match(text[ps:pe]))
        last = ps
        for e, nxt in boundaries(text, ps, pe):
            out.append((last, e, first))
            first = False
            last = nxt
        out.append((last, pe, first))
    spans = []
    for s, e, item in out:
        s, e = _trim(text, s, e)
        if e > s and _TWO_WORD_CHARS.search(text, s, e):
            spans.append((s, e, item))
    return spans


# --------------------------------------------------------------------------- context


@dataclass
class _Ctx:
    minutes: bool
    section: str | None  # "resolved" | "recommendations" | "plan" | None
    section_status: str | None
    item_start: bool = False
    agenda: bool = False  # an agenda's passage: its items say what a meeting will take


def _clean_heading(part: str) -> str:
    part = re.sub(r"<[^>]+>|[*_#]", " ", part)
    part = re.sub(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z][.)]|\([a-z]\))\s+", "", part, flags=re.I)
    return re.sub(r"\s+", " ", part).strip(" .:-–")


@lru_cache(maxsize=1024)  # the passages of a section share its heading
def _section(section_type: str, heading: str) -> tuple[str | None, str | None]:
    rules = _rules()
    parts = [p for p in (_clean_heading(x) for x in re.split(r"\s+>\s+", heading or "")) if p]
    last = parts[-1] if parts else ""
    for r in rules("section"):
        if r.scope != "path" and last and r.regex.search(last):
            return r.section, r.status
    st = (section_type or "other").lower()
    if st == "resolved":
        return "resolved", "resolved"
    if st == "recommendations":
        return "recommendations", None
    if st == "actions":
        return "plan", None
    for r in rules("section"):
        if r.scope == "path" and any(r.regex.search(p) for p in parts):
            return r.section, r.status
    return None, None


def _is_minutes(doc_type: str, text: str) -> bool:
    if "minute" in (doc_type or "").lower():
        return True
    fold = _fold(text)
    # one rule on a whole passage: its own prefilter is cheaper than scanning for every rule's literals
    return any(r.search(text, fold) for r in _rules()("minutes_marker"))


def _applies(rule: _Rule, ctx: _Ctx) -> bool:
    for key, val in rule.when:
        if key == "doc" and (val == "minutes") != ctx.minutes:
            return False
        if key == "section" and ctx.section != val:
            return False
        if key == "item" and not ctx.item_start:
            return False
    return True


# --------------------------------------------------------------------------- classification


def _vetoed(sent: str) -> set[str]:
    out: set[str] = set()
    for r in _rules().cands("veto", _fold(sent)):
        if r.regex.search(sent) and not (r.unless and r.unless.search(sent)):
            out.update(r.kinds)
    return out


def _decision_statuses(sent: str, ctx: _Ctx, scope: str = "sentence") -> list[str]:
    rules, fold = _rules(), _fold(sent)
    if scope == "sentence":
        cands = rules.cands("decision", fold)
    else:
        # a rule or two read whole blocks: their own prefilters cost less than a scan
        # of the block for every rule's literals
        cands = tuple(r for r in rules("decision") if r.scope == scope and r.may_match(fold))
    return [r.status for r in cands if r.scope == scope and r.status and _applies(r, ctx) and r.regex.search(sent)]


def _pick_status(statuses: list[str], default: str | None = None, recommending: bool = False) -> str:
    found = set(statuses)
    if "delegated" in found:
        return "delegated"
    if recommending:
        return "recommended"
    if default in ("resolved", "agreed"):
        # under a RESOLVED heading the heading decides, unless the text is more specific
        for st in ("noted", "signed"):
            if st in found:
                return st
        return default
    for st in _STATUS_ORDER:
        if st in found and st != "recommended":
            return st
    if default:
        return default
    return "recommended" if "recommended" in found else "agreed"


def _due_matches(sent: str) -> list[tuple[int, int, re.Match[str]]]:
    """(priority, strong, match) for each due-phrase match in the sentence."""
    out = []
    for r in _rules().cands("due", _fold(sent)):
        for m in r.regex.finditer(sent):
            if m.group("due") and m.group("due").strip():
                out.append((r.priority, int(r.strong), m))
    return out


def _pick_due(dues: list[tuple[int, int, re.Match[str]]], trigger: int) -> str | None:
    if not dues:
        return None
    after = [d for d in dues if d[2].start("due") >= trigger]
    pool = after or dues
    best = min(pool, key=lambda d: (d[0], abs(d[2].start("due") - trigger)))
    return re.sub(r"\s+", " ", best[2].group("due")).strip()


def _commit_trigger(sent: str, ctx: _Ctx) -> tuple[int | None, list | None]:
    """Position of the first commitment trigger that survives the masks, else None.

    Also the sentence's due matches when they were needed (None otherwise), so the
    caller does not search for them again.
    """
    rules = _rules()
    fold = _fold(sent)
    masks: list[tuple[int, int]] | None = None  # only wanted once some trigger matches
    dues = None
    best: int | None = None
    for r in rules.cands("commitment", fold):
        if not _applies(r, ctx):
            continue
        if r.needs_due:
            if dues is None:
                dues = _due_matches(sent)
            if not any(strong or r.needs_due == "any" for _, strong, _m in dues):
                continue
        if r.unless and r.unless.search(sent):
            continue
        for m in r.regex.finditer(sent):
            if masks is None:
                masks = [
                    mm.span()
                    for mr in rules.cands("mask", fold)
                    if _applies(mr, ctx)
                    for mm in mr.regex.finditer(sent)
                ]
            if any(a <= m.start() < b or a < m.end() <= b for a, b in masks):
                continue
            if best is None or m.start() < best:
                best = m.start()
            break
    return best, dues


def _owner(sent: str, trigger: int) -> str | None:
    best = None
    for r in _rules().cands("owner", _fold(sent)):
        for m in r.regex.finditer(sent):
            if m.start("owner") <= trigger + 2 and (best is None or m.start("owner") > best[0]):
                best = (m.start("owner"), m.group("owner"))
    if best is None:
        return None
    owner = re.sub(r"\s+", " ", best[1]).strip()
    return owner or None


def _commitment(
    text: str, s: int, e: int, ctx: _Ctx, force: bool = False, vetoed: set[str] | None = None
) -> Event | None:
    sent = text[s:e]
    if COMMITMENT in (_vetoed(sent) if vetoed is None else vetoed):
        return None
    trig, dues = _commit_trigger(sent, ctx)
    if trig is None and not force:
        return None
    trig = trig or 0
    if dues is None:
        dues = _due_matches(sent)
    return Event(COMMITMENT, sent, s, e, due=_pick_due(dues, trig), owner=_owner(sent, trig))


def _sentence_event(text: str, s: int, e: int, ctx: _Ctx) -> Event | None:
    found = _sentence_verdict(text[s:e], ctx.minutes, ctx.section, ctx.section_status, ctx.item_start)
    if found is None:
        return None
    kind, status, due, owner = found
    return Event(kind, text[s:e], s, e, status=status, due=due, owner=owner)


@lru_cache(maxsize=_SENTENCES_KEPT)
def _sentence_verdict(
    sent: str, minutes: bool, section: str | None, section_status: str | None, item_start: bool
) -> tuple[str, str | None, str | None, str | None] | None:
    """(kind, status, due, owner) of the event one sentence states, if any. It depends
    on the sentence and its context only, and papers repeat sentences (standard
    paragraphs, a report inside its agenda pack), so answers are kept."""
    ctx = _Ctx(minutes=minutes, section=section, section_status=section_status, item_start=item_start)
    vetoed = _vetoed(sent)
    if DECISION not in vetoed:
        statuses = _decision_statuses(sent, ctx)
        if statuses:
            return DECISION, _pick_status(statuses), None, None
    if COMMITMENT not in vetoed:
        ev = _commitment(sent, 0, len(sent), ctx, vetoed=vetoed)
        if ev is not None:
            return ev.kind, ev.status, ev.due, ev.owner
    return None


def _action_line(text: str, b: _TextBlock) -> Event | None:
    s, e = _trim(text, b.start, b.end)
    if "\n" in text[s:e]:
        return None
    m = _rules().first("action_line").match(text[s:e])
    if not m:
        return None
    rest = m.group("owner").strip()
    owner = rest
    for r in _rules()("owner"):
        om = r.regex.match(rest)
        if om and r.id == "o-to":
            owner = om.group("owner")
            break
    else:
        if len(rest.split()) > 8:
            owner = None
    return Event(COMMITMENT, text[s:e], s, e, owner=owner)


def _under_movers(unit: str, carried: int | None, rules: _Rules) -> tuple[int | None, int | None]:
    """A motion under the lines naming its mover and seconder ("MovedDirector Massier / SecondedDirector LeBourdais /
    That the agenda be adopted as presented.", "Whalley/Cornfield: SRD 678/18 / THAT the presentation be received."):
    (where the mover lines before a "That ..." line start, or None; where the mover lines ending the block start, or
    None). ``carried``: where such lines ending the block before start (negative: before this block)."""
    mover, after = rules.first("mover_line").regex, rules.first("after_mover").regex
    run = carried
    for m in re.finditer(r"(?m)^.*$", unit):
        line = m.group()
        if not line.strip():
            continue
        if mover.search(line):
            run = m.start() if run is None else run
        elif run is not None and after.match(line):
            return run, None
        else:
            run = None
    return None, run


def _block_decision(text: str, s: int, e: int, ctx: _Ctx, default: str, recommending: bool = False) -> Event:
    unit = text[s:e]
    statuses = _decision_statuses(unit, ctx)
    return Event(DECISION, unit, s, e, status=_pick_status(statuses, default, recommending))


def _proposition(unit: str) -> bool:
    return any(r.regex.search(unit) for r in _rules().cands("proposition", _fold(unit)))


_MARKUP = re.compile(r"<[^>]+>|[*_]")


def _timescale_rows(text: str, blocks: list[_TextBlock]) -> tuple[int | None, int | None]:
    """Index of a timescale header row and its timescale column, if the passage has one."""
    hdr = _rules()("timescale_header")
    for i, b in enumerate(blocks):
        if not b.row:
            continue
        cells = _SEPARATORS.split(text[b.start : b.end])
        cells = [c for c in (_MARKUP.sub("", c).strip() for c in cells) if c]
        for j, cell in enumerate(cells):
            if len(cell.split()) <= 3 and any(r.regex.search(cell) for r in hdr):
                return i, j
    return None, None


# --------------------------------------------------------------------------- API


def find_events(
    text: str, heading: str = "", section_type: str = "other", doc_type: str = "report"
) -> list[Event]:
    """Decisions and commitments stated in a passage, in text order."""
    if not text or not text.strip():
        return []
    rules = _rules()
    section, section_status = _section(section_type, heading)
    minutes = _is_minutes(doc_type, text)
    ctx = _Ctx(minutes=minutes, section=section, section_status=section_status,
               agenda=not minutes and (doc_type or "").lower() == "agenda")
    blocks = _blocks(text)
    events: list[Event] = []
    header: tuple[int | None, int, int] | None = None  # pending RESOLVED header: (motion start, start, end)
    header_items = False
    motion_start: int | None = None
    leadin: tuple[str, str | None] | None = None  # (kind, status) for list items after a lead-in
    ts_row, ts_col = _timescale_rows(text, blocks)
    # the block before this one (start, end, a heading?, events before it), and the end of a decision read
    # from the mover/seconder labels under it, which a further label line extends
    last_block: tuple[int, int, bool, int] | None = None
    labelled_end = -1
    # where the blocks naming a motion's mover and seconder start, when the block before this one names them
    mover_at: int | None = None
    i = 0
    while i < len(blocks):
        b = blocks[i]
        s, e = _trim(text, b.start, b.end)
        unit = text[s:e]
        i += 1
        if e <= s or rules.first("furniture").regex.match(unit):
            continue
        quiet = last_block is not None and not last_block[2] and len(events) == last_block[3]
        prev, last_block = last_block, (s, e, b.heading, len(events))
        after_mover, mover_at = mover_at, None
        if minutes:
            motion_at, mover_at = _under_movers(unit, after_mover - s if after_mover is not None else None, rules)
            mover_at = s + mover_at if mover_at is not None else None
            if motion_at is not None and DECISION not in _vetoed(unit):
                # "MovedDirector Massier / SecondedDirector LeBourdais / That the agenda be adopted as presented.": the
                # motion, with its mover and seconder (joined to the decision read from their label lines, if any)
                start = s + motion_at
                if events and events[-1].kind == DECISION and events[-1].end >= start and not text[events[-1].end : s].strip():
                    events[-1].end, events[-1].text = e, text[events[-1].start : e]
                else:
                    events.append(_block_decision(text, start, e, ctx, "resolved"))
                continue
        if minutes and rules.first("motion_label").regex.match(unit) and not b.marker:
            # "Adoption of the Financial Statement:" / "Proposed: Ian Hunt" / "Seconded: Isobel McQueer"
            if events and events[-1].end == labelled_end and not text[labelled_end:s].strip():
                events[-1].end, events[-1].text = e, text[events[-1].start : e]
                labelled_end = e
                continue
            if quiet and prev is not None and not text[prev[1] : s].strip(" \t\n"):
                events.append(Event(DECISION, text[prev[0] : e], prev[0], e, status="agreed"))
                labelled_end = e
                continue
        if ctx.agenda and any(r.regex.search(unit) for r in rules("agenda_item")):
            # "To consider approving the Assessment Panel ...": the business the meeting will
            # take, whatever heading it sits under; the minutes record what it decided
            leadin = None
            continue
        act = _action_line(text, b)
        if act:
            events.append(act)
            leadin = None
            continue
        fold = _fold(unit)
        if rules.first("resolved_header").match(unit, fold) and len(unit) < 400:
            if header is not None and not header_items:
                events.append(_header_event(text, header))
            # the event starts at the mover/seconder lines when present, else at the resolution
            if motion_start is None and re.search(r"(?i)\b(?:proposed|seconded|moved)\b", unit):
                motion_start = s
            header = (motion_start, s, e)
            header_items = False
            motion_start = None
            continue
        if rules.first("motion_line").match(unit, fold) and "\n" not in unit:
            motion_start = s if motion_start is None else motion_start
            continue
        motion_start = None
        if b.heading:
            if header is not None and not header_items:
                events.append(_header_event(text, header))
            header, leadin = None, None
            continue
        if header is not None:
            if b.marker:
                # "RESOLVED:" followed by numbered items: one decision per item
                events.append(_block_decision(text, s, e, ctx, "resolved"))
                header_items = True
                continue
            if header_items:
                header = None
            else:
                # the resolution text itself, joined to its header (and mover/seconder lines)
                end = e
                while (unit.rstrip().endswith(":") or re.search(r"(?i)\bthe\s+following\b", unit)) and i < len(blocks) and blocks[i].marker:
                    end = _trim(text, blocks[i].start, blocks[i].end)[1]
                    i += 1
                start = header[0] if header[0] is not None else s
                header = None
                events.append(_block_decision(text, start, end, ctx, "resolved"))
                continue
        if ctx.section == "resolved" and rules.first("section_end").regex.match(unit):
            ctx.section = None  # a decision record's reasons follow its decision
            continue
        if ctx.section == "resolved":
            if not _vetoed(unit) & {DECISION}:
                events.append(_block_decision(text, s, e, ctx, ctx.section_status or "resolved"))
            continue
        if (ctx.section == "recommendations" or (leadin and leadin[0] == DECISION and b.marker)) and not b.row:
            if DECISION not in _vetoed(unit) and _proposition(unit):
                # a list after "the Mayor agreed that:" holds decisions made, not proposed
                made = leadin[1] if ctx.section != "recommendations" and leadin and leadin[1] != "recommended" else None
                events.append(_block_decision(text, s, e, ctx, made or "recommended", recommending=made is None))
                continue
            # not a proposition ("The Committee is asked to review and comment"): read its sentences
        # sentence by sentence
        block_statuses = _decision_statuses(unit, ctx, scope="block")
        if block_statuses and DECISION not in _vetoed(unit):
            events.append(Event(DECISION, unit, s, e, status=_pick_status(block_statuses)))
            continue
        sents = _sentences(text, b.start, b.end, b.marker)
        plan_list = ctx.section == "plan" or (leadin is not None and leadin[0] == COMMITMENT)
        n_before = len(events)
        for ss, se, item in sents:
            ctx.item_start = item
            ev = _sentence_event(text, ss, se, ctx)
            if ev is None and plan_list and item and any(r.regex.match(text[ss:se]) for r in rules.cands("item_verb", _fold(text[ss:se]))):
                ev = _commitment(text, ss, se, ctx, force=True)
            if ev:
                events.append(ev)
        ctx.item_start = False
        if len(events) == n_before and ts_row is not None and b.row and i - 1 != ts_row:
            # a row of an action-plan table with a timescale column
            ev = _timescale_event(text, b, ts_col)
            if ev:
                events.append(ev)
        # a lead-in colon opens a list context; any other paragraph closes it
        if unit.rstrip().endswith(":") and not b.marker:
            last = text[sents[-1][0] : sents[-1][1]] if sents else unit
            leadin = next(((r.kind or COMMITMENT, r.status) for r in rules.cands("leadin", _fold(last)) if r.regex.search(last)), None)
        elif not b.marker:
            leadin = None
    if header is not None and not header_items:
        events.append(_header_event(text, header))
    return events


def _header_event(text: str, header: tuple[int | None, int, int]) -> Event:
    """A RESOLVED header with no resolution text after it in the passage."""
    start = header[0] if header[0] is not None else header[1]
    return Event(DECISION, text[start : header[2]], start, header[2], status="resolved")


def _timescale_event(text: str, b: _TextBlock, col: int | None) -> Event | None:
    """A row of an action-plan table with a timescale column is a dated commitment."""
    s, e = _trim(text, b.start, b.end)
    row = text[s:e]
    cells = [c.strip() for c in _SEPARATORS.split(row)]
    cells = [re.sub(r"<[^>]+>|[*_]", "", c).strip() for c in cells if re.sub(r"<[^>]+>", "", c).strip()]
    if len(cells) < 2 or COMMITMENT in _vetoed(row):
        return None
    due = cells[col] if col is not None and col < len(cells) else None
    return Event(COMMITMENT, row, s, e, due=due or None)


def passage_kinds(
    text: str, heading: str = "", section_type: str = "other", doc_type: str = "report"
) -> list[str]:
    """Sorted unique event kinds in a passage (for ``Passage.kinds``)."""
    return sorted({ev.kind for ev in find_events(text, heading, section_type, doc_type)})


__all__ = ["Event", "find_events", "passage_kinds", "DECISION", "COMMITMENT"]
