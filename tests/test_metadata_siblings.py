"""Metadata rules read off the siblings set: papers of corpus-dev's own source repositories that
corpus-dev does not hold (tests/fixtures/siblings/, development part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperfinder.ingest.readers import read_documents

SIBLINGS = Path(__file__).parent / "fixtures" / "siblings"


def _read(name: str):
    return read_documents(SIBLINGS / name)[0]


@pytest.mark.parametrize(
    "name,authority",
    [
        # the text opens "Minutes of the meeting held at 7:30om in the school"; the site's title
        # "Stoke Ferry Parish Council Meeting (8th November 2001)" opens with the council
        ("sf_stoke_ferry_pc_minutes_2001-11-08.md", "Stoke Ferry Parish Council"),
        # "Held in the school on 17th Jan 2002" under the title "Minutes Of Stoke Ferry Parish Council Meeting"
        ("sf_stoke_ferry_pc_minutes_2002-01-17.md", "Stoke Ferry Parish Council"),
        # the text's own heading wins over the magazine's lead line and is not overridden by the title
        ("sf_wereham_pc_minutes_2010-01-12.md", "Wereham Parish Council"),
        # "Boughton Fen Report for Parish Council Meeting 09.01.2018": a place's fen, no council named
        ("sf_boughton_fen_report_2018-01-09.md", None),
    ],
)
def test_site_title_names_the_council_only_when_the_text_does_not(name, authority):
    assert _read(name).authority == authority


@pytest.mark.parametrize(
    "name,date",
    [
        # "Items that may be of interest from meeting on 11th April", posted 2014-05-27; the title's
        # month alone ("Report - May") is the posting month, not the meeting's
        ("sf_boughton_pc_report_2014-04-11.md", "2014-04-11"),
        # "took place on the 8th of November", posted 2007-01-01: the year before the posting
        ("sf_wretton_pc_report_2006-11-08.md", "2006-11-08"),
        # a full date in the title ("... Meeting 09.01.2018") beats a year-less working party's
        # "held on Sunday 7th January" in the text
        ("sf_boughton_fen_report_2018-01-09.md", "2018-01-09"),
        # the paper's own full date stays
        ("sf_stoke_ferry_pc_minutes_2002-01-17.md", "2002-01-17"),
    ],
)
def test_year_less_meeting_date_takes_the_posting_year(name, date):
    assert _read(name).date == date


# the councils an index of the council's own site knows: its own, and the county council whose
# notices the site also carries (corpus-dev holds both)
_KNOWN = frozenset({"Tintern Community Council", "Wye Valley Community Council", "Monmouthshire County Council"})


@pytest.mark.parametrize(
    "name,counts",
    [
        # "TCC" 4 times, "MCC" 11 ("report to MCC", "MCC Highways", "Receipt of precept advice form ... from MCC")
        ("wye_valley_cc_minutes_2019-01-28.txt", (4, 11)),
        # "TCC" twice ("Weekly updates to TCC"), "MCC" 4 times ("MCC Highways has outlined four methods")
        ("wye_valley_cc_extraordinary_minutes_extract_2018-09-04.txt", (2, 4)),
    ],
)
def test_initials_of_a_local_council_beat_its_county_council(name, counts):
    from paperfinder.ingest.metadata import acronym_counts, authority_by_acronym

    doc = _read(name)
    found = acronym_counts(doc.lines)
    assert (found.get("TCC", 0), found.get("MCC", 0)) == counts
    assert doc.authority is None  # "Minutes of a meeting of the above Council": never named in full
    assert authority_by_acronym(doc.lines, _KNOWN) == "Tintern Community Council"
