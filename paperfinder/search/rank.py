"""The order of a free-text search's top candidates, as a fitted linear score.

For each of the first ``RERANK_DEPTH`` candidates, ``search.service`` measures what the
re-ranking knew by hand (the engine's score, the share of the query's IDF weight the passage
holds, how close together the words are) and a few cheap quantities more, from the tokens it
analyses anyway: the share held by the text, the title and the heading on their own, adjacent
query pairs found adjacent, the passage's length, its section and document type. Those are
:class:`RankFeatures`. ``bench/fit_rank.py`` runs the searches of the development parts of
the query and question sets, labels the candidate holding the gold quote, and fits a pairwise
logistic regression on :meth:`RankFeatures.vector` (the gold passage above each other
candidate); the weights are kept in ``data/rank_model.json`` with the feature names, the
counts trained on and the cross-validated figures. At run time a candidate's score is
``w . x`` computed here in plain Python, and the candidates are sorted by it. The question
reader re-ranks by ``data/rank_model_answers.json``, the hand-set order written in this form.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from paperfinder.datafiles import data_text, fitted_weights

__all__ = ["RankFeatures", "RankModel", "MODEL_FILE", "MODELS", "SECTION_TYPES", "DOC_TYPES", "load_model",
           "model_from_dict"]

MODEL_FILE = "rank_model.json"
# the search command's order is the fitted model; ask re-ranks its passages by the hand-set
# order its confidence and candidate scores were set on (the fitted one cost it answers)
MODELS = {"search": MODEL_FILE, "answers": "rank_model_answers.json"}
_FLOOR = 1e-3  # a share of 0 is as bad as this: its log stays finite
# the kinds a feature says a passage is of (the others are the baseline); the commonest of the indexed papers'
SECTION_TYPES = ("appendix", "financial", "reasons", "background", "proposal", "recommendations")
DOC_TYPES = ("minutes", "report", "agenda", "committee_report")
SHORT = 12  # a passage of fewer tokens than this is a heading or a line of a list


@dataclass(frozen=True)
class RankFeatures:
    """What the re-ranking measures of one candidate for one query."""

    engine: float  # the engine's score over the best engine score among the candidates, (0, 1]
    engine_rank: int  # 0-based place in the engine's order
    share: float  # share of the query's IDF weight held by the text, title or heading (equivalents count)
    share_text: float  # ... by the text alone
    share_title: float  # ... by the document's title alone
    share_section: float  # ... by the heading path alone
    near: float  # the words held in the text, and how close: (held/words) * min(1, (held+2)/window); 0 if < 2
    pairs: float  # share of the query's adjacent word pairs that stand adjacent in the text
    tokens: int  # analysed tokens of the text
    section_type: str
    doc_type: str

    def vector(self) -> dict[str, float]:
        """Every candidate feature by name; the model uses the ones it was fitted with."""

        def log(x: float) -> float:
            return math.log(max(_FLOOR, x))

        out = {
            "log_engine": log(self.engine),
            "log_rank": math.log1p(self.engine_rank),
            "log_share": log(self.share),
            # the hand-set proximity factor of the ranking before this model: 1 + 0.6 * near
            "log_near": math.log1p(0.6 * self.near),
            "share_text": self.share_text,
            "share_title": self.share_title,
            "share_section": self.share_section,
            "all_held": float(self.share >= 0.999),
            "pairs": self.pairs,
            "log_tokens": math.log1p(self.tokens),
            "short": float(self.tokens < SHORT),
        }
        for t in SECTION_TYPES:
            out["section_" + t] = float(self.section_type == t)
        for t in DOC_TYPES:
            out["doc_" + t] = float(self.doc_type == t)
        return out


@dataclass(frozen=True)
class RankModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]

    def score(self, f: RankFeatures) -> float:
        x = f.vector()
        return sum(w * x[name] for name, w in zip(self.features, self.weights))


def model_from_dict(d: dict, name: str = MODEL_FILE) -> RankModel:
    feats, weights = fitted_weights(d, name)
    return RankModel(features=feats, weights=weights)


@lru_cache(maxsize=None)
def load_model(ranking: str = "search") -> RankModel:
    """The re-ranking model named ``ranking`` (a key of ``MODELS``)."""
    return model_from_dict(json.loads(data_text(MODELS[ranking])), MODELS[ranking])
