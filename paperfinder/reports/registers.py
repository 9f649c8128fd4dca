"""Decisions, commitments and timelines: what was decided and promised, and when.

Passages are marked ``decision``/``commitment`` at index time (``events``);
here the matching passages are fetched with the usual query and filters, the
events inside them are read out again (a regex pass over a few passages) and
listed with their date, body, amount and citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from paperfinder.model import Hit
from paperfinder.recognise.events import find_events
from paperfinder.recognise.names import person_like
from paperfinder.search.backend import SearchBackend, backend_for
from paperfinder.search.service import Filters, search
from paperfinder.text.layout import ROLL_ABSTAIN, ROLL_AGAINST, ROLL_FOR
from paperfinder.text.numbers import NUMBER_WORDS, number_value
from paperfinder.text.person_titles import title_pattern
from paperfinder.text.sentences import sentences

# the words of a council's own kind: a committee named by these alone is the council itself
_KIND_WORDS = frozenset("full parish town community city county district borough council meeting ordinary annual".split())


@dataclass
class TrackedEvent:
    """One decision, commitment or amount, cited."""

    kind: str  # decision | commitment | amount
    date: str | None
    title: str
    body: str | None  # committee or decision maker, when known
    authority: str | None
    text: str  # the sentence as written
    status: str | None = None
    due: str | None = None
    owner: str | None = None
    amounts: list[float] = field(default_factory=list)
    currencies: list[str] = field(default_factory=list)  # the currency of each amount, as written
    outcome: str | None = None  # carried, agreed, defeated, deferred, withdrawn, noted
    proposer: str | None = None
    seconder: str | None = None
    votes: dict[str, int] | None = None  # for, against, abstaining, where the minutes count them
    procedural: bool = False  # adjournments, apologies, the agenda, the last minutes
    source: str = ""
    line: int = 0
    doc_id: str = ""
    section: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["money"] = [{"value": v, "currency": c} for v, c in zip(self.amounts, self.currencies)]
        return out

    def who(self) -> str:
        """Whose decision, as a register line shows it: the council, with its committee when
        that says more ("Limerick · Full Council", "Metropolitan District of Limerick"); a
        committee that is only the council's own kind ("Parish Council") is the council
        ("Stoke Ferry Parish Council"), which a register over many councils has to name."""
        body, authority = (self.body or "").strip(), (self.authority or "").strip()
        if not body or not authority:
            return body or authority
        if body.lower() in authority.lower() or authority.lower() in body.lower():
            return body if len(body) > len(authority) else authority
        if all(w.lower() in _KIND_WORDS for w in body.split()):
            return f"{authority} · {body}"
        return body

    def money_text(self) -> str:
        """The amounts in their own currencies: "€30,000, €1.2m" as "€30,000, €1,200,000"."""
        from paperfinder.recognise.money import format_amount

        return ", ".join(format_amount(v, c) for v, c in zip(self.amounts, self.currencies))


def _line_of(h: Hit, offset: int) -> int:
    """Source line of a character offset in a hit's text."""
    idx = h.text.count("\n", 0, offset)
    return h.line_nos[idx] if idx < len(h.line_nos) else h.line_start


def _money_in(h: Hit, start: int, end: int) -> tuple[list[float], list[str]]:
    text = h.text[start:end]
    found = [e for e in h.entities if e.label == "MONEY" and isinstance(e.value, (int, float)) and e.text in text]
    return [float(e.value) for e in found], [e.currency or "GBP" for e in found]


# a name's words open with a capital, accented too ("Cmhlr. Ó Ceallaigh", "Cllr Élise Durand")
_CAP = "[A-ZÀ-ÖØ-Þ]"


class _MotionActs(NamedTuple):
    proposed: re.Pattern
    proposed_after: re.Pattern
    seconded: re.Pattern
    seconded_after: re.Pattern
    motion_of_two: re.Pattern
    proposed_untitled: re.Pattern


@lru_cache(maxsize=1)
def _motion_acts() -> _MotionActs:
    """Who moved and who seconded, read around a motion; any title of ``data/person_titles.txt``, in any case."""
    title = f"(?i:{title_pattern()})"
    # (a full stop ends a name unless it marks an initial: "seconded by Cllr Parkinson. To be confirmed"; so does
    # the line's end: "seconded IJ" / "Secretary: LG proposed ...")
    not_a_name = r"(?!(?i:and|seconded|sec|moved|proposed|prop)\b)"
    titled_name = (rf"(?:{title}\.?\s+)?"
                   rf"(?P<name>(?!{title}\b)(?:(?:{_CAP}\.)+|{_CAP}[\w'’-]*)(?:[ \t]+(?:\([A-Z]\)|{not_a_name}{_CAP}[\w'’-]*)){{0,3}})")
    # the act written as a label before a titled name, with no "by" or colon ("(Proposed Cllr J Trafford Seconded Cllr A Boyles)")
    then_titled = rf"(?=\s+{title}\.?\s)"
    # (a capitalised act mid-line labels what follows: "Cllr J Trafford Seconded Cllr A Boyles")
    not_a_label = r"(?!\s*(?:by\b|[:\-–]))"
    # "proposed by <A>", "on the proposal of <A>", "Proposed: Cllr <A>"; and a titled name before the act ("Commissioner
    # Tate moved to approve ...", "Cllr Dunne proposed"); "on the motion of Crs <A> and <B>": the first moved, the second seconded
    return _MotionActs(
        re.compile(r"\b(?:(?i:(?:proposed|moved|motion\s+(?:made\s+)?)\s*by)|(?i:proposed|moved)\s+(?:[a-z]+\s+){1,4}?by" + then_titled
                   # "A motion to approve the brine agreement was made by R Scheurer", "Motion to pay bills made by Coulter"
                   + r"|(?i:motion\b[^.]{0,200}?\bmade\s+by)"
                   # "A motion was made to take CL's bid of $36,600 to do the work by R Scheurer"
                   + r"|(?i:motion\s+was\s+made\s+to\b[^.]{0,200}?\bby)"
                   + r"|(?i:on\s+the\s+(?:proposal|motion)\s+of)"
                   r"|(?i:proposed|moved|proposer)\s*[:\-–]|(?i:proposed|moved|proposer)" + then_titled + r"|\(?(?i:prop)\.?(?=\s+[A-Z]))\s+" + titled_name),
        re.compile(rf"\b{title}\.?\s*(?P<name>{_CAP}[\w'’-]*(?:\s+{_CAP}[\w'’-]*)?)(?:,\s*(?i:seconded)\s+by\s+[^,.;]{{1,40}},)?"
                   rf"\s+(?:proposed|moved|motioned|nominated|made\s+(?:a|the)\s+motion|PROPOSED|MOVED|MOTIONED|NOMINATED)\b{not_a_label}"
                   # "Rajewski moved and Christiansen supported a motion": the first moved, untitled; a member by
                   # initials at a clause's start ("Chair: LG proposed AMC, seconded IJ")
                   rf"|\b(?P<mover>{_CAP}[\w'’-]+)\s+moved\s+and\s+{_CAP}[\w'’-]+\s+(?:seconded|supported)\s+(?:a|the)\s+motion\b"
                   r"|(?:^|(?<=[:;,]\s))(?P<initials>[A-Z]{2,4})\s+proposed\s+(?:[A-Z]{2,4}\b|that\b)"),
        re.compile(r"\b(?:(?i:seconded\s+by)|(?i:motion\b[^.]{0,260}?\band\s+supported\s+by)"
                   + r"|(?i:seconded|seconder)\s*[:\-–]|(?i:seconded|seconder)" + then_titled
                   + r"|(?i:sec)\.?(?=\s+[A-Z])|seconded(?=\s+[A-Z]{2,4}\b))\s+" + titled_name),
        re.compile(rf"\b{title}\.?\s+(?P<name>{_CAP}[\w'’-]*(?:\s+{_CAP}[\w'’-]*)?)\s+(?:seconded|SECONDED)\b{not_a_label}"
                   rf"|\b{_CAP}[\w'’-]+\s+moved\s+and\s+(?P<seconder>{_CAP}[\w'’-]+)\s+(?:seconded|supported)\s+(?:a|the)\s+motion\b"),
        re.compile(rf"\b(?i:on\s+the\s+motion\s+of|proposed\s+by)\s+{title}?\.?\s*{_CAP}[\w'’-]*\s+(?:and|&)\s+"
                   rf"(?:{title}\.?\s+)?(?P<name>{_CAP}[\w'’-]*)"),
        # a member named without a title at a sentence's start ("Brian Ambrose proposed that ...", "Sharyn Robinson
        # nominated Lynn Reed ..."): taken only when the words read as a person's name
        re.compile(rf"(?:^|(?<=[.;:!]\s)|(?<=\n))(?P<name>{_CAP}[a-z'’-]+\s+{_CAP}[a-z'’-]+)\s+(?:proposed|nominated|moved)\s+(?:that\b|{_CAP})"),
    )


# a vote's roll: the members for and against by name ("Aye: Barnes, Oldham, Tate" / "Nay: Hartley", "Against: Nil")
# (on a line of its own, or run on after "Roll call:" or a sentence: "Roll call: Ayes - Moss, Reyes. Nays - Ode.")
_ROLL_START = r"(?im)(?:^|(?<=[:.])[ \t]+)\W*"
# (the roll's labels are text/layout.py's; a register also reads a bare "For: ..." and "Abstaining: ...")
_ROLL_FOR = re.compile(_ROLL_START + rf"(?:{ROLL_FOR}|for)\s*[:\-–]\s*(?P<names>[^\n.]*)")
_ROLL_AGAINST = re.compile(_ROLL_START + rf"(?:{ROLL_AGAINST})\s*[:\-–]\s*(?P<names>[^\n.]*)")
_ROLL_ABSTAIN = re.compile(_ROLL_START + rf"(?:{ROLL_ABSTAIN}|abstaining)\s*[:\-–]\s*(?P<names>[^\n.]*)")
_NO_ONE = re.compile(r"^\W*(?:none|nil|nobody|no\s+one|n/a|0)\W*$", re.I)
# a count in figures or one word ("22 votes to one, with two abstentions")
_COUNT = r"(?:\d+|nil|none|" + "|".join(NUMBER_WORDS) + r")"
_VOTES = re.compile(
    r"(?P<for>\d+)\s+votes?\s+(?:for|in\s+favour)?\s*(?:to|,|and)\s*(?P<against>" + _COUNT + r")\b(?:\s+votes?)?(?:\s+against)?"
    r"(?:[^.]{0,40}?\b(?P<abstain>" + _COUNT + r")\s+abstention|[^.]{0,40}?\b(?P<abstain2>" + _COUNT + r")\s+abstain)?|"
    r"for\s*[:-]?\s*(?P<for2>\d+)[^.]{0,30}?against\s*[:-]?\s*(?P<against2>\d+)(?:[^.]{0,30}?abstain\w*\s*[:-]?\s*(?P<abstain3>\d+))?|"
    # "Motion carried 4-1", "carried 5–0": the winning side first
    r"\b(?:carried|passed|adopted|approved)\s+(?P<for3>\d{1,3})\s*[-–]\s*(?P<against3>\d{1,3})\b|"
    # "The motion carried (5-0)", "adopted by a vote of (4-0)", "voting in favor of the motion (5-0)"
    r"\b(?:carried|passed|adopted|approved|vote\s+of|motion)\s+\((?P<for5>\d{1,3})\s*[-–]\s*(?P<against5>\d{1,3})\b|"
    # "11 Councillors in favour, 1 against", "6 in favor (Aukerman, Dye, ...) and 1 opposing (White)"
    r"\b(?P<for4>\d{1,3})\s+(?:(?:councillors|members|trustees|commissioners|supervisors)\s+)?in\s+favou?r\b(?:\s*\([^)]{0,160}\))?"
    r"\s*(?:,|and|to|with)?\s*(?P<against4>" + _COUNT + r")\s+(?:against|opposed|opposing)\b",
    re.I,
)
# a roll called member by member, each answering ("Roll call voting: Mrs. Shafer YES, Mr. Gress YES, Mr. Lynch - YES",
# "A roll call vote was taken, R Scheurer yes, A Hengesbach yes, ... and J Heckman yes")
_ROLL_CALL = re.compile(r"(?i)\broll[\s-]*call(?:\s+vot(?:e|ing))?(?:\s+was\s+taken)?\s*[:,]\s*"
                        r"(?P<roll>(?:(?:and\s+)?(?:[^:;\n]|\n(?!\s*\n)){1,40}?[\s,–-]+(?:yes|aye|no|nay)\b[ \t,.;]*\n?){2,})")
_ROLL_ANSWER = re.compile(r"(?i)\b(yes|aye|no|nay)\b")


@lru_cache(maxsize=1)
def _outcome_rules() -> list[tuple[str, re.Pattern]]:
    from paperfinder.datafiles import tab_rules

    return [(key[0], rx) for key, rx in tab_rules("outcome_patterns.txt")]


def _procedural(text: str) -> bool:
    """Is this the business of the meeting itself (apologies, the last minutes, an adjournment)?"""
    return any(rx.search(text) for kind, rx in _outcome_rules() if kind == "procedural")


def describe_motion(ev: TrackedEvent, context: str, after: str | None = None, before: str | None = None) -> None:
    """Outcome, proposer, seconder and votes of a decision, read in its sentence and
    the words around it in the minutes (``context``; votes only in ``after``, the decision and
    the words after it up to the next decision, then ``before`` it, when given); procedural business marked."""
    rules = _outcome_rules()
    ev.procedural = _procedural(ev.text)
    # what the decision's own sentence says became of it; else the first result said after it in its item, else
    # the last before it (a neighbouring sentence's "noted" or "deferred" is not this one's outcome)
    # ("be approved" in a recommendation says what is proposed, not what became of it)
    made = "agreed" if ev.status != "recommended" else None
    outcomes = [(made if kind == "made" else kind, rx) for kind, rx in rules if kind != "procedural" and (kind != "made" or made)]
    ev.outcome = next((kind for kind, rx in outcomes if rx.search(ev.text)), None)
    if ev.outcome is None and before is not None:
        said = [(m.start(), n, kind) for n, (kind, rx) in enumerate(outcomes) for m in rx.finditer(context)]
        later = sorted(x for x in said if x[0] >= len(before))
        earlier = sorted((x for x in said if x[0] < len(before)), key=lambda x: (-x[0], x[1]))
        ev.outcome = (later or earlier or [(0, 0, None)])[0][2]
    elif ev.outcome is None:
        ev.outcome = next((kind for kind, rx in outcomes if rx.search(context)), None)
    # the act in the decision's own sentence first, then around it
    acts = _motion_acts()
    for where in (ev.text, context):
        m = acts.proposed.search(where) or acts.proposed_after.search(where)
        if m is None and (u := acts.proposed_untitled.search(where)) is not None and person_like(u.group("name")):
            m = u
        if ev.proposer is None and m is not None:
            ev.proposer = _member_name(_named(m))
    # (a seconder is said with the motion or after it: the words after the decision before those around it)
    for where in (ev.text, after, context):
        if where is None:
            continue
        m = acts.seconded.search(where) or acts.seconded_after.search(where) or acts.motion_of_two.search(where)
        if ev.seconder is None and m is not None:
            ev.seconder = _member_name(_named(m))
    # the votes after the decision's start (a passage's motion before it had its own); else around it
    if after is None:
        counted = _VOTES.search(context)
    else:
        counted = _VOTES.search(after) or (_VOTES.search(before) if before is not None else None)
    if counted is None and (votes := _roll_votes(context if after is None else after)) is not None:
        ev.votes = votes
    elif counted is None and (votes := _roll_call(context if after is None else after)) is not None:
        ev.votes = votes
    elif (m := counted) is not None:
        yes = m.group("for") or m.group("for2") or m.group("for3") or m.group("for4") or m.group("for5")
        no = m.group("against") or m.group("against2") or m.group("against3") or m.group("against4") or m.group("against5")
        abstain = m.group("abstain") or m.group("abstain2") or m.group("abstain3")
        yes_n, no_n = number_value(yes), number_value(no)
        if m.group("for") and ev.outcome == "defeated" and yes_n > no_n:
            yes_n, no_n = no_n, yes_n  # "defeated by 30 votes to 3": the first number is the winning side
        ev.votes = {"for": yes_n, "against": no_n} | ({"abstaining": number_value(abstain)} if abstain else {})
        if ev.outcome in (None, "carried", "agreed") and no_n > yes_n and not m.group("for"):
            ev.outcome = "defeated"  # counted "For: 3, Against: 30", whatever the sentence says


def _named(m: re.Match[str]) -> str:
    """The name a motion pattern caught, whichever of its forms matched."""
    d = m.groupdict()
    return next(v for k in ("name", "mover", "seconder", "initials") if (v := d.get(k)))


def _member_name(words: str) -> str:
    """A mover's or seconder's name as read, without a heading in capitals run on after it
    ("seconded by Williams AGENDA ITEM 7")."""
    toks = words.split()
    if any(c.islower() for c in toks[0]):
        for k, t in enumerate(toks[1:], start=1):
            if len(t.strip(".,;")) > 1 and t.strip(".,;").isalpha() and t.isupper():
                toks = toks[:k]
                break
    return " ".join(toks).rstrip(".,;")


def _roll_votes(context: str) -> dict[str, int] | None:
    """The votes a roll counts by name ("Aye: Barnes, Oldham, Tate" / "Nay: Hartley"): None without a roll for."""
    yes = _ROLL_FOR.search(context)
    if yes is None:
        return None

    def count(m: re.Match[str] | None) -> int:
        if m is None or _NO_ONE.match(m.group("names")):
            return 0
        names = re.split(r"\s*(?:,|;|\band\b|&)\s*", m.group("names").strip().rstrip("."))
        return sum(1 for n in names if n[:1].isupper())

    no, abstain = _ROLL_AGAINST.search(context, yes.end()), _ROLL_ABSTAIN.search(context, yes.end())
    return {"for": count(yes), "against": count(no)} | ({"abstaining": count(abstain)} if abstain else {})


def _roll_call(text: str) -> dict[str, int] | None:
    """The votes of a roll called member by member, each answering yes or no: None without one."""
    m = _ROLL_CALL.search(text)
    if m is None:
        return None
    answers = [a.lower() for a in _ROLL_ANSWER.findall(m.group("roll"))]
    return {"for": sum(a in ("yes", "aye") for a in answers), "against": sum(a in ("no", "nay") for a in answers)}


def events_in(h: Hit, kinds: set[str], body: str | None = None) -> list[TrackedEvent]:
    """The decisions/commitments stated in one hit, each cited to its line."""
    out = []
    found = find_events(h.text, heading=h.section, section_type=h.section_type, doc_type=h.doc_type)
    decision_starts = sorted(e.start for e in found if e.kind == "decision")
    for ev in found:
        if ev.kind not in kinds:
            continue
        line = _line_of(h, ev.start)
        amounts, currencies = _money_in(h, ev.start, ev.end)
        out.append(TrackedEvent(
            kind=ev.kind, date=h.date, title=h.title, body=body, authority=h.authority,
            text=" ".join(ev.text.split()), status=ev.status, due=ev.due, owner=ev.owner,
            amounts=amounts, currencies=currencies, source=h.source, line=line, doc_id=h.doc_id, section=h.section,
        ))
        if ev.kind == "decision":
            # the mover, seconder and result sit around the resolution in the minutes, within its own item
            lo, hi = _own_item(h.text, ev.start, ev.end)
            # the votes counted after the next decision are that one's ("... the amendment, which was not carried.
            # The vote on the recommendation was then taken, and carried by 22 votes to one")
            votes_end = min([hi, *(s for s in decision_starts if s >= ev.end)])
            describe_motion(out[-1], h.text[lo:hi], after=h.text[ev.start:votes_end], before=h.text[lo:ev.start])
        else:
            out[-1].procedural = _procedural(out[-1].text)  # (a commitment has no motion, mover or vote)
    return out


# a line that opens a numbered or lettered item of the minutes ("3 Election of Chair.", "(ii) To approve ...", "21/5-2 ...")
_ITEM_LINE = re.compile(r"(?m)^[ \t|]*(?:\d{1,4}(?:[./-]\d{1,4})*[.)]?|\(\d{1,3}\)|\(?[a-z]\)|\(?[ivx]{1,5}\)|[a-z]\.)[ \t]+(?=\S)")
MOTION_REACH = 300  # characters before and after a decision where its mover, seconder and result are read


def _own_item(text: str, start: int, end: int) -> tuple[int, int]:
    """The span around a decision (``text[start:end]``) where the minutes say who moved it and what became of
    it: up to MOTION_REACH characters each side, not into the item before or after (whose movers are theirs)."""
    lo, hi = max(0, start - MOTION_REACH), min(len(text), end + MOTION_REACH)
    own_line = text.rfind("\n", 0, start) + 1
    # (the decision's own line may open an item: its marker is read whole, past the line's start)
    for m in _ITEM_LINE.finditer(text, lo, min(len(text), own_line + 40)):
        if m.start() <= own_line:
            lo = max(lo, m.start())
    line_end = text.find("\n", end)
    if line_end != -1 and line_end < hi:
        nxt = _ITEM_LINE.search(text, line_end + 1, hi)
        if nxt is not None:
            hi = nxt.start()
    return lo, hi


def default_order(query: str) -> str:
    """The order registers list in when none is asked: by relevance for words, else newest first."""
    return "relevance" if query.strip() else "newest"


def list_events(
    kind: str,
    query: str,
    index_dir: str | Path,
    filters: Filters | None = None,
    limit: int | None = 20,
    sort: str = "relevance",
    procedural: bool = False,
) -> tuple[int, list[TrackedEvent]]:
    """Every decision or commitment in the passages holding every word of the query
    (or its phrase), in the order asked; procedural business only with ``procedural``.
    Returns (passages read, events); the caller shows a page of them."""
    filters = filters or Filters()
    filters.kinds = [kind]
    result = search(query, index_dir, filters=filters, limit=None, sort=sort, snippets=False, where_else=False, every_word=True)
    be = backend_for(index_dir)
    words = _query_words(be, query) if query.strip() else []
    events: list[TrackedEvent] = []
    for h in result.hits:
        found = [e for e in events_in(h, {kind}, body=h.committee) if procedural or not e.procedural]
        # a passage of several motions matched by the words of one: that one, not its neighbours (when no
        # decision's own words hold the query's, its heading or title matched, and every decision under it stays)
        own = [e for e in found if _relevant(be, e.text, words)] if words and len(found) > 1 else found
        events.extend(own or found)
    return result.total, events


def _query_words(be: SearchBackend, query: str) -> list[str]:
    """Content words of a query, stemmed, for sentence-level relevance."""
    return be.analyse(re.sub(r"\b(AND|OR|NOT)\b|[\w]+:", " ", query))


def _relevant(be: SearchBackend, sentence: str, words: list[str]) -> bool:
    return not words or bool(set(words) & set(be.analyse(sentence)))


def _event_date(sentence: str, doc_date: str | None) -> str | None:
    """The earliest date a sentence names before its paper's year; else the paper's date."""
    from paperfinder.recognise.dates import find_dates

    named = sorted(d[3] for d in find_dates(sentence) if d[3] and (doc_date is None or d[3][:4] < doc_date[:4] or (d.kind == "day" and d[3] < doc_date)))
    return named[0] if named else doc_date


def _core(sentence: str) -> str:
    """A sentence without its list marker or paragraph number, for de-duplication."""
    return re.sub(r"^[-•*\s]*(\d{1,2}(\.\d{1,2})*\.?\s+)?", "", sentence).strip()


_SPENDING_SECTIONS = {"recommendations", "financial", "summary", "resolved", "reasons", "proposal"}


def timeline(query: str, index_dir: str | Path, filters: Filters | None = None, limit: int | None = None) -> list[TrackedEvent]:
    """Matching decisions, commitments, amounts and dated statements in date order, one line each.

    From every passage that matches the query: decisions; commitments with a due
    date; sentences naming an amount (in spending sections, or naming the
    query's words); sentences naming a past date. An event's date is the
    earliest date its sentence names, not after its paper's date; else the
    paper's date. A commitment is dated when it was made.
    """
    filters = filters or Filters()
    result = search(query, index_dir, filters=filters, limit=limit, sort="oldest", snippets=False, where_else=False)
    be = backend_for(index_dir)
    words = _query_words(be, query)
    out: list[TrackedEvent] = []
    seen: set[str] = set()
    for h in result.hits:
        events = [e for e in events_in(h, {"decision", "commitment"}, body=h.committee) if e.kind == "decision" or e.due]
        for s, e in sentences(h.text):
            sentence = " ".join(h.text[s:e].split())
            core = _core(sentence)
            if any(_same(core, _core(ev.text)) for ev in events):
                continue
            money = [m for m in h.entities if m.label == "MONEY" and isinstance(m.value, (int, float)) and s <= m.start < e]
            dated = _event_date(sentence, h.date)
            past = dated is not None and dated != h.date and not _is_header_date(sentence)
            table_row = "\t" in h.text[s:e]
            if money and not table_row and (h.section_type in _SPENDING_SECTIONS or _relevant(be, sentence, words)):
                kind = "amount"
            elif past and _relevant(be, sentence + " " + h.text, words) and re.search(r"[a-z]{3,}", sentence):
                kind = "dated"
            else:
                continue
            events.append(TrackedEvent(
                kind=kind, date=h.date, title=h.title, body=h.committee, authority=h.authority,
                text=sentence, amounts=[float(m.value) for m in money], currencies=[m.currency or "GBP" for m in money], source=h.source,
                line=_line_of(h, s), doc_id=h.doc_id, section=h.section,
            ))
        for ev in events:
            if _core(ev.text) in seen:
                continue  # the same report in two files gives the same event once
            seen.add(_core(ev.text))
            # decisions and commitments happen when the paper is dated; other events when they say
            ev.date = h.date if ev.kind in ("decision", "commitment") else _event_date(ev.text, h.date)
            out.append(ev)
    out.sort(key=lambda e: (e.date or "9999", e.source, e.line))
    return out


def _same(a: str, b: str) -> bool:
    """One sentence holds the other (both long enough to mean something)."""
    return len(a) > 15 and len(b) > 15 and (a in b or b in a)


def _is_header_date(sentence: str) -> bool:
    """A cover or label line ("Date: 21 November 2016") is not an event."""
    return len(sentence) < 60 or bool(re.match(r"^(date|dated|meeting|issued)\b", sentence, re.I))
