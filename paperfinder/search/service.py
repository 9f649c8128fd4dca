"""Search: query text + filters -> ranked, de-duplicated hits with facet counts.

Loose names (councils, people, facet values) are resolved with rapidfuzz
against the values actually in the index; the result says what they resolved
to. The query syntax (``search.syntax``: phrases, AND/OR/NOT, -word, field:,
wildcards, fuzzy words) is parsed into the backend-neutral tree, and the filters
are built as trees too; ``amount:>500000`` clauses are taken out as filters first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Sequence

from paperfinder.errors import QueryError, ResolveError
from paperfinder.index.records import hit_of_record, pages_of_record
from paperfinder.model import Hit
from paperfinder.search import query as Q
from paperfinder.search import rank, syntax
from paperfinder.search.backend import FacetCounts, SearchBackend, backend_for, top_values

FACET_FIELDS = {
    "authority": "authority",
    "person": "people",
    "people": "people",
    "year": "year",
    "doc_type": "doc_type",
    "section_type": "section_type",
    "kind": "kinds",
    "kinds": "kinds",
}


@dataclass
class Filters:
    """Restrictions every hit must satisfy."""

    authority: str | None = None
    person: str | None = None
    since: str | None = None
    until: str | None = None
    doc_type: str | None = None
    section_type: str | None = None
    min_amount: float | str | None = None  # "£1m", "€500k", "1m": a bare number is any currency
    max_amount: float | str | None = None
    kinds: list[str] | None = None  # "decision", "commitment"
    undated: bool = False  # with since/until: keep documents that state no date
    present: bool = False  # with person: the meetings the person attended, not the passages naming them

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None and v is not False and v != [] and v != ""}


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # per facet whose values were cut to the most frequent: {"values": left out, "passages":
    # their counts summed, "estimated": true when the number of values is an estimate}
    facets_more: dict[str, dict[str, Any]] = field(default_factory=dict)
    resolved: dict[str, str] = field(default_factory=dict)  # filter -> resolved value
    corrected: str | None = None  # "showing results for ..."
    filters: dict[str, Any] = field(default_factory=dict)
    match: str = "all words"  # or "any of the words" when few passages hold them all
    undated_left_out: int = 0  # passages of undated papers that --since/--until left out

    def to_dict(self) -> dict[str, Any]:
        out = {
            "query": self.query,
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
        }
        if self.facets_more:
            out["facets_more"] = self.facets_more
        if self.resolved:
            out["resolved"] = self.resolved
        if self.corrected:
            out["corrected_query"] = self.corrected
        if self.filters:
            out["filters"] = self.filters
        out["match"] = self.match
        if self.undated_left_out:
            out["undated_left_out"] = self.undated_left_out
        return out


_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip()
    if not _ISO.match(v) or not _real_date(v):
        raise QueryError(f"--{name} {value!r} is not a date", "use YYYY-MM-DD, e.g. --since 2016-01-01")
    return v


def _real_date(v: str) -> bool:
    """A YYYY, YYYY-MM or YYYY-MM-DD that names a day, month or year of the calendar."""
    from datetime import date

    year, month, day = (int(x) for x in (v.split("-") + ["1", "1"])[:3])
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _check_amount(name: str, value: float | str | None) -> tuple[float | None, str | None]:
    """(value, currency) of an amount option; currency None: any currency."""
    if value is None:
        return None, None
    if isinstance(value, str):
        from paperfinder.recognise.money import parse_amount

        try:
            return parse_amount(value)
        except ValueError:
            raise QueryError(f"--{name} {value!r} is not an amount", "e.g. 1000000, 1m, £1m, €500k or $2.5bn") from None
    if not math.isfinite(value):
        raise QueryError(f"--{name} {value} is not an amount", "e.g. 1000000, 1m, £1m, €500k or $2.5bn")
    return float(value), None


def _amount_range(low: float | None, high: float | None, currency: str | None) -> Q.Node:
    """Passages naming an amount in [low, high], in ``currency`` or (None) in any."""
    from paperfinder.recognise.money import amount_field

    return Q.NumericRange(amount_field(currency) if currency else "amount", low, high)


def resolve_value(kind: str, value: str, candidates: Sequence[str]) -> str:
    """Resolve a loose spelling against the known values, or raise ResolveError."""
    from rapidfuzz import fuzz, process, utils

    if not candidates:
        raise ResolveError(f"no {kind} values in the index to match {value!r}", "index some papers first")
    low = {c.lower(): c for c in candidates}
    if value.lower() in low:
        return low[value.lower()]
    if kind == "authority":
        from paperfinder.recognise.authorities import resolve as resolve_authority

        canon = resolve_authority(value)
        if canon and canon.lower() in low:
            return low[canon.lower()]
        if canon:
            raise ResolveError(f"{kind} {value!r} is {canon}, which has no papers in the index", "known: " + ", ".join(sorted(candidates)[:8]))
        # "Northwold" is the name of "Northwold Parish Council", not of "Northwold and Whittington
        # Parish Council" that fuzzy matching finds as close: a value that is a council's whole name
        # without its council words means that council
        named = _named_exactly(value, candidates)
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise ResolveError(f"{kind} {value!r} is ambiguous", "did you mean one of: " + ", ".join(named))
    scored = process.extract(value, list(candidates), scorer=fuzz.WRatio, processor=utils.default_process, limit=5)
    if not scored or scored[0][1] < 80:
        near = ", ".join(s[0] for s in scored[:4]) if scored else ""
        raise ResolveError(f"no {kind} matches {value!r}", f"closest: {near}" if near else "check the spelling")
    best = scored[0]
    ties = [s for s in scored[1:] if abs(s[1] - best[1]) < 1.0]
    if ties:
        names = ", ".join(s[0] for s in [best] + ties)
        raise ResolveError(f"{kind} {value!r} is ambiguous", f"did you mean one of: {names}")
    return best[0]


# a query's "authority:Durley", "person:Neal", "authority:\"Great Gonerby\"" (before the syntax's aliases apply)
_LOOSE_FIELD = re.compile(r"(?<![\w:])(?P<field>authority|person)\s*:\s*(?:\"(?P<quoted>[^\"]+)\"|(?P<word>[^\s()\"]+))", re.I)


def _loose_field_values(be: SearchBackend, text: str) -> str:
    """The query with each ``authority:``/``person:`` value written as the index writes it, read as loosely as
    ``--authority`` and ``--person`` read theirs ("authority:Durley" is Durley Parish Council's papers, not none);
    a value that resolves to no one name is left as typed."""
    if ":" not in text or not _LOOSE_FIELD.search(text):
        return text

    def one(m: re.Match[str]) -> str:
        field, value = m.group("field").lower(), m.group("quoted") or m.group("word")
        if any(c in value for c in "*?~"):
            return m.group(0)  # a wildcard or fuzzy value is the syntax's
        known = be.field_values("authorities" if field == "authority" else "people")
        if value in known:
            return m.group(0)
        forms = _initialled_forms(value, known) if field == "person" else []
        if not forms:
            try:
                forms = [resolve_value(field, value, list(known))]
            except ResolveError:
                return m.group(0)
        terms = [f'{field}:"{f}"' for f in sorted(forms)]
        return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"

    return _LOOSE_FIELD.sub(one, text)


def _initialled_forms(value: str, people: dict[str, int]) -> list[str]:
    """The values of the index that write ``value``'s initial and surname ("Sheahan (J)",
    "J. Sheahan" for "J Sheahan"); [] when ``value`` is not written so."""
    from paperfinder.recognise.people import initialled_key

    key = initialled_key(value)
    return [p for p in people if initialled_key(p) == key] if key else []


def _council_keys(name: str) -> set[str]:
    """``name`` normalised, and without its council words: "Northwold Parish Council" ->
    {"northwold parish council", "northwold parish", "northwold"}."""
    from paperfinder.recognise.authorities import _candidate_keys
    from paperfinder.recognise.bodies import LOCAL_TIERS

    keys = set(_candidate_keys(name))
    for k in list(keys):
        for tier in LOCAL_TIERS:
            # "Northwold PC", as papers write a parish council ("TC" a town's, "CC" a community's)
            for ending in (f" {tier} council", f" {tier}", f" {tier[0]}c"):
                if k.endswith(ending) and len(k) > len(ending):
                    keys.add(k[: -len(ending)].strip())
    return keys


def _named_exactly(value: str, candidates: Sequence[str]) -> list[str]:
    """The candidates whose name, with or without its council words, is ``value``'s."""
    want = _council_keys(value)
    return sorted(c for c in candidates if want & _council_keys(c))


UNDATED = "undated"  # the year of a paper that states no date


def _filter_query(be: SearchBackend, filters: Filters, resolved: dict[str, str], dates: bool = True) -> Q.Node:
    """The filters as one query tree (``Every`` for none); ``dates=False`` leaves the date range out."""
    parts: list[Q.Node] = []
    if filters.authority:
        vals = set(be.field_values("authority")) | set(be.field_values("about"))
        name = resolve_value("authority", filters.authority, sorted(vals))
        resolved["authority"] = name
        # a paper about a council (an inspector's report on its plan) is found by that council too
        parts.append(Q.Or((Q.Term("authority", name), Q.Term("about", name))))
    if filters.person:
        # named or acting in the passage (or its document's author); with --present: at the meeting
        field = "present_names" if filters.present else "people"
        people = be.field_values(field)
        names = _initialled_forms(filters.person, people)
        name = max(names, key=lambda n: people[n]) if names else resolve_value("person", filters.person, list(people))
        resolved["person"] = name
        # "Sheahan (J)" in minutes, "J. Sheahan" in agendas: one name written two ways
        names = names or _initialled_forms(name, people) or [name]
        parts.append(Q.or_(Q.Term(field, n) for n in sorted(names)))
    since = _check_date("since", filters.since)
    until = _check_date("until", filters.until)
    if since and until and since[: len(until)] > until:
        # "--since 2021-01-01 --until 2020-01-01" holds no day: say so, not "0 matching passages"
        raise QueryError(f"--since {since} is after --until {until}", "swap them, or give the earlier date to --since")
    if (since or until) and dates:
        lo = since or "0000"
        hi = (until + "-99") if until and len(until) < 10 else (until or "9999")
        in_range = Q.Range("date", lo, hi)
        parts.append(Q.Or((in_range, Q.Term("year", UNDATED))) if filters.undated else in_range)
    for fname, value in (("doc_type", filters.doc_type), ("section_type", filters.section_type)):
        if value:
            known = be.field_values(fname)
            name = resolve_value(fname.replace("_", " "), value, list(known))
            resolved[fname] = name
            parts.append(Q.Term(fname, name))
    low, low_cur = _check_amount("min-amount", filters.min_amount)
    high, high_cur = _check_amount("max-amount", filters.max_amount)
    if low is not None or high is not None:
        if low_cur and high_cur and low_cur != high_cur:
            raise QueryError(f"--min-amount is in {low_cur} and --max-amount in {high_cur}", "give both in one currency")
        if low is not None and high is not None and low > high:
            raise QueryError("--min-amount is larger than --max-amount", "swap the two values")
        parts.append(_amount_range(low, high, low_cur or high_cur))
    if filters.kinds:
        parts.append(Q.or_(Q.Term("kinds", k) for k in filters.kinds))
    return Q.and_(parts)


_AMOUNT_CLAUSE = re.compile(
    r"\bamount\s*:\s*(>=|<=|>|<|=)?\s*((?:£|€|(?:C|CA|A|AU|NZ|US)?\$|GBP|EUR|USD|CAD|AUD|NZD)?\s*\d[\d,]*(?:\.\d+)?\s*(?:[kmb]n?|million|billion)?)(?![\w.])",
    re.I,
)


def _amount_clauses(text: str) -> tuple[str, list[tuple[float | None, float | None, str | None]]]:
    """Pull ``amount:>500000`` / ``amount:>€10m`` clauses out of a query as numeric ranges
    (inclusive), each with its currency (None: any)."""
    ranges: list[tuple[float | None, float | None, str | None]] = []

    def take(m) -> str:
        # the money rules are loaded by a query that names an amount, not by every search
        from paperfinder.recognise.money import parse_amount

        try:
            value, cur = parse_amount(m.group(2))
        except ValueError:
            raise QueryError(f"{m.group(0)!r} is not an amount", "e.g. amount:>500000, amount:>€10m, amount:<=£1m") from None
        op = m.group(1) or "="
        if op in (">", ">="):
            ranges.append((value + (0.005 if op == ">" else 0), None, cur))
        elif op in ("<", "<="):
            ranges.append((None, value - (0.005 if op == "<" else 0), cur))
        else:
            ranges.append((value, value, cur))
        return " "

    rest = _AMOUNT_CLAUSE.sub(take, text).strip()
    bad = _NOT_AN_AMOUNT.search(rest)
    if bad:
        # "amount:>zz", "amount:>£1mm": no amount the papers could name, so no passage; say so
        raise QueryError(f"{bad.group(0)!r} is not an amount", "e.g. amount:>500000, amount:>€10m, amount:<=£1m")
    return rest, ranges


# an amount clause _AMOUNT_CLAUSE could not read: a value right after "amount:" (a bare
# "amount:" or "amount:>" is read leniently, as the word "amount"; "amount:[1000 TO 50000]" is a range)
_NOT_AN_AMOUNT = re.compile(r"(?<![\w\"])amount\s*:\s*(?:>=|<=|>|<|=)?[^\s()\"<>=\[{][^\s()\"]*", re.I)


def _also_in(be: SearchBackend, hits: list[Hit], digests: dict[str, str], places: int | None,
             known: dict[str, dict[str, Any]] | None = None) -> None:
    """Attach the other places each hit's passage appears (same text elsewhere): the first
    ``places`` of them in file order (all when None), and how many more there are.

    ``digests``: passage_id -> the text hash stored with it at index time; ``known``: text
    hash -> the hit's stored fields (``first_places`` need not read a text held by the hit alone).
    """
    # one more than listed: the hit itself may be among the first
    found = be.first_places(list(digests.values()), None if places is None else places + 1, known)
    for h in hits:
        copies, first = found.get(digests.get(h.passage_id, ""), (0, []))
        others = [f for f in first if f["passage_id"] != h.passage_id]
        if places is not None:
            others = others[:places]
        for f in others:
            h.also_in.append({
                "doc_id": f["doc_id"],
                "title": f.get("title", ""),
                "date": f.get("date") or None,
                "source": f["source"],
                "line_start": f["line_start"],
                "line_end": f["line_end"],
                "page": pages_of_record(f)["page"],
            })
        h.also_in_more = max(0, copies - 1 - len(others))


def matching_doc_ids(index_dir: str | Path, filters: Filters) -> set[str]:
    """The documents with at least one passage that every filter allows."""
    be = backend_for(index_dir)
    filter_q = _filter_query(be, filters, {})
    _total, raw, _counts = be.run_query(Q.Every(), filter_q=filter_q, limit=None, snippet_terms=False)
    return {r.fields["doc_id"] for r in raw}


# the other places of a hit's text that a search lists (a generated archive copies some texts into
# hundreds of files; reading each copy's record cost more than the search); the rest are counted
PLACES_LISTED = 10
FEW_HOLD_ALL = 10  # fewer passages than this holding every word: add those holding some
# how many of the top candidates the re-ranking orders; on corpus-dev (dev queries) 20 gave
# search MRR@10 0.734, 50 0.739, 60 0.738, 70-130 0.743 (top 10: 65, 67, 67, 68 of 74)
RERANK_DEPTH = 100
# values a search's facet lists, the most frequent (as datasette shows 30); the rest are
# counted, not named: a broad query's person facet holds thousands of names
FACET_TOP = 30


def search(
    query: str,
    index_dir: str | Path,
    filters: Filters | None = None,
    limit: int | None = 10,
    sort: str = "relevance",
    facets: Sequence[str] = (),
    snippets: bool = True,
    where_else: bool = True,
    places: int | None = PLACES_LISTED,
    every_word: bool = False,
    texts: Collection[str] | None = None,
    spelling: bool = True,
    offset: int = 0,
    rerank: int | None = None,
    every_word_first: bool = False,
    ranking: str = "search",
    facet_top: int | None = FACET_TOP,
) -> SearchResult:
    """Ranked passages matching ``query`` and every filter, one per distinct text.

    ``limit=None`` returns every match (for export); ``snippets`` and
    ``where_else`` (the other places a duplicated passage appears) cost a
    little per hit and can be turned off for bulk use; ``places``: how many of
    those places a hit lists (None: every one), ``also_in_more`` counting the rest. ``texts``: only the
    passages with these text hashes (a watch's unseen passages).
    ``spelling=False`` searches the words as typed, never a nearby indexed
    word nor the words the papers spell an undefined acronym with (a saved
    search must not change meaning as the index grows).

    Paging (the web page): ``offset`` leaves out the first hits of the ranking
    (snippets and ``where_else`` are made only for the hits returned), and
    ``rerank`` fixes how many of the top candidates the proximity re-ranking
    orders (default: ``RERANK_DEPTH``, or ``limit`` + 10 when more), so that every
    page comes from one ranking whatever its ``limit``. ``ranking`` names the re-ranking
    model (``search.rank.MODELS``): "search", fitted on the development queries, or
    "answers", the order the question reader's confidence was set on.

    When few passages hold every word, those holding some are ranked with them
    (by the share of the query they hold); ``every_word_first`` puts the few
    first instead, each group ranked on its own (the question reader weighs its
    candidates by that order).

    ``facet_top``: each facet lists its most frequent values only (None: every value),
    ``facets_more`` saying how many values, holding how many passages, were left out.
    """
    filters = filters or Filters()
    if sort not in ("relevance", "newest", "oldest"):
        raise QueryError(f"unknown sort {sort!r}", "use relevance, newest or oldest")
    if limit is not None and limit < 0:
        raise QueryError("--limit must be 0 or more", "e.g. --limit 10")
    if offset < 0 or (rerank is not None and rerank < 0):
        raise QueryError("offset and rerank must be 0 or more")
    if facet_top is not None and facet_top < 1:
        raise QueryError("the number of facet values shown must be 1 or more", "e.g. --facet-top 30")
    facet_fields = []
    for f in facets:
        if f not in FACET_FIELDS:
            raise QueryError(f"unknown facet {f!r}", "use one of: " + ", ".join(sorted(set(FACET_FIELDS) - {"people", "kinds"})))
        facet_fields.append(FACET_FIELDS[f])
    be = backend_for(index_dir)
    resolved: dict[str, str] = {}
    filter_q = _filter_query(be, filters, resolved)
    if texts is not None:
        filter_q = Q.and_([filter_q, Q.ValueSet("text_hash", frozenset(texts))])
    text, amount_ranges = _amount_clauses(query.strip())
    text = _loose_field_values(be, text)
    if amount_ranges:
        filter_q = Q.and_([filter_q] + [_amount_range(lo, hi, cur) for lo, hi, cur in amount_ranges])
    note = None
    note_corrected = None
    plain = False
    words = ""
    expanded = ""
    stops: frozenset[str] = frozenset()
    spelled: dict[str, list[str]] = {}  # acronyms nobody defined -> the words the papers spell them with
    q: Q.Node
    if text in ("", "*"):
        q = Q.Every()
    else:
        if _has_plain_words(text):
            text = _without_filler(text)
        corrected = _correct(be, text) if spelling else text
        searched = text
        if corrected != text:
            note_corrected, searched, text = corrected, _both(text, corrected), corrected
        joined = _joined_words(be, text) if spelling else {}
        if joined:
            # "campervans" in no paper: the papers' "camper vans" (the word as typed finds nothing)
            for typed, pair in joined.items():
                text, searched = _replace_word(text, typed, pair), _replace_word(searched, typed, pair)
            note_corrected = text
        plain = _has_plain_words(text)
        words = text  # free text: what the proximity re-ranking looks for
        stops = be.stop_words()
        if plain and spelling:
            spelled = _spelled_forms(be, searched, filter_q, stops)
        expanded = _expand_financial_years(_expand_acronyms(be, searched, spelled))
        q = syntax.parse(expanded, stop_words=stops)
    window = given = rerank
    rerank = plain and sort == "relevance" and limit is not None
    if rerank:
        # candidates for the proximity re-ranking: the passage holding the words close together
        # is often below the first 20 by BM25 alone (a long minute holding them far apart is above)
        window = max(limit + 10, RERANK_DEPTH) if window is None else window
        fetch = max(limit, window)
    else:
        fetch = limit
    total, raw, counts = be.run_query(
        q, filter_q=filter_q, limit=fetch, sort=sort, facets=tuple(facet_fields), snippet_terms=snippets,
        facet_top=facet_top,
    )
    if plain and total < FEW_HOLD_ALL and not every_word:
        # few passages hold every word: after them, rank those holding most of the words
        # ("few" is fixed, not the page size, so the total does not change with --limit)
        q_any = syntax.parse(expanded, any_word=True, stop_words=stops)
        total2, raw2, counts2 = be.run_query(
            q_any, filter_q=filter_q, limit=fetch, sort=sort, facets=tuple(facet_fields), snippet_terms=snippets,
            facet_top=facet_top,
        )
        if total2 > total:
            seen = {r.fields["passage_id"] for r in raw}
            extra = [r for r in raw2 if r.fields["passage_id"] not in seen]
            if rerank and not every_word_first:
                # one ranking of both: a passage holding every word is not put first for that
                # alone (a common word in a long minute), the words it misses cost it their weight
                raw = _rerank(be, raw + extra, words, window, spelled=spelled, ranking=ranking)
            elif rerank:
                raw = _rerank(be, raw, words, window, by_share=False)
                raw = raw + _rerank(be, extra, words, None if given is None else max(0, window - len(raw)), spelled=spelled,
                                   ranking=ranking)
            else:
                raw = raw + extra
            note = f"{total} hold every word; the rest hold some" if total else "any of the words"
            total, counts = total2, counts2
    elif rerank:
        raw = _rerank(be, raw, words, window, by_share=not every_word_first, spelled=spelled, ranking=ranking)
    raw = raw[offset:limit] if limit is not None else raw[offset:]
    hits = [hit_of_record(r.fields, r.score, r.snippet, snippets) for r in raw]
    if where_else:
        digests = {r.fields["passage_id"]: r.fields.get("text_hash", "") for r in raw if r.fields.get("text")}
        _also_in(be, hits, digests, places, {r.fields["text_hash"]: r.fields for r in raw if r.fields.get("text_hash")})
    facet_out: dict[str, dict[str, int]] = {}
    facet_more: dict[str, dict[str, Any]] = {}
    for name, fname in zip(facets, facet_fields):
        # most passages first, ties by value (the backend cut the top ones in that order)
        c = counts.get(fname, {})
        top = c if isinstance(c, FacetCounts) else top_values(c, facet_top)
        facet_out[name] = dict(top)
        if top.more_values:
            facet_more[name] = {"values": top.more_values, "passages": top.more_passages}
            if top.values_estimated:
                facet_more[name]["estimated"] = True
    res = SearchResult(query=query, total=total, hits=hits, facets=facet_out, facets_more=facet_more, resolved=resolved,
                       filters=filters.active())
    res.match = note or "all words"
    if (filters.since or filters.until) and not filters.undated:
        # say what the date range left out: papers that state no date cannot be placed in it
        undated_q = Q.and_([_filter_query(be, filters, {}, dates=False), Q.Term("year", UNDATED)])
        if amount_ranges:
            undated_q = Q.and_([undated_q] + [_amount_range(lo, hi, cur) for lo, hi, cur in amount_ranges])
        if texts is not None:
            undated_q = Q.and_([undated_q, Q.ValueSet("text_hash", frozenset(texts))])
        res.undated_left_out = be.run_query(q, filter_q=undated_q, limit=0, sort=sort, facets=())[0]
    res.corrected = note_corrected
    return res


_PLAIN_WORD = re.compile(r"(?<![\w:\"])([A-Za-z]{4,})(?![\w:\"*?~])")


def _correct(be: SearchBackend, text: str) -> str:
    """Replace words that appear nowhere in the papers by their closest indexed word."""
    if '"' in text:
        return text
    # a capitalised word is a name or a place the index may not hold ("Sinn Fein"): never changed
    # a word the equivalents know ("overdrawn" -> overdraft) is found through them, not "corrected"
    # to a real word nearby ("overgrown")
    known_words = be.per_generation("acronym words", lambda: _acronym_words(_acronym_table(be)))
    words = [m.group(1) for m in _PLAIN_WORD.finditer(text) if m.group(1)[:1].islower() and m.group(1).lower() not in known_words]
    fixes = _beside_other_words(be, text, be.correct_words(words)) if words else {}
    for wrong, right in fixes.items():
        text = _replace_word(text, wrong, right)
    return text


def _replace_word(text: str, typed: str, new: str) -> str:
    """``text`` with the word ``typed`` (not a field name's end nor part of a word) written ``new``."""
    return re.sub(rf"(?<![\w:]){re.escape(typed)}(?!\w)", new, text)


def _joined_words(be: SearchBackend, text: str) -> dict[str, str]:
    """Each word of the query no passage holds that joins two words the papers write side by side
    ("campervans": camper vans; "playarea": play area), with the two words (the pair most passages
    hold). A capitalised word is a name, left as typed; a word without such a pair is left to
    the spelling correction."""
    if '"' in text:
        return {}
    stops = be.stop_words()
    out: dict[str, str] = {}
    for m in _PLAIN_WORD.finditer(text):
        word = m.group(1)
        if not word[:1].islower() or len(word) < 6 or word in out or be.run_query(Q.Every(), filter_q=Q.Word(word), limit=0)[0]:
            continue
        best = (0, "")
        for i in range(3, len(word) - 2):
            a, b = word[:i], word[i:]
            if a in stops or b in stops or len(be.analyse(a)) != 1 or len(be.analyse(b)) != 1:
                continue
            n = be.run_query(Q.Every(), filter_q=Q.Phrase((a, b)), limit=0)[0]
            best = max(best, (n, f"{a} {b}"))
        if best[0]:
            out[word] = best[1]
    return out


def _beside_other_words(be: SearchBackend, text: str, fixes: dict[str, str]) -> dict[str, str]:
    """The corrections some passage holds beside another word of the query.

    A word the papers do not write is often a real word all the same ("frozen", "sell", "rail"):
    the nearest indexed word is then one no passage writes near the query's other words ("Foxen",
    a name in another paper; "seal"), and searching it would find passages about something else.
    A misspelling's correction stands beside them ("tinturn village hall": Tintern's village hall).
    """
    if not fixes:
        return fixes
    stops = be.stop_words()
    words = [w for w in re.findall(r"\w+", text) if len(w) > 2 and w.lower() not in stops]
    kept: dict[str, str] = {}
    for wrong, right in fixes.items():
        # the other words as corrected too: "childrn servces" is children beside services
        others = [fixes.get(w, w) for w in words if w.lower() != wrong.lower()]
        # a query of one word has nothing to check the correction against: it is kept
        if not others or be.run_query(Q.and_([Q.Word(right), Q.or_([Q.Word(w) for w in others])]), limit=0)[0]:
            kept[wrong] = right
    return kept


def _acronym_words(table: dict[str, list[str]]) -> frozenset[str]:
    """The short forms of the acronym table and every word of their long forms (made once
    per index generation: an archive's table holds thousands of acronyms)."""
    return frozenset(table) | {w for forms in table.values() for form in forms for w in form.split()}


def _filler_words() -> frozenset[str]:
    from paperfinder.datafiles import data_text

    return frozenset(w.strip() for w in data_text("query_filler_words.txt").splitlines() if w.strip() and not w.startswith("#"))


_FILLER = _filler_words()


def _without_filler(text: str) -> str:
    """A free-text query without the words that only make it a question; as typed if nothing else is left."""
    kept = [w for w in text.split() if w.lower().strip("?,.!") not in _FILLER]
    return " ".join(kept) if kept else text


def _both(original: str, corrected: str) -> str:
    """The corrected query that still searches the words as typed: "(council OR councel)"."""
    a, b = original.split(), corrected.split()
    if len(a) != len(b):
        return corrected
    return " ".join(y if x == y else f"({y} OR {x})" for x, y in zip(a, b))


def _acronym_table(be: SearchBackend) -> dict[str, list[str]]:
    """Each short form with its long forms, the papers' own first: one paper's "Limerick
    Against Pollution (LAP)" must not hide the "local area plan" of the others."""
    from paperfinder.recognise.acronyms import council_initials, curated_forms

    def table() -> dict[str, list[str]]:
        forms: dict[str, list[str]] = {}
        for value in sorted(be.field_values("acronyms")):
            acro, _, long = value.partition("=")
            if acro and long:
                forms.setdefault(acro, []).append(long)
        for acro, longs in curated_forms().items():
            for long in longs:
                if long not in forms.setdefault(acro, []):
                    forms[acro].append(long)
        # the councils whose papers are indexed, by their initials ("TCC": Tintern Community Council)
        for acro, long in council_initials(be.field_values("authority")).items():
            if long not in forms.setdefault(acro, []):
                forms[acro].append(long)
        return forms

    return be.per_generation("acronym table", table)


def _expand_acronyms(be: SearchBackend, text: str, spelled: dict[str, list[str]] | None = None) -> str:
    from paperfinder.recognise.acronyms import expand_query

    table = {**_acronym_table(be), **(spelled or {})}
    stops = be.stop_words()
    # an acronym that is also a stop word ("CAN": community action northwold) is one only
    # when typed in capitals; "how much can the council ..." is not about it
    capitals = set(re.findall(r"\b[A-Z]{2,}\b", text))
    table = {a: f for a, f in table.items() if a not in stops or a.upper() in capitals}
    return expand_query(text, table)


# how many passages holding the query's other words are read for the words an undefined acronym stands for
SPELLED_DEPTH = RERANK_DEPTH


def _spelled_forms(be: SearchBackend, text: str, filter_q: Q.Node, stops: frozenset[str]) -> dict[str, list[str]]:
    """Each acronym the query types ("LAP") that no paper defines and the equivalents do not know,
    with the runs of words spelling it ("local area plan") in the passages holding the query's
    words (the acronym's own passages among them): the papers of a council nobody has indexed
    before write their names out without defining them."""
    from paperfinder.recognise.acronyms import spelled_out, typed_acronyms

    table = _acronym_table(be)
    unknown = [a for a in typed_acronyms(text) if a.lower() not in table]
    if not unknown:
        return {}
    _total, raw, _counts = be.run_query(syntax.parse(text, any_word=True, stop_words=stops), filter_q=filter_q,
                                        limit=SPELLED_DEPTH, snippet_terms=False)
    out: dict[str, list[str]] = {}
    for acro in unknown:
        seen: dict[str, int] = {}
        rx = spelled_out(acro)
        for r in raw:
            for m in rx.finditer(r.fields.get("text", "")):
                form = " ".join(re.sub(r"[^\w]+", " ", m.group(0).lower()).split())
                seen[form] = seen.get(form, 0) + 1
        # the forms most passages write; minutes are full of capitalised words, so a short
        # acronym is spelled by chance ("BT": "Benches Trellech"): its form must recur
        least = {2: 3, 3: 2}.get(len(acro), 1)
        kept = sorted((f for f, n in seen.items() if n >= least), key=lambda f: (-seen[f], f))
        if kept:
            out[acro.lower()] = kept[:SPELLED_FORMS]
    return out


SPELLED_FORMS = 2  # the long forms an undefined acronym is searched with at most


_YEAR_PAIR = re.compile(r"\d{4}\s*[/-]\s*\d{2,4}")


def _financial_year_forms(text: str) -> dict[str, list[str]]:
    """Each financial year a query names ("2018/19") with the ways papers write it, as
    words: "2018 19" (2018/19, 2018-19) and "2018 2019" (2018/2019)."""
    if not _YEAR_PAIR.search(text):
        return {}
    from paperfinder.recognise.dates import financial_years

    out: dict[str, list[str]] = {}
    for fy in financial_years(text):
        typed = _YEAR_PAIR.search(fy.surface)
        if typed:
            y1 = int(fy.iso[:4])
            out[typed.group(0)] = [f"{y1} {(y1 + 1) % 100:02d}", f"{y1} {y1 + 1}"]
    return out


def _expand_financial_years(text: str) -> str:
    """A financial year in a free-text query finds each way papers write it: "2018/19"
    -> ("2018 19" OR "2018 2019"). Quoted phrases are left as typed."""
    from paperfinder.recognise.acronyms import outside_quotes

    def expanded(words: str) -> str:
        for typed, forms in _financial_year_forms(words).items():
            either = " OR ".join(f'"{form}"' for form in forms)
            words = re.sub(rf"(?<![\w/:-]){re.escape(typed)}(?![\w/-])", f"({either})", words, count=1)
        return words

    return outside_quotes(text, expanded)


def facet_values(index_dir: str | Path, name: str) -> dict[str, int]:
    """Every value of a facet field in the index with its number of passages, most first."""
    if name not in FACET_FIELDS:
        raise QueryError(f"unknown facet {name!r}", "use one of: " + ", ".join(sorted(set(FACET_FIELDS) - {"people", "kinds"})))
    values = backend_for(index_dir).field_values(FACET_FIELDS[name])
    return dict(sorted(((k, v) for k, v in values.items() if k), key=lambda kv: (-kv[1], kv[0])))


def _rerank(be: SearchBackend, raw: list, query_text: str, window: int | None, by_share: bool = True,
            spelled: dict[str, list[str]] | None = None, ranking: str = "search") -> list:
    """The first ``window`` candidates re-ranked by proximity (all of them for None); the rest as they were."""
    if window is None or window >= len(raw):
        return _by_proximity(be, raw, query_text, by_share, spelled, ranking)
    return _by_proximity(be, raw[:window], query_text, by_share, spelled, ranking) + raw[window:]


def _by_proximity(be: SearchBackend, raw: list, query_text: str, by_share: bool = True,
                  spelled: dict[str, list[str]] | None = None, ranking: str = "search") -> list:
    """Re-rank candidates: passages holding more of the query's rarer words, close together, rise.

    ``by_share=True``: by the fitted ranking model (``search.rank``) over what
    ``_rank_features`` measures of each candidate.
    ``by_share=False``: only passages holding every word in their text, by how close
    together (the ranking the question reader's confidence was fitted on).
    Done on the top candidates only, in Python, rather than as a phrase query
    over every match (whoosh decodes positions for each matching passage).
    """
    words = list(dict.fromkeys(be.analyse(query_text)))
    if len(words) < 2:
        return raw
    if by_share:
        return _learned_order(raw, _rank_features(be, raw, query_text, words, spelled), rank.load_model(ranking))
    want = set(words)
    for r in raw:
        tokens = be.analyse(r.fields.get("text", "")[:4000])
        best = _smallest_window(tokens, want)
        if best is not None:
            # the words within a window little longer than themselves: up to +60%
            r.score *= 1.0 + 0.6 * min(1.0, (len(want) + 2) / best)
    return sorted(raw, key=lambda r: -r.score)


def _learned_order(raw: list, feats: list[rank.RankFeatures], model: rank.RankModel) -> list:
    """The candidates sorted by the ranking model's score; a hit's score stays positive and
    in the engine's scale (the best engine score times the exponential of the model's)."""
    top = max((r.score for r in raw), default=0.0) or 1.0
    for r, f in zip(raw, feats):
        r.score = top * math.exp(max(-50.0, min(50.0, model.score(f))))
    return sorted(raw, key=lambda r: -r.score)


def _rank_features(be: SearchBackend, raw: list, query_text: str, words: list[str],
                   spelled: dict[str, list[str]] | None = None) -> list[rank.RankFeatures]:
    """What the ranking model weighs of each candidate (``search.rank.RankFeatures``), from one
    analysis of its text and heading (and of each document title once)."""
    want = set(words)
    weight = _term_weights(be, query_text, words)
    whole = sum(weight.values())
    # a query word the equivalents know is held by a passage that writes it the other way
    # ("overdrawn": overdraft; "LAP": local area plan)
    alts: dict[str, list[set[str]]] = {}
    table = {**_acronym_table(be), **(spelled or {})}
    for word in re.findall(r"\w+", query_text.lower()):
        # an acronym's plural ("HGVs", which English stemming keeps whole) is held as its
        # singular too, as the query's expansion searches it
        single = word[:-1] if word not in table and word.endswith("s") and word[:-1] in table else None
        for t in be.analyse(word):
            if single:
                alts.setdefault(t, []).append(set(be.analyse(single)))
            for form in table.get(single or word, []):
                alts.setdefault(t, []).append(set(be.analyse(form)))
    for typed, forms in _financial_year_forms(query_text).items():
        for t in be.analyse(typed):
            alts.setdefault(t, []).extend(set(be.analyse(form)) for form in forms)

    def held(present: set[str]) -> set[str]:
        return (present & want) | {t for t, fs in alts.items() if any(form and form <= present for form in fs)}

    def share(terms: set[str]) -> float:
        return sum(weight[w] for w in terms) / whole

    pairs = list(zip(words, words[1:]))
    # a paper's passages share their title and headings: each analysed and weighed once
    # (its terms, and the share of the query they hold)
    titles: dict[str, tuple[set[str], float]] = {}
    sections: dict[str, tuple[set[str], float]] = {}
    top = max((r.score for r in raw), default=0.0) or 1.0
    out = []
    for i, r in enumerate(raw):
        f = r.fields
        tokens = be.analyse(f.get("text", "")[:4000])
        text_terms = set(tokens)
        # the council a paper is of counts as its title: "portpatrick chair" names the council
        # whose minutes it wants, and a passage of them rarely repeats the council's name
        title = f"{f.get('title', '')}\n{f.get('authority', '')}"
        if title not in titles:
            terms = set(be.analyse(title))
            titles[title] = (terms, share(held(terms)))
        title_terms, title_share = titles[title]
        section = f.get("section", "")
        if section not in sections:
            terms = set(be.analyse(section))
            sections[section] = (terms, share(held(terms)))
        section_terms, section_share = sections[section]
        all_held = held(text_terms | title_terms | section_terms)
        in_text = all_held & text_terms
        near = 0.0
        if len(in_text) >= 2:
            best = _smallest_window(tokens, in_text)
            if best is not None:
                near = (len(in_text) / len(words)) * min(1.0, (len(in_text) + 2) / best)
        # a pair stands adjacent where " a b " is in the tokens joined by spaces (a term holds
        # none): one search of a string, not a set of every adjacent pair of the text (13 us)
        spaced = f" {' '.join(tokens)} " if pairs else ""
        out.append(rank.RankFeatures(
            engine=max(r.score, 0.0) / top,
            engine_rank=i,
            share=share(all_held),
            share_text=share(held(text_terms)),
            share_title=title_share,
            share_section=section_share,
            near=near,
            pairs=sum(1 for a, b in pairs if a in text_terms and b in text_terms and f" {a} {b} " in spaced) / len(pairs)
            if pairs else 0.0,
            tokens=len(tokens),
            section_type=f.get("section_type", ""),
            doc_type=f.get("doc_type", ""),
        ))
    return out


def _term_weights(be: SearchBackend, query_text: str, terms: list[str]) -> dict[str, float]:
    """Each index term of the query with its inverse document frequency (BM25's)."""
    # counted once per word until the index changes: a count is a search of its own
    counts: dict[str, int] = be.per_generation("passages per word", dict)
    if "" not in counts:
        counts[""] = be.run_query(Q.Every(), limit=0)[0] or 1
    n = counts[""]
    weight = {t: 0.0 for t in terms}
    for word in re.findall(r"\w+(?:[.'’]\w+)*", query_text):
        for t in be.analyse(word):
            if t in weight and not weight[t]:
                key = word.lower()
                if key not in counts:
                    counts[key] = be.run_query(Q.Every(), filter_q=Q.Word(word), limit=0)[0]
                weight[t] = math.log(1.0 + (n - counts[key] + 0.5) / (counts[key] + 0.5))
    # a term no single word gives (a word the analyser splits): the rarest weight
    top = max(weight.values()) or 1.0
    return {t: w or top for t, w in weight.items()}


def _smallest_window(tokens: list[str], want: set[str]) -> int | None:
    """Length of the shortest run of tokens holding every wanted word, or None."""
    # a shortest run starts and ends on wanted words: the window slides over their places only
    # (a passage's few hundred tokens hold a handful of them)
    places = [(i, t) for i, t in enumerate(tokens) if t in want]
    need = len(want)
    have: dict[str, int] = {}
    best = None
    left = 0
    for right, tok in places:
        have[tok] = have.get(tok, 0) + 1
        while len(have) == need:
            start, t = places[left]
            size = right - start + 1
            best = size if best is None or size < best else best
            have[t] -= 1
            if not have[t]:
                del have[t]
            left += 1
    return best


def _has_plain_words(text: str) -> bool:
    """True for free text (not an explicit boolean or phrase query)."""
    return not re.search(r'"|\b(AND|OR|NOT)\b|\w:', text) and len(text.split()) > 1
