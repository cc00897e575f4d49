"""The picture's graph: nodes, clusters and edges, shared by the DOT and Mermaid renderers.

Both renderers draw the same thing, so the decisions live here once:

- **One node per call.** A shared layer called twice is two nodes, each
  labelled ``shared, call k/n`` with its own shapes. One node with several
  edges (what Keras's ``plot_model`` draws) merges independent data paths and,
  for a layer applied to its own output, draws a cycle; one node per call keeps
  the picture a true dataflow DAG.
- **No InputLayer node for a Sequential model**, as Keras draws
  ``model.layers``; a Functional model shows its inputs.
- **Dead calls are left out**, as Keras leaves them out of the model.
- **Nested models** (a layer whose result has ``children``) are one node, or
  with ``expand_nested`` a cluster of their own rows; edges then run to the
  inner input (or first layer) and from the inner layer that produces the
  output, as Keras re-points them. A nested model called again is expanded
  at its first call only (its inner shapes are those of that call), later
  calls are plain nodes.

Node ids are the call's path, ``outer/inner/dense``: Keras names cannot
contain ``/``, so paths are unique. Order is Keras's row order, calls in
call order, so output is deterministic and diffs stay local.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.activation_names import activation_name
from archcalc.render.plotblocks import with_blocks
from archcalc.render.plotmodel import (
    Cluster,
    PlotGraph,
    PlotNode,
    PlotOptions,
)
from archcalc.results import CallResult, InferenceResult, LayerResult


class _Scope:
    """One model level: its layers by name, its drawn calls, and how to reach inside them."""

    def __init__(
        self,
        layers: tuple[LayerResult, ...],
        drawn: tuple[LayerResult, ...],
        prefix: str,
        opts: PlotOptions,
    ) -> None:
        self.layers = {x.name: x for x in layers}
        self.drawn = drawn
        self.drawn_names = {x.name for x in drawn}
        self.prefix = prefix
        self.opts = opts
        self.clusters: dict[str, tuple[_Scope, Any]] = {}  # node id -> (inner scope, sub-spec)
        self.items: list[PlotNode | Cluster] = []
        self.edges: dict[tuple[str, str], None] = {}  # ordered and deduplicated

    def call_id(self, call: CallResult) -> str:
        return self.prefix + call.name

    def build(self) -> None:
        for layer in self.drawn:
            live = layer.live_calls
            for k, call in enumerate(live, start=1):
                node = self.node(layer, call, k, len(live))
                cluster = None
                if self.opts.expand_nested and layer.children and k == 1:
                    cluster = self.cluster(layer, node)
                self.items.append(cluster or node)
        for layer in self.drawn:
            for call in layer.live_calls:
                for position, conn in enumerate(call.connections):
                    for src in self.sources(*conn):
                        for dst in self.entries(call, position):
                            self.edges[src, dst] = None

    def node(self, layer: LayerResult, call: CallResult, k: int, n: int) -> PlotNode:
        dtype = call.output_dtype  # the kind's answer (an input's own dtype)
        if len(call.output_shapes) > 1:  # Keras maps over the outputs: "['float32', 'float32']"
            dtype = str([dtype] * len(call.output_shapes))
        node_id = self.call_id(call)
        return PlotNode(
            id=node_id,
            name=layer.name,
            type=layer.type,
            call_name=call.name,
            call=k,
            calls=n,
            input_shapes=None if layer.is_input else call.input_shapes,
            output_shapes=call.output_shapes,
            params=layer.params,
            activation=(
                activation_name(layer.config["activation"])
                if "activation" in layer.config
                else None
            ),
            trainable=layer.trainable if layer.weights else None,
            dtype=dtype,
            extra=tuple(self.opts.extra_rows.get(node_id, ())),
        )

    def cluster(self, layer: LayerResult, node: PlotNode) -> Cluster | None:
        """The expanded nested layer, or None when it has nothing to draw inside."""
        sub = layer.config.get("model")
        inner = _Scope(layer.children, layer.children, node.id + "/", self.opts)
        inner.build()
        if not inner.items:
            return None
        self.clusters[node.id] = (inner, sub)
        self.edges.update(inner.edges)
        return Cluster(node, tuple(inner.items))

    # -- edge endpoints -------------------------------------------------------------

    def sources(self, layer_name: str, call_index: int, tensor: int) -> list[str]:
        """Drawn ids that produce ``layer_name``'s call ``call_index`` output ``tensor``."""
        layer = self.layers.get(layer_name)
        if layer is None or layer.name not in self.drawn_names or call_index >= len(layer.calls):
            return []  # e.g. a Sequential model's undrawn input
        node_id = self.call_id(layer.calls[call_index])
        if node_id not in self.clusters:
            return [node_id]
        inner, sub = self.clusters[node_id]
        return inner.exits(sub, tensor)

    def entries(self, call: CallResult, position: int) -> list[str]:
        """Drawn ids that receive ``call``'s input ``position``."""
        node_id = self.call_id(call)
        if node_id not in self.clusters:
            return [node_id]
        inner, sub = self.clusters[node_id]
        names = [i.name for i in getattr(sub, "inputs", ())]
        if position < len(names):
            target = names[position]
            if target in inner.drawn_names:
                return [inner.prefix + target]  # a nested Functional's InputLayer
            readers = [  # a nested Sequential: the calls that read its (undrawn) input
                (c, j)
                for x in inner.drawn
                for c in x.live_calls
                for j, conn in enumerate(c.connections)
                if conn[0] == target
            ]
        else:  # not a model (a wrapper): every inner call no inner call feeds
            readers = [(c, 0) for c in inner.roots()]
        return [e for c, j in readers for e in inner.entries(c, j)]

    def exits(self, sub: Any, tensor: int) -> list[str]:
        """Drawn ids inside this (inner) scope that produce the nested model's output ``tensor``."""
        produced: list[tuple[str, int]] = []
        by_call = {c.name: (x, k, c) for x in self.drawn for k, c in enumerate(x.calls)}
        for ref in getattr(sub, "outputs", ()):
            if ref.name not in by_call:
                continue
            _, _, call = by_call[ref.name]
            indices = range(len(call.output_shapes)) if ref.index < 0 else [ref.index]
            produced.extend((ref.name, i) for i in indices)
        if tensor < len(produced):
            layer, k, _ = by_call[produced[tensor][0]]
            return self.sources(layer.name, k, produced[tensor][1])
        return self.leaves()

    def roots(self) -> list[CallResult]:
        """Inner calls that no inner call feeds (a wrapper's entry points)."""
        return [
            c
            for x in self.drawn
            for c in x.live_calls
            if not any(conn[0] in self.drawn_names for conn in c.connections)
        ]

    def leaves(self) -> list[str]:
        """Ids of inner calls whose output no inner call reads (a wrapper's exits)."""
        fed = {conn[:2] for x in self.drawn for c in x.live_calls for conn in c.connections}
        return [
            src
            for x in self.drawn
            for k, c in enumerate(x.calls)
            if c.live and (x.name, k) not in fed
            for src in self.sources(x.name, k, 0)
        ]


def plot_graph(result: InferenceResult, opts: PlotOptions | None = None) -> PlotGraph:
    """The nodes, clusters and edges to draw for ``result``."""
    opts = opts or PlotOptions()
    scope = _Scope(result.layers, result.rows, "", opts)
    scope.build()
    graph = PlotGraph(result.name, tuple(scope.items), tuple(scope.edges))
    if opts.blocks:
        graph = with_blocks(result, graph, opts)
    return graph


def walk(items: tuple[PlotNode | Cluster, ...]) -> list[PlotNode]:
    """Every node, clusters' own nodes excluded, depth first in drawing order."""
    out: list[PlotNode] = []
    for item in items:
        if isinstance(item, Cluster):
            out.extend(walk(item.items))
        else:
            out.append(item)
    return out
