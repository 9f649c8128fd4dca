"""Councils: the data file, resolving names, and finding them in text."""

from paperfinder.recognise.authorities import (
    authorities,
    canonical_names,
    find_authorities,
    find_groupings,
    get,
    members,
    resolve,
    resolve_loose,
)

HF, KC, W = "Hammersmith and Fulham", "Kensington and Chelsea", "Westminster"


def test_data_file():
    names = canonical_names()
    assert len(names) == len(set(names))
    london = [a for a in authorities() if a.kind in ("london_borough",)] + [get("City of London")]
    assert len(london) == 33
    irish = [a for a in authorities() if a.country == "Ireland"]
    assert len(irish) == 31
    assert len([a for a in authorities() if a.country == "Scotland"]) == 32
    assert len([a for a in authorities() if a.country == "Wales"]) == 22
    assert len([a for a in authorities() if a.country == "Northern Ireland"]) == 11
    assert len([a for a in authorities() if a.kind == "metropolitan_borough"]) == 36
    for n in ("Southwark", "Limerick", "Dublin City", "Kent", "Leeds", "Cornwall", "Glasgow", "Cardiff", "Belfast"):
        assert n in names


def test_resolve_exact_aliases():
    for name in ("London Borough of Hammersmith & Fulham", "LBHF", "H&F", "h&f", "Hammersmith and Fulham Council",
                 "Hammersmith"):
        assert resolve(name) == HF, name
    for name in ("RBKC", "Royal Borough of Kensington and Chelsea", "Kensington & Chelsea", "K&C"):
        assert resolve(name) == KC, name
    # four councils are Royal Boroughs: the words alone name none of them
    assert resolve("the Royal Borough") is None and resolve("Royal Borough") is None
    for name in ("WCC", "City of Westminster", "Westminster City Council", "westminster"):
        assert resolve(name) == W, name
    assert resolve("Limerick City and County Council") == "Limerick"
    assert resolve("Cork County Council") == "Cork County"
    assert resolve("Cork City Council") == "Cork City"
    assert resolve("Dún Laoghaire-Rathdown County Council") == resolve("Dun Laoghaire Rathdown") == "Dún Laoghaire-Rathdown"
    assert resolve("Royal Borough of Greenwich") == "Greenwich"
    assert resolve("Reading Borough Council") == "Reading"
    assert resolve("St. Helens Council") == "St Helens"
    assert resolve("Nowhere Council") is None
    assert resolve("") is None


def test_resolve_loose():
    assert resolve_loose("Kensingtn")[0][0] == KC
    assert resolve_loose("hammersmith")[0] == (HF, 100.0)
    assert resolve_loose("Westmnster")[0][0] == W
    assert [c for c, _ in resolve_loose("Tri-borough")] == [HF, KC, W]
    # restricted to the councils of an index
    assert resolve_loose("Kensington", candidates=[HF, W]) == []
    assert resolve_loose("Hamersmith", candidates=[HF, W])[0][0] == HF


def test_groupings():
    assert members("Tri-borough") == [HF, KC, W]
    assert members("bi borough") == [KC, W]
    assert members("Quad-borough") == []
    assert [g for *_, g in find_groupings("the Tri-Borough and the Bi-borough")] == ["Tri-borough", "Bi-borough"]


def canon(text):
    return [(s, c) for _, _, s, c in find_authorities(text)]


def test_find_in_text():
    text = ("between the London Borough of Hammersmith and Fulham, Royal Borough of Kensington and Chelsea and "
            "Westminster City Council; notice to RBKC and WCC by H&F. H&F's budget and H&Fs savings.")
    assert canon(text) == [
        ("London Borough of Hammersmith and Fulham", HF),
        ("Royal Borough of Kensington and Chelsea", KC),
        ("Westminster City Council", W),
        ("RBKC", KC), ("WCC", W), ("H&F", HF), ("H&F", HF), ("H&F", HF),
    ]


def test_offsets_are_exact():
    text = "Report: City of Westminster and Limerick City and County Council."
    for s, e, surface, _ in find_authorities(text):
        assert text[s:e] == surface


def test_ambiguous_and_non_council_uses():
    text = ("Westminster Abbey, the Palace of Westminster, Westminster Diocesan Education Service, "
            "Kent Police, Brent Cross, New York, Greater Manchester, Reading the report, Clare Chamberlain, "
            "ncrouch@westminster.gov.uk, westminster in lowercase, Peterborough Schools site")
    assert canon(text) == []


def test_formal_forms_of_ambiguous_names():
    assert canon("Reading Borough Council and Clare County Council") == [
        ("Reading Borough Council", "Reading"), ("Clare County Council", "Clare")]
    assert canon("Richmond Council") == [("Richmond Council", "Richmond upon Thames")]
    assert canon("the Royal Borough's plans; the Royal Borough of Greenwich") == [
        ("Royal Borough", "Greenwich"), ("Royal Borough of Greenwich", "Greenwich")]
    assert canon("Westminster's reliance; the Westminster Framework") == [("Westminster", W), ("Westminster", W)]


def test_irish_and_other_councils():
    assert canon("Limerick City and County Council, Co. Limerick, Cork City Council and Cork County Council") == [
        ("Limerick City and County Council", "Limerick"), ("Co. Limerick", "Limerick"),
        ("Cork City Council", "Cork City"), ("Cork County Council", "Cork County")]
    assert canon("HAMMERSMITH AND FULHAM COUNCIL") == [("HAMMERSMITH AND FULHAM COUNCIL", HF)]
    assert canon("Leeds City Council and Kent County Council") == [("Leeds City Council", "Leeds"),
                                                                   ("Kent County Council", "Kent")]


def test_the_royal_borough_is_the_one_the_same_text_names_in_full():
    assert canon("The Royal Borough of Windsor and Maidenhead met. The Royal Borough agreed.") == [
        ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"), ("Royal Borough", "Windsor and Maidenhead")]
    assert canon("Royal Borough of Kingston upon Thames: the Royal Borough's budget") == [
        ("Royal Borough of Kingston upon Thames", "Kingston upon Thames"), ("Royal Borough", "Kingston upon Thames")]
    # named nowhere, or two named: which one is meant is not in the text
    assert canon("the Royal Borough agreed the plan") == []
    assert canon("Royal Borough of Greenwich and Royal Borough of Kingston upon Thames; the Royal Borough") == [
        ("Royal Borough of Greenwich", "Greenwich"), ("Royal Borough of Kingston upon Thames", "Kingston upon Thames")]
    # an acronym is not a name in full: "RBKC ... the Royal Borough" stays untagged
    assert canon("RBKC said the Royal Borough agreed") == [("RBKC", KC)]


def test_the_royal_borough_in_a_bundled_paper():
    """corpus/004 names "the Royal Borough of Kensington and Chelsea" in full (lines 556,
    914, 955) and says "the Royal Borough" alone on lines 411 and 2042 (twice)."""
    from paperfinder.model import Line
    from paperfinder.recognise.entities import tag_lines

    from .conftest import corpus_file

    text = corpus_file("004").read_text(encoding="utf-8")
    lines = [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]
    alone = [(e.line, e.canonical) for e in tag_lines(lines) if e.label == "AUTHORITY" and e.text == "Royal Borough"]
    assert alone == [(411, KC), (2042, KC), (2042, KC)]
