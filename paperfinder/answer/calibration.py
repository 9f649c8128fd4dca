"""The confidence of an answer as a fitted probability of being right.

The reader (``answer.reader``) measures, for its best candidate, how well the answering
unit holds the question and how the span sits in it: the quantities of
:class:`ConfidenceFeatures`. Their hand-set product (``reader._confidence``, then the crowded
sentence and ``answer.doubts``) is one of them. ``bench/fit_confidence.py`` runs the reader
over the development parts of the question sets, labels each best answer right or wrong,
and fits a logistic regression on :meth:`ConfidenceFeatures.vector`; the weights are kept in
``data/confidence_model.json`` with the feature names, the counts trained on and the
cross-validated figures. At run time the confidence is ``sigmoid(w . x + b)`` computed here
in plain Python: one definition of the features serves the fit and the reader.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from paperfinder.datafiles import data_text, fitted_weights

__all__ = ["ConfidenceFeatures", "ConfidenceModel", "ANSWER_TYPES", "MODEL_FILE", "load_model", "fitted_confidence"]

MODEL_FILE = "confidence_model.json"
ANSWER_TYPES = ("money", "date", "number", "person", "text")
_FLOOR = 1e-3  # a factor of 0 (no coverage, no nearness) is as bad as this: its log stays finite


@dataclass(frozen=True)
class ConfidenceFeatures:
    """What the reader knows of its best candidate when it weighs it (see ``reader._confidence``)."""

    answer_type: str
    coverage: float  # share of the question's weighted terms the answering unit covers
    near: float  # closeness of the span to the matched terms, [0, 1]
    fit: float  # type-specific fitness (table column, counted noun, statement ...)
    role: float  # person questions naming a post: share of its words stated for this name (1 otherwise)
    role_asked: bool  # a person question naming a post
    plausible: bool  # person: something marks the name as a person's
    counts_other: bool  # the number counts another noun than the one asked about
    period_end: bool  # a period's end date for a question about an event
    other_period: bool  # the unit states other financial years than the one asked about
    lacks_top: bool  # the unit lacks the question's most specific word(s)
    support: float  # other units stating the same value, relative to the best's score
    ratio: float  # best rival value's score over the best's (rivals in the same table left out)
    unnamed: int  # names in the question that neither the sentence nor its paper mentions
    hit_rank: int  # 0-based rank of the passage holding the answer
    crowded: bool  # a sentence holding several values of the kind asked
    doubt: float  # product of ``answer.doubts`` costs (1 when none)
    is_row: bool  # the answer is a table cell
    sentence_question: bool  # "what was decided ...", "why ...": the answer is a sentence
    hand: float  # the hand-set confidence (all of the above multiplied by round factors)
    doc_type: str = ""  # the answering paper's type (minutes, report, agenda ...)
    names_asked: int = 0  # names in the question (places, bodies, people): how specific it is
    year_asked: bool = False  # the question names a year or a date
    year_fits: bool = False  # ... and the answering paper is dated that year (or the year after, a financial year's)
    span_words: int = 0  # words in the answer span

    def vector(self) -> dict[str, float]:
        """Every candidate feature by name; the model uses the ones it was fitted with."""
        def log(x: float) -> float:
            return math.log(max(_FLOOR, x))

        out = {
            "log_hand": log(self.hand),
            "log_coverage": log(self.coverage),
            "near": self.near,
            "log_fit": log(min(self.fit, 1.5)),
            "log_role": log(self.role) if self.role_asked else 0.0,
            "implausible": float(not self.plausible),
            "counts_other": float(self.counts_other),
            "period_end": float(self.period_end),
            "other_period": float(self.other_period),
            "lacks_top": float(self.lacks_top),
            "support": min(self.support, 1.0),
            "ratio": min(self.ratio, 1.0),
            "close_rival": max(0.0, min(self.ratio, 1.0) - 0.7),
            "unnamed": float(min(self.unnamed, 2)),
            "far": float(self.hit_rank >= 9),
            "log_rank": math.log1p(self.hit_rank),
            "crowded": float(self.crowded),
            "log_doubt": log(self.doubt),
            "is_row": float(self.is_row),
            "sentence_question": float(self.sentence_question),
        }
        for t in ANSWER_TYPES:
            out["type_" + t] = float(self.answer_type == t)
        out.update({
            "doc_minutes": float(self.doc_type == "minutes"),
            "doc_report": float(self.doc_type in ("report", "committee_report")),
            "doc_agenda": float(self.doc_type in ("agenda", "agenda_pack_item")),
            "log_names": math.log1p(self.names_asked),
            "year_fits": float(self.year_asked and self.year_fits),
            "year_missed": float(self.year_asked and not self.year_fits),
            "log_span": math.log1p(self.span_words),
            # one word for a person ("John", "Burton") is most often part of a name or another word
            "person_one_word": float(self.answer_type == "person" and self.span_words <= 1),
            "text_one_word": float(self.answer_type == "text" and self.span_words <= 1),
            "rival_at_90": float(self.ratio >= 0.9),  # a rival value nearly as strong: a coin toss
        })
        # how much coverage, nearness and the hand-set product say differs by the kind of answer asked for
        for t in ANSWER_TYPES[:4]:
            for name in ("log_coverage", "near", "log_hand"):
                out[f"{t}_x_{name}"] = out["type_" + t] * out[name]
        return out


@dataclass(frozen=True)
class ConfidenceModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # below it the reader gives no answer (chosen with the fit: bench/fit_confidence.py)

    def probability(self, f: ConfidenceFeatures) -> float:
        x = f.vector()
        z = self.bias + sum(w * x[name] for name, w in zip(self.features, self.weights))
        # numerically stable either side of 0
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


def model_from_dict(d: dict) -> ConfidenceModel:
    feats, weights = fitted_weights(d, MODEL_FILE)
    return ConfidenceModel(features=feats, weights=weights, bias=float(d["bias"]), threshold=float(d["threshold"]))


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel:
    return model_from_dict(json.loads(data_text(MODEL_FILE)))


def fitted_confidence(f: ConfidenceFeatures) -> float:
    """The fitted probability that the answer is right, in [0, 1]."""
    return load_model().probability(f)
