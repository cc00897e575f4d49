"""The one place the HTML pages read archcalc's results, into the plain data of :mod:`.views`.

``InferenceResult``, ``Costs`` and ``ModelDiff`` are being reshaped in the core
(nested models inferred once, one metric registry); the pages read them only
through :func:`report_view` and :func:`diff_view`, so such a change is a
change here alone. Formatting and escaping belong to the page modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from archcalc.analysis import Costs
from archcalc.analysis.flops import ComputeReport, LayerCost
from archcalc.blocks import block_rows
from archcalc.catalog.nested import NestedLayer
from archcalc.diff.model import LayerDiff, ModelDiff
from archcalc.reader.writer import flow
from archcalc.render import diff_common as dc
from archcalc.render.cells import connections_text
from archcalc.render.costs import footer
from archcalc.render.html.views import (
    Arg,
    DiffEntry,
    DiffView,
    GroupView,
    NodeView,
    ReportView,
    RowView,
)
from archcalc.render.plotgraph import plot_graph
from archcalc.render.plotmodel import Cluster, PlotNode, PlotOptions, call_costs, inner_prefix
from archcalc.results import InferenceResult, LayerResult
from archcalc.shapes import format_shape, format_shapes


def plain(value: Any) -> Any:
    """A config value as YAML-writable data: wrapped layers as mappings, nested models summed up."""

    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, NestedLayer):
        return {"type": value.type, **plain(dict(value.config))}
    return str(value)


def layer_args(layer: LayerResult) -> tuple[Arg, ...]:
    """The layer's arguments, Keras's defaults included; a nested model's spec is its group."""

    given = layer.given
    return tuple(
        Arg(k, flow(plain(v)), k in given)
        for k, v in layer.config.items()
        if not hasattr(v, "layers")
    )


def _layers_by_path(result: InferenceResult) -> dict[str, LayerResult]:
    out: dict[str, LayerResult] = {}

    def walk(layers: tuple[LayerResult, ...], prefix: str) -> None:
        for layer in layers:
            for call in layer.calls:
                out[prefix + call.name] = layer
            if layer.children:
                walk(layer.children, inner_prefix(layer, prefix))

    walk(result.layers, "")
    return out


def report_view(result: InferenceResult, costs: Costs) -> ReportView:
    """Everything the model page shows, read from the result and its cost analysis."""

    compute, memory = costs.compute, costs.memory
    # nested models and block instances are groups the page folds (archcalc/blocks.py)
    graph = plot_graph(result, PlotOptions(expand_nested=True, show_shapes=True, blocks=True))
    layer_bytes = {m.name: m.output_bytes for m in memory.layers}
    block_views = _block_nodes(result, compute, layer_bytes)
    ids: dict[str, str] = {}
    layers = _layers_by_path(result)
    per_call = call_costs(result, compute)
    step_bytes = {s.call: s.output_bytes for s in memory.timeline}
    nodes: list[NodeView] = []
    groups: list[GroupView] = []

    def node(p: PlotNode, group: str | None) -> NodeView:
        ids[p.id] = f"n{len(ids)}"
        layer = layers[p.id]
        cost, call_cost = per_call.get(p.id, (None, None))
        counted = cost is not None and cost.counted and call_cost is not None
        top = "/" not in p.id
        out_bytes = step_bytes.get(p.id, layer_bytes.get(p.name) if p.calls == 1 else None)
        notes = []
        if cost is not None and not cost.counted:
            notes.append(cost.note)
        return NodeView(
            id=ids[p.id],
            path=p.id,
            name=p.name,
            type=p.type,
            shared=p.shared_text if p.shared else "",
            call=f"{p.call}/{p.calls}" if p.shared else "",
            input_shapes=tuple(format_shape(s) for s in p.input_shapes or ()),
            output_shapes=tuple(format_shape(s) for s in p.output_shapes),
            params=p.params,
            trainable_params=layer.trainable_params,
            macs=call_cost.macs if counted and call_cost is not None else None,
            flops=(
                call_cost.flops
                if counted and call_cost is not None and compute.flops_defined
                else None
            ),
            output_bytes=out_bytes if top else None,
            args=layer_args(layer),
            group=group,
            note="; ".join(n for n in notes if n),
        )

    def walk(items: tuple[PlotNode | Cluster, ...], group: str | None) -> None:
        for item in items:
            if isinstance(item, Cluster):
                if item.node is None:  # a block instance: a node standing for all of it
                    ids[item.key] = f"n{len(ids)}"
                    view = replace(block_views[item.key], id=ids[item.key], group=group)
                    label = item.caption
                else:
                    view = node(item.node, group)
                    label = f"{item.node.name} ({item.node.type})"
                nodes.append(view)
                gid = f"g{len(groups)}"
                groups.append(GroupView(gid, view.id, label, group))
                walk(item.items, gid)
            else:
                nodes.append(node(item, group))

    walk(graph.items, None)
    t = result.totals
    options = costs.options
    return ReportView(
        name=result.name,
        path=result.path,
        model_type="Sequential" if result.sequential else "Functional",
        nodes=tuple(nodes),
        groups=tuple(groups),
        edges=tuple((ids[a], ids[b]) for a, b in graph.edges),
        rows=tuple(_rows(result, compute, layer_bytes, ids)),
        params=(t.trainable, t.non_trainable, t.trainable_bytes, t.non_trainable_bytes),
        totals=tuple((label.rstrip(": "), text) for label, text in footer(costs)),
        options=(
            ("Batch size", f"{options.batch_size:,}"),
            ("Dtype", options.dtype or ", ".join(memory.dtypes)),
            ("Optimizer", options.optimizer),
            ("Convention", options.convention),
        ),
        total_flops=compute.total.flops if compute.flops_defined else compute.total.macs,
        flops_defined=compute.flops_defined,
        timeline=tuple((s.call, s.in_use_bytes) for s in memory.timeline),
        peak=(memory.peak_at, memory.peak_bytes) if memory.peak_bytes is not None else None,
    )


def _block_nodes(
    result: InferenceResult, compute: ComputeReport, sizes: Mapping[str, float | None]
) -> dict[str, NodeView]:
    """A node for each block instance (its group's own node: what a folded group shows):
    its totals, its outputs' shapes and the arguments its entry gives."""

    rows = block_rows(result, fold=False) or ()
    costs = {c.name: c for c in compute.layers}
    layers = {x.name: x for x in result.layers}
    out: dict[str, NodeView] = {}
    stack = list(rows)
    while stack:
        row = stack.pop()
        if not hasattr(row, "block"):
            continue
        stack.extend(row.items)
        counted = [costs[x.name] for x in row.layers if x.name in costs]
        whole = all(c.counted for c in counted)
        macs = sum(c.cost.macs for c in counted) if whole else None
        flops = sum(c.cost.flops for c in counted) if whole and compute.flops_defined else None
        reads = tuple(
            format_shape(layers[n].calls[k].output_shapes[i]) for n, k, i in row.connections
        )
        made = [sizes.get(x.name) for x in row.layers if x.name in {n for n, _ in row.outputs}]
        out["block:" + row.name] = NodeView(
            id="",
            path="block:" + row.name,
            name=row.label,
            type=f"block {row.title}",
            shared="",
            call="",
            input_shapes=reads,
            output_shapes=tuple(format_shape(s) for s in row.output_shapes),
            params=row.params,
            trainable_params=row.trainable_params,
            macs=macs,
            flops=flops,
            output_bytes=None if not made or None in made else sum(made),  # type: ignore[arg-type]
            args=tuple(Arg(k, flow(plain(v)), True) for k, v in row.args.items()),
            group=None,
        )
    return out


def _rows(
    result: InferenceResult,
    compute: ComputeReport,
    layer_bytes: Mapping[str, float | None],
    ids: Mapping[str, str],
) -> list[RowView]:

    rows: list[RowView] = []

    def add(layer: LayerResult, level: int, cost: LayerCost | None, prefix: str) -> None:
        live = layer.live_calls
        node = ids.get(prefix + live[0].name) if live else None
        counted = cost is not None and cost.counted
        rows.append(
            RowView(
                node=node,
                level=level,
                name=layer.name,
                type=layer.type,
                output=format_shapes(layer.output_shapes),
                params=layer.params,
                trainable_params=layer.trainable_params,
                macs=cost.cost.macs if counted and cost is not None else None,
                flops=cost.cost.flops
                if counted and cost is not None and compute.flops_defined
                else None,
                output_bytes=layer_bytes.get(layer.name) if level == 0 else None,
                connected=connections_text(layer) if level == 0 else "-",
            )
        )
        inner = {c.name: c for c in cost.children} if cost is not None else {}
        for child in layer.children:
            add(child, level + 1, inner.get(child.name), inner_prefix(layer, prefix))

    by_name = {c.name: c for c in compute.layers}
    for layer in result.rows:
        add(layer, 0, by_name.get(layer.name), "")
    return rows


# -- the diff page ------------------------------------------------------------------------


def diff_view(diff: ModelDiff, old: InferenceResult, new: InferenceResult) -> DiffView:
    """Everything the diff page shows: the ModelDiff, wired with both models' connections."""

    entries: list[DiffEntry] = []
    new_ids: dict[str, str] = {}
    old_ids: dict[str, str] = {}
    for i, d in enumerate(diff.layers):
        eid = f"n{i}"
        if d.new is not None:
            new_ids[d.new.name] = eid
        if d.old is not None:
            old_ids[d.old.name] = eid
        entries.append(_entry(diff, d, eid))
    edges: dict[tuple[str, str, bool], None] = {}
    for layer in new.layers:
        for call in layer.live_calls:
            for src, _, _ in call.connections:
                if src in new_ids and layer.name in new_ids:
                    edges[new_ids[src], new_ids[layer.name], False] = None
    removed = {d.old.name for d in diff.layers if d.status == "removed" and d.old is not None}
    for layer in old.layers:
        for call in layer.live_calls:
            for src, _, _ in call.connections:
                if (src in removed or layer.name in removed) and src in old_ids:
                    edges[old_ids[src], old_ids[layer.name], True] = None
    same_name = diff.old.name == diff.new.name
    return DiffView(
        old_title=dc.side_title(diff, "old"),
        new_title=dc.side_title(diff, "new"),
        name=diff.new.name if same_name else f"{diff.old.name} → {diff.new.name}",
        summary=dc.counts_line(diff),
        identical=diff.identical,
        entries=tuple(entries),
        edges=tuple(edges),
        metrics=tuple(
            (m.label, dc.number(m.old), dc.number(m.new), dc.delta_text(m), float(m.delta))
            for m in diff.metrics
        ),
        model_changes=(
            *(f"Block {dc.block_text(b)}" for b in diff.blocks),
            *(f"Model {dc.change_text(c)}" for c in diff.model_changes),
        ),
    )


def _entry(diff: ModelDiff, d: LayerDiff, eid: str) -> DiffEntry:

    name, kind = dc.layer_label(d)
    side = d.new or d.old
    assert side is not None
    values = tuple(
        (m.label, dc.number(m.new) if not m.changed else f"{dc.number(m.old)} → {dc.number(m.new)}")
        for m in d.metrics
    )
    return DiffEntry(
        id=eid,
        status=d.cause or d.status,
        mark=dc.mark(d),
        name=name,
        type=kind,
        shape=dc.shape_text(d),
        params=dc.params_text(d),
        sort_params=side.params,
        changes=tuple(dc.what_changed(diff, d)),
        values=values,
    )
