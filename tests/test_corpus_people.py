"""People learned in one paper's header blocks are recognised in every paper of the index.

Two small papers: a Cabinet report whose header names two officers with their
roles, and committee minutes that mention them in passing without saying who
they are. Whether the minutes are indexed before, with or after the report,
their passage ends up with the same two officers, kinds and roles; when the
report leaves the index, the minutes lose what only it taught.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paperfinder.index.build import index_paths
from paperfinder.recognise.entities import tag_text
from paperfinder.recognise.tagging import changed_names, corpus_registry
from paperfinder.search.service import Filters, search

REPORT = """London Borough of Hammersmith & Fulham

CABINET

5 March 2018

WIDGET SERVICE CONTRACT

Report of: Orla Quennell, Strategic Director of Widgets

Report author: Tamsin Okonjo-Reyes, Head of Procurement

1. EXECUTIVE SUMMARY

1.1 This report asks Cabinet to award the widget service contract for £1.2m.

2. RECOMMENDATIONS

2.1 That Cabinet approves the award of the contract.
"""

MINUTES = """London Borough of Hammersmith & Fulham

Minutes of the Policy and Accountability Committee

12 June 2018

1. WIDGET SERVICE UPDATE

1.1 The committee heard from Tamsin Okonjo-Reyes about the first months of the widget contract.

1.2 Members asked that Orla Quennell report back in the autumn on costs.
"""

OFFICERS = {
    ("Orla Quennell", "officer", "Strategic Director of Widgets"),
    ("Tamsin Okonjo-Reyes", "officer", "Head of Procurement"),
}


@pytest.fixture()
def papers(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "minutes").mkdir()
    (tmp_path / "reports" / "cabinet-report.txt").write_text(REPORT)
    (tmp_path / "minutes" / "scrutiny-minutes.txt").write_text(MINUTES)
    return tmp_path


def minutes_people(index_dir):
    res = search("widget contract months", index_dir, filters=Filters(doc_type=None), limit=20)
    hits = [h for h in res.hits if h.source.endswith("scrutiny-minutes.txt") and h.line_start <= 9 <= h.line_end]
    assert len(hits) == 1
    return {(e.canonical, e.kind, e.role) for e in hits[0].entities if e.label == "PERSON"}


def test_minutes_alone_know_only_what_they_say():
    found = {(e.canonical, e.kind, e.role) for e in tag_text(MINUTES) if e.label == "PERSON"}
    # without the report, one name is guessed from "heard from", with no role; the other is missed
    assert found == {("Tamsin Okonjo-Reyes", "other", None)}


def test_one_run_tags_people_named_in_another_paper(papers, tmp_path):
    index_paths([papers], tmp_path / "ix", workers=1)
    assert minutes_people(tmp_path / "ix") == OFFICERS


def test_same_result_with_worker_processes(papers, tmp_path):
    (papers / "minutes" / "more-minutes.txt").write_text(MINUTES.replace("12 June", "10 July"))
    index_paths([papers], tmp_path / "ix", workers=2)
    assert minutes_people(tmp_path / "ix") == OFFICERS


def test_paper_indexed_earlier_is_tagged_again(papers, tmp_path):
    ix = tmp_path / "ix"
    first = index_paths([papers / "minutes"], ix, workers=1)
    assert first.retagged == 0
    assert minutes_people(ix) == {("Tamsin Okonjo-Reyes", "other", None)}
    second = index_paths([papers / "reports"], ix, workers=1)
    assert (second.added, second.retagged) == (1, 1)
    assert minutes_people(ix) == OFFICERS
    # the person filter now finds the minutes too
    res = search("widget", ix, filters=Filters(person="Orla Quennell"))
    assert {Path(h.source).name for h in res.hits} == {"cabinet-report.txt", "scrutiny-minutes.txt"}
    # nothing changed: nothing is tagged again
    third = index_paths([papers], ix, workers=1)
    assert (third.added, third.updated, third.retagged) == (0, 0, 0)


def test_removing_the_teaching_paper_untags(papers, tmp_path):
    ix = tmp_path / "ix"
    index_paths([papers], ix, workers=1)
    (papers / "reports" / "cabinet-report.txt").unlink()
    report = index_paths([papers], ix, workers=1)
    assert (report.removed, report.retagged) == (1, 1)
    assert minutes_people(ix) == {("Tamsin Okonjo-Reyes", "other", None)}


def test_registry_survives_a_lost_cache(papers, tmp_path):
    """people.json gone (a kill after commit): it is gathered again from the index."""
    ix = tmp_path / "ix"
    index_paths([papers / "reports"], ix, workers=1)
    (ix / "people.json").unlink()
    index_paths([papers / "minutes"], ix, workers=1)
    assert minutes_people(ix) == OFFICERS
    learned = json.loads((ix / "people.json").read_text())["sources"]
    assert sorted(Path(s).name for s in learned) == ["cabinet-report.txt", "scrutiny-minutes.txt"]
    assert {x["text"] for s, xs in learned.items() if s.endswith("cabinet-report.txt") for x in xs} == {
        "Orla Quennell", "Tamsin Okonjo-Reyes"}


def test_spelling_variants_merge_across_papers():
    learned = {
        "a.txt": [{"text": "Clare Chamberlain", "kind": "officer", "role": "Executive Director for Children's Services"}],
        "b.txt": [{"text": "Claire Chamberlain", "kind": "officer", "role": "Executive Director of Children's Services"},
                  {"text": "Rachael Wright-turner", "kind": "officer", "role": "Director of Commissioning"}],
        "c.txt": [{"text": "Rachael Wright-Turner", "kind": "officer", "role": "Director of Commissioning"}],
    }
    reg = corpus_registry(learned)
    assert reg.canonical("Claire Chamberlain", role="Executive Director of Children's Services") == "Clare Chamberlain"
    assert reg.canonical("Rachael Wright-turner") == "Rachael Wright-Turner"
    assert len(reg) == 2
    # the order files are learned in does not change the names chosen
    assert corpus_registry(dict(reversed(list(learned.items())))).people() == reg.people()
    text = "Claire Chamberlain and Rachael Wright-turner presented the report."
    found = {(e.text, e.canonical, e.role) for e in tag_text(text, corpus=reg) if e.label == "PERSON"}
    assert found == {
        ("Claire Chamberlain", "Clare Chamberlain", "Executive Director for Children's Services"),
        ("Rachael Wright-turner", "Rachael Wright-Turner", "Director of Commissioning"),
    }


def test_similar_surnames_stay_apart_across_papers():
    """In one paper "Harrison" for "Harris" is a typo; across councils they are two people."""
    reg = corpus_registry({
        "a.txt": [{"text": "Donald Harris", "kind": "councillor", "role": "Chair"}],
        "b.txt": [{"text": "Donald Harrison", "kind": "councillor", "role": "Vice-Chair"}],
    })
    assert len(reg) == 2
    assert reg.canonical("Donald Harrison") == "Donald Harrison"
    # a person's role from another paper is not given to a namesake of another kind
    reg = corpus_registry({"a.txt": [{"text": "Lucy Wilson", "kind": "officer", "role": "Executive Director of Children's Services"}]})
    found = [(e.text, e.kind, e.role) for e in tag_text("Councillor Lucy Wilson asked about the budget.", corpus=reg) if e.label == "PERSON"]
    assert found == [("Lucy Wilson", "councillor", None)]


def test_changed_names_lists_only_people_who_changed():
    before = corpus_registry({"a.txt": [{"text": "Orla Quennell", "kind": "officer", "role": "Director"}]})
    after = corpus_registry({
        "a.txt": [{"text": "Orla Quennell", "kind": "officer", "role": "Director"}],
        "b.txt": [{"text": "Ben Mayhew", "kind": "councillor", "role": "Cabinet Member for Housing"}],
    })
    names = changed_names(before, after)
    assert "Ben Mayhew" in names and "Councillor Mayhew" in names
    assert not any("Quennell" in n for n in names)
    assert changed_names(after, after) == []


def test_cli_reports_papers_tagged_again(papers, tmp_path):
    ix = tmp_path / "ix"
    cli = [sys.executable, "-m", "paperfinder.cli"]
    subprocess.run(cli + ["index", str(papers / "minutes"), "--index", str(ix), "--quiet"], check=True, capture_output=True)
    out = subprocess.run(cli + ["index", str(papers / "reports"), "--index", str(ix), "--quiet"],
                         check=True, capture_output=True, text=True)
    assert "1 added" in out.stderr and "1 tagged again for people learned elsewhere" in out.stderr


def test_entities_command_uses_the_index(papers, tmp_path):
    ix = tmp_path / "ix"
    index_paths([papers / "reports"], ix, workers=1)
    cli = [sys.executable, "-m", "paperfinder.cli", "entities", str(papers / "minutes" / "scrutiny-minutes.txt"), "--format", "json"]
    with_ix = json.loads(subprocess.run(cli + ["--index", str(ix)], check=True, capture_output=True, text=True).stdout)
    people = {(e["text"], e["kind"], e.get("role")) for e in with_ix["entities"] if e["label"] == "PERSON"}
    assert people == {("Tamsin Okonjo-Reyes", "officer", "Head of Procurement"),
                      ("Orla Quennell", "officer", "Strategic Director of Widgets")}
    alone = subprocess.run(cli + ["--index", str(tmp_path / "nowhere")], capture_output=True, text=True)
    assert alone.returncode == 1 and "no index" in alone.stderr


def test_people_learned_while_the_files_come_in_are_corpus_registrys():
    """The indexer learns a first run's people as the survey hands each file over: the same
    registry as learning them all at the end, while the files come in sorted order."""
    from paperfinder.recognise.tagging import CorpusLearning

    learned = {
        "a.txt": [{"text": "Clare Chamberlain", "kind": "officer", "role": "Executive Director for Children's Services"}],
        "b.txt": [{"text": "Claire Chamberlain", "kind": "officer", "role": "Executive Director of Children's Services"},
                  {"text": "Rachael Wright-turner", "kind": "officer", "role": "Director of Commissioning"}],
        "c.txt": [{"text": "Rachael Wright-Turner", "kind": "officer", "role": "Director of Commissioning"}],
    }
    learning = CorpusLearning()
    for src, people in learned.items():
        learning.add(src, people)
    reg = learning.registry_of(learned)
    assert reg is not None and reg.people() == corpus_registry(learned).people()
    assert reg.canonical("Claire Chamberlain", role="Executive Director of Children's Services") == "Clare Chamberlain"
    assert reg.canonical("Rachael Wright-turner") == "Rachael Wright-Turner"
    # a file the survey did not hand over (it failed), or files out of sorted order: made at the end
    assert learning.registry_of({**learned, "d.txt": []}) is None
    late = CorpusLearning()
    for src in ("b.txt", "a.txt", "c.txt"):
        late.add(src, learned[src])
    assert late.registry_of(learned) is None
