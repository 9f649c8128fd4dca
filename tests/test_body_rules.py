"""Bodies a paper names, read by rules that are tried only on the run of words before their
keyword (``bodies._matches``): the same bodies as a scan of the whole text."""

from paperfinder.recognise.bodies import _matches, _patterns, find_bodies
from paperfinder.text.rxscan import fold

TEXTS = [
    "Minutes of the Milburn Parish Council meeting. Town Council Parish Council matters.",
    "the Combined Authority Fire Authority met; West Yorkshire Combined Authority and Devon & Somerset Fire and Rescue Authority",
    "Fyvie, Rothie & Monquhitter Community Council\nreport 2020 Stoke Ferry Parish Council",
    "Apologies from Cllr Ellis. The community council agreed. Devauden CC and Glos CC; Milburn PC (2019).",
    "Owosso Charter Township and Holden Township; Kenai\nCity Council 7:00 P.M. KENAI CITY COUNCIL",
    "Annual Parish Meeting of Stoke Ferry; Wereham Annual Parish Meeting 2021",
    "Bay of Plenty Regional Council, Norfolk County Council (NCC) and 12 Borough Council",
    "Trowse with Newton Parish Council wrote to Woodton TC (2019) and Liaison with Wetherden Parish Council",
    "the Waiora Local Board of Tainui Council; Riverbend-Hokianga Community Board 2023 and the community board; "
    "Chairperson Te Awa Community Board",
]


def _found(text):
    return [(b.surface, b.canonical) for b in find_bodies(text)]


def test_a_name_that_runs_past_an_earlier_keyword():
    # "Council" after "Town" is a word of the name: the match ends at the second keyword
    assert _found(TEXTS[0]) == [("Milburn Parish Council", "Milburn Parish Council"),
                                ("Town Council Parish Council", "Town Parish Council")]
    assert [b.surface for b in find_bodies(TEXTS[1])] == [
        "Combined Authority Fire Authority", "West Yorkshire Combined Authority", "Devon & Somerset Fire and Rescue Authority"]


def test_runs_broken_by_figures_and_lines():
    assert _found(TEXTS[2]) == [("Fyvie, Rothie & Monquhitter Community Council", "Fyvie, Rothie & Monquhitter Community Council"),
                                ("Stoke Ferry Parish Council", "Stoke Ferry Parish Council")]
    assert _found(TEXTS[4]) == [("Owosso Charter Township", "Owosso Charter Township"), ("Holden Township", "Holden Township"),
                                ("Kenai\nCity Council", "Kenai City Council"), ("KENAI CITY COUNCIL", "Kenai City Council")]
    assert _found(TEXTS[6]) == [("Bay of Plenty Regional Council", "Bay of Plenty Regional Council"),
                                ("Norfolk County Council", "Norfolk")]


def test_initials_and_parish_meetings():
    assert _found(TEXTS[3]) == [("Devauden CC", "Devauden Community Council"), ("Glos CC", "Gloucestershire"),
                                ("Milburn PC", "Milburn Parish Council")]
    assert _found(TEXTS[5]) == [("Wereham Annual Parish Meeting", "Wereham Parish Council")]
    # places joined by "with" make one parish; a meeting's word before "with" is no place
    assert _found(TEXTS[7]) == [("Trowse with Newton Parish Council", "Trowse with Newton Parish Council"),
                                ("Woodton TC", "Woodton Town Council"),
                                ("Wetherden Parish Council", "Wetherden Parish Council")]


def test_a_councils_local_and_community_boards():
    assert _found(TEXTS[8]) == [("Waiora Local Board", "Waiora Local Board"),
                                ("Riverbend-Hokianga Community Board", "Riverbend-Hokianga Community Board"),
                                ("Te Awa Community Board", "Te Awa Community Board")]


def test_every_rule_finds_what_a_whole_text_scan_finds():
    windowed = [r for r in _patterns() if r.breaks is not None]
    assert len(windowed) == 11
    # the windowed rules read from their keywords' runs, the others only where a match can begin
    # (a name's first letter never inside a word: "BOARD OF COUNTY COMMISSIONERS" names no county)
    more = ["MINUTES\nBOARD OF COUNTY COMMISSIONERS\nKIT CARSON COUNTY COMMISSIONERS MINUTES",
            "Printer Version REGIONAL DISTRICT BOARD of the Comox Valley Regional District"]
    for rule in _patterns():
        for text in TEXTS + ["\n".join(TEXTS)] + more:
            assert [(m.span(), m.groupdict()) for m in _matches(rule, text, fold(text))] == \
                   [(m.span(), m.groupdict()) for m in rule.rx.finditer(text)]


def test_rule_words_looked_for_in_lower_case():
    # a rule's words ("shire", "township") are looked for in the lowered text first; the text's
    # ignore-case matches are all still found, "ſ" (which an ignore-case "s" matches, though its
    # lower case is not "s") and "İ" (lower case two characters) included
    assert _found("Minutes of the SHIRE OF ESPERANCE meeting") == [("SHIRE OF ESPERANCE", "Shire of Esperance")]
    assert _found("Minutes of the ſhire of Esperance meeting") == [("ſhire of Esperance", "Shire of Esperance")]
    assert _found("CHARTER TOWNSHİP OF Canton") == [("CHARTER TOWNSHİP OF Canton", "Canton Charter Township")]
    assert _found("Holden Board of Selectmen; the Selectboard of Holden") == [("Holden Board of Selectmen", "Holden Board of Selectmen")]
    assert _found("The Board of Directors met the Planning Board.") == []


def test_a_page_footer_after_a_name_is_not_part_of_it():
    # "April 6, 2009 City of Iowa City Page 2" (outside6's Iowa City agenda): the page number's label
    # is the footer's, not the place's; a place called Page keeps its name
    assert _found("April 6, 2009 City of Iowa City Page 2") == [("City of Iowa City", "City of Iowa City")]
    assert _found("Minutes, City of Rexburg Page 3 of 9") == [("City of Rexburg", "City of Rexburg")]
    assert _found("the City of Page Council met") == [("City of Page", "City of Page")]
