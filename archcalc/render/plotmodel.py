"""What a plot is made of (options, nodes, clusters, the graph): plain data the graph
builders (:mod:`archcalc.render.plotgraph`, :mod:`archcalc.render.plotblocks`) make and
the DOT, Mermaid and HTML writers read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from archcalc.numtext import grouped
from archcalc.shapes import Shape, dim_text

if TYPE_CHECKING:  # types only: plot's option parsing loads this module cheaply
    from archcalc.analysis.cost import Cost
    from archcalc.analysis.flops import ComputeReport, LayerCost
    from archcalc.results import InferenceResult, LayerResult


@dataclass(frozen=True)
class PlotOptions:
    """What each node shows; the flags mirror Keras's ``plot_model`` arguments."""

    show_shapes: bool = False
    show_params: bool = False
    show_activations: bool = False  # Keras's show_layer_activations
    show_trainable: bool = False
    show_dtype: bool = False
    show_layer_names: bool = True  # Keras's plot_model defaults to False, model_to_dot to True
    rankdir: str = "TB"
    expand_nested: bool = False
    dpi: int = 200  # DOT only, as Keras
    splines: str = "ortho"  # DOT only, as Keras
    fence: bool = False  # Mermaid only: wrap in a ```mermaid block
    #: Extra rows per node, keyed by node path ("conv1", "inner/dense"): the hook for
    #: per-layer analyses such as MACs (``--show-macs``) — (label, value) pairs.
    extra_rows: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: a spec with blocks: draw each block instance as a cluster (render/plotblocks.py)
    blocks: bool = False
    #: with ``blocks``: draw identical repeats once, captioned xN
    fold: bool = False


@dataclass(frozen=True)
class PlotNode:
    """One drawn call of a layer."""

    id: str  # the call's path
    name: str  # the layer's name
    type: str
    call_name: str
    call: int  # 1-based among the layer's live calls
    calls: int
    input_shapes: tuple[Shape, ...] | None  # None for an InputLayer
    output_shapes: tuple[Shape, ...]
    params: int
    activation: str | None  # None: the layer has no activation argument
    trainable: bool | None  # None: no weights (Keras shows nothing)
    dtype: str
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def shared(self) -> bool:
        return self.calls > 1

    @property
    def is_input(self) -> bool:
        return self.type == "InputLayer"

    @property
    def shared_text(self) -> str:
        """``shared, call 2/2: tower_conv_right`` (the call's own name when it has one)."""
        text = f"shared, call {self.call}/{self.calls}"
        return text if self.call_name == self.name else f"{text}: {self.call_name}"


@dataclass(frozen=True)
class Cluster:
    """An expanded nested model (its own node fields plus its inner items), or a block
    instance (no node: ``key`` and ``caption`` say what it is)."""

    node: PlotNode | None
    items: tuple[PlotNode | Cluster, ...]
    key: str = ""
    caption: str = ""

    @property
    def id(self) -> str:
        return self.node.id if self.node is not None else self.key

    def title(self, opts: PlotOptions) -> str:
        return cluster_title(self.node, opts) if self.node is not None else self.caption


@dataclass(frozen=True)
class PlotGraph:
    name: str
    items: tuple[PlotNode | Cluster, ...]
    edges: tuple[tuple[str, str], ...]


def _tuple_text(shape: Shape) -> str:
    """``repr(tuple(shape))``, with sizes too long to print shortened (shapes.dim_text)."""
    dims = [dim_text(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def shape_text(shapes: tuple[Shape, ...]) -> str:
    """Keras's plot_model form: a Python tuple, ``(None, 8)``, ``(None,)``; a list for several."""
    texts = [_tuple_text(s) for s in shapes]
    return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"


def title(node: PlotNode, opts: PlotOptions) -> str:
    """``conv1 (Conv2D)``, or the class name alone without layer names (as Keras)."""
    return f"{node.name} ({node.type})" if opts.show_layer_names else node.type


def cluster_title(node: PlotNode, opts: PlotOptions) -> str:
    """An expanded nested model's caption: its title, shared marker and parameter total."""
    parts = [title(node, opts)]
    if node.shared:
        parts.append(node.shared_text)
    if opts.show_params:
        parts.append(f"{grouped(node.params)} params")
    return " · ".join(parts)


def inner_prefix(layer: LayerResult, prefix: str) -> str:
    """The path prefix of a nested model's rows: those of its first live call, as plotgraph draws."""
    first = layer.live_calls[0] if layer.live_calls else layer.calls[0]
    return prefix + first.name + "/"


def call_costs(
    result: InferenceResult, compute: ComputeReport
) -> dict[str, tuple[LayerCost, Cost | None]]:
    """``{call path: (its layer's cost, the call's cost)}``, nested models' first call included."""
    out: dict[str, tuple[LayerCost, Cost | None]] = {}

    def walk(layers: tuple[LayerResult, ...], costs: tuple[LayerCost, ...], prefix: str) -> None:
        by_name = {c.name: c for c in costs}
        for layer in layers:
            cost = by_name.get(layer.name)
            if cost is None:
                continue
            for call, call_cost in zip(layer.calls, cost.calls, strict=False):
                out[prefix + call.name] = (cost, call_cost)
            if layer.children and cost.children:
                walk(layer.children, cost.children, inner_prefix(layer, prefix))

    walk(result.layers, compute.layers, "")
    return out
