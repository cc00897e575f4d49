"""A design's block instances over its inference result: rows with totals, repeats folded.

The table Keras prints is flat; a spec written with blocks also has a
structure: ``conv2`` (a ``stack``) holds ``conv2_block1`` .. ``conv2_block3``
(``bottleneck``s), which hold layers. :func:`block_rows` returns the model's
rows in Keras's order with each block instance as one :class:`BlockRow` (its
totals, its outputs' shapes, the layers and instances inside it), and
consecutive instances made by one ``repeat`` entry that came out identical
(same layers, shapes and counts) folded into one row marked ``xN``. The
``--depth`` table, the JSON structure, ``plot``'s clusters, the HTML report's
groups and ``diff`` all read this, the one grouping.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from archcalc.shapes import Shape

if TYPE_CHECKING:
    from archcalc.reader.designload import Structure
    from archcalc.reader.scopes import Instance
    from archcalc.results import InferenceResult, LayerResult


@dataclass(frozen=True)
class BlockRow:
    """One block instance, or ``count`` identical ones made by one ``repeat`` entry."""

    name: str  # the (first) instance's name
    block: str
    depth: int  # 1 at the model's level
    line: int  # where the entry that made it is written
    args: Mapping[str, Any]
    items: tuple[Item, ...]  # what the (first) instance holds, in Keras's order
    layers: tuple[LayerResult, ...]  # every layer of every folded instance
    output_shapes: tuple[Shape, ...]
    count: int = 1
    last: str = ""  # the last folded instance's name (count > 1)
    names: tuple[str, ...] = ()  # every folded instance's name
    inputs: tuple[str, ...] = field(default=())  # what it reads from outside, as the spec names it
    #: how many times each of ``layers`` counts: more than once inside a folded repeat
    #: (a JSON summary made only the first instances of it: archcalc/folded.py)
    counts: tuple[int, ...] = field(default=())
    #: the instance's outputs: (flat layer name, output index)
    outputs: tuple[tuple[str, int], ...] = field(default=())
    #: the same as Keras's (layer, node, tensor) connections, for "Connected to"
    connections: tuple[tuple[str, int, int], ...] = field(default=())

    @property
    def label(self) -> str:
        """``conv2_block2 … conv2_block3`` for folded instances, else the name."""
        return f"{self.name} … {self.last}" if self.count > 1 else self.name

    @property
    def title(self) -> str:
        """``bottleneck xN`` or ``bottleneck``: the block (and the fold)."""
        return f"{self.block} ×{self.count}" if self.count > 1 else self.block

    def weighted(self) -> list[tuple[LayerResult, int]]:
        """Each layer and how many times it counts."""
        return list(zip(self.layers, self.counts or (1,) * len(self.layers), strict=True))

    @property
    def params(self) -> int:
        return sum(x.params * w for x, w in self.weighted())

    @property
    def trainable_params(self) -> int:
        return sum(x.trainable_params * w for x, w in self.weighted())

    @property
    def non_trainable_params(self) -> int:
        return sum(x.non_trainable_params * w for x, w in self.weighted())

    @property
    def weights(self) -> tuple[Any, ...]:
        return tuple(w for x in self.layers for w in x.weights)

    @property
    def trainable(self) -> bool:
        """Trainable when any of its parameters are (a frozen block has none)."""
        return self.trainable_params > 0

    def walk(self) -> Iterator[BlockRow]:
        """This row and every block row inside it, depth first."""
        yield self
        for item in self.items:
            if isinstance(item, BlockRow):
                yield from item.walk()


Item = Union["LayerResult", BlockRow]


@dataclass
class _Node:
    """A block instance while rows are grouped: its layers and inner instances, in order."""

    inst: Instance
    items: list[Any] = field(default_factory=list)  # LayerResult | _Node
    layers: list[Any] = field(default_factory=list)  # every layer inside
    weights: list[int] = field(default_factory=list)  # how many times each counts


def structure_of(result: InferenceResult) -> Structure | None:
    graph = result.graph
    return None if graph is None else graph.spec.structure


def block_rows(result: InferenceResult, fold: bool = True) -> tuple[Item, ...] | None:
    """The model's rows (model inputs included) with each block instance as one row;
    None when the model has no blocks."""
    structure = structure_of(result)
    if structure is None or not structure.instances:
        return None
    top: list[Any] = []
    nodes: dict[int, _Node] = {}
    for layer in result.layers:
        items = top
        chain = structure.chain(layer.name)
        for k, inst in enumerate(chain):
            node = nodes.get(id(inst))
            if node is None:
                node = nodes[id(inst)] = _Node(inst)
                items.append(node)
            node.layers.append(layer)
            weight = 1
            for inner in chain[k:]:
                weight *= 1 + inner.extra
            node.weights.append(weight)
            items = node.items
        items.append(layer)
    by_name = {x.name: x for x in result.layers}
    return tuple(_items(top, by_name, fold))


def _items(items: list[Any], by_name: Mapping[str, LayerResult], fold: bool) -> list[Item]:
    out: list[Item] = []
    sigs: list[Any] = []
    for item in items:
        if not isinstance(item, _Node):
            out.append(item)
            sigs.append(None)
            continue
        row = _row(item, by_name, fold)
        sig = (item.inst.group, _signature(item, row)) if fold else None
        prev = out[-1] if out else None
        if sig is not None and isinstance(prev, BlockRow) and sigs[-1] == sig:
            out[-1] = _merged(prev, row)
            continue
        out.append(row)
        sigs.append(sig)
    return out


def _row(node: _Node, by_name: Mapping[str, LayerResult], fold: bool) -> BlockRow:
    inst = node.inst
    inside = {x.name for x in node.layers}
    shapes = []
    for name, index in inst.outputs:
        layer = by_name.get(name)
        if layer is not None and index < len(layer.output_shapes):
            shapes.append(layer.output_shapes[index])
    outside = [
        (ref, conn)
        for x in node.layers
        for call in (x.live_calls or x.calls)
        for ref, conn in zip(call.inputs, call.connections, strict=False)
        if conn[0] not in inside
    ]
    return BlockRow(
        name=inst.name,
        block=inst.block,
        depth=inst.depth,
        line=inst.pos.line,
        args=inst.args,
        items=tuple(_items(node.items, by_name, fold)),
        layers=tuple(node.layers),
        output_shapes=tuple(shapes),
        names=(inst.name,),
        inputs=tuple(dict.fromkeys(ref for ref, _ in outside)),
        connections=tuple(dict.fromkeys(conn for _, conn in outside)),
        outputs=inst.outputs,
        count=1 + inst.extra,
        last=inst.last if inst.extra else "",
        counts=tuple(node.weights),
    )


def _merged(a: BlockRow, b: BlockRow) -> BlockRow:
    return BlockRow(
        name=a.name,
        block=a.block,
        depth=a.depth,
        line=a.line,
        args=a.args,
        items=a.items,
        layers=a.layers + b.layers,
        output_shapes=b.output_shapes,
        count=a.count + b.count,
        last=b.last or b.name,
        names=a.names + b.names,
        inputs=a.inputs,
        outputs=b.outputs,
        connections=a.connections,
        counts=(a.counts or (1,) * len(a.layers)) + (b.counts or (1,) * len(b.layers)),
    )


def _signature(node: _Node, row: BlockRow) -> Any:
    """What must be equal for two instances to fold: every layer's part of its name after
    the instance's, type, shapes and counts, and the instances inside, in order."""
    prefix = node.inst.name + "_"
    parts: list[Any] = [node.inst.block, row.output_shapes]
    for x in row.layers:
        local = x.name[len(prefix) :] if x.name.startswith(prefix) else x.type
        parts.append(
            (local, x.type, x.output_shapes, x.params, x.non_trainable_params, x.trainable)
        )
    return tuple(parts)


def rows_to_depth(items: tuple[Item, ...], depth: int) -> Iterator[tuple[Item, int]]:
    """Each row to show at ``--depth N`` with its indentation level: block rows deeper than
    N are shown as one row with their totals; shallower ones are opened."""
    stack: list[tuple[Item, int]] = [(x, 0) for x in reversed(items)]
    while stack:
        item, level = stack.pop()
        yield item, level
        if isinstance(item, BlockRow) and item.depth < depth:
            stack.extend((x, level + 1) for x in reversed(item.items))
