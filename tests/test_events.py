"""Tests for paperfinder.recognise.events: decisions and commitments in council papers.

Two kinds of test:

* precise unit tests on single sentences/passages (status, due phrase, owner and
  negatives that must not be events), covering English committee minutes, cabinet
  reports, cabinet-member sign-offs, decision notices, Irish council minutes and
  parish minutes;
* a recall test against ``tests/annotations/events_gold.json``, a hand annotation
  of the five corpus papers. The papers are split into paragraphs by blank lines and
  each paragraph is passed with a heading derived simply from the nearest previous
  heading-like line (see ``corpus_events``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperfinder.recognise import events as ev_mod
from paperfinder.recognise.events import Event, find_events, passage_kinds

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).with_name("annotations") / "events_gold.json"


def one(text: str, **kw) -> Event:
    found = find_events(text, **kw)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- decisions


def test_recommendation_in_report_is_recommended_decision():
    text = (
        "2.1 The recommendation is that budget growth of £0.578m is agreed as a means of bridging the gap "
        "in funding that will otherwise arise because of the cessation of the Partners in Practice (PiP) "
        "programme. This will enable the crucial work being undertaken by the Clinical Practice team to "
        "continue in 2020/21 and beyond."
    )
    ev = one(text, heading="2. Recommendations", section_type="recommendations")
    assert ev.kind == "decision" and ev.status == "recommended"
    assert ev.text == text  # the whole recommendation item
    # the explicit wording is enough without the section
    first = text.split(" This will")[0]
    ev = one(first)
    assert (ev.kind, ev.status) == ("decision", "recommended")


def test_recommendations_section_items_and_delegation():
    text = (
        "1. To vary the Collaborative Delivery Agreement dated 5 April 2018 from 1 April 2021 to enable "
        "H&F to terminate its involvement with the collaborative delivery of:\n"
        " - the Children's Placements Service; and\n"
        " - the Local Safeguarding Children's Partnership;\n"
        " 2. To delegate authority to the Chief Executive Officer to approve any future variations, "
        "extensions or disaggregation or termination (in full or in part) by H&F of the Agreement.\n"
    )
    found = find_events(text, heading="RECOMMENDATIONS", section_type="recommendations")
    assert [(e.kind, e.status) for e in found] == [("decision", "recommended"), ("decision", "delegated")]
    assert "Local Safeguarding Children's Partnership" in found[0].text  # sub-bullets stay with item 1
    assert found[1].text.startswith("2. To delegate authority")


def test_review_and_comment_and_no_decisions_are_not_decisions():
    assert find_events("2.1. The Committee is asked to review and comment on the report.",
                       heading="2. RECOMMENDATIONS", section_type="recommendations") == []
    assert find_events("3.1. No decisions required.", heading="3. REASONS FOR DECISION") == []
    assert find_events("1.1 The purpose of this report and the attached appendices is to update the Committee "
                       "on the progress of Focus on Practice.") == []
    assert find_events("Key Decision: No") == []


@pytest.mark.parametrize(
    "text,status",
    [
        ("RESOLVED: That the minutes of the meeting held on 13 June 2016 be confirmed and signed as an "
         "accurate record of the proceedings.", "resolved"),
        ("It was resolved that the Council adopts the revised Statement of Licensing Policy.", "resolved"),
        ("RESOLVED – That the report be noted.", "noted"),
        ("The Committee noted that the next meeting would be held on 21st November 2016.", "noted"),
        ("Members noted the proposal for the disposal of land.", "noted"),
        ("The Cabinet Member approved the award of the contract to Acme Ltd.", "agreed"),
        ("Decision: To approve the award of the contract to Acme Ltd for £1.2m.", "agreed"),
        ("For the reasons set out above, I agree the recommendation(s) in the report entitled Funding for "
         "the Clinical Practice Team and reject any alternative options which are referred to but not "
         "recommended.", "signed"),
        ("Signed: Councillor Melvyn Caplan, Cabinet Member for Finance, Property and Regeneration", "signed"),
        ("On 15 March 2018 the Leader delegated authority to the Chief Executive to enter into a "
         "Collaborative Delivery Agreement.", "delegated"),
        ("It is proposed that notice be given to end H&F delivery of the shared Placements service.",
         "recommended"),
        ("This report seeks approval to vary the Collaborative Delivery Agreement.", "recommended"),
    ],
)
def test_decision_status(text, status):
    ev = one(text)
    assert ev.kind == "decision"
    assert ev.status == status
    assert ev.text == text


def test_resolved_section_paragraphs_are_decisions_without_the_word():
    ev = one("That the report be noted.", heading="7. THE IMPACT OF RECENT 'SEN' POLICY CHANGES > RESOLVED")
    assert (ev.kind, ev.status) == ("decision", "noted")
    items = (
        "1. That the outlined Semi Independent living Accommodation provision for care leavers in "
        "Hammersmith and Fulham, be noted;\n"
        "2. That the summarised headlines from Centrepoint's annual Contract Performance Review, be noted; and\n"
        "3. That the outlined future direction for the continued improvement of the service, be noted.\n"
    )
    found = find_events(items, section_type="resolved", doc_type="minutes")
    assert [e.status for e in found] == ["noted", "noted", "noted"]
    assert found[1].text.startswith("2. That the summarised headlines")
    ev = one("That the Director of Housing be authorised to let the contract.", section_type="resolved")
    assert ev.status == "delegated"


def test_resolved_header_inside_passage():
    text = "## **RESOLVED**\n\nThat the report be noted.\n"
    ev = one(text, doc_type="minutes")
    assert ev.status == "noted" and ev.text == "That the report be noted."


def test_minutes_agreed_with_action_for_officers():
    ev = one(
        "The Schools Contract Monitoring Team would investigate further and it was agreed that officers "
        "would produce a report for the Committee to consider.",
        doc_type="minutes",
    )
    assert (ev.kind, ev.status) == ("decision", "agreed")


def test_irish_minutes_proposal_seconded_agreed():
    text = ("On the proposal of Cllr. Byrne and seconded by Cllr. O'Dea, it was agreed to suspend standing "
            "orders for thirty minutes to facilitate completion of the agenda.")
    ev = one(text, doc_type="minutes")
    assert (ev.kind, ev.status) == ("decision", "agreed")
    assert ev.text == text  # not split at "Cllr."


def test_irish_minutes_proposed_seconded_and_resolved_block():
    text = (
        "Proposed by Councillor Mitchell;\n\n"
        "Seconded by Councillor Teefy;\n\n"
        "And Resolved:\n\n"
        "\u201cThat, the draft Minutes, as circulated, be taken as read and adopted and signed.\u201d\n\n"
        "Councillor Sheehy thanked the Members for dealing with her Motion.\n"
    )
    ev = one(text, doc_type="minutes")
    assert (ev.kind, ev.status) == ("decision", "resolved")
    assert ev.text.startswith("Proposed by Councillor Mitchell;")
    assert ev.text.endswith("adopted and signed.\u201d")
    assert text[ev.start : ev.end] == ev.text


def test_irish_minutes_wrapped_lines_and_amendment():
    text = (
        "Councillor Mitchell proposed the following amendment:\n\n"
        "\u201cThe Forward Planning Section shall prepare an amendment to the Hospital Plan.\u201d\n\n"
        "This was seconded by Councillor Teefy and agreed.\n"
    )
    kinds = [(e.kind, e.status) for e in find_events(text, doc_type="minutes")]
    assert ("decision", "agreed") in kinds
    # a motion merely moved is not yet a decision
    assert find_events("The Motion was proposed by Councillor O'Donnell and seconded by Councillor Mitchell.",
                       doc_type="minutes") == []


def test_parish_minutes():
    text = ("3. Planning Application: Frimstone Ltd: Land at Grange Farm - Miss Richardson proposed and "
            "B. Glover seconded that the application be recommended for approval - agreed.")
    ev = one(text, doc_type="minutes")
    assert (ev.kind, ev.status) == ("decision", "agreed")
    ev = one("Clerk to write to Norfolk County Council about the potholes on Lime Kiln Road.", doc_type="minutes")
    assert (ev.kind, ev.owner) == ("commitment", "Clerk")


def test_irish_resolution_across_page_break_and_unquoted_points():
    text = (
        "Proposed by Councillor Gleeson;\n\nSeconded by Councillor Teefy;\n\nAnd Resolved:\n\n---\n3\n\n"
        "\u201cThat, the following estate \u2013 Inse Bui, Cappamore \u2013 be taken in charge.\u201d\n"
    )
    ev = one(text, doc_type="minutes")
    assert ev.status == "resolved" and ev.text.endswith("be taken in charge.\u201d")
    # reported discussion points are not resolutions, even in minutes
    points = ("\uf0b7 That many people will be affected by the route and it was important that residents "
              "groups be engaged with.\n")
    assert [e for e in find_events(points, doc_type="minutes") if e.kind == "decision"] == []
    quoted = "\u201cThat the following housing estates be taken in charge.\u201d"
    assert one(quoted, doc_type="minutes").status == "resolved"


def test_parish_payments_not_split_inside_amounts():
    text = ("6. Review of Burial Fees: It was proposed by Mrs. Berry and seconded by P. Murfitt that all fees "
            "be increased by \u00a35. 00 - agreed.")
    ev = one(text, doc_type="minutes")
    assert ev.status == "agreed" and ev.text == text


# --------------------------------------------------------------------------- commitments


@pytest.mark.parametrize(
    "text,due",
    [
        ("All practitioners will complete these courses by January 2017.", "by January 2017"),
        ("This is not unexpected, as the cases returning to our service this year are only beginning to have "
         "the benefit of more targeted and effective interventions, and we still anticipate seeing a reduction "
         "in re-referrals within the next 2-3 years.", "within the next 2-3 years"),
        ("We will publish the revised housing strategy by March 2018.", "by March 2018"),
        ("The Council is committed to reducing carbon emissions from its buildings by 2030.", "by 2030"),
        ("This is due to be presented to Cabinet on 5th December 2016.", "5th December 2016"),
        ("The procurement exercise is due to commence in early December to enable a longer mobilisation "
         "period.", "early December"),
        ("Any non-compliant units are required a revisit within 10 working days.", "within 10 working days"),
        ("We plan to open two new family hubs.", None),
    ],
)
def test_commitment_due(text, due):
    ev = one(text)
    assert ev.kind == "commitment"
    assert ev.due == due


def test_work_programme_update_in_minutes():
    ev = one(
        "The scope of the task groups remit was broad and a further update would be added to the work "
        "programme for a meeting in Autumn 2017.",
        doc_type="minutes",
    )
    assert (ev.kind, ev.due) == ("commitment", "Autumn 2017")


def test_action_lines_have_owners():
    ev = one("**ACTION: Children's Services**", doc_type="minutes")
    assert (ev.kind, ev.owner, ev.text) == ("commitment", "Children's Services", "ACTION: Children's Services")
    ev = one("#### **ACTION: CEPAC / HWB**", doc_type="minutes")
    assert ev.owner == "CEPAC / HWB"
    ev = one("Action: Clerk to chase the Highways Authority about the footpath.", doc_type="minutes")
    assert ev.owner == "Clerk"


def test_council_will_owner_and_date():
    ev = one("The Council will introduce a new recycling service from April 2019.")
    assert (ev.kind, ev.owner, ev.due) == ("commitment", "The Council", "April 2019")


def test_targets():
    ev = one("- A 20% reduction in numbers of looked after children;")
    assert ev.kind == "commitment" and ev.text.startswith("A 20% reduction")
    # a percentage reported about the past is not a target
    assert find_events("The total number of children looked after has reduced between 2013/2014 and "
                       "2015/2016 (15% reduction overall).") == []


def test_plan_section_action_items():
    text = ("- Develop a comprehensive communications strategy for all Board activity.\n"
            "- Build upon progress and further develop an interactive LSCB website.\n")
    found = find_events(text, heading="LSCB PRIORITIES FOR 2016-17 > 2. Improving communication")
    assert [e.kind for e in found] == ["commitment", "commitment"]
    lead = "The actions to achieve this priority and outcome are as follows:\n\n" + text
    assert [e.kind for e in find_events(lead)] == ["commitment", "commitment"]
    assert find_events(text) == []  # an imperative list with no plan context is left alone


def test_timescale_table_rows():
    text = ("Activity\tMethod/purpose\tTimescale\n"
            "School based sessions to introduce new provider\tFace to face session held at schools.\tBy 21 July 2017\n"
            "Letter to parents with specific route information\tBy letter to inform them.\tJuly - August 2017\n")
    found = find_events(text)
    assert [(e.kind, e.due) for e in found] == [("commitment", "By 21 July 2017"), ("commitment", "July - August 2017")]


# --------------------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "text",
    [
        "Launched in October 2014, the programme covers our work with children and families in all areas of "
        "children's social care.",
        "The Clinical Practice Team received funding from the Partners in Practice (PiP) programme between "
        "2016/17 and 2019/20.",
        "This will enable the crucial work being undertaken by the Clinical Practice team to continue.",
        "Moving to a sovereign team integrated into the Children's Commissioning function will enable the "
        "service to be brought within the existing budget.",
        "This proposal was agreed by the DfE on 1 July 2016.",
        "I will move at the next meeting that the Council investigate the provision of additional parking.",
        "How will you understand the needs of our children and young people, parents and carers?",
        "However, any legal issues will be highlighted in any subsequent substantive reports on any of the "
        "items which are requested by the Committee.",
        "If you do not wish to approve the recommendations, or wish to make an alternative decision, it is "
        "important that you consult the report author.",
        "This report provides a brief overview of recent developments of relevance to the department.",
        "There are no equality implications arising from this report.",
        "Report author: Will Parsons - Strategic Lead, Children's Commissioning",
        "Ian Heggs introduced two officers to the Committee.",
        "N/A",
    ],
)
def test_not_events(text):
    assert find_events(text) == []


# --------------------------------------------------------------------------- mechanics



_pieces = st.one_of(
    st.sampled_from(list("abcdeWRTH .,;:\n\t-*#\u201c\u201d'()\u00a3%0123456789")),
    st.sampled_from(["will ", "RESOLVED ", "agreed ", "That ", "by March 2018 ", "ACTION: ", "Cllr. ",
                     "4.1 ", "be noted ", "\n\n", "- ", "<li>", "Proposed by "]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=120).map("".join))
def test_offsets_and_kinds_on_arbitrary_text(text):
    for e in find_events(text, doc_type="minutes"):
        assert text[e.start : e.end] == e.text
        assert e.kind in ("decision", "commitment")
        assert e.kind == "decision" or e.status is None


def test_sentence_splitting_and_offsets():
    text = ("4.3 Short courses (e.g. parenting theory) cost £0.578m and commenced in Sept. 2015 with Cllr. "
            "Smith's support. All practitioners will complete these courses by January 2017. We will also "
            "review the offer, i.e. its content, by March 2018.")
    found = find_events(text)
    assert [e.text for e in found] == [
        "All practitioners will complete these courses by January 2017.",
        "We will also review the offer, i.e. its content, by March 2018.",
    ]
    for e in found:
        assert text[e.start : e.end] == e.text


def test_passage_kinds_and_empty():
    text = "RESOLVED: That the report be noted.\n\nACTION: Children's Services\n"
    assert passage_kinds(text, doc_type="minutes") == ["commitment", "decision"]
    assert passage_kinds("") == [] and find_events("   \n") == []


def test_patterns_are_data_loaded_once():
    raw = ev_mod.DATA_FILE.read_text(encoding="utf-8").splitlines()
    lines = [json.loads(x) for x in raw if x.strip() and not x.startswith("//")]
    assert {"decision", "commitment", "veto", "due"} <= {x["type"] for x in lines}
    assert ev_mod._rules() is ev_mod._rules()
    src = Path(ev_mod.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(?:import|from)\s+spacy", src, re.M)


def test_prefilter_never_hides_a_match():
    # each rule is searched only when the sentence has one of its literals (and a digit, if
    # every match has one): on every sentence of the bundled papers, also in capitals and
    # with the non-ASCII letters that match ASCII ones ignoring case, no match may be skipped
    rules = [r for rs in ev_mod._rules().by_type.values() for r in rs]
    assert sum(r.need is not None for r in rules) > len(rules) // 2
    texts = set()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for b in ev_mod._blocks(text):
            texts.update(text[s:e] for s, e, _ in ev_mod._sentences(text, b.start, b.end, b.marker))
    some = sorted(texts)[::4]
    texts.update([t.upper() for t in some] + [t.replace("i", "\u0130").replace("s", "\u017f") for t in some])
    for t in texts:
        fold = ev_mod._fold(t)
        for r in rules:
            if not r.may_match(fold):
                assert not r.regex.search(t), (r.id, t)


# --------------------------------------------------------------------------- corpus recall

_HEADING_RE = re.compile(
    r"^\s*(?:#{1,6}\s+.+|\*\*[^*]+\*\*\s*|<b>[^<]+</b>\s*|\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z][A-Z0-9 ,&'’()/:-]{3,}|[A-Z][A-Z0-9 ,&'’()/-]{3,})$"
)
_LIST_RE = re.compile(r"^\s*(?:[-*•➤]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-z]\)\s)")


def _is_heading(par: str) -> bool:
    if "\n" in par.strip() or "\t" in par or re.search(r"(?i)\baction\s*:", par):
        return False
    line = par.strip()
    if line.endswith((":", ".", ";")) or len(line) > 140:
        return False
    if _HEADING_RE.match(line):
        return True
    words = line.split()
    return len(words) <= 8 and line[:1].isupper() and not line.endswith(("!", "?"))


def _clean(h: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>|[*#]", " ", h)).strip()


def corpus_events(path: Path) -> list[tuple[int, int, Event]]:
    """Run find_events over a paper paragraph by paragraph; (first line, last line, event)."""
    text = path.read_text(encoding="utf-8")
    pars: list[tuple[int, int]] = []  # char spans of paragraphs
    for m in re.finditer(r"(?:[^\n]*\S[^\n]*\n?)+", text):
        pars.append((m.start(), m.end()))
    out = []
    top = ""  # last markdown '#'/'##' heading (or numbered ALL-CAPS heading)
    near = ""  # nearest heading-like line
    doc_type = "report"
    k = 0
    while k < len(pars):
        s, e = pars[k]
        par = text[s:e]
        if _is_heading(par):
            h = _clean(par)
            if re.match(r"^\s*#\s", par):
                doc_type = "minutes" if "minutes" in h.lower() else "report"
            if re.match(r"^\s*#{1,2}\s", par) or re.match(r"^\d{1,2}\.?\s+[A-Z]{3}", h):
                top, near = h, ""
            else:
                near = h
            k += 1
            continue
        # a lead-in ending with ':' travels with the list paragraphs that follow it
        j = k
        while par.rstrip().endswith(":") and j + 1 < len(pars) and _LIST_RE.match(text[pars[j + 1][0] : pars[j + 1][1]]):
            j += 1
            e = pars[j][1]
            par = text[s:e]
        heading = " > ".join(x for x in (top, near) if x)
        line0 = text.count("\n", 0, s) + 1
        for ev in find_events(par, heading=heading, doc_type=doc_type):
            a = line0 + par.count("\n", 0, ev.start)
            b = line0 + par.count("\n", 0, ev.end)
            out.append((a, b, ev))
        k = j + 1
    return out


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"<[^>]+>", "", s).replace("*", "")
    return re.sub(r"\s+", " ", s).strip().lower()


def evaluate() -> dict:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["items"]
    found = {p.name: corpus_events(p) for p in sorted(CORPUS.glob("*.txt"))}
    used: set[tuple[str, int]] = set()
    matched: list[tuple[dict, Event]] = []
    missed: list[dict] = []
    for g in gold:
        best = None
        for idx, (a, b, ev) in enumerate(found[g["file"]]):
            if (g["file"], idx) in used or ev.kind != g["kind"]:
                continue
            if a - 3 <= g["line"] <= b + 3 and _norm(g["match"]) in _norm(ev.text):
                dist = abs(a - g["line"])
                if best is None or dist < best[0]:
                    best = (dist, idx, ev)
        if best is None:
            missed.append(g)
        else:
            used.add((g["file"], best[1]))
            matched.append((g, best[2]))
    total = sum(len(v) for v in found.values())
    extra = [(f, a, ev) for f, evs in found.items() for i, (a, _b, ev) in enumerate(evs) if (f, i) not in used]
    attrs = [(key, g[key], getattr(ev, key)) for g, ev in matched for key in ("status", "due", "owner") if key in g]
    return {
        "gold": gold, "matched": matched, "missed": missed, "extra": extra, "found": total,
        "recall": len(matched) / len(gold), "precision_vs_gold": len(matched) / max(total, 1),
        "attrs": attrs,
    }


@pytest.fixture(scope="module")
def corpus_eval():
    return evaluate()


def test_gold_file_is_well_formed():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert gold["guidelines"]
    for g in gold["items"]:
        assert g["kind"] in ("decision", "commitment")
        lines = (CORPUS / g["file"]).read_text(encoding="utf-8").split("\n")
        window = _norm(" ".join(lines[max(0, g["line"] - 3) : g["line"] + 2]))
        assert _norm(g["match"]) in window, g


# Measured on the gold (tests/annotations/events_gold.json): 346 of 352 found (recall
# 0.983; decisions 43/43, commitments 303/309), 402 found in all (precision 0.861), status,
# due and owner right 76/76. Finding events is deterministic, so the margin is not for
# noise: it is one event (one more missed, or one more found outside the gold); more
# than that is a regression.
def test_corpus_recall(corpus_eval):
    r = corpus_eval
    missed = [(g["file"][:3], g["line"], g["kind"], g["match"][:60]) for g in r["missed"]]
    assert len(r["gold"]) == 352
    assert len(r["matched"]) >= 346 - 1, (r["recall"], missed)
    for kind, found in (("decision", 43), ("commitment", 303)):
        hit_k = [g for g, _ in r["matched"] if g["kind"] == kind]
        assert len(hit_k) >= found - 1, (kind, len(hit_k), missed)


def test_corpus_attributes(corpus_eval):
    attrs = corpus_eval["attrs"]
    right = [a for a in attrs if a[1] == a[2]]
    assert len(attrs) >= 76 - 1 and len(attrs) - len(right) <= 1, [a for a in attrs if a[1] != a[2]]


def test_corpus_precision_floor(corpus_eval):
    # Found events not in the gold set count as false positives here (a lower bound on
    # precision: some of them are genuine events the annotation left out). 0.861
    # measured; one more false find, or one fewer match, is 0.856 at worst.
    assert corpus_eval["precision_vs_gold"] >= 345 / 403, (corpus_eval["precision_vs_gold"], corpus_eval["found"])


def test_corpus_offsets(corpus_eval):
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for par in re.split(r"\n\s*\n", text):
            for ev in find_events(par):
                assert par[ev.start : ev.end] == ev.text


if __name__ == "__main__":  # pragma: no cover - manual report
    r = evaluate()
    print(f"gold={len(r['gold'])} found={r['found']} matched={len(r['matched'])} "
          f"recall={r['recall']:.3f} precision_vs_gold={r['precision_vs_gold']:.3f}")
    for g in r["missed"]:
        print("MISS", g["file"][:3], g["line"], g["kind"], g["match"][:80])
    for key, want, got in r["attrs"]:
        if want != got:
            print("ATTR", key, repr(want), repr(got))
