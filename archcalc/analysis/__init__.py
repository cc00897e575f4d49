"""Analyses over an inference result: pure functions ``analyze(result, options) -> dataclass``.

- :mod:`archcalc.analysis.flops`: MACs and FLOPs per layer call and in total;
- :mod:`archcalc.analysis.memory`: parameter, activation and training memory.

They read only the engine's :class:`~archcalc.engine.InferenceResult` (shapes,
configs, weights, the call graph), never a framework; renderers format what
they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archcalc.analysis.flops import ComputeReport
    from archcalc.analysis.memory import MemoryReport
    from archcalc.engine import InferenceResult

#: optimizer -> extra copies of the trainable parameters it keeps (its "slots"):
#: plain SGD none, SGD with momentum one velocity, Adam/AdamW two moments.
OPTIMIZER_SLOTS = {"sgd": 0, "momentum": 1, "adam": 2}


@dataclass(frozen=True)
class CostOptions:
    """How to count: per ``batch_size`` samples, in ``dtype`` (None: each layer's own dtype
    policy, float32 unless the model says otherwise), training with ``optimizer``."""

    batch_size: int = 1
    dtype: str | None = None
    optimizer: str = "adam"
    convention: str = "archcalc"

    def __post_init__(self) -> None:
        from archcalc.analysis.flops import CONVENTIONS
        from archcalc.catalog.dtypes import DTYPE_BYTES

        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.dtype is not None and self.dtype not in DTYPE_BYTES:
            raise ValueError(f"unknown dtype {self.dtype!r}")
        if self.optimizer not in OPTIMIZER_SLOTS:
            raise ValueError(f"unknown optimizer {self.optimizer!r}")
        if self.convention not in CONVENTIONS:
            raise ValueError(f"unknown convention {self.convention!r}")


@dataclass(frozen=True)
class Costs:
    """Compute and memory of one model under one set of options."""

    options: CostOptions
    compute: ComputeReport
    memory: MemoryReport


def analyze(result: InferenceResult, options: CostOptions | None = None) -> Costs:
    """Every cost analysis of ``result``."""
    from archcalc.analysis import flops, memory

    options = options or CostOptions()
    return Costs(options, flops.analyze(result, options), memory.analyze(result, options))
