"""The machine-readable summary: a documented, stable JSON contract (docs/json-format.md).

Shapes are lists with ``null`` for unknown sizes; every count is an exact
integer (Python integers never overflow, and ``json`` never writes them in
scientific notation). Layers keep Keras's row order, model inputs included.
"""

from __future__ import annotations

import json
from typing import Any

from archcalc.engine import InferenceResult, LayerResult
from archcalc.shapes import Shape

SCHEMA_VERSION = 1


def _shape(shape: Shape) -> list[int | None]:
    return list(shape)


def shapes_value(shapes: tuple[Shape, ...]) -> Any:
    """One shape as a list; several (a multi-output layer) as a list of lists."""
    return _shape(shapes[0]) if len(shapes) == 1 else [_shape(s) for s in shapes]


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def layer_dict(layer: LayerResult) -> dict[str, Any]:
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
    return entry


def result_dict(result: InferenceResult) -> dict[str, Any]:
    t = result.totals
    return {
        "schema_version": SCHEMA_VERSION,
        "name": result.name,
        "source": result.path,
        "model_type": "Sequential" if result.sequential else "Functional",
        "layers": [layer_dict(x) for x in result.layers],
        "outputs": [
            name if tensor == 0 else f"{name}[{tensor}]" for name, _node, tensor in result.outputs
        ],
        "total_params": t.total,
        "trainable_params": t.trainable,
        "non_trainable_params": t.non_trainable,
        "param_bytes": {
            "total": _number(t.total_bytes),
            "trainable": _number(t.trainable_bytes),
            "non_trainable": _number(t.non_trainable_bytes),
        },
        "warnings": [
            {"line": d.line, "column": d.column, "code": d.code, "message": d.message}
            for d in result.warnings
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    """Indented JSON with one line per layer: readable, diffable, and written by
    the C encoder (an indented ``json.dumps`` is pure Python and slow on big models)."""
    compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            items = ",\n".join("    " + compact(v) for v in value)
            parts.append(f"  {compact(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def render_json(result: InferenceResult) -> str:
    return dumps(result_dict(result))
