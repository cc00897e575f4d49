"""One layer's row of the JSON contract, and the JSON writer: what the flat summary
(:mod:`archcalc.render.json`), the rows by block (:mod:`archcalc.render.json_blocks`), the
diff and the sweep share."""

from __future__ import annotations

import json
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from archcalc import numtext
from archcalc.analysis.flops import ComputeReport, Cost, LayerCost
from archcalc.analysis.memory import LayerMemory
from archcalc.results import LayerResult
from archcalc.shapes import Shape


def _shape(shape: Shape) -> list[int | None]:
    return list(shape)


def shapes_value(shapes: tuple[Shape, ...]) -> Any:
    """One shape as a list; several (a multi-output layer) as a list of lists."""
    return _shape(shapes[0]) if len(shapes) == 1 else [_shape(s) for s in shapes]


def json_number(x: float | Fraction) -> int | float:
    """Bytes: an exact integer whenever they are whole (int4 and bool weights may not be)."""
    if isinstance(x, int):
        return x
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else float(x)
    return int(x) if x.is_integer() else x


def optional_number(x: float | Fraction | None) -> int | float | None:
    """A byte count for JSON; None (unknown) stays null."""
    return None if x is None else json_number(x)


def _flops(cost: Cost | None, compute: ComputeReport, counted: bool = True) -> dict[str, Any]:
    if cost is None:
        return {"macs": None, "flops": None}
    return {
        "macs": cost.macs if counted else None,
        "flops": cost.flops if counted and compute.flops_defined else None,
    }


def layer_costs(lc: LayerCost, lm: LayerMemory, compute: ComputeReport) -> dict[str, Any]:
    entry = _flops(lc.cost, compute, lc.counted)
    if compute.flops_defined and lc.counted:
        entry["flops_by_category"] = {k: v for k, v in lc.cost.by_category().items() if v}
    if not lc.counted:
        entry["cost_note"] = lc.note
    entry["output_bytes"] = None if lm.output_bytes is None else json_number(lm.output_bytes)
    return entry


def layer_dict(
    layer: LayerResult,
    lc: LayerCost | None = None,
    lm: LayerMemory | None = None,
    compute: ComputeReport | None = None,
) -> dict[str, Any]:
    live = layer.live_calls or layer.calls
    entry: dict[str, Any] = {
        "name": layer.name,
        "type": layer.type,
        "output_shape": shapes_value(layer.output_shapes),
        "params": layer.params,
        "trainable_params": layer.trainable_params,
        "non_trainable_params": layer.non_trainable_params,
        "trainable": layer.trainable,
        "inputs": [ref for call in live for ref in call.inputs],
    }
    if lc is not None and lm is not None and compute is not None:
        entry.update(layer_costs(lc, lm, compute))
    if len(layer.calls) > 1:
        entry["calls"] = [
            {
                "name": c.name,
                "inputs": list(c.inputs),
                "output_shape": shapes_value(c.output_shapes),
                "live": c.live,
            }
            for c in layer.calls
        ]
        if lc is not None and compute is not None:
            for call, cost in zip(entry["calls"], lc.calls, strict=True):
                call.update(_flops(cost, compute, lc.counted))
    return entry


#: layer lines per piece :func:`dump_chunks` yields
CHUNK_ROWS = 4096


def dumps(data: dict[str, Any]) -> str:
    """Indented JSON with one line per layer: readable, diffable, and written by
    the C encoder (an indented ``json.dumps`` is pure Python and slow on big models).
    A list of dicts, or an iterator of them, is written one dict per line."""
    return "".join(dump_chunks(data))


def dump_chunks(data: dict[str, Any]) -> Iterator[str]:
    """:func:`dumps`'s text in pieces of about :data:`CHUNK_ROWS` lines: with an iterator
    of layers, a 100,000-layer JSON never sits whole in memory."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    def compact(value: Any) -> str:
        try:
            return encode(value)
        except ValueError:  # an integer past Python's 4,300-digit limit: written in full
            return numtext.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    def row(value: dict[str, Any], indent: str) -> str:
        """One row on one line; a block row's own rows (``layers``) one per line below it."""
        inner = value.get("layers")
        if not isinstance(inner, list) or not inner:
            return indent + compact(value)
        head = compact({k: v for k, v in value.items() if k != "layers"})[:-1]
        rows = ",\n".join(row(v, indent + "  ") for v in inner)
        return f'{indent}{head}, "layers": [\n{rows}\n{indent}]}}'

    parts = ["{\n"]
    for n, (key, value) in enumerate(data.items()):
        if n:
            parts.append(",\n")
        parts.append(f"  {compact(key)}: ")
        if isinstance(value, Iterator) or (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            first = True
            for item in value:
                parts.append("[\n" if first else ",\n")
                parts.append(row(item, "    "))
                first = False
                if len(parts) >= 2 * CHUNK_ROWS:
                    yield "".join(parts)
                    parts.clear()
            parts.append("[]" if first else "\n  ]")
        else:
            parts.append(compact(value))
    parts.append("\n}\n")
    yield "".join(parts)
