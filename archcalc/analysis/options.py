"""How to count: batch size, dtype, optimizer and FLOP convention, checked once."""

from __future__ import annotations

from dataclasses import dataclass

from archcalc.analysis.cost import CONVENTIONS
from archcalc.catalog.dtypes import DTYPE_BYTES

#: optimizer -> extra copies of the trainable parameters it keeps (its "slots"):
#: plain SGD none, SGD with momentum one velocity, Adam/AdamW two moments.
OPTIMIZER_SLOTS = {"sgd": 0, "momentum": 1, "adam": 2, "adamw": 2}


@dataclass(frozen=True)
class CostOptions:
    """How to count: per ``batch_size`` samples, in ``dtype`` (None: each layer's own dtype
    policy, float32 unless the model says otherwise), training with ``optimizer``."""

    batch_size: int = 1
    dtype: str | None = None
    optimizer: str = "adam"
    convention: str = "archcalc"

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.dtype is not None and self.dtype not in DTYPE_BYTES:
            raise ValueError(f"unknown dtype {self.dtype!r}")
        if self.optimizer not in OPTIMIZER_SLOTS:
            raise ValueError(f"unknown optimizer {self.optimizer!r}")
        if self.convention not in CONVENTIONS:
            raise ValueError(f"unknown convention {self.convention!r}")
