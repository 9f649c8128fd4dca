"""Where paper text leaves paperfinder: the terminal, the spreadsheet and the feed.

Papers are outside input. Their text may hold terminal escape sequences
(``ESC]0;...BEL`` sets the window title, ``ESC]52;...`` writes the clipboard,
``ESC[8m`` hides text), square brackets and backslashes that rich would read
as markup, or cells a spreadsheet would run as a formula. Every text output of
the command goes through ``terminal`` (or ``marked`` for snippets) and every
CSV cell through ``cell``; nothing else turns paper text into either. Text
for an XML document (the Atom feed of a watch) goes through ``xml_text`` and
then an XML library, which escapes markup.
"""

from __future__ import annotations

import re

# escape sequences, removed whole (their payload is not text either): CSI (ESC [ or
# 0x9b) ... final byte; OSC, DCS, SOS, PM, APC (ESC ] P X ^ _ or 0x9d 0x90 0x98 0x9e 0x9f)
# ... up to BEL or ST (ESC \ or 0x9c), or the end of the text when unterminated;
# any other ESC and the character after it
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x7e]?"
)
# other control characters (tab and newline stay) and the bidirectional overrides
# that make a terminal show text in another order than it is ("Trojan source")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# what rich reads as a tag, with the backslashes before it (see rich.markup.escape)
_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
_TRAILING_BACKSLASHES = re.compile(r"(\\+)$")


def plain(text: object) -> str:
    """Text safe to show on a terminal: no escape sequences or control characters,
    and file names that are not UTF-8 spelled with ``\\xNN`` escapes."""
    s = str(text)
    if not s.isascii():
        # lone surrogates (a file name's undecodable bytes) cannot be written out
        s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if "\x1b" in s or not s.isprintable():
        s = _CONTROL.sub("", _SEQUENCE.sub("", s))
    return s


def terminal(text: object) -> str:
    """Paper text as rich markup that prints exactly as ``plain(text)``."""
    s = _TAG.sub(lambda m: m.group(1) * 2 + "\\" + m.group(2), plain(text))
    # a backslash at the end would escape the markup that follows the text
    return _TRAILING_BACKSLASHES.sub(lambda m: m.group(1) * 2, s)


_MARK = re.compile(r"\*\*(.+?)\*\*")


def marked(snippet: str, style: str = "bold yellow") -> str:
    """A snippet with ``**term**`` marks as rich markup: the terms highlighted, the rest as ``terminal``."""
    out: list[str] = []
    last = 0
    for m in _MARK.finditer(snippet):
        out.append(terminal(snippet[last:m.start()]))
        out.append(f"[{style}]{terminal(m.group(1))}[/{style}]")
        last = m.end()
    out.append(terminal(snippet[last:]))
    return "".join(out)


# a cell starting with one of these is run as a formula by spreadsheets (OWASP, "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One CSV cell: text, with a ``'`` before a value a spreadsheet would take as a formula."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(FORMULA_STARTS) else s


# characters XML 1.0 does not allow in a document at all, escaped or not (a parser
# rejects the whole feed); lone surrogates are a file name's undecodable bytes
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: object) -> str:
    """Text an XML document can hold: ``plain(text)`` without the characters XML forbids.
    Markup (``<script>``) is left for the XML writer to escape."""
    return _NOT_XML.sub("", plain(text))
