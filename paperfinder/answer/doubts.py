"""Doubts about a picked answer that its passage's match to the question cannot show.

The confidence (``reader._confidence``) weighs how well the answering sentence holds the
question's words and how the span sits among them. These checks read the span itself
against the question, and the answer's paper against the period the question names:

- the answer is words of the question ("How many responses to the 11,000 homes
  consultation?" -> "11,000"; "Who answered Jerry Flynn's question?" -> "Jerry Flynn"):
  a question does not hold its own answer;
- a text answer that is only the name of a month, weekday or season ("Where are the
  scalpings ordered from?" -> "Spring"): a time, not the thing asked for;
- a question asking for an amount (a sum, a quote, a cost) answered by words without
  a figure ("What commuted sum was received?" -> "Resolution Required");
- an amount or number that is one end of a range ("The budget is between €3m and €4m
  per year" -> "€4m"): the paper states the range, not that figure;
- the answer's paper is dated more than a year away from every year the question names,
  and neither the sentence nor its heading names that year: most often another year's
  matter of the same kind;
- the question asks about a meeting of a month and year ("Mallow Town Council's April 2011
  monthly meeting") and the answer's paper is the record of a meeting of another month of that
  year, its sentence not naming the month asked: another meeting's record;
- a person question about a vice or deputy post ("who seconded the Vice Chairman's election?")
  answered from a sentence (with its heading) naming the post without "vice" or "deputy" ("... that
  Cllr <A> be re-elected as Chairman"), or the other way round: the election of the other post;
- a person question asking who was absent, sent apologies, voted against or abstained, or declared
  an interest, answered from a passage whose label for that list says nobody ("ABSENT: None",
  "NAY: None", "Apologies: Nil"): the name picked did something else there;
- a person question about a post held for a term of two years ("Chairman for 2017-2018") answered
  from a sentence naming another such term ("for the year 2016 - 2017"): another year's holder.

Each doubt multiplies the confidence by a round cost; ``answer_doubts`` gives the
product and the reasons (for ``--explain``-style reading and the tests).
"""

from __future__ import annotations

import calendar
import re

from paperfinder.answer.question import GENERIC_MONEY_WORDS, MONEY_WORDS, PURPOSE_ASKED, STOPWORDS, Question, stem, tokens
from paperfinder.answer.units import Unit
from paperfinder.datafiles import data_lines
from paperfinder.recognise.dates import MONTHS
from paperfinder.text.person_titles import title_words

__all__ = ["answer_doubts", "ECHO_COST", "TIME_WORD_COST", "NO_FIGURE_COST", "RANGE_END_COST", "OTHER_YEAR_PAPER_COST",
           "OTHER_MEETING_COST", "OTHER_POST_COST", "OTHER_TERM_COST", "NOBODY_COST", "nobody_listed"]

ECHO_COST = 0.5  # the answer repeats the question: as good as no answer
TIME_WORD_COST = 0.5  # a bare month, weekday or season for a question asking for a thing
NO_FIGURE_COST = 0.6  # an amount asked, words without a figure given
RANGE_END_COST = 0.6  # one end of a range for the figure asked
OTHER_YEAR_PAPER_COST = 0.7  # the paper's year is not (nor next to) the year asked about
OTHER_MEETING_COST = 0.7  # the meeting asked is of another month than the paper's
OTHER_POST_COST = 0.6  # the sentence is about the post beside the one asked (chair for vice-chair, or back)
OTHER_TERM_COST = 0.6  # the sentence names another term of office than the one asked
NOBODY_COST = 0.3  # the passage's list of those asked about says "None": no name answers

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _stems(text: str) -> list[str]:
    out = []
    for surface, _s, _e in tokens(text):
        low = surface.lower()
        # a title or an initial says nothing of whose name it is ("Councillor L. Galvin" repeats "Galvin")
        if low in STOPWORDS or low in title_words() or low in title_words("rank") or len(surface) == 1:
            continue
        out.append(stem(surface))
    return out


def _echoes(q: Question, surface: str) -> bool:
    """Every word of the answer is a word of the question."""
    said = _stems(surface)
    return bool(said) and set(said) <= set(_stems(q.text))


def _time_word(surface: str) -> bool:
    """Only month, weekday or season names, no day number ("Spring", "March", "Friday")."""
    words = [w.lower() for w, _s, _e in tokens(surface)]
    times = set(MONTHS) | set(data_lines("time_words.txt"))
    return bool(words) and all(w in times for w in words)


_AMOUNT_STEMS = frozenset(stem(w) for w in MONEY_WORDS | GENERIC_MONEY_WORDS)


def _amount_asked(q: Question) -> bool:
    """A "what ..." question naming an amount ("What commuted sum ...", "What was the quotation ..."):
    "which quote was accepted?" asks who gave it, so only "what" and "how much" count."""
    if not re.match(r"\s*(?:what|how\s+much)\b", q.text, re.I) or PURPOSE_ASKED.search(q.text):
        return False  # "what was the payment for?" names the amount to ask what it paid for
    return any(st in _AMOUNT_STEMS for st in q.stems)


_FIG = r"[£€$]?\d[\d,.]*(?:\s?(?:m|bn|k|million|billion)\b)?"
_MONEY_FIG = r"[£€$]\d[\d,.]*(?:\s?(?:m|bn|k|million|billion)\b)?"
# the words before a range's second figure, and after its first
_RANGE_BEFORE = re.compile(rf"(?:\bbetween\s+{_FIG}\s+(?:and|to)|\bfrom\s+{_FIG}\s+to)\s+$", re.I)
_RANGE_AFTER_BETWEEN = re.compile(rf"^\s+(?:and|to)\s+{_FIG}", re.I)
_RANGE_AFTER_FROM = re.compile(rf"^\s+to\s+{_FIG}", re.I)
_MONEY_RANGE_BEFORE = re.compile(rf"{_MONEY_FIG}\s?[-\u2013]\s?$")
_MONEY_RANGE_AFTER = re.compile(rf"^\s?[-\u2013]\s?{_MONEY_FIG}")


def _range_end(text: str, start: int, end: int) -> bool:
    """The figure at ``text[start:end]`` is one end of a range ("between €3m and €4m", "from 20 to 30",
    "£500-£600"; a dash only between two amounts, since one also joins a year to the amount after it)."""
    before, after = text[:start], text[end:]
    if _RANGE_BEFORE.search(before):
        return True
    if re.search(r"\bbetween\s+$", before, re.I) and _RANGE_AFTER_BETWEEN.match(after):
        return True
    if re.search(r"\bfrom\s+$", before, re.I) and _RANGE_AFTER_FROM.match(after):
        return True
    figure = text[start:end]
    if re.match(r"[£€$]", figure):
        return bool(_MONEY_RANGE_BEFORE.search(before) or _MONEY_RANGE_AFTER.match(after))
    return False


def _paper_years_off(q: Question, u: Unit, paper_date: str | None) -> bool:
    """The paper is dated two or more years from every year the question names, and the answering
    sentence (with its heading and neighbours) names none of them."""
    asked = {int(y) for p in q.periods for y in _YEAR.findall(p)}
    if not asked or not paper_date or not _YEAR.match(paper_date[:4]):
        return False
    year = int(paper_date[:4])
    if any(abs(year - a) <= 1 for a in asked):
        return False
    around = " ".join((u.text, u.context, u.table_ctx, u.neighbours))
    return not any(str(a) in around or f"{a}/" in around or f"/{str(a)[2:]}" in around for a in asked)


_MONTH_NAMES = tuple(calendar.month_name[1:])
# "the meeting of 17 May 2017" (the meeting itself, read first), "April 2011 monthly meeting"; "the April 2017 minutes
# confirmed at the May meeting" names another meeting's record, not the one asked about
# (the day after the month, as North American papers write it: "its April 19, 2017 meeting", "the meeting of May 3, 2017")
_DAY_AFTER = r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
_MEETING_ON = re.compile(r"\bmeeting\s+(?:of|on|held\s+on)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?("
                         + "|".join(_MONTH_NAMES) + r")\s+" + _DAY_AFTER + r"((?:19|20)\d\d)\b")
_MONTH_MEETING = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\s+" + _DAY_AFTER + r"((?:19|20)\d\d)\s+(?:[a-z]+\s+){0,2}meeting\b")


def _other_meeting(q: Question, u: Unit, paper_date: str | None) -> bool:
    """The question names a meeting of a month and year, the paper is dated the same year in another month,
    and the answering sentence (with its heading) does not name the month asked."""
    m = _MEETING_ON.search(q.text) or _MONTH_MEETING.search(q.text)
    if m is None or not paper_date or not re.match(r"\d{4}-\d\d-\d\d$", paper_date):
        return False
    month, year = m.group(1), m.group(2)
    if paper_date[:4] != year or int(paper_date[5:7]) == _MONTH_NAMES.index(month) + 1:
        return False
    return month.lower() not in " ".join((u.text, u.context)).lower()


# a post a council elects with a second in command: chair, chairman, chairperson, mayor, president, convener,
# Cathaoirleach; "vice", "deputy" or "leas" before it names the second post
_POSTS = r"(?:chair(?:man|woman|person)?|mayor|president|convener|cathaoirleach)"
_SECOND = r"(?:vice|deputy|leas)[\s-]*"
_POST_RE = re.compile(r"\b(" + _SECOND + r")?" + _POSTS + r"\b", re.I)


def _posts_named(text: str) -> tuple[bool, bool]:
    """Whether ``text`` names the first post (a chair, a mayor) and whether it names the second (a vice-chair,
    a deputy mayor)."""
    first = second = False
    for m in _POST_RE.finditer(text):
        if m.group(1):
            second = True
        else:
            first = True
    return first, second


def _other_post(q: Question, u: Unit) -> bool:
    """The question asks about one of a first and a second post (chair / vice-chair) and the answer's
    sentence, with its heading, names only the other."""
    if q.answer_type != "person":
        return False
    q_first, q_second = _posts_named(q.text)
    if q_first == q_second:
        return False  # neither post, or both ("who proposed the Chairman as Vice-Chairman?")
    s_first, s_second = _posts_named(" ".join((u.text, u.context)))
    return (s_first and not s_second) if q_second else (s_second and not s_first)


# a term of office of two years running: "2017-2018", "2017/18", "2016 – 2017"
_TERM = re.compile(r"\b((?:19|20)\d\d)\s?[/\-\u2013]\s?((?:19|20)?\d\d)\b")


def _terms(text: str) -> set[int]:
    """The first years of the two-year terms ``text`` names."""
    out = set()
    for m in _TERM.finditer(text):
        a, b = int(m.group(1)), int(m.group(2)[-2:])
        if (a + 1) % 100 == b:
            out.add(a)
    return out


def _other_term(q: Question, u: Unit) -> bool:
    """A person question naming a term of office ("Chairman for 2017-2018") and an answering sentence
    naming only other terms ("for the year 2016 - 2017")."""
    if q.answer_type != "person":
        return False
    asked = _terms(q.text)
    said = _terms(u.text)
    return bool(asked) and bool(said) and not asked & said


# the lists a question may ask for by who is on them, each with the labels minutes give it
_LISTS = (
    (re.compile(r"\babsen(?:t|ce)\b", re.I), r"absent|absentees?|apologies(?:\s+for\s+absence)?|apologies\s+received"),
    (re.compile(r"\bapolog", re.I), r"apologies(?:\s+for\s+absence)?|apologies\s+received"),
    (re.compile(r"\b(?:against|nays?|noes|opposed)\b", re.I), r"nays?|noes|against|opposed"),
    (re.compile(r"\babstain", re.I), r"abstain(?:ed|ing)?|abstentions?"),
    (re.compile(r"\bdeclar\w*\b.{0,30}\binterests?\b", re.I), r"declarations?\s+of\s+(?:\w+\s+)?interests?"),
)
# "None", "Nil", "No one" right after the label and its punctuation ("Apologies for Absence:, None", "NAY: | None |")
_AFTER_LABEL = r"[\s:;,.|\-\u2013]*"
_NOBODY_WORD = r"(?i:none|nil|no\s*one|nobody)\b"
_NOBODY = _AFTER_LABEL + _NOBODY_WORD


def nobody_listed(q: Question, text: str) -> bool:
    """``text`` (an answering passage) labels the list the person question asks about ("which trustees
    were absent?", "who voted against?") and says nobody is on it, and names nobody on another list of the
    same label (a passage of several votes: "Nay: None" for one motion, "Nay: Hartley" for the next)."""
    if q.answer_type != "person":
        return False
    return any(asked.search(q.text) and _nobody_on(labels, text) for asked, labels in _LISTS)


def _nobody_on(labels: str, text: str) -> bool:
    label = r"(?:^|[\s|(])(?i:" + labels + r")"
    if not re.search(label + _NOBODY, text, re.I | re.M):
        return False
    # a label with a name after it: somebody is on that list in this passage
    return not re.search(label + _AFTER_LABEL + "(?!" + _NOBODY_WORD + ")[A-Z][a-z]", text, re.M)


def answer_doubts(q: Question, surface: str, u: Unit, paper_date: str | None,
                  span: tuple[int, int] | None = None) -> tuple[float, list[str]]:
    """The cost the doubts about ``surface`` (picked from ``u`` at ``span``, in a paper dated
    ``paper_date``) put on the confidence, and what each doubt was."""
    cost, why = 1.0, []
    if _echoes(q, surface):
        cost *= ECHO_COST
        why.append("the answer is words of the question")
    if q.answer_type == "text" and not q.sentence:
        if _time_word(surface):
            cost *= TIME_WORD_COST
            why.append("a bare month, weekday or season")
        elif _amount_asked(q) and not re.search(r"\d", surface):
            cost *= NO_FIGURE_COST
            why.append("an amount asked, no figure given")
    if q.answer_type in ("money", "number") and span is not None and _range_end(u.text, *span):
        cost *= RANGE_END_COST
        why.append("one end of a range")
    if _paper_years_off(q, u, paper_date):
        cost *= OTHER_YEAR_PAPER_COST
        why.append("the paper is of another year than the one asked about")
    elif _other_meeting(q, u, paper_date):
        cost *= OTHER_MEETING_COST
        why.append("the paper records a meeting of another month than the one asked about")
    if _other_post(q, u):
        cost *= OTHER_POST_COST
        why.append("the sentence is about the post beside the one asked (chair or vice-chair)")
    if _other_term(q, u):
        cost *= OTHER_TERM_COST
        why.append("the sentence names another term of office than the one asked")
    return cost, why
