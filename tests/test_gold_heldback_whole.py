"""questions4.jsonl and queries3.jsonl are held back whole (issue 15): every line is ``test``, so no
fitting script (they read ``split == "dev"`` lines only) can learn from them, and the eval script's
query-kind table covers the new ids."""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
sys.path.insert(0, str(ROOT / "bench"))


def _lines(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_questions4_is_test_only_with_its_counts():
    qs = _lines("questions4.jsonl")
    assert Counter(q["split"] for q in qs) == {"test": 140}
    assert [q["id"] for q in qs] == [f"u{i:03d}" for i in range(1, 141)]
    nulls = [q for q in qs if q["answer"] is None]
    assert len(nulls) == 22
    assert all(q["file"] is None and q["quote"] is None for q in nulls)
    assert Counter(q["answer_type"] for q in qs if q["answer"] is not None) == {
        "money": 34, "person": 30, "date": 19, "text": 18, "number": 17}
    # at most three questions per paper, quotes 8-25 words
    assert max(Counter(q["file"] for q in qs if q["file"]).values()) == 3
    assert all(8 <= len(q["quote"].split()) <= 25 for q in qs if q["quote"])


def test_queries3_is_test_only_and_every_kind_is_tabled():
    from eval_corpus_dev import query_kinds

    qq = _lines("queries3.jsonl")
    assert Counter(q["split"] for q in qq) == {"test": 47}
    kinds = query_kinds(GOLD)
    assert Counter(kinds[q["id"]] for q in qq) == {
        "paraphrase": 17, "person / place / organisation name": 13, "filters": 8,
        "abbreviation": 3, "typo": 3, "exact wording": 3}
    assert kinds["v022"] == "abbreviation"


def test_fit_confidence_reads_dev_lines_only():
    # the fitting script selects its rows by this exact filter; a held-back-whole set yields none
    source = (ROOT / "bench" / "fit_confidence.py").read_text(encoding="utf-8")
    assert 'if q["split"] == "dev"' in source
    assert [q for q in _lines("questions4.jsonl") if q["split"] == "dev"] == []
