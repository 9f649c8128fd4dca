"""Sections and passages: heading paths, section types, nothing lost."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from paperfinder.ingest.readers import read_documents, read_lines
from paperfinder.ingest.sections import passages_of

from .conftest import CORPUS, FIXTURES, SAMPLES, corpus_file

CORPUS_DEV = FIXTURES / "corpus_dev"
SECTIONS_DEV = FIXTURES / "corpus_dev_sections"
PAPERS = (
    sorted(CORPUS.glob("*.txt"))
    + sorted(p for p in SAMPLES.iterdir() if "no_text_layer" not in p.name)
    + sorted(p for p in CORPUS_DEV.iterdir() if p.suffix in (".pdf", ".html"))
    + sorted(SECTIONS_DEV.glob("*.pdf"))
)


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_every_non_blank_line_lands_in_exactly_one_passage(path: Path):
    lines, _ = read_lines(path)
    passages = [p for d in read_documents(path) for p in passages_of(d)]
    got = []
    for p in passages:
        assert p.line_start <= p.line_end
        texts = p.text.split("\n")
        assert len(texts) == len(p.line_nos)
        got.extend(zip(p.line_nos, texts))
    # every line, once, in order, unchanged (lines of a web page may share a source line)
    assert got == [(line.no, line.text) for line in lines]
    if path.suffix == ".txt":
        raw = path.read_bytes().decode("utf-8", "replace").splitlines()
        assert {i for i, t in enumerate(raw, 1) if t.strip()} == {line.no for line in lines}
    # passages are in source order and do not overlap
    spans = sorted((p.line_start, p.line_end) for p in passages)
    shared = len({line.no for line in lines}) < len(lines)
    assert all((a[1] <= b[0]) if shared else (a[1] < b[0]) for a, b in pairwise(spans))


def _passages(prefix):
    return [p for d in read_documents(corpus_file(prefix)) for p in passages_of(d)]


def _at(passages, line):
    (p,) = [p for p in passages if p.line_start <= line <= p.line_end]
    return p


def test_numbered_markdown_headings_give_paths_and_types():
    ps = _passages("000")
    assert _at(ps, 26).section == "3. Reasons for Decision" and _at(ps, 26).section_type == "reasons"
    assert _at(ps, 41).section == "5. Financial Implications" and _at(ps, 41).section_type == "financial"
    assert _at(ps, 22).section_type == "recommendations"
    assert _at(ps, 45).section_type == "legal"


def test_numbered_paragraphs_stay_whole_and_are_recorded():
    ps = _passages("001")
    p = _at(ps, 53)
    assert p.section == "4. PROPOSAL AND ISSUES > Deregulation"
    assert p.paragraphs == ["4.9"]
    assert _at(ps, 37).paragraphs == ["4.4"]


def test_upper_case_headings_and_subheadings():
    ps = _passages("002")
    assert _at(ps, 44).section == "FINANCIAL IMPACT > Placements Team"
    assert _at(ps, 44).section_type == "financial"
    assert _at(ps, 27).section_type == "recommendations"
    assert _at(ps, 166).section_type == "risk"


def test_table_stays_with_its_heading_paragraph():
    ps = _passages("003")
    p = _at(ps, 60)  # "Total funding request £1,418k £3,540k"
    assert p.line_start <= 51 and "MAXIMUM COST OF THE PROGRAMME" in p.text


def test_minutes_resolved_and_action_lines():
    ps = _passages("004")
    resolved = _at(ps, 84)
    assert resolved.section == "1. MINUTES > RESOLVED" and resolved.section_type == "resolved"
    action = _at(ps, 136)  # the ACTION line closes the paragraph above it
    assert action.line_start == 134 and action.section_type == "background"


def test_a_sentence_of_double_spaced_minutes_stays_in_one_passage():
    # Limerick's minutes put a blank line after every wrapped line; a blank line there is
    # spacing, not a paragraph break, and the resolution's sentence was cut between two
    # passages ("... to Cadence" | "Enviropower Limited ...") so no passage held it
    path = FIXTURES / "corpus_dev_money" / "limerick_minutes_full_council_2015-03-23.md"
    passages = [p for d in read_documents(path) for p in passages_of(d)]
    holding = [p for p in passages if "Gortadroma Landfill, Ballyhahill, to Cadence Enviropower Limited" in " ".join(p.text.split())]
    assert len(holding) == 1
    assert "the disposal to be by way of Lease Agreement for a period of 30 years" in " ".join(holding[0].text.split())
    lines, _ = read_lines(path)
    assert sum(len(p.line_nos) for p in passages) == sum(1 for line in lines if line.text.strip())



def _sections(name: str) -> list[tuple[int, int, str]]:
    return [(p.line_start, p.line_end, p.section) for d in read_documents(SECTIONS_DEV / name) for p in passages_of(d)]


def test_limerick_item_number_alone_on_its_line_heads_the_next_line():
    # "2." then "Fixing of Date": the item is "2. Fixing of Date" and ends where "3." begins;
    # the attendance label above the first item ("OFFICIALS IN ATTENDANCE:") heads only its own list
    got = _sections("limerick_minutes_full_council_2018-03-26.md")
    assert (22, 40, "MINUTES OF PROCEEDINGS AT MEETING OF LIMERICK CITY AND > OFFICIALS IN ATTENDANCE:") in got
    assert (42, 48, "MINUTES OF PROCEEDINGS AT MEETING OF LIMERICK CITY AND > Adjournment of Meeting") in got
    assert (82, 112, "1. Adoption of Minutes") in got
    assert (120, 128, "2. Fixing of Date") in got
    assert (130, 166, "3. Disposal of Land") in got
    assert (234, 246, "4. Support Services Directorate > General Data Protection Regulation (GDPR)") in got
    assert not any("OFFICIALS IN ATTENDANCE" in s for a, _, s in got if a > 40)
    assert not any(s.startswith("2. Fixing of Date") for a, _, s in got if a >= 130)


def test_milburn_items_referenced_year_month_item_are_sections():
    got = _sections("parish_milburn_minutes_2018-03-06.pdf")
    assert got[:6] == [
        (1, 5, "(start)"),
        (6, 7, "18.03.1 Apologies"),
        (8, 9, "18.03.2 Register of Interests"),
        (10, 13, "18.03.3 Minutes"),
        (14, 15, "18.03.4 Matters Arising"),
        (16, 30, "18.03.05 Village Green Erosion"),
    ]
    assert (31, 39, "18.03.6 Eden District Council Garden Waste Skip Agreement") in got


def test_a_heading_shared_by_more_than_three_passages_is_indexed_on_its_first_only():
    # "3. Disposal of Land" runs over four passages: indexed on every one, its words matched
    # them all, and the part whose heading held the query's words outranked the one whose text did
    passages = {p.line_start: p for d in read_documents(SECTIONS_DEV / "limerick_minutes_full_council_2018-03-26.md")
                for p in passages_of(d)}
    assert [passages[n].section for n in (130, 168, 214)] == ["3. Disposal of Land"] * 3  # shown whole
    assert passages[130].index_section is None  # the first indexes it
    assert passages[168].index_section == passages[214].index_section == ""
    # the item's heading is left out below its first passage, a sub-heading of three or fewer kept
    assert passages[248].index_section == "Overdraft Accommodation"
    assert passages[278].index_section == ""  # "Overdraft Accommodation" itself runs over four
    assert passages[830].index_section == "Participation by Members at Conferences"
    assert passages[42].index_section == "Adjournment of Meeting"


def test_a_heading_over_every_passage_of_a_paper_is_indexed_on_all():
    # the council's name over the whole of Tintern's minutes tells no passage from another; it
    # names the paper, and a query naming the council finds each passage by it
    passages = [p for d in read_documents(SECTIONS_DEV / "tintern_cc_minutes_2019-03-25.pdf") for p in passages_of(d)]
    assert len(passages) > 3
    assert {p.section for p in passages} == {"TINTERN COMMUNITY COUNCIL"}
    assert all(p.index_section is None for p in passages)


def test_a_row_of_an_agenda_table_is_no_minute_item():
    # lines 38-41 of the agenda: "1. MINUTES<tab>To approve the minutes ...<tab>1 - 11", a row of the
    # table of items (the rows of items 5-12 follow as a Markdown table); made an item heading, item
    # 4 "PUBLIC PARTICIPATION" took in the rows of items 5 to 12
    ps = _passages("004")
    assert [(p.line_start, p.line_end, p.section) for p in ps if 33 <= p.line_start <= 60] == [
        (33, 38, "21 November 2016"),
        (39, 55, "2. APOLOGIES FOR ABSENCE"),
        (56, 60, "2. APOLOGIES FOR ABSENCE"),
    ]


def test_a_heading_repeated_between_a_sentences_words_is_a_running_heading():
    # line 1469 "... the programme will be practice based," then the page's repeated heading (line 1471
    # "### Appendix 3 - Centre for Social Work ...") and the sentence goes on (line 1473 "uniquely
    # designed to facilitate leadership within social work ..."): one passage, under the heading above
    ps = _passages("004")
    p = _at(ps, 1471)
    assert (p.line_start, p.line_end) == (1467, 1473)
    assert "practice based,\n### Appendix 3 - Centre for Social Work" in p.text
    assert p.section.endswith("What is available through the Centre for Social Work? > Practice Leader Development Programme")
    assert _at(ps, 1475).section == p.section


def test_the_heading_that_opens_a_paper_is_its_title_and_not_indexed_as_a_heading():
    # "DRAFT MINUTES OF WRETTON PARISH COUNCIL MEETING" (line 12) heads 8 of the 11 passages: the paper's
    # title block, whose words the title field holds ("Minutes of the meeting – Wretton Parish Council").
    # Indexed on its first passage only, that passage outranked the one of line 90 for "Did Wretton Parish
    # Council join CPRE in 2009?"; no passage indexes it, every passage shows it
    path = FIXTURES / "corpus_dev_items" / "parish_wretton_draft_minutes_2009-07-14.md"
    ps = {p.line_start: p for d in read_documents(path) for p in passages_of(d)}
    assert ps[12].section == "DRAFT MINUTES OF WRETTON PARISH COUNCIL MEETING" and ps[12].index_section == ""
    assert ps[66].section == "DRAFT MINUTES OF WRETTON PARISH COUNCIL MEETING > Cheques for approval of payment"
    assert ps[66].index_section == "Cheques for approval of payment"
    # "Cllr L Peake" (line 24, a name the minutes set apart) heads five: indexed on the first only
    assert ps[24].index_section == "Cllr L Peake" and ps[38].index_section == ""
