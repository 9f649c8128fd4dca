"""The ranking model (issue 15): the weights file, the features it names, and the order it gives
real papers on both backends.

The papers are copies in tests/fixtures/rank/ (Wretton's and Wye Valley's minutes of corpus-dev);
the queries and the passages answering them are development-part gold queries (queries.jsonl
s055, s085; queries2.jsonl t024), found by reading.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from paperfinder.datafiles import data_text
from paperfinder.index.build import index_paths
from paperfinder.search import rank, syntax
from paperfinder.search.backend import backend_for
from paperfinder.search.service import _rank_features, search

HERE = Path(__file__).parent / "fixtures" / "rank"
MODEL = json.loads(data_text(rank.MODEL_FILE))
ALCOHOL = ("Old Station alcohol licence appeal magistrates", "wye_valley_cc_minutes_2022-03-28.txt",
           "alcohol license heard at Gwent Magistrates Court")
QUERIES = [
    ("red phone box purchase Field Lane", "parish_wretton_annual_minutes_2008-05-12.md",
     "purchasing the telephone box in Field Lane"),
    ALCOHOL,
    ("off road motorbikes and 4x4s on green lanes meeting with council officers", "wye_valley_cc_minutes_2021-07-26.txt",
     "scrambler bikes and 4x4 vehicles"),
]


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def index(request, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("rank-" + request.param) / "index"
    index_paths([str(HERE)], str(out), backend=request.param)
    return str(out)


def _rank(index_dir: str, query: str, paper: str, quote: str, **kw) -> int | None:
    hits = search(query, index_dir, limit=10, where_else=False, **kw).hits
    return next((i for i, h in enumerate(hits, start=1)
                 if Path(h.source).name == paper and quote in " ".join(h.text.split())), None)


def _features(**kw) -> rank.RankFeatures:
    base = dict(engine=1.0, engine_rank=0, share=1.0, share_text=1.0, share_title=0.0, share_section=0.0, near=1.0,
                pairs=0.0, tokens=100, section_type="other", doc_type="minutes")
    base.update(kw)
    return rank.RankFeatures(**base)  # type: ignore[arg-type]


def test_the_model_file_names_features_the_ranking_computes():
    model = rank.load_model()
    assert list(model.features) == MODEL["features"] and len(model.weights) == len(model.features)
    assert set(model.features) <= set(_features().vector())
    assert all(math.isfinite(w) for w in model.weights)


def test_a_model_whose_weights_do_not_match_its_features_is_refused():
    with pytest.raises(ValueError, match="2 features but 1 weights"):
        rank.model_from_dict({"features": ["log_engine", "log_share"], "weights": [1.0]})


def test_ask_reranks_by_the_hand_set_ranking():
    # engine score x share^1.5 x (1 + 0.6 near), in logs: the fitted model cost ask answers (README, issue 15)
    f = _features(engine=0.5, share=0.8, near=0.5)
    assert rank.load_model("answers").score(f) == pytest.approx(math.log(0.5) + 1.5 * math.log(0.8) + math.log(1.3))


def test_search_ranks_by_the_fitted_model_and_ask_does_not():
    fitted, hand = rank.load_model("search"), rank.load_model("answers")
    assert fitted.features == tuple(MODEL["features"]) and fitted != hand
    # a passage holding the query's words in its text ranks above one holding them in its title only,
    # by the fitted weights (the hand-set ones count a share from either alike)
    in_text = _features(share=1.0, share_text=1.0, share_title=0.0)
    in_title = _features(share=1.0, share_text=0.0, share_title=1.0, near=0.0)
    assert fitted.score(in_text) > fitted.score(in_title)


def test_the_features_of_a_passage_are_read_from_its_tokens(index):
    # no passage holds every word ("licence" / "license"): the passages holding some are the candidates
    be = backend_for(index)
    query = ALCOHOL[0]
    words = list(dict.fromkeys(be.analyse(query)))
    assert words == ["old", "station", "alcohol", "licenc", "appeal", "magistr"]
    _total, raw, _counts = be.run_query(syntax.parse(query, any_word=True, stop_words=be.stop_words()), limit=100)
    feats = _rank_features(be, raw, query, words)
    f = next(f for r, f in zip(raw, feats)
             if Path(r.fields["source"]).name == ALCOHOL[1] and ALCOHOL[2] in " ".join(r.fields["text"].split()))
    # the engine puts it second; it holds the rarer words, closer together
    assert f.engine_rank == 1 and f.engine < 1.0
    assert f.share == pytest.approx(0.778, abs=1e-3) and f.share_text == f.share
    assert f.share_title == 0.0 and f.share_section == 0.0
    assert f.near == pytest.approx(0.4167, abs=1e-4) and f.pairs == pytest.approx(0.2)
    assert (f.tokens, f.section_type, f.doc_type) == (345, "other", "minutes")


def test_the_ranking_lifts_the_passage_holding_the_rare_words_close_together_to_first(index):
    query, paper, quote = ALCOHOL
    assert _rank(index, query, paper, quote, rerank=0) == 2  # the engine's own order
    assert _rank(index, query, paper, quote) == 1


@pytest.mark.parametrize(("query", "paper", "quote"), QUERIES)
def test_the_passage_a_dev_query_wants_is_first(index, query, paper, quote):
    assert _rank(index, query, paper, quote) == 1


def test_the_two_backends_give_the_same_order(tmp_path_factory):
    firsts = {}
    for backend in ("whoosh", "tantivy"):
        out = tmp_path_factory.mktemp("rank-both-" + backend) / "index"
        index_paths([str(HERE)], str(out), backend=backend)
        firsts[backend] = [[h.passage_id for h in search(q, str(out), limit=3, where_else=False).hits] for q, _p, _t in QUERIES]
    assert firsts["whoosh"] == firsts["tantivy"]
    assert all(ids[0].startswith(Path(paper).stem + "-") for ids, (_q, paper, _t) in zip(firsts["whoosh"], QUERIES))
