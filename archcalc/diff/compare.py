"""Compare two inferred models layer by layer: :func:`diff_results`, a pure function.

After :mod:`archcalc.diff.align` has paired the layers, each pair is
classified:

- **own** change: the type, a normalised argument, ``trainable``, an
  explicit name, or what the layer reads changed. Arguments are compared
  after normalisation, so ``kernel_size: 5`` and ``[5, 5]`` are the same.
  For a model input, its shape and dtype are its arguments.
- **upstream** change: only output shapes, parameter counts, an
  auto-generated name (``dense_1`` -> ``dense_2``) or wiring to an
  added/removed neighbour changed. Its ``origin`` names the layers where
  the change starts: walking up the new graph through other upstream-only
  layers to the nearest own-changed or added layers (plus removed layers
  it used to read through).
- otherwise unchanged.

A different model *name* is shown but is not a difference: specs compared
from two files are often named after the files.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import Any

from archcalc.analysis import analyze
from archcalc.analysis.metrics import METRICS, measure
from archcalc.catalog.naming import to_snake_case
from archcalc.catalog.nested import NestedLayer
from archcalc.diff.align import Slot, align
from archcalc.diff.blocks import block_changes, variable_changes
from archcalc.diff.model import (
    Cause,
    FieldChange,
    LayerDiff,
    LayerSide,
    ModelDiff,
    ModelSide,
    metric_deltas,
)
from archcalc.reader.writer import spec_to_yaml
from archcalc.results import InferenceResult, LayerResult
from archcalc.spec import Spec

Conn = tuple[str, int, int]  # (layer, call, tensor), as Keras's "Connected to"


def diff_results(old: InferenceResult, new: InferenceResult) -> ModelDiff:
    """Everything that differs between two inferred models, as an immutable ModelDiff."""
    olds, news = _Model(old), _Model(new)
    alignment = align(olds.slots, news.slots)
    to_new = {olds.layers[i].name: news.layers[j].name for i, j, _ in alignment.pairs}
    to_old = {v: k for k, v in to_new.items()}
    ctx = _Context(olds, news, to_old, to_new)

    diffs: dict[str, LayerDiff] = {}  # by new name; removed layers by "-" + old name
    for i, j, how in alignment.pairs:
        diffs[news.layers[j].name] = ctx.pair(olds.layers[i], news.layers[j], how)
    for j in alignment.added:
        x = news.layers[j]
        diffs[x.name] = LayerDiff("added", None, news.side(x), metrics=_deltas(None, news.side(x)))
    for i in alignment.removed:
        x = olds.layers[i]
        diffs["-" + x.name] = LayerDiff(
            "removed", olds.side(x), None, metrics=_deltas(olds.side(x), None)
        )
    diffs = ctx.with_origins(diffs)

    order = _merged_order(olds, news, alignment.pairs, alignment.removed)
    model_changes = []
    if olds.model_type != news.model_type:
        model_changes.append(
            FieldChange("model_type", "model_type", olds.model_type, news.model_type)
        )
    if [_map_conn(olds.canon(c), to_new) for c in old.outputs] != [
        news.canon(c) for c in new.outputs
    ]:
        model_changes.append(
            FieldChange("outputs", "outputs", list(olds.outputs), list(news.outputs))
        )

    layers = tuple(diffs[k] for k in order)
    return ModelDiff(
        old=ModelSide(old.name, old.path, olds.model_type, olds.outputs),
        new=ModelSide(new.name, new.path, news.model_type, news.outputs),
        layers=layers,
        model_changes=(*model_changes, *variable_changes(old, new)),
        metrics=metric_deltas(measure(old, analyze(old)), measure(new, analyze(new))),
        blocks=block_changes(old, new, layers),
    )


def nested_fingerprint(spec: Spec, n_outputs: int = 0) -> str:
    """A nested model as a short, comparable text: equal exactly when its spec is.

    Its canonical YAML (``archcalc convert``'s writer) ignores file positions and
    spellings; the row then reads ``nested model (3 layers, #1a2b3c4d)``. With
    ``n_outputs`` 1, naming the last layer's only output (as a Keras file does)
    is the same as leaving ``outputs`` to its default.
    """
    import dataclasses
    import hashlib

    outs = spec.outputs
    last = spec.layers[-1].name if spec.layers else None
    if n_outputs == 1 and len(outs) == 1 and outs[0].index == 0 and outs[0].name == last:
        spec = dataclasses.replace(spec, outputs=(dataclasses.replace(outs[0], index=-1),))
    digest = hashlib.sha1(spec_to_yaml(spec).encode("utf-8")).hexdigest()[:8]
    return f"nested model ({len(spec.layers)} layers, #{digest})"


def is_auto_name(name: str, type_name: str) -> bool:
    """Keras's auto-name for the type (``conv2d``, ``conv2d_4``; ``input_layer`` for inputs)."""
    return re.fullmatch(re.escape(to_snake_case(type_name)) + r"(_\d+)?", name) is not None


def _freeze(value: Any) -> Any:
    """A hashable, order-independent form of a config value (lists and tuples alike)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, NestedLayer):  # a wrapped layer: by type and arguments, not its name
        return ("layer", value.type, _freeze(dict(value.config)), value.trainable)
    return value


class _Model:
    """One side, indexed: its layers, their sides, slots and connections."""

    def __init__(self, result: InferenceResult) -> None:
        self.result = result
        self.layers = result.layers
        self.by_name = {x.name: x for x in result.layers}
        self.model_type = "Sequential" if result.sequential else "Functional"
        self.outputs = tuple(_ref(*self.canon(c)) for c in result.outputs)
        graph = result.graph
        self.auto: dict[str, bool] = {}
        self.dtypes: dict[str, str] = {}
        if graph is not None:
            self.auto = {s.name: s.auto_named for s in graph.spec.layers if not s.is_share}
            self.dtypes = {i.name: i.dtype for i in graph.spec.inputs}
        self.args = {x.name: self.config(x) for x in self.layers}
        self.slots = [
            Slot(x.name, x.type, self.is_auto(x), (_freeze(self.args[x.name]), x.trainable))
            for x in self.layers
        ]
        self._sides: dict[str, LayerSide] = {}
        self._conns: dict[str, list[list[Conn]]] = {}

    def is_auto(self, x: LayerResult) -> bool:
        return self.auto.get(x.name, False) or is_auto_name(x.name, x.type)

    def config(self, x: LayerResult) -> dict[str, Any]:
        """The normalised arguments; for a model input, its shape (and batch size, dtype)."""
        if not x.is_input:
            cfg = dict(x.config)
            if isinstance(cfg.get("model"), Spec):
                cfg["model"] = nested_fingerprint(cfg["model"], len(x.output_shapes))
            return cfg
        return self.given(x)

    def given(self, x: LayerResult) -> dict[str, Any]:
        if not x.is_input:
            return dict(x.given)
        shape = x.output_shapes[0]
        out: dict[str, Any] = {"shape": list(shape[1:])}
        if shape[0] is not None:
            out["batch_size"] = shape[0]
        dtype = self.dtypes.get(x.name, "float32")
        if dtype != "float32":
            out["dtype"] = dtype
        return out

    def side(self, x: LayerResult) -> LayerSide:
        if x.name not in self._sides:
            live = x.live_calls or x.calls
            self._sides[x.name] = LayerSide(
                name=x.name,
                type=x.type,
                output_shapes=x.output_shapes,
                trainable=x.trainable,
                inputs=tuple(ref for call in live for ref in call.inputs),
                given=self.given(x),
                values={m.key: m.of_layer(x) for m in METRICS if m.of_layer},
                line=x.pos.line,
                auto_named=self.is_auto(x),
            )
        return self._sides[x.name]

    def conns(self, x: LayerResult) -> list[list[Conn]]:
        return self.conns_of(x.name)

    def conns_of(self, name: str) -> list[list[Conn]]:
        if name not in self._conns:
            x = self.by_name[name]
            calls = x.live_calls or x.calls
            self._conns[name] = [[self.canon(c) for c in call.connections] for call in calls]
        return self._conns[name]

    def canon(self, c: Conn) -> Conn:
        """A connection with its call counted among the layer's live calls only.

        Keras numbers a layer's calls including those no output uses, but a
        saved model keeps only the used ones: a spec and the Keras file of the
        same model must read the same.
        """
        layer = self.by_name.get(c[0])
        if layer is None or c[1] == 0 or c[1] >= len(layer.calls):
            return c
        return (c[0], sum(call.live for call in layer.calls[: c[1]]), c[2])


def _ref(layer: str, call: int, tensor: int) -> str:
    """A connection as a spec writes it: ``layer``, ``layer:1`` (its second call), ``layer[1]``."""
    return layer + (f":{call}" if call else "") + (f"[{tensor}]" if tensor else "")


def _map_conn(c: Conn, mapping: Mapping[str, str]) -> Conn:
    return (mapping.get(c[0], "\0" + c[0]), c[1], c[2])


def _deltas(old: LayerSide | None, new: LayerSide | None) -> tuple[Any, ...]:
    zero = {m.key: 0 for m in METRICS if m.of_layer}
    return metric_deltas(old.values if old else zero, new.values if new else zero)


class _Context:
    def __init__(
        self, olds: _Model, news: _Model, to_old: dict[str, str], to_new: dict[str, str]
    ) -> None:
        self.olds, self.news = olds, news
        self.to_old, self.to_new = to_old, to_new
        self.skipped: dict[str, tuple[str, ...]] = {}  # new name -> removed/added layers bypassed

    def pair(self, o: LayerResult, n: LayerResult, how: str) -> LayerDiff:
        os_, ns = self.olds.side(o), self.news.side(n)
        changes: list[FieldChange] = []
        own = False
        if o.name != n.name:
            changes.append(FieldChange("name", "name", o.name, n.name))
            own = not (os_.auto_named and ns.auto_named)
        if o.type != n.type:
            changes.append(FieldChange("type", "type", o.type, n.type))
            own = True
            args = self._arg_changes(os_.given, ns.given, os_.given, ns.given)
        else:
            args = self._arg_changes(
                self.olds.args[o.name], self.news.args[n.name], os_.given, ns.given
            )
        changes += args
        own = own or bool(args)
        if o.trainable != n.trainable:
            changes.append(FieldChange("trainable", "trainable", o.trainable, n.trainable))
            own = True
        rewired = self._rewired(o, n)
        if rewired is not None:
            changes.append(FieldChange("inputs", "inputs", list(os_.inputs), list(ns.inputs)))
            own = own or rewired
        if o.output_shapes != n.output_shapes:
            changes.append(
                FieldChange("output_shape", "output_shape", o.output_shapes, n.output_shapes)
            )
        metrics = _deltas(os_, ns)
        cause: Cause | None = None
        if own:
            cause = "own"
        elif changes or any(m.changed for m in metrics):
            cause = "upstream"
        status = "changed" if cause else "unchanged"
        return LayerDiff(status, os_, ns, cause, tuple(changes), (), how, metrics)

    @staticmethod
    def _arg_changes(
        old_cfg: Mapping[str, Any],
        new_cfg: Mapping[str, Any],
        old_given: Mapping[str, Any],
        new_given: Mapping[str, Any],
    ) -> list[FieldChange]:
        out = []
        for key in dict.fromkeys([*old_cfg, *new_cfg]):
            a, b = old_cfg.get(key), new_cfg.get(key)
            if a == b or _freeze(a) == _freeze(b):
                continue
            out.append(
                FieldChange(
                    key,
                    "argument",
                    old_given.get(key, a),
                    new_given.get(key, b),
                    old_default=key not in old_given,
                    new_default=key not in new_given,
                )
            )
        return out

    def _rewired(self, o: LayerResult, n: LayerResult) -> bool | None:
        """None: reads the same layers; False: only through added/removed layers; True: rewired."""
        old_c = self.olds.conns(o)
        new_c = [[_map_conn(c, self.to_old) for c in call] for call in self.news.conns(n)]
        if old_c == new_c:
            return None
        bypassed: list[str] = []
        old_x = [self._expand(call, self.olds, self.to_new, bypassed) for call in old_c]
        new_x = [
            [
                _map_conn(c, self.to_old)
                for c in self._expand(call, self.news, self.to_old, bypassed)
            ]
            for call in self.news.conns(n)
        ]
        if old_x == new_x:
            self.skipped[n.name] = tuple(dict.fromkeys(bypassed))
            return False
        return True

    @staticmethod
    def _expand(
        conns: Iterable[Conn], model: _Model, paired: Mapping[str, str], bypassed: list[str]
    ) -> list[Conn]:
        """Replace connections to unpaired layers by what those layers read, transitively."""
        out: list[Conn] = []
        stack = list(reversed(list(conns)))
        seen: set[str] = set()
        while stack:
            c = stack.pop()
            layer = model.by_name.get(c[0])
            if c[0] in paired or layer is None or layer.is_input or c[0] in seen:
                out.append(c)
                continue
            seen.add(c[0])
            bypassed.append(c[0])
            calls = layer.live_calls or layer.calls
            call = calls[min(c[1], len(calls) - 1)]
            stack.extend(reversed([model.canon(x) for x in call.connections]))
        return out

    def with_origins(self, diffs: Mapping[str, LayerDiff]) -> dict[str, LayerDiff]:
        """Fill ``origin`` of every upstream-only change (memoised: linear in the graph)."""
        memo: dict[str, tuple[str, ...]] = {}
        for d in diffs.values():
            if d.cause == "upstream" and d.new is not None:
                self._origin(d.new.name, diffs, memo)
        renumbered: dict[str, list[str]] = {}
        out = {}
        for key, d in diffs.items():
            if d.cause != "upstream" or d.new is None:
                out[key] = d
                continue
            found = memo[d.new.name]
            if not found and d.change("name"):
                if d.new.type not in renumbered:
                    renumbered[d.new.type] = self._renumbering(d.new.type)
                found = tuple(renumbered[d.new.type])
            out[key] = LayerDiff(
                d.status, d.old, d.new, d.cause, d.changes, found, d.matched_by, d.metrics
            )
        return out

    def _origin(
        self, start: str, diffs: Mapping[str, LayerDiff], memo: dict[str, tuple[str, ...]]
    ) -> None:
        """Origins of ``start``: its added or own-changed inputs, and those of its upstream-only
        inputs, recursively (an explicit stack: chains may be 100,000 layers long)."""
        stack = [(start, False)]
        busy: set[str] = set()  # a shared layer can make the layer graph cyclic
        while stack:
            name, ready = stack.pop()
            if name in memo:
                continue
            inputs = [c[0] for call in self.news.conns_of(name) for c in call]
            if not ready:
                busy.add(name)
                stack.append((name, True))
                for x in inputs:
                    up = diffs.get(x)
                    if (
                        up is not None
                        and up.cause == "upstream"
                        and x not in memo
                        and x not in busy
                    ):
                        stack.append((x, False))
                continue
            found = list(self.skipped.get(name, ()))
            for x in inputs:
                up = diffs.get(x)
                if up is None:
                    continue
                if up.status == "added" or up.cause == "own":
                    found.append(x)
                elif up.cause == "upstream":
                    found.extend(memo.get(x, ()))
            memo[name] = tuple(dict.fromkeys(found))

    def _renumbering(self, kind: str) -> list[str]:
        """An auto-name shifted: the added/removed layers of the same type did it."""
        added = [x.name for x in self.news.layers if x.type == kind and x.name not in self.to_old]
        removed = [x.name for x in self.olds.layers if x.type == kind and x.name not in self.to_new]
        return added + removed


def _merged_order(
    olds: _Model,
    news: _Model,
    pairs: Iterable[tuple[int, int, str]],
    removed: Iterable[int],
) -> list[str]:
    """The new model's row order, each removed layer right after its old predecessor's partner."""
    partner = {i: j for i, j, _ in pairs}
    paired_old = sorted(partner)
    keys: list[tuple[float, int, str]] = [(float(j), 0, x.name) for j, x in enumerate(news.layers)]
    for i in removed:
        k = bisect.bisect_left(paired_old, i)
        spot = partner[paired_old[k - 1]] + 0.5 if k else -0.5
        keys.append((spot, i, "-" + olds.layers[i].name))
    return [name for _, _, name in sorted(keys)]
