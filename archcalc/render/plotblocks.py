"""``plot`` of a spec with blocks: each block instance a cluster, identical repeats once.

The nodes and edges are the plain graph's (:mod:`archcalc.render.plotgraph`);
this groups the nodes into one cluster per instance (nested as the instances
are), captioned ``conv2_block1 (bottleneck)``. With ``fold``, instances of one
``repeat`` folded by :mod:`archcalc.blocks` are drawn once, captioned
``conv2_block2 … conv2_block3 (bottleneck x2)``: the other instances' nodes are
left out, and an edge from one of them to the rest of the model leaves from
the drawn instance's node in the same place instead.
"""

from __future__ import annotations

from typing import Any

from archcalc.blocks import BlockRow, block_rows
from archcalc.numtext import grouped
from archcalc.render.plotmodel import Cluster, PlotGraph, PlotNode, PlotOptions
from archcalc.results import InferenceResult

Item = PlotNode | Cluster


def with_blocks(result: InferenceResult, graph: PlotGraph, opts: PlotOptions) -> PlotGraph:
    """``graph`` with its nodes in block clusters (unchanged when the model has no blocks)."""
    rows = block_rows(result, fold=opts.fold)
    if rows is None:
        return graph
    owner: dict[str, BlockRow] = {}  # layer -> the innermost (drawn) block row it is in
    stand_in: dict[str, str] = {}  # a folded-away layer -> the drawn layer in its place
    group: dict[str, int] = {}  # a layer of a folded row -> which instance it belongs to
    parent: dict[int, BlockRow | None] = {}
    for row in _walk(rows, parent):
        for layer in _first(row):
            owner[layer.name] = row  # depth first: the innermost row is set last
        if row.count > 1:
            first = _first(row)
            per = len(first)
            for k, layer in enumerate(row.layers):
                group[layer.name] = k // per
                if k >= per:
                    stand_in[layer.name] = first[k % per].name
    items = _regroup(graph.items, parent, owner, stand_in, opts)
    node_layer = {i.id: i.name for i in _nodes(graph.items)}
    drawn = {i.id for i in _nodes(items)}
    ids = {n.name: n.id for n in _nodes(graph.items) if n.call == 1}
    edges: dict[tuple[str, str], None] = {}
    for a, b in graph.edges:
        la, lb = node_layer.get(a, ""), node_layer.get(b, "")
        if b not in drawn:
            continue  # into a folded-away instance: drawn once, in the first
        if a not in drawn:
            if la in group and lb in group and group[la] != group[lb]:
                continue
            a = ids.get(stand_in.get(la, ""), a)
            if a not in drawn:
                continue
        edges[a, b] = None
    return PlotGraph(graph.name, tuple(items), tuple(edges))


def _walk(rows: tuple[Any, ...], parent: dict[int, BlockRow | None]) -> list[BlockRow]:
    """Every block row, depth first; ``parent`` gets each one's enclosing row."""
    out: list[BlockRow] = []
    stack: list[tuple[Any, BlockRow | None]] = [(r, None) for r in reversed(rows)]
    while stack:
        row, up = stack.pop()
        if not isinstance(row, BlockRow):
            continue
        parent[id(row)] = up
        out.append(row)
        stack.extend((x, row) for x in reversed(row.items))
    return out


def _first(row: BlockRow) -> tuple[Any, ...]:
    """The layers of the row's first instance (all of them when it is not folded)."""
    return row.layers[: len(row.layers) // row.count]


def _nodes(items: Any) -> list[PlotNode]:
    out: list[PlotNode] = []
    for item in items:
        if isinstance(item, Cluster):
            if item.node is not None:
                out.append(item.node)
            out.extend(_nodes(item.items))
        else:
            out.append(item)
    return out


def _regroup(
    items: tuple[Item, ...],
    parent: dict[int, BlockRow | None],
    owner: dict[str, BlockRow],
    stand_in: dict[str, str],
    opts: PlotOptions,
) -> list[Item]:
    """The items, each in the clusters of the block rows it is in (outermost first)."""
    top: list[Any] = []
    open_: dict[int, list[Any]] = {}
    for item in items:
        node = item.node if isinstance(item, Cluster) else item
        name = node.name if node is not None else ""
        if name in stand_in:
            continue
        chain: list[BlockRow] = []
        row = owner.get(name)
        while row is not None:
            chain.append(row)
            row = parent.get(id(row))
        target = top
        for r in reversed(chain):
            if id(r) not in open_:
                open_[id(r)] = []
                target.append((r, open_[id(r)]))
            target = open_[id(r)]
        target.append(item)
    return [_built(x, opts) for x in top]


def _built(x: Any, opts: PlotOptions) -> Item:
    if not isinstance(x, tuple):
        return x  # type: ignore[no-any-return]
    row, inner = x
    caption = f"{row.label} ({row.title})"
    if opts.show_params:
        caption += f" · {grouped(row.params)} params"
    return Cluster(None, tuple(_built(i, opts) for i in inner), "block:" + row.name, caption)
