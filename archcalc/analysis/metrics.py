"""Model-wide numbers — parameters, MACs, FLOPs, memory — in one registry.

``archcalc diff`` shows each :class:`Metric` before and after, and lint's
``budget`` rule caps each one that names a ``budget`` option (``max_params =
1_000_000``), so a new measure is one entry here and both pick it up, with no
change to the rule, the config reader, the diff renderers or the docs
generator. A measure reads the inference result and its cost analysis, which
the caller computes once per result (:func:`measure`); it returns None when
it cannot tell (an unknown dimension, a custom layer), and the number is then
left out (diff) or the budget skipped (lint).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archcalc.analysis import Costs
from archcalc.results import InferenceResult, LayerResult

Number = int | float


@dataclass(frozen=True)
class Metric:
    """A number measured on a model (and, optionally, on each of its layers)."""

    key: str  # in JSON and in code
    label: str  # the diff's row label
    what: str  # what the number counts, in a budget message ("parameters")
    of_model: Callable[[InferenceResult, Costs], Number | None]
    of_layer: Callable[[LayerResult], Number] | None = None
    budget: str | None = None  # the lint ``budget`` option that caps it
    in_diff: bool = True


def _complete(value: Number | None, complete: bool) -> Number | None:
    return value if complete else None


def _training(result: InferenceResult, costs: Costs) -> Number | None:
    total = costs.memory.training.total
    return None if total is None or not costs.memory.complete else total


def _peak(result: InferenceResult, costs: Costs) -> Number | None:
    peak = costs.memory.peak_bytes
    return None if peak is None or not costs.memory.complete else peak


#: Every metric, in the order diff shows them. MACs, FLOPs and memory are per sample in
#: the model's own dtypes (docs/costs.md).
METRICS: tuple[Metric, ...] = (
    Metric(
        "total_params",
        "Total params",
        "parameters",
        lambda r, c: r.totals.total,
        lambda x: x.params,
        budget="max_params",
    ),
    Metric(
        "trainable_params",
        "Trainable params",
        "trainable parameters",
        lambda r, c: r.totals.trainable,
        lambda x: x.trainable_params,
        budget="max_trainable_params",
    ),
    Metric(
        "non_trainable_params",
        "Non-trainable params",
        "non-trainable parameters",
        lambda r, c: r.totals.non_trainable,
        lambda x: x.non_trainable_params,
    ),
    Metric(
        "macs",
        "MACs",
        "MACs per sample",
        lambda r, c: _complete(c.compute.macs, c.compute.complete),
        budget="max_macs",
    ),
    Metric(
        "flops",
        "FLOPs",
        "FLOPs per sample",
        lambda r, c: _complete(c.compute.flops, c.compute.complete),
        budget="max_flops",
    ),
    Metric(
        "peak_activation_bytes",
        "Peak activations (B)",
        "bytes of peak inference activations per sample",
        _peak,
        budget="max_peak_activation_bytes",
    ),
    Metric(
        "training_bytes",
        "Training memory (B)",
        "bytes of training memory per sample (Adam)",
        _training,
        budget="max_training_bytes",
        in_diff=False,
    ),
)

#: The metrics a lint budget can cap, by their option name.
BUDGETS: dict[str, Metric] = {m.budget: m for m in METRICS if m.budget}


def measure(
    result: InferenceResult, costs: Costs, metrics: tuple[Metric, ...] = METRICS
) -> dict[str, Number]:
    """Every metric that can be measured on this model, by key (unmeasurable ones left out)."""
    values = {m.key: m.of_model(result, costs) for m in metrics}
    return {k: v for k, v in values.items() if v is not None}
