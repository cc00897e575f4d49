"""Counts in lint options: ``1000000``, ``1_000_000``, ``"1.5M"``, ``"500k"``.

Budgets and thresholds are written by people in TOML or YAML, where a big
number reads better with a suffix; this is the one parser for them.
"""

from __future__ import annotations

import re
from typing import Any

from archcalc.catalog.args import Custom

_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "b": 10**9, "t": 10**12}
_COUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmMgGbBtT]?)\s*$")


def parse_count(value: Any) -> int | None:
    """A non-negative count: ``1000000``, ``1_000_000`` (YAML/TOML), ``"1.5M"``, ``"500k"``; null = none."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        if value < 0:
            raise ValueError
        return value
    if isinstance(value, float) and value >= 0 and value.is_integer():
        return int(value)
    if isinstance(value, str):
        m = _COUNT.match(value.replace("_", ""))
        if m:
            scaled = float(m.group(1)) * _SUFFIXES[m.group(2).lower()]
            if scaled.is_integer():
                return int(scaled)
    raise ValueError


COUNT = Custom(
    parse_count,
    "a count such as 1000000, 1_000_000, '250k' or '1.5M' (null for no limit)",
    {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}, {"type": "null"}]},
)
