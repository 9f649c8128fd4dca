"""One member, one name, where minutes tell members of one surname apart by a bracketed
initial ("Sheahan (J)"): read from real Limerick minutes (see fixtures/people_initials/README.md)."""

from __future__ import annotations

from pathlib import Path

from paperfinder.recognise.entities import tag_text
from paperfinder.recognise.tagging import entities_of_file

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "people_initials"
FULL_COUNCIL = FIXTURE / "limerick_minutes_full_council_2015-03-23.md"
METROPOLITAN = FIXTURE / "limerick_minutes_metropolitan_district_2019-12-16.md"


def _sheahans(path: Path) -> dict[tuple[int, str], str]:
    _source, ents = entities_of_file(path)
    return {(e.line or 0, " ".join(e.text.split())): e.canonical or "" for e in ents
            if e.label == "PERSON" and "Sheahan" in e.text}


def test_the_mayor_written_two_ways_is_one_member():
    names = _sheahans(FULL_COUNCIL)
    assert names[(24, "K. Sheahan")] == "Sheahan (K)"  # "PRESENT IN THE CHAIR: Councillor K. Sheahan, Mayor."
    assert names[(1466, "Sheahan (K)")] == "Sheahan (K)"  # "The Mayor, Councillor Sheahan (K), in proposing"
    assert names[(1458, "K. Sheahan")] == "Sheahan (K)"  # "Notice of Motion submitted by Councillor K. Sheahan, Mayor"
    assert set(names.values()) == {"Sheahan (J)", "Sheahan (K)", "Sheahan (M)"}


def test_an_initial_wrapped_past_a_blank_line_is_read():
    # lines 102-104: "seconded by Councillor Sheahan" / "" / "(J), the date of the Annual Meeting ..."
    names = _sheahans(FULL_COUNCIL)
    assert names[(102, "Sheahan (J)")] == "Sheahan (J)"
    assert not [k for k in names if k[1] == "Sheahan"]  # no bare "Sheahan" (it was taken for the Mayor)


def test_a_bare_surname_is_the_papers_one_member_of_that_name():
    names = _sheahans(METROPOLITAN)
    assert names == {(16, "Sheahan"): "Sheahan (M)", (266, "Sheahan (M)"): "Sheahan (M)", (898, "Sheahan"): "Sheahan (M)"}


def test_a_bare_surname_among_two_members_stays_the_surname():
    text = ("Present: Councillors Collins (M), Sheahan (J), Sheahan (M) and Teefy.\n"
            "Proposed by Councillor Sheahan (J); Seconded by Councillor Teefy.\n"
            "Councillor Sheahan welcomed the report.\n")
    names = {(e.text, e.line): e.canonical for e in tag_text(text) if e.label == "PERSON" and "Sheahan" in e.text}
    assert names == {("Sheahan (J)", 1): "Sheahan (J)", ("Sheahan (M)", 1): "Sheahan (M)",
                     ("Sheahan (J)", 2): "Sheahan (J)", ("Sheahan", 3): "Sheahan"}


def test_the_person_filter_reaches_both_ways_of_writing_an_initial(tmp_path):
    from paperfinder.index.build import index_paths
    from paperfinder.search.service import Filters, search

    papers = sorted(FIXTURE.glob("limerick_*.md"))
    assert index_paths([str(p) for p in papers], tmp_path).added == 3

    def sources(person: str) -> tuple[str, set[str]]:
        res = search("", tmp_path, limit=None, filters=Filters(person=person))
        return res.resolved["person"], {h.source.rsplit("/", 1)[-1] for h in res.hits}

    both = {"limerick_minutes_full_council_2015-03-23.md", "limerick_minutes_md_newcastle_west_2016-12-07.md"}
    for typed in ("J Sheahan", "J. Sheahan", "Sheahan (J)", "Sheahan J"):
        assert sources(typed) == ("Sheahan (J)", both)
    # the Metropolitan District's one Sheahan is "Sheahan (M)", as in the full council's minutes
    assert sources("Sheahan (M)") == ("Sheahan (M)", {"limerick_minutes_full_council_2015-03-23.md",
                                                        "limerick_minutes_metropolitan_district_2019-12-16.md"})


def test_the_attendance_lists_bare_surname_is_the_papers_one_member(tmp_path):
    from paperfinder.index.build import index_paths
    from paperfinder.reports.show import list_documents

    index_paths([str(METROPOLITAN), str(FULL_COUNCIL)], tmp_path)
    present = {d["source"].rsplit("/", 1)[-1]: [n for n in d["present"] if "Sheahan" in n] for d in list_documents(tmp_path)}
    # line 16 "... Secas, Sheahan, Sheehan, Slattery"; line 24 "Councillor K. Sheahan, Mayor", lines 34-36
    assert present == {METROPOLITAN.name: ["Sheahan (M)"], FULL_COUNCIL.name: ["Sheahan (J)", "Sheahan (K)", "Sheahan (M)"]}
