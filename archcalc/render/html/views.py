"""What the HTML pages show, as plain data: numbers and raw (unescaped) strings.

:mod:`.adapter` fills these from archcalc's results; the page modules read
only these, so a change to the core's shapes stops at the adapter.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Arg:
    name: str
    value: str  # as a YAML spec writes it
    given: bool  # the spec wrote it (else Keras's default)


@dataclass(frozen=True)
class NodeView:
    """One call of a layer: what the graph draws and the details panel shows."""

    id: str  # "n3": a DOM- and DOT-safe id
    path: str  # the call's path, outer/inner/dense
    name: str
    type: str
    shared: str  # "" or "shared, call 2/2: tower_conv_right"
    call: str  # "2/2" for a shared layer's second call, else ""
    input_shapes: tuple[str, ...]  # () for a model input
    output_shapes: tuple[str, ...]
    params: int
    trainable_params: int
    macs: int | None  # this call, scaled to the batch; None: not counted
    flops: int | None
    output_bytes: float | None  # None: unknown, or inside a nested model
    args: tuple[Arg, ...]
    group: str | None  # the innermost group drawn around it
    note: str = ""  # why a number is missing


@dataclass(frozen=True)
class GroupView:
    """Calls drawn together and folded as one: a nested model now, any block later."""

    id: str  # "g0"
    node: str  # the NodeView of the call the group stands for
    label: str
    parent: str | None


@dataclass(frozen=True)
class RowView:
    """One row of the sortable table (Keras's rows, nested ones under their model)."""

    node: str | None  # the NodeView to select: the layer's first live call
    level: int
    name: str
    type: str
    output: str
    params: int
    trainable_params: int
    macs: int | None  # every call of the layer; None: not counted
    flops: int | None
    output_bytes: float | None
    connected: str


@dataclass(frozen=True)
class ReportView:
    name: str
    path: str
    model_type: str
    nodes: tuple[NodeView, ...]  # drawing order; a group's own node included
    groups: tuple[GroupView, ...]
    edges: tuple[tuple[str, str], ...]  # node ids
    rows: tuple[RowView, ...]
    params: tuple[int, int, float, float]  # trainable, non-trainable, and their bytes
    totals: tuple[tuple[str, str], ...]  # the terminal footer's (label, text) lines
    options: tuple[tuple[str, str], ...]
    total_flops: int  # MACs when FLOPs are not defined (for shares)
    flops_defined: bool
    timeline: tuple[tuple[str, float], ...]  # (call, bytes in use while it runs)
    peak: tuple[str, float] | None


@dataclass(frozen=True)
class DiffEntry:
    """One layer of either model, with the text diff's wording for what happened to it."""

    id: str  # "n3"
    status: str  # added, removed, own, upstream, unchanged
    mark: str  # + - ~ > or a space, as the text diff
    name: str  # "old → new" when renamed
    type: str
    shape: str
    params: str
    sort_params: int  # the new model's count (the old one's for a removed layer)
    changes: tuple[str, ...]
    values: tuple[tuple[str, str], ...]  # per-layer measures: (label, "old → new")


@dataclass(frozen=True)
class DiffView:
    old_title: str
    new_title: str
    name: str
    summary: str
    identical: bool
    entries: tuple[DiffEntry, ...]  # the new model's row order, removed layers where they stood
    edges: tuple[tuple[str, str, bool], ...]  # (from, to, only in the old model)
    metrics: tuple[tuple[str, str, str, str, float], ...]  # label, before, after, change, delta
    model_changes: tuple[str, ...]
