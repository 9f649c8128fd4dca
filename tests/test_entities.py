"""The spaCy entity pipeline: people, councils, lines, the registry, and the gold set.

Expected people, roles and councils were written down by reading the papers.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paperfinder.model import Entity, Line
from paperfinder.recognise.entities import get_nlp, header_people, tag_lines, tag_text
from paperfinder.recognise.people import PeopleRegistry

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
HF, KC, W = "Hammersmith and Fulham", "Kensington and Chelsea", "Westminster"


def lines_of(name):
    path = next(CORPUS.glob(name + "_*.txt"))
    return [Line(i + 1, t) for i, t in enumerate(path.read_text(encoding="utf-8").split("\n"))]


def people_of(name):
    return {(e.canonical, e.kind, e.role) for e in header_people(lines_of(name))}


HEADER_PEOPLE = {
    "000": {
        ("Nicky Crouch", "officer", "Director of Family Services"),
        ("Amanda Anerville", "officer", "Strategic Finance Manager (Bi-Borough Children's Services)"),
        ("Melvyn Caplan", "councillor", "Cabinet Member for Finance, Property and Regeneration"),
    },
    "001": {
        ("Sue Fennimore", "councillor", "Acting Cabinet Member for Children and Education"),
        ("Clare Chamberlain", "officer", "Executive Director for Children’s Services"),
        ("Julie Rooke", "officer", "Partners in Practice Manager"),
        ("Alex Ward", "officer", "Strategic Lead – Family Services"),
    },
    "002": {
        ("Larry Culhane", "councillor", "Cabinet Member for Children and Education"),
        ("Will Parsons", "officer", "Strategic Lead, Children's Commissioning"),
        ("Jacqui McShannon", "officer", "Director of Children's Services"),
        ("Alex Pygram", "officer", "Strategic Finance Manager"),
        ("Emily Hill", "officer", "Director of Finance"),
        ("Radhika Devesher", "officer", "Associate"),
        ("Fawad Bhatti", "officer", None),
        ("Michael Sloniowski", "officer", "Risk Manager"),
    },
    "003": {
        ("Sue Macmillan", "councillor", "Cabinet Member for Children and Education"),
        ("Andrew Christie", "officer", "Executive Director of Children's Services"),
        ("Steve Miley", "officer", "Director Family Services"),
        ("Jade Monroe", "officer", "Senior Solicitor"),
        ("Caroline Osborne", "officer", "Tri Borough Head of Finance, Family Services"),
        ("Michael Sloniowski", "officer", "Bi-borough Risk Manager"),
    },
}


@pytest.mark.parametrize("paper", sorted(HEADER_PEOPLE))
def test_header_people_of_each_paper(paper):
    assert people_of(paper) == HEADER_PEOPLE[paper]


def test_agenda_pack_people():
    got = {e.canonical: (e.kind, e.role) for e in header_people(lines_of("004"))}
    expected = {
        "Caroline Needham": ("councillor", "Chair"),
        "Caroline Ffiske": ("councillor", "Vice-Chair"),
        "Alan De'Ath": ("councillor", None),
        "Donald Johnson": ("councillor", None),
        "Eleanor Allen": ("other", "London Diocesan Board for Schools"),
        "Matt Jenkins": ("other", "Teacher Representative"),
        "Nandini Ganesh": ("other", "Parentsactive Representative"),
        "Philippa O'Driscoll": ("other", "Westminster Diocesan Education Service Representative"),
        "Nadia Taylor": ("other", "Parent Governor Representative"),
        "Vic Daniels": ("other", "Parent Governor Representative"),
        "David Abbott": ("officer", "Scrutiny Manager"),
        "Steve Miley": ("officer", "Director for Family Services"),
        "Rachael Wright-Turner": ("officer", "Director of Commissioning for Children's Services"),
        "Mandy Lawson": ("officer", "Assistant Director, Special Educational Needs"),
        "Fiona Phelps": ("officer", "Head of Special Educational Needs"),
        "Rosemary Salliss": ("officer", "Social Worker, Health"),
        "Bathsheba Mall": ("officer", "Committee Coordinator"),
        "Nahar Chowdhury": ("other", "Head of Housing Support, Centrepoint"),
        "Anji McCormick": ("other", "Head of Property Management, Centrepoint"),
        "Sue Fennimore": ("councillor", "Acting Cabinet Member for Children and Education"),
        "Jody Nason": ("officer", "Head of Commissioning, Children's Services"),
        "Julie Rooke": ("officer", "Partners in Practice Manager"),
        "Alex Ward": ("officer", "Strategic Lead – Family Services"),
    }
    for name, (kind, role) in expected.items():
        assert name in got, name
        assert got[name][0] == kind, name
        if role:
            assert got[name][1] == role, name
    # variants merged into one person: "Clare"/"Claire Chamberlain", "Wright-turner"/"Wright-Turner"
    assert "Claire Chamberlain" not in got and "Clare Chamberlain" in got
    assert "Rachael Wright-turner" not in got


AUTHORITIES = {
    "000": {W},
    "001": {HF, KC, W},
    "002": {HF, KC, W},
    "003": {HF},
    # 004 line 2559 "another by Luton LSCB", line 2563 "In the Luton case": a safeguarding
    # board and a place, not the council (the corpus-dev gold tags a place name alone only
    # where the council acts: "Southwark has agreed")
    "004": {HF, KC, W, "Wandsworth"},
}


@pytest.mark.parametrize("paper", sorted(AUTHORITIES))
def test_authorities_of_each_paper(paper):
    got = {e.canonical for e in tag_lines(lines_of(paper)) if e.label == "AUTHORITY"}
    assert got == AUTHORITIES[paper]


def test_people_recur_with_canonical_names():
    ents = [e for e in tag_lines(lines_of("004")) if e.label == "PERSON"]
    by_text = {}
    for e in ents:
        by_text.setdefault(e.text, set()).add(e.canonical)
    assert by_text["Needham"] == {"Caroline Needham"}  # "Councillor Needham"
    assert by_text["Macmillan"] == {"Sue Macmillan"}
    assert by_text["Claire Chamberlain"] == {"Clare Chamberlain"}
    assert by_text["Rachael Wright-turner"] == {"Rachael Wright-Turner"}
    ian = [e for e in ents if e.text == "Ian Heggs"]
    assert len(ian) >= 10 and {e.kind for e in ian} == {"officer"}
    for word in ("Looked After Children", "Partners in Practice", "Key Decision", "Family Services",
                 "Jack Tizard", "James Lee", "Baker Small"):
        assert word not in by_text, word


def test_line_numbers_are_source_lines():
    lines = lines_of("002")
    for e in tag_lines(lines):
        assert e.text.split("\n")[0] in lines[e.line - 1].text
    # Line.no need not start at 1 or be contiguous
    sub = [Line(41, "Report of: Cllr Larry Culhane - Cabinet Member"), Line(45, "costs £150k in 2020/21")]
    got = [(e.label, e.line) for e in tag_lines(sub)]
    assert ("PERSON", 41) in got and ("MONEY", 45) in got and ("DATE", 45) in got


def test_tag_text_lines_and_fields():
    text = "Decision by WCC on\n30 December 2020:\n£0.578m for 2020/21 (Councillor Melvyn Caplan)."
    ents = tag_text(text, first_line=10)
    got = {(e.label, e.text, e.line) for e in ents}
    assert ("AUTHORITY", "WCC", 10) in got
    assert ("DATE", "30 December 2020", 11) in got
    assert ("MONEY", "£0.578m", 12) in got
    money = next(e for e in ents if e.label == "MONEY")
    assert money.value == 578000 and isinstance(money.value, int) and money.currency == "GBP"
    d = money.to_dict()
    assert {k: d[k] for k in ("label", "text", "value", "currency", "line")} == {
        "label": "MONEY", "text": "£0.578m", "value": 578000, "currency": "GBP", "line": 12}
    assert text[money.start:money.end] == "£0.578m"
    person = next(e for e in ents if e.label == "PERSON")
    assert (person.text, person.kind) == ("Melvyn Caplan", "councillor")
    fy = next(e for e in ents if e.label == "DATE" and e.text == "2020/21")
    assert fy.value == "2020-04-01"
    # explicit line offsets
    ents = tag_text("a\nb £5k", line_offsets=[0, 2], first_line=3)
    assert [(e.text, e.line) for e in ents if e.label == "MONEY"] == [("£5k", 4)]


def test_thousands_table_across_lines():
    lines = [Line(1, "Cost\tAmount £'000"), Line(2, "Team\t£ 824"), Line(3, "Other\t305"), Line(4, ""),
             Line(5, "In 2016 we spent £ 824 on tea.")]
    money = [(e.line, e.value) for e in tag_lines(lines) if e.label == "MONEY"]
    assert money == [(2, 824000), (3, 305000), (5, 824)]


def test_euro_and_irish_minutes():
    text = ("PRESENT IN THE CHAIR: Councillor E. Ryan, An Cathaoirleach.\n\nMEMBERS PRESENT:\n\n"
            "Councillors Donegan, Gleeson and Teefy.\n\nOFFICIALS IN ATTENDANCE:\n\n"
            "Senior Staff Officer (Mr. W. Ryan), Executive Engineer, (Mr. J. Moloney).\n\n"
            "• €250,000 from Limerick City and County Council.")
    lines = [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]
    hp = {(e.text, e.kind, e.role) for e in header_people(lines)}
    assert ("E. Ryan", "councillor", "An Cathaoirleach") in hp
    assert {("Donegan", "councillor", None), ("Gleeson", "councillor", None), ("Teefy", "councillor", None)} <= hp
    assert ("W. Ryan", "officer", "Senior Staff Officer") in hp
    assert ("J. Moloney", "officer", "Executive Engineer") in hp
    ents = tag_lines(lines)
    assert [(e.value, e.currency) for e in ents if e.label == "MONEY"] == [(250000, "EUR")]
    assert [e.canonical for e in ents if e.label == "AUTHORITY"] == ["Limerick"]


def test_registry_learns_merges_and_tags():
    reg = PeopleRegistry()
    reg.learn([Entity("PERSON", "Clare Chamberlain", kind="officer", role="Executive Director of Children's Services"),
               Entity("PERSON", "Rachael Wright-turner", kind="officer", role="Director of Commissioning"),
               Entity("PERSON", "Sue Macmillan", kind="councillor", role="Cabinet Member")])
    reg.add("Rachael Wright-Turner", kind="officer")
    assert reg.canonical("Claire Chamberlain", role="Executive Director For Schools") == "Clare Chamberlain"
    assert reg.canonical("rachael wright-turner") == "Rachael Wright-Turner"
    assert reg.canonical("Macmillan", kind="councillor") == "Sue Macmillan"
    assert reg.canonical("Clare Smith") == "Clare Smith"
    # a different role keeps different people apart
    assert reg.canonical("Claire Chamberlain", role="Head of Housing") == "Claire Chamberlain"
    tagged = reg.tag("Claire Chamberlain met Councillor Macmillan and Rachael Wright-turner.")
    assert [(e.text, e.canonical, e.kind) for e in tagged] == [
        ("Claire Chamberlain", "Clare Chamberlain", "officer"),
        ("Macmillan", "Sue Macmillan", "councillor"),
        ("Rachael Wright-turner", "Rachael Wright-Turner", "officer"),
    ]
    again = PeopleRegistry.from_dict(json.loads(json.dumps(reg.to_dict())))
    assert again.canonical("Claire Chamberlain") == "Clare Chamberlain"


def test_registry_from_one_document_tags_another():
    reg = PeopleRegistry()
    reg.learn(lines_of("003"))  # Steve Miley, Director Family Services
    ents = tag_text("Steve Miley presented the report.", registry=reg)
    person = next(e for e in ents if e.label == "PERSON")
    assert (person.canonical, person.kind, person.role) == ("Steve Miley", "officer", "Director Family Services")
    # the registry passed in is not changed by tagging
    n = len(reg)
    tag_lines(lines_of("002"), registry=reg)
    assert len(reg) == n


def test_pipeline_components():
    nlp = get_nlp()
    names = nlp.pipe_names
    for comp in ("paperfinder_money", "paperfinder_dates", "paperfinder_authorities", "paperfinder_people",
                 "paperfinder_ruler", "paperfinder_merge"):
        assert comp in names
    assert "sentencizer" in nlp.disabled
    assert get_nlp() is nlp


def test_only_entities_imports_spacy():
    code = ("import sys; import paperfinder.recognise.dates, paperfinder.recognise.money, paperfinder.recognise.authorities; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_gold_precision_and_recall():
    """tests/annotations/entities_gold.json was written with the tagger and follows its
    conventions, so it scores 1.000: this is a regression check (the tagger still reads
    the bundled papers as it did), not evidence of quality, which is
    tests/test_entity_gold.py. Deterministic, so no margin for noise; one span per
    label may change (124 MONEY, 152 PERSON, 129 AUTHORITY spans)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import entity_eval

    res = entity_eval.evaluate(ROOT / "tests/annotations/entities_gold.json")
    assert {label: r["tp"] + r["fn"] for label, r in res.items()} == {"MONEY": 124, "PERSON": 152, "AUTHORITY": 129}
    for label, r in res.items():
        assert r["fp"] <= 1 and r["fn"] <= 1, (label, r)


CORPUS_DEV = ROOT / "tests" / "fixtures" / "corpus_dev_entities"  # a copy of a corpus-dev paper


def test_two_finds_of_one_name_keep_their_own_values():
    # "Question submitted by Councillor L. Galvin, Mayor" (corpus-dev limerick_agenda_full_council_2015-11-23.md,
    # lines 222 and 251): the name-and-role rule and the initialled-name rule find "L. Galvin" over the same
    # characters. Each find keeps its own kind and role; when they shared spaCy's ``Span._`` values (keyed by
    # characters only) the later one's (no role) overwrote the role of the one kept.
    from paperfinder.recognise.tagging import entities_of_file

    _src, ents = entities_of_file(CORPUS_DEV / "limerick_agenda_full_council_2015-11-23.md")
    found = [(e.line, e.text, e.canonical, e.kind, e.role) for e in ents if e.label == "PERSON" and e.line in (222, 251, 266)]
    assert found == [
        (222, "L. Galvin", "L. Galvin", "councillor", "Mayor"),
        (251, "L. Galvin", "L. Galvin", "councillor", "Mayor"),
        (266, "N. Gleeson", "N. Gleeson", "councillor", None),
    ]


@pytest.mark.parametrize(
    "text,people",
    [
        # a form, a payment line and a notice are no councillors (corpus-dev: Wye Valley and Stoke Ferry minutes)
        ("He also reported that the Councillor Expenses Claim Form is on the website.", []),
        ("Helen Richardson Clerks Wages and Expenses - Oct 263.95 0.00 263.95", ["Helen Richardson"]),
        ("103/17 Parish Councillor Vacancies", []),
        ("Cllr Snell reported that the Councillor Expenses were paid.", ["Snell"]),
    ],
)
def test_paperwork_after_a_title_is_no_person(text, people):
    assert [e.text for e in tag_text(text) if e.label == "PERSON"] == people
