"""Spelling suggestions from the index's own words, and fuzzy words bounded in number and time."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import query

from paperfinder.backends.whoosh.reading import _reading, per_generation
from paperfinder.backends.whoosh.schema import analyse, analyse_word
from paperfinder.backends.whoosh.store import guarded_read


def correct_words(index_dir: str | Path, words: list[str]) -> dict[str, str]:
    """Words found in no passage -> an indexed word (``search.spelling``'s rule: one edit
    from the word as typed, else within one or two edits of its stem), spelled as the papers spell it.

    Works on the stemmed body terms (no second, unstemmed word list to index).
    """
    from paperfinder.search.spelling import needs_correction, one_edit_stem, searched_near

    r = _reading(index_dir)
    out: dict[str, str] = {}
    with guarded_read(index_dir):
        s = r.searcher
        reader = r.reader

        def doc_freq(term: str) -> int:
            return reader.doc_frequency("text", term)

        for w in words:
            lw = w.lower()
            stem = needs_correction(w, analyse, doc_freq)
            if stem is None:
                continue
            best = one_edit_stem(w, analyse_word, doc_freq)
            if best is None and searched_near(w):
                cands = [c.decode() if isinstance(c, bytes) else c for c in reader.terms_within("text", stem, 2 if len(stem) > 5 else 1, prefix=1)]
                if not cands:
                    continue
                best = max(cands, key=lambda t: (doc_freq(t), -abs(len(t) - len(stem))))
            if best is None:
                continue
            out[w] = _surface(s, best, lw)
    return out


def _surface(searcher, stem: str, near: str) -> str:
    """The word the papers write for a stem, spelled closest to what was typed."""
    from itertools import islice

    from rapidfuzz import fuzz

    stems: dict[str, bool] = {}  # the same words recur in every passage: analyse each once

    def stems_to(w: str) -> bool:
        hit = stems.get(w)
        if hit is None:
            hit = stems[w] = analyse(w) == [stem]
        return hit

    forms: set[str] = set()
    for docnum in islice(searcher.reader().postings("text", stem).all_ids(), 20):
        text = searcher.stored_fields(docnum).get("text", "")
        forms.update(w for w in {t.lower() for t in re.findall(r"[A-Za-z]+", text)} if stems_to(w))
    return max(forms, key=lambda f: fuzz.ratio(f, near)) if forms else stem




FUZZY_MAX_DISTANCE = 2  # word~N: at most 2 edits, whatever N
FUZZY_MAX_TERMS = 50  # the words one fuzzy term stands for at most: the nearest, then the most frequent
FUZZY_SECONDS = 1.0  # time for expanding all fuzzy terms of a query; past it a fuzzy term is its word only


def _bounded_fuzzy(ix_dir: str | Path, q):
    """``q`` with each fuzzy term (``word~2``) replaced by the indexed words it stands
    for, capped: whoosh expands one by walking the whole term list in Python (about
    1.4 s a term on 5,000 passages, without limit); here the words are found in the
    field's term list with rapidfuzz, within FUZZY_MAX_TERMS and FUZZY_SECONDS."""
    if not _has_fuzzy(q):
        return q
    import time

    deadline = time.monotonic() + FUZZY_SECONDS

    def bounded(node):
        if isinstance(node, query.FuzzyTerm):
            words = _fuzzy_words(ix_dir, node) if time.monotonic() < deadline else []
            words = words or [node.text]
            return query.Or([query.Term(node.fieldname, w) for w in words], boost=node.boost)
        return node.apply(bounded)

    return bounded(q)


def _has_fuzzy(q) -> bool:
    return isinstance(q, query.FuzzyTerm) or any(_has_fuzzy(c) for c in q.children())


def _fuzzy_words(ix_dir: str | Path, node) -> list[str]:
    """Indexed words of the node's field within its edit distance (capped), nearest first."""
    from bisect import bisect_left

    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    r = _reading(ix_dir)
    field = node.fieldname
    words = per_generation(ix_dir, f"terms:{field}", lambda: sorted(
        t.decode("utf-8") if isinstance(t, bytes) else t for t in r.reader.lexicon(field)
    ) if field in r.reader.indexed_field_names() else [])
    text = node.text.lower()
    prefix = text[:node.prefixlength]
    if prefix:
        words = words[bisect_left(words, prefix):bisect_left(words, prefix + "\U0010ffff")]
    maxdist = min(int(node.maxdist), FUZZY_MAX_DISTANCE)
    found = process.extract(text, words, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None)
    found.sort(key=lambda m: (m[1], -r.reader.doc_frequency(field, m[0])))
    return [w for w, _dist, _i in found[:FUZZY_MAX_TERMS]]
