"""Entities in papers of councils the tagger was not written for (issue 14).

Expected values are read from the papers (tests/fixtures/corpus_dev_entities/,
copies of development-part corpus-dev papers); the line numbers are the papers'.
"""

from __future__ import annotations

from pathlib import Path

from paperfinder.ingest.readers import read_lines
from paperfinder.recognise.entities import tag_lines

HERE = Path(__file__).parent / "fixtures" / "corpus_dev_entities"


def _tagged(name: str, known: frozenset[str] = frozenset()) -> list[tuple[str, str, int, str | None]]:
    lines, _pages = read_lines(HERE / name)
    return [(e.label, e.text, e.line, e.canonical) for e in tag_lines(lines, known=known) if e.label in ("PERSON", "AUTHORITY")]


def test_apologies_item_names_councillors_by_surname():
    # line 5: "3668.	To receive apologies for absence:  Cllrs Snell, Ashman & Mawdsley."
    got = [(text, line) for label, text, line, _c in _tagged("wye_valley_cc_minutes_2024-03-25.txt") if label == "PERSON" and line == 5]
    assert got == [("Snell", 5), ("Ashman", 5), ("Mawdsley", 5)]


def test_county_initials_read_with_the_councils_the_index_knows():
    name = "wye_valley_cc_minutes_2024-03-25.txt"
    # line 22: "... but suggest to MCC that the Shop ..."; the minutes never write the county council in full
    alone = [t for label, t, _l, _c in _tagged(name) if label == "AUTHORITY"]
    assert alone == []
    known = frozenset({"Monmouthshire", "Wye Valley Community Council"})  # as an index of its papers and the county's notices
    got = [(t, line, canon) for label, t, line, canon in _tagged(name, known) if label == "AUTHORITY"]
    assert got == [("MCC", 22, "Monmouthshire"), ("MCC", 40, "Monmouthshire"), ("MCC", 41, "Monmouthshire")]


def test_people_written_with_initials_and_stops():
    people = {(text, line) for label, text, line, _c in _tagged("parish_west_dereham_minutes_2004-02-12.md") if label == "PERSON"}
    # line 24: "Payments: Thos. B. Bonnett £107.03: B. Hawkins £58.75 proposed B. Glover and seconded by M. Grief"
    assert {("Thos. B. Bonnett", 24), ("B. Hawkins", 24), ("B. Glover", 24), ("M. Grief", 24)} <= people
    # line 20 "Planning: A.M. White - Excavation of gault clay"; line 28 "A letter was received from R. Pigott"
    assert {("A.M. White", 20), ("R. Pigott", 28)} <= people


def test_irish_name_and_a_city_named_as_a_place():
    tagged = _tagged("limerick_minutes_full_council_special_2020-02-25.md")
    people = {(text, line) for label, text, line, _c in tagged if label == "PERSON"}
    # line 214: "agreed that Councillor Saša Novak Uí Chonchúir would be appointed to the Limerick Market"
    assert ("Saša Novak Uí Chonchúir", 214) in people
    councils = [(text, line) for label, text, line, _c in tagged if label == "AUTHORITY"]
    # the heading names the council (line 4); "Limerick Market Trustees" (line 210) is not the council
    assert councils[0] == ("LIMERICK CITY AND\nCOUNTY COUNCIL", 4)
    assert not any(line in (210, 214, 224, 240) for _t, line in councils)
