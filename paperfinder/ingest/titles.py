"""A paper's title as a reader would give it.

The header reader (``ingest.metadata``) takes a labelled title ("Title:", "Subject:")
or the first header line that reads as one. Papers of small councils and Irish
councils often have neither: the first line is a clerk's phone number, "Present",
a letterhead in two languages, or the first agenda item. This module reads the title
the paper states in its opening sentence ("Minutes of Proceedings at Meeting of ...
held", "You are requested to attend the ... Meeting of ... to be held"), and when
the line found is no title, names the paper by what it is and whose it is
("Minutes: Milburn Parish Council"), as a person filing it would.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from paperfinder.datafiles import tab_rules, words_regex
from paperfinder.recognise.bodies import LOCAL_TIERS, shouted, title_case
from paperfinder.text.layout import VOTE_ROLL

STATEMENT_LINES = 40  # an agenda letter's summons sits below the letterhead, the addressee and the date
MAX_TITLE = 160  # characters: the longest header line the header reader takes for a title
MINUTES_STATEMENT_LINES = 6  # "Minutes of ..." opens a paper; further down it is an item ("Minutes of the last meeting")

# the words a paper of each kind is filed under, when it names no title of its own
KIND_LABELS = {
    "minutes": "Minutes",
    "agenda": "Agenda",
    "agenda_pack": "Agenda",
    "budget": "Budget",
    "accounts": "Accounts",
    "decision_notice": "Decision notice",
    "letter": "Letter",
    "consultation": "Consultation",
    "foi_response": "FOI response",
    "ombudsman_decision": "Ombudsman decision",
    "press_release": "Press release",
    "planning_report": "Planning report",
    "report": "Report",
}

_COMMITTEE_WORDS = "committee_words.txt"  # the words that make a name a committee's
_CUT = re.compile(r"\b(held|convened|taking place|(mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)
_OPENS = re.compile(r"\W*(draft\s+|unconfirmed\s+)?(minutes|notes|agenda)\b", re.I)
_LEAD_NOISE = re.compile(r"^[^\w\s]{2,}|^[a-z]\s")  # a crest's dashes, a stray letter before the letterhead
_MEETING_OF = re.compile(r"\bmeeting\s+of\s+(?P<body>.{3,140})$", re.I)
_LOCAL_TIER = re.compile(rf"\b({'|'.join(LOCAL_TIERS)})\s+council\b", re.I)
_MARKUP = re.compile(r"^#+\s*|\*\*|__")
_RUN_ON = frozenset("of at the and & for a an to in on".split())
_ABOVE = re.compile(r"\bthe\s+above(?:[\s-]+named)?\s+(council|authority|committee)\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’&/-]*[.,;:]?|\d[\d,./:-]*[a-z]{0,2}[.,;:]?|[&–-]")
_NOISE_CHARS = re.compile(r"[{}|~_“”»«■•]")
_GENERIC = frozenset(
    "minutes notes agenda of for the a an at meeting meetings proceedings council parish town community "
    "city county district ordinary special annual monthly full draft unconfirmed approved confirmed and & -".split()
)


@lru_cache(maxsize=1)
def _rules() -> tuple[list[tuple[str, re.Pattern]], list[re.Pattern], list[re.Pattern]]:
    rules = tab_rules("title_rules.txt", 2)
    statements = [(f[1], rx) for f, rx in rules if f[0] == "statement"]
    never = [rx for f, rx in rules if f[0] == "never"]
    furniture = [rx for f, rx in rules if f[0] == "furniture"]
    return statements, never, furniture


def stated_title(lines: list[str], authority: str | None) -> tuple[str, str] | None:
    """(kind, title) the paper's opening sentence states, or None."""
    statements, _never, _furniture = _rules()
    texts = [t for t in (_MARKUP.sub("", line).strip() for line in lines) if t]
    for kind, rx in statements:
        limit = MINUTES_STATEMENT_LINES if kind == "minutes" else STATEMENT_LINES
        for i in range(min(limit, len(texts))):
            text = _statement_text(texts, i, kind)
            m = rx.search(text)
            # the statement opens its line ("Minutes of ..."), or is a sentence begun on it
            if m is None or m.start() > (3 if kind == "minutes" else len(texts[i])):
                continue
            what = m.group("what").strip(" ,;:-–")
            if len(what.split()) < 2 or _noisy(what):
                continue
            if authority:
                what = _ABOVE.sub(authority, what)
            what = title_case(what) if shouted(what) else what
            what = what[0].upper() + what[1:]
            title = what if kind == "minutes" else f"{KIND_LABELS.get(kind, kind.title())}: {what}"
            if authority and _generic(what) and not _names(what, authority):
                title = f"{title} – {authority}"
            return kind, title
    return None


def _statement_text(texts: list[str], i: int, kind: str) -> str:
    """The sentence that starts on line ``i``, over the lines it runs on to. A title set
    one word a line ("MINUTES" / "OF" / "PROCEEDINGS"), a line ending on "of" or "and",
    or a shouted heading going on shouted runs on; "Minutes of the June meeting of X"
    followed by another heading does not. An agenda's summons is a sentence: it runs on
    over three lines."""
    parts = [texts[i]]
    for j in range(i + 1, min(i + 12, len(texts))):
        prev = parts[-1]
        last = prev.split()[-1].lower() if prev.split() else ""
        if kind == "minutes":
            run_on = (len(prev.split()) <= 3 or last in _RUN_ON or last.endswith("-")
                      or (shouted(prev) and shouted(texts[j]))
                      # "... Strategic Policy" / "Committee held on ...": the sentence ends on the next line
                      or (not _CUT.search(" ".join(parts)) and _CUT.search(texts[j]) is not None
                          and not _OPENS.match(texts[j])))
        else:
            run_on = j - i < 3
        if not run_on:
            break
        parts.append(texts[j])
    # "Adare-" / "Rathkeale": a name broken at its hyphen is one word
    return re.sub(r"(?<=[A-Za-z])- (?=[A-Z])", "-", " ".join(parts))


def is_title(text: str, min_words: int = 2) -> bool:
    """Whether a header line found by the header reader can stand as a title (or, with
    ``min_words=1``, as a committee's name: "Cabinet")."""
    text = _MARKUP.sub("", text).strip()
    words = text.split()
    if len(text) > MAX_TITLE:
        return False  # a paragraph: minutes set down as one line ("MARCH 28, 2022 The meeting was called to order ...")
    if len(words) < min_words or sum(c.isalpha() for c in text) < 4 or _generic(text):
        return False
    _statements, never, _furniture = _rules()
    if any(rx.search(text) for rx in never) or site_furniture(text) or VOTE_ROLL.match(text):
        return False
    return not _noisy(text)


def site_furniture(text: str) -> bool:
    """A web site's line above a paper's own title ("Decision details", "Issue - meetings", "Agenda item"):
    ``data/title_rules.txt``'s "furniture" rules."""
    return any(rx.search(text) for rx in _rules()[2])


def composed_title(kind: str, authority: str | None, committee: str | None) -> str:
    """'Minutes: Milburn Parish Council': a paper that names no title, by what and whose it is
    (its committee's name first, when the header reader found one)."""
    label = KIND_LABELS.get(kind, "Paper" if kind in ("other", "") else kind.replace("_", " ").capitalize())
    whose = authority
    if committee and is_title(committee) and words_regex(_COMMITTEE_WORDS).search(committee) and not (authority and authority.lower() in committee.lower()):
        whose = f"{committee} – {authority}" if authority and not _names(committee, authority) else committee
    return f"{label}: {whose}" if whose else label


def choose_title(found: str, found_line: str, labelled: bool, lines: list[str], kind: str,
                 authority: str | None, committee: str | None, in_pack: bool = False) -> str:
    """The title of a paper: a labelled title, else the title its opening sentence states,
    else the header line found when it reads as a title, else what it is and whose. A
    report split from an agenda pack opens with its own heading, not a summons."""
    if labelled:
        return found
    stated = None if in_pack else stated_title(lines, authority)
    if stated:
        return stated[1]
    if found and is_title(found) and is_title(found_line):
        return found
    return composed_title("report" if in_pack else kind, authority, committee)


def meeting_body(title: str, authority: str | None) -> str | None:
    """The committee a title's meeting is of: "Minutes of the Meeting of Limerick City &
    County Council Environment Strategic Policy Committee" -> "Environment Strategic
    Policy Committee"; "... Meeting of the Municipal District of Newcastle West" -> that
    district; a meeting of the whole council -> "Full Council", or for a parish, town or
    community council, "Parish Council" (what its clerk calls the meeting)."""
    m = _MEETING_OF.search(title)
    if m is None:
        return None
    body = m.group("body").strip(" ,;:-–")
    if authority:
        body = re.sub(r"^(the\s+)?" + re.escape(authority) + r"(['’]s)?[,\s]*", "", body, flags=re.I)
    # "Limerick City and County Council's Climate Action SPC": the committee, not its council
    body = words_regex(_COMMITTEE_WORDS, before=r"^(the\s+)?[\w&’' -]*?\b(council|authority)(['’]s)?,?\s+(?=.*", after=")").sub("", body)
    body = re.sub(r"^the\s+", "", body, flags=re.I).strip()
    if words_regex(_COMMITTEE_WORDS).search(body) or re.search(r"\b(municipal|metropolitan) district\b", body, re.I):
        return body[0].upper() + body[1:] if body else None
    if not body or _ABOVE.search(m.group("body")) or (authority and _names(m.group("body"), authority)) or _generic(body):
        return whole_council(authority)
    return None


def whole_council(authority: str | None) -> str | None:
    """The name of a meeting of the whole council."""
    if not authority:
        return None
    return _local_council(authority) or "Full Council"


def _local_council(authority: str) -> str | None:
    """"Parish Council" for a parish council's own meeting (town, community... alike)."""
    tier = _LOCAL_TIER.search(authority)
    return f"{tier.group(1).title()} Council" if tier else None


def committee_of(title: str, authority: str | None, kind: str) -> str | None:
    """The committee a paper's title names; a local council's minutes or agenda named
    only by their council ("Minutes: Glen Parish Council") are the whole council's."""
    body = meeting_body(title, authority)
    if body:
        return body
    if kind in ("minutes", "agenda") and (body := own_meeting(title, authority)):
        return body
    if authority and kind in ("minutes", "agenda") and title == f"{KIND_LABELS[kind]}: {authority}":
        return _local_council(authority)
    return None


def own_meeting(text: str | None, authority: str | None) -> str | None:
    """The meeting a local council's paper names by the council's own name and no other
    body's: "West Dereham Parish Council - April", "Minutes of Northwold Parish Council
    Meeting", "Wretton Parish Council May Meeting" are the whole council's ("Parish
    Council"); "Stoke Ferry Annual Parish Council Minutes - May" its annual meeting
    ("Annual Parish Council Meeting"), "Annual Parish Meeting" the electors' meeting.
    None when the text says more than that (a sentence, another committee)."""
    if not text or not authority:
        return None
    tier = _LOCAL_TIER.search(authority)
    if tier is None or not (_names(text, authority) or _LOCAL_TIER.search(text)):
        return None
    own = {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", authority)}
    rest = []
    for w in re.findall(r"[A-Za-z][\w'’-]*|\d+(?:st|nd|rd|th)?", text):
        low = w.lower()
        if low in own or low in _MONTHS or w[0].isdigit():
            continue
        if low == "agm" or (w.isupper() and low in ("pc", "tc", "cc")):
            rest.append("annual" if low == "agm" else "council")
            continue
        rest.append(low)
    if not all(w in _GENERIC for w in rest):
        return None
    name = tier.group(1).title()
    if "annual" in rest or "agm" in text.lower():
        # "Annual Parish Meeting" is the parish's electors', not its council's
        if re.search(rf"\bannual\s+{tier.group(1)}\s+meeting\b", text, re.I):
            return f"Annual {name} Meeting"
        return f"Annual {name} Council Meeting"
    return whole_council(authority)


_MONTHS = frozenset(
    [m.lower() for m in calendar.month_name[1:]] + [m.lower() for m in calendar.month_abbr[1:]] + ["sept"]
)


def council_only(text: str | None, authority: str | None) -> bool:
    """Whether a committee read from a header is only the paper's council under another
    name ("Tintern Community Council - Budget", "Tintern Community Council Tangible Assets"
    on a budget or an asset register): no body of the council's is named."""
    if not text or not authority or words_regex(_COMMITTEE_WORDS).search(text):
        return False
    return authority.lower() in " ".join(text.split()).lower()


def with_authority(title: str, authority: str | None) -> str:
    """A title made before the paper's council was known (it is read at indexing from
    the item numbering its other papers continue): "Minutes" becomes "Minutes: Wye
    Valley Community Council", "Minutes of a meeting of the above Council" names it."""
    if not authority:
        return title
    if title in KIND_LABELS.values():
        return f"{title}: {authority}"
    return _ABOVE.sub(authority, title)


def _noisy(text: str) -> bool:
    """OCR of a logo or a crest: stray symbols, or two or more tokens (over a fifth) that are no words."""
    if _NOISE_CHARS.search(text) or _LEAD_NOISE.match(text):
        return True
    tokens = text.split()
    if any(len(t) > 22 and "/" not in t and "-" not in t for t in tokens):
        return True
    bad = sum(1 for t in tokens if not _WORD.fullmatch(t.strip("()[]'\"’")))
    return bad >= 2 and bad > 0.2 * len(tokens)


def _generic(text: str) -> bool:
    return all(w.lower().strip(".,:;") in _GENERIC for w in text.split())


def _names(text: str, authority: str) -> bool:
    """Whether ``text`` names ``authority`` by one of its distinctive words."""
    own = {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]+", authority)} - _GENERIC
    return bool(own & {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]+", text)})
