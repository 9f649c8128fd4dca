"""Document sets of a query by set algebra on whole posting blocks (filters, totals, facets, phrases)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import query

from paperfinder.backends.whoosh import patches as whoosh_patches
from paperfinder.backends.whoosh.compile import ValueSet
from paperfinder.backends.whoosh.store import _read_column

if TYPE_CHECKING:  # the reading state holds a scorer and matches sets: imported for types only
    from paperfinder.backends.whoosh.reading import _Reading



def _matching(r: _Reading, q) -> set:
    """Document numbers matching ``q``, unscored (deleted documents never match).

    Boolean trees of terms are evaluated as set operations on whole posting
    blocks: whoosh's own ``docs_for_query`` steps matchers one document at a
    time in Python. Any other query is left to whoosh.
    """
    out: set = set()
    for sub, offset in r.searcher.leaf_searchers():
        reader = sub.reader()
        docs = _segment_docs(sub, reader, q)
        if reader.has_deletions():
            perdoc = getattr(reader, "_perdoc", None)
            docs -= set(perdoc.deleted_docs()) if perdoc is not None else {d for d in docs if reader.is_deleted(d)}
        out.update((d + offset for d in docs) if offset else docs)
    return out


def _term_docs(reader, fieldname: str, text) -> set:
    """Document numbers of a term's postings in one segment, deleted ones included."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    field = reader.schema[fieldname] if fieldname in reader.schema else None
    if field is None:
        return set()
    try:
        btext = field.to_bytes(text)
    except ValueError:
        return set()
    if (fieldname, btext) not in reader:
        return set()
    m = _postings(reader, fieldname, btext)  # deletions: taken out once per segment instead
    if not isinstance(m, W3LeafMatcher):
        return set(m.all_ids())
    ids: set = set()
    known = whoosh_patches.block_ids.get() or {}
    pf = id(m._postfile)
    while m.is_active():
        block = known.get((pf, m._dataoffset)) if m._ids is None else m._ids
        if block is None:
            m._read_ids()
            block = m._ids
        ids.update(block)
        m._next_block()
    return ids


def _postings(reader, fieldname: str, btext: bytes):
    """A term's raw matcher in one segment (deleted documents are taken out by the caller)."""
    from whoosh.matching.wrappers import FilterMatcher

    m = reader.postings(fieldname, btext)
    return m.child if isinstance(m, FilterMatcher) else m


def _term_positions(reader, fieldname: str, btext: bytes, within: set, fmt) -> dict:
    """docnum -> positions of a term, for the documents in ``within`` only."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    m = _postings(reader, fieldname, btext)
    out: dict = {}
    if not isinstance(m, W3LeafMatcher):
        while m.is_active():
            if m.id() in within:
                out[m.id()] = m.value_as("positions")
            m.next()
        return out
    known = whoosh_patches.block_ids.get() or {}
    pf = id(m._postfile)
    decode = fmt.decode_positions
    while m.is_active():
        ids = known.get((pf, m._dataoffset)) if m._ids is None else m._ids
        if ids is None:
            m._read_ids()
            ids = m._ids
        if not within.isdisjoint(ids):  # only blocks holding a candidate are unpacked
            values = known.get((pf, m._dataoffset, "values")) if m._values is None else m._values
            if values is None:
                m._read_values()
                values = m._values
            for d, v in zip(ids, values):
                if d in within:
                    out[d] = decode(v)
        m._next_block()
    return out


def _phrase_docs(reader, q, holding_all: set | None = None) -> set | None:
    """Documents holding a phrase's words at consecutive positions, as whoosh's Phrase matches them.

    Candidates are the documents holding every word (set operations on
    posting blocks), or ``holding_all`` when the caller already knows them
    (possibly narrowed further); positions are read for those only. None:
    leave the query to whoosh.
    """
    from whoosh.formats import Positions

    if q.fieldname not in reader.schema:
        return set()
    field = reader.schema[q.fieldname]
    if type(field.format) is not Positions or q.slop != 1 or len(q.words) < 2:
        return None
    words = []
    for w in q.words:
        try:
            bw = field.to_bytes(w)
        except ValueError:
            return set()
        if (q.fieldname, bw) not in reader:
            return set()
        words.append(bw)
    if holding_all is not None:
        cands = holding_all
    else:
        parts = sorted((_term_docs(reader, q.fieldname, w) for w in words), key=len)
        cands = parts[0]
        for p in parts[1:]:
            cands &= p
    if not cands:
        return set()
    positions = [_term_positions(reader, q.fieldname, w, cands, field.format) for w in words]
    out = set()
    for d in cands:
        # whoosh's ordered span join with slop 1: word k at the first word's position + k
        starts = set(positions[0].get(d, ()))
        for k in range(1, len(words)):
            if not starts:
                break
            starts.intersection_update(p - k for p in positions[k].get(d, ()))
        if starts:
            out.add(d)
    return out


def _segment_docs(sub, reader, q) -> set:
    """Document numbers matching ``q`` in one segment (deleted ones may be included)."""
    t = type(q)
    if t is ValueSet:
        return _value_set_docs(reader, q)
    if t is query.Term and not q.minquality:
        return _term_docs(reader, q.fieldname, q.text)
    if t in (query.And, query.Require):
        parts = sorted((_segment_docs(sub, reader, c) for c in q.children()), key=len)
        if not parts:
            return set()
        docs = parts[0]
        for p in parts[1:]:
            docs &= p
        return docs
    if isinstance(q, query.Or):  # Or's minmatch is not implemented by whoosh: a union
        docs = set()
        for c in q.children():
            docs |= _segment_docs(sub, reader, c)
        return docs
    if t is query.AndNot:
        return _segment_docs(sub, reader, q.a) - _segment_docs(sub, reader, q.b)
    if t is query.AndMaybe:
        return _segment_docs(sub, reader, q.a)
    if t in (query.NumericRange, query.DateRange):  # amounts: an Or of terms and term ranges
        return _segment_docs(sub, reader, q._compile_query(reader))
    if t is query.ConstantScoreQuery:
        return _segment_docs(sub, reader, q.child)
    if q is query.NullQuery:
        return set()
    if t is query.Phrase:
        docs = _phrase_docs(reader, q)
        if docs is not None:
            return docs
    if isinstance(q, query.MultiTerm) and t.matcher is query.MultiTerm.matcher:
        # ranges and fuzzy terms: the union of the terms they expand to, as whoosh matches them
        docs = set()
        for word in q._btexts(reader):
            if word:
                docs |= _term_docs(reader, q.field(), word)
        return docs
    return set(q.docs(sub))




def _value_set_docs(reader, q: ValueSet) -> set:
    if not q.values:
        return set()
    if not reader.has_column(q.fieldname):
        return _segment_docs(None, reader, q.terms_query())
    values = q.values
    return {d for d, v in enumerate(_read_column(reader, q.fieldname)) if v in values}
