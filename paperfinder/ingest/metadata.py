"""Document metadata read from the paper itself, and agenda packs split into reports.

Council papers open with a header block: council, committee and date, title,
"Report of", "Report author", "Key Decision". Labelled lines are read first;
unlabelled covers fall back to position (the line after the council/date line).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from paperfinder.datafiles import data_lines, data_text, words_regex
from paperfinder.ingest.titles import (
    MAX_TITLE,
    choose_title,
    committee_of,
    council_only,
    is_title,
    own_meeting,
    site_furniture,
    with_authority,
)
from paperfinder.model import Document, Line
from paperfinder.recognise.authorities import find_authorities, named_within
from paperfinder.recognise.bodies import LOCAL_TIERS, Body, county_council, find_bodies, not_place_words, shouted, title_case
from paperfinder.recognise.dates import find_dates, month_first_reading, parse_date, writes_month_first, year_less_days
from paperfinder.recognise.names import given_names, has_role_word, person_like
from paperfinder.text.layout import VOTE_ROLL
from paperfinder.text.person_titles import title_pattern
from paperfinder.text.rxscan import fold, may_search, may_search_any

if TYPE_CHECKING:
    from paperfinder.ingest.authority_evidence import Candidate

HEADER_LINES = 40
# how far into a paper its way of writing dates (day or month first) is read
MONTH_FIRST_LINES = 400

_AGENDA_ITEM = re.compile(r"^#*\s*agenda\s+item\s+(\d+[a-z]?)\b\s*$", re.I)
_MINUTES_HEAD = re.compile(r"^#+\s*(.{0,120}\bminutes|minutes of\b.{0,120})\s*$", re.I)
_REPORT_MARK = re.compile(r"^(report\s+(of|author|to)\b|decision\s+maker\b)", re.I | re.M)
_LABEL = re.compile(
    r"^(?P<label>title|subject|report title|date|date of meeting|meeting date|date of decision|decision date|"
    r"report of|report author|report to|decision maker|author|key decision|contact officer|"
    r"responsible director|accountable director|accountable executive director|committee|meeting name|meeting)"
    r"\s*[:\-–]\s*(?P<value>.*)$",
    re.I,
)
_HEADING_MARK = re.compile(r"^#+\s*")
_NUMBERED_SECTION = re.compile(r"^(#+\s*)?(-\s*)?\d{1,2}\.?\s+[A-Z]")
_NOT_TITLE = re.compile(
    r"^(open report|classification\b|wards affected|key decision|report of|report author|contact|tel\b|"
    r"e-?mail|date\b|accountable|responsible|item\b|pages?\b|agenda$|public\b|exempt\b|for decision|"
    r"for information|decision maker|city for all|financial summary|n/?a$|summary$|membership$)",
    re.I,
)
# an agenda's item opening a header line ("2796.<tab>Public Forum", "B. Request for Adoption of ..."): no committee
_PLACE_LABEL = re.compile(r"^\W*(venue|location|place|room|address|contact)\s*:", re.I)
_AGENDA_ITEM_LINE = re.compile(r"^\s*(?:\d+[.)]\s*[A-Za-z\t]|[A-Z][.)][ \t]+[A-Z][a-z])")


def _label_values(lines: list[Line]) -> dict[str, str]:
    """Labelled header fields; a tab splits several labels on one line."""
    found: dict[str, str] = {}
    for k, line in enumerate(lines):
        cells = line.text.split("\t")
        for i, cell in enumerate(cells):
            # "Classification For PAC review and comment Key Decision: No" holds a label mid-cell
            for part in re.split(r"(?=\bKey Decision\s*:)", cell):
                m = _LABEL.match(part.strip())
                if not m:
                    continue
                value = m.group("value").strip()
                if not value and i + 1 < len(cells):
                    value = cells[i + 1].strip()  # "Title:<tab>Funding for ..."
                if not value and len(cells) == 1 and k + 1 < len(lines):
                    # labels on one line, values on the next ("Meeting Name:" / "Cabinet")
                    nxt = lines[k + 1].text.strip()
                    if nxt and not _LABEL.match(nxt) and not _BARE_LABEL.match(nxt):
                        value = nxt
                if value:
                    found.setdefault(m.group("label").lower(), value)
    return found


# a label alone on its line, whose value is on the next line
_BARE_LABEL = re.compile(r"^(item no\.?|classification|wards? affected|from|to|date|meeting name|report title|title|subject)\s*:?\s*$", re.I)


def _strip_heading(text: str) -> str:
    return _HEADING_MARK.sub("", text).strip()


def _name_of(value: str) -> str:
    """'Cllr Larry Culhane - Cabinet Member for X' -> 'Larry Culhane'."""
    v = re.split(r"\s+[-–]\s+|,|\s{2,}|\t|\bTel\b|\bE-?mail\b", value)[0].strip()
    v = re.sub(r"^(the\s+)?(councillor|cllr\.?)\s+", "", v, flags=re.I)
    return v.strip(" .")


def _doc_date(header: list[Line], labels: dict[str, str], all_lines: list[Line]) -> str | None:
    for key in ("date of meeting", "meeting date", "date of decision", "decision date", "date"):
        if key in labels:
            iso = parse_date(labels[key])
            if iso:
                return iso
    for line in header[:20]:
        if re.match(r"^date issued", line.text, re.I):
            continue
        for _s, _e, _surface, iso in find_dates(line.text):
            if iso and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) and not re.search(r"/\d{2}", _surface):
                return iso
    return None


def _financial_year_date(lines: list[Line]) -> str | None:
    """The latest financial year a document talks about, as the start of that year."""
    from paperfinder.recognise.dates import financial_years

    years: Counter[str] = Counter()
    for line in lines[:200]:
        for _s, _e, _surface, iso in financial_years(line.text):
            years[iso] += 1
    if not years:
        return None
    return max(years)


def _title(header: list[Line], labels: dict[str, str]) -> tuple[str, str, bool]:
    """(title, the header line it came from, whether a label gave it)."""
    for key in ("title", "report title", "subject"):
        if key in labels:
            return labels[key], labels[key], True
    for line in header:
        if _NUMBERED_SECTION.match(line.text):
            break
        cells = [c.strip() for c in _strip_heading(line.text).split("\t") if c.strip()]
        # a cover line "Council<tab>COMMITTEE<tab>date" names no title
        cover_line = len(cells) > 1 and any(find_authorities(c) for c in cells) and any(find_dates(c) for c in cells)
        for cell in cells:
            # (a site's line over the paper's own title, "Decision details", is passed over)
            if _is_title(cell, cover_line) and not site_furniture(cell):
                return cell, line.text, False
    first = _strip_heading(header[0].text) if header else ""
    return first, first, False


def _is_title(cell: str, cover_line: bool) -> bool:
    if _NOT_TITLE.match(cell) or _AGENDA_ITEM.match(cell) or len(cell) > MAX_TITLE:
        return False
    if sum(c.isalpha() for c in cell) < 4:
        return False
    if cell.islower():
        return False  # a logo's text ("h&f hammersmith & fulham")
    rest = cell
    auths = find_authorities(cell)
    for s, e, _surface, _canon in reversed(auths):
        rest = rest[:s] + rest[e:]
    dates = find_dates(rest)
    for s, e, *_x in reversed(dates):
        rest = rest[:s] + rest[e:]
    if (auths or dates) and _committee_words().search(rest) and len(rest.split()) <= 8:
        return False  # "London Borough of X CABINET 3 NOVEMBER 2014"
    rest = re.sub(r"\b(london borough of|royal borough of|city of|council|borough)\b", "", rest, flags=re.I).strip(" -–,&")
    if sum(c.isalpha() for c in rest) < 4:
        return False  # only a council name and/or a date
    if cover_line and _committee_words().search(cell):
        return False
    return True


def _committee_words() -> re.Pattern:
    """A committee's words ("Planning Committee", "Cabinet"), and a header's council or meeting."""
    return words_regex("committee_words.txt", "council", "meeting")


_COMMITTEE_LABELS = ("decision maker", "report to", "committee", "meeting")
_SITE_MEETING = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}\s*[-–]\s*|\s*\(item\s+\d+[a-z]?\.?\)$", re.I)


def _is_committee(text: str | None) -> bool:
    """A committee a header line gave that reads as one: not a sentence's start
    ("Minutes of Proceedings at Meeting of Limerick City and"), a crest's OCR, a bare word."""
    if not text or re.search(r"\b(held|requested|approval)\b|\bminutes\b(?!\W*$)", text, re.I):
        return False
    if _reads_as_sentence(text) or not re.match(r"[^\W\d_]", text.strip()):
        return False  # a sentence, or a logo's OCR ("= & County Council")
    # one word will do for a committee ("Cabinet", "CEPAC"); a sentence's start or a crest's OCR will not
    return is_title(text) or (bool(_committee_words().search(text) or (text.isupper() and len(text) >= 3))
                              and is_title(text, min_words=1))


# the small words a body's name joins its words with ("Overview and Scrutiny Committee")
_NAME_JOINERS = frozenset("of and the for on in to with at by upon under a an".split())


def _reads_as_sentence(text: str) -> bool:
    """A committee is a short name, not a sentence: "The Chairman welcomed everyone present to
    the Parish Council Meeting.", "Cllr. Peake sent his apologies.", "The Council's response
    to the Race" are lines of a paper. Told by a full stop at the end, a possessive before a
    common word, or two common (lower-case) words besides the joiners and a body's words."""
    t = text.strip()
    if re.search(r"[a-z]{3}\.$", t) or re.search(r"['’]s\s+[a-z]", t):
        return True
    common = [w for w in re.findall(r"\b[a-z][\w'’-]*", t)
              if w not in _NAME_JOINERS and not _committee_words().fullmatch(w)]
    return len(common) >= 2 and not t.islower()


def _labelled_committee(labels: dict[str, str]) -> str | None:
    """The body a label names ("Committee:", "Meeting:", "Decision maker:"); not the attendance list that
    follows a label left empty ("Meeting:" / "Members present: Cllr T Bridle, ...")."""
    for key in _COMMITTEE_LABELS:
        if key in labels:
            # a committee site's "Meeting: 18/06/2019 - Flintshire County Council (Item 13)": the body, not its
            # meeting's date or the item's number
            value = labels[key].split("\t")[0].strip()
            if attendance_label(value) is not None:
                continue
            return _SITE_MEETING.sub("", value).strip() or value
    return None


def _committee(header: list[Line], labels: dict[str, str]) -> str | None:
    if (labelled := _labelled_committee(labels)) is not None:
        return labelled
    for line in header[:8]:
        if _AGENDA_ITEM_LINE.match(line.text) or _PLACE_LABEL.match(line.text):
            continue  # "2796.<tab>Public Forum": an agenda's item; "Venue: The Committee Room": a place
        for cell in line.text.split("\t"):
            text = _strip_heading(cell)
            for s, e, _surface, _canon in find_authorities(text):
                text = (text[:s] + " " + text[e:]).strip()
            text = re.sub(r"^(london borough of|royal borough of|city of|council)\b", "", text, flags=re.I)
            for s, _e, _surface, _iso in find_dates(text):
                text = text[:s].strip()
                break
            text = re.sub(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", "", text, flags=re.I)
            text = text.strip(" -–,&:")
            if text and len(text) < 80 and _committee_words().search(text):
                return title_case(" ".join(text.split())) if text.isupper() and len(text) > 6 else text
    return None


# the types the header rules give a report that its words do not type (``_doc_type``)
REPORT_TYPES = ("cabinet_member_report", "cabinet_report", "committee_report", "agenda_pack_item", "report")


def doc_types() -> frozenset[str]:
    """Every document type a paper can be given: those of ``data/doc_type_rules.txt``, an agenda pack, and a report's."""
    from paperfinder.datafiles import tab_rules

    return frozenset(key[1] for key, _rx in tab_rules("doc_type_rules.txt", fields=2)) | {"agenda_pack", *REPORT_TYPES}


def _doc_type(title: str, header_text: str, labels: dict[str, str], committee: str | None, in_pack: bool) -> str:
    t = title.lower()
    h = header_text.lower()
    if "minutes" in t:
        return "minutes"
    if re.search(r"\bdecision notice\b|\brecord of (executive |cabinet member )?decision", h):
        return "decision_notice"
    if re.search(r"\bagenda\b", t) or (not labels and re.search(r"^#*\s*agenda\s*$", h, re.M)):
        return "agenda"
    maker = (labels.get("decision maker", "") + " " + labels.get("report to", "")).lower()
    if "cabinet member report" in h or "cabinet member" in maker:
        return "cabinet_member_report"
    if "cabinet" in maker or (committee and committee.lower().startswith("cabinet")):
        return "cabinet_report"
    if committee or re.search(r"\bcommittee\b", h):
        return "committee_report"
    return "agenda_pack_item" if in_pack else "report"


def _most_named_authority(lines: list[Line]) -> str | None:
    counts = Counter(c for line in lines[:400] for *_x, c in find_authorities(line.text))
    return counts.most_common(1)[0][0] if counts else None



# ---- reading any council's paper: body lines, authority, date, type ---------------

_FRONT_MATTER_KEY = re.compile(r"^[\w-]+\s*:|^\s*-\s|^\s*$")
_NOISE_LINE = re.compile(
    r"^\[?original file\]?(\(.*\))?$|^-{3,}$|^\*?<small>.*</small>\*?$|^scanned page\b|"
    r"^page\s*(\d+\s*)?(of\s*\d+)?$|"  # a PDF's page furniture ("Page of 6", "Page 2 of 6")
    # a web page's furniture above its text: an accessibility link, a layout table's note, a page's ends
    r"^skip\s+(to\s+)?(main\s+)?(content|navigation)$|^this table is used for column layout\.?$|"
    r"^(top|bottom) of page$|"
    # a council website's menu items, each a line of its own above the page's text ("Home", "Your Council",
    # "Council and democracy"): never a paper's heading
    r"^(home|menu|main\s+menu|search(\s+(this|the|our)\s+(web)?site)?|site\s+search|back\s+to\s+top|a\s*(-|to)\s*z(\s+of\s+services)?|site\s*map|print(\s+this\s+page)?|share(\s+this\s+page)?|accessibility|cookies|"
    r"log\s*in|sign\s*in|your\s+council|council\s+(and|&)\s+democracy|about\s+(us|the\s+council)|contact\s+us|"
    # a site's section named alone above the page ("Meetings", "News", "Documents")
    r"meetings|(latest\s+)?news|downloads|publications)$|"
    # a cookie banner: "We use cookies on this website to give you the best experience. Accept all cookies"
    r"^.{0,200}\b(we|this\s+(web)?site)\s+uses?\s+cookies\b.{0,300}$|^(accept|reject|manage)\s+(all\s+)?cookies$|"
    # a site's stamp of its page's edit: "Page last updated: 3 March 2024" (when the site changed the page, not
    # when the meeting was or the paper was written)
    r"^(this\s+)?(page\s+)?(was\s+)?last\s+(updated|modified|edited)(\s+on)?\b.{0,40}$|"
    # a blog post's stamp: "Posted on 3 January 2024 by admin" (when and by whom the site posted it)
    r"^posted\s+(on\s+)?.{0,40}\b(19|20)\d\d\b.{0,10}\bby\s+\S.{0,40}$|"
    # a document-sharing site's listing line over the paper it shows, with the upload's date ("mangaung local
    # municipality resolutions : council · pdf file 2016-04-22 ·..."), and its "Click here to load reader" (the
    # rest of its furniture, "Post on ...", "0 views", "Transcript", marks for the title where the paper starts)
    r"^.{0,200}·\s*(pdf|docx?|pptx?|xlsx?)\s+file\s+(19|20)\d\d-\d\d-\d\d\b.{0,20}$|^click\s+here\s+to\s+load\s+reader$",
    re.I,
)
_MARKUP = re.compile(r"\*\*|__|<[^>]{1,40}>|^#+\s*|^>\s*")


@lru_cache(maxsize=1)
def _related_list_marks() -> frozenset[str]:
    return frozenset(w.strip().lower() for w in data_text("related_lists.txt").splitlines() if w.strip() and not w.startswith("#"))


_LISTED_TITLE = 200  # a listed paper's title is a line this short; the paper's own text runs longer


# the marks read inside a run-on line: a label no sentence writes ("Similar documents", capitalised), not
# words prose may use ("the related documents were circulated")
_INLINE_MARKS = ("similar documents", "documents similar to this", "more documents like this", "you may also like",
                 "you might also like", "people also read", "recommended for you", "related posts")


@lru_cache(maxsize=1)
def _related_list_inline() -> re.Pattern:
    """A list's mark inside a line a page ran together: "Title of the paper Similar documents Other title ..."."""
    alts = (re.escape(m[0].upper()) + "(?i:" + r"\s+".join(map(re.escape, m[1:].split(" "))) + ")"
            for m in sorted(_INLINE_MARKS, key=len, reverse=True))
    return re.compile(r"\s(?:" + "|".join(alts) + r")\b")


def _without_related_lists(lines: list[Line]) -> list[Line]:
    """Lines without a document site's list of other papers ("Similar documents" and the
    short title lines under it, up to the first line of running text); a line run on past
    the mark keeps its words before it."""
    marks = _related_list_marks()
    inline = _related_list_inline()
    out: list[Line] = []
    listing = False
    for l in lines:
        text = l.text.strip()
        if _MARKUP.sub("", text).strip().lower().rstrip(": ") in marks:  # "## Similar documents", "**Related posts:**"
            listing = True
            continue
        if not listing and len(text) >= _LISTED_TITLE and (cut := inline.search(text)) and cut.start() > 0:
            # the paper's title, the mark and the list run on one line, as a page flattened gives them
            out.append(replace(l, text=text[: cut.start()]))
            listing = True
            continue
        if listing and len(text) >= _LISTED_TITLE:
            listing = False
        if not listing:
            out.append(l)
    return out


_TRAIL_STEP = re.compile(r"\s*(?:->|›|»|>|\s/\s)\s*")


@lru_cache(maxsize=1)
def _navigation_trail() -> re.Pattern:
    """A web page's navigation trail: an opening word of ``navigation_trails.txt`` (run into the
    next step or not: "You are hereGovernment") and a separator of steps, on one short line."""
    words = "|".join(re.escape(w) for w in data_lines("navigation_trails.txt"))
    return re.compile(r"^\W*(?:" + words + r")(?:\b|(?=[A-Z]))(?=.{0,150}?(?:->|›|»|\s>|\s/\s))(?!.{151})", re.I)


def body_lines(lines: list[Line]) -> list[Line]:
    """The paper's own lines: without a web page's front matter or date stamp (its
    title and posting date are the website's, not the paper's), a site's list of
    other papers, or a converter's notes."""
    start = 0
    if lines and lines[0].text.strip() == "---":
        for k in range(1, min(len(lines), 60)):
            if lines[k].text.strip() == "---":
                start = k + 1
                break
            if not _FRONT_MATTER_KEY.match(lines[k].text):
                break
    stamp = _web_stamp(lines)
    trail = _navigation_trail()
    out: list[Line] = []
    for l in _without_related_lists(lines[start:]):
        if _NOISE_LINE.match(_HEADING_MARK.sub("", l.text).strip()) or l is stamp:
            continue
        if trail.match(l.text.strip()):
            # the trail's steps are the site's sections; only its last step is this page's title
            # ("Home > Documents > TUESDAY, 5 MAY 2020 - Kereru District · Agenda: ..."), and a
            # trail ending in a separator ("Home Meetings Board of Commissioners ->") has none
            last = _TRAIL_STEP.split(l.text.strip())[-1].strip()
            if last:
                out.append(replace(l, text=last))
            continue
        out.append(l)
    return out


_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>title|date)\s*:\s*[\"']?(?P<value>.*?)[\"']?\s*$", re.I)
_HEADING_LINE = re.compile(r"^#{1,6}\s+\S")


def _web_stamp(lines: list[Line]) -> Line | None:
    """A saved web page's date stamp: a heading that is only a month and year
    ("## July 2014") right under the page's title heading. It says when the site
    posted the page, not when the meeting was."""
    heads = [l for l in lines[:400] if l.text.strip()][:2]
    if len(heads) == 2 and all(_HEADING_LINE.match(l.text) for l in heads):
        text = _HEADING_MARK.sub("", heads[1].text).strip()
        found = find_dates(text, financial=False)
        if len(found) == 1 and found[0].kind == "month" and found[0].surface.strip(" .,") == text.strip(" .,"):
            return heads[1]
    return None


def web_page_title(lines: list[Line]) -> tuple[str | None, str | None]:
    """(title, posted) of a saved web page: the title its site gave it and the date
    (or month) the site posted it, from its front matter or its title heading and
    date stamp; (None, None) for a paper that is not a saved page."""
    title = posted = None
    if lines and lines[0].text.strip() == "---":
        for l in lines[1:60]:
            if l.text.strip() == "---":
                break
            m = _FRONT_MATTER_FIELD.match(l.text.strip())
            if m and m.group("key").lower() == "title":
                title = m.group("value")
            elif m:
                found = find_dates(m.group("value"), financial=False)
                posted = found[0].iso if found else None
        return title, posted
    stamp = _web_stamp(lines)
    if stamp is not None:
        heads = [l for l in lines if l.text.strip()]
        title = _HEADING_MARK.sub("", heads[0].text).strip()
        posted = find_dates(_HEADING_MARK.sub("", stamp.text), financial=False)[0].iso
    return title, posted


_MONTH_WORD = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I
)


def _date_from_page_title(title: str, posted: str | None) -> str | None:
    """A saved page whose paper states no date: its site's title may ("Minutes of the
    meeting ... held on Thursday 12th February 2004", "Parish Council - May"); a month
    without a year is the last such month up to the posting date (minutes are posted
    after the meeting)."""
    found = [d for d in find_dates(title, financial=False) if d.kind in ("day", "month")]
    if found:
        return found[0].iso
    from paperfinder.recognise.dates import MONTHS

    months = [m for m in _MONTH_WORD.finditer(title) if not (m.group(1).lower() == "may" and m.group(1).islower())]
    if not months or not posted:
        return None
    month = MONTHS[months[0].group(1).lower()]
    year, posted_month = int(posted[:4]), int(posted[5:7])
    return f"{year if month <= posted_month else year - 1:04d}-{month:02d}"


# a meeting a saved page reports took place at most this many days before the site posted it
_POSTED_WITHIN_DAYS = 183


def _posted_meeting_date(text: str, posted: str) -> str | None:
    """A saved page that states its meeting's day and month but no year ("Items ... from
    meeting on 11th April", "The November meeting ... took place on the 8th of November"),
    and no other full date: the meeting is the last such day up to the day the site posted
    the page (a report of a meeting is posted after it, within months), so the posting date
    gives the year, the year before when the day falls after it."""
    if len(posted) < 7:
        return None
    year, month0 = int(posted[:4]), int(posted[5:7])
    day0 = int(posted[8:10]) if len(posted) == 10 else 31
    for m in year_less_days(text):
        before = text[max(0, m.start - 120) : m.start]
        if not _DATE_CUE.search(before) or _NOT_THIS_MEETING.search(before[-_NOT_THIS_REACH:]):
            continue
        month, day = m.month, m.day
        y = year if (month, day) <= (month0, day0) else year - 1
        try:
            held = date(y, month, day)
        except ValueError:
            continue
        if (date(year, month0, min(day0, 28)) - held).days > _POSTED_WITHIN_DAYS:
            continue
        return held.isoformat()
    return None


@lru_cache(maxsize=4096)  # a paper's first lines are read as words for its head, its type and its date
def _plain(text: str) -> str:
    """A header line as words: markup gone, words a web page glued together parted
    ("Regular Meeting MinutesMORRO BAY CITY COUNCIL"), capitals put in title case."""
    t = " ".join(_MARKUP.sub("", text).split())
    t = _OCR_ORDINAL.sub(r"\1", t)
    t = _GLUED_CAPITALS.sub(r"\1 \2", t)
    return title_case(t) if shouted(t) else t


# a word in small letters running straight into one in capitals: two words a page lost the space between
_GLUED_CAPITALS = re.compile(r"(?<=[a-z]{2})([a-z])([A-Z]{2,}\b)")


# a scanned superscript ordinal read as a quote or degree sign: 1°" JUNE, 18" November
_OCR_ORDINAL = re.compile(r"\b(\d{1,2})\s?[°\"”'’]+(?=\s+[A-Za-z])")


_FURNITURE = re.compile(r"^\W*(\d{1,4}|[ivxlc]{1,6}|(www\.|https?://)\S+)\W*$", re.I)


class _Head:
    """The first lines of a paper joined into one text, so a name or a date
    split over lines ("20TH" / "NOVEMBER, 2015") reads as one."""

    def __init__(self, lines: list[Line], n: int = 40, texts: list[str] | None = None):
        self.lines = [l for l in lines if l.text.strip()][:n]
        self.texts = texts[: len(self.lines)] if texts is not None else [_plain(l.text) for l in self.lines]
        self.starts: list[int] = []
        pos = 0
        for t in self.texts:
            self.starts.append(pos)
            pos += len(t) + 1
        self.text = " ".join(self.texts)
        # the same text with its line breaks kept (same offsets): where a line ends matters
        # to a date with a two-digit year ("13th of November 25" closing its line)
        self.text_nl = "\n".join(self.texts)
        # each line's place among the paper's own lines: a page number or a web address
        # printed above the heading is the page's furniture, not one of its first lines
        self.rank: list[int] = []
        r = 0
        for t in self.texts:
            self.rank.append(r)
            r += 0 if _FURNITURE.match(t) else 1

    def first(self, n: int) -> "_Head":
        """The first ``n`` lines of this header, without reading them again."""
        return _Head(self.lines, n, self.texts)

    def line_of(self, offset: int) -> int:
        k = 0
        for i, st in enumerate(self.starts):
            if st <= offset:
                k = i
        return k


_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b[A-Z]\d{2}\s?[A-Z\d]{4}\b|\bEircode\b", re.I)
_ADDRESS = re.compile(
    r"\b(tel(ephone)?|phone|fax|e-?mail|website|www\.|dx|p\.?o\.? box|switchboard)\b|@|^\W*(venue|location|address)\s*:|"
    r"\b\d+\s+[A-Z][a-z]+\s+(road|street|lane|avenue|square|place|quay|drive|way|row|terrace|close)\b",
    re.I,
)
_STATEMENT_BEFORE = re.compile(
    r"\b(minutes|agenda|meetings?|notice|summons|members|proceedings|behalf|report|corporation)\s+(of|to|for)\s+(the\s+)?(\w+\s+){0,3}$|"
    # the board that met, of the body: "Minutes of the meeting of the Board of Directors of the Strathcona Regional District"
    r"\bof\s+(the\s+)?board\s+of\s+(directors|trustees|supervisors|commissioners|management)\s+of\s+(the\s+)?$|"
    # "Clerk to the Parish Council", "Clerk to X Council"; not the action "Clerk to contact X Council"
    r"\bclerk\s+(of|to|for)\s+(the\s+(\w+\s+){0,3})?$|"
    # a resolution's own body: "Now, Therefore, Be It Resolved by the Board of County Commissioners of X"
    r"\bbe\s+it\s+resolved\s+by\s+(the\s+)?$",
    re.I,
)


# the body as the subject of its meeting: "The Board of County Commissioners of Weld County, Colorado, met in
# regular session", "the Council met on"
_MET_AFTER = re.compile(r",?\s*(?:[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,2},\s*)?(?:met|convened)\s+(?:in\s+(?:regular|special|adjourned)\s+session|on|at)\b")


# a body the paper is addressed to, not the one whose paper it is
_ADDRESSED = re.compile(
    r"\b(report|letter|submission|representations?|response)\s+to\s+(the\s+)?(council\s+of\s+(the\s+)?)?$", re.I
)
_SENTENCE_END = re.compile(r"\s[a-z]{2,}\.\s*$")
# what joins the next of several bodies named together: "Elmbridge BC and Mole Valley DC"
_JOINED_NEXT = re.compile(r"\s*(?:[A-Z]{1,4}\s*)?(?:,|(?i:and)|&)\s*(?:(?i:the)\s+)?")
_ON_BEHALF = re.compile(r"\bon behalf of\s+(the\s+)?$", re.I)
# a site's banner naming its owner ("The website of Reed Parish Council"): a letterhead, though
# "website" marks a contact line elsewhere ("Website: www.reedpc.org")
_SITE_OF = re.compile(r"\bweb\s?site\s+of\s+(the\s+)?$", re.I)


# the council whose chamber a meeting is held in: "Council Chamber Hawke's Bay Regional Council"
# and in Welsh, the council's hall or chamber named before the council: "Neuadd Cyngor Ceredigion", "Siambr y Cyngor"
_HOST_BEFORE = re.compile(
    r"\bcouncil\s+chambers?\s*[,:\-–]?\s*(at\s+|of\s+)?(the\s+)?$|\b(?:neuadd|siambr)\s+(?:y\s+)?(?:(?:g|ch|ngh)?[cg]yngor\s+)?$", re.I)
# a committee site's venue in a council's own civic building, named after its place: "Venue: Conference Hall -
# Brent Civic Centre, Engineers Way, Wembley" (the meeting's council, as a council chamber's)
_VENUE_LINE = re.compile(r"^\W*venue\s*:", re.I)
_CIVIC_BUILDING_AFTER = re.compile(r"\s+(?:civic\s+(?:centre|center|offices)|town\s+hall|city\s+hall|county\s+hall|guildhall)\b", re.I)
# a date (and time) just before a body on its line: the meeting's when and where
_DATED_BEFORE = re.compile(
    r"(\b\d{1,2}(st|nd|rd|th)?\s+[A-Za-z]{3,9},?\s+(19|20)\d\d|\b\d{1,2}[.:]\d{2}\s*([ap]\.?m\.?)?)\s*(,|at|in)?\s*$", re.I
)


@lru_cache(maxsize=1)
def _person_before() -> re.Pattern:
    """A member's title and name just before a council on its line: the council the member comes from.
    (A member's or courtesy title only: "THE MAYOR AND BOARD OF TRUSTEES OF THE VILLAGE OF ..." names the body.)"""
    titles = f"{title_pattern('personal')}|{title_pattern('councillor', 'plural')}"
    return re.compile(rf"\b(?i:{titles})\b\.?\s*(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’-]+\s*[,(–-]?\s*$")


# a person's name and a dash opening the line before a body: an attendance list's "Ruth Tucker – Pontypool
# Community Council", the body the person comes from
_NAME_DASH_BEFORE = re.compile(r"^\W*(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*[–—-]\s*$")


# a given name just before a bare place: the place is the person's surname ("County Administrator Joe Kent")
_GIVEN_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t]+$")


def person_before(into: str, b: Body | None = None) -> bool:
    """Is the text before a body on its line a member's title and name ("Cllr. Rod Lees"), or a
    person's name and a dash opening the line ("Ruth Tucker – ")? Then the body is the one the person
    comes from, not the paper's. A bare place ``b`` after a given name ("Joe Kent") is a surname."""
    if _person_before().search(into):
        return True
    if b is not None and not _BODY_WORD.search(b.surface) and (g := _GIVEN_NAME_BEFORE.search(into)) \
            and g.group(1).lower() in given_names():
        return True
    m = _NAME_DASH_BEFORE.match(into)
    return bool(m) and person_like(m.group("name"))


# a body followed by a person who speaks for it ("The Clerk to Spennymoor Town Council, Pauline Waterson
# noted ..."): the body the person comes from, not the paper's
_SPEAKER_AFTER = re.compile(
    r",\s*(?:[A-Z][a-z'’-]+\s+){1,2}[A-Z][a-z'’-]+,?\s+(?:noted|said|stated|reported|explained|asked|added|confirmed|"
    r"thanked|advised|informed|commented|suggested|queried|replied|welcomed|presented|spoke)\b")
_MEMBER_AFTER = re.compile(r"\s+member\b", re.I)
# a council named as its members' label ("Darlington Borough Councillors:" over their names at a joint
# body's meeting): the council the members come from, not the paper's
_MEMBERS_LABEL_AFTER = re.compile(
    r"[ \t]+(?:(?:county|district|borough|city|town|parish|community)[ \t]+)?(?:councillors|members)[ \t]*:", re.I)


_NAME_LINE = re.compile(r"^\W*(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\W*$")


def in_name_list(head: "_Head", k: int) -> bool:
    """Is line ``k`` one entry of a list of people's names ("Brent Barrett |" among "Susan Baty |",
    "Jim Jefferies |"): a place in it is a person's name, not a council."""
    if not _NAME_LINE.match(head.texts[k]):
        return False
    for j in (k - 1, k + 1, k - 2, k + 2):
        if 0 <= j < len(head.texts) and (m := _NAME_LINE.match(head.texts[j])) and person_like(m.group("name")) \
                and not find_bodies(head.texts[j]):
            return True
    return False


def speaks_for(text: str, b: Body) -> bool:
    """Is ``b`` named as the body a person comes from: a speaker after it ("X Town Council, Jo Barnes
    noted"), or one member of it ("substitute as a X Town Council Member")?"""
    return bool(_SPEAKER_AFTER.match(text, b.end)) or (
        b.surface.lower().endswith("council") and bool(_MEMBER_AFTER.match(text, b.end)))
# a place after "in", "across", "throughout": where something is, not a body that does it
_PLACE_BEFORE = re.compile(r"\b(in|across|throughout|within)\s+(the\s+)?$", re.I)
# a bare place as a police area, not its council: "the Police and Crime Commissioner for Lincolnshire",
# "the Chief Constable for Lincolnshire", "the Lincolnshire Police and Crime Commissioner", "Lincolnshire Police"
_POLICE_AREA_BEFORE = re.compile(r"\b(commissioner|constable)\s+(for|of)\s+(the\s+)?$", re.I)
_POLICE_AFTER = re.compile(r"[ \t]+(police|constabulary)\b(?![ \t]+(and|&)[ \t]+crime[ \t]+panel)", re.I)
# a bare place just before a capitalised word and "and": the place names a thing ("Norfolk Minerals and Waste")
# a capitalised word on each side of a bare place: the place is inside a name ("Discover Northumberland Magazine")
_TITLED_WORD_BEFORE = re.compile(r"(?<![\w'’])([A-Z][a-z]{2,})[ \t]+$")
_TITLED_WORD_AFTER = re.compile(r"[ \t]+(?!(?i:council|borough|county|district|city|town|parish|community)\b)[A-Z][a-z]{2,}\b")
_NAMES_A_THING = re.compile(r"[ \t]+(?!(?i:council|borough|county|district|city|town)\b)[A-Z][a-z]+[ \t]+(and|&)[ \t]+[A-Z]")
_BODY_WORD = re.compile(r"\b(council|borough|corporation|authority|district|county|city|town|township|shire|municipality|board)\b", re.I)
# an entry of a table of contents: a body named after entries of the paper's pages is what an
# appendix holds (a respondent, a consultee), not the paper's author, though the line is among its first
_CONTENTS_ENTRY = re.compile(r"\bpage\s+\d{1,4}\b", re.I)
_DOT_LEADER_ENTRY = re.compile(r"\.{4,}\s*\d{1,4}\b")


def in_contents_list(before: str) -> bool:
    """Whether a body named after ``before`` on its line is an entry of a contents list: two page numbers
    ("... Page 92 Appendix 5: Responses ... Page 114 X Council") or two dot leaders before it ("7.1 ORDINARY
    MEETING ...... 4 ... 10.1.13 X COUNCIL ..."): what an item or appendix is about, not the paper's author."""
    return len(_CONTENTS_ENTRY.findall(before)) >= 2 or len(_DOT_LEADER_ENTRY.findall(before)) >= 2
# a page's number printed before the text of the page run on one line
_PAGE_NUMBER = re.compile(r"\W*\d{1,3}\W*")
# a heading line that is a local council's name whose place holds "of" ("Boat of Garten and Vicinity
# Community Council"): the word before "of" opens the place the name-reader began after "of"
_PLACE_OF_BEFORE = re.compile(r"\s*(?P<word>[A-Z][A-Za-z'’-]+)\s+(?:of|OF)\s+")
# one entry of a lettered list run on a line: "(a) Council; (b) Cabinet; (c) Dover Joint ... Board;"
_ENTRY_MARK = re.compile(r"\(\s*[a-z0-9]{1,3}\s*\)", re.I)
_ENTRY_BEFORE = re.compile(r"\(\s*[a-z0-9]{1,3}\s*\)\s*$", re.I)


@lru_cache(maxsize=1)
def _not_own_after() -> re.Pattern:
    words = [w.strip() for w in data_text("not_own_after.txt").splitlines() if w.strip() and not w.startswith("#")]
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


@lru_cache(maxsize=4096)  # asked of the same header lines by the council, title and date readers
def address_like(text: str) -> bool:
    """A postal address, phone or mail line: where a place name is not the paper's council."""
    return bool(_POSTCODE.search(text) or _ADDRESS.search(text))


@lru_cache(maxsize=1)
def _subject_label() -> re.Pattern:
    """A line opening with a subject's label: "Subject: ", "Re: "."""
    return words_regex("subject_labels.txt", before=r"^\W*", after=r"\s*[:\-–]\s*(?:[^:]*\s)?$")


@lru_cache(maxsize=1)
def _sent_from() -> re.Pattern:
    """A body sending what the paper's council received: "applications received from X"."""
    return words_regex("sender_cues.txt", after=r"(?:\s+[\w'’-]+){0,3}?\s+from\s+(?:the\s+)?$")


# a local council's paper that calls it only by its tier in its heading: "Minutes of the Parish
# Council meeting", "Minutes of a meeting of the Town Council", "Parish Council Notes"
_UNNAMED_LOCAL = re.compile(
    r"\b(?i:minutes|agenda|meeting|notes|report)\s+of\s+(?:(?i:a|the)\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?i:parish|town|community)\s+(?i:council)\b(?!\s+(?i:of)\b)"
    r"|^\W*(?:(?i:the)\s+)?(?i:parish|town|community)\s+(?i:council)\s+(?i:meeting|minutes|notes|news|agenda)\b"
)


def _unnamed_local_heading(head: _Head, business: int | None) -> bool:
    """Whether the paper's first lines, before its business, head it as a local council's
    own without naming the council ("Minutes of the Parish Council meeting held on ...")."""
    for k, t in enumerate(head.texts):
        if head.rank[k] >= 4 or (business is not None and k >= business):
            break
        for m in _UNNAMED_LOCAL.finditer(t):
            if not any(b.start <= m.end() and m.start() <= b.end for b in find_bodies(t)):
                return True
    return False


@lru_cache(maxsize=1)
def own_body_tiers() -> frozenset[str]:
    """Kinds of body of councils that are public bodies in their own right (``data/own_body_tiers.txt``)."""
    return frozenset(w.lower() for w in data_lines("own_body_tiers.txt"))


@lru_cache(maxsize=1)
def _item_page_labels() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("item_page_labels.txt"))


def _item_title_line(head: _Head) -> int | None:
    """The line of a committee site's item page that is the item's title: the one after the
    page's label ("Agenda item", "Decision details"), which opens the page."""
    for k, t in enumerate(head.texts[:-1]):
        if not _FURNITURE.match(t):
            return k + 1 if t.strip().lower() in _item_page_labels() else None
    return None


def _authority(head: _Head, lines: list[Line]) -> tuple[str | None, list[str], bool]:
    """(authority, about, sure): the body whose paper it is, read where papers state it
    (a heading, "Minutes of the X Parish Council", a letterhead), never from a
    postal address; the councils a non-council body's paper is about; and whether the
    header states the body in a frame ("Minutes of the X", "Clerk to X", "on behalf of X")
    rather than only naming it (a letterhead, a heading, among its first lines)."""
    best: tuple[float, str, str, bool, str | None, bool, bool] | None = None
    named: list[Body] = []  # the bodies the header could be naming as the paper's own
    business = business_start(head.texts)
    attending = attendance_lines(lines)
    bodies = _head_bodies(head)
    listed = _listed_councils(head, bodies)
    item_title = _item_title_line(head)
    # a council the paper addresses ("Response to Elmbridge BC and Mole Valley DC ...") is another
    # council wherever the header names it: a bare mention of it further on ("Elmbridge Borough
    # Council (EBC) ... are holding consultations") does not make it the paper's own
    addressees: set[str] = set()
    prior: Body | None = None
    for b in bodies:
        before = head.text[max(0, b.start - 40) : b.start]
        if _ADDRESSED.search(before) and not _STATEMENT_BEFORE.search(before):
            addressees.add(b.canonical)
        elif prior is not None and prior.canonical in addressees and prior.end <= b.start \
                and _JOINED_NEXT.fullmatch(head.text[prior.end : b.start]):
            addressees.add(b.canonical)  # "Response to Elmbridge BC and Mole Valley DC": both addressed
        prior = b
    for b in bodies:
        if b.canonical in listed:
            continue  # "ABERGELE TOWN COUNCIL" / "BANGOR CITY COUNCIL" / ...: a forum's members, no letterhead
        k = head.line_of(b.start)
        line = head.texts[k]
        before = head.text[max(0, b.start - 40) : b.start]
        hosts = bool(_HOST_BEFORE.search(before))  # "Council Chamber, X Council": the meeting's own council
        if b.kind == "council" and _VENUE_LINE.match(line) and _CIVIC_BUILDING_AFTER.match(head.text, b.end):
            hosts = True  # "Venue: Brent Civic Centre, Engineers Way": the council whose civic centre it is
        site_of = bool(_SITE_OF.search(before))
        # a page run on one line is read about the name, not as one line: its heading's "minutes" does not make
        # the venue's street and town ("... Venue: 40-50 Wellington Street, Leeds No. Item ...") the paper's council
        pos = b.start - head.starts[k]
        near = line if len(line) <= _LINE_HEAD else line[max(0, pos - 80) : pos + len(b.surface) + 20]
        if address_like(near) and not re.search(r"\b(minutes|agenda|meeting)\b", near, re.I) and not hosts:
            if not (_ON_BEHALF.search(before) or site_of):
                continue  # a postal address; but "I write on behalf of X, 160 Tooley Street, SE1" states X
        if _not_own_after().match(head.text, b.end):
            continue  # "the Formartine Community Council Forum": another body's name
        if speaks_for(head.text, b):
            continue  # "The Clerk to X Town Council, Jo Barnes noted ...": the body a speaker comes from
        if not _BODY_WORD.search(b.surface) and in_name_list(head, head.line_of(b.start)):
            continue  # "Brent Barrett |" in a list of members' names: a person, not the London borough
        if _MEMBERS_LABEL_AFTER.match(head.text, b.end):
            continue  # "Darlington Borough Councillors:": the council a list of members comes from
        if _ENTRY_BEFORE.search(before) and len(_ENTRY_MARK.findall(line)) >= 2:
            continue  # "(c) Dover Joint Transportation Advisory Board;": one of the meetings a page lists
        if person_before(line[: b.start - head.starts[head.line_of(b.start)]], b):
            continue  # "Cllr. Rod Lees North Somerset", "Ruth Tucker – X Council": the council a person comes from
        if VOTE_ROLL.match(line) and not _BODY_WORD.search(b.surface):
            continue  # "Aye: Barnes, Hartley, Oldham, Tate": a vote's roll of members' surnames
        if _PLACE_BEFORE.search(before) and not _BODY_WORD.search(b.surface):
            continue  # "Serving Local Councils in Somerset": a place, not its council
        if not _BODY_WORD.search(b.surface) and (_POLICE_AREA_BEFORE.search(before) or _POLICE_AFTER.match(head.text, b.end)):
            continue  # "the Police and Crime Commissioner for Lincolnshire": a police area, not its council
        if b.kind == "council" and not _BODY_WORD.search(b.surface) and _TITLED_WORD_BEFORE.search(before) and _TITLED_WORD_AFTER.match(head.text, b.end) \
                and _TITLED_WORD_BEFORE.search(before).group(1).lower() not in not_place_words():
            continue  # "Discover Northumberland Magazine": a place inside a title, not its council
        in_business = business is not None and k >= business
        score = 1.0 + (len(head.texts) - k) / len(head.texts)
        addressed = bool(_ADDRESSED.search(before))
        # "Members of letter received from X": the frame's words reach past a sender, X sends, not states
        stated = (bool(_STATEMENT_BEFORE.search(before)) or hosts or site_of or bool(_MET_AFTER.match(head.text, b.end))) \
            and not addressed and not _FROM_BEFORE.search(before)
        into = line[: b.start - head.starts[k]]
        if _DATED_BEFORE.search(into) and not stated:
            continue  # "Thursday 25 October 2012 East Herts District Council Wallfields": where it met
        if in_business and not stated:
            continue  # "7. Dumfries & Galloway Community Council Overview": an item of the business
        if k == item_title and not stated:
            continue  # "Agenda item" / "Ministry of ... - Consultation on ...": the item's subject
        if stated:
            score += 3
        if addressed:
            score -= 1.5  # "Report to the Council of X by an Inspector": X receives the paper
        rest = re.sub(r"[^A-Za-z]", "", line.replace(b.surface, ""))
        # a line in small letters after one that stops mid-sentence runs on from it: no heading
        runs_on = line[:1].islower() and k > 0 and head.texts[k - 1][-1:].isalpha()
        # a short sentence ending on a word in small letters ("A letter from X was noted.") is no heading
        alone = len(rest) < 25 and not runs_on and not _SENTENCE_END.search(line)
        opens = b.start == head.starts[k] or bool(_PAGE_NUMBER.fullmatch(into))  # "1 FERMANAGH AND OMAGH ..."
        if b.canonical in addressees and not (addressed or stated or alone):
            continue  # the addressee named again in passing
        if _subject_label().search(into) and not stated:
            continue  # "Subject: X District Council Local Plan": what the paper is about
        if _sent_from().search(before) and not (stated or alone):
            continue  # "Planning applications received from X District Council": X sent them
        if head.lines[k].no in attending and not stated:
            continue  # "Present: ... County Councillor Storey (Norfolk County Council)": a visitor's council
        contents = in_contents_list(into)  # an item's or appendix's subject
        if not (stated or alone or opens or (head.rank[k] < 3 and not in_business and not contents)):
            # a council or department mentioned in passing is not the paper's author, nor
            # one named in the business of a meeting ("3144.Police Report: ... Sergeant for X")
            continue
        if not (alone or stated) and not _BODY_WORD.search(b.surface) and _NAMES_A_THING.match(head.text, b.end):
            continue  # "Norfolk Minerals and Waste Framework": a place naming a plan, not its council heading the paper
        if alone:
            score += 2  # the name is (nearly) the whole line: a heading or letterhead
        elif opens:
            score += 1.5  # a line that opens with the name: "STOKE FERRY PARISH COUNCIL Draft Minutes of ..."
        if b.tier in LOCAL_TIERS:
            score += 0.5  # a parish paper names its district and county; the reverse is rare
        if b.kind in ("joint", "district") and not ((b.tier or "").lower() in own_body_tiers() and (stated or alone or opens)):
            # a council heading the paper is its own ("Joint Policing Committee" of Limerick's council,
            # "Municipal District of Adare" under Limerick's); but a body of councils that is a public body
            # in its own right, heading the paper or stated as its meeting's, is its own ("North Wales Fire and
            # Rescue Authority" over its members' councils)
            score -= 10
        if b.tier == "county" and b.canonical.startswith("County of "):
            score -= 1  # a caption names the larger place first: "County of X" / "Charter Township of Y"
        canonical = b.canonical
        if alone and b.tier in LOCAL_TIERS and (pre := _PLACE_OF_BEFORE.fullmatch(into)):
            word = pre.group("word")
            if word.lower() not in not_place_words() and not has_role_word(word):
                canonical = f"{title_case(word) if word.isupper() else word} of {b.canonical}"
        if best is None or score > best[0]:
            best = (score, canonical, b.kind, stated or alone, b.tier, stated, stated or alone or opens)
        named.append(Body(b.start, b.end, b.surface, canonical, b.kind, b.tier))
    if best is not None and not best[3] and best[2] == "council" and best[4] not in LOCAL_TIERS \
            and (_unnamed_local_heading(head, business)
                 or (not best[6] and not _local_council(best[1])
                     and local_self_tiers([_plain(l.text) for l in lines[:400]]))):
        # "Minutes of the Parish Council meeting" / "Norfolk County Council: Cllr Brown reported":
        # a local council's own paper that never names it, naming its county or district in passing
        # (among its first lines, as "... the final design from KCC" under "The Parish Council sets a budget")
        best = None
    authority = kind = None
    sure = False
    if best is not None:
        authority, kind, sure = best[1], best[2], best[5]
        # the same body named in full in the header: "the Joint Waste Committee" of the
        # minutes is the "Gloucestershire Joint Waste Committee" of their heading
        fuller = [b.canonical for b in named if b.kind == kind and len(b.canonical) > len(authority)
                  and b.canonical.lower().endswith(" " + authority.lower())]
        if fuller:
            authority = fuller[0]
    else:
        authority, kind = _stated_elsewhere(lines)
        # a body of councils the paper defines for its own use ("X Police and Crime Panel (the Panel)") is
        # stated as the paper's: the councils and the police area its business keeps naming do not outweigh it
        sure = kind == "joint" and authority is not None and _defined_in(authority, lines)
    if authority is None and _PLACE_LOST.search(head.text):
        # a heading whose district lost its place ("MINUTES OF THE MEETING OF THE MEMBERS OF THE MUNICIPAL
        # DISTRICT OF HELD IN ...") is the district the paper names in full elsewhere ("Delegated Executive
        # Kenmare Municipal District"), when it names one only
        districts = Counter(_without_office(b.canonical) for l in lines[:400] for b in find_bodies(_plain(l.text))
                            if b.kind == "district")
        if len(districts) == 1:
            authority, kind = districts.most_common(1)[0][0], "district"
    if kind == "district":
        # a municipal district's paper is its county council's, when the paper names it
        # not a county the district corresponds with: "letter received from Wexford County Council" in the
        # minutes of Carlow's Municipal District of Muinebheag
        county = Counter(b.canonical for l in lines[:200] if not address_like(l.text)
                         for text in (_plain(l.text),)
                         for b in find_bodies(text) if b.kind == "council" and _is_county(b)
                         and not _CORRESPONDENT_BEFORE.search(text[max(0, b.start - 30) : b.start]))
        if county:
            authority, kind = county.most_common(1)[0][0], "council"
    if authority is None:
        authority, kind = _bare_council_heading(head)
    about: list[str] = []
    if kind == "body":
        # an inspector's report, an ombudsman's decision, a minister's letter: about a council
        counts = Counter(b.canonical for l in lines[:600] for b in find_bodies(_plain(l.text)) if b.kind == "council")
        about = [name for name, n in counts.most_common(2) if n >= 2 and name != authority][:1]
    return authority, about, sure


# a member of a larger council at a smaller one's meeting: the paper is the smaller council's
_UPPER_MEMBER = re.compile(r"\b(county|district|borough|ward|city|unitary|regional)\s+(cllrs?|councillors?)\b", re.I)


# a person's name and a comma before a body: the body the person speaks for ("Tom Gooch, Cuba Township, reported")
_NAMED_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'’-]+,\s*$")


@lru_cache(maxsize=1)
def _local_self_cues() -> tuple[tuple[str, re.Pattern], ...]:
    from paperfinder.datafiles import tab_rules

    return tuple((tier, rx) for (tier,), rx in tab_rules("local_self_cues.txt", flags=re.I | re.M))


def local_self_tiers(texts: list[str]) -> Counter:
    """The tiers a paper shows its own council to be without naming it: "the Parish Council"
    in its business, its "Town Clerk", a heading that is "COMMUNITY COUNCIL" alone
    (``data/local_self_cues.txt``); tier -> how often."""
    tiers: Counter = Counter()
    for text in texts:
        tiers.update(m.group("tier").lower() for m in _LOCAL_SELF.finditer(text))
        tiers.update(tier for tier, rx in _local_self_cues() if rx.search(text))
    return tiers


# the other party to a dealing: "the Authority enters into negotiation with Lamphey Community Council"
_PARTY_BEFORE = re.compile(r"\bwith\s+(the\s+)?$", re.I)


def only_council_named(lines: list[Line]) -> str | None:
    """No council heads the paper, is stated as its own, or is given by the run (``settle_authority``):
    the one council it names, when it
    names one only ("Dún Laoghaire-Rathdown County Council Parking Control Bye-Laws" in a county
    council's agenda, "Waitomo District Council's Vision" in its business papers), never in a
    postal address, a visitor's or a member's council, a sender or an addressee. Not where the
    paper shows itself a smaller council's own, calling itself "the Parish Council", having a
    "Town Clerk" or a heading "COMMUNITY COUNCIL" alone (``local_self_tiers``), or hearing its
    county councillor: there the council named is the larger one it speaks of."""
    texts = [_plain(l.text) for l in lines[:400]]
    if local_self_tiers(texts) or any(_UPPER_MEMBER.search(t) for t in texts):
        return None
    attending = attendance_lines(lines)
    names: set[str] = set()
    for i, (l, text) in enumerate(zip(lines[:400], texts)):
        after = texts[i + 1] if i + 1 < len(texts) else ""
        for b in find_bodies(text):
            if b.kind != "council":
                continue
            before = text[max(0, b.start - 40) : b.start]
            if address_like(text) or l.no in attending or _ADDRESSED.search(before) or _sent_from().search(before) \
                    or person_before(text[: b.start], b) or _NAMED_BEFORE.search(text[: b.start]) \
                    or speaks_for(text, b) or _not_own_after().match(text, b.end) or _PARTY_BEFORE.search(before):
                return None  # a council named as another's: the paper's own is not named
            if not _BODY_WORD.search(b.surface) and not (not text[b.end :].strip() and _BODY_WORD.match(after.strip())):
                # "trains from Chepstow-Cardiff", "Serving Local Councils in Somerset": a place, not its council;
                # but a name broken over two lines ("NIAO Causeway Coast and Glens" / "Borough Council Audit ...") is one
                continue
            if in_contents_list(text[: b.start]):
                continue  # "... Page 92 Appendix 5: Responses ... Page 114 X Council": what an appendix holds
            names.add(b.canonical)
    if len(names) != 1:
        return None
    name = names.pop()
    if county_council(name) and any(_DISTRICT_SELF.search(t) for t in texts):
        # "The District Council Band D Council Tax be set at ..." over "the precepts ... for Leicestershire County
        # Council": a district's paper naming only its county, a preceptor, not its own council
        return None
    return name


# the paper's own council by its tier below a county's: "The District Council Band D Council Tax"
_DISTRICT_SELF = re.compile(r"\b[Tt]he\s+(?:District|Borough)\s+Council\b(?!['’]?s?\s+of\b)")


# at least this many different councils, each the whole of its own line, make a list
_LIST_OF_COUNCILS = 3


def _listed_councils(head: _Head, bodies: list[Body]) -> frozenset[str]:
    """The councils a header lists one to a line, before its business: an association's or
    a forum's members ("ABERGELE TOWN COUNCIL Cllr B Roberts" / "BANGOR CITY COUNCIL" /
    "BUCKLEY TOWN COUNCIL"). A letterhead names one council (in one or two languages);
    three different ones, each opening a line of its own, are a list, and none of them
    heads the paper."""
    business = business_start(head.texts)
    opening = {b.canonical for b in bodies if b.kind == "council" and b.start == head.starts[head.line_of(b.start)]
               and (business is None or head.line_of(b.start) < business)
               and not address_like(head.texts[head.line_of(b.start)])}
    return frozenset(opening) if len(opening) >= _LIST_OF_COUNCILS else frozenset()


def _head_bodies(head: _Head) -> list[Body]:
    """The bodies the header names. Its lines are read joined, so a name split over two
    lines reads whole ("MILBURN" / "PARISH COUNCIL"); but a line that names a body by
    itself keeps it: "County of Shiawassee" / "Charter Township of Owosso" is Owosso's
    township, not a "Shiawassee Charter Township" read across the line break (a reading
    across lines of the same body, "the London Borough of" / "Southwark", stays)."""
    joined = find_bodies(head.text)
    one_line = [
        Body(st + b.start, st + b.end, b.surface, b.canonical, b.kind, b.tier)
        for st, t in zip(head.starts, head.texts)
        for b in find_bodies(t)
    ]
    # a place found inside a line of other words ("CONWY" of "LLANSANFFRAID GLAN CONWY") names no body by
    # itself: it does not stop the reading across lines ("CYNGOR CYMUNED" / "LLANSANFFRAID GLAN CONWY")
    blocks = [o for o in one_line if _BODY_WORD.search(o.surface)
              or head.texts[head.line_of(o.start)].strip(" \t.:,;-") == o.surface]
    kept = [b for b in joined if head.line_of(b.start) == head.line_of(max(b.start, b.end - 1))
            or not any(o.start < b.end and b.start < o.end and o.canonical != b.canonical
                       for o in (blocks if b.kind == "council" else one_line))]
    kept += [o for o in one_line if not any(o.start < b.end and b.start < o.end for b in kept)]
    return sorted(kept, key=lambda b: b.start)


def _is_county(b: Body) -> bool:
    from paperfinder.recognise.bodies import county_council

    return b.tier == "county" or county_council(b.canonical)


# a council's own meeting named with its possessive: "welcomed everyone to X Council's first
# virtual Planning Committee meeting"
_OWN_MEETING_AFTER = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,4}?(meeting|committee|cabinet)\b", re.I)
# a line that is a council's name and "Council" only: "AUBURN COUNCIL"
_TITLE_PARTS = re.compile(r"\s+[·|•–-]\s+")
_BARE_DISTRICT = re.compile(r"^(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)\s+District$")
_BARE_COUNCIL = re.compile(r"^(?:The\s+)?(?P<name>[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){0,2})\s+Council$")
# a council's kind with no place: "COMMUNITY COUNCIL" heads a paper that never names its council
_KIND_ONLY = re.compile(
    r"(?:parish|town|community|village|city|county|district|borough|shire|regional|neighbourhood|"
    r"(?:county|metropolitan)\s+borough|city\s+(?:and|&)\s+county)", re.I)


def _bare_council_heading(head: _Head) -> tuple[str | None, str | None]:
    """A heading line that is a place and "Council" alone ("AUBURN COUNCIL" over "MINUTES OF
    THE ORDINARY MEETING OF COUNCIL"), among the paper's first lines, before its business."""

    business = business_start(head.texts)
    bare = [m.group("name") for t in head.texts[:12] if (m := _BARE_COUNCIL.match(t.strip()))]
    if len({n.lower() for n in bare}) >= _LIST_OF_COUNCILS:
        return None, None  # "ALDERFORD TOWN COUNCIL" / "BRANWICK COMMUNITY COUNCIL" / ...: a list of councils
    for k, t in enumerate(head.texts[:12]):
        if business is not None and k >= business:
            break
        m = _BARE_COUNCIL.match(t.strip())
        if m and not _KIND_ONLY.fullmatch(m.group("name")) \
                and not any(w.lower() in not_place_words() for w in m.group("name").split()):
            return f"{m.group('name')} Council", "council"
        # a title's parts: "... - Rangitikei District · 10/24/2019 · Agenda: Inaugural Council Meeting"
        parts = [p.strip() for p in _TITLE_PARTS.split(t)]
        for p in parts:
            d = _BARE_DISTRICT.match(p)
            if d and any(re.search(r"\bcouncil\b", q, re.I) for q in parts if q is not p) \
                    and not any(w.lower() in not_place_words() for w in d.group("name").split()):
                return f"{d.group('name')} District Council", "council"
    return None, None


def _page_title_council(page_title: str | None) -> str | None:
    """A saved page whose own text names no council as its own, under the title its site
    gave it that does: the title opens with the council's name ("Stoke Ferry Parish Council
    Meeting (8th November 2001)", "Stoke Ferry Parish Council – Vote of Thanks") or states
    it as the paper's ("Minutes Of Stoke Ferry Parish Council Meeting"). The title is the
    page's heading, so it names the paper's council as a heading would; a council further
    into it ("Letter to Norfolk County Council", "Reply from ...") is only the subject."""
    if not page_title:
        return None
    text = _plain(page_title)
    for b in find_bodies(text):
        if b.kind != "council" or not _BODY_WORD.search(b.surface):
            continue  # a place alone ("Norfolk News") is a page about it, not its council's paper
        before = text[: b.start]
        if not before.strip(" -–:|") or _STATEMENT_BEFORE.search(before):
            return b.canonical
        return None  # the first council the title names is not its subject: none is the paper's
    return None


# "the Parish Council", "this Town Council": a local council speaking of itself, not "the Town Council of X"
_LOCAL_SELF = re.compile(r"\b(?:the|this)\s+(?P<tier>parish|town|community|village)\s+council\b(?!\s+of\b)", re.I)
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*|\S")


def _titled_council(page_title: str | None, lines: list[Line]) -> str | None:
    """A paper that calls its council only "the Parish Council" under a title that is a
    place and a paper's words ("Boughton News" over "the meeting of the Parish Council"):
    the council of that place and tier. The place opens the title and the rest of it is
    words no place is made of (``not_place_words.txt``) or a date; a principal council
    of the gazetteer is no parish ("Norfolk News")."""
    from paperfinder.recognise.authorities import resolve

    if not page_title:
        return None
    tiers = Counter(m.group("tier").lower() for l in lines[:200] for m in _LOCAL_SELF.finditer(l.text))
    if not tiers:
        return None
    words = _TITLE_WORD.findall(page_title)
    place: list[str] = []
    for w in words:
        if not w[:1].isupper() or w.lower() in not_place_words() or _MONTH_WORD.fullmatch(w):
            break
        place.append(w)
    rest = words[len(place):]
    if not 1 <= len(place) <= 3 or not rest:
        return None
    if any(w[:1].isalpha() and w.lower() not in not_place_words() and not _MONTH_WORD.fullmatch(w) for w in rest):
        return None  # "Pam co-ordinates the monthly Boughton news": a sentence, not a place's paper
    name = " ".join(place)
    if resolve(name):
        return None
    return f"{name} {tiers.most_common(1)[0][0].title()} Council"


# a municipal district's heading with its place lost: "MEETING OF THE MUNICIPAL DISTRICT OF HELD IN", "OF THE
# MUNICIPAL DISTRICT, HELD AT"
_PLACE_LOST = re.compile(r"\bmunicipal\s+district(?:\s+of)?\s*(?:,\s*)?(?:held|on|at)\b", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(the\s+)?$", re.I)
# a council a paper corresponds with: "a letter received from X", "write to X"
_CORRESPONDENT_BEFORE = re.compile(r"\b(from|to)\s+(the\s+)?$", re.I)


# a body of councils named and defined for the rest of a paper: "X Police and Crime Panel (the Panel)"
_DEFINED_AFTER = re.compile(r"\s*\(\s*(?:the\s+)?(?:panel|authority|committee|board)\s*\)", re.I)


def _without_office(name: str) -> str:
    """A body's name without an office named before it: "Delegated Executive Kenmare Municipal District" is
    Kenmare's district, the words before the place a person's office."""
    m = re.match(r"(.+?)\s+(municipal\s+district)$", name, re.I)
    if not m:
        return name
    words = m.group(1).split()
    office = [i for i, w in enumerate(words) if has_role_word(w) or w.lower() in not_place_words()]
    return " ".join([*words[office[-1] + 1 :], m.group(2)]) if office and office[-1] < len(words) - 1 else name


def _defined_in(name: str, lines: list[Line]) -> bool:
    """Whether the paper names ``name`` and defines it for its own use ("X Police and Crime Panel (the Panel)")."""
    for l in lines[:400]:
        text = _plain(l.text)
        for b in find_bodies(text):
            if b.canonical == name and _DEFINED_AFTER.match(text, b.end):
                return True
    return False


# a local council's own office holders, elected in its own minutes: "that Councillor Williams
# would be the Vice-Chairman of Narborough Parish Council for the year 2016/17"
_OFFICE_OF = re.compile(r"\b(vice[- ]?)?chair(man|woman|person)?\s+of\s+(the\s+)?$", re.I)


def _stated_elsewhere(lines: list[Line]) -> tuple[str | None, str | None]:
    """No body in the header: one the paper names as a meeting's or a letter's own
    further in ("Minutes of a meeting of Tintern Community Council", "X Council's first
    virtual Planning Committee meeting"); or the joint committee the paper keeps calling
    "the Joint Committee" when it names it in full somewhere."""
    counts: Counter = Counter()
    headings: Counter = Counter()
    joint: Counter = Counter()
    defined: Counter = Counter()
    for l in lines[:400]:
        text = _plain(l.text)
        for b in find_bodies(text):
            if b.kind == "joint":
                joint[(b.canonical, b.kind, b.tier)] += 1
                if _DEFINED_AFTER.match(text, b.end):
                    defined[(b.canonical, b.kind)] += 1
            before = text[max(0, b.start - 40) : b.start]
            office = b.tier in LOCAL_TIERS and bool(_OFFICE_OF.search(before))
            if (_STATEMENT_BEFORE.search(before) or _OWN_MEETING_AFTER.match(text, b.end) or office) \
                    and not address_like(text) and not speaks_for(text, b):
                counts[(b.canonical, b.kind)] += 1
            elif (shouted(l.text) or _HEADING_LINE.match(l.text)) and not re.sub(r"[^A-Za-z]", "", text.replace(b.surface, "")):
                # a heading that is the name alone ("MILBURN PARISH COUNCIL" over a form's
                # section filled in by the council), not a payee in a list
                headings[(b.canonical, b.kind)] += 1
    if len(headings) >= _LIST_OF_COUNCILS:
        headings = Counter()  # names heading lines of their own, one after another: a list of councils
    for found in (counts, headings):
        if found:
            (name, kind), _n = found.most_common(1)[0]
            return name, kind
    if len(defined) == 1:
        # named in full once and so defined for the rest of the paper: "the Lincolnshire Police and Crime
        # Panel (the Panel) was required to review ..." in the minutes of the Panel's own meeting
        return defined.most_common(1)[0][0]
    if len(joint) == 1:
        (name, kind, tier), n = joint.most_common(1)[0]
        generic = re.compile(r"\bthe\s+" + r"\s+".join(map(re.escape, tier.split())) + r"\b", re.I)
        # called "the Joint Committee" twice, or named in full twice and so called once ("Chairman of
        # the Chilterns Crematorium Joint Committee" ... "the meeting of the Joint Committee held on")
        said = sum(len(generic.findall(l.text)) for l in lines[:400])
        if said >= 2 or (said >= 1 and n >= 2):
            return name, kind
    return None, None


_LIST_ENDS = re.compile(r"^\s*(#|\d+[./)]\s|\d+\.\d+|\d{2,}\s*[./]|[A-Z][A-Z ]{3,}:?\s*$)")


_ATTENDANCE_LABEL_AT = r"^\W*(?:\d+(?:[./]\d+)?[.):]?\s+)?(?:to\s+(?:receive|note|accept|record)\s+(?:the\s+)?)?({})"


@lru_cache(maxsize=1)
def _attendance_labels() -> tuple[re.Pattern, dict[int, str]]:
    """The attendance labels as one regex, and its group number of each rule -> the rule's kind.

    Each rule is a whole alternative (label and what may come before it), tried in file
    order, so the first rule that matches a line is the one matched, as when each is tried
    alone; one ``match`` a line, not one a rule, on the first 400 lines of every paper."""
    from paperfinder.datafiles import tab_rules

    # the label may open a numbered item of the minutes: "3668. To receive apologies for absence: ..."
    rules = tab_rules("attendance_labels.txt", wrap=_ATTENDANCE_LABEL_AT)
    kinds: dict[int, str] = {}
    group = 1
    for key, rx in rules:
        kinds[group] = key[0]
        group += 1 + rx.groups
    return re.compile("|".join(f"({rx.pattern})" for _key, rx in rules), re.I), kinds  # tab_rules' flags


def attendance_label(text: str) -> str | None:
    """"present", "apologies" or "absent" when ``text`` opens with a label of a meeting's attendance list, else None."""
    labels, kinds = _attendance_labels()
    m = labels.match(text)
    return kinds[m.lastindex] if m is not None and m.lastindex is not None else None


ATTENDANCE_LINES = 400  # a meeting's attendance lists are in its opening lines


def attendance_lines(lines: list[Line]) -> dict[int, str]:
    """Source line -> "present", "apologies" or "absent", for the lines of a meeting's
    attendance lists ("Present:", "In attendance", "Members present", "Apologies", "Members absent"):
    from the label to the next label, numbered item or heading (10 lines at most)."""
    out: dict[int, str] = {}
    kind: str | None = None
    left = 0
    for line in lines[:ATTENDANCE_LINES]:
        label, ends = _attendance_line(line.text)
        if label:
            kind, left = label, 10
        elif kind and (left <= 0 or ends):
            kind = None
        if kind:
            out[line.no] = kind
            left -= 1
    return out


@lru_cache(maxsize=8192)  # the council, people and tagging readers each go over a paper's opening lines
def _attendance_line(raw: str) -> tuple[str | None, bool]:
    """A line's attendance label, and whether it ends a list (a numbered item or a heading)."""
    text = _MARKUP.sub("", raw).strip()
    return attendance_label(text), _LIST_ENDS.match(text) is not None


_SMALL_WORDS = {"of", "and", "the", "for", "&"}
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def initials(name: str) -> str:
    """'Wye Valley Community Council' -> 'WVCC'."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower() not in _SMALL_WORDS).upper()


def acronym_counts(lines: list[Line]) -> dict[str, int]:
    """How often the paper writes each run of capitals ("WVCC", "MCC")."""
    return dict(Counter(m.group(0) for l in lines for m in _ACRONYM.finditer(l.text)))


def authority_by_acronym(lines: list[Line], known: set[str] | frozenset[str]) -> str | None:
    """A paper that never names its council but calls it by its initials ("TCC
    resolved ...", "WVCC to write to MCC"): the known body (named in full in this
    or another indexed paper) whose initials the paper uses most, at least twice."""
    return authority_of_acronyms(acronym_counts(lines), known)


def settle_authority(doc: Document, by_series: str | None, known: set[str] | frozenset[str],
                     weighed: bool = True) -> None:
    """A paper whose header named no council, settled with what the whole run knows: the
    council its item numbering continues (``by_series``), else the one its initials name,
    else the one council it names; else (``weighed``) the body the evidence of the whole
    paper weighs as its own, when the weighing is confident enough (``authority_evidence``);
    then its title and committee, made before the council was known, name it."""
    if doc.authority is None:
        doc.authority = by_series
    if doc.authority is None and known:
        doc.authority = authority_by_acronym(doc.lines, known)
    if doc.authority is None:
        doc.authority = only_council_named(doc.lines)
    if doc.authority is None and weighed and doc.pack_id is None:
        doc.authority = _weighed_fallback(body_lines(doc.lines), web_page_title(doc.lines)[0])
    if doc.authority is not None and doc.authority in (doc.about or []):
        doc.authority = None  # an ombudsman's decision on a council it names alone: the council is what it is about
    doc.title = with_authority(doc.title, doc.authority)
    doc.committee = doc.committee or committee_of(doc.title, doc.authority, doc.doc_type)


def _own_council_of(candidate: "Candidate", lines: list[Line]) -> str | None:
    """A weighed candidate as the paper's council: a municipal district's paper is its county
    council's (as the header rules read it), so a district alone names none."""
    if candidate.kind != "district":
        return candidate.canonical
    county = Counter(b.canonical for l in lines[:200] if not address_like(l.text)
                     for b in find_bodies(_plain(l.text)) if b.kind == "council" and _is_county(b))
    return county.most_common(1)[0][0] if county else None


def _weighed(lines: list[Line], page_title: str | None, weights: dict | None) -> tuple[dict, list["Candidate"]]:
    """(the model, the bodies the paper names, most likely its own first): ``weights`` or the fitted model."""
    from paperfinder.ingest.authority_evidence import model, weigh

    m = weights or model()
    return m, weigh(lines, page_title, m)


def _weighed_fallback(lines: list[Line], page_title: str | None, weights: dict | None = None) -> str | None:
    """The body the paper's evidence weighs highest, when its probability reaches the model's
    fallback threshold and leads the next body's by the model's ``lead``; None when the paper
    names none, or none clearly above the others. ``weights``: a model other than the fitted one."""
    m, ranked = _weighed(lines, page_title, weights)
    # a body the paper names only as another's ("Councillor X, Y Council", "County Administrator Joe Kent") is
    # no candidate: it neither is the paper's council nor stands in the way of the one that is
    ranked = [c for c in ranked if c.free]
    if not ranked or ranked[0].p < m["fallback_threshold"] or not ranked[0].worded:
        # none likely enough, or the likeliest named only as a bare place in running text
        # ("Commissioner <br /> Oldham moved"): perhaps a surname
        return None
    runner_up = ranked[1].p if len(ranked) > 1 else 0.0
    if ranked[0].p - runner_up < m["lead"]:
        return None
    return _own_council_of(ranked[0], lines)


def _weighed_over(authority: str, lines: list[Line], page_title: str | None, weights: dict | None = None) -> str:
    """The header rules' council when they found it without a frame stating it (a letterhead,
    a heading, a name among the first lines): kept unless the weighing of the whole paper's evidence puts
    another body far above it (by the model's ``lead``): a council the paper writes
    to or about, a county over the parish that calls itself "the Parish Council". ``weights``:
    a model other than the fitted one."""
    m, ranked = _weighed(lines, page_title, weights)
    mine = [c.p for c in ranked if c.canonical == authority]
    if not ranked or not mine or ranked[0].canonical == authority:
        return authority
    if ranked[0].p - mine[0] < m["lead"]:
        return authority
    return _own_council_of(ranked[0], lines) or authority


_SURE_INITIALS = 4
_ASSOCIATION = re.compile(r"\bassociation\b", re.I)


def authority_of_acronyms(counts: dict[str, int], known: set[str] | frozenset[str]) -> str | None:
    """``authority_by_acronym`` from the paper's acronym counts."""
    by_initials: dict[str, list[str]] = {}
    for name in known:
        # an association of local councils is never read from initials: "NALC" is the National
        # Association's as often as Norfolk's or Northumberland's
        if len(name.split()) >= 2 and not _ASSOCIATION.search(name):
            by_initials.setdefault(initials(name), []).append(name)
    if not by_initials:
        return None
    named = Counter({a: n for a, n in counts.items() if a in by_initials and len(by_initials[a]) == 1})
    used = [acronym for acronym, n in named.most_common() if n >= 2]
    # a local council's minutes call the county council that serves it by its initials as often
    # as themselves, or more ("TCC have concerns ..." / "Clerk to write to MCC", "MCC Highways",
    # "County Cllr Webb" among those present); a county's papers seldom call a community council
    # by its initials: of the councils the paper names so, a local council's is the paper's
    local = [acronym for acronym in used if _local_council(by_initials[acronym][0])]
    if local or used:
        return by_initials[(local or used)[0]][0]
    if len(named) == 1 and len(acronym := next(iter(named))) >= _SURE_INITIALS:
        return by_initials[acronym][0]  # "WVCC will purchase ...": the only known council it names, by initials too long to be chance
    return None


def _local_council(name: str) -> bool:
    """A parish, town, community or village council (by the tier its name gives)."""
    bodies = find_bodies(name)
    return bool(bodies) and bodies[0].tier in LOCAL_TIERS


_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DATE_CUE = re.compile(
    r"(\bheld\b.{0,80}|\bto be held\b.{0,80}|\bmeeting\b.{0,30}\bon\b\s*(the\s+)?|\bdate of (the )?meeting\b\W*|\bmeeting date\b\W*|"
    # "Dated this 9th day of December 2022": a notice's own date
    r"\bdated?\b\W*(this\s+)?|"
    r"\b(took|take|takes) place\b.{0,20}|\b(convene|convenes|convened|sits?|sat|meets?|met)\s+(in\s+\w+\s+session\s+)?(on\s+|this\s+)?(the\s+)?|"
    r"\b" + _WEEKDAY + r"\b,?\s*(the\s+)?)$",
    re.I,
)
# a line that opens as a meeting's minutes state themselves: "Minutes of the meeting of ..."
_HELD_ON = re.compile(r"\bheld\b[^\n]*\bon\s+(the\s+)?$", re.I)
_MINUTES_HEADING = re.compile(r"\W*(?:draft\s+|approved\s+|unconfirmed\s+)?minutes\s+of\b", re.I)
_NOT_THIS_MEETING = re.compile(
    r"\b(last|previous|next|future|forthcoming|upcoming|prior)\s+(\w+\s+){0,3}meetings?\b\s*(will be |to be |was |is )?(held\s*)?(on\s*)?(the\s*)?[:\-–]?\s*$|"
    # (not a page's label in capitals, "Approved Minutes for 2014", over the minutes' own heading)
    r"\b(?!(?-i:Approved|Confirmed|Agreed|Signed)\s+(?-i:Minutes)\b)(approve|confirm|adopt|sign|agree)\w*\s+(the\s+)?(\w+\s+){0,2}minutes\b.{0,120}$|"
    r"\bthe minutes of\b.{0,120}$|"
    r"\b(posted|published|printed|issued|updated|revised|received|circulated)\b.{0,30}$|\bdeadline\b.{0,30}$|"
    r"\bsigned\b.{0,25}$|\b(comes?|came) into (force|operation|effect)\b.{0,20}$|"
    # the end of a period accounted for ("the year ended 31 March 2017", "balance as at ...")
    r"\b(year|period|quarter|months?)\s+(ended|ending|to)\s*(on\s+)?(the\s+)?$|\b(as|position)\s+at\s+(the\s+)?$|"
    # a deadline or a time measured from another ("publish ... by 30 September 2017", "since 1 April",
    # "an auditor appointed ... from 1 April 2015, or the Audit Commission prior to 31 March 2015")
    r"\b(by|before|until|since|after|no later than|prior to|with effect from|between)\s+(the\s+)?$|"
    # a day counted from the meeting: "no later than 9.00am on the working day before the meeting (in this case
    # Friday 12 June 2020)"
    r"\b(before|prior\s+to|ahead\s+of)\s+the\s+meeting\b[^.]{0,30}$|"
    # the day a chief executive issued the paper under their name: "Carl Cowie Chief Executive Officer
    # Friday 28 June 2024" on the cover of the minutes of the meeting of 25 June (a clerk's date under a
    # summons is the summons's, by which the meeting's year is read)
    r"\bchief\s+executive\s+officer\s*,?\s*$|"
    # another paper's date ("communicated by a letter dated 16 September 2016")
    r"\b(letter|report|decision|notice|e-?mail|order|memo(randum)?|minutes)\s+(\([^()]{0,20}\)\s+)?(dated|of)\s+(the\s+)?$|"
    # something else held that day ("Results of the By-Elections Held on 28th November 2024", "the consultation
    # event held on"): not the meeting
    r"\b(by-?\s?)?(elections?|polls?|referend(um|a)|consultations?|events?|workshops?|exhibitions?|open\s+days?|surgery|surgeries)\s+"
    r"((was|were|to\s+be|being)\s+)?held\s+(on\s+)?(the\s+)?$",
    re.I,
)
# a meeting spoken of in the third person or as another's ("Cabinet, at its meeting on 31 January",
# "referred to the Cabinet meeting of 22 April", "the Work Plan was approved at the May 16, 2023, ... meeting")
# and what a body did on an earlier day ("the report, which Cabinet considered on 31 January", "the site
# was visited on"): never the paper's own date, however high in it
_ANOTHERS_MEETING = re.compile(
    r"\bat\s+(its|their)\s+(\w+\s+){0,2}meetings?\s+(held\s+)?(on\s+)?(the\s+)?$|"
    r"\breferred\s+to\s+(the\s+)?(\w+\s+){0,3}meetings?\s+(of|on|held\s+on)\s+(the\s+)?$|"
    r"\b(approved|agreed|adopted|endorsed)\s+at\s+(the\s+)?$|"
    r"\b(considered|discussed|visited|inspected)\s+(it\s+)?on\s+(the\s+)?$|"
    # what another meeting sent on: "the recommendations arising from the meeting of the X Committee held on"
    r"\barising\s+from\s+(the\s+)?(\w+\s+){0,2}meetings?\s+of\b.{0,90}$|"
    # a record taken from another meeting: "the draft minute from the Wiltshire Council Cabinet meeting held on"
    # (spoken of in a sentence, "the ... minute from": not a heading "Minutes from the Parish Council meeting held on")
    r"\b(the|an?)\s+(draft\s+)?(minutes?|extracts?|resolutions?|recommendations?|decisions?)\s+from\s+(the\s+)?([\w&'’-]+\s+){0,5}meetings?\s+(held\s+)?(on\s+)?(the\s+)?$|"
    # a meeting the paper speaks of as past or to come: "The next Regular Council Meeting will take place on",
    # "the minutes of the last meeting held on"
    r"\b(last|previous|next|future|forthcoming|upcoming|prior)\s+([\w-]+\s+){0,5}meetings?\b\s*"
    r"((will|is\s+to|was|is)\s+)?(be\s+)?(held|take\s+place|takes\s+place|took\s+place)?\s*(on\s*)?(the\s*)?[:\-–]?\s*$|"
    # the same meeting named for its body, its verb then needed ("the previous extraordinary meeting of Council held on";
    # not "Subject to the Approval at the next Meeting Ordinary Meeting of the Parish Council Wednesday 6 September")
    r"\b(last|previous|next|future|forthcoming|upcoming|prior)\s+([\w-]+\s+){0,5}meetings?\s+of\s+(the\s+)?([\w&'’-]+\s+){1,4}?"
    r"((will|is\s+to|was|is)\s+)?(be\s+)?(held|took\s+place|takes\s+place|take\s+place)\s+(on\s+)?(the\s+)?$|"
    # minutes confirmed as a record: "To confirm as a correct record the Minutes of the meeting held on"
    r"\b(correct|true|accurate)\s+record\b.{0,80}$|"
    # another paper cited in brackets: "the letter from Paul Corbett (letters to the Editor 14 August 2015)"
    r"\((?:[^()]{0,50}?\b(letters?|reports?|e-?mails?|articles?|editions?|issues?|minutes|notices?)\b)[^()]{0,40}$",
    re.I,
)
# minutes of a date accepted: "John made the motion to accept the November 6, 2023 Township minutes"
_MINUTES_OF_BEFORE = re.compile(r"\bminutes\s+of\b", re.I)
_CONFIRMED_RIGHT_AFTER = re.compile(
    r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?,?[ \t]*(?:(?:were|was|be|are)[ \t]+(?:duly[ \t]+)?(?:approved|agreed|signed|accepted|confirmed|adopted)"
    r"|(?:as|be[ \t]+taken[ \t]+as)[ \t]+(?:an?[ \t]+)?(?:true|correct|accurate))\b", re.I)
_ACCEPTED_BEFORE = re.compile(r"\b(approve|confirm|adopt|accept|sign)\w*\s+(the\s+)?$", re.I)
_MINUTES_AFTER = re.compile(r",?\s+([\w-]+\s+){0,3}?minutes\b", re.I)
# an item's record under its title on a committee site: the "Minutes:" label on one of the next lines
_ITEM_RECORD = re.compile(r"[^\n]{0,40}(?:\n[ \t]*){1,4}minutes\s*:[ \t]*(?:\n|$)", re.I)
# how far before a date "the minutes of the ... Committee held on" is read
_NOT_THIS_REACH = 130
# how soon after an item's date its record may give that day as another meeting's
_CONFIRMED_REACH = 400
# an edition's date: a paper's own when it states no other
_EDITION = re.compile(r"\b(published|printed|issued|updated|revised)\b[\s:\-–]*(on\s+)?(the\s+)?$", re.I)
# what follows another meeting's date: "... held on 9th December 2015 were approved"
_OTHER_MINUTES_AFTER = re.compile(
    # (not a draft's own label under its date, "May 1st 2012 7.30pm / To be approved.")
    r"^.{0,40}?\b((were|was|(?<!\bto )be)\s+(duly\s+)?(approved|agreed|signed|accepted|confirmed|adopted)|"
    r"to\s+be\s+(duly\s+)?(approved(?!\s*\.)|agreed|signed|accepted|confirmed|adopted)|(true|correct|accurate)\s+record|"
    r"(proposed|moved|accepted|approved|agreed|adopted)\s+as\s+(an?\s+)?(true|correct|accurate)\b)\b",
    re.I,
)
# a numbered item ("52/17", "2399.", "3.") is business of the meeting, not its heading
_ITEM_LINE = re.compile(r"^\s*(\d+/\d+|\d+[.)])\s")
# an item of a meeting's business in any numbering: "3. Apologies", "3048.Police Report",
# "2399 To receive", "19.03.1 Apologies", "52/17 Planning"
_BUSINESS_ITEM = re.compile(
    r"^\s*(?:\d{1,2}[.)]?\s+|\d{3,5}\s*[.)]\s*|\d{3,5}\s+(?=[A-Z][a-z])|\d{1,4}(?:\.\d{1,3}){1,2}\.?\s+|"
    r"[A-Z]{0,3}\d{1,4}/\d{1,4}\.?\s+(?:\d{1,2}\.\s+)?)[A-Z]"
)
_PAGE_LINE = 600  # a line this long is a page's text run together (its page number first), not one item
_YEAR_OPENS = re.compile(r"^\s*(19|20)\d\d\b(?!\.\S)")


def business_start(texts: list[str]) -> int | None:
    """Index of the line where a paper's numbered business begins (its first item,
    when a second follows): what comes after is what the meeting dealt with, not the
    paper's heading. None if the paper has no numbered items."""
    items = [
        (k, int(re.findall(r"\d+", m.group(0))[-1]))
        for k, t in enumerate(texts)
        if (m := _BUSINESS_ITEM.match(t))
        and not _YEAR_OPENS.match(t)
        and len(t) <= _PAGE_LINE
        and not address_like(t)
        and not any(d.start == len(t) - len(t.lstrip()) for d in find_dates(t, financial=False))
    ]
    # a list is business when its next item follows soon with a higher number: a running
    # head ("1. Introduction" over each page) or a lone numbered line is not
    for (k, num), (k2, num2) in zip(items, items[1:]):
        if k2 - k <= 12 and num < num2 <= num + 5:
            return k
    return None


_SUMMONS_CUE = re.compile(r"\b(to be|will be|is to be) held\b.{0,80}$", re.I)


def _year_less(text: str, year_of: str | None, line_head=None) -> list[tuple[int, str]]:
    """Cued dates that give no year ("to be held on Thursday 18th May"), placed in
    the year of the paper's own dated line (a summons goes out days before); and a
    weekday's date that opens its line ("DUFFERIN COUNTY COUNCIL Thursday, February 11"),
    in the year that weekday fits (``line_head(offset)``: is the offset at a line's start)."""
    out: list[tuple[int, str]] = []
    if not year_of:
        return out
    y, m0 = int(year_of[:4]), int(year_of[5:7])
    for m in year_less_days(text):
        before = text[max(0, m.start - 120) : m.start]
        if _NOT_THIS_MEETING.search(before[-_NOT_THIS_REACH:]) or _ANOTHERS_MEETING.search(before[-_NOT_THIS_REACH:]):
            continue
        month, day = m.month, m.day
        if _SUMMONS_CUE.search(before):
            year = y + 1 if month < m0 - 6 else y
        elif m.weekday and (_DATE_CUE.search(before) or (line_head is not None and line_head(m.start))):
            # "the meeting of the Parish Council on Friday 25th July": the weekday tells the
            # year, among the years next to the paper's own dates
            fits = [yy for yy in (y - 1, y, y + 1) if _weekday_is(yy, month, day, m.weekday)]
            if len(fits) != 1:
                continue
            year = fits[0]
        elif _DATE_CUE.search(before) and (month, day) <= (m0, int(year_of[8:10] or 31)) and month >= m0 - 2 \
                and not re.match(r"\s*\d", text[m.end:]) and not _OTHER_MINUTES_AFTER.search(text[m.end: m.end + 80]):
            # "Hinton Parish Council met on 12th May" in a post of "25th May 2022": a meeting
            # reported within weeks of the paper's own date, in its year
            year = y
        else:
            continue
        out.append((m.start, f"{year:04d}-{month:02d}-{day:02d}"))
    return out


# what joins a second date to the first of a pair: "held on 16 September 2020 and additional meeting held on"
_JOINED_DATE = re.compile(r"\s*(?:,|and|&)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:meetings?\s+)?(?:held\s+)?(?:on\s+)?(?:the\s+)?", re.I)
_EARLIER_MEETING = re.compile(r"\bminutes of\b.{0,120}$|\b(last|previous|prior)\b.{0,60}$", re.I)


def _weekday_checked(iso: str, text: str, more: list[str]) -> str:
    """A date printed with a weekday it does not fall on ("TUESDAY, 14TH JANUARY, 2019",
    a Monday) whose weekday fits the year before or after: a misprinted year, when the
    paper's business speaks of an earlier meeting that falls between the two ("Minutes
    of Meeting ... held on 10th December, 2019"): it cannot be later than this one."""
    if len(iso) != 10:
        return iso
    for d in find_dates(text, financial=False):
        wd = re.match(_WEEKDAY, d.surface, re.I)
        if d.iso != iso or not wd:
            continue
        y, m, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
        if _weekday_is(y, m, day, wd.group(1)):
            return iso
        fits = [yy for yy in (y - 1, y + 1) if _weekday_is(yy, m, day, wd.group(1))]
        if len(fits) != 1:
            return iso
        fixed = f"{fits[0]:04d}-{m:02d}-{day:02d}"
        lo, hi = sorted((iso, fixed))
        whole = text + " " + " ".join(more)
        for x in find_dates(whole, financial=False):
            earlier = _EARLIER_MEETING.search(whole[max(0, x.start - 140) : x.start]) or _OTHER_MINUTES_AFTER.search(
                whole[x.end : x.end + 80]
            )
            if x.kind == "day" and lo < x.iso < hi and earlier:
                return fixed
        return iso
    return iso


def _weekday_is(year: int, month: int, day: int, weekday: str) -> bool:
    try:
        return _WEEKDAYS[date(year, month, day).weekday()] == weekday.lower()
    except ValueError:
        return False


# the words joining the two ends of a period: "10 September 2022 - 24 September 2022", "1 to 14 May"
_RANGE_TO = re.compile(r"\s*(-|–|—|to|until)\s*", re.I)
_OPENING_CHARS = 60  # a date this near its line's start is in the line's heading
_LINE_HEAD = 200  # this many characters open a line: a heading's length, not a page run on one line
# an item of business numbered inside a line: "1. DECLARATION", "6.1 Ordinary Meeting"
_INLINE_ITEM = re.compile(r"(?:^|\s)\d{1,2}(?:\.\d{1,2})?\.?\s+[A-Z][A-Za-z]")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")
_DATE_COLUMN = 5  # this many dates in figures in a paper's first lines make a column of a table


def _scored_dates(
    text: str, base, cue_only: bool = False, year_of: str | None = None, alone=None, after_address=None,
    text_nl: str | None = None, line_head=None,
) -> list[tuple[float, str]]:
    """(score, iso) of the dates in ``text``; ``base`` is a number, or a function of a
    date's offset (its place in the header); ``alone(start, end)``: is the date a line
    of its own; ``after_address(start)``: does it follow an address or telephone line;
    ``text_nl``: the same text with its line breaks (a date that ends its line)."""
    at = base if callable(base) else (lambda _offset: base)
    out = []
    starts: list[int] = []  # where each of ``out``'s dates is
    for start, iso in _year_less(text, year_of, line_head):
        out.append((at(start) + 4 - start / 2000, iso))
        starts.append(start)
    found = find_dates(text, financial=False)
    if text_nl is not None:
        # "13th of November 25": a two-digit year is a year only where the date ends its line
        found += [d for d in find_dates(text_nl, financial=False) if not any(d.start < f.end and f.start < d.end for f in found)]
    # a column of dates written in figures ("21/04/2018" on row after row) is a table's data
    column = sum(1 for d in found if _NUMERIC_DATE.fullmatch(d.surface)) >= _DATE_COLUMN
    others: list = []  # dates read as another meeting's, in the order met
    earlier: list[tuple[int, str]] = []  # (offset, day) of meetings whose minutes the paper confirms
    for d in found:
        if d.kind not in ("day", "month") or re.search(r"/\d{2}$", d.surface):
            continue
        if column and _NUMERIC_DATE.fullmatch(d.surface) and not _DATE_CUE.search(text[max(0, d.start - 120) : d.start]):
            continue
        before = text[max(0, d.start - 120) : d.start]
        # a document site's title runs the paper's first words into its own stamp ("... ordinary meeting held
        # thursday… · 2015-06-23 · minutes of..."): no cue reaches a date past a cut or a separator
        before = before[max(before.rfind("…"), before.rfind(" · ")) + 1 :]
        if _ANOTHERS_MEETING.search(before[-_NOT_THIS_REACH:]) \
                or (_ACCEPTED_BEFORE.search(before) and _MINUTES_AFTER.match(text, d.end)) \
                or (_MINUTES_OF_BEFORE.search(before[-_NOT_THIS_REACH:]) and _CONFIRMED_RIGHT_AFTER.match(text, d.end)) \
                or any(e.end <= d.start and _JOINED_DATE.fullmatch(text, e.end, d.start) for e in others):
            # "The minutes of the meeting held on 5th March 2024 were approved": the last meeting's; and a date
            # joined to such a one ("the previous meetings held on 16 September 2020 and additional meeting
            # held on 29 September 2020") is another meeting's too
            others.append(d)
            earlier.append((d.start, d.iso))
            continue
        cued = bool(_DATE_CUE.search(before))
        if not cued and text_nl is not None:
            # "Minutes of Regular Meeting of Council for X held in the Council Chamber of ... Office in Y,
            # Manitoba on September 24th, 2013": the minutes' own heading, its venue longer than a cue's reach
            line_start = text_nl.rfind("\n", 0, d.start) + 1
            cued = bool(_MINUTES_HEADING.match(text_nl, line_start)) and bool(_HELD_ON.search(text_nl, line_start, d.start))
        if cue_only and not cued:
            continue
        score = at(d.start) + (4 if cued else 0) - d.start / 2000  # the first of equals
        if re.match(_WEEKDAY, d.surface, re.I):
            score += 2  # "Monday 19 September 2016": how a meeting's day is given
        if _NOT_THIS_MEETING.search(before[-_NOT_THIS_REACH:]) or _OTHER_MINUTES_AFTER.search(text[d.end : d.end + 80]) \
                or any(_RANGE_TO.fullmatch(text[d.end : e.start] if e.start >= d.end else text[e.end : d.start]) for e in found):
            others.append(d)
            score -= 6  # another meeting's, or one end of a period ("10 September 2022 - 24 September 2022")
        elif cued and text_nl is not None and _MINUTES_HEADING.match(text_nl, text_nl.rfind("\n", 0, d.start) + 1) \
                and _ITEM_RECORD.match(text_nl, max(d.end, text_nl.find("\n", d.end))):
            score -= 6  # a committee site's item "Minutes of Meeting of X held on Monday 13th January 2020"
            # over its "Minutes:" record: the earlier minutes this meeting confirmed
        elif cued and text_nl is not None and _MINUTES_HEADING.match(text_nl, text_nl.rfind("\n", 0, d.start) + 1):
            score += 2.5  # "Minutes of the meeting of X held ... on Monday, 6th August 2007": the minutes' own
            # heading states their meeting's day, over a web post's date line above it
        if d.kind == "month":
            score -= 2.5  # "August 2008": a month mentioned, a plan's edition
        if alone is not None and alone(d.start, d.end):
            score += 2.5  # a date line of its own: a cover's, a letter's or a title page's date
            if after_address is not None and after_address(d.start):
                score += 2  # under the sender's address and telephone: where a letter is dated
        out.append((score, d.iso))
        starts.append(d.start)
    # a day the paper gives as another meeting's just after naming it is not its own: a committee site's item
    # "Authority Budget Meeting 19 February 2021" over "the Minutes of the Authority (Budget) meeting held on
    # 19 February 2021 be signed as a correct record" (not a file of several meetings' minutes, each confirmed
    # by the next one far below it)
    return [(score - 6 if any(iso == e_iso and at_ < e_at <= at_ + _CONFIRMED_REACH for e_at, e_iso in earlier) else score, iso)
            for (score, iso), at_ in zip(out, starts)]


_SUMMONS_WORDS = re.compile(
    r"\b(requested|summoned|required|invited)\s+to\s+attend\b|\bnotice is (hereby )?given\b|\bsummons\b|\b(has|have)\s+(called|convened)\b",
    re.I,
)


_MEMO_MEETING = re.compile(r"^\W*(re|subject)\s*:.*\b(committee|council|meeting|board|panel|sub-committee)\b.*\b" + _WEEKDAY + r"\b", re.I)


def _summoned(dated: str, texts: list[str]) -> str:
    """A summons is dated days before the meeting it calls: when the paper's first lines
    (``texts``, read as plain text) summon members ("You are requested to attend ...") to
    a meeting "to be held ... on" a later day (within two months), the paper's date is that day."""
    if len(dated) != 10:
        return dated
    for t in texts[:12]:
        # a memo summons: "Date: 15 June 2016" / "Re: Cemetery Committee – Tuesday 21 June 2016 at 10.00 a.m."
        if _MEMO_MEETING.match(t):
            for d in find_dates(t, financial=False):
                if d.kind == "day" and 0 < (date.fromisoformat(d.iso) - date.fromisoformat(dated)).days <= 60:
                    return d.iso
    text = " ".join(texts)
    if not may_search(_SUMMONS_WORDS, fold(text)):
        # every way below needs summons words before a date; the words of any match are in
        # the text, whatever window of it is searched: without them no date need be read
        return dated
    found = find_dates(text, financial=False)
    for d in found:
        before = text[max(0, d.start - 240) : d.start]
        if d.kind == "day" and _SUMMONS_CUE.search(before[-120:]) and _SUMMONS_WORDS.search(before):
            days = (date.fromisoformat(d.iso) - date.fromisoformat(dated)).days
            if 0 < days <= 60:
                return d.iso
    # the month and year lost ("on Wednesday, 16" mber 202!" in a scan), or never written
    # ("on Wednesday the 16th"): the first such weekday and day after the summons's date
    issued = next((d.end for d in found if d.iso == dated), None)
    for m in _WEEKDAY_DAY.finditer(text, issued or 0):
        if issued is None:
            break
        before = text[max(0, m.start() - 240) : m.start()]
        if _SUMMONS_CUE.search(before[-120:]) and _SUMMONS_WORDS.search(before):
            return _next_weekday_day(dated, m.group("wd"), int(m.group("d"))) or dated
    return dated


_WEEKDAY_DAY = re.compile(r"\b(?P<wd>" + _WEEKDAY + r"),?\s+(?:the\s+)?(?P<d>[0-3]?\d)(?!\d)", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _next_weekday_day(after: str, weekday: str, day: int) -> str | None:
    """The first date within two months after ``after`` that falls on ``weekday`` the ``day``th."""
    start = date.fromordinal(date.fromisoformat(after).toordinal())
    for n in range(1, 61):
        d = date.fromordinal(start.toordinal() + n)
        if d.day == day and _WEEKDAYS[d.weekday()] == weekday.lower():
            return d.isoformat()
    return None


DECISION_DATE_LINES = 80
_DECISION_DATE_LABEL = re.compile(r"^\W*(?:date\s+of\s+decision|decision\s+date|made\s+at\s+meeting)\s*[:\-–]\s*(\S.*)$", re.I)


def _meeting_date(head: _Head, labels: dict[str, str], lines: list[Line], in_pack: bool = False) -> str | None:
    """The date of the meeting, decision or letter: a labelled date first, then the
    dates of the header weighed by what is said before them ("held on", "Dated:")
    and against ("minutes of the last meeting held on", "posted"); past the header,
    only a date so cued. A paper that states no date gets none."""
    for key in ("date of meeting", "meeting date", "date of decision", "decision date", "date"):
        if key in labels:
            iso = parse_date(labels[key])
            if iso and len(iso) == 10:
                if key != "date":
                    return iso
                # a letter's "Date:" is the day it went out: a summons's is days before the meeting it calls
                return _summoned(iso, head.texts + [_plain(l.text) for l in lines[len(head.lines) : len(head.lines) + 40]])
    if "meeting" in labels:
        # a committee site's issue page: "Meeting: 16/04/2018 - Council (Item 65)", the meeting's date
        # opening the label's value
        found = [d for d in find_dates(labels["meeting"], financial=False) if d.kind == "day" and d.start == 0]
        if found:
            return found[0].iso
    for line in lines[:DECISION_DATE_LINES]:
        # a published decision record states its date in a field below the decision ("Date of decision: 20/11/2017")
        # ("Made at meeting: 14/11/2023 - Cabinet": the meeting's date before its name)
        if (m := _DECISION_DATE_LABEL.match(line.text)) and (days := [d.iso for d in find_dates(m.group(1)) if d.kind == "day"]):
            return days[0]
    n = len(head.texts) or 1
    dated = [d.iso for d in find_dates(head.text, financial=False) if d.kind == "day"]

    business = business_start(head.texts)

    def place(offset: int) -> float:
        k = head.line_of(offset)
        top = 2.0 if head.rank[k] < 3 else 0.0  # a date among the first lines: the paper's own heading or letterhead
        item = -2.0 if _ITEM_LINE.match(head.texts[k]) else 0.0
        if business is not None and k >= business:
            # the items a meeting dealt with ("Elections are due to be held on 2nd May",
            # "the Bonfire will be held on Tuesday, 5th November") are not its date
            item = -6.0
        into = offset - head.starts[k]
        if into > _LINE_HEAD:
            # a page that runs on one line: deep into it is no heading, and past its
            # numbered items ("1. DECLARATION ... 6.1 Ordinary Meeting held on ...") is business
            top = 0.0
            if len(_INLINE_ITEM.findall(head.texts[k][:into])) >= 2:
                item = -6.0
        return top + item + 1.0 + (n - k) / n

    def alone(start: int, end: int) -> bool:
        k = head.line_of(start)
        line_start, line = head.starts[k], head.texts[k]
        rest = line[: start - line_start] + line[end - line_start :]
        return head.line_of(end - 1) == k and not re.sub(r"[\W_]", "", rest)

    def opens_line(start: int) -> bool:
        k = head.line_of(start)
        return start - head.starts[k] <= _OPENING_CHARS

    def after_address(start: int) -> bool:
        k = head.line_of(start)
        return any(address_like(t) for t in head.texts[max(0, k - 2) : k])  # a telephone line may follow the postcode

    # the header read as one text: a date split over lines ("20TH" / "NOVEMBER, 2015") is whole
    good = [
        c
        for c in _scored_dates(head.text, place, year_of=dated[0] if dated else None, alone=alone, after_address=after_address,
                               text_nl=head.text_nl, line_head=opens_line)
        if c[0] > 0
    ]
    if good:
        # from the top: a summons's date and the meeting it calls may both be in the header
        after = [_plain(l.text) for l in lines[len(head.lines) : len(head.lines) + 40]]
        return _summoned(_weekday_checked(max(good)[1], head.text, after), head.texts + after)
    if in_pack:
        return None  # a report in a pack is of the pack's meeting
    for d in find_dates(head.text, financial=False):
        # a paper that states no other date is of its edition ("Relocation Strategy - updated December 2018")
        if d.kind in ("day", "month") and _EDITION.search(head.text[max(0, d.start - 40) : d.start]):
            return d.iso
    later = []
    for l in lines[len(head.lines) : len(head.lines) + 800]:
        later.extend(_scored_dates(_plain(l.text), 0.0, cue_only=True))
    later = [c for c in later if c[0] > 0]
    if later:
        return max(later)[1]
    return _weekday_in_body_years(head.text, [_plain(l.text) for l in lines[:800]])


def _weekday_in_body_years(text: str, body: list[str]) -> str | None:
    """A heading's cued weekday date with no year ("held on Monday 31st October at 7.00pm") in a
    paper whose header states no year: the year, next to the years of the paper's own dates
    (its body's "early January 2023"), in which that day is that weekday; None when no year
    or several fit."""
    years = {int(d.iso[:4]) for t in body for d in find_dates(t, financial=False) if d.kind in ("day", "month")}
    if not years:
        return None
    for m in year_less_days(text):
        if not m.weekday:
            continue
        before = text[max(0, m.start - 120) : m.start]
        if not _DATE_CUE.search(before) or _NOT_THIS_MEETING.search(before[-_NOT_THIS_REACH:]) \
                or _ANOTHERS_MEETING.search(before[-_NOT_THIS_REACH:]):
            continue
        month, day = m.month, m.day
        fits = {yy for y in years for yy in (y - 1, y, y + 1) if _weekday_is(yy, month, day, m.weekday)}
        if len(fits) == 1:
            return f"{fits.pop():04d}-{month:02d}-{day:02d}"
        return None
    return None


@lru_cache(maxsize=1)  # read for every paper described
def _type_rules() -> tuple[tuple[str, re.Pattern], ...]:
    from paperfinder.datafiles import tab_rules

    return tuple((f"{where}:{dtype}", rx) for (where, dtype), rx in tab_rules("doc_type_rules.txt", fields=2, flags=re.I | re.M))


TITLE_CHARS = 200


def _kind_of_paper(title: str, head: _Head, lines: list[Line]) -> str | None:
    """What the paper is, from its title and opening words, then from its body's
    evidence (an attendance list and votes make minutes; "to be held" and "To
    receive ..." items make an agenda). None: a report, typed by the caller."""
    # a title is short: of a page that runs on one line ("HomeMy WebLinkAbout1995/08/22-Minutes ...
    # withdrawn from the consent agenda."), only its opening words can be its title
    top = [t[:TITLE_CHARS] for t in head.texts[:8]]
    title = title[:TITLE_CHARS]
    body = "\n".join(_plain(l.text) for l in lines[:300])
    low_body = fold(body)  # most rules' words are not in the body: no scan of it by re
    scopes = {"title": "\n".join([title, *top]), "first": "\n".join([title, *top[:3]]), "body": body}
    for key, rx in _type_rules():
        where, dtype = key.split(":", 1)
        # a body rule's alternatives one by one, each only where its own words are: the rule's
        # words together are those of its weakest alternative ("present"), in most papers' bodies
        if may_search_any(rx, body, low_body) if where == "body" else rx.search(scopes[where]):
            return dtype
    return None


def describe(doc: Document, pack: Document | None = None) -> Document:
    """Fill a Document's metadata from its own header lines."""
    lines = body_lines(doc.lines)
    header: list[Line] = []
    for line in lines[:HEADER_LINES]:
        if header and _NUMBERED_SECTION.match(line.text) and len(header) > 3 and not address_like(line.text):
            if not any(d.start == 0 for d in find_dates(line.text.strip(), financial=False)):
                break  # the report's first section ("1. Summary"); "2 The Square", "12 November 2009" are not
        header.append(line)
    labels = _label_values(header)
    head = _Head(lines)
    authority, about, sure = _authority(head, lines)
    if authority is not None and not sure and pack is None:
        # a council the header names without stating it as the paper's (a letterhead line may be
        # a county's letter copied into a parish's minutes) is weighed against the whole paper
        authority = _weighed_over(authority, lines, web_page_title(doc.lines)[0])
    dates_head = head.first(max(len(header), 12))  # a report's body (past "1. Summary") is not its header
    if authority is None and pack is not None:
        authority, about = pack.authority, list(pack.about)
    if authority is None and pack is None:
        page_title = web_page_title(doc.lines)[0]
        authority = _page_title_council(page_title) or _titled_council(page_title, lines)
    doc.authority = authority
    doc.about = about
    doc.title, title_line, labelled = _title(header, labels)
    doc.date = _meeting_date(dates_head, labels, lines, in_pack=pack is not None) or (pack.date if pack else None)
    if doc.date is None and pack is None:
        page_title, posted = web_page_title(doc.lines)
        titled = _date_from_page_title(page_title, posted) if page_title else None
        # a full date in the site's title is the page's heading date; a month alone ("Report - May")
        # gives way to the day and month the paper states, placed in a year by the posting date
        doc.date = titled if titled and len(titled) == 10 else (_posted_meeting_date(dates_head.text, posted) if posted else None) or titled
    if doc.date and writes_month_first("\n".join(l.text for l in lines[:MONTH_FIRST_LINES])):
        doc.date = month_first_reading(dates_head.text, doc.date)
    doc.committee = _committee(header, labels) or (pack.committee if pack else None)
    for key in ("report author", "author", "contact officer"):
        if key in labels:
            doc.author = _name_of(labels[key])
            break
    if doc.author is None and "report of" in labels and not re.match(r"(the\s+)?(cllr|councillor|cabinet member|leader)\b", labels["report of"], re.I):
        doc.author = _name_of(labels["report of"])
    for key in ("decision maker", "report of"):
        if key in labels:
            doc.decision_maker = labels[key].split("\t")[0].strip()
            break
    if "key decision" in labels:
        v = labels["key decision"].strip().lower()
        doc.key_decision = True if v.startswith("yes") else False if v.startswith("no") else None
    header_text = "\n".join(l.text for l in header)
    doc.doc_type = _kind_of_paper(doc.title, head, lines) or _doc_type(doc.title, header_text, labels, doc.committee, pack is not None)
    if doc.about and doc.doc_type == "committee_report":
        doc.doc_type = "report"  # an inspector's or ombudsman's paper about a council is no committee's report
    if pack is None and len(lines) <= 1 and doc.doc_type in ("report", "committee_report"):
        # a document site's page of one title over a list of other papers ("ABOVE DERWENT PARISH COUNCIL" /
        # "Similar documents"): a stub of a paper no words of which say what it is, no report
        doc.doc_type = "other"
    if doc.authority is None and pack is None and doc.doc_type not in ("minutes", "agenda"):
        doc.authority = _all_about(lines)
    if doc.authority is None and pack is None:
        doc.authority = _defined_council(lines)
    if doc.doc_type == "press_release" and pack is None:
        doc.date = _dateline(head) or doc.date
    if doc.doc_type in _DECIDED_ON_A_COUNCIL:
        doc.authority, doc.about = _decided_on(doc.authority, doc.about, head)
    elif pack is None and doc.doc_type in ("report", "committee_report") and (writer := _self_described(head)) is not None:
        # an auditor's plan or a boundary commission's recommendations on a council: the body's own report
        council = doc.authority if doc.authority != writer else None
        named = [b.canonical for t in head.texts[:_SELF_DESCRIBED_LINES] for b in find_bodies(t) if b.kind == "council"]
        doc.authority, doc.about = writer, doc.about or ([council] if council else named[:1])
        doc.doc_type = "report"
    if pack is None and (appeal := _appealed_council(head)) is not None:
        doc.authority, doc.about, doc.date = appeal[0], appeal[1], appeal[2] or doc.date
    doc.title = choose_title(doc.title, title_line, labelled, [line.text for line in lines[:60]],
                             doc.doc_type, doc.authority, doc.committee, in_pack=pack is not None)
    if _labelled_committee(labels) is None:
        # the meeting the paper's title names beats a header line's guess
        doc.committee = (committee_of(doc.title, doc.authority, doc.doc_type)
                         or (own_meeting(doc.committee, doc.authority) if doc.doc_type in ("minutes", "agenda") else None)
                         or (doc.committee if _is_committee(doc.committee) and not council_only(doc.committee, doc.authority) else None))
    return doc


_PUBLISHED = re.compile(r"^\W*published\s*(on\s*)?[:\-–]?\s*", re.I)
_DATELINE_LINES = 5  # a news post's date is under its headline


def _dateline(head: _Head) -> str | None:
    """A news post's or press release's own date: the date alone on one of its first lines,
    or after its "Published on" stamp, not the days of the events it announces
    ("a workshop is being held on Thursday 19 October 2023")."""
    for t in head.texts[:_DATELINE_LINES]:
        published = _PUBLISHED.match(t)
        for d in find_dates(t, financial=False):
            if d.kind != "day":
                continue
            rest = re.sub(r"[\W_]", "", t[: d.start] + t[d.end :].split(" at ", 1)[0])  # "... at 2:16:15 PM": its time
            if not rest or (published is not None and published.end() == d.start):
                return d.iso
    return None


# papers another body writes on a council (an ombudsman's decision headed "Wirral Metropolitan
# Borough Council (22 010 680)"): the council they name first is what they are about
_DECIDED_ON_A_COUNCIL = ("ombudsman_decision",)

# a body that is no council describing itself in the paper's opening, as a report's author does: "The Audit
# Commission is an independent watchdog", "The Local Government Boundary Commission for England (LGBCE) is an
# independent body", "© The Local Government Boundary Commission for England 2018"
_SELF_DESCRIBED_LINES = 20
_IS_INDEPENDENT_AFTER = re.compile(r"\s*(\([A-Z]{2,8}\)\s*)?(is|are)\s+an?\s+independent\b", re.I)
_COPYRIGHT_BEFORE = re.compile(r"(©|\(c\)|copyright)\s*(the\s+)?$", re.I)


def _self_described(head: _Head) -> str | None:
    """The body (not a council) the paper's opening describes as itself, by its own words ("X is an
    independent ...") or its copyright line; None if none."""
    for text in head.texts[:_SELF_DESCRIBED_LINES]:
        for b in find_bodies(text):
            if b.kind == "body" and (_IS_INDEPENDENT_AFTER.match(text, b.end) or _COPYRIGHT_BEFORE.search(text[: b.start])):
                return b.canonical
    return None


def _decided_on(authority: str | None, about: list[str], head: _Head) -> tuple[str | None, list[str]]:
    """(authority, about) of a paper another body writes on a council: its author is the
    body (not a council) its first lines name, if any; the council read as its author is
    what it is about."""
    firsts = [b for t in head.texts[:8] for b in find_bodies(t)]
    author = next((b.canonical for b in firsts if b.kind == "body"), None)
    councils = [b.canonical for b in firsts if b.kind == "council"]
    if authority is not None and authority in councils:
        return author, about or [authority]
    return authority, about or councils[:1]


# an appeal decision in England and Wales: "an Inspector appointed by the Secretary of State ... Decision
# date: 28 September 2016 ... The appeal is made by X against the decision of Y Council"
_APPOINTED_INSPECTOR = re.compile(r"\binspector\s+appointed\s+by\s+the\s+secretary\s+of\s+state\b", re.I)
_AGAINST_DECISION_OF = re.compile(
    r"\bagainst\s+(?:the\s+)?(?:decision|refusal|failure|non-determination|notice)\s+(?:\w+\s+){0,3}?(?:of|by)\s+(?:the\s+)?", re.I)
_DECISION_DATE = re.compile(r"\bdecision\s+date\s*[:\-–]?\s*", re.I)
APPEAL_LINES = 40


def _appealed_council(head: _Head) -> tuple[str | None, list[str], str | None] | None:
    """(author, about, date) of an inspector's appeal decision: the Inspectorate (when it names
    itself), the council whose decision is appealed, and the decision's own date (its "Decision
    date:", not the dates of its hearing or site visit). None for any other paper."""
    text = "\n".join(head.texts[:APPEAL_LINES])
    if not _APPOINTED_INSPECTOR.search(text):
        return None
    about: list[str] = []
    for m in _AGAINST_DECISION_OF.finditer(text):
        b = next(iter(find_bodies(text[m.end() : m.end() + 120])), None)
        if b is not None and b.start == 0 and b.kind == "council" and b.canonical not in about:
            about.append(b.canonical)
    if not about:
        return None
    author = next((b.canonical for b in find_bodies(text) if b.kind == "body"), None)
    when = None
    if (d := _DECISION_DATE.search(text)) is not None:
        found = find_dates(text[d.end() : d.end() + 40], financial=False, months=False)
        when = found[0].iso if found and found[0].start == 0 else None
    return author, about[:1], when


DOMINANT_MENTIONS = 10  # a council named this often, and nearly alone, is the one a paper is about
DOMINANT_SHARE = 0.8


def _all_about(lines: list[Line]) -> str | None:
    """A report, plan or table that states no author (an assessment of "the Council's"
    plan, a schedule of changes) but names one council again and again and hardly any
    other: that council's paper. Not for minutes or agendas, whose council, when unnamed,
    is read from their numbering or initials at indexing (a parish's papers name their
    county often)."""
    counts = Counter(b.canonical for l in lines[:2000] for b in find_bodies(_plain(l.text)) if b.kind == "council")
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= DOMINANT_MENTIONS and n >= DOMINANT_SHARE * sum(counts.values()) else None


# a paper's own definition of the council it speaks of: "approved by the Southwark Council
# (The Council)", "Tintern Community Council (\u201cthe Council\u201d)"
_DEFINED_AS_THE_COUNCIL = re.compile(r"\(\s*[\"\u201c\u2018']?(?:the\s+)?[\"\u201c\u2018']?council[\"\u201d\u2019']?\s*\)", re.I)


def _defined_council(lines: list[Line]) -> str | None:
    """The council a paper that says only "the Council" defines that word as, the name
    just before "(the Council)"; None when it defines it as two councils."""
    found: set[str] = set()
    for line in lines[:2000]:
        text = _plain(line.text)
        for m in _DEFINED_AS_THE_COUNCIL.finditer(text):
            before = text[: m.start()].rstrip()
            bodies = [b for b in find_bodies(before) if b.kind == "council" and b.end >= len(before) - 1]
            if bodies:
                found.add(bodies[-1].canonical)
    return next(iter(found)) if len(found) == 1 else None


def _split_points(lines: list[Line]) -> list[tuple[int, str | None]]:
    """Indexes in ``lines`` where a new report starts, with its agenda item label."""
    points: list[tuple[int, str | None]] = [(0, None)]
    n = len(lines)
    for i, line in enumerate(lines):
        text = line.text
        m = _AGENDA_ITEM.match(text)
        if m:
            points.append((i, f"Agenda Item {m.group(1)}"))
            continue
        if i > 10 and _MINUTES_HEAD.match(text):
            start = i
            if i > 0 and find_authorities(lines[i - 1].text) and len(lines[i - 1].text) < 80:
                start = i - 1
            points.append((start, None))
            continue
        # an unmarked report cover: council name, then "Report of"/"Report author" close below
        if i > 10 and len(text) < 400 and not text.startswith(("-", "•")) and named_within(text, 6):
            found = find_authorities(text)
            if not found or found[0][0] > 5:
                continue  # a cover line opens with the council's name
            near = "\n".join(cell.strip() for l in lines[i + 1 : min(n, i + 10)] for cell in l.text.split("\t"))
            if _REPORT_MARK.search(near):
                points.append((i, None))
    # drop points too close to the previous one (a marker followed by its cover)
    points.sort()
    merged: list[tuple[int, str | None]] = []
    for idx, label in points:
        if merged and idx - merged[-1][0] < 12:
            if label and not merged[-1][1]:
                merged[-1] = (merged[-1][0], label)
            continue
        merged.append((idx, label))
    return merged


def split_and_describe(lines: list[Line], source: str, base_id: str, page_of_line: dict[int, int] | None = None) -> list[Document]:
    """One Document per report: a plain paper gives one, an agenda pack several."""
    points = _split_points(lines)
    if len(points) == 1:
        doc = Document(doc_id=base_id, source=source, lines=lines, page_of_line=page_of_line or {})
        return [describe(doc)]
    pack = describe(Document(doc_id=base_id, source=source, lines=lines[: max(points[1][0], 1)]))
    pack.authority = pack.authority or _most_named_authority(lines)
    docs: list[Document] = []
    bounds = [p[0] for p in points] + [len(lines)]
    for k, (start, label) in enumerate(points):
        part_lines = lines[start : bounds[k + 1]]
        if not part_lines:
            continue
        suffix = re.sub(r"\W+", "", label.lower().replace("agenda item", "item")) if label else f"part{k}"
        doc = Document(
            doc_id=f"{base_id}~{suffix}",
            source=source,
            lines=part_lines,
            page_of_line=page_of_line or {},
            pack_id=base_id,
            item=label,
        )
        describe(doc, pack=pack)
        if k == 0 and doc.doc_type in ("committee_report", "agenda_pack_item", "report"):
            # a pack of agenda items ("Agenda Item 5") opens with its agenda; a paper split only
            # at report covers (a consultant's study, a review with its annexes) opens with itself
            if any(lab for _i, lab in points):
                doc.doc_type = "agenda"
            elif doc.doc_type == "agenda_pack_item":
                doc.doc_type = "report"
        docs.append(doc)
    return docs
