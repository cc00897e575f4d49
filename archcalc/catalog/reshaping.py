"""Reshaping layers (keras/src/layers/reshaping): Flatten."""

from __future__ import annotations

from archcalc.catalog.args import DATA_FORMAT, Arg
from archcalc.catalog.base import Config, LayerKind, register
from archcalc.shapes import Shape, numel


@register("Flatten", family="reshaping")
class Flatten(LayerKind):
    """``(batch, prod(rest))``; unknown if any non-batch dimension is; ``(batch,)`` -> ``(batch, 1)``."""

    min_ndim = 1
    ARGS = (Arg("data_format", DATA_FORMAT, "channels_last", "changes element order only"),)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        rest = shape[1:]
        if any(d is None for d in rest):
            return (shape[0], None)
        return (shape[0], numel(rest))  # type: ignore[arg-type]
