"""Analyses over an inference result: pure functions ``analyze(result, options) -> dataclass``.

- :mod:`archcalc.analysis.flops`: MACs and FLOPs per layer call and in total;
- :mod:`archcalc.analysis.memory`: parameter, activation and training memory.

They read only the engine's :class:`~archcalc.results.InferenceResult` (shapes,
configs, weights, the call graph), never a framework; renderers format what
they return.
"""

from __future__ import annotations

from dataclasses import dataclass

from archcalc.analysis import flops, memory
from archcalc.analysis.flops import ComputeReport
from archcalc.analysis.memory import MemoryReport
from archcalc.analysis.options import OPTIMIZER_SLOTS, CostOptions
from archcalc.results import InferenceResult

__all__ = ["OPTIMIZER_SLOTS", "CostOptions", "Costs", "analyze"]


@dataclass(frozen=True)
class Costs:
    """Compute and memory of one model under one set of options."""

    options: CostOptions
    compute: ComputeReport
    memory: MemoryReport


def analyze(result: InferenceResult, options: CostOptions | None = None) -> Costs:
    """Every cost analysis of ``result``."""
    options = options or CostOptions()
    return Costs(options, flops.analyze(result, options), memory.analyze(result, options))
