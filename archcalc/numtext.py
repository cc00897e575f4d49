"""Exact integers as text, whatever their size.

Counts are Python integers end to end (a spec may well say 10^400), but
Python refuses to turn an integer of more than 4,300 digits into text
(``sys.set_int_max_str_digits``), and its own conversion takes quadratic
time. :func:`decimal` writes any integer in full, quickly (through the
``decimal`` module's fast multiplication), for JSON; :func:`grouped` writes
``1,234,567`` for tables and messages, shortened honestly (the leading
digits and the digit count) when it is too long to read.
"""

from __future__ import annotations

import decimal as _decimal
import json
from fractions import Fraction
from typing import Any

#: Numbers up to this many digits are printed in full in tables (Python's own limit).
TABLE_DIGITS = 4300
#: Below this many bits ``str()`` is fast and within Python's limit.
_SMALL_BITS = 12_000
_LOG10_2 = 0.30102999566398120


def _to_decimal(n: int) -> _decimal.Decimal:
    """``n`` as an exact Decimal: halves joined by powers of two (fast for huge ``n``)."""
    D = _decimal.Decimal
    powers: dict[int, _decimal.Decimal] = {}

    def convert(x: int, bits: int) -> _decimal.Decimal:
        if bits <= 4096:
            return D(x)
        half = bits >> 1
        if half not in powers:
            powers[half] = D(2) ** half
        return convert(x >> half, bits - half) * powers[half] + convert(x & ((1 << half) - 1), half)

    return convert(n, n.bit_length())


def decimal(n: int) -> str:
    """Every digit of ``n`` (JSON writes counts in full)."""
    if n.bit_length() <= _SMALL_BITS:
        return str(n)
    context = _decimal.Context(
        prec=_decimal.MAX_PREC, Emax=_decimal.MAX_EMAX, Emin=_decimal.MIN_EMIN
    )
    with _decimal.localcontext(context):
        text = str(_to_decimal(abs(n)))
    return "-" + text if n < 0 else text


def digit_count(n: int) -> int:
    """How many decimal digits ``n`` has (without its sign)."""
    n = abs(n)
    if n.bit_length() <= _SMALL_BITS:
        return len(str(n))
    estimate = int((n.bit_length() - 1) * _LOG10_2) + 1  # exact or one too few
    return estimate + 1 if n >= 10**estimate else estimate


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def grouped(n: int, sep: str = ",", limit: int = TABLE_DIGITS) -> str:
    """``1,234,567``; past ``limit`` digits, the leading digits and the count:
    ``123,456,789,012… (4,501 digits)``, never a rounded or floating-point figure."""
    sign = "-" if n < 0 else ""
    n = abs(n)
    digits = digit_count(n)
    if digits <= limit:
        return sign + _group(decimal(n), sep)
    keep = min(limit, 12)
    head = n // 10 ** (digits - keep)  # cheap: the quotient is short
    return f"{sign}{_group(str(head), sep)}… ({digits:,} digits)"


#: Below this, a float holds every integer exactly: the float path prints what Keras prints.
FLOAT_EXACT = 2**53


def fixed2(value: int | float | Fraction) -> str:
    """``value`` with two decimals, as ``f"{value:.2f}"``, but exact for any size:
    a huge integer or Fraction is rounded (half to even) without ever becoming a float."""
    if isinstance(value, float) or abs(value) < FLOAT_EXACT:
        return f"{float(value):.2f}"
    hundredths = round(Fraction(value) * 100)
    sign = "-" if hundredths < 0 else ""
    whole, cents = divmod(abs(hundredths), 100)
    if digit_count(whole) > TABLE_DIGITS:
        return sign + grouped(whole, sep="")  # "123456789012… (5,001 digits)"
    return f"{sign}{decimal(whole)}.{cents:02d}"


def _swap_big(value: Any, big: list[int]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value.bit_length() > _SMALL_BITS:
            big.append(value)
            return f"\x00{len(big) - 1}\x00"
        return value
    if isinstance(value, dict):
        return {k: _swap_big(v, big) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_swap_big(v, big) for v in value]
    return value


def dumps(data: Any, **options: Any) -> str:
    """``json.dumps`` that writes every integer in full, however long."""
    try:
        return json.dumps(data, **options)
    except ValueError:  # an integer past Python's digit limit
        pass
    big: list[int] = []
    text = json.dumps(_swap_big(data, big), **options)
    for i, n in enumerate(big):
        text = text.replace(f'"\\u0000{i}\\u0000"', decimal(n), 1)
    return text
