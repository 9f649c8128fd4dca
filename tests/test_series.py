"""Whose paper, from its item numbering (paperfinder/ingest/series.py), on real papers.

The fixtures are four Wye Valley (formerly Tintern) Community Council papers
(tests/fixtures/corpus_dev_series/README.md). Expected values are read from the
papers: the 2021-03-29 agenda's items run from "3048.Police Report" to
"3062.Date of next meeting" and it names no council; the 2019-09-30 minutes open
"Minutes of a meeting of Tintern Community Council".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from paperfinder.index.build import index_paths
from paperfinder.ingest.readers import read_documents
from paperfinder.ingest.series import NumberedPaper, authorities_by_series, item_span
from paperfinder.reports.show import list_documents
from paperfinder.search.service import Filters

FIXTURES = Path(__file__).parent / "fixtures" / "corpus_dev_series"
AGENDA = "wye_valley_cc_agenda_2021-03-29.txt"


def _authorities(index: Path) -> dict[str, str | None]:
    docs = list_documents(str(index), Filters())
    return {Path(d["source"]).name: d["authority"] for d in docs}


def test_item_span_of_an_agenda_is_its_run_of_item_numbers():
    doc = read_documents(FIXTURES / AGENDA)[0]
    assert doc.authority is None  # the paper names no council
    assert item_span(doc.lines) == (3048, 3062)
    # "3048.Apologies for absence" (no space after the number): an agenda's item, as "1. Apologies for absence"
    assert doc.doc_type == "agenda"


def test_a_short_numbered_list_is_not_a_sequence(tmp_path):
    paper = tmp_path / "table.txt"
    paper.write_text("Changes\n165 Policy BH1 wording\n166 Policy BH2 wording\n168 Figure 4 label\n", encoding="utf-8")
    assert item_span(read_documents(paper)[0].lines) is None


def test_nearest_named_paper_of_the_series_gives_the_council():
    papers = [
        NumberedPaper("a", 2400, 2415, "Tintern Community Council", "2018-01-08"),
        NumberedPaper("b", 2416, 2430, None, None),  # the next meeting: numbers run on
        NumberedPaper("c", 3362, 3379, "Wye Valley Community Council", "2022-09-26"),
        NumberedPaper("d", 3380, 3396, None, "2022-10-31"),
        NumberedPaper("e", 5000, 5012, None, None),  # no named paper near: left alone
        NumberedPaper("f", 2440, 2452, None, "2024-06-01"),  # numbers close but six years later
    ]
    assert authorities_by_series(papers) == {"b": "Tintern Community Council", "d": "Wye Valley Community Council"}


def test_one_misread_neighbour_does_not_decide():
    # minutes 3079-3092 read as the county council they mention; their neighbours name the community council
    papers = [
        NumberedPaper("march", 3048, 3063, "Tintern Community Council", "2021-03-29"),
        NumberedPaper("may", 3079, 3092, "Monmouthshire", "2021-05-24"),
        NumberedPaper("june", 3093, 3111, None, None),
        NumberedPaper("july", 3112, 3127, "Tintern Community Council", "2021-07-26"),
    ]
    assert authorities_by_series(papers) == {"june": "Tintern Community Council"}


def test_a_paper_between_two_of_one_councils_papers_is_that_councils():
    # undated minutes 3622-3637: the meetings just before and after them are not indexed, but
    # numbers 3553-3568 and 3681-3696 are both the Wye Valley council's
    wv = "Wye Valley Community Council"
    papers = [
        NumberedPaper("aug", 3553, 3568, wv, None),
        NumberedPaper("jan", 3622, 3637, None, None),
        NumberedPaper("apr", 3681, 3696, wv, None),
    ]
    assert authorities_by_series(papers) == {"jan": wv}
    # two councils on either side: nothing is said
    papers[2] = NumberedPaper("apr", 3681, 3696, "Devauden Community Council", None)
    assert authorities_by_series(papers) == {}


def test_indexing_gives_an_unnamed_agenda_its_councils_numbering(tmp_path):
    folder = tmp_path / "papers"
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("README.md"))
    index = tmp_path / "index"
    index_paths([str(folder)], str(index))
    got = _authorities(index)
    assert got[AGENDA] == "Tintern Community Council"
    assert got["wye_valley_cc_minutes_2021-02-22.txt"] == "Tintern Community Council"  # from "TCC"
    assert got["wye_valley_cc_minutes_2019-09-30.txt"] == "Tintern Community Council"
    # "Sergeant for Monmouthshire South" in item 3144 is the business, not the paper's council
    assert got["wye_valley_cc_minutes_2021-09-27.txt"] == "Tintern Community Council"


def test_alone_the_agenda_has_no_council(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(FIXTURES / AGENDA, folder)
    index = tmp_path / "index"
    index_paths([str(folder)], str(index))
    assert _authorities(index) == {AGENDA: None}


def test_a_later_run_reads_the_numbering_earlier_runs_saved(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("wye_valley_cc_minutes_2019-09-30.txt", "wye_valley_cc_minutes_2021-02-22.txt"):
        shutil.copy(FIXTURES / name, folder)
    index = tmp_path / "index"
    index_paths([str(folder)], str(index))
    saved = json.loads((index / "numbering.json").read_text(encoding="utf-8"))
    spans = {Path(src).name: (ns[0]["lo"], ns[0]["hi"]) for src, ns in saved.items()}
    assert spans == {"wye_valley_cc_minutes_2019-09-30.txt": (2762, 2778), "wye_valley_cc_minutes_2021-02-22.txt": (3033, 3047)}
    shutil.copy(FIXTURES / AGENDA, folder)  # next month's agenda arrives
    index_paths([str(folder)], str(index))
    assert _authorities(index)[AGENDA] == "Tintern Community Council"
