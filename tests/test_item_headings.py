"""An item's heading before a dash is not a person, whatever follows the dash.

Minutes write "Village Hall – Cllr Cobb" (who the item is given to), "Speed Monitor -
The Parish Clerk reported that ..." (the item's business) and "Old Station -
Installation of 2 shower/toilet blocks. Clerk ask ..." (a planning item, the role word
in the next sentence). Real papers from corpus-dev, in ``tests/fixtures/item_headings``.
"""

from pathlib import Path

import pytest

from paperfinder.recognise.entities import tag_text
from paperfinder.search.service import facet_values

from .conftest import index_of

HERE = Path(__file__).parent / "fixtures" / "item_headings"


def _line(name: str, start: str) -> str:
    return next(ln for ln in (HERE / name).read_text(encoding="utf-8").splitlines() if ln.strip().startswith(start))


def _people(text: str) -> list[str]:
    return [e.canonical or e.text for e in tag_text(text) if e.label == "PERSON"]


def test_item_given_to_a_councillor_names_the_councillor_only():
    line = _line("wye_valley_cc_minutes_2020-05-18.txt", "(1)  Village Hall")
    assert _people(line) == ["Cobb", "Shewell"]


def test_item_whose_business_follows_the_dash_names_nobody():
    line = _line("parish_west_dereham_draft_minutes_2018-07-05.md", "5.6 Speed Monitor")
    assert "Speed Monitor" not in _people(line)
    line = _line("parish_stoke_ferry_draft_minutes_2007-01-10.md", "w) Bus Stops")
    assert _people(line) == []


def test_role_word_of_the_next_sentence_is_not_the_items_role():
    text = "DM/2021/01416 - Old Station - Installation of 2 shower/toilet blocks.  Clerk ask for comments."
    assert _people(text) == []


@pytest.mark.parametrize(
    "text, name, role",
    [
        ("Sarah Jones, Head of Planning and Development, said the plan was ready.", "Sarah Jones", "Head of Planning and Development"),
        ("John Smith – Clerk to the Council", "John Smith", "Clerk to the Council"),
        ("Anne Field - Chief Executive", "Anne Field", "Chief Executive"),
    ],
)
def test_a_title_after_a_name_is_still_a_role(text, name, role):
    got = [(e.canonical, e.role) for e in tag_text(text) if e.label == "PERSON"]
    assert got == [(name, role)]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return index_of(tmp_path_factory, HERE, "item_headings")


def test_person_facet_holds_the_councillors_not_the_items(index):
    people = facet_values(index, "person")
    for item in ("Village Hall", "Tintern Charities", "Speed Monitor", "Bus Stops", "Old Station"):
        assert item not in people
    assert people["Cobb"] == 6
    assert people["Shewell"] == 7
