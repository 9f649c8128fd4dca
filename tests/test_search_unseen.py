"""Search on papers of a council seen for the first time: an acronym nobody defined finds the
words that spell it, a typo finds the word it misspells, and the passage that answers comes
before the others of its paper that name the query's words (real corpus-dev papers, both backends)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.recognise.acronyms import spelled_out, typed_acronyms
from paperfinder.search.service import search

from .ranked import index_on_both_backends, ranks

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "search_unseen"
LIMERICK = "limerick_minutes_full_council_2018-03-26.md"
TINTERN = "tintern_cc_minutes_2018-06-25.pdf"


unseen_index = index_on_both_backends(FIXTURES, "search-unseen")


def test_an_acronym_nobody_defined_finds_the_words_spelling_it(unseen_index):
    # "TCP" is in no paper and not in data/equivalents.txt: the passage writing its words out
    # holds every word of the query (without them none did, and on corpus-dev the report on the
    # policy came third, after passages about speeding signs)
    res = search("TCP speed cameras", unseen_index, limit=10, where_else=False)
    assert res.match == "1 hold every word; the rest hold some"
    assert ranks(unseen_index, "TCP speed cameras", LIMERICK,
                  ["Traffic Calming Policy for Urban Areas Circulated"]) == [1]
    # five letters: a list item naming the scheme, among the commercial rates report
    assert ranks(unseen_index, "SMBSS commercial rates", LIMERICK, ["Small and Medium Business Support Scheme 2018"]) == [1]


def test_the_resolution_adopting_the_policy_comes_before_the_recommendation_to_adopt_it(unseen_index):
    # three passages of one paper name the policy: the resolution adopting it, the committee's
    # recommendation (a draft), and the report circulating it (without the spelled-out form the
    # adoption of last meeting's minutes came first, the resolution fifth). With the fitted
    # ranking (session 13) tantivy's engine scores put the recommendation first and the
    # resolution second: a known loss of that model, kept here so a change that mends it shows
    want = [1, 2, 3] if unseen_index.parent.name.startswith("search-unseen-whoosh") else [2, 1, 3]
    assert ranks(unseen_index, "Limerick TCP adopted", LIMERICK, [
        "be and is hereby adopted", "adopt the Draft Traffic Calming Policy", "Traffic Calming Policy for Urban Areas Circulated",
    ]) == want


def test_a_place_typed_with_a_typo_finds_the_lottery_grant(unseen_index):
    res = search("tinturn village hall lottery floor grant", unseen_index, limit=10, where_else=False)
    assert res.corrected == "tintern village hall lottery floor grant"
    assert ranks(unseen_index, "tinturn village hall lottery floor grant", TINTERN,
                  ["Lottery Grant for the floor refurbishment of £2,100 was successful"]) == [1]


@pytest.mark.parametrize(("query", "acronyms"), [
    ("Patrickswell LAP material alterations", ["LAP"]),
    ("HGVs using Furlong Road", ["HGV"]),  # a plural is the acronym's
    ("beacon for 100 years since end of WW1", ["WW1"]),  # a digit spells a number
    ("PRECEPT FOR 2019", []),  # every word in capitals: caps lock, not acronyms
    ('"LAP" material', []),  # a quoted phrase is searched as typed
    ("(grant OR grnat) A", []),  # an operator, and a single letter, are no acronyms
])
def test_the_acronyms_a_query_types(query, acronyms):
    assert typed_acronyms(query) == acronyms


@pytest.mark.parametrize(("acronym", "text", "found"), [
    ("LAP", "the Draft Patrickswell Local Area Plan 2024", ["Local Area Plan"]),
    ("LAP", "the Local Area\nPlan (a line break inside)", ["Local Area\nPlan"]),
    ("MASH", "a Multi-Agency Safeguarding Hub", ["Multi-Agency Safeguarding Hub"]),
    ("ESIF", "Economic and Social Intervention Fund", ["Economic and Social Intervention Fund"]),
    ("WW1", "100 years since World War 1 ended", ["World War 1"]),
    ("TCC", "The Chairman of the Council and Tintern Community Council", ["Tintern Community Council"]),
    ("LAP", "local area plan, Large Appliance", []),  # words in lower case, or too few
    ("MCC", "wrote to MCC and County Cllr Smith", []),  # a word in capitals spells no letter
    ("MCC", "St Michael's Church Cllr Hayward", []),  # inside a longer run of capitalised words
    ("MCC", "Monmouthshire County Council (the highway authority)", ["Monmouthshire County Council"]),
])
def test_the_words_spelling_an_acronym(acronym, text, found):
    assert [m.group(0) for m in spelled_out(acronym).finditer(text)] == found
