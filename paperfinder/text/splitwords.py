"""Words the PDF text layer split, joined for indexing.

A PDF's text layer often breaks words: a hyphen at a line end ("regen-" /
"eration") or a stray space inside a word ("f unding", "Octo ber"). Searching
for "regeneration" or "funding" should find them, while what is shown and
quoted stays the paper's text. So the passage is indexed with such words
joined (``index_text``) and stored as it is.

Joins are made only on evidence from the document itself, since a wrong join
loses words a search would look for:

- a hyphenated line end is joined when the joined word occurs elsewhere in
  the document (and the paper does not write the hyphenated form more often),
  or when the second part starts in lower case and neither part is a word of
  the document nor the first a prefix that makes compounds ("regen-" /
  "eration" becomes "regeneration"; "decision-" / "making", "trip-" /
  "attracting", "non-" / "material" stay compounds);
- two pieces split by a space ("f unding", "Octo ber") are joined when the
  joined word occurs elsewhere in the document, neither piece is a word of the
  document on its own, and one is at most three letters ("grass roots" and
  "land owner" stay two words).

A piece is a word of the document when it occurs there other than as a piece
of a possible split, or is a common short word ("a bout" stays).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W\d_]+")
# a hyphen (or soft hyphen) ending a line, between two letter runs
_LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)[-\u00ad]\n([^\W\d_]+)")
# two letter runs one space apart, on one line; a lookahead, so pairs overlap ("a f unding")
_SPACED = re.compile(r"(?<![\w-])(?=([^\W\d_]+) ([^\W\d_]+)(?![\w-]))")
# a hyphenated line end after these is a compound ("non-material"), not a split word
_PREFIXES = frozenset(
    ["anti", "co", "cross", "de", "ex", "inter", "mid", "multi", "non", "over", "post", "pre", "pro", "re", "self", "semi", "sub", "un", "under"]
)
_MID_HYPHEN = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")
# short words that are words wherever they stand, however rare in one paper
_COMMON = frozenset([
    "a", "an", "am", "as", "at", "be", "by", "do", "go", "he", "i", "if", "in", "is", "it", "me", "my", "no", "of",
    "on", "or", "so", "to", "up", "us", "we", "and", "are", "but", "can", "for", "had", "has", "her", "him", "his",
    "its", "not", "one", "our", "out", "she", "the", "too", "two", "was", "who", "you",
])


@dataclass
class Vocabulary:
    """A document's words (lower case) with their counts, and how often each occurs
    as a piece of a possible split word (so a piece that occurs only there is no word)."""

    words: Counter = field(default_factory=Counter)
    pieces: Counter = field(default_factory=Counter)
    compounds: Counter = field(default_factory=Counter)  # "sub-committee" written within a line

    def is_word(self, piece: str) -> bool:
        """Common, or occurring in the document other than as a piece of a split word."""
        return piece in _COMMON or self.words[piece] > self.pieces[piece]


def vocabulary(texts: Iterable[str]) -> Vocabulary:
    """The vocabulary of a document's texts."""
    texts = list(texts)
    vocab = Vocabulary()
    for text in texts:
        vocab.words.update(w.lower() for w in _WORD.findall(text))
    for text in texts:
        vocab.compounds.update(f"{a}-{b}".lower() for a, b in _MID_HYPHEN.findall(text))
        for rx in (_LINE_END_HYPHEN, _SPACED):
            for first, second in rx.findall(text):
                first, second = first.lower(), second.lower()
                if rx is _LINE_END_HYPHEN or vocab.words[first + second] > 0:
                    vocab.pieces[first] += 1
                    vocab.pieces[second] += 1
    return vocab


def index_text(text: str, vocab: Vocabulary) -> str | None:
    """``text`` with split words joined for indexing, or None when nothing is joined."""
    if "-\n" in text or "\u00ad\n" in text:
        joined = _LINE_END_HYPHEN.sub(lambda m: _hyphen_join(m, vocab), text)
    else:
        joined = text
    joined = _join_spaced(joined, vocab)
    return joined if joined != text else None


def _hyphen_join(m: re.Match, vocab: Vocabulary) -> str:
    first, second = m.group(1), m.group(2)
    low1, low2 = first.lower(), second.lower()
    joined = vocab.words[low1 + low2]
    if joined > 0:
        return first + second if joined >= vocab.compounds[f"{low1}-{low2}"] else m.group(0)
    if second[:1].islower() and low1 not in _PREFIXES and not vocab.is_word(low1) and not vocab.is_word(low2):
        return first + second
    return m.group(0)


def _join_spaced(text: str, vocab: Vocabulary) -> str:
    if " " not in text:
        return text
    out, pos = [], 0
    for m in _SPACED.finditer(text):
        if m.start() < pos:  # a piece of the split just joined
            continue
        first, second = m.group(1), m.group(2)
        word = (first + second).lower()
        if len(word) < 4 or vocab.words[word] == 0:
            continue
        # a letter-case change inside the joined word ("Octo ber" is fine, "the Council" is not)
        if second[:1].isupper() and not first.isupper():
            continue
        if min(len(first), len(second)) > 3 or vocab.is_word(first.lower()) or vocab.is_word(second.lower()):
            continue
        end = m.start() + len(first) + 1 + len(second)
        out.append(text[pos : m.start()] + first + second)
        pos = end
    out.append(text[pos:])
    return "".join(out)
