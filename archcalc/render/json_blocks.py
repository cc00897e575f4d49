"""The JSON of a spec written with blocks: block instances as rows, their layers inside.

A block row has the fields of a layer row (``name``, ``output_shape``, the
parameter split, ``inputs``, and with costs ``macs``, ``flops``,
``output_bytes``) summed over what it holds, plus ``block``, ``arguments``
(as the entry gives them), ``line`` (where the entry is), ``count`` (identical
instances of one ``repeat`` folded into the row, with ``first`` and ``last``
named) and ``layers``: the rows of the (first) instance, nested the same way.
So the output grows with the model's distinct structure, not its size; ``summary
--format json --flat`` lists every layer instead (`archcalc docs json-format`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archcalc.blocks import BlockRow, block_rows
from archcalc.render.depth import block_costs
from archcalc.render.json_rows import layer_costs, layer_dict, shapes_value

if TYPE_CHECKING:
    from archcalc.analysis import Costs
    from archcalc.results import InferenceResult


def block_layers(result: InferenceResult, costs: Costs | None) -> list[dict[str, Any]] | None:
    """The ``layers`` list with block rows; None when the model has no blocks."""
    items = block_rows(result)
    if items is None:
        return None
    compute = {x.name: x for x in costs.compute.layers} if costs else {}
    memory = {x.name: x for x in costs.memory.layers} if costs else {}

    def rows(items: tuple[Any, ...]) -> list[dict[str, Any]]:
        out = []
        for item in items:
            if isinstance(item, BlockRow):
                out.append(block_dict(item, rows(item.items)))
            elif costs is None:
                out.append(layer_dict(item))
            else:
                out.append(layer_dict(item, compute[item.name], memory[item.name], costs.compute))
        return out

    def block_dict(row: BlockRow, inner: list[dict[str, Any]]) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "name": row.name,
            "type": row.block,
            "block": row.block,
            "output_shape": shapes_value(row.output_shapes) if row.output_shapes else None,
            "params": row.params,
            "trainable_params": row.trainable_params,
            "non_trainable_params": row.non_trainable_params,
            "trainable": row.trainable,
            "inputs": list(row.inputs),
            "arguments": dict(row.args),
            "line": row.line,
            "count": row.count,
        }
        if row.count > 1:
            entry["first"], entry["last"] = row.name, row.last
        if costs is not None:
            lc, lm = block_costs(row, compute, memory)
            if lc is not None and lm is not None:
                entry.update(layer_costs(lc, lm, costs.compute))
        entry["layers"] = inner
        return entry

    return rows(items)
