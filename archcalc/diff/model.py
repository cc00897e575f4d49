"""What ``archcalc diff`` found: plain frozen data that every renderer reads.

A :class:`ModelDiff` holds one :class:`LayerDiff` per layer of either model
(paired, added or removed), the model-level changes, and the totals as a
generic list of :class:`MetricDelta`, one per metric of the registry in
:mod:`archcalc.analysis.metrics`, so a new measure shows in every renderer
without a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from archcalc.analysis.metrics import METRICS
from archcalc.shapes import Shape

Status = Literal["unchanged", "changed", "added", "removed"]
#: ``own``: the layer's own definition changed (type, an argument, trainable,
#: what it reads, an explicit name); ``upstream``: only its shapes, parameter
#: counts, wiring to an added/removed layer or auto-generated name changed,
#: as a consequence of changes above it.
Cause = Literal["own", "upstream"]


@dataclass(frozen=True)
class MetricDelta:
    """One measure before and after; ``percent`` is None when it was 0 before."""

    key: str
    label: str
    old: int | float
    new: int | float

    @property
    def delta(self) -> int | float:
        return self.new - self.old

    @property
    def percent(self) -> float | None:
        return None if self.old == 0 else 100 * self.delta / self.old  # no float(huge int)

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class LayerSide:
    """One layer as one of the two models has it."""

    name: str
    type: str
    output_shapes: tuple[Shape, ...]
    trainable: bool
    inputs: tuple[str, ...]  # references as the spec writes them, over the live calls
    given: Mapping[str, Any]  # the arguments the spec wrote (an input: its shape)
    values: Mapping[str, int | float]  # metric key -> this layer's share
    line: int = 0
    auto_named: bool = False

    @property
    def params(self) -> int:
        return int(self.values.get("total_params", 0))


@dataclass(frozen=True)
class FieldChange:
    """One thing that differs.

    ``kind`` is ``name``, ``type``, ``argument``, ``trainable``, ``inputs`` or
    ``output_shape`` for a layer; ``model_type`` or ``outputs`` for the model.
    ``old_default`` / ``new_default``: that side did not write the argument,
    so the value is Keras's default (or one derived from other arguments).
    """

    field: str
    kind: str
    old: Any
    new: Any
    old_default: bool = False
    new_default: bool = False


@dataclass(frozen=True)
class LayerDiff:
    status: Status
    old: LayerSide | None
    new: LayerSide | None
    cause: Cause | None = None
    changes: tuple[FieldChange, ...] = ()
    #: for ``upstream`` changes: the layers where the change starts (own changes,
    #: added or removed layers), by their name in the model that has them
    origin: tuple[str, ...] = ()
    #: how the two sides were paired: ``name`` or ``structure`` (None if unpaired)
    matched_by: str | None = None
    metrics: tuple[MetricDelta, ...] = field(default=())

    @property
    def name(self) -> str:
        side = self.new or self.old
        assert side is not None
        return side.name

    @property
    def renamed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.name != self.new.name

    def change(self, kind: str) -> FieldChange | None:
        return next((c for c in self.changes if c.kind == kind), None)

    @property
    def definition_changes(self) -> tuple[FieldChange, ...]:
        """Changes to what the spec says about the layer (not shapes)."""
        return tuple(c for c in self.changes if c.kind != "output_shape")


@dataclass(frozen=True)
class ModelSide:
    name: str
    source: str
    model_type: str  # "Sequential" or "Functional"
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class ModelDiff:
    old: ModelSide
    new: ModelSide
    layers: tuple[LayerDiff, ...]  # the new model's row order, removed layers where they stood
    #: model type, outputs, variables (a new model *name* is not one)
    model_changes: tuple[FieldChange, ...]
    metrics: tuple[MetricDelta, ...]
    #: specs with blocks: each change inside a block once (archcalc.diff.blocks.BlockChange)
    blocks: tuple[Any, ...] = ()

    @property
    def identical(self) -> bool:
        """No layer and no model-level change: ``archcalc diff`` exits 0."""
        return not self.model_changes and all(x.status == "unchanged" for x in self.layers)

    def count(self, status: Status, cause: Cause | None = None) -> int:
        return sum(
            1 for x in self.layers if x.status == status and (cause is None or x.cause == cause)
        )

    def metric(self, key: str) -> MetricDelta:
        return next(m for m in self.metrics if m.key == key)


def metric_deltas(
    old: Mapping[str, int | float], new: Mapping[str, int | float]
) -> tuple[MetricDelta, ...]:
    """Deltas for every registered metric present on both sides, in registry order."""
    return tuple(
        MetricDelta(m.key, m.label, old[m.key], new[m.key])
        for m in METRICS
        if m.in_diff and m.key in old and m.key in new
    )
