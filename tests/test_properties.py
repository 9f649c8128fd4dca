"""Property-based tests (issue 8): money parser, sectioner, query parsing.

Each property runs 100-200 generated examples with no deadline, so the whole
module stays within a few seconds plus the one small index it builds.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from paperfinder.errors import QueryError
from paperfinder.model import Document, Line

from .conftest import corpus_file

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---- money ---------------------------------------------------------------------

from paperfinder.recognise import money  # noqa: E402  (a plain import: a missing module fails, it is not skipped)

find_money = money.find_money

# words that can stand next to an amount without changing it (no k/m/bn/million, no currency words)
SAFE_WORDS = ["the", "council", "agreed", "budget", "for", "scheme", "of", "in", "a", "total", "was", "cabinet",
              "approved", "funding", "year", "by", "and", "is", "report", "grant"]
safe_text = st.lists(st.sampled_from(SAFE_WORDS), max_size=6).map(" ".join)

MONEY_TOKENS = ["£", "€", "$", "EUR ", "GBP ", " euro", " pounds", "0", "1", "5", "9", "00", "000", "123", ",", ", ",
                ".", ". ", " ", "m", "k", "bn", "M", "K", "B", " million", " billion", "/", "-", "–", " to ", "(", ")",
                "'000", "%", "\t", "\n", "2020", "/21", "ten", "x"]
money_like = st.lists(st.sampled_from(MONEY_TOKENS), max_size=25).map("".join)


def _check_matches(text: str, found) -> None:
    last_end = 0
    for m in found:
        start, end, surface, value, currency = m
        assert 0 <= start < end <= len(text)
        assert text[start:end] == surface
        assert start >= last_end, f"overlapping matches in {text!r}: {found}"
        last_end = end
        assert isinstance(value, float) and math.isfinite(value) and value >= 0, (text, m)
        assert currency in ("GBP", "EUR", "USD")


@FAST
@given(st.one_of(st.text(max_size=80), money_like))
@example("£")
@example("£,")
@example("£.5")
@example("£1,00,000")
@example("€5,00 to £3m")
def test_find_money_never_raises_and_returns_spans_of_the_text(text):
    found = find_money(text)
    _check_matches(text, found)
    for scale in (True, 1_000_000):
        _check_matches(text, find_money(text, thousands=scale))


@FAST
@given(n=st.integers(min_value=0, max_value=10**12), before=safe_text, after=safe_text)
def test_pounds_with_thousands_commas_are_their_value(n, before, after):
    amount = f"£{n:,}"
    text = " ".join(x for x in (before, amount, after) if x)
    found = find_money(text)
    assert [(m.surface, m.value, m.currency) for m in found] == [(amount, float(n), "GBP")], text


def test_absurdly_long_amount_is_not_infinite():
    text = "A budget of £" + "9" * 400 + " was noted."
    assert all(math.isfinite(m.value) for m in find_money(text))


decimal_amounts = st.builds(
    lambda whole, frac: f"{whole}" + (f".{frac}" if frac else ""),
    st.integers(min_value=0, max_value=999),
    st.one_of(st.just(""), st.from_regex(r"\d{1,3}", fullmatch=True)),
)


@FAST
@given(x=decimal_amounts, unit=st.sampled_from(["m", "k", "bn", " million", " billion", "M"]), before=safe_text, after=safe_text)
def test_pounds_with_a_multiplier_are_scaled(x, unit, before, after):
    mult = {"m": 1e6, "M": 1e6, " million": 1e6, "k": 1e3, "bn": 1e9, " billion": 1e9}[unit]
    amount = f"£{x}{unit}"
    text = " ".join(s for s in (before, amount, after) if s) + "."
    found = find_money(text)
    assert len(found) == 1, (text, found)
    assert found[0].surface == amount
    assert found[0].value == pytest.approx(float(Decimal(x)) * mult, rel=1e-12)


years = st.integers(min_value=1990, max_value=2039)


@FAST
@given(
    y=years,
    form=st.sampled_from(["{y}/{z:02d}", "{y}-{z:02d}", "{y}/{y1}", "{y}", "{y} to {y1}", "FY{y}/{z:02d}", "{y}–{z:02d}"]),
    before=safe_text,
    after=safe_text,
)
def test_years_are_never_money(y, form, before, after):
    year = form.format(y=y, y1=y + 1, z=(y + 1) % 100)
    text = " ".join(s for s in (before, year, after) if s)
    assert find_money(text) == [], text


@FAST
@given(n=st.integers(min_value=1, max_value=10**9), y=years, before=safe_text)
def test_amount_next_to_a_year_keeps_its_value_and_the_year_is_not_read(n, y, before):
    year = f"{y}/{(y + 1) % 100:02d}"
    text = f"{before} £{n:,} in {year} and {year} again".strip()
    found = find_money(text)
    assert [(m.surface, m.value) for m in found] == [(f"£{n:,}", float(n))], text
    year_at = text.index(year)
    assert all(m.end <= year_at for m in found)


# ---- sectioner -----------------------------------------------------------------

from paperfinder.ingest.sections import passages_of  # noqa: E402

LINE_TEMPLATES = [
    "# {w}", "## {n}. {W}", "### {W}", "{n}. {W}", "{n}.{m} {w} {w} {w}.", "- {n}.{m}. {w} {w}", "{W}",
    "{Wc} {wc}", "RESOLVED", "Resolved:", "Appendix {A}", "Annex {n}", "ACTION: {w}", "- {w} {w}", "(a) {w}",
    "{w}\t£{n}k\t£{m}k", "| {w} | {n} |", "{w} {w} {w} {w} {w} {w} {w} {w} {w}.", "{w}, {w};", "Contents .......... {n}",
    "{long}",
]
WORDS = ["council", "budget", "report", "the", "members", "noted", "agreed", "housing", "scheme", "of", "financial"]


@st.composite
def line_texts(draw):
    if draw(st.booleans()):
        no_breaks = st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        text = draw(st.text(alphabet=no_breaks, min_size=1, max_size=60))
    else:
        tpl = draw(st.sampled_from(LINE_TEMPLATES))
        w = lambda: draw(st.sampled_from(WORDS))  # noqa: E731
        text = re.sub(r"\{(\w+)\}", lambda m: {
            "w": w, "W": lambda: w().upper() + " " + w().upper(), "Wc": lambda: w().capitalize(), "wc": w,
            "n": lambda: str(draw(st.integers(1, 20))), "m": lambda: str(draw(st.integers(1, 20))),
            "A": lambda: draw(st.sampled_from("ABC123")),
            "long": lambda: " ".join(draw(st.sampled_from(WORDS)) for _ in range(draw(st.integers(200, 900)))),
        }[m.group(1)](), tpl)
    assume(text.strip())
    return text.strip()


@st.composite
def documents(draw, repeat_numbers: bool = False):
    texts = draw(st.lists(line_texts(), min_size=1, max_size=60))
    lines, no = [], 0
    for t in texts:
        step = draw(st.sampled_from([0, 1, 1, 1, 2, 3])) if repeat_numbers and lines else draw(st.sampled_from([1, 1, 1, 2, 3]))
        no += step
        lines.append(Line(max(no, 1), t))
    return Document(doc_id="gen-abc123", source="gen.txt", lines=lines)


def _check_passages(doc: Document, strict: bool) -> None:
    given_lines = [(l.no, l.text) for l in doc.lines]
    passages = passages_of(doc)
    assert passages, "a document with text has at least one passage"
    got = []
    for p in passages:
        assert p.line_nos, p
        texts = p.text.split("\n")
        assert len(texts) == len(p.line_nos)
        got.extend(zip(p.line_nos, texts))
        assert p.line_start == p.line_nos[0] and p.line_end == p.line_nos[-1]
        assert p.line_start <= p.line_end
        assert p.line_nos == sorted(p.line_nos)
    # every non-blank line lands in exactly one passage, in order, unchanged
    assert got == given_lines
    for a, b in zip(passages, passages[1:]):
        assert (a.line_end < b.line_start) if strict else (a.line_end <= b.line_start), (a.line_end, b.line_start)
    assert len({p.passage_id for p in passages}) == len(passages)


@FAST
@given(documents())
def test_every_line_lands_in_exactly_one_passage_in_order(doc):
    _check_passages(doc, strict=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(repeat_numbers=True))
def test_wrapped_lines_sharing_a_number_stay_in_order(doc):
    """A very long line is cut into pieces that keep its number: spans may touch but not cross."""
    _check_passages(doc, strict=False)


# ---- query parsing -------------------------------------------------------------

@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    """Two real papers, indexed with the full pipeline once for this module."""
    from paperfinder.index.build import index_paths

    index_dir = tmp_path_factory.mktemp("prop-index")
    report = index_paths([str(corpus_file("000")), str(corpus_file("001"))], index_dir)
    assert report.added == 2 and not report.skipped
    return index_dir


QUERY_TOKENS = [
    "budget", "growth", "council", "Clinical", "Practice", "team", "Westminster", "placements", "children", "café",
    "AND", "OR", "NOT", "and", "or", "not", "TO", '"', '"', "(", ")", "[", "]", "{", "}", "-", "+", "*", "?", "~", "~2",
    "^", "^2", ":", "'", "\\", "/", ",", ".", "!", "&", "|", "title:", "section:", "text:", "person:", "authority:",
    "heading:", "type:", "kind:", "year:", "date:", "amount:", "amount:>", "amount:<=", "amount:>£", "amount:=",
    "£1.5m", "500,000", "5m", "2020/21", "2020", "0", "1e309", "-1", "*:*", "source:", "passage_id:", "nosuchfield:",
    "<", ">", ">=", "=", "%", "$", "€", "—", "\t", "  ", "\u00a0", "\u200b", "😀", "x" * 300,
]
query_strings = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(QUERY_TOKENS), min_size=1, max_size=12).flatmap(
        lambda toks: st.sampled_from([" ".join(toks), "".join(toks)])
    ),
)


def _search_raises_only_domain_errors(index_dir, q, facets) -> None:
    """A query the user got wrong may be a QueryError; any other exception, a
    PaperfinderError about the (sound) index included, is a bug and fails."""
    from paperfinder.search.service import search

    try:
        result = search(q, index_dir, facets=facets)
    except QueryError:
        return
    assert result.total >= 0
    for h in result.hits:
        assert h.source and h.line_start <= h.line_end


QUERY_SETTINGS = settings(max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@QUERY_SETTINGS
@given(q=query_strings, facets=st.sampled_from([(), ("authority", "year")]))
@example(q='budget"', facets=())
def test_no_query_raises_anything_but_a_paperfinder_error(small_index, q, facets):
    _search_raises_only_domain_errors(small_index, q, facets)


def _balance_quotes(q: str) -> str:
    return q + '"' if q.count('"') % 2 else q


@QUERY_SETTINGS
@given(q=query_strings.map(_balance_quotes), facets=st.sampled_from([(), ("authority", "year")]))
@example(q='"unclosed phrase"', facets=())
@example(q="amount:>", facets=())
@example(q="amount:>£1.5m budget", facets=())
@example(q="(((", facets=())
@example(q="title:", facets=())
@example(q="NOT", facets=())
@example(q="budget~99", facets=())
@example(q="[a TO", facets=())
@example(q="*", facets=("authority",))
def test_no_query_with_balanced_quotes_raises_anything_but_a_paperfinder_error(small_index, q, facets):
    """The same property over the queries the stray-quote bug above does not reach."""
    _search_raises_only_domain_errors(small_index, q, facets)


def test_real_query_finds_real_passages(small_index):
    """The property above must not pass vacuously: the index answers real queries."""
    from paperfinder.search.service import search

    result = search("Clinical Practice Team budget growth", small_index)
    assert result.total > 0
    assert any("Clinical Practice" in h.text for h in result.hits)


@FAST
@given(st.lists(st.sampled_from("abcdef"), max_size=30), st.sets(st.sampled_from("abcdefg"), min_size=1, max_size=4))
@example(["a", "x", "b", "a", "b"], {"a", "b"})
def test_smallest_window_is_the_shortest_run_holding_every_word(tokens, want):
    from paperfinder.search.service import _smallest_window

    runs = [j - i + 1 for i in range(len(tokens)) for j in range(i, len(tokens)) if want <= set(tokens[i:j + 1])]
    assert _smallest_window(tokens, want) == (min(runs) if runs else None)
