"""The layer graph: calls (Keras nodes) wired by tensor references.

Built once from a :class:`Spec`; answers the structural questions without
looking at shapes:

- references resolved (unknown names get a did-you-mean), cycles found
  (Kahn's algorithm; the message spells the cycle out);
- a topological order for inference, stable in file order;
- which calls an output depends on (others are dead and get a warning);
- Keras's row order for ``model.layers`` and whether Keras would print the
  table "sequential-like" (without ``Connected to``), ported from
  ``keras/src/ops/function.py::map_graph`` and ``summary_utils``.

Everything is iterative, so a 100,000-layer chain needs no recursion.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from archcalc.diagnostics import ArchcalcError, Diagnostic, Pos, Severity, did_you_mean
from archcalc.masks import MaskPlan, plan_keras_masks, unwritten_masks
from archcalc.spec import CallSpec, InputSpec, Spec
from archcalc.textsafe import quote


@dataclass(frozen=True, slots=True)
class CallNode:
    """One call of a layer. Input nodes (model inputs) have ``spec is None``."""

    index: int
    name: str
    layer: str
    call_index: int
    type: str
    inputs: tuple[tuple[int, int], ...]  # (producer node index, output index)
    pos: Pos
    spec: CallSpec | None = None
    input_spec: InputSpec | None = None
    #: how many of ``inputs`` are data (-1: all); then ``n_states`` initial states, then masks
    #: (Keras's order: call arguments, then keyword arguments by name)
    n_data: int = -1
    n_states: int = 0

    @property
    def data_inputs(self) -> tuple[tuple[int, int], ...]:
        return self.inputs if self.n_data < 0 else self.inputs[: self.n_data]

    @property
    def state_inputs(self) -> tuple[tuple[int, int], ...]:
        return self.inputs[self.n_data : self.n_data + self.n_states] if self.n_states else ()

    @property
    def has_mask(self) -> bool:
        """Whether a mask is wired to this call (written, read from a file, or planned)."""
        return self.n_data >= 0 and self.n_data + self.n_states < len(self.inputs)

    @property
    def is_input(self) -> bool:
        return self.spec is None


@dataclass(frozen=True)
class Graph:
    """The calls wired by reference, in Keras's row order, with what is live and the warnings."""

    spec: Spec
    nodes: tuple[CallNode, ...]
    topo: tuple[int, ...]  # every node, producers before consumers
    outputs: tuple[tuple[int, int], ...]  # (node, output index or -1 for "all")
    live: frozenset[int]  # nodes some output depends on (plus every model input)
    layer_order: tuple[str, ...]  # Keras's model.layers / _operations order
    sequential_like: bool
    warnings: tuple[Diagnostic, ...] = ()

    def layer_nodes(self, layer: str) -> list[CallNode]:
        return [n for n in self.nodes if n.layer == layer]


def build_graph(spec: Spec) -> Graph:
    """The calls of ``spec`` wired by reference, ordered, with Keras's mask calls added."""
    wiring = _Wiring(spec)
    nodes, outputs = wiring.nodes, wiring.outputs()
    first_layer = len(spec.inputs)
    if spec.sequential:  # a chain: file order is the order, and every call is live
        topo = tuple(range(len(nodes)))
        post, op_index, live = [], {}, set(topo)
    else:
        topo = _toposort(nodes, spec.path)
        post, op_index, live = _visit_from_outputs(nodes, [o for o, _ in outputs])
    plan = plan_keras_masks(spec, nodes, topo, live)
    if plan is not None:  # new calls: order and liveness again
        _add_mask_calls(nodes, wiring.index, plan)
        topo = _toposort(nodes, spec.path)
        post, op_index, live = _visit_from_outputs(nodes, [o for o, _ in outputs])
    live.update(range(first_layer))
    warnings = [*spec.warnings, *_dead_calls(spec, nodes, live, first_layer)]
    warnings += unwritten_masks(spec, nodes, live)
    if spec.sequential:
        order = tuple(dict.fromkeys(n.layer for n in nodes))
        seq_like = True
    else:
        order, seq_like = _keras_order(nodes, post, op_index, first_layer)
    return Graph(
        spec, tuple(nodes), topo, tuple(outputs), frozenset(live), order, seq_like, tuple(warnings)
    )


class _Wiring:
    """One node per model input and per call, each call's references resolved to nodes."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.diags: list[Diagnostic] = []
        self.nodes: list[CallNode] = []
        self.index: dict[str, int] = {}
        for inp in spec.inputs:
            self.index[inp.name] = len(self.nodes)
            self.nodes.append(
                CallNode(
                    len(self.nodes),
                    inp.name,
                    inp.name,
                    0,
                    "InputLayer",
                    (),
                    inp.pos,
                    input_spec=inp,
                )
            )
        first = len(self.nodes)
        for k, layer in enumerate(spec.layers):
            self.index[layer.name] = first + k
        # each node made once, already wired (a second pass would double the work on
        # 100,000 calls)
        self.nodes.extend(self.wired(first + k, layer) for k, layer in enumerate(spec.layers))

    def wired(self, index: int, spec: CallSpec) -> CallNode:
        """The call with its data, initial states and masks resolved, in Keras's order."""
        if not spec.states and not spec.masks:  # most calls: data inputs only
            refs = [
                (self.resolve(r.name, r.pos or spec.pos, spec.name), r.index) for r in spec.inputs
            ]
            wired = tuple((j, k) for j, k in refs if j is not None)
            return CallNode(
                index, spec.name, spec.layer, spec.call_index, spec.type, wired, spec.pos, spec,
                None, -1, 0,
            )  # fmt: skip
        groups: list[list[tuple[int, int]]] = [[], [], []]
        for group, refs_ in zip(groups, (spec.inputs, spec.states, spec.masks), strict=True):
            for ref in refs_:
                j = self.resolve(ref.name, ref.pos or spec.pos, spec.name)
                if j is not None:
                    group.append((j, ref.index))
        data, states, masks = groups
        # built directly: dataclasses.replace costs a lot over 100,000 calls
        return CallNode(
            index, spec.name, spec.layer, spec.call_index, spec.type,
            (*data, *states, *masks), spec.pos, spec, None, len(data), len(states),
        )  # fmt: skip

    def resolve(self, ref_name: str, ref_pos: Pos, owner: str) -> int | None:
        if ref_name in self.index:
            return self.index[ref_name]
        hint = did_you_mean(ref_name, list(self.index))
        if not hint and "[" in ref_name:  # x[a], x[-1], x[1][0]: not NAME[INDEX]
            hint = (
                "; a reference is NAME or NAME[INDEX], where INDEX counts a layer's outputs from 0"
            )
        self.diags.append(
            Diagnostic.at(
                self.spec.path,
                ref_pos,
                "unknown-reference",
                f"{owner}: there is no layer or input named {quote(ref_name)}{hint}",
            )
        )
        return None

    def outputs(self) -> list[tuple[int, int]]:
        """The model outputs as (node, output index); raises the unresolved references."""
        out = []
        for ref in self.spec.outputs:
            j = self.resolve(ref.name, ref.pos or self.spec.outputs_pos, "outputs")
            if j is not None:
                out.append((j, ref.index))
        if self.diags:
            raise ArchcalcError(self.diags)
        return out


def _dead_calls(
    spec: Spec, nodes: list[CallNode], live: set[int], first_layer: int
) -> list[Diagnostic]:
    """A warning for each call no output depends on (Keras leaves it out of the model)."""
    dead = [n for n in nodes[first_layer:] if n.index not in live]
    live_layers = {nodes[i].layer for i in live} if dead else set()
    return [
        Diagnostic.at(
            spec.path,
            n.pos,
            "dead-layer",
            f"{n.name}: no model output depends on this call, so Keras leaves the call out of the "
            f"model; shared layer '{n.layer}' and its weights stay, through its other calls"
            if n.layer in live_layers
            else f"{n.name}: no model output depends on this layer, so Keras leaves it out of the "
            "model (and out of the table and totals)",
            Severity.WARNING,
        )
        for n in dead
    ]


def _add_mask_calls(nodes: list[CallNode], index: dict[str, int], plan: MaskPlan) -> None:
    """The op calls Keras makes for masks, and the mask each consumer receives (wiring only)."""
    for call in plan.calls:
        index[call.name] = len(nodes)
        refs = tuple((index[r.name], r.index) for r in call.inputs)
        nodes.append(CallNode(len(nodes), call.name, call.name, 0, call.type, refs, call.pos, call))
    for i, names in plan.masks.items():
        node = nodes[i]
        extra = tuple((index[n], 0) for n in names)
        nodes[i] = replace(node, inputs=(*node.inputs, *extra), n_data=len(node.data_inputs))


def _toposort(nodes: list[CallNode], path: str) -> tuple[int, ...]:
    """Kahn's algorithm in file order; a cycle becomes one diagnostic that names it."""
    indegree = [len(n.inputs) for n in nodes]
    consumers: list[list[int]] = [[] for _ in nodes]
    for n in nodes:
        for src, _ in n.inputs:
            consumers[src].append(n.index)
    ready = deque(i for i, d in enumerate(indegree) if d == 0)
    order: list[int] = []
    while ready:
        i = ready.popleft()
        order.append(i)
        for c in consumers[i]:
            indegree[c] -= 1
            if indegree[c] == 0:
                ready.append(c)
    if len(order) == len(nodes):
        return tuple(order)
    # Walk back along inputs that are still blocked until a node repeats.
    stuck = {i for i, d in enumerate(indegree) if d > 0}
    start = min(stuck)
    seen: dict[int, int] = {}
    path_nodes: list[int] = []
    cur = start
    while cur not in seen:
        seen[cur] = len(path_nodes)
        path_nodes.append(cur)
        cur = next(src for src, _ in nodes[cur].inputs if src in stuck)
    cycle = path_nodes[seen[cur] :]
    cycle.reverse()  # producers first: a -> b means b reads a
    first = min(cycle, key=lambda i: nodes[i].pos)
    k = cycle.index(first)
    cycle = cycle[k:] + cycle[:k]
    text = " -> ".join(nodes[i].name for i in [*cycle, cycle[0]])
    raise ArchcalcError(
        Diagnostic.at(
            path,
            nodes[first].pos,
            "cycle",
            f"the layers form a cycle: {text}; a layer cannot depend on its own output, "
            "so one of these 'inputs' must name an earlier layer",
        )
    )


def _visit_from_outputs(
    nodes: list[CallNode], outputs: list[int]
) -> tuple[list[int], dict[str, int], set[int]]:
    """Keras's ``_build_map``: DFS from the outputs, recording first-visit order per layer.

    Returns the post-order of nodes, the layer -> first-visit index map, and
    the set of visited (live) nodes.
    """
    finished: set[int] = set()
    post: list[int] = []
    op_index: dict[str, int] = {}

    def enter(n: int, stack: list[tuple[int, int]]) -> None:
        if n in finished:
            return
        layer = nodes[n].layer
        if layer not in op_index:
            op_index[layer] = len(op_index)
        stack.append((n, 0))

    for out in outputs:
        stack: list[tuple[int, int]] = []
        enter(out, stack)
        while stack:
            n, k = stack[-1]
            if k < len(nodes[n].inputs):
                stack[-1] = (n, k + 1)
                enter(nodes[n].inputs[k][0], stack)
            else:
                stack.pop()
                if n not in finished:
                    finished.add(n)
                    post.append(n)
    return post, op_index, set(finished)


def _keras_order(
    nodes: list[CallNode], post: list[int], op_index: dict[str, int], n_inputs: int
) -> tuple[tuple[str, ...], bool]:
    """Keras's ``map_graph`` depth ordering, and ``print_summary``'s sequential-like test."""
    in_graph = set(post)
    node_depth: dict[int, int] = {}
    op_depth: dict[str, int] = {}
    for n in reversed(post):
        depth = node_depth.setdefault(n, 0)
        layer = nodes[n].layer
        depth = max(depth, op_depth.get(layer, 0))
        op_depth[layer] = depth
        node_depth[n] = depth
        for src, _ in nodes[n].inputs:
            if src in in_graph:
                node_depth[src] = max(depth + 1, node_depth.get(src, 0))
    op_index = dict(op_index)
    for i in range(n_inputs):  # unused model inputs: depth 0, sorted first there
        layer = nodes[i].layer
        if layer not in op_depth:
            op_depth[layer] = 0
            op_index[layer] = -1
            node_depth[i] = 0

    by_depth: dict[int, list[str]] = {}
    for layer, depth in op_depth.items():
        by_depth.setdefault(depth, []).append(layer)
    order: list[str] = []
    for depth in sorted(by_depth, reverse=True):
        order.extend(sorted(by_depth[depth], key=lambda name: op_index[name]))

    nodes_by_depth: dict[int, list[int]] = {}
    for n, depth in node_depth.items():
        nodes_by_depth.setdefault(depth, []).append(n)
    seq_like = all(len(v) == 1 and len(nodes[v[0]].inputs) <= 1 for v in nodes_by_depth.values())
    if seq_like:
        calls: dict[str, int] = {}
        for n in node_depth:
            calls[nodes[n].layer] = calls.get(nodes[n].layer, 0) + 1
        seq_like = all(c == 1 for c in calls.values())
    return tuple(order), seq_like
