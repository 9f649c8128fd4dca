"""Export, decisions, commitments and the timeline on the bundled corpus."""

from __future__ import annotations

import csv
import json
import re

import pytest

from paperfinder.errors import PaperfinderError
from paperfinder.reports.export import export
from paperfinder.reports.registers import list_events, timeline
from paperfinder.search.service import Filters

from .conftest import assert_covers, paper_lines


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "md"])
def test_export_has_every_passage_of_the_papers_the_query_names(corpus_index, tmp_path, fmt):
    """The phrase is in 000's title (line 10, "Funding for the Clinical Practice Team
    ...") and in no other paper, and titles are searched: the export is the whole of
    000, every line once, each row's words taken from the lines it cites."""
    out = tmp_path / f"cpt.{fmt}"
    n = export('"Clinical Practice Team"', corpus_index, fmt, str(out))
    if fmt == "csv":
        with open(out, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert set(rows[0]) >= {"doc_id", "title", "authority", "date", "section", "source", "line_start", "line_end", "text",
                                "amounts_gbp", "people", "authorities"}
        assert [r for r in rows if "\n" in r["text"]], "passages with several lines survive the CSV round trip"
        spans = [(r["source"], int(r["line_start"]), int(r["line_end"]), r["text"]) for r in rows]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        spans = [(r["source"], r["line_start"], r["line_end"], r["text"]) for r in rows]
    else:
        text = out.read_text(encoding="utf-8")
        cites = re.findall(r"\n— `(corpus/[^`:]+):(\d+)(?:-(\d+))?`", text)
        spans = [(src, int(a), int(b or a), None) for src, a, b in cites]
    assert n == len(spans) > 0
    assert {src for src, *_ in spans} == {"corpus/000_3de2692c728e829f.txt"}
    assert_covers([s[:3] for s in spans], "000")
    lines = paper_lines("000")
    for _src, a, b, row_text in spans:
        if row_text is not None:
            words = set(re.findall(r"\w+", " ".join(lines[a - 1:b])))
            assert set(re.findall(r"\w+", row_text)) <= words, (a, b)


def test_export_csv_entity_columns(corpus_index, tmp_path):
    out = tmp_path / "grant.csv"
    export('"Innovation Fund Grant"', corpus_index, "csv", str(out), filters=Filters(section_type="recommendations"))
    with open(out, encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["source"] == "corpus/003_336731e94eba03ca.txt" and row["line_start"] == "18"
    assert row["amounts_gbp"] == "330000" and row["authority"] == "Hammersmith and Fulham"


def test_export_refuses_to_overwrite_without_force(corpus_index, tmp_path):
    out = tmp_path / "x.csv"
    out.write_text("keep me")
    with pytest.raises(PaperfinderError) as exc:
        export("children", corpus_index, "csv", str(out))
    assert "--force" in str(exc.value) and out.read_text() == "keep me"
    export("children", corpus_index, "csv", str(out), force=True)
    assert out.read_text(encoding="utf-8-sig").startswith("doc_id,title")


def test_decisions_list_recommendations_and_resolutions(corpus_index):
    _total, events = list_events("decision", "", corpus_index, limit=None)
    texts = [e.text for e in events]
    assert any("budget growth of £0.578m is agreed" in t for t in texts)
    assert any("delegate authority to the Chief Executive Officer" in t for t in texts)
    # the last meeting's minutes "confirmed and signed as an accurate record" are the meeting's own
    # business: left out of the register unless asked for (they were listed while "an accurate" went unread)
    assert not any("minutes of the meeting" in t.lower() and "confirmed" in t for t in texts)
    _total, every = list_events("decision", "", corpus_index, limit=None, procedural=True)
    assert any("minutes of the meeting" in e.text.lower() and "confirmed" in e.text and e.procedural for e in every)
    e = next(e for e in events if "budget growth of £0.578m is agreed" in e.text)
    assert (e.date, e.source, e.line, e.amounts) == ("2020-12-30", "corpus/000_3de2692c728e829f.txt", 22, [578000.0])


def test_commitments_carry_their_deadline(corpus_index):
    _total, events = list_events("commitment", "practitioners courses", corpus_index, limit=None)
    e = next(e for e in events if "All practitioners will complete these courses by January 2017" in e.text)
    assert e.due == "by January 2017" and e.date == "2016-11-21" and e.line == 35


def test_partners_in_practice_timeline_2014_2016_2020(corpus_index):
    events = timeline("Partners in Practice", corpus_index)
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    launched = next(e for e in events if "launched in October 2014" in e.text)
    award = next(e for e in events if "£2,808,401" in e.text)
    growth = next(e for e in events if "budget growth of £0.578m is agreed" in e.text)
    assert launched.date.startswith("2014") and award.date == "2016-11-21" and growth.date == "2020-12-30"
    assert (award.source, award.line, award.amounts) == ("corpus/001_e0d2f4b9df27935a.txt", 89, [2808401.0])
    assert (growth.source, growth.line) == ("corpus/000_3de2692c728e829f.txt", 22)
    assert events.index(launched) < events.index(award) < events.index(growth)


@pytest.mark.parametrize(
    "body,authority,who",
    [
        # a parish's minutes are the whole council's ("Parish Council"): the register names the council
        ("Parish Council", "Stoke Ferry Parish Council", "Stoke Ferry Parish Council"),
        ("Community Council", "Wye Valley Community Council", "Wye Valley Community Council"),
        ("Full Council", "Limerick", "Limerick · Full Council"),
        ("Metropolitan District of Limerick", "Limerick", "Metropolitan District of Limerick"),
        ("Cabinet", "Southwark", "Cabinet"),
        (None, "West Dereham Parish Council", "West Dereham Parish Council"),
        (None, None, ""),
    ],
)
def test_a_register_line_names_the_council_when_the_body_is_only_its_kind(body, authority, who):
    from paperfinder.reports.registers import TrackedEvent

    e = TrackedEvent(kind="decision", date="2018-12-05", title="Minutes", body=body, authority=authority, text="It was agreed.")
    assert e.who() == who


def test_the_timeline_as_csv_rows_for_a_spreadsheet(corpus_index):
    import io

    from typer.testing import CliRunner

    from paperfinder.cli import app

    r = CliRunner().invoke(app, ["timeline", "Partners in Practice", "--index", str(corpus_index), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("\ufeff")  # the byte-order mark spreadsheets read UTF-8 by
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [x["date"] for x in rows] == sorted(x["date"] for x in rows)  # in date order, as the text output
    award = next(x for x in rows if "£2,808,401" in x["text"])
    assert (award["date"], award["money"], award["amounts_gbp"], award["source"], award["line"]) == (
        "2016-11-21", "£2,808,401", "2808401", "corpus/001_e0d2f4b9df27935a.txt", "89")
