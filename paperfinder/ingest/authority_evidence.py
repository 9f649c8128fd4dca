"""The paper's own council weighed from all the evidence the paper gives for each body it names (issue 13).

Every body the paper names (``find_bodies`` over its first lines) is a candidate. Each mention of it
is read for *where* it stands (a heading line, the paper's first lines, a line it fills alone, the
business, the last lines) and *what kind* of mention it is (a frame stating the paper's own body,
"Minutes of the X held at", "Clerk to X"; an addressee, a sender, a postal address, a person's or a
visitor's council, another body's name "X Council Forum"). The paper's tier clues ("the Parish
Council" in its business) and how often the body recurs are read once for the paper. Each candidate's
features are weighed by one logistic model whose weights are a data file
(``data/authority_model.json``, fitted on the development parts of the metadata gold sets by
``bench/fit_authority.py``). ``metadata`` uses the weighing twice: a council the header rules
named without a frame stating it gives way to a candidate weighed the model's ``lead`` above it,
and a paper nothing else gave a council takes its best candidate when it reaches the model's
``fallback_threshold`` and leads the next by as much.

The features, each in [0, 1] or a count's logarithm, are named in ``FEATURES``; what each means is
said beside its computation in ``_mention_features`` and ``candidates``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from paperfinder.datafiles import data_text
from paperfinder.model import Line
from paperfinder.recognise.bodies import LOCAL_TIERS, find_bodies, shouted

FEATURES = (
    "bias_candidate",  # 1 for every candidate: the model's intercept
    "log_mentions",  # log(1 + mentions): a paper names its own council again and again
    "first_place",  # 1 / (1 + rank of the first line naming it): a letterhead opens the paper
    "in_first_lines",  # named in the paper's first 6 lines
    "alone",  # a line it fills (nearly) alone, in the header before the business: a heading or letterhead
    "opens_line",  # a header line opening with it, before the business: "X PARISH COUNCIL Minutes of ..."
    "heading",  # a markdown heading or a line in capitals naming it
    "stated",  # a frame stating the paper's body: "Minutes of the X", "Clerk to X", "on behalf of X"
    "stated_count",  # log(1 + such frames)
    "own_meeting",  # "X Council's ... meeting": its own meeting
    "addressed",  # "Report to X", "response to X" (and "... and Y" joined to it): it receives the paper
    "resolves",  # "X Council resolved / agreed / approved": the subject of a decision, the paper's own voice
    "venue",  # "held at X Town Council Offices", "at the X Council Chamber": where a meeting is held
    "sent_from",  # "received from X": it sent what the paper's council received
    "address_only",  # every mention in a postal address or contact line
    "person_or_visitor",  # a member's council ("Cllr Lees, X"), or in the attendance list
    "other_body_name",  # "X Council Forum", "X councils": part of another body's name
    "business_only",  # every mention after the business began (or in a contact line)
    "footer",  # named in the paper's last lines (a signature, a footer)
    "local",  # a parish, town or community council
    "self_tier",  # the paper calls its council "the <tier> Council" and the candidate is of that tier
    "other_local_tier",  # the paper calls its council "the Parish Council" and the candidate is a town's (or the reverse)
    "principal_under_local",  # the paper calls its council "the Parish/Town Council" and the candidate is a larger council
    "upper_member_clue",  # "County Councillor" attends and the candidate is a larger council
    "other_kind",  # a body that is no council: a board, an inspectorate, a minister
    "joint_kind",  # a body of several councils: "Joint Waste Committee"
    "district_kind",  # a council's municipal district: its paper is its council's
    "page_title",  # the title the paper's web site gave it names the body
    "share",  # its mentions' share of all bodies' mentions
)

READ_LINES = 400
FIRST_LINES = 6
HEADER_LINES = 40  # a heading or letterhead stands among these (as the header rules read them)
LAST_LINES = 12
LIST_LINE = 150  # an attendance list's line is this short; a longer one is a sentence after the list
_THIS_COUNCIL = re.compile(r"\bthis\s+council\b", re.I)
_UPPER_MEMBER = re.compile(r"\b(county|district|borough|unitary|regional)\s+(cllrs?|councillors?)\b", re.I)
_HEADING_LINE = re.compile(r"^#{1,6}\s+\S")
_INITIALS = re.compile(r"[A-Z][A-Z&.]{1,7}")
_RESOLVES_AFTER = re.compile(r"\s*(?:has\s+|have\s+|had\s+|hereby\s+)?(resolved|agreed|approved|decided|adopted|resolves|agrees)\b", re.I)
_VENUE_BEFORE = re.compile(r"\b(?:held\s+)?(?:at|in)\s+(?:the\s+)?$", re.I)
_VENUE_AFTER = re.compile(r"['’]?s?\s+(offices?|chambers?|buildings?|hall|headquarters|civic\s+cent(re|er))\b", re.I)


@dataclass
class Candidate:
    canonical: str
    kind: str
    tier: str
    x: dict[str, float] = field(default_factory=dict)
    p: float = 0.0
    # mentions not read as another's (an address, an addressee, a sender, a member's or visitor's
    # council, part of another body's name): a council named only so is not the paper's own
    free: int = 0
    # named at least once as a body ("Oldham Council", "OMBC") or where a paper names its own (a
    # heading, a line it fills, a frame stating it): a bare place in running text ("Commissioner
    # Oldham moved") may be a person's surname
    worded: bool = False


@dataclass
class _Tally:
    canonical: str
    kind: str
    tier: str
    mentions: int = 0
    first: int = 10**6
    alone: bool = False
    opens: bool = False
    heading: bool = False
    stated: int = 0
    own_meeting: bool = False
    addressed: bool = False
    resolves: bool = False
    venue: bool = False
    sent_from: bool = False
    not_address: bool = False
    person: bool = False
    other_body: bool = False
    before_business: bool = False
    footer: bool = False
    free: int = 0
    worded: bool = False


def candidates(lines: list[Line], page_title: str | None = None) -> list[Candidate]:
    """The bodies the paper (its body lines) names, each with its evidence as ``FEATURES``;
    ``page_title`` is the title a saved web page's site gave it."""
    # the cascade's regexes are the evidence's readers: one reading of a frame, a contact line, a member
    from paperfinder.ingest import metadata as md

    read = [l for l in lines[:READ_LINES] if l.text.strip()]
    texts = [md._plain(l.text) for l in read]
    if not texts:
        return []
    business = md.business_start(texts)
    attending = md.attendance_lines(lines)
    rank: list[int] = []
    r = 0
    for text in texts:
        rank.append(r)
        r += 0 if md._FURNITURE.match(text) else 1
    tally: dict[str, _Tally] = {}
    total = 0
    for k, (line, text) in enumerate(zip(read, texts)):
        bodies = find_bodies(text)
        prior = None
        prior_addressed = False
        for b in bodies:
            t = tally.setdefault(b.canonical, _Tally(b.canonical, b.kind, b.tier))
            total += 1
            t.mentions += 1
            t.first = min(t.first, rank[k])
            before = text[max(0, b.start - 40) : b.start]
            into = text[: b.start]
            pre_business = business is None or k < business
            contact = md.address_like(text) and not re.search(r"\b(minutes|agenda|meeting)\b", text, re.I)
            t.not_address |= not contact
            addressed = bool(md._ADDRESSED.search(before)) or (
                # "Response to Elmbridge BC and Mole Valley DC": both addressed
                prior_addressed and prior is not None and prior.end <= b.start
                and bool(md._JOINED_NEXT.fullmatch(text[prior.end : b.start])))
            prior, prior_addressed = b, addressed
            t.resolves |= bool(_RESOLVES_AFTER.match(text, b.end))
            t.venue |= bool(_VENUE_BEFORE.search(before) and _VENUE_AFTER.match(text, b.end))
            stated = (bool(md._STATEMENT_BEFORE.search(before)) or bool(md._HOST_BEFORE.search(before))
                      or bool(md._SITE_OF.search(before)) or bool(md._ON_BEHALF.search(before))) and not addressed
            t.stated += stated
            t.addressed |= addressed
            sent_from = bool(md._sent_from().search(before))
            t.sent_from |= sent_from
            t.own_meeting |= bool(md._OWN_MEETING_AFTER.match(text, b.end))
            after_name = bool(md.person_before(into, b) or md._NAMED_BEFORE.search(into) or md.speaks_for(text, b)
                              or (md.VOTE_ROLL.match(text) and not md._BODY_WORD.search(b.surface)))
            other_body = bool(md._not_own_after().match(text, b.end))
            t.person |= after_name or line.no in attending
            t.other_body |= other_body
            # in an attendance list's line, not a sentence run past it ("Chairman X reminded those present ...")
            listed = line.no in attending and len(text) <= LIST_LINE
            contents = md.in_contents_list(into)  # an item's or appendix's subject
            t.free += not (contact or addressed or after_name or listed or other_body or sent_from or contents
                           or (md._PLACE_BEFORE.search(before) and not md._BODY_WORD.search(b.surface)))
            t.worded |= bool(md._BODY_WORD.search(b.surface)) or _INITIALS.fullmatch(b.surface) is not None or stated
            rest = re.sub(r"[^A-Za-z]", "", text.replace(b.surface, ""))
            if pre_business and not contact:
                t.before_business = True
            if pre_business and not contact and rank[k] < HEADER_LINES:
                t.alone |= len(rest) < 25
                t.opens |= b.start == 0 or bool(md._PAGE_NUMBER.fullmatch(into))
            t.heading |= bool(_HEADING_LINE.match(line.text) or shouted(line.text)) and not contact
            t.footer |= k >= len(texts) - LAST_LINES and len(texts) > 2 * LAST_LINES
    if not tally:
        return []
    joined = "\n".join(texts)
    selves = md.local_self_tiers(texts)
    self_tier = selves.most_common(1)[0][0] if selves else None
    upper_member = bool(_UPPER_MEMBER.search(joined))
    titled = {b.canonical for b in find_bodies(md._plain(page_title))} if page_title else set()
    out = []
    for t in tally.values():
        local = t.tier in LOCAL_TIERS
        x = {
            "bias_candidate": 1.0,
            "log_mentions": math.log1p(t.mentions),
            "first_place": 1.0 / (1 + t.first),
            "in_first_lines": float(t.first < FIRST_LINES),
            "alone": float(t.alone),
            "opens_line": float(t.opens),
            "heading": float(t.heading),
            "stated": float(t.stated > 0),
            "stated_count": math.log1p(t.stated),
            "own_meeting": float(t.own_meeting),
            "addressed": float(t.addressed),
            "resolves": float(t.resolves),
            "venue": float(t.venue),
            "sent_from": float(t.sent_from),
            "address_only": float(not t.not_address),
            "person_or_visitor": float(t.person),
            "other_body_name": float(t.other_body),
            "business_only": float(not t.before_business),
            "footer": float(t.footer),
            "local": float(local),
            "self_tier": float(local and self_tier is not None and t.tier == self_tier),
            "other_local_tier": float(local and self_tier is not None and t.tier != self_tier),
            "principal_under_local": float(not local and t.kind == "council" and self_tier is not None),
            "upper_member_clue": float(not local and t.kind == "council" and upper_member),
            "other_kind": float(t.kind == "body"),
            "joint_kind": float(t.kind == "joint"),
            "district_kind": float(t.kind == "district"),
            "page_title": float(t.canonical in titled),
            "share": t.mentions / total,
        }
        out.append(Candidate(t.canonical, t.kind, t.tier, x, free=t.free,
                             worded=t.worded or t.alone or t.heading or t.canonical in titled))
    return out


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted weights, bias and thresholds (``data/authority_model.json``)."""
    return json.loads(data_text("authority_model.json"))


def weigh(lines: list[Line], page_title: str | None = None, weights: dict | None = None) -> list[Candidate]:
    """The candidates, each with its probability of being the paper's council, most likely first."""
    m = weights or model()
    w = m["weights"]
    cands = candidates(lines, page_title)
    for c in cands:
        z = m["bias"] + sum(w.get(f, 0.0) * v for f, v in c.x.items())
        c.p = 1.0 / (1.0 + math.exp(-z))
    return sorted(cands, key=lambda c: -c.p)
