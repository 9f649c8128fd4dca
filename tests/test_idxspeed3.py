"""A pattern tried only where a match can begin (``rxscan.starts``, ``found``, ``finditer``):
the paper-type rules on a paper's first lines and the body rules on whole papers find what
``re``'s own scan of every character finds."""

import re
from pathlib import Path

from paperfinder.ingest.metadata import _plain, _type_rules
from paperfinder.ingest.readers import read_lines
from paperfinder.recognise.bodies import _patterns
from paperfinder.text.rxscan import alternatives, finditer, fold, found, starts

ROOT = Path(__file__).resolve().parents[1]


def test_where_a_match_can_begin():
    # the strings every match begins with, folded, whatever the pattern's case
    assert starts(re.compile(r"\b(were|was)\s+(proposed|agreed)\s+as", re.I)) == (("was", "were"), False)
    assert starts(re.compile(r"(?i:council)\b")) == (("council",), False)
    assert starts(re.compile(r"PC\b")) == (("pc",), False)
    assert starts(re.compile(r"(?:C|G|Ch|Ngh)yngor\s+Cymuned")) == (("chyngor", "cyngor", "gyngor", "nghyngor"), False)
    # a word after a look-behind; a head another head begins is left out
    assert starts(re.compile(r"(?<!the )\bminutes? of", re.I)) == (("minute",), False)
    assert starts(re.compile(r"\b(an|ann)ual\b")) == (("an",), False)
    # one letter is in every word: the start of a line, or anywhere
    assert starts(re.compile(r"^\W*(the\s+)?agenda\b", re.I | re.M)) == (None, True)
    assert starts(re.compile(r"\b(a|an|the)\s+meeting", re.I)) == (None, False)
    assert starts(re.compile(r"\d+[.)]\s+to note", re.I)) == (None, False)
    assert starts(re.compile(r"^\s*$", re.M)) == (None, False)  # matches empty: left to re


def test_found_is_search_where_folding_changes_letters():
    rx = re.compile(r"(?i:shire)\s+of")
    for text, hit in [("the ſhire of Esperance", True), ("the SHIRE of Kent", True), ("the Shire OF Kent", False), ("Shires of", False), ("", False)]:
        assert found(rx, text, fold(text)) is hit
    rx = re.compile(r"(?i:charter\s+township\s+of)\s+[A-Z]")
    text = "Minutes CHARTER TOWNSHİP OF Canton"
    assert found(rx, text, fold(text)) and [m.span() for m in finditer(rx, text, fold(text))] == [(8, 29)]
    # "^" begins a line only with MULTILINE
    rx = re.compile(r"^\W*minutes\b", re.I)
    assert not found(rx, "Agenda\nMinutes", fold("Agenda\nMinutes"))
    assert found(re.compile(rx.pattern, re.I | re.M), "Agenda\nMinutes", fold("Agenda\nMinutes"))


def test_rules_find_on_the_bundled_papers_what_a_scan_of_every_character_finds():
    alts = [alt for _k, rx in _type_rules() for alt in alternatives(rx)]
    rules = [r.rx for r in _patterns()] + [r.needs for r in _patterns() if r.needs is not None]
    hits = matches = 0
    for path in sorted((ROOT / "corpus").iterdir()):
        lines, _pages = read_lines(path)
        body = "\n".join(_plain(ln.text) for ln in lines[:300])
        whole = "\n".join(ln.text for ln in lines)
        for text in (body, whole):
            low = fold(text)
            for alt in alts:
                hit = alt.search(text) is not None
                assert found(alt, text, low) is hit, alt.pattern[:60]
                hits += hit
            for rx in rules:
                spans = [m.span() for m in rx.finditer(text)]
                assert [m.span() for m in finditer(rx, text, low)] == spans, rx.pattern[:60]
                matches += len(spans)
    # on real matches, not only on texts nothing matches (39/320 with outside14's rules: a heading line that is the
    # word 'Agenda' alone, 'meeting of' the commissioners' rule needs; the bundled papers read the same)
    assert (hits, matches) == (39, 320)


def test_acronym_first_definitions_are_read_before_brackets_only():
    from paperfinder.recognise.acronyms import _DEF_AFTER, _after_definitions, find_definitions

    text = "the SRB (Single Regeneration Budget), HGVs  (Heavy Goods Vehicles) and (see Appendix B) x("
    spans = [(m.span(), m.group(1)) for m in _after_definitions(text)]
    assert spans == [((4, 36), "SRB"), ((38, 66), "HGV")]
    assert spans == [(m.span(), m.group(1)) for m in _DEF_AFTER.finditer(text)]
    assert find_definitions(text) == [("SRB", "Single Regeneration Budget"), ("HGV", "Heavy Goods Vehicles")]
    found = 0
    for path in sorted((ROOT / "corpus").iterdir()):
        whole = "\n".join(ln.text for ln in read_lines(path)[0])
        expected = [m.span() for m in _DEF_AFTER.finditer(whole)]
        assert [m.span() for m in _after_definitions(whole)] == expected
        found += len(expected)
    assert found == 2
