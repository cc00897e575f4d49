"""Memory: parameters, activations and a training estimate, for a batch size and dtype.

- **Parameters**: every weight at its variable dtype (Keras's own byte
  count), or at ``--dtype``.
- **Activations**: each call's outputs (``elements x batch x dtype bytes``);
  the model inputs count as activations too.
- **Peak at inference**: the calls run in the engine's execution order
  (Kahn's topological order, ready calls first-in first-out from the file
  order, so parallel branches interleave); a tensor is allocated
  when its call runs and freed after its last consumer, so branches and skip
  connections keep tensors alive exactly as long as they are needed. While a
  call runs, its inputs and outputs are both live. Model outputs are never
  freed. This is what a graph compiler (XLA, ``torch.compile``) can reach;
  Keras's *eager* Functional call keeps every intermediate in a dict until
  it returns (``Function._run_through_graph``), i.e. the "all activations"
  figure.
- **Training**: all activations kept for the backward pass + parameters +
  gradients (one per trainable parameter) + optimizer state (``OPTIMIZER_SLOTS``
  copies of the trainable parameters). Backward-pass temporaries,
  framework workspaces and allocator fragmentation are not included, so
  treat it as a lower bound.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from archcalc.analysis.attention import workspace_of
from archcalc.analysis.cost import Op, Uncounted
from archcalc.analysis.options import OPTIMIZER_SLOTS, CostOptions
from archcalc.catalog.dtypes import DTYPE_BYTES, is_float, variable_dtype
from archcalc.results import CallResult, InferenceResult, LayerResult, Totals
from archcalc.shapes import Shape, format_shape, numel

Tensor = tuple[str, int]  # (call name, output index)


@dataclass(frozen=True, slots=True)
class LayerMemory:
    """One layer's output bytes over its live calls (None: a size is unknown)."""

    name: str
    output_bytes: float | None


@dataclass(frozen=True)
class TrainingMemory:
    """The training estimate's terms, in bytes: parameters, gradients, optimizer state, activations."""

    params: float
    gradients: float
    optimizer_state: float
    activations: float | None

    @property
    def total(self) -> float | None:
        if self.activations is None:
            return None
        return self.params + self.gradients + self.optimizer_state + self.activations


@dataclass(frozen=True, slots=True)
class MemoryStep:
    """One call of the inference walk: its output bytes and the bytes in use while it runs."""

    call: str
    output_bytes: float
    in_use_bytes: float


@dataclass(frozen=True)
class MemoryReport:
    """Parameter, activation, peak and training memory of one model under one set of options."""

    dtype: str | None
    batch_size: int
    optimizer: str
    layers: tuple[LayerMemory, ...]
    param_bytes: float
    trainable_param_bytes: float
    input_bytes: float | None  # the model inputs
    activation_bytes: float | None  # every tensor of one inference, inputs included
    peak_bytes: float | None  # the most that is live at once, freeing after last use
    peak_at: str  # the call running at the peak ("" when only the inputs are live)
    training: TrainingMemory
    unknown: tuple[tuple[str, str], ...] = ()  # (layer, why its size is unknown)
    dtypes: tuple[str, ...] = ("float32",)  # every dtype used, for display
    #: every call in execution order (empty when a size is unknown), for a memory chart
    timeline: tuple[MemoryStep, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.unknown

    def layer(self, name: str) -> LayerMemory:
        return next(x for x in self.layers if x.name == name)


def tensor_bytes(shape: Shape, dtype: str, batch: int) -> float | None:
    rest = shape[1:]
    width = DTYPE_BYTES.get(dtype)  # None for 'string': no fixed size
    if width is None or any(d is None for d in rest):
        return None
    return numel(rest) * batch * width  # type: ignore[arg-type]


def _order(result: InferenceResult) -> list[CallResult]:
    """Calls in execution order: the engine's topological order, or Kahn's over connections."""
    by_name = {c.name: c for layer in result.layers for c in layer.calls}
    if result.graph is not None:
        named = (result.graph.nodes[i].name for i in result.graph.topo)
        return [by_name[n] for n in named if n in by_name]  # a dead layer has no row
    layers = {x.name: x for x in result.layers}
    calls = [c for layer in result.layers for c in layer.calls]
    consumers: dict[str, list[CallResult]] = {c.name: [] for c in calls}
    waiting = {c.name: len(c.connections) for c in calls}
    for c in calls:
        for layer, node, _ in c.connections:
            consumers[layers[layer].calls[node].name].append(c)
    ready = deque(c for c in calls if not waiting[c.name])
    out = []
    while ready:
        c = ready.popleft()
        out.append(c)
        for d in consumers[c.name]:
            waiting[d.name] -= 1
            if not waiting[d.name]:
                ready.append(d)
    return out


class _Walk:
    """The inference walk: tensor sizes, live set, peak."""

    def __init__(self, result: InferenceResult, options: CostOptions) -> None:
        self.result, self.options = result, options
        self.layers = {x.name: x for x in result.layers}
        self.owner = {c.name: x for x in result.layers for c in x.calls}
        self.sizes: dict[Tensor, float | None] = {}
        self.unknown: list[tuple[str, str]] = []
        self.extra_kept = 0  # tensors inside layers: attention workspaces, nested models
        self.dtype_of: dict[str, str] = {}
        self.dtypes: set[str] = set()
        self.per_layer: list[LayerMemory] = []
        self.steps: list[MemoryStep] = []
        memo: dict[tuple[Shape, str], float | None] = {}
        for layer in result.layers:
            natural = layer.calls[0].output_dtype  # the kind's answer (the input's own dtype)
            dtype = options.dtype if options.dtype and is_float(natural) else natural
            self.dtypes.add(dtype)
            self.dtype_of[layer.name] = dtype
            if layer.weights:  # the parameters' dtypes, for display
                self.dtypes.add(options.dtype or variable_dtype(layer.config.get("dtype")))
                self.dtypes.update(w.dtype for w in layer.weights if w.dtype and not options.dtype)
            mine: float | None = 0
            for call in layer.calls:
                if not call.live:
                    continue
                for i, shape in enumerate(call.output_shapes):
                    if call.output_dtypes and call.nested is None:  # a keras.ops node's own
                        own = call.output_dtypes[i]
                        dtype = options.dtype if options.dtype and is_float(own) else own
                        self.dtypes.add(dtype)
                    key = (shape, dtype)
                    size = (
                        memo[key]
                        if key in memo
                        else memo.setdefault(key, tensor_bytes(shape, dtype, options.batch_size))
                    )
                    self.sizes[(call.name, i)] = size
                    if size is None:
                        why = (
                            f"its dtype {dtype} has no fixed size"
                            if dtype not in DTYPE_BYTES
                            else f"output {format_shape(shape)} has an unknown dimension"
                        )
                        self.unknown.append((layer.name, why))
                    mine = None if size is None or mine is None else mine + size
            self.per_layer.append(LayerMemory(layer.name, mine))

    def nested_transient(self, layer: LayerResult, call: CallResult) -> float | None:
        """Bytes a nested model needs beyond its inputs while it runs; adds its internals to
        the activations kept for training."""
        assert call.nested is not None
        sub = analyze(call.nested, self.options)
        outputs = sum(self.sizes.get((call.name, i)) or 0 for i in range(len(call.output_shapes)))
        if sub.peak_bytes is None or sub.activation_bytes is None or sub.input_bytes is None:
            self.unknown += [(f"{layer.name}/{n}", why) for n, why in sub.unknown]
            return None
        inputs = sub.input_bytes
        self.extra_kept += max(0, sub.activation_bytes - inputs - outputs)
        return max(sub.peak_bytes - inputs, outputs)

    def workspace(
        self, layer: LayerResult, call: CallResult, fn: Callable[[Op], int]
    ) -> float | None:
        """Bytes of the tensors inside one call (attention's score matrices...), kept for
        training too; ``fn`` is the layer kind's workspace rule."""
        op = Op(layer.type, layer.config, call.input_shapes, call.output_shapes)
        try:
            n = fn(op)
        except Uncounted as exc:
            self.unknown.append((layer.name, f"its internal tensors: {exc}"))
            return None
        width = DTYPE_BYTES.get(self.dtype_of[layer.name])
        if width is None:
            self.unknown.append(
                (layer.name, f"its dtype {self.dtype_of[layer.name]} has no fixed size")
            )
            return None
        size = n * self.options.batch_size * width
        self.extra_kept += size
        return size

    def run(self) -> tuple[float | None, str]:
        """Allocate each call's outputs, free each tensor after its last consumer, track the peak."""
        nested = {x.name for x in self.result.layers if x.calls and x.calls[0].nested is not None}
        order = [c for c in _order(self.result) if c.live]
        calls = {x.name: x.calls for x in self.result.layers}
        keep = {(calls[n][k].name, i) for n, k, i in self.result.outputs}
        # each call's distinct input tensors (a tuple, not a set: 100,000 calls make 100,000)
        reads: dict[str, tuple[Tensor, ...]] = {}
        remaining: dict[Tensor, int] = {}
        for call in order:
            conns = call.connections
            if len(conns) == 1:
                ((n, k, i),) = conns
                mine: tuple[Tensor, ...] = ((calls[n][k].name, i),)
            else:
                mine = tuple(dict.fromkeys((calls[n][k].name, i) for n, k, i in conns))
            reads[call.name] = mine
            for t in mine:
                remaining[t] = remaining.get(t, 0) + 1
        sizes = self.sizes
        starts = [c.name for c in order if self.owner[c.name].is_input]
        live = sum(sizes[(name, 0)] or 0 for name in starts)
        peak, peak_at = live, ""
        for name in starts:
            if not remaining.get((name, 0)) and (name, 0) not in keep:
                live -= sizes[(name, 0)] or 0
        for call in order:
            owner = self.owner[call.name]
            if owner.is_input:
                continue
            outs = [(call.name, i) for i in range(len(call.output_shapes))]
            produced = sum(sizes[t] or 0 for t in outs)
            need = produced
            if owner.name in nested:
                transient = self.nested_transient(owner, call)
                if transient is None:
                    return None, ""
                need = max(produced, transient)
            elif (fn := workspace_of(owner.type)) is not None:
                inside = self.workspace(owner, call, fn)
                if inside is None:
                    return None, ""
                need = produced + inside
            if live + need > peak:
                peak, peak_at = live + need, call.name
            self.steps.append(MemoryStep(call.name, produced, live + need))
            live += produced
            for t in reads[call.name]:
                remaining[t] -= 1
                if not remaining[t] and t not in keep:
                    live -= sizes[t] or 0
            for t in outs:
                if not remaining.get(t) and t not in keep:
                    live -= sizes[t] or 0
        return (None, "") if self.unknown else (peak, peak_at)


def training_memory(
    totals: Totals, dtype: str | None, optimizer: str, activations: float | None
) -> TrainingMemory:
    """The parameters' bytes (their own dtypes, or all in ``dtype``), one gradient per
    trainable parameter, the optimizer's slots, and ``activations``."""
    if dtype is None:
        params, trainable = totals.total_bytes, totals.trainable_bytes
    else:
        width = DTYPE_BYTES[dtype]
        params, trainable = totals.total * width, totals.trainable * width
    return TrainingMemory(params, trainable, OPTIMIZER_SLOTS[optimizer] * trainable, activations)


def analyze(result: InferenceResult, options: CostOptions | None = None) -> MemoryReport:
    """Parameter, activation, peak and training memory of ``result`` under ``options``."""
    options = options or CostOptions()
    walk = _Walk(result, options)
    peak, peak_at = walk.run()
    layers = walk.per_layer
    activations = (
        None if walk.unknown else sum(s or 0 for s in walk.sizes.values()) + walk.extra_kept
    )
    training = training_memory(result.totals, options.dtype, options.optimizer, activations)
    inputs = [m.output_bytes for m, x in zip(layers, result.layers, strict=True) if x.is_input]
    return MemoryReport(
        dtype=options.dtype,
        batch_size=options.batch_size,
        optimizer=options.optimizer,
        layers=tuple(layers),
        param_bytes=training.params,
        trainable_param_bytes=training.gradients,
        input_bytes=None if None in inputs else sum(i or 0 for i in inputs),
        activation_bytes=activations,
        peak_bytes=peak,
        peak_at=peak_at,
        training=training,
        unknown=tuple(dict.fromkeys(walk.unknown)),
        dtypes=tuple(sorted(walk.dtypes)),
        timeline=tuple(walk.steps) if peak is not None else (),
    )
