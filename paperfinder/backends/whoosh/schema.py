"""The versioned schema and the text analyser (with its fast indexing path)."""

from __future__ import annotations

import re
import warnings
from typing import Any

with warnings.catch_warnings():
    # whoosh 2.7.4 uses escape sequences that newer Pythons warn about at import
    warnings.simplefilter("ignore")
    from whoosh import formats
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
    from whoosh.lang.porter2 import stem as porter2_stem
    from whoosh.support.charset import accent_map




# 10: line_pages (PDF page of each line of a passage), index_text; 11: about, folded accents; 12: amounts by currency, present;
# 13: exact (every word, stop words too, for phrases as written); 14: index_section (a shared heading indexed once);
# 15: English stemming by Porter2, as the tantivy backend's (whoosh's Porter never undoubles: "cutting" -> "cutt")
SCHEMA_VERSION = 15


# \w+(\.?\w+)* keeps "4.1" and "e.g" whole and never glues markdown ** to a word
TOKEN_PATTERN = r"\w+(\.?\w+)*"


def _text_analyzer(stop_words: bool = False):
    # accents fold for matching ("Sinn Fein" finds "Sinn Féin"); stored text keeps them.
    # ``stop_words``: every word of two letters or more, stop words too (the ``exact`` field)
    # Porter2, the English stemmer the tantivy backend uses: whoosh's default Porter leaves a doubled
    # consonant ("cutting" -> "cutt", "submitted" -> "submitt"), so "cut" missed "cutting" here and not there
    stops = StopFilter(stoplist=()) if stop_words else StopFilter()
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map) | stops | StemFilter(stemfn=porter2_stem)


def _exact_text(fields: dict[str, Any]) -> str:
    """What the ``exact`` field indexes: the passage's title, heading and text, as the
    ranking fields hold them between them."""
    return "\n".join(str(fields.get(k) or "") for k in ("title", "section", "text"))


def stop_words() -> frozenset[str]:
    """Words too common to search for unless quoted in a phrase (whoosh's English list)."""
    from whoosh.analysis import STOP_WORDS

    return frozenset(STOP_WORDS)


class _Text(TEXT):
    """A TEXT field that indexes the terms, positions and weights whoosh's analyzer
    chain gives, without running the chain token by token (most of whoosh's
    indexing time). Queries and highlighting still use the analyzer itself."""

    def index(self, value, **kwargs):
        chain = _plain_chain(self.analyzer)
        if chain is None or not isinstance(value, str) or type(self.format) is not formats.Positions:
            yield from super().index(value, **kwargs)
            return
        first, terms = _chain_terms(chain, value)
        # StopFilter renumbers: the first word kept keeps its place, the next ones follow it
        positions: dict[str, list[int]] = {}
        for k, term in enumerate(terms):
            positions.setdefault(term, []).append(first + k)
        boost, encode = self.format.field_boost, self.format.encode
        for term, poslist in positions.items():
            yield term.encode("utf-8"), len(poslist), float(len(poslist)) * boost, encode(poslist)


_STEMS: dict[str, str] = {}


def _chain_terms(chain, text: str) -> tuple[int, list[str]]:
    """What a ``_plain_chain`` analyzer gives for ``text``: the place of the first word it
    keeps (-1 when none) and the terms in order (lower-cased, folded, stop words and short
    words left out, stemmed)."""
    words, fold, stops, minsize, stem = chain
    if text.isascii():  # lowercasing ASCII first cannot change what the tokenizer matches
        tokens = words.findall(text.lower())
    else:
        tokens = [t.lower().translate(fold) for t in words.findall(text)]
    first = -1
    terms: list[str] = []
    for i, t in enumerate(tokens):
        if len(t) < minsize or t in stops:
            continue
        if first < 0:
            first = i
        term = _STEMS.get(t)
        if term is None:
            term = _STEMS[t] = stem(t)
        terms.append(term)
    if len(_STEMS) > 500_000:
        _STEMS.clear()
    return first, terms


def _plain_chain(analyzer):
    """(words regex, fold table, stop words, min length, stem function) of a
    RegexTokenizer | LowercaseFilter | CharsetFilter | StopFilter | StemFilter chain, else None."""
    items = getattr(analyzer, "items", None)
    if (
        not items
        or [type(x) for x in items] != [RegexTokenizer, LowercaseFilter, CharsetFilter, StopFilter, StemFilter]
        or items[0].gaps
        or items[3].max is not None
        or not items[3].renumber
        or items[4].ignore
        or items[4].lang
        or items[0].expression.pattern != TOKEN_PATTERN
    ):
        return None
    return _WORDS, items[2].charmap, items[3].stops, items[3].min, items[4].stemfn


# TOKEN_PATTERN with its group non-capturing, so findall gives whole words; its matches
# do not depend on case, so ASCII text may be lowercased before it is split
_WORDS = re.compile(r"\w+(?:\.?\w+)*")


def make_schema() -> Schema:
    """The versioned schema: every field of the contract's search hit."""
    text = _text_analyzer()
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        pack_id=ID(stored=True),
        source=ID(stored=True),
        filekey=ID(stored=True, sortable=True),  # source + "\0" + content hash: what was indexed
        title=_Text(analyzer=text, stored=True, field_boost=1.5),
        section=_Text(analyzer=text, stored=True, field_boost=2.0),
        text=_Text(analyzer=text, stored=True, phrase=True),
        # the passage's title, heading and text again, stop words included, for phrases written with
        # them ("not to confirm"): a field of its own, so that ranking fields keep their lengths and weights
        exact=_Text(analyzer=_text_analyzer(stop_words=True), stored=False, phrase=True),
        section_type=ID(stored=True, sortable=True),
        doc_type=ID(stored=True, sortable=True),
        authority=ID(stored=True, sortable=True),
        authorities=KEYWORD(commas=True, stored=True, scorable=False),
        about=KEYWORD(commas=True, stored=True, scorable=False),
        people=KEYWORD(commas=True, stored=True, scorable=False),
        passage_people=KEYWORD(commas=True, stored=True, scorable=False),
        # a meeting's attendance list: words for "present:Butler", whole names for --present
        present=TEXT(analyzer=RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map), stored=False),
        present_names=KEYWORD(commas=True, stored=False, scorable=False),
        acronyms=KEYWORD(commas=True, stored=True, scorable=False),  # "mash=multi agency safeguarding hub"
        primary=ID(stored=True, sortable=True),  # "1" for the first copy of a text; copies in other files are "0"
        # multi-valued facets kept as one column each, counted by splitting on ","
        people_col=ID(sortable=True),
        kinds_col=ID(sortable=True),
        date=ID(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        amount=NUMERIC(float, bits=64, stored=True, shift_step=16),  # fewer range terms: faster writes
        # the same amounts by currency, for ranges in one currency ("amount:>€10m")
        **{f"amount_{c}": NUMERIC(float, bits=64, stored=False, shift_step=16) for c in ("gbp", "eur", "usd", "cad", "aud", "nzd", "other")},
        kinds=KEYWORD(commas=True, stored=True, scorable=False),
        line_start=STORED(),
        line_end=STORED(),
        paragraphs=STORED(),
        line_nos=STORED(),
        line_pages=STORED(),
        index_text=STORED(),  # the text as indexed when it differs from the shown text (split words joined)
        index_section=STORED(),  # the heading path as indexed when it leaves out a heading shared by many passages
        entities=STORED(),
        text_hash=ID(stored=True, sortable=True),
        doc_meta=STORED(),
    )




_ANALYZER = None  # one analyzer for ``analyse``: its stemmer keeps a cache of the words it has seen


def analyse(text: str) -> list[str]:
    """The terms the body field would index for ``text`` (lower-cased, stemmed, no stop words),
    in order; the ranking reads every candidate's text through this, so it takes the
    indexing's fast path (``_Text.index``) rather than running the chain token by token."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = _text_analyzer()
    chain = _plain_chain(_ANALYZER)
    if chain is None:
        return [t.text for t in _ANALYZER(text)]
    return _chain_terms(chain, text)[1]


def analyse_word(word: str) -> list[str]:
    """``analyse`` of one lower-case word of letters, without the analyser chain (the
    spelling rule stems hundreds of one-letter edits of a word)."""
    global _ANALYZER
    if not (word.isascii() and word.isalpha() and word.islower()):
        return analyse(word)
    if _ANALYZER is None:
        _ANALYZER = _text_analyzer()
    chain = _plain_chain(_ANALYZER)
    if chain is None:
        return analyse(word)
    _words, _fold, stops, minsize, stem = chain
    if len(word) < minsize or word in stops:
        return []
    term = _STEMS.get(word)
    if term is None:
        term = _STEMS[word] = stem(word)
    return [term]
