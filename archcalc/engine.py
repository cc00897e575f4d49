"""Shape and parameter inference over the graph, returning an immutable result.

The engine walks the graph in topological order and asks each call's layer
kind for its output shapes; weights come from a layer's first call, and
every later call of a shared layer must fit them (as Keras refuses a built
layer on an incompatible input). Errors carry the layer's name and file
position; independent branches are still checked, so one run reports every
problem that does not follow from another.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from archcalc.catalog import CATALOG
from archcalc.catalog.args import ArgError
from archcalc.catalog.base import WeightSpec
from archcalc.catalog.dtypes import variable_dtype
from archcalc.catalog.models import NestedModel
from archcalc.diagnostics import ArchcalcError, Diagnostic
from archcalc.graph import CallNode, Graph, build_graph
from archcalc.results import (
    CallResult,
    InferenceResult,
    LayerResult,
    Totals,
    count_weights,
    flatten_weights,
)
from archcalc.shapes import Shape, ShapeError, format_shape
from archcalc.spec import Spec
from archcalc.states import check_initial_state


def _ref_text(nodes: tuple[CallNode, ...], src: int, idx: int) -> str:
    name = nodes[src].name
    return name if idx == 0 else f"{name}[{idx}]"


class _Engine:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.path = graph.spec.path
        #: each node's output shapes and dtypes, by node index (() until it is inferred)
        self.outputs: list[tuple[Shape, ...]] = [()] * len(graph.nodes)
        self.dtypes: list[tuple[str, ...]] = [()] * len(graph.nodes)
        #: each layer's weights; alike layers share one tuple (a 100,000-layer chain keeps one)
        self.weights: dict[str, tuple[WeightSpec, ...]] = {}
        #: layers already called, and for a shared layer its first call and input shapes
        #: (later calls are checked against them; a layer called once keeps nothing)
        self.called: set[str] = set()
        self.shared: set[str] = set()  # layers with more than one call
        seen: set[str] = set()
        for n in graph.nodes:
            (self.shared if n.layer in seen else seen).add(n.layer)
        self.first_call: dict[str, tuple[CallNode, list[Shape]]] = {}
        self.nested: dict[str, InferenceResult] = {}  # layer -> the build its rows show
        self.nested_calls: dict[int, InferenceResult] = {}  # call -> its own sub-inference
        self.diags: list[Diagnostic] = []
        self.failed: set[int] = set()
        #: a call's outputs and weights, computed once per distinct (kind, config, input
        #: shapes): a repeated block or a 100,000-layer chain of one layer is inferred once
        self.memo: dict[
            tuple[Any, ...], tuple[tuple[Shape, ...], tuple[str, ...], tuple[WeightSpec, ...]]
        ] = {}
        #: a weight list's counts and bytes, computed once per list (lists are shared)
        self.counts: dict[tuple[int, bool, Any], tuple[int, int, Any, Any]] = {}

    def error(self, node: CallNode, message: str, code: str = "shape-error") -> None:
        self.diags.append(Diagnostic.at(self.path, node.pos, code, f"{node.name}: {message}"))
        self.failed.add(node.index)

    def run(self) -> None:
        for i in self.graph.topo:
            node = self.graph.nodes[i]
            if node.is_input:
                assert node.input_spec is not None
                self.outputs[i] = (node.input_spec.shape,)
                self.dtypes[i] = (node.input_spec.dtype,)
                continue
            if any(src in self.failed for src, _ in node.inputs):
                self.failed.add(i)
                continue
            try:
                self.call(node)
            except (ShapeError, ArgError) as exc:
                self.error(node, str(exc))
            except ArchcalcError:
                raise
            except Exception as exc:  # a bug in a layer kind must still not be a traceback
                self.error(
                    node,
                    f"internal error while inferring this layer ({type(exc).__name__}: {exc})",
                    "internal-error",
                )

    def call(self, node: CallNode) -> None:
        spec = node.spec
        assert spec is not None
        kind = CATALOG[spec.kind_name]
        shapes: list[Shape] = []
        states: list[Shape] = []
        in_dtypes: list[str] = []
        n_data = len(node.data_inputs)
        for k, (src, idx) in enumerate(node.inputs):
            produced = self.outputs[src]
            if idx >= len(produced):
                ref = _ref_text(self.graph.nodes, src, idx)
                self.error(
                    node,
                    f"{ref} does not exist: {self.graph.nodes[src].name} has {len(produced)} output(s), "
                    f"numbered from 0",
                    "invalid-reference",
                )
                return
            if k < n_data:
                shapes.append(produced[idx])
                in_dtypes.append(self.dtypes[src][idx])
            elif k < n_data + node.n_states:
                states.append(produced[idx])
        n = len(shapes)
        if n < kind.min_inputs or (kind.max_inputs is not None and n > kind.max_inputs):
            if kind.max_inputs == kind.min_inputs:
                want = f"{kind.min_inputs} input{'s' if kind.min_inputs != 1 else ''}"
            elif kind.max_inputs is None:
                want = f"a list of at least {kind.min_inputs} inputs"
            else:
                want = f"{kind.min_inputs} to {kind.max_inputs} inputs"
            refs = ", ".join(_ref_text(self.graph.nodes, s, i) for s, i in node.data_inputs)
            self.error(node, f"{node.type} takes {want}, got {n} ({refs})", "input-count")
            return
        cfg = spec.config  # read-only: kinds never mutate a config after validate()
        if spec.call_args:  # this call's own keyword arguments (ReversibleEmbedding's reverse)
            cfg = {**cfg, **spec.call_args}
        if node.n_states:
            refs = [_ref_text(self.graph.nodes, s, i) for s, i in node.state_inputs]
            check_initial_state(kind, cfg, shapes, states, refs)
        weights: tuple[WeightSpec, ...] | None = None
        key = None
        if isinstance(kind, NestedModel):  # one sub-inference per call: shapes and weights
            sub = infer_spec(kind.sub_spec(cfg, shapes))
            outputs, weights = sub.output_shapes, tuple(flatten_weights(sub))
            dtypes = sub.output_dtypes
            self.nested_calls[node.index] = sub
        else:
            sub = None
            # alike calls (repeated blocks) share one config object: infer them once; a
            # config made for this call (call_args) has no lasting id, so it is not memoised
            key = None if spec.call_args else (kind.name, id(cfg), tuple(shapes), tuple(in_dtypes))
            known = self.memo.get(key) if key is not None else None
            if known is not None:
                outputs, dtypes, weights = known
            else:
                outputs, dtypes = kind.infer(cfg, shapes, in_dtypes)
        if node.layer not in self.called:
            self.called.add(node.layer)
            if node.layer in self.shared:
                self.first_call[node.layer] = (node, shapes)
            if weights is None:
                weights = tuple(kind.weights(cfg, shapes))
                if key is not None:  # the config object stays alive with the spec: ids are safe
                    self.memo[key] = (outputs, dtypes, weights)
            self.weights[node.layer] = weights
            if sub is not None:
                if kind.builds_other_shapes(cfg, shapes):  # its rows show its own build
                    sub = infer_spec(kind.sub_spec(cfg, shapes, keep_declared=True))
                self.nested[node.layer] = sub
        else:
            self.check_shared_call(node, kind, cfg, shapes, weights)
        self.outputs[node.index] = outputs
        self.dtypes[node.index] = dtypes

    def check_shared_call(
        self,
        node: CallNode,
        kind: Any,
        cfg: dict[str, Any],
        shapes: list[Shape],
        weights: tuple[WeightSpec, ...] | None,
    ) -> None:
        first, first_shapes = self.first_call[node.layer]
        where = f"line {first.pos.line}" if first.pos else "its first call"
        for axis, value in kind.build_axes(cfg, first_shapes).items():
            got = shapes[0][axis] if -len(shapes[0]) <= axis < len(shapes[0]) else None
            if got != value:
                raise ShapeError(
                    f"calls the shared layer {node.layer!r} (built by its first call, {where}, on "
                    f"{format_shape(first_shapes[0])}) on an incompatible input. Keras: Input 0 of layer "
                    f'"{node.layer}" is incompatible with the layer: expected axis {axis} of input shape '
                    f"to have value {value}, but received input with shape {format_shape(shapes[0])}"
                )
        again = weights if weights is not None else kind.weights(cfg, shapes)
        if [w.shape for w in again] != [w.shape for w in self.weights[node.layer]]:
            mine = ", ".join(f"{w.name} {w.shape}" for w in again)
            theirs = ", ".join(f"{w.name} {w.shape}" for w in self.weights[node.layer])
            raise ShapeError(
                f"calls the shared layer {node.layer!r} on {format_shape(shapes[0])}, which would need "
                f"weights {mine}, but its first call ({where}, on {format_shape(first_shapes[0])}) built {theirs}"
            )


def _children(rows: tuple[LayerResult, ...], trainable: bool) -> tuple[LayerResult, ...]:
    """A nested model's rows; freezing the model freezes every layer in it, as in Keras."""
    if trainable:
        return rows
    return tuple(
        replace(
            x,
            trainable=False,
            trainable_params=0,
            non_trainable_params=x.params,
            trainable_bytes=0,
            non_trainable_bytes=x.trainable_bytes + x.non_trainable_bytes,
            children=_children(x.children, False),
        )
        for x in rows
    )


def infer_graph(graph: Graph) -> InferenceResult:
    """Shapes and weights of every call of ``graph``, as Keras's rows; raises ArchcalcError."""
    engine = _Engine(graph)
    engine.run()
    if engine.diags:
        raise ArchcalcError(engine.diags)
    # a layer called once (nearly every layer) maps to its node, a shared one to its calls;
    # only shared layers' calls are numbered (call_number.get(i, 0)): a 100,000-layer model
    # builds no list per layer and no number per call while its rows are made
    calls_by_layer: dict[str, CallNode | list[CallNode]] = {}
    for node in graph.nodes:
        if node.layer in engine.shared:
            calls_by_layer.setdefault(node.layer, []).append(node)  # type: ignore[union-attr]
        else:
            calls_by_layer[node.layer] = node
    call_number = {
        n.index: k
        for calls in calls_by_layer.values()
        if isinstance(calls, list)
        for k, n in enumerate(calls)
    }
    layers = tuple(
        _layer_result(engine, calls_by_layer[name], call_number) for name in graph.layer_order
    )
    outputs, output_shapes, output_dtypes = _outputs(engine, call_number)
    return InferenceResult(
        name=graph.spec.name,
        path=graph.spec.path,
        layers=layers,
        sequential=graph.spec.sequential,
        sequential_like=graph.sequential_like,
        outputs=outputs,
        totals=_totals(layers),
        warnings=graph.warnings,
        output_shapes=output_shapes,
        graph=graph,
        output_dtypes=output_dtypes,
    )


def _layer_result(
    engine: _Engine, calls: CallNode | list[CallNode], call_number: dict[int, int]
) -> LayerResult:
    """One row: the layer's calls, its weights (from its first call) and their counts."""
    if not isinstance(calls, list):
        calls = [calls]
    nodes, first = engine.graph.nodes, calls[0]
    name, spec = first.layer, first.spec
    listed = engine.weights.get(name, ())
    weights = listed
    trainable = spec.trainable if spec is not None else True
    cfg = spec.config if spec is not None else {}
    dtype = cfg.get("dtype")
    # a policy given as a mapping (a quantized one) lives with the spec: its id is safe
    key = (id(listed), trainable, dtype if isinstance(dtype, str | None) else id(dtype))
    counted = engine.counts.get(key) if listed else None
    if counted is None:
        counted = count_weights(weights, trainable, variable_dtype(dtype))
        if listed:
            engine.counts[key] = counted
    t, nt, tb, ntb = counted
    outputs, live, nested = engine.outputs, engine.graph.live, engine.nested_calls
    results = []
    for node in calls:
        if len(node.inputs) == 1 and node.n_data < 0:  # most calls: one input, no mask
            ((s, i),) = node.inputs
            refs: tuple[str, ...] = (_ref_text(nodes, s, i),)
            conns: tuple[tuple[str, int, int], ...] = ((nodes[s].layer, call_number.get(s, 0), i),)
            shapes: tuple[Shape, ...] = (outputs[s][i],)
        else:
            refs = tuple(_ref_text(nodes, s, i) for s, i in node.inputs)
            conns = tuple((nodes[s].layer, call_number.get(s, 0), i) for s, i in node.inputs)
            shapes = tuple(outputs[s][i] for s, i in node.data_inputs)
        call = CallResult(
            node.name, refs, conns, shapes, outputs[node.index], node.index in live,
            engine.dtypes[node.index], node.pos, nested.get(node.index),
        )  # fmt: skip
        results.append(call)
    rows = engine.nested.get(name)
    return LayerResult(
        name=name,
        type=first.type,
        calls=tuple(results),
        weights=weights,
        trainable=trainable,
        params=t + nt,
        trainable_params=t,
        non_trainable_params=nt,
        trainable_bytes=tb,
        non_trainable_bytes=ntb,
        pos=first.pos,
        config=cfg,
        given=spec.given if spec is not None else {},
        children=_children(rows.rows, trainable) if rows is not None else (),
        kind=spec.kind if spec is not None else "",
    )


def _outputs(
    engine: _Engine, call_number: dict[int, int]
) -> tuple[tuple[tuple[str, int, int], ...], tuple[Shape, ...], tuple[str, ...]]:
    """The model outputs as Keras's (layer, node, tensor) triples, their shapes and dtypes."""
    graph, nodes = engine.graph, engine.graph.nodes
    outputs: list[tuple[str, int, int]] = []
    output_shapes: list[Shape] = []
    output_dtypes: list[str] = []
    for src, idx in graph.outputs:
        produced = engine.outputs[src]
        for i in range(len(produced)) if idx < 0 else [idx]:
            if i >= len(produced):
                raise ArchcalcError(
                    Diagnostic.at(
                        graph.spec.path,
                        graph.spec.outputs_pos,
                        "invalid-reference",
                        f"outputs: {nodes[src].name} has {len(produced)} output(s); index {i} does not exist",
                    )
                )
            outputs.append((nodes[src].layer, call_number.get(src, 0), i))
            output_shapes.append(produced[i])
            output_dtypes.append(engine.dtypes[src][i])
    return tuple(outputs), tuple(output_shapes), tuple(output_dtypes)


def _totals(layers: tuple[LayerResult, ...]) -> Totals:
    t = sum(x.trainable_params for x in layers)
    nt = sum(x.non_trainable_params for x in layers)
    tb = sum((x.trainable_bytes for x in layers), 0)
    ntb = sum((x.non_trainable_bytes for x in layers), 0)
    return Totals(t + nt, t, nt, tb, ntb)


def infer_spec(spec: Spec) -> InferenceResult:
    return infer_graph(build_graph(spec))
