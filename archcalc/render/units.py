"""Numbers for people: counts with K/M/G/T (1000-based) and bytes in KB/MB/GB (1024-based,
as Keras writes them), exact past what a float holds."""

from __future__ import annotations

from fractions import Fraction

from archcalc.numtext import FLOAT_EXACT, fixed2, grouped

UNITS = (("K", 10**3), ("M", 10**6), ("G", 10**9), ("T", 10**12))
UNITS_NOTE = "K/M/G/T = 10^3/10^6/10^9/10^12; KB/MB/GB = 1024-based"


def readable_memory_size(size: float | Fraction) -> str:
    """Keras's ``readable_memory_size``: 1024-based, two decimals, B/KB/MB/GB/TB/PB.

    Sizes a float holds exactly take Keras's own float path; larger ones are
    divided exactly (a 10^400-parameter model has an exact size in PB).
    """
    units = ["B", "KB", "MB", "GB", "TB", "PB"]
    if not isinstance(size, float) and size >= FLOAT_EXACT:
        size = Fraction(size)
    elif not isinstance(size, float):
        size = float(size)
    for unit in units:
        if size / 1024 < 1:
            return f"{fixed2(size)} {unit}"
        size /= 1024
    return f"{fixed2(size)} {units[-1]}"


def human_count(n: int) -> str:
    """``10707200`` -> ``10.71 M``; below 1000 the integer itself. Past what a float
    holds exactly the division is exact: ``2000000000.01 T``, never a float artifact."""
    if n < 1000:
        return str(n)
    for unit, scale in UNITS:
        text = fixed2(n / scale if n < FLOAT_EXACT else Fraction(n, scale))
        if len(text) < 7 or unit == UNITS[-1][0]:  # below 1000.00
            return f"{text} {unit}"
    raise AssertionError("unreachable")


def count_text(n: int) -> str:
    """``10,707,200 (10.71 M)``; small counts without the repeat."""
    return f"{grouped(n)} ({human_count(n)})" if n >= 1000 else grouped(n)


def bytes_text(size: float | Fraction | None) -> str:
    """A byte count as Keras writes it, ``?`` when unknown."""
    return "?" if size is None else readable_memory_size(size)
