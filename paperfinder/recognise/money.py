"""Money amounts in council papers.

Regex only (no spaCy import). :func:`find_money` returns :class:`MoneyMatch`
tuples ``(start, end, surface, value, currency)``; ``value`` is in units of
the currency (``"£0.578m"`` -> 578000.0).

Forms read: ``£0.578m  £5.700m  £1,611,600  £150k  £1,418k  £1.8 billion
£1.182 million  £4m  £2.5M  £ 824  £50 000  £80, 000  £426. 46  €14,139,276
EUR 5,000  1,000 euro  5 million euros  GBP 100``.

Choices, documented:

* A number is money only with a currency sign or word next to it; a year
  ("2020/21", "2016"), a paragraph number or a percentage never is. The one
  exception is a cell of a table whose header (or caption) says the figures
  are in thousands/millions (``£'000``, ``£000s``, ``(£k)``, ``£m``):
  :func:`money_in_table` reads those cells, ``"824"`` or ``"£ 824"`` under
  ``£'000`` being £824,000.
* Thousands split by PDF conversion: ``"£50 000"`` and ``"£80, 000"`` are
  50000 and 80000 (a space, or a comma and a space, before exactly three
  digits).
* A comma followed by only two digits (``"£150,00"``, ``"€506,45O"``) is not a
  thousands separator, and nothing in the paper says which other reading is
  meant: a group that lost a digit (£150,000), a decimal comma (£150.00), or an
  OCR misreading (``"€506,45O"`` in a Limerick reply is €506,450, its "0" read
  as "O"). Such a number is ambiguous and is not tagged, whatever the currency:
  of the 265 corpus-dev papers and the 5 bundled ones, these two are the only
  amounts written so, and neither is read right by a fixed rule.
* ``"£426. 46"`` (decimal point split from its pence) is £426.46 when the two
  digits are followed by punctuation, a dash or the end of the text, or are
  ``00``; otherwise the sentence ended after "£426.".
* ``"£5-10m"``/``"£5 to £10m"``: the multiplier of the second number applies
  to the first.
* ``"£'000"``/``"£000s"`` headers themselves are not amounts; ``"£ -"`` (a
  nil cell) is not an amount.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from paperfinder.text.layout import is_table_row

__all__ = [
    "MoneyMatch",
    "find_money",
    "money_in_table",
    "table_scales",
    "parse_money",
    "parse_amount",
    "format_amount",
    "CURRENCY_OF",
    "AMOUNT_CURRENCIES",
]

CURRENCY_OF = {
    "£": "GBP", "gbp": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
    "pounds sterling": "GBP", "stg": "GBP",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "usd": "USD", "us$": "USD", "dollars": "USD", "dollar": "USD",
    "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD",
    "nz$": "NZD", "nzd": "NZD",
}
# currencies with a range field of their own in the index; others share "other"
AMOUNT_CURRENCIES = ("GBP", "EUR", "USD", "CAD", "AUD", "NZD")
SYMBOL = {"GBP": "£", "EUR": "€", "USD": "$", "CAD": "C$", "AUD": "A$", "NZD": "NZ$"}

_MULT = {
    "k": 1_000, "thousand": 1_000, "000": 1_000,
    "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "mil": 1_000_000,
    "bn": 1_000_000_000, "b": 1_000_000_000, "billion": 1_000_000_000,
}


class MoneyMatch(tuple):
    """``(start, end, surface, value, currency)`` with named accessors."""

    scaled: bool

    def __new__(cls, start: int, end: int, surface: str, value: float, currency: str,
                scaled: bool = False):
        obj = super().__new__(cls, (start, end, surface, value, currency))
        obj.scaled = scaled  # True when a table header multiplied it
        return obj

    start = property(lambda self: self[0])
    end = property(lambda self: self[1])
    surface = property(lambda self: self[2])
    value = property(lambda self: self[3])
    currency = property(lambda self: self[4])

    def __repr__(self) -> str:
        return f"MoneyMatch({self[0]}, {self[1]}, {self[2]!r}, {self[3]!r}, {self[4]!r})"


# A number: 1,611,600 | 80, 000 | 50 000 | 150,00 (ambiguous) | 2000 | 0.578 | .5
_NUM = (
    r"(?P<int>\d{1,3}(?:(?:,[ ]?|[ ])\d{3})+(?![\d])(?!,\d)"  # grouped thousands
    r"|\d{1,3}(?:,\d{3})*,\d{2}(?![\d])"  # "150,00": matched whole so that no "£150" is read out of it, then dropped
    r"|\d+(?!,\d))"
    r"(?P<dec>\.\d+(?![\d])|\.[ ]\d{2}(?=\s*(?:[:;,)\]\-\u2013]|$))|\.[ ]00(?!\d))?"
)
_MULT_RE = (
    # a scale word may sit on the next line ("€905.62" / "million"); a bare m or k may not
    r"(?P<mult>[ ]?(?:bn|billion|million|mn|mil|thousand|m|k)(?![A-Za-z0-9])"
    r"|[ ]*\n[ ]*(?:billion|million|thousand)(?![A-Za-z0-9])"
    r"|(?-i:[ ]?[MKB])(?![A-Za-z0-9]))?"
)
_PRE_CUR = r"(?P<cur>£|€|(?:C|CA|A|AU|NZ|US)?\$|(?:GBP|EUR|USD|CAD|AUD|NZD|STG)(?=[\s\d]))"
_POST_CUR = r"(?P<cur2>pounds[ ]sterling|pounds|euros?|GBP|EUR|sterling)(?![A-Za-z])(?!\s+(?:area|zone))"

_MONEY_RE = re.compile(
    r"(?<![\w£€$])(?:"
    + _PRE_CUR + r"[ \u00a0]?" + _NUM.replace("(?P<int>", "(?P<int>").replace("(?P<dec>", "(?P<dec>")
    + _MULT_RE
    + r"|(?<![\d,.])" + _NUM.replace("(?P<int>", "(?P<int2>").replace("(?P<dec>", "(?P<dec2>")
    + _MULT_RE.replace("(?P<mult>", "(?P<mult2>") + r"[ ]" + _POST_CUR
    + r")",
    re.IGNORECASE,
)

_DIGIT_RE = re.compile(r"\d")  # the same digits as _NUM's \d

# "£5-10m", "£5 to £10m": the multiplier of the second number applies to the first
_RANGE_TAIL_RE = re.compile(
    r"\s*(?:-|\u2013|to)\s*(?P<second>(?P<sym>£|€|\$)?\s?(?P<num>\d[\d,]*(?:\.\d+)?)[ ]?"
    r"(?P<mult>bn|billion|million|mn|m|k))(?![A-Za-z])",
    re.IGNORECASE,
)


_AMBIGUOUS_COMMA = re.compile(r",\d{2}$")


def _to_decimal(int_part: str, dec_part: str | None, cur: str) -> Decimal | None:
    ip = int_part.replace(" ", "")
    if _AMBIGUOUS_COMMA.search(ip):
        return None  # "£150,00": not a thousands group, and no way to tell what it is
    ip = ip.replace(",", "")
    s = ip + (dec_part.replace(" ", "") if dec_part else "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _number(d: Decimal) -> float:
    return float(d)


def find_money(text: str, thousands: bool | float = False) -> list[MoneyMatch]:
    """Money amounts in ``text``: ``(start, end, surface, value, currency)``.

    ``thousands=True`` (or a scale such as ``1_000_000``) multiplies amounts
    written without their own multiplier: use it for cells of a ``£'000``
    table (``"£ 824"`` -> 824000). Bare numbers are never returned here: see
    :func:`money_in_table`.
    """
    scale = 1000 if thousands is True else (thousands or 1)
    out: list[MoneyMatch] = []
    if _DIGIT_RE.search(text) is None:
        return out  # every amount has a digit: most lines of prose need no full scan
    for m in _MONEY_RE.finditer(text):
        if m.group("cur"):
            cur_s, int_s, dec_s, mult_s = m.group("cur"), m.group("int"), m.group("dec"), m.group("mult")
        else:
            cur_s, int_s, dec_s, mult_s = m.group("cur2"), m.group("int2"), m.group("dec2"), m.group("mult2")
        currency = CURRENCY_OF.get(cur_s.lower(), "GBP")
        if re.fullmatch(r"0{3}", int_s) and not dec_s and not mult_s:
            continue  # the "£000" / "£000s" column header
        val = _to_decimal(int_s, dec_s, currency)
        if val is None:
            continue
        end = m.end()
        surface = m.group(0)
        mult = None
        if mult_s:
            mult = _MULT.get(mult_s.strip().lower())
            if mult_s.strip() == "M":
                mult = 1_000_000
            elif mult_s.strip() == "B":
                mult = 1_000_000_000
        extra = None
        if mult is None and m.group("cur"):
            tail = _RANGE_TAIL_RE.match(text, end)
            if tail:
                mult = _MULT[tail.group("mult").lower()]
                if not tail.group("sym"):
                    # "£5-10m": the second number has no sign of its own; tag it too
                    sec = _to_decimal(tail.group("num"), None, currency)
                    if sec is not None:
                        extra = MoneyMatch(tail.start("second"), tail.end("second"), tail.group("second"),
                                           _number(sec * mult), currency)
        scaled = False
        if mult:
            val *= mult
        elif scale != 1:
            val *= Decimal(scale)
            scaled = True
        # strip trailing space captured before a missing multiplier
        surface = surface.rstrip()
        end = m.start() + len(surface)
        number = _number(val)
        if not math.isfinite(number) or abs(number) >= 1e15:
            continue  # a run of hundreds of digits is no amount
        out.append(MoneyMatch(m.start(), end, surface, number, currency, scaled))
        if extra is not None:
            out.append(extra)
    return out


_AMOUNT_ARG = re.compile(
    r"^\s*(?P<cur>£|€|(?:C|CA|A|AU|NZ|US)?\$|GBP|EUR|USD|CAD|AUD|NZD)?\s*(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*"
    r"(?P<mult>k|m|mn|bn|b|thousand|million|billion)?\s*(?P<cur2>GBP|EUR|USD|CAD|AUD|NZD|euros?|pounds?|dollars?)?\s*$",
    re.I,
)


def parse_amount(s: str) -> tuple[float, str | None]:
    """An amount as a user types it: ``£1m``, ``€500k``, ``$2.5bn``, ``1m``, ``10,000``.
    Returns (value, currency); currency is None for a bare number (any currency).
    Raises ValueError for anything else."""
    m = _AMOUNT_ARG.match(s or "")
    if not m or (m.group("cur") and m.group("cur2")):
        raise ValueError(s)
    value = float(m.group("num").replace(",", ""))
    mult = (m.group("mult") or "").lower()
    value *= _MULT.get(mult, 1) if mult else 1
    if not math.isfinite(value):
        raise ValueError(s)
    cur = m.group("cur") or m.group("cur2")
    return value, (CURRENCY_OF.get(cur.lower()) if cur else None)


def amount_field(currency: str | None) -> str:
    """The index field holding amounts in ``currency`` (``amount`` holds them all)."""
    cur = (currency or "GBP").upper()
    return f"amount_{cur.lower()}" if cur in AMOUNT_CURRENCIES else "amount_other"


def format_amount(value: float, currency: str | None) -> str:
    """An amount as the paper's currency writes it: £30,000, €1,250.50, CAD 12."""
    cur = currency or "GBP"
    number = f"{value:,.2f}"
    if number.endswith(".00"):
        number = number[:-3]
    sym = SYMBOL.get(cur)
    return f"{sym}{number}" if sym else f"{cur} {number}"


def parse_money(s: str) -> tuple[float, str] | None:
    """``(value, currency)`` of one amount string ("£0.578m" -> (578000.0, "GBP"))."""
    found = find_money(s)
    return (found[0].value, found[0].currency) if found else None


# --------------------------------------------------------------------------- tables

_SCALE_MARK_RE = re.compile(
    r"(?P<cur>£|€|\$)\s?['\u2019]?\s?(?P<unit>000'?s?|k|m|mn|million|millions|thousands?|bn)"
    r"(?![\w,]|\.\d)",
    re.IGNORECASE,
)
_CELL_RE = re.compile(r"[^\t|]+")
_TAG_RE = re.compile(r"<[^>]+>")
_BARE_NUM_RE = re.compile(r"^\(?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?$|^\(?-?\d+(?:\.\d+)?\)?$")
_YEARISH_RE = re.compile(r"^(?:19|20)\d\d$")
_HEADING_RE = re.compile(r"^\s*(?:#+\s|\d+(?:\.\d+)*\.?\s+[A-Z][A-Z ]{3,}$|[A-Z][A-Z ,&]{6,}$)")


def _scale_of(line: str) -> tuple[str, int] | None:
    m = _SCALE_MARK_RE.search(_TAG_RE.sub("", line))
    if not m:
        return None
    unit = m.group("unit").lower().rstrip("s").rstrip("'")
    scale = 1000 if unit in ("000", "k", "thousand") else 1_000_000_000 if unit == "bn" else 1_000_000
    return CURRENCY_OF[m.group("cur")], scale


def _cells(line: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _CELL_RE.finditer(line):
        raw = m.group(0)
        txt = _TAG_RE.sub("", raw).strip()
        if not txt:
            continue
        # position of the cleaned text inside the line
        inner = raw.find(txt)
        if inner < 0:  # tags inside the number: fall back to the raw cell bounds
            out.append((m.start(), m.end(), txt))
        else:
            out.append((m.start() + inner, m.start() + inner + len(txt), txt))
    return out


def table_scales(lines: list[str]) -> list[tuple[str, int] | None]:
    """Per line: ``(currency, scale)`` when the line is a row of a table whose
    header or caption states its units (``£'000`` -> ("GBP", 1000)), else None.

    A table without such a header still counts as in thousands (millions) when
    its largest figure times 1000 (1,000,000) matches, to the rounding, an
    amount stated in the lines just before it ("an award of £2,808,401 ... as
    detailed below" over a table whose total is ``£ 2,808``).
    """
    n = len(lines)
    out: list[tuple[str, int] | None] = [None] * n
    i = 0
    while i < n:
        sc = _scale_of(lines[i]) if ("£" in lines[i] or "€" in lines[i] or "$" in lines[i]) else None
        if sc is None:
            i += 1
            continue
        # the table starts at this line (header row) or within the next 3 lines (caption)
        j = i if is_table_row(lines[i], spaced=True) else None
        if j is None:
            for k in range(i + 1, min(n, i + 4)):
                if is_table_row(lines[k], spaced=True):
                    j = k
                    break
        if j is None:
            i += 1
            continue
        k = j
        blanks = 0
        while k < n:
            if is_table_row(lines[k], spaced=True):
                out[k] = sc
                blanks = 0
            elif not lines[k].strip():
                blanks += 1
                if blanks > 1:
                    break
            else:
                break
            k += 1
        if i < j:
            out[i] = None
        i = max(k, i + 1)
    _infer_unmarked(lines, out)
    return out


def _table_blocks(lines: list[str], marks: list) -> list[tuple[int, int]]:
    blocks = []
    i, n = 0, len(lines)
    while i < n:
        if is_table_row(lines[i], spaced=True) and marks[i] is None:
            j = i
            while j + 1 < n and (is_table_row(lines[j + 1], spaced=True) or (
                    not lines[j + 1].strip() and j + 2 < n and is_table_row(lines[j + 2], spaced=True))):
                j += 1
            blocks.append((i, j))
            i = j + 1
        else:
            i += 1
    return blocks


def _unscaled_values(line: str) -> list[float]:
    vals = [m.value for m in find_money(line) if not re.search(r"[kmb]", m.surface[-3:], re.I)]
    for _, _, txt in _cells(line)[1:]:
        if _BARE_NUM_RE.match(txt) and not _YEARISH_RE.match(txt):
            try:
                vals.append(abs(float(txt.strip("()").replace(",", ""))))
            except ValueError:
                pass
    return vals


def _infer_unmarked(lines: list[str], marks: list) -> None:
    for a, b in _table_blocks(lines, marks):
        vals = [v for k in range(a, b + 1) for v in _unscaled_values(lines[k])]
        if not vals:
            continue
        top = max(vals)
        if top <= 0 or top >= 100_000:
            continue
        stated: list[MoneyMatch] = []
        for k in range(max(0, a - 6), a):
            if not is_table_row(lines[k], spaced=True):
                stated.extend(find_money(lines[k]))
        for scale in (1000, 1_000_000):
            hit = next((s for s in stated
                        if s.value >= 100 * scale / 10
                        and abs(top * scale - s.value) <= max(0.005 * s.value, scale / 2 + 1)),
                       None)
            if hit:
                for k in range(a, b + 1):
                    if is_table_row(lines[k], spaced=True):
                        marks[k] = (hit.currency, scale)
                break


def money_in_table(lines: list[str]) -> list[tuple[int, int, int, str, float, str]]:
    """All money in a run of lines, with table units applied.

    Returns ``(line_index, start, end, surface, value, currency)``; offsets are
    within that line. Lines outside a scaled table give their ordinary
    :func:`find_money` amounts; rows of a ``£'000`` table give ``"£ 824"`` and
    bare cells such as ``"824"`` or ``"1,961"`` multiplied by 1000 (a table's
    first column, years and percentages are never amounts).
    """
    scales = table_scales(lines)
    out = []
    for idx, line in enumerate(lines):
        sc = scales[idx]
        if sc is None:
            for m in find_money(line):
                out.append((idx, m.start, m.end, m.surface, m.value, m.currency))
            continue
        cur, scale = sc
        cells = _cells(line)
        # the first cell is the row label: its amounts ("2 WTE @ £82,000") keep their value
        label_end = cells[0][1] if cells and not _BARE_NUM_RE.match(cells[0][2]) and not \
            re.match(r"^[£€$]\s?[\d(]", cells[0][2]) else 0
        found = [m for m in find_money(line[:label_end])] + [
            MoneyMatch(m.start + label_end, m.end + label_end, m.surface, m.value, m.currency, m.scaled)
            for m in find_money(line[label_end:], thousands=scale)]
        taken = [(m.start, m.end) for m in found]
        for m in found:
            out.append((idx, m.start, m.end, m.surface, m.value, m.currency))
        for s, e, txt in cells[1:]:
            if any(s < te and ts < e for ts, te in taken):
                continue
            if not _BARE_NUM_RE.match(txt) or _YEARISH_RE.match(txt):
                continue
            try:
                v = Decimal(txt.strip("()").replace(",", ""))
            except InvalidOperation:
                continue
            out.append((idx, s, e, txt, float(abs(v) * scale), cur))
    out.sort(key=lambda t: (t[0], t[1]))
    return out
