"""Compute cost: MACs and FLOPs per layer call and in total, from shapes alone.

The convention and the rules are in :mod:`.cost` and the rule modules this
module loads; here each layer's calls are counted, a nested model through
its calls' own sub-inferences, and summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archcalc.analysis.cost import (  # noqa: F401 - re-exported for the rule tests
    CONVENTION_HELP,
    CONVENTIONS,
    ZERO,
    Cost,
    Op,
    Uncounted,
    find_rule,
    total,
)
from archcalc.analysis.options import CostOptions
from archcalc.catalog import CATALOG
from archcalc.results import InferenceResult, LayerResult

# --- The analysis ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LayerCost:
    """One layer's cost: per call (None = a call no output depends on, never run) and summed."""

    name: str
    type: str
    calls: tuple[Cost | None, ...]
    cost: Cost
    counted: bool = True
    note: str = ""
    children: tuple[LayerCost, ...] = ()

    def plus(self, other: LayerCost) -> LayerCost:
        """The same layer's cost over more calls (a nested model called again)."""
        return LayerCost(
            self.name,
            self.type,
            self.calls + other.calls,
            self.cost + other.cost,
            self.counted and other.counted,
            self.note or other.note,
            _merge_children(self.children, other.children),
        )


def _merge_children(a: tuple[LayerCost, ...], b: tuple[LayerCost, ...]) -> tuple[LayerCost, ...]:
    if not a:
        return b
    extra = {c.name: c for c in b}
    return tuple(c.plus(extra[c.name]) if c.name in extra else c for c in a)


@dataclass(frozen=True)
class UncountedLayer:
    """A layer whose compute archcalc could not count, and why (it counts 0 in the totals)."""

    layer: str
    type: str
    note: str


@dataclass(frozen=True)
class ComputeReport:
    """Per-layer and total compute; ``flops_defined`` is False for conventions with MACs only."""

    convention: str
    batch_size: int
    layers: tuple[LayerCost, ...]
    total: Cost
    uncounted: tuple[UncountedLayer, ...]
    flops_defined: bool = True

    @property
    def complete(self) -> bool:
        return not self.uncounted

    @property
    def macs(self) -> int:
        return self.total.macs

    @property
    def flops(self) -> int | None:
        return self.total.flops if self.flops_defined else None

    def layer(self, name: str) -> LayerCost:
        return next(x for x in self.layers if x.name == name)


def _no_rule_note(type_name: str) -> str:
    if type_name not in CATALOG:
        return "a custom layer: archcalc cannot know its compute, so it counts 0"
    return f"archcalc has no cost rule for {type_name} yet, so it counts 0"


class _Counter:
    """Counts one model; identical calls (same kind, config object and shapes, as in long
    chains of repeated layers) are counted once."""

    def __init__(self, options: CostOptions) -> None:
        self.options = options
        self.uncounted: list[UncountedLayer] = []
        #: (kind, config object, shapes, params) -> (cost, why it was not counted, (cost,)):
        #: alike calls share one answer (the config object lives as long as the result)
        self.memo: dict[tuple[Any, ...], tuple[Cost, str, tuple[Cost | None, ...]]] = {}

    def layer(self, layer: LayerResult) -> LayerCost:
        """Every call of one layer, scaled to the batch; records what could not be counted."""
        if layer.calls and layer.calls[0].nested is not None:
            return self.nested(layer)
        kind = layer.kind if layer.kind.startswith("ops.") else layer.type
        rule = find_rule(kind, self.options.convention)
        note = "" if rule is not None else _no_rule_note(layer.type)
        # Parameters as PyTorch registers them (for torchinfo): variables created trainable;
        # BatchNormalization's moving statistics are buffers there.
        params = 0
        if self.options.convention == "torchinfo":
            params = sum(w.size for w in layer.weights if w.trainable)
        calls: list[Cost | None] = []
        alone: tuple[Cost | None, ...] | None = None
        for call in layer.calls:
            if not call.live:
                calls.append(None)
                continue
            key = (kind, id(layer.config), call.input_shapes, call.output_shapes, params)
            known = self.memo.get(key)
            if known is None:
                cost, why = ZERO, ""
                if rule is not None:
                    op = Op(kind, layer.config, call.input_shapes, call.output_shapes, params)
                    try:
                        cost = rule(op).scaled(self.options.batch_size)
                    except Uncounted as exc:
                        why = str(exc)
                known = self.memo[key] = (cost, why, (cost,))
            note = note or known[1]
            calls.append(known[0])
            alone = known[2]
        if note:
            self.uncounted.append(UncountedLayer(layer.name, layer.type, note))
        if len(calls) == 1 and alone is not None:  # one live call: its shared answer
            return LayerCost(layer.name, layer.type, alone, calls[0], not note, note)  # type: ignore[arg-type]
        summed = total(c for c in calls if c is not None)
        return LayerCost(layer.name, layer.type, tuple(calls), summed, not note, note)

    def nested(self, layer: LayerResult) -> LayerCost:
        """A model used as a layer: the analysis of each call's own sub-inference."""
        acc: LayerCost | None = None
        missing = False
        for call in layer.calls:
            if not call.live:
                part = LayerCost(layer.name, layer.type, (None,), ZERO)
            else:
                assert call.nested is not None
                sub = analyze(call.nested, self.options)
                part = LayerCost(
                    layer.name, layer.type, (sub.total,), sub.total, sub.complete, "", sub.layers
                )
                for u in sub.uncounted:
                    missing = True
                    self.uncounted.append(UncountedLayer(f"{layer.name}/{u.layer}", u.type, u.note))
            acc = part if acc is None else acc.plus(part)
        assert acc is not None
        if missing:
            note = "some of its layers are not counted"
            acc = LayerCost(acc.name, acc.type, acc.calls, acc.cost, False, note, acc.children)
        return acc


def analyze(result: InferenceResult, options: CostOptions | None = None) -> ComputeReport:
    """MACs and FLOPs of every layer of ``result`` under ``options`` (convention, batch size)."""
    options = options or CostOptions()
    counter = _Counter(options)
    layers = tuple(counter.layer(x) for x in result.layers)
    return ComputeReport(
        options.convention,
        options.batch_size,
        layers,
        total(lc.cost for lc in layers),
        tuple(counter.uncounted),
        flops_defined=options.convention == "archcalc",
    )
