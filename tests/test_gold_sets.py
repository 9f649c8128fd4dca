"""bench/gold_sets.toml lists every gold set once, with the kind its script scores, so
``bench/eval_all.py`` scores a new gold as soon as its texts are present."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

def _kind(name: str) -> str | None:
    """A gold file's kind, from its name."""
    if name.endswith("metadata.jsonl"):
        return "metadata"
    if name.startswith("questions"):
        return "answers"
    if name.startswith("queries"):
        return "queries"
    if name.startswith("registers"):
        return "registers"
    return None


def test_every_gold_file_is_listed_once_with_its_kind():
    from eval_all import load_sets

    sets = load_sets(ROOT / "bench" / "gold_sets.toml")
    listed = {Path(s["gold"]).name: s["kind"] for s in sets if s["kind"] != "bundled"}
    assert len(listed) == len([s for s in sets if s["kind"] != "bundled"]), "a gold listed twice"
    on_disk = {p.name: _kind(p.name) for p in (ROOT / "tests" / "gold").glob("*.jsonl") if _kind(p.name)}
    assert listed == on_disk
    assert all((ROOT / s["gold"]).is_file() for s in sets)


def test_corpus_dev_sets_read_the_shared_corpus_and_held_back_wholes_are_marked():
    from eval_all import CORPUS_DEV, load_sets, texts_of

    sets = {s["name"]: s for s in load_sets(ROOT / "bench" / "gold_sets.toml")}
    assert texts_of(sets["questions4"], Path("/nowhere")) == CORPUS_DEV
    assert texts_of(sets["bundled"], Path("/nowhere")) == ROOT / "corpus"
    assert texts_of(sets["outside13"], Path("/texts")) == Path("/texts/outside13")
    # a register gold whose lines name their folder is looked for by its first line's
    assert texts_of(sets["registers2"], Path("/texts")) == Path("/texts/questions8")
    assert sorted(n for n, s in sets.items() if s.get("held_back_whole")) == ["outside9", "queries3", "questions4", "registers2"]
