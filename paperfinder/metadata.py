"""Document metadata read from the paper itself, and agenda packs split into reports.

Council papers open with a header block: council, committee and date, title,
"Report of", "Report author", "Key Decision". Labelled lines are read first;
unlabelled covers fall back to position (the line after the council/date line).
"""

from __future__ import annotations

import re
from collections import Counter

from .authorities import find_authorities
from .dates import find_dates, parse_date
from .records import Document, Line

HEADER_LINES = 40

_AGENDA_ITEM = re.compile(r"^#*\s*agenda\s+item\s+(\d+[a-z]?)\b\s*$", re.I)
_MINUTES_HEAD = re.compile(r"^#+\s*(.{0,120}\bminutes|minutes of\b.{0,120})\s*$", re.I)
_REPORT_MARK = re.compile(r"^(report\s+(of|author|to)\b|decision\s+maker\b)", re.I | re.M)
_LABEL = re.compile(
    r"^(?P<label>title|subject|report title|date|date of meeting|meeting date|date of decision|decision date|"
    r"report of|report author|report to|decision maker|author|key decision|contact officer|"
    r"responsible director|accountable director|accountable executive director|committee|meeting)"
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
_COMMITTEE_WORDS = re.compile(
    r"\b(cabinet|council|committee|board|panel|sub-committee|scrutiny|cepac|pac|forum|assembly|meeting)\b", re.I
)


def _label_values(lines: list[Line]) -> dict[str, str]:
    """Labelled header fields; a tab splits several labels on one line."""
    found: dict[str, str] = {}
    for line in lines:
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
                if value:
                    found.setdefault(m.group("label").lower(), value)
    return found


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
    from .dates import financial_years

    years = Counter()
    for line in lines[:200]:
        for _s, _e, _surface, iso in financial_years(line.text):
            years[iso] += 1
    if not years:
        return None
    return max(years)


def _title(header: list[Line], labels: dict[str, str], authority_lines: set[int]) -> str:
    for key in ("title", "report title", "subject"):
        if key in labels:
            return labels[key]
    for i, line in enumerate(header):
        if _NUMBERED_SECTION.match(line.text):
            break
        cells = [c.strip() for c in _strip_heading(line.text).split("\t") if c.strip()]
        # a cover line "Council<tab>COMMITTEE<tab>date" names no title
        cover_line = len(cells) > 1 and any(find_authorities(c) for c in cells) and any(find_dates(c) for c in cells)
        for cell in cells:
            if _is_title(cell, cover_line):
                return cell
    return _strip_heading(header[0].text) if header else ""


def _is_title(cell: str, cover_line: bool) -> bool:
    if _NOT_TITLE.match(cell) or _AGENDA_ITEM.match(cell) or len(cell) > 160:
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
    if (auths or dates) and _COMMITTEE_WORDS.search(rest) and len(rest.split()) <= 8:
        return False  # "London Borough of X CABINET 3 NOVEMBER 2014"
    rest = re.sub(r"\b(london borough of|royal borough of|city of|council|borough)\b", "", rest, flags=re.I).strip(" -–,&")
    if sum(c.isalpha() for c in rest) < 4:
        return False  # only a council name and/or a date
    if cover_line and _COMMITTEE_WORDS.search(cell):
        return False
    return True


def _committee(header: list[Line], labels: dict[str, str]) -> str | None:
    for key in ("decision maker", "report to", "committee", "meeting"):
        if key in labels:
            return labels[key].split("\t")[0].strip()
    for line in header[:8]:
        for cell in line.text.split("\t"):
            text = _strip_heading(cell)
            for s, e, _surface, _canon in find_authorities(text):
                text = (text[:s] + " " + text[e:]).strip()
            text = re.sub(r"^(london borough of|royal borough of|city of|council)\b", "", text, flags=re.I)
            for s, _e, _surface, _iso in find_dates(text):
                text = text[:s].strip()
                break
            text = re.sub(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", "", text, flags=re.I)
            text = text.strip(" -–,&")
            if text and len(text) < 80 and _COMMITTEE_WORDS.search(text):
                return _titlecase(text) if text.isupper() and len(text) > 6 else text
    return None


def _titlecase(text: str) -> str:
    small = {"and", "of", "for", "the", "in", "on", "to", "a", "an"}
    words = text.lower().split()
    return " ".join(w if (w in small and i) else w[:1].upper() + w[1:] for i, w in enumerate(words))


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


def describe(doc: Document, pack: Document | None = None) -> Document:
    """Fill a Document's metadata from its own header lines."""
    lines = doc.lines
    header: list[Line] = []
    for line in lines[:HEADER_LINES]:
        if header and _NUMBERED_SECTION.match(line.text) and len(header) > 3:
            break
        header.append(line)
    labels = _label_values(header)
    authority_lines: set[int] = set()
    authority = None
    for i, line in enumerate(header):
        found = find_authorities(line.text)
        if found:
            if authority is None:
                authority = found[0][3]
            s, e = found[0][0], found[0][1]
            rest = (line.text[:s] + line.text[e:]).strip()
            if len(rest) < 40 and not rest.isupper() or not rest:
                authority_lines.add(i)
            elif len(re.sub(r"[^A-Za-z]", "", rest)) < 30 and find_dates(rest):
                authority_lines.add(i)
    if authority is None:
        authority = _most_named_authority(lines) or (pack.authority if pack else None)
    doc.authority = authority
    doc.title = _title(header, labels, authority_lines)
    doc.date = _doc_date(header, labels, lines) or (pack.date if pack else None) or _financial_year_date(lines)
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
    doc.doc_type = _doc_type(doc.title, header_text, labels, doc.committee, pack is not None)
    return doc


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
        if i > 10 and len(text) < 400 and not text.startswith(("-", "•")):
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
        if k == 0:
            doc.doc_type = "agenda" if doc.doc_type in ("committee_report", "agenda_pack_item", "report") else doc.doc_type
        docs.append(doc)
    return docs
