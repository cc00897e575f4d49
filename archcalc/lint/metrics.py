"""Model-wide quantities that budgets can cap, keyed by their budget option name.

The ``budget`` rule takes one option per entry of :data:`METRICS`
(``max_params = 1_000_000``), so a new budget is one more entry: a FLOPs or
activation-memory budget is ``register_metric("max_flops", "FLOPs",
measure)`` from the module that computes FLOPs (imported in
:func:`load_metrics`), with no change to the rule, the config reader or the
docs generator. ``measure`` returns None when it cannot tell (an unknown
dimension), and the budget is then skipped for that spec.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archcalc.catalog.args import Custom

if TYPE_CHECKING:
    from archcalc.lint.context import LintContext

_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "b": 10**9, "t": 10**12}
_COUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmMgGbBtT]?)\s*$")


def parse_count(value: Any) -> int | None:
    """A non-negative count: ``1000000``, ``1_000_000`` (YAML/TOML), ``"1.5M"``, ``"500k"``; null = none."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        if value < 0:
            raise ValueError
        return value
    if isinstance(value, float) and value >= 0 and value.is_integer():
        return int(value)
    if isinstance(value, str):
        m = _COUNT.match(value.replace("_", ""))
        if m:
            scaled = float(m.group(1)) * _SUFFIXES[m.group(2).lower()]
            if scaled.is_integer():
                return int(scaled)
    raise ValueError


COUNT = Custom(
    parse_count,
    "a count such as 1000000, 1_000_000, '250k' or '1.5M' (null for no limit)",
    {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}, {"type": "null"}]},
)


@dataclass(frozen=True)
class Metric:
    """A model-wide number: what it is called in messages and how to measure it."""

    option: str
    what: str
    measure: Callable[[LintContext], int | float | None]


METRICS: dict[str, Metric] = {}


def register_metric(
    option: str, what: str, measure: Callable[[LintContext], int | float | None]
) -> None:
    METRICS[option] = Metric(option, what, measure)


def _total(ctx: LintContext) -> int | None:
    return ctx.result.totals.total if ctx.result is not None else None


def _trainable(ctx: LintContext) -> int | None:
    return ctx.result.totals.trainable if ctx.result is not None else None


def _costs(ctx: LintContext) -> Any:
    """The cost analysis of the spec (per sample, float32 unless the model says otherwise), once."""
    if ctx.result is None:
        return None
    cached = _COSTS.get(id(ctx.result))
    if cached is None or cached[0] is not ctx.result:
        from archcalc.analysis import analyze

        _COSTS.clear()
        cached = _COSTS[id(ctx.result)] = (ctx.result, analyze(ctx.result))
    return cached[1]


_COSTS: dict[int, tuple[Any, Any]] = {}


def _macs(ctx: LintContext) -> int | None:
    costs = _costs(ctx)
    return costs.compute.macs if costs is not None and costs.compute.complete else None


def _flops(ctx: LintContext) -> int | None:
    costs = _costs(ctx)
    return costs.compute.flops if costs is not None and costs.compute.complete else None


def _peak(ctx: LintContext) -> int | None:
    costs = _costs(ctx)
    if costs is None or not costs.memory.complete or costs.memory.peak_bytes is None:
        return None
    return int(costs.memory.peak_bytes)


def _training(ctx: LintContext) -> int | None:
    costs = _costs(ctx)
    if costs is None or not costs.memory.complete:
        return None
    total = costs.memory.training.total
    return None if total is None else int(total)


register_metric("max_params", "parameters", _total)
register_metric("max_trainable_params", "trainable parameters", _trainable)
# Compute and memory, per sample in float32 (docs/costs.md): skipped when unknown sizes
# or custom layers make them uncountable.
register_metric("max_macs", "MACs per sample", _macs)
register_metric("max_flops", "FLOPs per sample", _flops)
register_metric(
    "max_peak_activation_bytes", "bytes of peak inference activations per sample", _peak
)
register_metric("max_training_bytes", "bytes of training memory per sample (Adam)", _training)


def load_metrics() -> dict[str, Metric]:
    """Every registered metric (modules that provide more are imported here)."""
    return METRICS
