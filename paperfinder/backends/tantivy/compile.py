"""The neutral query tree (``search.query``) as a tantivy query.

Text nodes are analysed here with the analyser of the field they name, so a
word is looked for as the field indexed it. A word that analyses to nothing (a
stop word) matches nothing on its own and drops out of an And or an Or, as it
does in whoosh's parser.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

import tantivy

from paperfinder.backends.tantivy import schema as S
from paperfinder.search import query as Q

FUZZY_MAX_DISTANCE = 2  # word~N: at most 2 edits, whatever N (as the whoosh backend)
FUZZY_MAX_TERMS = 50  # the indexed words one fuzzy word stands for at most: the nearest, then the most frequent

_MUST, _SHOULD, _NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot


class Compiler:
    """Compiles trees against one searcher (``terms(field, prefix)``: the field's indexed
    words with their passage counts, for fuzzy words and string ranges)."""

    def __init__(self, schema: tantivy.Schema, terms: Callable[[str, str], list[tuple[str, int]]]):
        self.schema = schema
        self.terms = terms
        self.any_word = False

    def compile(self, node: Q.Node) -> tantivy.Query:
        # an any-word query (an Or with a scale at its root): a word the analyser splits
        # is then any of its parts, as in the whoosh backend
        self.any_word = isinstance(node, Q.Or) and node.scale > 0
        q = self._node(node)
        return q if q is not None else tantivy.Query.empty_query()

    # -- nodes; None: analysed away
    def _node(self, n: Q.Node) -> tantivy.Query | None:
        if isinstance(n, Q.Every):
            return tantivy.Query.all_query()
        if isinstance(n, Q.Nothing):
            return tantivy.Query.empty_query()
        if isinstance(n, Q.Word):
            return self._fields(n.fields, lambda f: self._word(f, n.text), n.boost)
        if isinstance(n, Q.Phrase):
            return self._fields(n.fields, lambda f: self._phrase(f, n.words, n.slop), n.boost)
        if isinstance(n, Q.Prefix):
            return self._fields(n.fields, lambda f: self._regex(f, _escape(self._stem(f, n.prefix)) + ".*"))
        if isinstance(n, Q.Wildcard):
            return self._fields(n.fields, lambda f: self._regex(f, _wildcard_regex(self._fold(f, n.pattern))))
        if isinstance(n, Q.Fuzzy):
            return self._fields(n.fields, lambda f: self._fuzzy(f, n))
        if isinstance(n, Q.Term):
            return self._term(_FIELD.get(n.field, n.field), n.value)
        if isinstance(n, Q.ValueSet):
            field = _FIELD.get(n.field, n.field)
            if not n.values or not _known(field) or field in S.AMOUNTS:
                return tantivy.Query.empty_query()
            return tantivy.Query.term_set_query(self.schema, field, sorted(n.values))
        if isinstance(n, Q.Range):
            return self._range(n)
        if isinstance(n, Q.NumericRange):
            if n.field not in S.AMOUNTS:
                return tantivy.Query.empty_query()
            return tantivy.Query.range_query(self.schema, n.field, tantivy.FieldType.Float, n.low, n.high)
        if isinstance(n, Q.And):
            return self._bool([(_MUST, p) for p in n.parts])
        if isinstance(n, Q.Or):
            return self._bool([(_SHOULD, p) for p in n.parts])
        if isinstance(n, Q.Not):
            inner = self._node(n.part)
            if inner is None:
                return None
            return tantivy.Query.boolean_query([(_MUST, tantivy.Query.all_query()), (_NOT, inner)])
        if isinstance(n, Q.AndMaybe):
            req = self._node(n.required)
            opt = self._node(n.optional)
            if req is None or opt is None:
                return req
            return tantivy.Query.boolean_query([(_MUST, req), (_SHOULD, opt)])
        raise TypeError(f"not a query node: {n!r}")

    def _bool(self, parts: list[tuple[tantivy.Occur, Q.Node]]) -> tantivy.Query | None:
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for occur, p in parts:
            if isinstance(p, Q.Not) and occur is _MUST:
                inner = self._node(p.part)
                if inner is not None:
                    clauses.append((_NOT, inner))
                continue
            q = self._node(p)
            if q is not None:
                clauses.append((occur, q))
        if not clauses:
            return None
        if all(o is _NOT for o, _ in clauses):
            clauses.insert(0, (_MUST, tantivy.Query.all_query()))
        if len(clauses) == 1 and clauses[0][0] is not _NOT:
            return clauses[0][1]
        return tantivy.Query.boolean_query(clauses)

    def _fields(self, fields: tuple[str, ...], make: Callable[[str], tantivy.Query | None], boost: float = 1.0) -> tantivy.Query | None:
        """The node looked for in each field (the default text fields when none), any of them matching."""
        out = []
        for f in fields or Q.DEFAULT_FIELDS:
            if not _known(f):
                continue
            q = make(f)
            if q is None:
                continue
            b = S.TEXT_FIELDS.get(f, 1.0) * boost
            out.append(tantivy.Query.boost_query(q, b) if b != 1.0 else q)
        if not out:
            return None
        return out[0] if len(out) == 1 else tantivy.Query.boolean_query([(_SHOULD, q) for q in out])

    def _word(self, field: str, text: str) -> tantivy.Query | None:
        tok = S.ANALYSED.get(field)
        if tok is None:
            return self._term(field, text)
        terms = S.analyzer(tok).analyze(text)
        if not terms:
            return None
        if len(terms) == 1:
            return tantivy.Query.term_query(self.schema, field, terms[0], index_option="freq")
        # a word the analyser splits: every part (any part in an any-word query), as whoosh's parser joins them
        occur = _SHOULD if self.any_word else _MUST
        return tantivy.Query.boolean_query([(occur, tantivy.Query.term_query(self.schema, field, t, index_option="freq")) for t in terms])

    def _phrase(self, field: str, words: tuple[str, ...], slop: int) -> tantivy.Query | None:
        tok = S.ANALYSED.get(field)
        if tok is None:
            return self._term(field, " ".join(words))
        # positions as the field indexed them: a stop word leaves its place empty
        toks = [(t.position, t.text) for t in S.analyzer(tok).pre_tokenize(" ".join(words)).tokens]
        if not toks:
            return None
        if len(toks) == 1:
            return tantivy.Query.term_query(self.schema, field, toks[0][1], index_option="freq")
        first = toks[0][0]
        # whoosh's slop 1 is words side by side, tantivy's 0
        return tantivy.Query.phrase_query(self.schema, field, [(p - first, w) for p, w in toks], slop=max(0, slop - 1))

    def _fold(self, field: str, text: str) -> str:
        """A prefix or pattern as the field's terms are written: lower case, accents folded (not stemmed)."""
        if field not in S.ANALYSED:
            return text
        out = []
        for ch in text.lower():
            folded = S.analyzer(S.PLAIN_TOKENIZER).analyze(ch) if ch.isalnum() and not ch.isascii() else None
            out.append(folded[0] if folded else ch)
        return "".join(out)

    def _stem(self, field: str, text: str) -> str:
        """A prefix or fuzzy word as whoosh's parser took it: lower case, accents folded, and
        stemmed as one word (``fostering*`` looks for terms starting with ``foster``)."""
        folded = self._fold(field, text)
        if field not in S.ANALYSED or not folded.isalnum():
            return folded
        stems = S.analyzer(S.EXACT_TOKENIZER).analyze(folded)
        return stems[0] if len(stems) == 1 else folded

    def _regex(self, field: str, pattern: str) -> tantivy.Query:
        return tantivy.Query.regex_query(self.schema, field, pattern)

    def _fuzzy(self, field: str, n: Q.Fuzzy) -> tantivy.Query | None:
        text = self._stem(field, n.text)
        prefix = text[: n.prefix_length]
        maxdist = min(int(n.distance), FUZZY_MAX_DISTANCE)
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        cands = self.terms(field, prefix)
        words = [w for w, _ in cands]
        df = dict(cands)
        found = process.extract(text, words, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None)
        found.sort(key=lambda m: (m[1], -df.get(m[0], 0)))
        chosen = [w for w, _d, _i in found[:FUZZY_MAX_TERMS]] or [text]
        qs = [tantivy.Query.term_query(self.schema, field, w, index_option="freq") for w in chosen]
        return qs[0] if len(qs) == 1 else tantivy.Query.boolean_query([(_SHOULD, q) for q in qs])

    def _term(self, field: str, value: Any) -> tantivy.Query:
        if field == "primary":
            return tantivy.Query.term_query(self.schema, "primary", 1 if str(value) == "1" else 0)
        if not _known(field):
            return tantivy.Query.empty_query()
        if field in S.AMOUNTS:
            try:
                v = float(value)
            except ValueError:
                return tantivy.Query.empty_query()
            return tantivy.Query.range_query(self.schema, field, tantivy.FieldType.Float, v, v)
        if field in S.ANALYSED:
            return self._word(field, str(value)) or tantivy.Query.empty_query()
        return tantivy.Query.term_query(self.schema, field, str(value), index_option="basic")

    def _range(self, n: Q.Range) -> tantivy.Query:
        """Keyword values between two strings: the field's values in that span, as a set
        (tantivy ranges only numbers; a field holds a few thousand dates at most).
        On an amount field, numbers."""
        field = _FIELD.get(n.field, n.field)
        low_out, high_out = getattr(n, "low_excluded", False), getattr(n, "high_excluded", False)
        if field in S.AMOUNTS:
            try:
                lo = float(n.low) if n.low is not None else None
                hi = float(n.high) if n.high is not None else None
            except ValueError:
                return tantivy.Query.empty_query()
            return tantivy.Query.range_query(self.schema, field, tantivy.FieldType.Float, lo, hi,
                                             include_lower=not low_out, include_upper=not high_out)
        if not _known(field):
            return tantivy.Query.empty_query()
        values = sorted(w for w, _ in self.terms(field, ""))
        lo_i = bisect_left(values, n.low) if n.low is not None else 0
        chosen = [v for v in values[lo_i:]
                  if (n.high is None or v < n.high or (v == n.high and not high_out)) and not (low_out and v == n.low)]
        if not chosen:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_set_query(self.schema, field, chosen)


# whoosh's facet columns hold the same values as these fields
_FIELD = {"people_col": "people", "kinds_col": "kinds"}


def _known(field: str) -> bool:
    return field in S.ANALYSED or field in S.SINGLE or field in S.MULTI or field in S.AMOUNTS


def _wildcard_regex(pattern: str) -> str:
    return "".join(".*" if c == "*" else "." if c == "?" else _escape(c) for c in pattern)


_META = set("\\.+*?()|[]{}^$#&-~")


def _escape(text: str) -> str:
    """``text`` matched literally by tantivy's regular expressions (Rust's syntax)."""
    return "".join("\\" + c if c in _META else c for c in text)
