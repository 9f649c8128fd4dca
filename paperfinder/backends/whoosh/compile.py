"""The backend-neutral query tree (``search.query``) compiled to whoosh query objects.

Text clauses are analysed as whoosh's own query parser analysed them (the
parser this replaced, so that every query finds what it found): a word with
its field's analyser (a word giving no term, a stop word, drops out; one giving
several is an And of them, an Or in an any-word query), a phrase's words with
the field's tokenizer, wildcards, prefixes and fuzzy words lower-cased and
stemmed as one token, unfielded clauses looked for in each default field.
"""

from __future__ import annotations

import warnings
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # whoosh 2.7.4's escape sequences, at import
    from whoosh import query
    from whoosh.fields import NUMERIC
    from whoosh.qparser.common import QueryParserError

from paperfinder.search import query as Q


class ValueSet(query.Query):
    """Passages whose sortable ``fieldname`` holds one of ``values``.

    As a filter (every filter goes through ``matching``) it is one pass over
    the field's column per segment: an Or of thousands of terms (every passage
    text a watch has not seen) costs a term look-up each. Anywhere else whoosh
    gets that Or.
    """

    def __init__(self, fieldname: str, values):
        self.fieldname = fieldname
        self.values = frozenset(values)

    def __eq__(self, other):
        return type(other) is ValueSet and other.fieldname == self.fieldname and other.values == self.values

    def __hash__(self):
        return hash((self.fieldname, self.values))

    def terms_query(self) -> Any:
        return query.Or([query.Term(self.fieldname, v) for v in sorted(self.values)]) if self.values else query.NullQuery

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return self.terms_query().matcher(searcher, context)

    def docs(self, searcher: Any) -> Any:
        return self.terms_query().docs(searcher)


def compile_query(node: Q.Node, schema: Any) -> Any:
    """A whoosh query for a whole query tree (normalised, as whoosh's parser gave it)."""
    # an any-word query (``syntax.parse(any_word=True)``) is an Or with a scale at its root:
    # words that analyse into several terms are then an Or of them. whoosh's parser gave
    # the scale to bracketed groups only, so the root's is left out
    top = _top_group(node)
    any_word = isinstance(top, Q.Or) and top.scale > 0
    if any_word:
        node = _replaced(node, top, Q.Or(top.parts))  # type: ignore[attr-defined]
    q = _Compiler(schema, any_word).compile(node)
    return q.normalize() if q is not None else query.NullQuery


def _top_group(node: Q.Node) -> Q.Node:
    """The query's own group (where "a b -c +d" puts a and b), under what +/- made of it."""
    while True:
        if isinstance(node, Q.And) and len(node.parts) == 2 and isinstance(node.parts[1], Q.Not):
            node = node.parts[0]
        elif isinstance(node, Q.AndMaybe):
            node = node.optional
        else:
            return node


def _replaced(node: Q.Node, old: Q.Node, new: Q.Node) -> Q.Node:
    if node is old:
        return new
    if isinstance(node, Q.And):
        return Q.And(tuple(_replaced(p, old, new) for p in node.parts))
    if isinstance(node, Q.AndMaybe):
        return Q.AndMaybe(node.required, _replaced(node.optional, old, new))
    return node


def compile_filter(node: Q.Node, schema: Any) -> Any:
    """A whoosh query for a filter (matched as a set: its structure is kept as it is)."""
    q = _Compiler(schema, False).compile(node)
    return q if q is not None else query.NullQuery


class _Compiler:
    def __init__(self, schema: Any, any_word: bool):
        self.schema = schema
        self.any_word = any_word

    def compile(self, n: Q.Node) -> Any:
        t = type(n)
        if t is Q.Every:
            return query.Every()
        if t is Q.Nothing:
            return query.NullQuery
        if isinstance(n, Q.Term):
            return query.Term(n.field, n.value)
        if isinstance(n, Q.ValueSet):
            return ValueSet(n.field, n.values)
        if isinstance(n, Q.Range):
            return self._range(n)
        if isinstance(n, Q.NumericRange):
            return query.NumericRange(n.field, n.low, n.high)
        if isinstance(n, Q.And):
            return self._and(n)
        if isinstance(n, Q.Or):
            parts = [p for p in map(self.compile, n.parts) if p is not None]
            return query.Or(parts, scale=n.scale) if n.scale else query.Or(parts)
        if isinstance(n, Q.Not):
            inner = self.compile(n.part)
            return query.Not(inner) if inner is not None else None
        if isinstance(n, Q.AndMaybe):
            a, b = self.compile(n.required), self.compile(n.optional)
            if a is None or b is None:
                return a
            return query.AndMaybe(a, b)
        if isinstance(n, (Q.Word, Q.Phrase, Q.Prefix, Q.Wildcard, Q.Fuzzy)):
            return self._text(n)
        raise TypeError(f"not a query node: {n!r}")

    def _and(self, n: Q.And) -> Any:
        pos = [p for p in (self.compile(x) for x in n.parts if not isinstance(x, Q.Not)) if p is not None]
        neg = [p for p in (self.compile(x.part) for x in n.parts if isinstance(x, Q.Not)) if p is not None]
        if not neg:
            return query.And(pos)
        if not pos:  # only exclusions: every passage but those
            pos = [query.Every()]
        # as whoosh's parser built "a -b": the kept part less any of the excluded ones
        return query.AndNot(query.And(pos), query.Or(neg))

    def _range(self, n: Q.Range) -> Any:
        field = self.schema[n.field] if n.field in self.schema else None
        if isinstance(field, NUMERIC):
            try:
                return field.parse_range(n.field, n.low, n.high, n.low_excluded, n.high_excluded)
            except QueryParserError:  # not a number ("amount:>lots"): matches nothing, as before
                return query.NullQuery
        return query.TermRange(n.field, n.low, n.high, startexcl=n.low_excluded, endexcl=n.high_excluded)

    def _text(self, n: Any) -> Any:
        fields = n.fields or Q.DEFAULT_FIELDS
        if n.fields:
            return self._fielded(n, fields[0], getattr(n, "boost", 1.0)) if len(fields) == 1 else \
                query.Or([q for f in fields if (q := self._fielded(n, f, getattr(n, "boost", 1.0))) is not None])
        # each default field at boost 1 (the parser's multi-field rule: a word's own boost is not kept)
        parts = [self._fielded(n, f, 1.0) for f in fields]
        return query.Or([p for p in parts if p is not None])

    def _fielded(self, n: Any, fieldname: str, boost: float) -> Any:
        if isinstance(n, Q.Phrase):
            return self._phrase(n, fieldname, boost)
        if isinstance(n, Q.Word):
            return self._term(fieldname, n.text, query.Term, boost, tokenize=True)
        if isinstance(n, Q.Prefix):
            return self._term(fieldname, n.prefix, query.Prefix, boost, tokenize=False)
        if isinstance(n, Q.Wildcard):
            return self._term(fieldname, n.pattern, query.Wildcard, boost, tokenize=False)
        q = self._term(fieldname, n.text, query.FuzzyTerm, boost, tokenize=False)
        if isinstance(q, query.FuzzyTerm):
            q.maxdist, q.prefixlength = n.distance, n.prefix_length
        return q

    def _term(self, fieldname: str, text: str, termclass: Any, boost: float, tokenize: bool) -> Any:
        """One clause's text as whoosh's ``QueryParser.term_query`` made it a query."""
        if fieldname not in self.schema:
            return termclass(fieldname, text, boost=boost)
        field = self.schema[fieldname]
        if field.self_parsing():
            try:
                return field.parse_query(fieldname, text, boost=boost)
            except QueryParserError as exc:
                # not a number ("amount::"): whoosh's parser made it a query matching nothing,
                # one that an And keeps (a plain NullQuery would be dropped from it)
                return query.error_query(str(exc))
        texts = list(field.process_text(text, mode="query", tokenize=tokenize, removestops=tokenize))
        if not texts:
            return None  # a stop word, or nothing the analyser keeps
        if len(texts) > 1:
            return self._multitoken(field.multitoken_query, texts, fieldname, termclass, boost)
        return termclass(fieldname, texts[0], boost=boost)

    def _multitoken(self, spec: str, texts: list[str], fieldname: str, termclass: Any, boost: float) -> Any:
        spec = spec.lower()
        if spec == "first":
            return termclass(fieldname, texts[0], boost=boost)
        if spec == "phrase":
            return query.Phrase(fieldname, texts, boost=boost)
        qclass = {"and": query.And, "or": query.Or}.get(spec) or (query.Or if self.any_word else query.And)
        return qclass([termclass(fieldname, t, boost=boost) for t in texts])

    def _phrase(self, n: Q.Phrase, fieldname: str, boost: float) -> Any:
        text = " ".join(n.words)
        if fieldname in self.schema and self.schema[fieldname].analyzer:
            words = [t.text for t in self.schema[fieldname].tokenize(text, mode="query")]
        else:
            words = text.split(" ")
        return query.Phrase(fieldname, words, slop=n.slop, boost=boost)
