"""Sections and passages: heading paths, section types, nothing lost."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from paperfinder.ingest.readers import read_documents, read_lines
from paperfinder.ingest.sections import passages_of

from .conftest import CORPUS, FIXTURES, SAMPLES, corpus_file

CORPUS_DEV = FIXTURES / "corpus_dev"
PAPERS = (
    sorted(CORPUS.glob("*.txt"))
    + sorted(p for p in SAMPLES.iterdir() if "no_text_layer" not in p.name)
    + sorted(p for p in CORPUS_DEV.iterdir() if p.suffix in (".pdf", ".html"))
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
