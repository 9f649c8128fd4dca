"""The tantivy schema, its analysers, and a passage's index record as a tantivy document.

A passage's record (``index.records.passage_record``) is kept whole as one stored
JSON string (``record``): tantivy's document store compresses it, and hits give
back exactly the fields whoosh's stored fields give. Everything searched, sorted
or counted is indexed beside it in fields of its own, none stored.
"""

from __future__ import annotations

import json
import re
from typing import Any

import tantivy

SCHEMA_VERSION = 3  # 2: index_section (a shared heading indexed once); 3: the text's terms in the record (TERMS)

# whoosh's English stop words (whoosh.analysis.STOP_WORDS), so that both backends drop the same
# words; single letters and digits too, which whoosh's StopFilter drops by length (minsize 2)
STOP_WORDS: frozenset[str] = frozenset(
    "a an and are as at be by can for from have if in is it may not of on or tbd that the this to us we when will with yet you your".split()
)
_SHORT = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(d) for d in range(10)]

# the whoosh backend's token pattern (\w+(\.?\w+)*): "4.1" and "e.g" stay whole
TOKEN_PATTERN = r"\w+(?:\.\w+)*"  # the same matches as whoosh's, and faster for Rust's regex engine

TEXT_TOKENIZER = "pf_text"  # lower case, accents folded, stop words out, English stemming
EXACT_TOKENIZER = "pf_exact"  # the same with stop words kept: phrases written with them
PLAIN_TOKENIZER = "pf_plain"  # lower case, accents folded: attendance lists ("present:Butler")
NO_TOKENIZER = "pf_none"  # the stored record: indexed as no term at all

# field -> boost of its score. whoosh's field boosts (title 1.5, heading 2.0) scale a term's
# weight before BM25 saturates it; tantivy's would scale the score, and its BM25 (b=0.75, not
# whoosh's 0.6) already favours short fields: on tests/gold/queries.jsonl (corpus-dev) search
# MRR@10 was 0.523 with 1.5/2.0, 0.566 with 1.25/1.4, 0.594 with none (whoosh 0.587)
TEXT_FIELDS = {"title": 1.0, "section": 1.0, "text": 1.0}
ANALYSED = {"title": TEXT_TOKENIZER, "section": TEXT_TOKENIZER, "text": TEXT_TOKENIZER, "exact": EXACT_TOKENIZER, "present": PLAIN_TOKENIZER}
# keyword fields: one value each, or comma-separated lists in the record (whoosh's ID and KEYWORD)
SINGLE = ("passage_id", "doc_id", "pack_id", "source", "filekey", "section_type", "doc_type", "authority", "date", "year", "text_hash")
MULTI = ("authorities", "about", "people", "passage_people", "present_names", "acronyms", "kinds")
CURRENCIES = ("gbp", "eur", "usd", "cad", "aud", "nzd", "other")
AMOUNTS = ("amount",) + tuple(f"amount_{c}" for c in CURRENCIES)
# in the record for re-adding a passage (its primary copy changing), but not among the fields a hit gives
HIDDEN = ("present", "present_names") + AMOUNTS[1:]
# the facet columns whoosh keeps; here the keyword fields themselves are counted
NOT_KEPT = ("people_col", "kinds_col", "_stored_text", "_stored_section")

# in the stored record: the terms ``analyzer(TEXT_TOKENIZER)`` gives its text, space-separated.
# The search's re-ranking analyses each candidate's text, ~70 us a passage in tantivy's regex
# tokenizer (200 candidates: 14 ms); read with the record, they cost a split
TERMS = "_terms"

SEQ_BITS = 37  # sort keys: the date (27 bits) in the high bits, the passage's place in the index (37 bits) below


def _plain() -> tantivy.TextAnalyzerBuilder:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(TOKEN_PATTERN)).filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())


def _analyzer(stop: bool, stem: bool) -> tantivy.TextAnalyzer:
    b = _plain()
    b = b.filter(tantivy.Filter.custom_stopword(sorted(STOP_WORDS | set(_SHORT)) if stop else _SHORT))
    if stem:
        b = b.filter(tantivy.Filter.stemmer("english"))
    return b.build()


_ANALYZERS: dict[str, tantivy.TextAnalyzer] = {}


def analyzer(name: str) -> tantivy.TextAnalyzer:
    """One of the analysers above, made once per process."""
    a = _ANALYZERS.get(name)
    if a is None:
        if name == TEXT_TOKENIZER:
            a = _analyzer(stop=True, stem=True)
        elif name == EXACT_TOKENIZER:
            a = _analyzer(stop=False, stem=True)
        elif name == PLAIN_TOKENIZER:
            a = _plain().build()
        elif name == NO_TOKENIZER:
            # JSON text never holds a raw NUL (json.dumps writes \u0000): no token is ever found.
            # Anchored (tantivy's \A is where the text, or the last token, starts): its regex
            # scan of every record (about 5 times its text) for "\x00" cost about 25 ns a byte,
            # a quarter of the engine's indexing CPU (issue 17); tried at the first character
            # only, it costs nothing and finds the same: no token
            a = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex("\\A\x00")).build()
        else:
            raise KeyError(name)
        _ANALYZERS[name] = a
    return a


def register(index: tantivy.Index) -> tantivy.Index:
    """Give an opened index the analysers its schema names (tantivy keeps them per index object)."""
    for name in (TEXT_TOKENIZER, EXACT_TOKENIZER, PLAIN_TOKENIZER, NO_TOKENIZER):
        index.register_tokenizer(name, analyzer(name))
    return index


def make_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("record", stored=True, tokenizer_name=NO_TOKENIZER, index_option="basic")
    sb.add_unsigned_field("primary", stored=True, indexed=True, fast=True)  # 1: the copy of its text that is searched
    sb.add_unsigned_field("seq", indexed=True, fast=True)  # the passage's place in the index (order of writing)
    sb.add_unsigned_field("sort_date", fast=True)  # date, then place: oldest first ascending, newest first descending
    for name, tok in ANALYSED.items():
        sb.add_text_field(name, tokenizer_name=tok, index_option="position")
    for name in SINGLE + MULTI:
        # fast: facets, value lists and the files of the index are counted from these
        sb.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    for name in AMOUNTS:
        sb.add_float_field(name, indexed=True, fast=name == "amount")
    return sb.build()


def date_number(date: str) -> int:
    """"2019-03-07" -> 20190307, "2019-03" -> 20190300, "" -> 0: ordered as the strings are."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date or "")
    if not m:
        return 0
    return int(m.group(1)) * 10000 + int(m.group(2) or 0) * 100 + int(m.group(3) or 0)


def exact_text(fields: dict[str, Any]) -> str:
    return "\n".join(str(fields.get(k) or "") for k in ("title", "section", "text"))


def _values(v: Any) -> list[str]:
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v if x]
    return [p.strip() for p in str(v or "").split(",") if p.strip()]


def record_of(fields: dict[str, Any]) -> dict[str, Any]:
    """The record kept for a passage: what a hit gives back (the shown text as ``text``),
    and what re-adding it needs."""
    rec = {k: v for k, v in fields.items() if k not in NOT_KEPT and k != "primary"}
    if fields.get("_stored_text"):
        rec["text"] = fields["_stored_text"]
    if fields.get("_stored_section") is not None:
        rec["section"] = fields["_stored_section"]
    return rec


def document_json(rec: dict[str, Any], stored: str | None = None) -> str:
    """The tantivy document of a record (as ``record_of`` makes it), as JSON without its closing
    brace: the writer adds the fields it decides (primary copy, place, sort keys). ``stored``: the
    record as an index stored it (``rec`` read from it), written again as it is, its terms with it."""
    doc: dict[str, Any] = {"record": stored if stored is not None else json.dumps(_with_terms(rec), ensure_ascii=False)}
    for k in ("title", "section"):
        doc[k] = str(rec.get(k) or "")
    if rec.get("index_section") is not None:
        doc["section"] = str(rec["index_section"])
    indexed = rec.get("index_text") or rec.get("text") or ""
    doc["text"] = indexed
    doc["exact"] = "\n".join((doc["title"], doc["section"], indexed))
    doc["present"] = str(rec.get("present") or "")
    for k in SINGLE:
        v = rec.get(k)
        if v:
            doc[k] = str(v)
    for k in MULTI:
        vals = _values(rec.get(k))
        if vals:
            doc[k] = vals
    for k in AMOUNTS:
        v = rec.get(k)
        if v is not None and v != []:
            doc[k] = [float(x) for x in (v if isinstance(v, (list, tuple)) else [v])]
    return json.dumps(doc, ensure_ascii=False)[:-1]


def _with_terms(rec: dict[str, Any]) -> dict[str, Any]:
    text = rec.get("text")
    if not isinstance(text, str):
        return rec
    terms = analyzer(TEXT_TOKENIZER).analyze(text)
    joined = " ".join(terms)
    if joined.count(" ") != max(0, len(terms) - 1) or "" in terms:
        return rec  # a term holding a space (or none at all) would not split back: analysed when read
    return {**rec, TERMS: joined}


def finish_json(doc: str, primary: bool, seq: int, date_num: int) -> str:
    """A document from ``document_json`` with the writer's fields."""
    return f'{doc},"primary":{1 if primary else 0},"seq":{seq},"sort_date":{(date_num << SEQ_BITS) | seq}}}'


def hit_fields(record: str, primary: int, terms: dict[str, str] | None = None) -> dict[str, Any]:
    """A stored record as the fields of a hit (as the whoosh backend gives them); ``terms``
    (text -> its stored TERMS) is given the text's terms."""
    fields = json.loads(record)
    for k in HIDDEN:
        fields.pop(k, None)
    joined = fields.pop(TERMS, None)
    if terms is not None and joined is not None:
        terms[fields["text"]] = joined
    fields["primary"] = "1" if primary else "0"
    return fields
