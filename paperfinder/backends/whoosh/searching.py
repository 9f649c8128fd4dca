"""Running a compiled query: the scored hits, the total, facet counts and snippets."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import collectors
    from whoosh.highlight import ContextFragmenter, Formatter, get_text

from paperfinder.backends.whoosh import patches as whoosh_patches
from paperfinder.backends.whoosh.matching import _matching
from paperfinder.backends.whoosh.reading import _Reading, _reading
from paperfinder.backends.whoosh.scoring import _scored_in_arrays
from paperfinder.backends.whoosh.store import _DAMAGE, _raised_in_whoosh, guarded_read
from paperfinder.errors import QueryError
from paperfinder.search.backend import RawHit


class _MarkFormatter(Formatter):
    """Marks matched terms as **term** in snippets."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return "**" + get_text(text, token, replace) + "**"


FACET_COLUMNS = {"people": "people_col", "kinds": "kinds_col"}
MULTI_VALUED = {"people", "kinds"}




def run_query(
    index_dir: str | Path,
    q: Any,
    filter_q: Any = None,
    limit: int | None = 10,
    sort: str = "relevance",
    facets: tuple[str, ...] = (),
    snippet_terms: bool = True,
) -> tuple[int, list[RawHit], dict[str, dict[str, int]]]:
    """Run a parsed query with an optional filter; returns (total, hits, facet counts)."""
    r = _reading(index_dir)
    with whoosh_patches.remembering_blocks():
        return _run_query(r, index_dir, q, filter_q, limit, sort, facets, snippet_terms)


def _run_query(r: _Reading, index_dir, q, filter_q, limit, sort, facets, snippet_terms):
    s = r.searcher
    with guarded_read(index_dir):
        # copies of a text in other files are found through their primary copy: they are
        # taken out as sets of document numbers (whoosh checks each match against a set
        # in C), the copies' set kept per generation
        copies = r.copies()
        allow = None
        if filter_q is not None:
            allow = _matching(r, filter_q) - copies
            if not allow:  # whoosh reads an empty filter as no filter
                return 0, [], {f: {} for f in facets}
        kwargs: dict[str, Any] = {"limit": limit or 1 if limit is not None else None}  # whoosh wants 1 or more; --limit 0 counts only
        if allow is not None:
            kwargs["filter"] = allow
        elif copies:
            kwargs["mask"] = copies
        if sort == "newest":
            kwargs.update(sortedby="date", reverse=True)
        elif sort == "oldest":
            kwargs.update(sortedby="date")
        fast = _scored_in_arrays(r, q, allow, copies, limit, facets) if SCORE_IN_ARRAYS and sort == "relevance" and limit else None
        if fast is not None:
            total, results, docs = fast
            counts = _facet_counts(r, docs, facets) if facets else {}
            return total, _raw_hits(results, limit, sort, snippet_terms), counts
        try:
            c = s.collector(**kwargs)
            inner = c.child if isinstance(c, collectors.FilterCollector) else c
            seen: list[int] = []
            if type(inner) is collectors.TopCollector:
                # the documents the scored pass collects: all of them when whoosh
                # could not skip blocks (phrases, for one), so no second pass is needed
                collect = inner._collect

                def recording(docnum, score, add=seen.append):
                    add(docnum)
                    return collect(docnum, score)

                inner._collect = recording
            s.search_with_collector(q, c)
            results = c.results()
            docs = None
            if type(inner) is not collectors.TopCollector:
                # every match was collected (and filtered): the count whoosh gives
                docs = set(inner.docset)
                total = len(docs)
            elif inner.computes_count():
                total = len(seen)  # what whoosh counts when it skipped nothing
                if facets:
                    docs = _matching(r, q)
            else:
                # whoosh skipped blocks that could not reach the top N: one
                # unscored pass gives the total and the facet counts
                docs = _matching(r, q)
            if docs is not None and type(inner) is collectors.TopCollector:
                if allow is not None:
                    docs &= allow
                else:
                    docs -= copies
                if not inner.computes_count():
                    total = len(docs)
        except (QueryError, *_DAMAGE):
            raise
        counts = _facet_counts(r, docs, facets) if facets else {}
        return total, _raw_hits(results, limit, sort, snippet_terms), counts


def _coded_counts(r: _Reading, column: str, docnums) -> dict[str, int]:
    """Distinct stored strings of a column and how many of ``docnums`` hold each, by bincount."""
    import numpy as np

    key = ("codes", column)
    coded = r.derived.get(key)
    if coded is None:
        labels: dict[str, int] = {}
        col = r.column(column)
        codes = np.fromiter((labels.setdefault(v, len(labels)) for v in col), dtype=np.int64, count=len(col))
        coded = r.derived[key] = (codes, list(labels))
    codes, names = coded
    n = np.bincount(codes[docnums], minlength=len(names))
    return {names[i]: int(n[i]) for i in np.flatnonzero(n)}


def _raw_hits(results, limit, sort, snippet_terms) -> list[RawHit]:
    results.fragmenter = ContextFragmenter(maxchars=220, surround=60)
    results.formatter = _MarkFormatter()
    hits = []
    for hit in (results[:limit] if limit is not None else results):
        fields = dict(hit.fields())
        snip = (lambda hit=hit: _snippet_of(hit)) if snippet_terms else ""
        # sorted by date, whoosh puts the sort key where the score goes
        score = float(hit.score or 0.0) if sort == "relevance" else 0.0
        hits.append(RawHit(fields=fields, score=score, snippet=snip))
    return hits




SCORE_IN_ARRAYS = True  # False: whoosh's own collector for every query (tests compare the two)




def _facet_counts(r: _Reading, docnums, facets) -> dict[str, dict[str, int]]:
    """Counts of each facet value over the given passages (document numbers, any
    iterable or a numpy array), from cached columns."""
    import numpy as np

    if not hasattr(docnums, "dtype"):
        docnums = np.fromiter(docnums, dtype=np.int64)
    counts: dict[str, dict[str, int]] = {}
    for f in facets:
        # count the distinct stored strings first, then split the few distinct ones
        raw = _coded_counts(r, FACET_COLUMNS.get(f, f), docnums)
        c: dict[str, int] = {}
        for v, n in raw.items():
            if not v:
                continue
            for part in (v.split(",") if f in MULTI_VALUED else (v,)):
                c[part] = c.get(part, 0) + n
        counts[f] = c
    return counts




def _snippet_of(hit) -> str:
    try:
        return hit.highlights("text", top=2)
    except Exception as exc:  # whoosh's highlighter fails on some texts: no snippet, the hit stays
        if not _raised_in_whoosh(exc):
            raise
        return ""
