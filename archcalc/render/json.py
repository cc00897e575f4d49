"""The machine-readable summary: a documented, stable JSON contract (`archcalc docs json-format`).

Shapes are lists with ``null`` for unknown sizes; every count is an exact
integer (Python integers never overflow, and ``json`` never writes them in
scientific notation). Layers keep Keras's row order, model inputs included.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from archcalc.analysis import Costs
from archcalc.analysis.flops import ComputeReport
from archcalc.analysis.memory import MemoryReport
from archcalc.folded import completed, renamed
from archcalc.render.costs import param_bytes
from archcalc.render.json_blocks import block_layers
from archcalc.render.json_rows import (
    dump_chunks,
    json_number,
    layer_dict,
    optional_number,
)
from archcalc.results import InferenceResult

SCHEMA_VERSION = 1


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

    num = optional_number
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
                map(json_number, param_bytes(t, costs)),
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


def render_json(result: InferenceResult, costs: Costs | None = None, flat: bool = False) -> str:
    return "".join(json_chunks(result, costs, flat))


def json_chunks(
    result: InferenceResult, costs: Costs | None = None, flat: bool = False
) -> Iterator[str]:
    """:func:`render_json`'s text in pieces, each layer's dict made as it is written."""
    return dump_chunks(result_dict(result, costs, flat, lazy=True))
