"""``summary --depth N``: the table with block instances as rows (torchinfo's word).

Keras's columns, widths and totals, with each block instance down to depth N
as one row: ``conv2_block1 (bottleneck)``, its outputs' shapes, the parameters
(and cost columns) of everything in it, and what it reads from outside in
``Connected to``; instances of one ``repeat`` that came out identical are one
row, ``conv2_block2 … conv2_block3 (bottleneck x2)`` (the sign is a multiplication sign), with their sum. Blocks
shallower than N are opened, their rows indented under them.
"""

from __future__ import annotations

from collections.abc import Mapping

from archcalc.analysis import Costs
from archcalc.analysis.flops import LayerCost
from archcalc.analysis.memory import LayerMemory
from archcalc.blocks import BlockRow, block_rows, rows_to_depth
from archcalc.render.cells import TableOptions, connections_plain, escape, row_cells
from archcalc.results import InferenceResult


def connected(conns: tuple[tuple[str, int, int], ...], color: bool) -> tuple[str, str]:
    """Keras's "Connected to" text for a list of (layer, node, tensor), and its markup (rich is
    imported only for colour)."""
    text = connections_plain(conns)
    return text, escape(text) if color and conns else text


def depth_rows(
    result: InferenceResult,
    opts: TableOptions,
    costs: Costs | None,
    compute: Mapping[str, LayerCost],
    memory: Mapping[str, LayerMemory],
) -> list[list[tuple[str, str]]] | None:
    """The rows down to ``opts.depth``; None when the model has no blocks (the flat table)."""
    items = block_rows(result)
    if items is None or opts.depth is None:
        return None
    rows = []
    for item, level in rows_to_depth(items, opts.depth):
        if isinstance(item, BlockRow):
            lc, lm = block_costs(item, compute, memory) if costs is not None else (None, None)
            cells = row_cells(
                result, opts, costs, item.label, item.title, item, level, lc, lm,
                connected(item.connections, opts.color),
            )  # fmt: skip
        else:
            if result.sequential and item.is_input:
                continue
            conns = tuple(c for call in item.live_calls for c in call.connections)
            cells = row_cells(
                result, opts, costs, item.name, item.type, item, level,
                compute.get(item.name), memory.get(item.name), connected(conns, opts.color),
            )  # fmt: skip
        rows.append(cells)
    return rows


def block_costs(
    row: BlockRow, compute: Mapping[str, LayerCost], memory: Mapping[str, LayerMemory]
) -> tuple[LayerCost | None, LayerMemory | None]:
    """A block's cost: the sum of its layers' (not countable when one is not)."""

    weighted = [(compute[x.name], w) for x, w in row.weighted() if x.name in compute]
    if not weighted:
        return None, None
    total = weighted[0][0].cost.scaled(weighted[0][1])
    for c, w in weighted[1:]:
        total = total + c.cost.scaled(w)
    costs = [c for c, _ in weighted]
    counted = all(c.counted for c in costs)
    note = next((c.note for c in costs if c.note), "")
    sizes = [(memory[x.name].output_bytes, w) for x, w in row.weighted() if x.name in memory]
    out = None if any(s is None for s, _ in sizes) else sum(((s or 0) * w for s, w in sizes), 0)
    return (
        LayerCost(row.name, row.block, (), total, counted, note),
        LayerMemory(row.name, out),
    )
