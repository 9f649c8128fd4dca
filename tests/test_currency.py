"""Money in its own currency, end to end (issue 14, item 1), on real Irish papers.

Expected values are read from the papers: Limerick's 2015-03-23 minutes say
"Closing arrears for 2014 were €24.973 million" and resolve the disposal of part of
the former Andersen Plant, Rathkeale "for the sum of €250,000". The bundled Westminster/H&F reports are in pounds.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paperfinder.errors import QueryError
from paperfinder.index.build import index_paths
from paperfinder.recognise.money import find_money, format_amount, parse_amount
from paperfinder.search.service import Filters, search

HERE = Path(__file__).parent
MONEY = HERE / "fixtures" / "corpus_dev_money"


def test_scale_word_on_the_next_line_is_kept():
    (m,) = find_money("Revenue budget of €905.62\nmillion for 2016")
    assert (m.value, m.currency) == (905_620_000, "EUR")
    (m,) = find_money("an increase of €4\nmore")  # a bare next-line word is not a scale
    assert (m.value, m.currency) == (4, "EUR")


@pytest.mark.parametrize("text,value,currency", [
    ("£1m", 1_000_000, "GBP"), ("€500k", 500_000, "EUR"), ("$2.5bn", 2_500_000_000, "USD"),
    ("1m", 1_000_000, None), ("10,000", 10_000, None), ("EUR 5m", 5_000_000, "EUR"), ("NZ$3m", 3_000_000, "NZD"),
])
def test_amount_options_take_a_currency_and_a_scale(text, value, currency):
    assert parse_amount(text) == (value, currency)


@pytest.mark.parametrize("text", ["nan", "ten", "£", "€5m EUR", ""])
def test_what_is_not_an_amount(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_amounts_print_in_their_own_currency():
    assert [format_amount(30000, "EUR"), format_amount(1250.5, "GBP"), format_amount(12, "CAD"), format_amount(7, "XOF")] == [
        "€30,000", "£1,250.50", "C$12", "XOF 7"]


@pytest.fixture(scope="module")
def money_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("money")
    papers = root / "papers"
    papers.mkdir()
    for f in MONEY.iterdir():
        shutil.copy(f, papers / f.name)
    shutil.copy(HERE.parent / "corpus" / "000_3de2692c728e829f.txt", papers / "000.txt")
    index_paths([str(papers)], root / "ix", workers=1)
    return root / "ix"


def _money(hit) -> set[tuple[float, str]]:
    return {(e.value, e.currency) for e in hit.entities if e.label == "MONEY"}


def test_a_euro_range_finds_euro_passages_and_no_pound_ones(money_index):
    res = search("amount:>€10m", money_index, limit=50)
    assert res.total >= 1
    assert all(Path(h.source).name.startswith("limerick_") for h in res.hits)
    assert any((24_973_000, "EUR") in _money(h) for h in res.hits)
    assert search("amount:>£10m", money_index, limit=50).total == 0  # the pound report names nothing over £10m
    any_currency = search("amount:>10m", money_index, limit=50)
    assert {h.passage_id for h in res.hits} <= {h.passage_id for h in any_currency.hits}
    opt = search("", money_index, filters=Filters(min_amount="€10m"), limit=50)
    assert {h.passage_id for h in opt.hits} == {h.passage_id for h in res.hits}
    pounds = search("", money_index, filters=Filters(min_amount="£100k"), limit=50)
    assert pounds.total and all(Path(h.source).name == "000.txt" for h in pounds.hits)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paperfinder.cli", *args], capture_output=True, text=True)


def test_registers_and_exports_keep_the_euro(money_index):
    out = _cli("decisions", "", "--authority", "Limerick", "--index", str(money_index), "--limit", "50")
    assert out.returncode == 0, out.stderr
    assert "€250,000" in out.stdout and "£250,000" not in out.stdout
    data = json.loads(_cli("decisions", "", "--authority", "Limerick", "--index", str(money_index), "--limit", "50", "--format", "json").stdout)
    money = [m for e in data["events"] for m in e["money"]]
    assert {"value": 250000.0, "currency": "EUR"} in money and all(m["currency"] == "EUR" for m in money)
    target = money_index.parent / "lim.csv"
    exp = _cli("export", "arrears", "--authority", "Limerick", "--index", str(money_index), "--format", "csv", "--output", str(target))
    assert exp.returncode == 0, exp.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if "24973000" in r["amounts_eur"].split("; "))
    assert row["amounts_gbp"] == ""


# ---- people by what they did (issue 14, item 2) -------------------------------------
# The 2015-03-23 minutes list 36 councillors under "MEMBERS PRESENT" (Browne, Butler,
# ... Teefy) and name Councillor Butler again only where he acts.

def test_attendance_is_the_meetings_not_every_passages(money_index):
    from paperfinder.reports.show import list_documents

    (doc,) = [d for d in list_documents(money_index) if d["source"].endswith("limerick_minutes_full_council_2015-03-23.md")]
    assert {"Browne", "Butler", "Teefy", "Leddin"} <= set(doc["present"])
    named = search("", money_index, filters=Filters(person="Butler"), limit=500)
    meeting = search("", money_index, filters=Filters(person="Butler", present=True), limit=500)
    assert meeting.total == doc["passages"]  # every passage of the meeting he attended
    assert 0 < named.total < meeting.total / 10  # only the passages that name him
    assert all("Butler" in h.text for h in named.hits)
    assert search("present:Butler", money_index, limit=0).total == meeting.total


# ---- names as minutes write them (issue 14, item 3) -----------------------------------

def _people(text: str) -> dict[str, tuple[str | None, str | None]]:
    from paperfinder.recognise.entities import tag_text

    return {(e.canonical or e.text): (e.kind, e.role) for e in tag_text(text) if e.label == "PERSON"}


def test_a_bracketed_initial_keeps_two_councillors_apart():
    # Limerick minutes, 23 March 2015
    people = _people("Proposed by Councillor Sheahan (J);\nSeconded by Councillor Collins (M);\n"
                     "Proposed by Councillor Sheahan (M);\nSeconded by Councillor Collins (J);\n")
    assert {"Sheahan (J)", "Sheahan (M)", "Collins (J)", "Collins (M)"} <= set(people)
    assert people["Sheahan (J)"][0] == "councillor"


def test_an_attendance_list_of_initials_and_surnames_is_read():
    # Stoke Ferry annual parish meeting, 16 May 2011; Milburn minutes, 7 January 2020
    people = _people("Those Attending Mrs M Leamon, Mr R Bivon, Mr T Ryves, Mrs D Clements, Mrs C Hardy (Clerk), "
                     "9 members of the public.\n")
    assert {"M Leamon", "R Bivon", "T Ryves", "D Clements", "C Hardy"} <= set(people)
    assert people["C Hardy"][1] == "Clerk"
    people = _people("Present\nCouncillors D Richardson (Chair), S Linsley, R Healey & P Moran\n")
    assert {"D Richardson", "S Linsley", "R Healey", "P Moran"} <= set(people)
    assert people["D Richardson"] == ("councillor", "Chair")


# ---- registers as registers (issue 15, item 5) -----------------------------------------

def test_a_resolution_carries_its_proposer_seconder_and_outcome(money_index):
    out = _cli("decisions", "Andersen Plant Rathkeale", "--index", str(money_index), "--format", "json")
    data = json.loads(out.stdout)
    assert data["total"] >= 1 and data["offset"] == 0
    # "Proposed by Councillor Sheahan (J); Seconded by Councillor Collins (M); And Resolved: ... the sum of €250,000"
    (e,) = [e for e in data["events"] if {"value": 250000.0, "currency": "EUR"} in e["money"]]
    assert (e["proposer"], e["seconder"], e["outcome"]) == ("Sheahan (J)", "Collins (M)", "carried")
    text = _cli("decisions", "Andersen Plant Rathkeale", "--index", str(money_index), "--limit", "1").stdout
    assert text.startswith(f"showing 1 of {data['total']} decisions")


def test_a_defeated_amendment_is_not_carried():
    from paperfinder.reports.registers import TrackedEvent, describe_motion

    e = TrackedEvent(kind="decision", date=None, title="", body=None, authority=None, text="The amendment was put to the meeting.")
    describe_motion(e, "The amendment was put to the meeting and was defeated by 30 votes to 3.")
    assert (e.outcome, e.votes) == ("defeated", {"for": 3, "against": 30})
    e = TrackedEvent(kind="decision", date=None, title="", body=None, authority=None, text="The meeting adjourned at 9.30pm.")
    describe_motion(e, "The meeting adjourned at 9.30pm.")
    assert e.procedural


@pytest.mark.parametrize("query", ["amount:>zz", "amount:>£1mm budget", "amount:<=£"])
def test_an_amount_clause_that_names_no_amount_is_an_error(money_index, query):
    # it used to search the words and find nothing (0 passages, no word of why)
    with pytest.raises(QueryError) as e:
        search(query, money_index)
    assert str(e.value.args[0]).endswith("is not an amount")


@pytest.mark.parametrize("query", ["amount:>", "amount:", "amount:>="])
def test_an_amount_clause_with_no_value_is_still_read_leniently(money_index, query):
    assert search(query, money_index).total == 0


@pytest.mark.parametrize(
    "context,proposer,seconder",
    [
        # Limerick, 28 May 2018: an Irish councillor's title and accented name ("seconded by Cmhlr" before)
        ("a Vote would be taken on the Motion as proposed by Councillor Prendiville and seconded by Cmhlr. Ó Ceallaigh.",
         "Prendiville", "Ó Ceallaigh"),
        ("Proposed by Councillor Sheahan (J); Seconded by Councillor Collins (M)", "Sheahan (J)", "Collins (M)"),
        ("proposed by Cllr. Crisp, seconded by Mr J Smith", "Crisp", "J Smith"),
        ("It was proposed by Councillors and seconded.", None, None),
    ],
)
def test_the_proposer_and_seconder_are_names_not_titles(context, proposer, seconder):
    from paperfinder.reports.registers import TrackedEvent, describe_motion

    e = TrackedEvent(kind="decision", date=None, title="", body=None, authority=None, text=context)
    describe_motion(e, context)
    assert (e.proposer, e.seconder) == (proposer, seconder)


@pytest.mark.parametrize(
    "text,procedural",
    [
        # Northwold, 7 September 2010: approving the last minutes is the meeting's own business
        ("3. The minutes of the meeting held on 03/08/10 were agreed as a true record.", True),
        ("The minutes of the meeting held on 4 October were accepted as an accurate record.", True),
        ("The minutes were approved as a true and accurate record and signed by the Chairman.", True),
        ("It was agreed to obtain a price for cutting footpath No. 19.", False),
    ],
)
def test_the_last_minutes_agreed_as_a_record_are_procedural(text, procedural):
    from paperfinder.reports.registers import TrackedEvent, describe_motion

    e = TrackedEvent(kind="decision", date=None, title="", body=None, authority=None, text=text)
    describe_motion(e, text)
    assert e.procedural is procedural
