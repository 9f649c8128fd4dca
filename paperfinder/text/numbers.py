"""Numbers written as words ("carried by 22 votes to one", "three bids were received"), defined once."""

from __future__ import annotations

__all__ = ["NUMBER_WORDS", "number_value"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}


def number_value(written: str) -> int:
    """The value of a count written in figures or as one word ("22", "one", "Nil" or "none" for 0)."""
    w = written.strip().lower()
    if w in ("nil", "none", "no"):
        return 0
    return int(w) if w.isdigit() else NUMBER_WORDS[w]
