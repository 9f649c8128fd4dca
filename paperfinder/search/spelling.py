"""Spelling correction, the rule every backend follows (engine-free).

A word the papers never write ("dispsal", "milbrun") is corrected to a word they
do write: first a word one edit away from it *as typed* (a letter left out, added,
changed, or two letters swapped: "disposal", "milburn"), the one most passages hold;
only when there is none, the most frequent indexed term within one or two edits of
the typed word's stem (the backend's own term list). Comparing the typed word,
not its stem, keeps "dispsal" from becoming "display" (its stem is two edits from
"display" but three from "dispos") and "smelly" from becoming "small".

A word English writes is not a misspelling ("mowing", "firms", "paused", "someone"): a small
index lacks most words, and the nearest one it holds is another word ("more", "forms", "passed",
"some"). Such a word only loses a last letter the stemmer leaves ("smelly" -> "smell", a word
the stemmer keeps whole); the other corrections are for words English does not write ("movments",
"contarct"). The English words are pyspellchecker's frequency list, loaded on the first word no
passage holds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str) -> set[str]:
    """Every string one edit from ``word``: a letter deleted, swapped with the next, changed, or inserted."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0]}
    out |= {a + c + b for a, b in splits for c in LETTERS}
    out.discard(word)
    return out


@lru_cache(maxsize=1)
def _english():
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def english_word(word: str) -> bool:
    """True for a word of written English (lower case)."""
    return bool(_english().known([word]))


def needs_correction(word: str, analyse: Callable[[str], list[str]], doc_freq: Callable[[str], int]) -> str | None:
    """The word's one stem when no passage holds it (so it may be corrected), else None.

    A word one passage holds is never changed, however rare: "granny" is not "grant".
    """
    low = word.lower()
    stems = analyse(low)
    if len(low) < 4 or not low.isalpha() or len(stems) != 1 or doc_freq(stems[0]) > 0:
        return None
    return stems[0]


def searched_near(word: str) -> bool:
    """True when a word no passage holds may become any indexed term near its stem (the last
    resort after one edit as typed): a misspelling, not a word of English."""
    return not english_word(word.lower())


def one_edit_stem(word: str, analyse: Callable[[str], list[str]], doc_freq: Callable[[str], int]) -> str | None:
    """The indexed stem of the most frequent word one edit from ``word`` as typed, or None
    (for a word of English, only itself less its last letter, a word the stemmer leaves whole).

    The first letter is kept (as the stem search keeps it): a typo rarely starts a word.
    """
    low = word.lower()
    best: tuple[int, str] | None = None
    seen: dict[str, int] = {}
    # a word of English is not misspelt: at most it is a word the stemmer leaves whole with a
    # last letter more ("smelly": smell; not "former": "forme", which the stemmer cuts to "form")
    english = english_word(low)
    for cand in {low[:-1]} if english else one_edit(low):
        if not cand or cand[0] != low[0] or len(cand) < 3:
            continue
        stems = analyse(cand)
        if len(stems) != 1 or (english and stems[0] != cand):
            continue
        st = stems[0]
        if st not in seen:
            seen[st] = doc_freq(st)
        df = seen[st]
        if df and (best is None or (df, st) > best):
            best = (df, st)
    return best[1] if best else None
