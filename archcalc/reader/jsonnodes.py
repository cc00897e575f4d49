"""JSON into the same positioned YNode trees, bounded before it is parsed."""

from __future__ import annotations

import json
import re
from typing import Any

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos
from archcalc.reader.limits import Limits
from archcalc.reader.yamlnodes import _Builder, too_deep
from archcalc.reader.ynode import YNode
from archcalc.textsafe import excerpt, quote

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_OPEN = re.compile(r"[\[{](?!\s*[\]}])")


def _json_nodes(text: str) -> int:
    """How many values and keys a JSON text holds, counted from its punctuation
    without parsing it: each but the first follows a ',', a ':' or an opening bracket."""
    most = 1 + sum(text.count(c) for c in ",:[{")  # punctuation inside strings counts too
    if most <= 1_000_000:
        return most
    bare = _JSON_STRING.sub("", text) if '"' in text else text
    return 1 + bare.count(",") + bare.count(":") + len(_JSON_OPEN.findall(bare))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ValueError(f"duplicate key {quote(key)}; JSON readers keep only one of them")
    return out


def parse_json(text: str, path: str, limits: Limits | None = None) -> YNode | None:
    """Parse JSON into YNodes with positions, through the same bounded reader.

    JSON is (almost) YAML flow syntax; where the YAML parser refuses valid
    JSON (rare escapes), the text is read with ``json`` and positions are lost.
    """
    limits = limits or Limits.from_env()
    if _json_nodes(text) > limits.max_nodes:  # refused before any of it is parsed
        raise ArchcalcError(
            Diagnostic.at(
                path,
                Pos(1, 1),
                "yaml-too-large",
                f"the JSON holds more than {limits.max_nodes:,} values and keys; "
                "raise ARCHCALC_MAX_YAML_NODES if it is legitimate",
            )
        )
    try:
        return _Builder(path, limits, json_mode=True).build(text)
    except ArchcalcError as exc:
        if exc.diagnostics[0].code != "yaml-syntax":
            raise
        try:
            data = json.loads(text, object_pairs_hook=_unique_keys)
        except RecursionError:
            raise too_deep(path, limits.max_depth) from None
        except ValueError as jexc:
            raise ArchcalcError(
                Diagnostic.at(
                    path,
                    Pos(getattr(jexc, "lineno", 1), getattr(jexc, "colno", 1)),
                    "json-syntax",
                    f"invalid JSON: {excerpt(jexc.msg if hasattr(jexc, 'msg') else str(jexc))}",
                )
            ) from None
        return from_plain(data, limits.max_depth, path)


def from_plain(data: Any, max_depth: int = 100, path: str = "<json>") -> YNode:
    """Wrap plain data as YNodes without positions (used when positions are unavailable)."""

    def wrap(value: Any, depth: int) -> YNode:
        if depth > max_depth:
            raise too_deep(path, max_depth)
        if isinstance(value, dict):
            items = {str(k): wrap(v, depth + 1) for k, v in value.items()}
            return YNode(items, Pos(), "map", {k: Pos() for k in items})
        if isinstance(value, list):
            return YNode([wrap(v, depth + 1) for v in value], Pos(), "seq")
        return YNode(value, Pos(), "scalar")

    return wrap(data, 0)
