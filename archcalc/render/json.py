"""The machine-readable summary: a documented, stable JSON contract (`archcalc docs json-format`).

Shapes are lists with ``null`` for unknown sizes; every count is an exact
integer (Python integers never overflow, and ``json`` never writes them in
scientific notation). Layers keep Keras's row order, model inputs included.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from archcalc import numtext
from archcalc.analysis import Costs
from archcalc.analysis.flops import ComputeReport, Cost, LayerCost
from archcalc.analysis.memory import LayerMemory, MemoryReport
from archcalc.engine import InferenceResult, LayerResult
from archcalc.render.costs import param_bytes
from archcalc.shapes import Shape

SCHEMA_VERSION = 1


def _shape(shape: Shape) -> list[int | None]:
    return list(shape)


def shapes_value(shapes: tuple[Shape, ...]) -> Any:
    """One shape as a list; several (a multi-output layer) as a list of lists."""
    return _shape(shapes[0]) if len(shapes) == 1 else [_shape(s) for s in shapes]


def _number(x: float | Fraction) -> int | float:
    """Bytes: an exact integer whenever they are whole (int4 and bool weights may not be)."""
    if isinstance(x, int):
        return x
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else float(x)
    return int(x) if x.is_integer() else x


def _flops(cost: Cost | None, compute: ComputeReport, counted: bool = True) -> dict[str, Any]:
    if cost is None:
        return {"macs": None, "flops": None}
    return {
        "macs": cost.macs if counted else None,
        "flops": cost.flops if counted and compute.flops_defined else None,
    }


def _layer_costs(lc: LayerCost, lm: LayerMemory, compute: ComputeReport) -> dict[str, Any]:
    entry = _flops(lc.cost, compute, lc.counted)
    if compute.flops_defined and lc.counted:
        entry["flops_by_category"] = {k: v for k, v in lc.cost.by_category().items() if v}
    if not lc.counted:
        entry["cost_note"] = lc.note
    entry["output_bytes"] = None if lm.output_bytes is None else _number(lm.output_bytes)
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
        entry.update(_layer_costs(lc, lm, compute))
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


def compute_dict(compute: ComputeReport) -> dict[str, Any]:
    """The ``compute`` object: totals, the convention and what could not be counted."""
    return {
        "convention": compute.convention,
        "batch_size": compute.batch_size,
        "macs": compute.macs,
        "flops": compute.flops,
        "flops_by_category": compute.total.by_category() if compute.flops_defined else None,
        "complete": compute.complete,
        "uncounted": [
            {"layer": u.layer, "type": u.type, "note": u.note} for u in compute.uncounted
        ],
    }


def memory_dict(memory: MemoryReport) -> dict[str, Any]:
    """The ``memory`` object: bytes of parameters, activations and the training estimate."""

    def num(x: float | None) -> int | float | None:
        return None if x is None else _number(x)

    t = memory.training
    return {
        "dtype": memory.dtype,
        "dtypes": list(memory.dtypes),
        "batch_size": memory.batch_size,
        "optimizer": memory.optimizer,
        "param_bytes": num(memory.param_bytes),
        "input_bytes": num(memory.input_bytes),
        "activation_bytes": num(memory.activation_bytes),
        "peak_activation_bytes": num(memory.peak_bytes),
        "peak_at": memory.peak_at or None,
        "training_bytes": {
            "params": num(t.params),
            "gradients": num(t.gradients),
            "optimizer_state": num(t.optimizer_state),
            "activations": num(t.activations),
            "total": num(t.total),
        },
        "complete": memory.complete,
        "unknown": [{"layer": name, "note": why} for name, why in memory.unknown],
    }


def _layer_dicts(result: InferenceResult, costs: Costs | None) -> Iterator[dict[str, Any]]:
    if costs is None:
        yield from (layer_dict(x) for x in result.layers)
    else:
        c, m = costs.compute, costs.memory
        for x, lc, lm in zip(result.layers, c.layers, m.layers, strict=True):
            yield layer_dict(x, lc, lm, c)


def result_dict(
    result: InferenceResult, costs: Costs | None = None, flat: bool = False, lazy: bool = False
) -> dict[str, Any]:
    """The JSON contract; ``costs`` (from :func:`archcalc.analysis.analyze`) adds the cost fields
    (and, with a ``--dtype``, ``param_bytes`` at that dtype, as the table shows them). A
    spec with blocks lists its block instances as rows with their layers inside
    (:mod:`archcalc.render.json_blocks`), unless ``flat``.

    ``lazy``: a flat ``layers`` is an iterator, so :func:`dumps` holds one layer's dict at a
    time.
    """
    t, costs = completed(result, costs)  # a JSON summary of a folded design: all of it
    blocks = None if flat else block_layers(result, costs)
    layers: Any = blocks if blocks is not None else _layer_dicts(result, costs)
    if not lazy and blocks is None:
        layers = list(layers)
    data = {
        "schema_version": SCHEMA_VERSION,
        "name": result.name,
        "source": result.path,
        "model_type": "Sequential" if result.sequential else "Functional",
        "layers": layers,
        "outputs": [
            name if tensor == 0 else f"{name}[{tensor}]" for name, _node, tensor in result.outputs
        ],
        "total_params": t.total,
        "trainable_params": t.trainable,
        "non_trainable_params": t.non_trainable,
        "param_bytes": dict(
            zip(
                ("total", "trainable", "non_trainable"),
                map(_number, param_bytes(t, costs)),
                strict=True,
            )
        ),
        "warnings": [
            {"line": d.line, "column": d.column, "code": d.code, "message": d.message}
            for d in result.warnings
        ],
    }
    if costs is not None:
        data["compute"] = compute_dict(costs.compute)
        data["memory"] = memory_dict(costs.memory)
    if blocks is not None:
        renamed(result, data)
    return data


def dumps(data: dict[str, Any]) -> str:
    """Indented JSON with one line per layer: readable, diffable, and written by
    the C encoder (an indented ``json.dumps`` is pure Python and slow on big models).
    A list of dicts, or an iterator of them, is written one dict per line; every
    piece is joined once, at the end."""
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
            parts.append("[]" if first else "\n  ]")
        else:
            parts.append(compact(value))
    parts.append("\n}\n")
    return "".join(parts)


def render_json(result: InferenceResult, costs: Costs | None = None, flat: bool = False) -> str:
    return dumps(result_dict(result, costs, flat, lazy=True))
