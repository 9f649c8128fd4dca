"""BM25F as whoosh scores it, and the numpy scorer that scores every match of a query at once."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import query
    from whoosh.scoring import BM25F

from paperfinder.backends.whoosh.matching import _phrase_docs

if TYPE_CHECKING:  # the reading state holds a scorer and matches sets: imported for types only
    from paperfinder.backends.whoosh.reading import _Reading



class _Weighting(BM25F):
    """BM25F, reading field lengths from a list per segment and field.

    whoosh looks each scored document's field length up through five Python
    calls; the lengths (one byte each in the index) are decoded once per
    segment into a list instead. Scores are unchanged.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lengths: dict[tuple[int, str], list] = {}

    def scorer(self, searcher, fieldname, text, qf=1):
        from whoosh.scoring import BM25FScorer

        sc = super().scorer(searcher, fieldname, text, qf=qf)
        if type(sc) is BM25FScorer:
            lengths = self._field_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                sc.dfl = lengths.__getitem__
                sc.__class__ = _InlineBM25FScorer
        return sc

    def _field_lengths(self, reader, fieldname: str) -> list | None:
        key = (id(reader), fieldname)
        if key not in self._lengths:
            self._lengths[key] = _read_lengths(reader, fieldname)
        return self._lengths[key]


def _inline_scorer_class():
    from whoosh.scoring import BM25FScorer

    class InlineBM25FScorer(BM25FScorer):
        """whoosh's ``bm25()`` written out in ``score``: two calls fewer per scored posting, same arithmetic."""

        def score(self, matcher):
            tf = matcher.weight()
            fl = self.dfl(matcher.id())
            K1, B = self.K1, self.B
            return self.idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / self.avgfl)))

    return InlineBM25FScorer


_InlineBM25FScorer = _inline_scorer_class()


def _read_lengths(reader, fieldname: str) -> list | None:
    """What whoosh's ``doc_field_length(docnum, fieldname, 1)`` gives for each document of a segment."""
    from whoosh.codec import whoosh3

    perdoc = getattr(reader, "_perdoc", None)
    if type(perdoc) is not whoosh3.W3PerDocReader:
        return None
    return _perdoc_lengths(perdoc, fieldname)


def _perdoc_lengths(perdoc, fieldname: str) -> list | None:
    """A field's length of each document, as a segment's per-document reader gives it
    (None for a zero byte, as whoosh answers); None when the field has no lengths."""
    from whoosh.codec import whoosh3
    from whoosh.columns import NumericColumn
    from whoosh.util.numeric import byte_to_length

    col = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if col is None:
        return None
    table = [None] + [byte_to_length(b) for b in range(1, 256)]
    if type(col) is not NumericColumn.Reader or col._fixedlen != 1:
        return [table[b] for b in col]
    # one read of the column's bytes; whoosh leaves trailing defaults out
    lengths = list(map(table.__getitem__, col._dbfile.get(col._basepos, col._count)))
    lengths.extend([table[col._default]] * (col._doccount - len(lengths)))
    return lengths




class _Unsupported(Exception):
    pass




def _scored_in_arrays(r: _Reading, q, allow, copies, limit: int, facets):
    """Score every match at once with numpy: (total, whoosh Results of the top ``limit``,
    matching document numbers), or None for queries this does not cover.

    whoosh scores matches one at a time in Python, and its block-skipping
    shortcut cannot skip much when a word is in most passages. Here the
    matcher tree whoosh builds is walked instead: each term's postings are
    decoded block by block into arrays and scored with the same BM25F
    arithmetic, and unions and intersections add scores in the order whoosh's
    tree adds them, so scores are the same to the last bit. Top hits are
    ordered as whoosh orders them: score, then document number.
    """
    import numpy as np  # a dependency; imported on the first scored query, not at start-up
    from whoosh.searching import Results

    s = r.searcher
    n_all = s.doc_count_all()
    scores = np.zeros(n_all)
    matched = np.zeros(n_all, dtype=bool)
    keep = None
    if allow is not None:
        keep = np.zeros(n_all, dtype=bool)
        if allow:
            keep[np.fromiter(allow, dtype=np.int64, count=len(allow))] = True
    try:
        for sub, offset in s.leaf_searchers():
            m = q.matcher(sub, s.context())
            n = sub.doc_count_all()
            # a filter's few documents spare phrases reading positions everywhere else
            within = None
            if keep is not None and len(allow) < n_all // 4:
                within = np.flatnonzero(keep[offset:offset + n])
            sc, mt = _dense(m, n, np, r, sub.reader(), within)
            scores[offset:offset + n] = sc
            matched[offset:offset + n] = mt
    except _Unsupported:
        return None
    if keep is not None:
        matched &= keep
    elif copies:
        matched &= ~_copies_array(r, np, n_all)
    cand = np.flatnonzero(matched)
    cs = scores[cand]
    k = min(limit, len(cand))
    if k < len(cand):
        # the k-th best score, then every candidate at least as good (ties at the edge included)
        kth = np.partition(cs, len(cs) - k)[len(cs) - k]
        pick = cs >= kth
        top_docs, top_scores = cand[pick], cs[pick]
    else:
        top_docs, top_scores = cand, cs
    order = np.lexsort((top_docs, -top_scores))[:k]
    top_n = [(float(top_scores[i]), int(top_docs[i])) for i in order]
    return len(cand), Results(s, q, top_n), (cand if facets else None)


def _copies_array(r: _Reading, np, n_all: int):
    arr = r.derived.get("copies_array")
    if arr is None or len(arr) != n_all:
        arr = np.zeros(n_all, dtype=bool)
        copies = r.copies()
        if copies:
            arr[np.fromiter(copies, dtype=np.int64, count=len(copies))] = True
        r.derived["copies_array"] = arr
    return arr


def _dense(m, n: int, np, r: _Reading, reader, within=None):
    """(scores, matched) over a segment's ``n`` documents for a whoosh matcher tree.

    ``within``: when a filter leaves few documents, their sorted numbers; matches
    elsewhere may be left out (the filter takes them out anyway)."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching import binary, wrappers
    from whoosh.matching.mcore import ListMatcher, NullMatcherClass

    t = type(m)
    if t is NullMatcherClass:
        return np.zeros(n), np.zeros(n, dtype=bool)
    if t is binary.UnionMatcher or t is binary.IntersectionMatcher:
        sa, ma = _dense(m.a, n, np, r, reader, within)
        sb, mb = _dense(m.b, n, np, r, reader, within)
        # where only one side matches the other adds 0.0: the same float as whoosh's
        return sa + sb, (ma | mb) if t is binary.UnionMatcher else (ma & mb)
    if t is wrappers.WrappingMatcher:
        sc, mt = _dense(m.child, n, np, r, reader, within)
        return (sc * m.boost if m.boost != 1.0 else sc), mt
    if t is wrappers.FilterMatcher:  # deleted documents
        sc, mt = _dense(m.child, n, np, r, reader, within)
        ids = np.fromiter(m._ids, dtype=np.int64, count=len(m._ids)) if m._ids else np.zeros(0, dtype=np.int64)
        if m._exclude:
            mt[ids[ids < n]] = False
        else:
            keep = np.zeros(n, dtype=bool)
            keep[ids[ids < n]] = True
            mt &= keep
        return sc, mt
    if t is W3LeafMatcher and type(m.scorer) is _InlineBM25FScorer and not m._byteids:
        return _dense_leaf(m, n, np, r, within)
    if t.__name__ == "SpanNear2Matcher" and (m.slop, m.ordered, m.mindist) == (1, True, 1):
        # a phrase: its words' intersection, scored as such, kept where the words stand in a row
        sc, mt = _dense(m.child, n, np, r, reader, within)
        leaves = [x.child if type(x) is wrappers.FilterMatcher else x for x in m.ms]
        if not all(type(x) is W3LeafMatcher for x in leaves) or len({x._term[0] for x in leaves}) != 1:
            raise _Unsupported("phrase")
        words = [x._term[1].decode("utf-8") for x in leaves]
        # the candidates are where the words' intersection matched (inside a narrow filter):
        # their postings are decoded already
        docs = _phrase_docs(reader, query.Phrase(leaves[0]._term[0], words), set(np.flatnonzero(mt).tolist()))
        if docs is None:
            raise _Unsupported("phrase")
        keep = np.zeros(n, dtype=bool)
        if docs:
            ids = np.fromiter(docs, dtype=np.int64, count=len(docs))
            keep[ids[ids < n]] = True
        return sc, mt & keep
    if t is ListMatcher and m._scorer is None and m._all_weights and m._weights is None and m._i == 0:
        # every document (query "*"): each scores the query's boost, as in whoosh
        sc, mt = np.zeros(n), np.zeros(n, dtype=bool)
        ids = np.asarray(m._ids, dtype=np.int64)
        sc[ids] = float(m._all_weights)
        mt[ids] = True
        return sc, mt
    raise _Unsupported(t.__name__)


def _dense_leaf(m, n: int, np, r: _Reading, within=None):
    """One term's postings in a segment, scored as ``_InlineBM25FScorer.score`` scores them."""
    deltas: list = []
    weights: list = []
    lens: list = []
    m.reset()  # building the tree (an intersection finding its first match) may have moved it on
    lo = 0
    while m.is_active():
        if within is not None:
            # a block holding none of the filter's documents is not decoded at all
            i = np.searchsorted(within, lo)
            lo = m._maxid + 1
            if i == len(within) or within[i] > m._maxid:
                m._next_block()
                continue
        # the block's raw data, decoded here in bulk: whoosh's _read_ids/_read_weights
        # walk each posting in Python
        if m._data is None:
            m._read_data()
        d, k = m._data, m._blocklength
        deltas.extend(d[0])
        w = d[1]
        if w is None:
            weights.extend([1.0] * k)
        elif isinstance(w, float):
            weights.extend([float(np.float32(w))] * k)  # whoosh keeps it in a float32 array
        else:
            weights.extend(w)
        lens.append(k)
        m._next_block()
    sc = np.zeros(n)
    mt = np.zeros(n, dtype=bool)
    if not deltas:
        return sc, mt
    # ids are delta-coded from 0 within each block: a cumulative sum restarted per block
    cs = np.cumsum(np.asarray(deltas, dtype=np.int64))
    lens_a = np.asarray(lens, dtype=np.int64)
    ends = np.cumsum(lens_a)
    base = np.zeros(len(lens_a), dtype=np.int64)
    base[1:] = cs[ends[:-1] - 1]
    docs = cs - np.repeat(base, lens_a)
    tf = np.asarray(weights, dtype=np.float64)
    scorer = m.scorer
    lengths = scorer.dfl.__self__  # the list _Weighting reads field lengths from
    key = ("lengths", id(lengths))
    fl_all = r.derived.get(key)
    if fl_all is None:
        fl_all = r.derived[key] = np.asarray([np.nan if v is None else v for v in lengths], dtype=np.float64)
    fl = fl_all[docs]
    K1, B = scorer.K1, scorer.B
    # the expression of _InlineBM25FScorer.score, operation for operation
    sc[docs] = scorer.idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / scorer.avgfl)))
    mt[docs] = True
    return sc, mt
