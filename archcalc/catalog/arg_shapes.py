"""Argument types for sizes written the ways Keras accepts them: padding/cropping pairs, and
target shapes (an int or a list, ``-1`` solved from the input where Keras allows it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archcalc.catalog.args import Custom, is_int


def pairs(n: int, allow_single: bool = True) -> Callable[[Any], tuple[tuple[int, int], ...]]:
    """Normalise Keras padding/cropping: ``p``, ``(a, b)`` or ``((a, b), ...)`` to n (before, after) pairs.

    For one spatial axis a pair means (before, after); for several axes a
    flat list gives one symmetric amount per axis, as ZeroPadding2D does.
    """

    def check(value: Any) -> tuple[tuple[int, int], ...]:
        def nonneg(v: Any) -> int:
            if not is_int(v) or v < 0:
                raise ValueError
            return v

        if is_int(value) and allow_single:
            v = nonneg(value)
            return ((v, v),) * n
        if not isinstance(value, (list, tuple)):
            raise ValueError
        if n == 1:
            if len(value) != 2:
                raise ValueError
            return ((nonneg(value[0]), nonneg(value[1])),)
        if len(value) != n:
            raise ValueError
        out = []
        for item in value:
            if is_int(item):
                out.append((nonneg(item), nonneg(item)))
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                out.append((nonneg(item[0]), nonneg(item[1])))
            else:
                raise ValueError
        return tuple(out)

    return check


def pairs_type(n: int) -> Custom:
    if n == 1:
        text = "a non-negative integer or a list [before, after]"
    else:
        text = (
            f"a non-negative integer, a list of {n} integers, "
            f"or a list of {n} [before, after] pairs"
        )
    intv = {"type": "integer", "minimum": 0}
    pair = {"type": "array", "items": intv, "minItems": 2, "maxItems": 2}
    per_axis = {"type": "array", "items": {"anyOf": [intv, pair]}, "minItems": n, "maxItems": n}
    return Custom(pairs(n), text, {"anyOf": [intv, pair if n == 1 else per_axis]})


def shape_arg(allow_minus_one: bool = False, allow_int: bool = True) -> Custom:
    """A list of dimensions (``null`` for unknown), e.g. an input shape or Reshape's target.

    ``allow_int`` also takes a bare ``n`` for ``[n]``; Keras's Reshape and
    Dropout's ``noise_shape`` want a list.
    """

    def check(value: Any) -> tuple[int | None, ...]:
        if is_int(value) and allow_int:
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise ValueError
        out: list[int | None] = []
        for v in value:
            if v is None:
                out.append(None)
            elif is_int(v) and (v > 0 or (allow_minus_one and v == -1)):
                out.append(v)
            else:
                raise ValueError
        return tuple(out)

    dim = {
        "anyOf": [{"type": "integer", "minimum": -1 if allow_minus_one else 1}, {"type": "null"}]
    }
    text = "a list of positive integers or null (unknown)"
    if allow_minus_one:
        text = "a list of positive integers, with at most one -1"
    schema: dict[str, Any] = {"type": "array", "items": dim}
    if allow_int:  # a bare n is [n]
        schema = {"anyOf": [dim["anyOf"][0], schema]}
    return Custom(check, text, schema)
