"""The paper's own council weighed from the evidence for each body it names (issue 13): what each
feature reads, how the fitted weights rank the candidates, and when the weighing overrules the
header rules or fills a paper they left without a council. Small texts written for these tests
in the shape of real layouts; the councils are made up, so no gazetteer entry answers."""

from __future__ import annotations

from paperfinder.ingest.authority_evidence import FEATURES, candidates, model, weigh
from paperfinder.ingest.metadata import _weighed_fallback, _weighed_over, body_lines, settle_authority

from .conftest import read_paper as _read

# a parish's minutes met in a town council's offices: the venue's council is not the paper's
VENUE = ("Minutes 3 March 2021\n"
         "Meeting of the Parish Council at 7.30pm on Wednesday 3rd March 2021 at Alderby Town Council Offices\n"
         "Present: A Brown (Chair), C Dane, E Fox\n"
         "1. Apologies: none.\n2. Minutes: The Parish Council approved the minutes of the last meeting.\n"
         "3. Finance: Branwick Parish Council resolved to pay the invoices.\n"
         "4. Planning: Branwick Parish Council had no objection to the application.\n"
         "5. Footpaths: Branwick Parish Council agreed to repair the stile.\n")


def _features(tmp_path, text: str) -> dict[str, dict[str, float]]:
    doc = _read(tmp_path, text)
    return {c.canonical: c.x for c in candidates(body_lines(doc.lines))}


def test_each_candidate_has_every_feature_and_the_model_weighs_them(tmp_path):
    found = _features(tmp_path, VENUE)
    assert set(found) == {"Branwick Parish Council", "Alderby Town Council"}
    assert all(set(x) == set(FEATURES) for x in found.values())
    assert set(model()["weights"]) == set(FEATURES) - {"bias_candidate"}


def test_a_venue_and_the_papers_tier_read_from_its_words(tmp_path):
    found = _features(tmp_path, VENUE)
    town, parish = found["Alderby Town Council"], found["Branwick Parish Council"]
    # "at Alderby Town Council Offices": where the meeting is held; "the Parish Council": the paper's tier
    assert (town["venue"], town["other_local_tier"], town["self_tier"]) == (1.0, 1.0, 0.0)
    assert (parish["venue"], parish["self_tier"], parish["resolves"], parish["business_only"]) == (0.0, 1.0, 1.0, 1.0)
    assert parish["share"] == 0.75  # three of the four mentions of a body


def test_the_fitted_weights_rank_the_parish_over_the_venue(tmp_path):
    doc = _read(tmp_path, VENUE)
    ranked = weigh(body_lines(doc.lines))
    assert [c.canonical for c in ranked] == ["Branwick Parish Council", "Alderby Town Council"]
    assert ranked[0].p > ranked[1].p


def test_joined_addressees_a_frame_a_contact_line_and_a_county_under_a_parish(tmp_path):
    text = ("Response to Alderby Borough Council and Branwick District Council on their Local Plans\n"
            "The Parish Council considered the consultations.\n"
            "Clerk to Corbridge Parish Council, 2 Mill Lane, Corbridge CB1 2AB\n"
            "Minutes of Corbridge Parish Council held on 4 May 2021\n"
            "1. Highways: Delby County Council will resurface the lane.\n")
    found = _features(tmp_path, text)
    # "Response to X and Y": both receive the paper
    assert found["Alderby Borough Council"]["addressed"] == found["Branwick District Council"]["addressed"] == 1.0
    own = found["Corbridge Parish Council"]
    assert (own["stated"], own["addressed"], own["address_only"]) == (1.0, 0.0, 0.0)
    # a county council in the paper of a council that calls itself "the Parish Council"
    assert found["Delby County Council"]["principal_under_local"] == 1.0
    assert found["Corbridge Parish Council"]["principal_under_local"] == 0.0


def test_a_body_named_only_in_a_contact_line(tmp_path):
    text = ("Agenda for the meeting on 4 May 2021\n"
            "Please reply to: Alderby District Council, 2 Mill Lane, Alderby AB1 2CD\n"
            "1. Apologies\n")
    assert _features(tmp_path, text)["Alderby District Council"]["address_only"] == 1.0


def _table(**weights: float) -> dict:
    """A weight table of a few features (the rest weigh nothing)."""
    return {"weights": weights, "bias": 0.0, "fallback_threshold": 0.5, "lead": 0.3}


def test_the_header_rules_council_gives_way_only_to_a_clear_lead(tmp_path):
    lines = body_lines(_read(tmp_path, VENUE).lines)
    # a table that reads the venue as another body's and the paper's tier as its own
    clear = _table(venue=-3.0, self_tier=3.0)
    assert _weighed_over("Alderby Town Council", lines, None, clear) == "Branwick Parish Council"
    # the same ranking without the lead: the header rules' council stays
    close = _table(venue=-0.2, self_tier=0.2)
    assert _weighed_over("Alderby Town Council", lines, None, close) == "Alderby Town Council"


def test_a_paper_left_without_a_council_takes_the_clear_leader_only(tmp_path):
    lines = body_lines(_read(tmp_path, VENUE).lines)
    assert _weighed_fallback(lines, None, _table(venue=-3.0, self_tier=3.0)) == "Branwick Parish Council"
    # neither body clearly ahead: none is the paper's
    assert _weighed_fallback(lines, None, _table(venue=-0.2, self_tier=0.2)) is None
    # with the fitted weights this paper's evidence is not clear enough to name its council, as indexing settles it
    doc = _read(tmp_path, VENUE)
    settle_authority(doc, None, frozenset())
    assert doc.authority is None


def test_a_municipal_districts_paper_weighed_as_its_own_is_its_county_councils(tmp_path):
    text = ("Meeting of the Municipal District of Alderby held on 3 May 2021\n"
            "1. Roads: Alderby County Council will fund the resurfacing.\n")
    lines = body_lines(_read(tmp_path, text).lines)
    assert _weighed_fallback(lines, None, _table(district_kind=5.0)) == "Alderby County Council"
