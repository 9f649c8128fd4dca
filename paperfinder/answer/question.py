"""Question analysis: what kind of answer a question wants and what it is about.

``read_question(question) -> Question`` reads the wording only (no model):

* ``answer_type`` -- ``money | person | date | number | text``, from the
  question words: *who* -> person (but *who is the provider ...* -> text),
  *when / what date* -> date, *how many / what percentage / what proportion /
  what rate* -> number, *how much* or a money word (cost, budget, award, grant,
  funding, fee, saving, ...) -> money, any other *which / what / where* -> text.
* ``role`` -- for person questions, the post named ("Head of Special
  Educational Needs"), or a role implied by the verb (*who wrote* -> author).
* ``terms`` -- content words (stopwords and question words removed), in the
  question's order; ``stems`` their light stems; ``query`` a plain query string.
* ``target`` -- the noun the answer should be: the counted noun of *how many*,
  the head noun of *which provider / what law firm*.
* ``people`` / ``authorities`` / ``dates`` / ``periods`` -- mentions that can
  become filters or hints (councils via ``authorities.find_authorities`` when
  that module is present; dates via ``dates.find_dates``).

Everything here is plain ``re``; it is cheap enough to run per keystroke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from paperfinder.datafiles import data_text, tab_rules
from paperfinder.recognise import authorities, dates
from paperfinder.recognise.names import given_names
from paperfinder.text.person_titles import title_pattern

__all__ = ["Question", "read_question", "stem", "tokens", "STOPWORDS", "MONEY_WORDS"]

# ---- vocabulary -------------------------------------------------------------

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be been before being onto
    below between both but by can could did do does doing done down during each either else
    few for from further had has have having he her here hers herself him himself his how i
    if in into is it its itself just let me more most my myself no nor not now of off on once
    only or other ought our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up upon us very was we were what when where which while who whom whose why will with
    would you your yours yourself yourselves
    according given give gives tell state states stated say says said show shows shown mention
    mentioned named name called
    many much kind sort type
    please
    """.split()
)

# question words that only say what kind of answer is wanted
_TYPE_CUE_WORDS = frozenset(
    """
    how many much what which who whom whose when where date day percentage percent proportion
    number amount sum figure value total
    """.split()
)

def _money_words(kind: str) -> frozenset[str]:
    return frozenset(
        w for line in data_text("money_words.txt").splitlines() if line.startswith(kind + "\t") for w in line.split("\t", 1)[1].split()
    )


MONEY_WORDS = _money_words("money")
# money words that only say "an amount" (cues); the others name which amount (saving, fee, income ...)
GENERIC_MONEY_WORDS = _money_words("cue")
# words that make a rate one of pay or charge, an amount of money
RATE_MONEY_WORDS = _money_words("rate")

_NUMBER_CUES = re.compile(
    r"\b(how\s+many|how\s+often|what\s+(?:percentage|percent|proportion|share|fraction|ratio|rate|number)"
    r"|which\s+(?:percentage|proportion|number)|by\s+what\s+(?:percentage|proportion)|what\s+%"
    r"|how\s+(?:long|old|large\s+a\s+(?:proportion|share))|the\s+number\s+of|what\s+was\s+the\s+rate"
    r"|at\s+what\s+rate|what\s+is\s+the\s+(?:conversion\s+)?rate)\b",
    re.I,
)
_DATE_CUES = re.compile(
    r"^\s*when\b|\b(?:what|which)\s+(?:date|day|month|year)\b|\bon\s+what\s+date\b|\bby\s+when\b"
    r"|\bfrom\s+what\s+date\b|\bdate\s+(?:of|was|is|did)\b|\bwhen\s+(?:was|were|is|did|does|will|do|has|had)\b"
    # "what is the council's staging date?", "what was the deadline for returning the form?"
    r"|^\s*what\s+(?:is|was|are|were)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,6}?(?:date|deadline|closing\s+date)\b(?!\s+of\s+birth)"
    r"|^[^?]*\b(?:dates?|deadline)\s*$",  # typed as a search: "lynn road resurfacing closure dates"
    re.I,
)
_WHO = re.compile(
    r"^\s*(?:and\s+)?(?:who|whom)\b|\b(?:by\s+whom|which\s+(?:person|officer|councillor|member))\b"
    # "which Wereham councillor resigned", "which senior executive officer left": a person, whatever words qualify the post
    r"|^\s*which\s+(?:[\w'\u2019-]+\s+){0,3}?(?:person|officer|councillor|member|clerk|chairman|chairperson|superintendent|inspector)\b"
    # ... in the plural, or a council's own word for its members ("which councillors left", "which Plymouth
    # councilmember was absent", "which commissioner moved ..."); "whose apology was accepted": a person's
    r"|^\s*which\s+(?:[\w'\u2019-]+\s+){0,3}?(?:people|persons|officers|councillors|members|council\s?members?|aldermen|alderman|"
    r"commissioners?|trustees?|selectm[ae]n|supervisors?)\b|^\s*whose\s+(?:apolog|resignation|nomination|motion|proposal)",
    re.I)
# "What was the <payee> payment for?", "what was the donation towards?": what it paid for, not how much
# (data/question_types.txt, type "purpose")
PURPOSE_ASKED = re.compile("|".join(f"(?:{rx.pattern})" for (kind,), rx in tab_rules("question_types.txt") if kind == "purpose"), re.I)
_HOW_MUCH = re.compile(r"\bhow\s+much\b|\bhow\s+(?:large|big)\s+(?:a|was|is|were|are|will)\b|\bwhat\s+(?:sum|amount)\b"
                       # "what was the amount of bills for ratification ...", "what (grand) total of accounts ..."
                       r"|\bwhat\s+(?:is|was|were|are)\s+the\s+(?:total\s+)?amount\s+of\b|\bwhat\s+(?:grand\s+)?total\s+of\b(?!\s+(?:\w+\s+)?(?:votes?|members|people|councillors|dwellings|households|attendees))",
                       re.I)
_HOW_SIZE = re.compile(r"\bhow\s+(large|big|high|long|old)\b", re.I)

# verbs and nouns too general to carry a question
WEAK_WORDS = frozenset(
    """
    consider considered considers agree agreed held hold give given gave make made take taken use used
    need needs include included including provide provided propose proposed new current currently
    report reports council councils please paper papers document documents
    get gets got getting receive receives received receiving go goes went come comes came put puts
    set sets see seen know known want wants like mean means meant
    """.split()
)
_CLASS_NOUNS = frozenset(
    "campaign programme scheme project service team act clause judgement judgment rating name ward".split()
)

# nouns that make a "who" question ask for an organisation, not a person
ORG_NOUNS = frozenset(
    """
    provider providers company companies organisation organisations organization firm firms body
    bodies council councils authority authorities agency agencies charity charities contractor
    contractors partner partners supplier suppliers operator operators trust trusts school schools
    """.split()
)

ROLE_WORDS = frozenset(
    """
    head director manager chair chairman chairwoman chairperson vice chief executive officer leader
    mayor member councillor author lead coordinator co-ordinator solicitor clerk secretary treasurer
    controller commissioner inspector adviser advisor principal headteacher deputy assistant
    president representative governor cabinet portfolio holder spokesperson chaired chairs
    administrator cathaoirleach leas-cathaoirleach provost convener convenor warden reeve sheriff attorney
    """.split()
)


@lru_cache(maxsize=1)
def _posts_of_a_body() -> tuple[str, str]:
    """(the posts held of a council or place, the words ending a body's name) as regex alternations
    (``data/posts_of_a_body.txt``), longest first so "chief executive officer" wins over "chief executive"."""
    from paperfinder.datafiles import data_lines

    kinds: dict[str, list[str]] = {"post": [], "body_end": []}
    for line in data_lines("posts_of_a_body.txt"):
        kind, _tab, words = line.partition("\t")
        kinds[kind].extend([words] if kind == "post" else words.split())
    def alt(ws: list[str]) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(ws, key=len, reverse=True))
    return alt(kinds["post"]), alt(kinds["body_end"])


# verbs of "who <verb> ..." that name a role the papers spell as a noun
_VERB_ROLES = [
    (re.compile(r"\bwho\s+(?:wrote|writes|authored|prepared|drafted)\b", re.I), "author", ["author"]),
    (re.compile(r"\bwho\s+(?:chairs|chaired|chairing)\b", re.I), "chair", ["chair"]),
    # "who presided at the meeting": the chair ("Presiding: <Name>", "<Name> presided")
    (re.compile(r"\bwho\s+(?:presided|presides|was\s+presiding)\b", re.I), "chair", ["chair"]),
    (re.compile(r"\bwho\s+(?:verified|verifies|checked|completed)\b", re.I), "verified", ["verified"]),
    (re.compile(r"\bwho\s+(?:leads|led)\b", re.I), "lead", ["lead", "led"]),
    (re.compile(r"\bwho\s+(?:presented|presents|introduced)\b", re.I), "presented", ["presented"]),
    # ("who agreed to sit on the committee": a volunteer's act, not a decision taken)
    (re.compile(r"\bwho\s+(?:signed|signs|approved|agreed|decided)\b(?!\s+to\b)", re.I), "decision maker", ["signed"]),
    # minutes name the mover and the seconder of a motion: "Proposed by Councillor X; Seconded by ..."
    (re.compile(r"\bwho\s+(?:proposed|proposes|moved|moves)\b", re.I), "proposed", ["proposed"]),
    (re.compile(r"\bwho\s+(?:seconded|seconds)\b", re.I), "seconded", ["seconded"]),
    # a vote's roll names who voted each way under its label ("Aye: Barnes, Tate" / "Nay: Hartley", "Against: Crs ...")
    (re.compile(r"\bwho\s+(?:voted|votes|was|were)\s+(?:against|opposed)\b", re.I), "against", ["nay"]),
    (re.compile(r"\bwho\s+(?:voted|votes)\s+(?:for|in\s+favou?r)\b|\bwho\s+(?:was|were)\s+in\s+favou?r\b", re.I), "favour", ["favour"]),
    (re.compile(r"\b(?:who\s+|which\s+(?:[\w'\u2019-]+\s+){1,3}?)(?:abstained|abstains)\b", re.I), "abstained", ["abstained"]),
    # an attendance list says who was away ("Absent: Councilmember <A>", "Apologies: Cllr <B>", "<C> sent his
    # apologies")
    (re.compile(r"\b(?:who\s+|which\s+(?:[\w'\u2019-]+\s+){1,3}?)(?:was|were)\s+absent\b", re.I), "absent", ["absent"]),
    (re.compile(r"\b(?:who\s+|which\s+(?:[\w'\u2019-]+\s+){1,3}?)(?:sent|gave|tendered|offered|submitted|made)\s+(?:(?:his|her|their)\s+)?apolog",
                re.I), "apologies", ["apologies"]),
    (re.compile(r"\bwho\s+(?:is|was)\s+the\s+contact\b|\bwho\s+should\s+i\s+contact\b", re.I), "contact", ["contact"]),
]

# irregular or domain forms folded together after stemming
_STEM_ALIASES = {
    "spent": "spend", "spending": "spend", "expenditur": "spend", "paid": "pay", "payment": "pay",
    "led": "lead", "wrote": "author", "written": "author", "writ": "author", "chair": "chair",
    "chairman": "chair", "chairperson": "chair", "cllr": "councillor", "councillor": "councillor",
    "co-ordinator": "coordinator", "organization": "organisation", "programm": "program",
    "centr": "centre", "center": "centre", "judgment": "judgement", "percent": "%", "per cent": "%",
    "children": "child", "tri-borough": "triborough", "bi-borough": "biborough",
    "yearly": "year", "annual": "year", "annually": "year", "annum": "year",
}

_SUFFIXES = ("ational", "ations", "ation", "nesses", "ness", "ments", "ment", "ingly", "ings", "ing",
             "edly", "ies", "ied", "ed", "es", "s")


def stem(word: str) -> str:
    """A light stemmer: lower case, common English suffixes off, a few aliases.

    Deliberately conservative (words of 4 letters or fewer are kept whole) so
    that names and acronyms survive: ``awarded -> award``, ``costs -> cost``,
    ``practitioners -> practition``, ``LSCB -> lscb``.
    """
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if w in _STEM_ALIASES:
        return _STEM_ALIASES[w]
    if word.isupper() and len(word) <= 6:
        return w  # an acronym stays whole (a plural one loses only its "s")
    if len(w) == 4 and w.endswith("s") and w[-2] not in "suioa'" and w.isalpha():
        # a short word's plural or third person ("ends", "fees", "cuts", "bids"): its "s" goes as a longer
        # word's does ("ends" / "ended" / "end"); "this", "thus", "less", "gas" keep theirs
        return _STEM_ALIASES.get(w[:-1], w[:-1])
    if len(w) > 4 and not w[0].isdigit():
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                base = w[: -len(suf)]
                if suf in ("ies", "ied"):
                    base += "y"
                elif suf == "es" and not re.search(r"(ss|x|ch|sh|z)$", base):
                    base = w[:-1]  # "services" -> "service" (then "e" kept)
                w = base
                break
        if len(w) > 4 and w.endswith("e") and not w.endswith("ee"):
            w = w[:-1]
    return _STEM_ALIASES.get(w, w)


_TOKEN = re.compile(r"£?\d[\d,]*(?:\.\d+)?(?:%|(?:bn|[kmb])\b)?|[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z]+)*|&")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` as ``(surface, start, end)``."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# ---- the record -------------------------------------------------------------


@dataclass
class Question:
    text: str
    answer_type: str  # money | person | date | number | text
    terms: list[str] = field(default_factory=list)  # content words as written
    stems: list[str] = field(default_factory=list)  # light stems of ``terms``
    query: str = ""  # plain query string for the search engine
    role: str | None = None  # person questions: the post asked about
    role_stems: list[str] = field(default_factory=list)
    target: str | None = None  # counted noun (how many X) / head noun (which X)
    target_stem: str | None = None
    target_phrase: list[str] = field(default_factory=list)  # stems of the counted noun phrase
    percent: bool = False  # number questions asking for a percentage/proportion
    periods: list[str] = field(default_factory=list)  # "2015/16", "year 2", "2020" as written
    people: list[str] = field(default_factory=list)  # person names mentioned
    authorities: list[str] = field(default_factory=list)  # canonical council names mentioned
    dates: list[str] = field(default_factory=list)  # ISO dates mentioned
    cue_stems: list[str] = field(default_factory=list)  # stems that only cue the answer type
    subordinate: list[str] = field(default_factory=list)  # stems said in a subordinate clause only
    after: str | None = None  # "after/since <date>": answers must be later (ISO day or month)
    before: str | None = None  # "before/until <date>": answers must be earlier
    sentence: bool = False  # text questions answered by what a sentence says (did ...? why ...? what was decided?)

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    def hint_filters(self) -> dict:
        """Filters the mentions suggest. ``ask`` applies the person one (falling back without it);
        a council named in a question stays a soft hint, since papers discuss other councils."""
        out = {}
        if len(self.authorities) == 1:
            out["authority"] = self.authorities[0]
        if len(self.people) == 1:
            out["person"] = self.people[0]
        return out


# ---- analysis -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _name_re() -> re.Pattern:
    """A person's name in a question, its title (``data/person_titles.txt``) before it."""
    return re.compile(
        rf"\b(?:{title_pattern()}\.?\s+)?"
        r"[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?(?:\s+(?:Mc|Mac|O'|D[aeiu](?=[A-Z])|L[aeu](?=[A-Z]))?[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?){1,2}\b"
    )


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern:
    return re.compile(rf"^{title_pattern()}\.?\s+")
_PERIOD = re.compile(
    r"\b(?:(?:19|20)\d\d\s?[/\-\u2013]\s?\d{2,4}|(?:year|yr)\s*\d+|(?:19|20)\d\d|q[1-4])\b", re.I
)


def _type_of(q: str) -> str:
    low = q.lower()
    for (kind,), rx in tab_rules("question_types.txt"):
        if rx.search(q):
            return "text" if kind == "purpose" else kind
    if _WHO.search(q) or _which_post(low):
        return "person"
    if _DATE_CUES.search(q) and not re.search(r"\bhow\s+(?:many|much)\b", low):
        return "date"
    if re.search(r"\brate\b", low) and set(re.findall(r"[a-z]+", low)) & RATE_MONEY_WORDS and not re.search(r"\bhow\s+many\b|%|percent", low):
        return "money"  # "what hourly rate is the clerk paid?"
    if _NUMBER_CUES.search(q):
        return "number"
    head = _head_noun(low)
    kind = _answer_nouns().get(head or "")
    if kind == "date" and not re.search(r"\bhow\s+(?:many|much)\b", low):
        return "date"  # "what deadline did the clerk give ...?"
    if kind == "name" and re.match(r"\s*which\b", low):
        return "text"  # "which quote was accepted?": the firm that made it
    m = re.match(r"\s*which\s+([a-z]+)", low)
    _numeric = ("rate", "percentage", "percent", "proportion", "number", "amount", "sum", "figure", "year", "date")
    if m and (m.group(1) not in MONEY_WORDS or (head and head not in MONEY_WORDS)) and m.group(1) not in _numeric \
            and head not in _numeric:
        return "text"  # "which provider was awarded ...", "which cost consultants ...": a name, not the award
    if re.match(r"\s*(?:what|which)\b", low) and re.search(
            r"\b(?:rate|percentage|percent|proportion|ratio|number|count)\b", low):
        return "number"
    if _HOW_MUCH.search(q):
        return "money"
    words = set(re.findall(r"[a-z]+", low))
    if words & MONEY_WORDS and not re.search(r"\b(?:which|what)\s+(?:grant|fund|programme|scheme|budget\s+line)\b", low):
        return "money"
    return "text"


@lru_cache(maxsize=1)
def _answer_nouns() -> dict[str, str]:
    """Nouns that name a kind of answer (``data/answer_nouns.txt``): noun -> answer kind."""
    from paperfinder.datafiles import data_lines

    return {w: kind for line in data_lines("answer_nouns.txt") for kind, words in [line.split("\t", 1)] for w in words.split()}


def _which_post(low: str) -> bool:
    """Does a "which ..." question name a post or part a person holds (``data/answer_nouns.txt``, kind person)
    among its first words ("which Cariboo Regional District director was absent", "which press reporter
    attended")? A possessive names a thing of theirs ("which director's report ...")."""
    m = re.match(r"\s*which\s+((?:[\w'\u2019-]+\s+){0,4})", low)
    if not m:
        return False
    nouns = _answer_nouns()
    return any(nouns.get(w) == "person" for w in m.group(1).split())


def _head_noun(low: str) -> str | None:
    """The last word of the noun phrase after an opening "what"/"which" ("which cost consultants did ..."
    -> consultants), or None when a verb follows the question word ("what was ...")."""
    m = re.match(r"\s*(?:what|which)\s+((?:[a-z][a-z'-]*\s*){1,4})", low)
    if not m:
        return None
    words: list[str] = []
    for w in m.group(1).split():
        if w in STOPWORDS or w in _AUX or w in _PHRASE_END:
            break
        words.append(w)
    return words[-1] if words else None


# "what (council tax | precept) increase ... ?" asks the change a budget states, most often a percentage
_CHANGE_ASKED = re.compile(r"\s*(?:what|which)\s+(?:[a-z][\w'-]*\s+){0,5}?(?:increase|decrease|rise|reduction)\s+"
                           r"(?:did|does|do|is|was|were|are|has|have|had|will|would|in|of|on|for|over)\b", re.I)


def _role_of(q: str) -> tuple[str | None, list[str]]:
    """The post a person question names, cut to its core; verbs imply roles (who wrote -> author)."""
    m = re.search(r"\bwho\s+(?:is|was|are|were|will\s+be|has\s+been|became|becomes|has\s+become)\s+"
                  r"(?:(?:re-?)?(?:elected|appointed|co-opted|nominated|chosen|made)\s+"
                  r"(?:as\s+)?)?(?:the\s+|a\s+|an\s+)?(.+?)\s*\??\s*$", q, re.I)
    if not m:
        m = re.search(r"\bwhich\s+(?:person|officer)\s+is\s+(?:the\s+)?(.+?)\s*\??\s*$", q, re.I)
    if m:
        tail = m.group(1)
        # "who is stepping down as secretary of ...": the post is what follows "as", the act is a term
        acting = re.match(r"[a-z]+ing\s+(?:(?:down|up|aside|in|on|out|over)\s+)?as\s+(?:the\s+|a\s+|an\s+)?(.+)", tail)
        if acting:
            core = re.split(r"\s+(?:for|of|at|in|on|within)\s+", acting.group(1), maxsplit=1)[0]
            return core.strip(" ,.?"), []
        # a relative clause ("... who verified the report") is not part of the post
        tail = re.split(r"\s+(?:who|that|which|whose)\s+", tail, maxsplit=1)[0]
        # "... before <Name>", "... when <event>", "... in November 2018": when, not which post
        tail = re.split(r"\s+(?:before|after|until|since|when|while|during|in\s+(?:(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d|[A-Z][a-z]+\s+\d))\b",
                        tail, maxsplit=1)[0]
        tail = _post_qualifiers_off(tail)
        # a possessive council or place before the post ("Milburn's parish clerk") names where, not what
        tail = re.sub(r"^[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['\u2019]s\s+", "", tail)
        # a named council or place at the end qualifies the post; it is not part of it
        tail = re.sub(r"\s+(?:at|in)\s+(?:the\s+)?[A-Z][\w&'\u2019 -]*\s*$", "", tail)
        # "clerk of Tintern Community Council": the council says whose post, not which (it stays a term)
        tail = re.sub(r"\s+(?:of|for|at|on)\s+(?:the\s+)?(?:[A-Z][\w'\u2019&-]*\s+){1,6}Council\s*$", "", tail)
        tail = _post_only(tail)
        words = re.findall(r"[A-Za-z][A-Za-z'-]*", tail)
        if any(w.lower() in ROLE_WORDS or any(p in ROLE_WORDS for p in w.lower().split("-")) for w in words):
            # core of the post: up to "for ..." / "of the ..." unless that leaves one word
            core = re.split(r"\s+(?:for|of\s+the|at|in|on|within)\s+", tail, maxsplit=1)[0]
            if len([w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", core) if w.lower() not in STOPWORDS]) < 2:
                core = tail
            # "... who verified the report": the verb's role word is a term too
            extra = next((ex for rx, _role, ex in _VERB_ROLES if rx.search(q)), [])
            return core.strip(" ,."), extra
    for rx, role, extra in _VERB_ROLES:
        if rx.search(q):
            return role, extra
    # a post typed as a search, the post last ("saratoga city attorney 2009", "parish clerk december 2012"):
    # the post is its last role word with the role or place words right before it
    if not _ASKING.match(q):
        words = _post_qualifiers_off(q.rstrip(" ?")).split()
        if words and words[-1].lower() in ROLE_WORDS:
            i = len(words) - 1
            while i > 0 and len(words) - i < 3 and (words[i - 1].lower() in ROLE_WORDS or words[i - 1].lower() in _POST_LEADS):
                i -= 1
            return " ".join(words[i:]), []
    return None, []


# a question that opens with a question word or an auxiliary is not typed as a search
_ASKING = re.compile(r"\s*(?:what|which|who|whom|whose|when|where|why|how|did|does|do|is|are|was|were|can|could|will|would|"
                     r"should|has|have|had)\b", re.I)
# words that lead a post typed as a search ("city attorney", "vice chairman", "parish clerk")
_POST_LEADS = frozenset("city town county parish district borough village township vice deputy assistant general chief "
                        "administrative executive".split())


_MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
               r"nov(?:ember)?|dec(?:ember)?)")


def _post_qualifiers_off(tail: str) -> str:
    """The post without what qualifies it ("mayor of kildare county council in july 2009" -> "mayor",
    "audit committee chairperson, carlow county council feb 2018" -> "audit committee chairperson",
    "chief executive officer of South Burnett Regional Council (October 2020)" -> "chief executive officer"):
    a bracket, what follows a comma when it names no post, a date, and the council or place whose post it is."""
    tail = re.split(r"\s*\(", tail, maxsplit=1)[0]
    head, comma, rest = tail.partition(",")
    if comma and not any(w.lower() in ROLE_WORDS for w in re.findall(r"[A-Za-z][A-Za-z'-]*", rest)):
        tail = head
    # a date or a period at the end, in any case ("in july 2009", "feb 2018", "for 2016/17", "2025/26")
    tail = re.sub(r"(?:\s+(?:in|on|for|at|during|of))?(?:\s+" + _MONTH_WORD + r")?\s+(?:19|20)\d\d(?:\s?[/\-\u2013]\s?\d{2,4})?\s*$",
                  "", tail, flags=re.I)
    tail = re.sub(r"\s+(?:in|on|during)\s+" + _MONTH_WORD + r"\s*$", "", tail, flags=re.I)
    # "... of/to/for <a council or body>", in any case ("clerk to narborough parish council")
    posts, body_ends = _posts_of_a_body()
    tail = re.sub(r"\s+(?:of|to|for|at|on)\s+(?:the\s+)?(?:(?!(?:of|to|for|at|on|in)\s)[\w'\u2019&.,-]+\s+){0,6}?(?:" + body_ends
                  + r")\b[^?]*$", "", tail, flags=re.I)
    # "mayor of Nelson", "parish clerk of Shillingstone": a post held of a place, whatever the place is called
    # (a committee's chair is that committee's: "Chair of the Planning Committee" stays whole)
    m = re.match(r"(.*?\b(?:" + posts + r"))\s+(?:of|to|for)\s+(?:the\s+)?(?-i:[A-Z])"
                 r"(?![^?]*\b(?:committee|sub-committee|group|panel|party|board)\b).*$", tail, flags=re.I)
    if m:
        tail = m.group(1)
    return tail.strip(" ,.")


_PREPOSITIONS = frozenset("of for to at in on with and within across from".split())


def _post_only(tail: str) -> str:
    """The post named, up to where a verb or another noun phrase follows its role word ("Lend Lease Europe
    chairman quoted on ..." -> "Lend Lease Europe chairman", "new police Inspector the chair met" -> "new
    police Inspector"): a past participle, or an article that no preposition leads."""
    words = tail.split()
    first = next((i for i, w in enumerate(words) if w.lower().strip(",.") in ROLE_WORDS), None)
    if first is None:
        return tail
    for j in range(first + 1, len(words)):
        w = words[j]
        if (w.lower() in ("the", "a", "an") and words[j - 1].lower() not in _PREPOSITIONS) or re.fullmatch(r"[a-z]{3,}ed", w):
            return " ".join(words[:j])
    return tail


_AUX = frozenset("is was are were did does do has have had will would can could should may might".split())
_PHRASE_END = frozenset(
    "per did do does were was is are have has had will would can could should may might in of for from with "
    "within across at on by during between since".split()
)


# nouns counted in the plural without an -s ("how many people", "fifteen people attended")
IRREGULAR_PLURALS = r"people|children|men|women|staff|police|personnel"


_MEASURE_WORDS = frozenset("high tall long wide deep old large big thick".split())


def _target_of(q: str, answer_type: str) -> str | None:
    low = q.lower()
    pats = []
    if answer_type == "number":
        pats = [r"\bhow\s+many\s+(?:of\s+the\s+|more\s+|new\s+|additional\s+)?([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,3})",
                r"\bthe\s+number\s+of\s+([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,3})"]
    elif answer_type in ("text", "person"):
        pats = [r"\b(?:which|what)\s+(?:\w+\s+){0,2}(provider|company|organisation|organization|firm|body|council|authority|agency|charity|"
                r"contractor|school|ward|act|clause|judgement|judgment|rating|programme|scheme|project|campaign|"
                r"team|service|centre|partner|option|category|venue|site|grade|level|model|framework|"
                r"committee|board|panel|group|policy|strategy|report|hospital|academy|street|road|area|borough)\b",
                r"\bwho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:\w+\s+){0,2}?(provider|company|organisation|contractor|firm|partner|operator)\b"]
        if re.match(r"\s*where\b", low):
            return "where"
        m = re.match(r"\s*whose\s+([a-z][a-z-]+)", low)
        if m:
            return "whose"
        m = re.search(r"\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?names?\s+of\s+(?:the\s+|a\s+|an\s+)?([a-z]+)", low)
        if m:
            return m.group(1)
    if answer_type == "text":
        # "which university ...": the word after which/what names the kind of answer; a name before it
        # says whose ("which Limerick library": a library)
        m = re.match(r"\s*(?i:which|what)\s+((?:[A-Z][\w'\u2019-]*\s+){0,3})([a-z][a-z-]+)\b", q)
        if m and m.group(2) not in STOPWORDS and m.group(2) not in _AUX:
            pats = pats + [r"\b(?:which|what)\s+(?:\S+\s+){0,3}?(" + re.escape(m.group(2)) + r")\b"]
    for p in pats:
        m = re.search(p, low)
        if m:
            t = m.group(1).strip()
            if answer_type == "number":
                # the counted noun: the last word of the noun phrase before a verb/preposition
                words = []
                for w in t.split():
                    if w in STOPWORDS or w in _PHRASE_END:
                        break
                    words.append(w)
                    if re.fullmatch(IRREGULAR_PLURALS, w):
                        break  # "how many people came": the counted noun ends the phrase, a verb follows
                # "how many storeys high": the storeys are counted, "high" says what they measure
                while len(words) > 1 and words[-1] in _MEASURE_WORDS:
                    words.pop()
                return " ".join(words) if words else None
            return t
    return None


def _authorities_in(q: str) -> list[str]:
    out = []
    for item in authorities.find_authorities(q):
        canon = item[3]
        if canon and canon not in out:
            out.append(canon)
    return out


def _dates_in(q: str) -> list[str]:
    return [d.iso for d in dates.find_dates(q) if d.kind == "day"]


def _people_in(q: str) -> list[str]:
    """Person names in a question: a title before them or a known given name first."""
    out = []
    given = given_names()
    for m in _name_re().finditer(q):
        titled = bool(_title_re().match(m.group(0)))
        name = re.sub(r"['\u2019]s$", "", _title_re().sub("", m.group(0)))  # "Councillor Quinlivan's vacancy": the name
        first = name.split()[0].lower()
        if (titled or first in given) and name not in out:
            out.append(name)
    return out


def read_question(question: str) -> Question:
    """Read a question: answer type, role, content terms, mentions."""
    q = " ".join(question.strip().split())
    answer_type = _type_of(q)
    role: str | None = None
    role_extra: list[str] = []
    if answer_type == "person":
        role, role_extra = _role_of(q)
    target = _target_of(q, answer_type)
    if answer_type == "person" and target and target.split()[-1] in ORG_NOUNS:
        answer_type = "text"  # "who is the provider of ..." asks for an organisation
        role = None
    # ("what council tax increase ...?": a budget's change is a percentage, question_types.txt)
    percent = answer_type == "number" and bool(
        re.search(r"percent|proportion|%|\bshare\b|\bfraction\b|\brate\b", q, re.I) or _CHANGE_ASKED.match(q))

    # "which hospital runs ...": the verb right after the class noun is often paraphrased in the papers
    verb = None
    if target and target not in ("where", "whose") and answer_type == "text":
        mv = re.match(r"\s*(?:which|what|whose)\s+(?:[a-z]+\s+){0,2}?" + re.escape(target.split()[-1]) + r"\s+([a-z]+)\b", q.lower())
        if mv and mv.group(1) not in STOPWORDS and mv.group(1) not in _AUX:
            verb = mv.group(1)
    toks = tokens(q)
    size = _HOW_SIZE.search(q)
    size_word = size.group(1).lower() if size else None
    terms: list[str] = []
    stems: list[str] = []
    cue: list[str] = []
    for surface, _s, _e in toks:
        low = surface.lower().replace("\u2019", "'")
        if low in STOPWORDS or low in ("?", "&"):
            continue
        if low.endswith("'s") and low[:-2] in STOPWORDS:
            continue
        st = stem(surface)
        if not st:
            continue
        terms.append(surface)
        stems.append(st)
        if low in _TYPE_CUE_WORDS or (answer_type == "money" and low in GENERIC_MONEY_WORDS) or low in WEAK_WORDS:
            cue.append(st)
        elif low == size_word:
            cue.append(st)  # "how big is the fund": asks for its size, which no paper calls big
        elif low == verb:
            cue.append(st)
        elif answer_type in ("text", "person") and target and target not in ("where", "whose") and low == target.split()[-1]:
            cue.append(st)  # "which hospital": the papers name it, often without the class word
    for extra in role_extra:
        if stem(extra) not in stems:
            terms.append(extra)
            stems.append(stem(extra))

    role_stems: list[str] = []
    if role:
        role_stems = [stem(w) for w, _s, _e in tokens(role) if w.lower() not in STOPWORDS]
    elif role_extra:
        role_stems = [stem(w) for w in role_extra]

    periods = [m.group(0) for m in _PERIOD.finditer(q)]
    after, before = _bounds(q)
    # words after "that/which/who/because ..." (past the question word) belong to a subordinate clause
    sub: list[str] = []
    m_sub = re.search(r"\S\s+(?:that|which|who|whom|whose|because|whether|if|so\s+that)\s+", q[6:], re.I)
    if m_sub:
        main = {stem(w) for w, _s, _e in tokens(q[: 6 + m_sub.start() + 1])}
        sub = [st for w, _s, _e in tokens(q[6 + m_sub.end():]) for st in [stem(w)] if st not in main]
    query_words = [t for t, s in zip(terms, stems) if t.lower() not in ("many", "much")]
    return Question(
        text=question,
        answer_type=answer_type,
        terms=terms,
        stems=stems,
        query=" ".join(query_words),
        role=role,
        role_stems=role_stems,
        target=target,
        target_stem=stem(target.split()[-1]) if target and target not in ("where", "whose") else target,
        target_phrase=[stem(w) for w in target.split()] if target and answer_type == "number" else [],
        percent=percent,
        periods=periods,
        people=_people_in(q),
        authorities=_authorities_in(q),
        dates=_dates_in(q),
        cue_stems=cue,
        after=after,
        before=before,
        subordinate=sub,
        sentence=answer_type == "text" and _sentence_question(q),
    )


def _sentence_question(q: str) -> bool:
    """A question whose answer is a statement (yes/no, why, what happened, what was decided):
    the minutes answer it with a sentence (rules in ``data/sentence_questions.txt``)."""
    return sentence_kind(q) is not None


def sentence_kind(q: str) -> str | None:
    """The kind of statement a sentence question asks for (``data/sentence_questions.txt``: yesno,
    reason, outcome, vote, decision), None for a question answered by a name or a figure."""
    from paperfinder.datafiles import tab_rules

    return next((kind for (kind,), rx in tab_rules("sentence_questions.txt") if rx.match(q)), None)


def _bounds(q: str) -> tuple[str | None, str | None]:
    """ISO bounds from "after/since X" and "before/until/prior to X" in a question."""
    after = before = None
    for d in dates.find_dates(q):
        if getattr(d, "kind", "day") == "financial_year":
            continue
        lead = q[max(0, d[0] - 25):d[0]].lower()
        if re.search(r"\b(?:after|since|following|later\s+than)\s+(?:the\s+)?$", lead):
            after = d[3]
        elif re.search(r"\b(?:before|until|prior\s+to|earlier\s+than|by)\s+(?:the\s+)?$", lead):
            before = d[3]
    return after, before
