"""Merging layers (keras/src/layers/merging): Concatenate."""

from __future__ import annotations

from archcalc.catalog.args import Arg, Int
from archcalc.catalog.base import Config, LayerKind, register
from archcalc.shapes import Shape, ShapeError, format_shape


@register("Concatenate", family="merging")
class Concatenate(LayerKind):
    """Joins inputs along ``axis``; every other known dimension must agree (None matches anything)."""

    max_inputs = None
    ARGS = (Arg("axis", Int(), -1, "axis to join along (batch is axis 0)"),)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        ranks = {len(s) for s in inputs}
        shown = ", ".join(format_shape(s) for s in inputs)
        if len(ranks) != 1:
            raise ShapeError(f"inputs must all have the same rank to be concatenated, got {shown}")
        rank = ranks.pop()
        axis = cfg["axis"]
        if not -rank <= axis < rank:
            raise ShapeError(f"axis {axis} is out of range for inputs of rank {rank} ({shown})")
        axis %= rank
        for i in range(rank):
            if i == axis:
                continue
            known = {s[i] for s in inputs if s[i] is not None}
            if len(known) > 1:
                raise ShapeError(
                    f"inputs must match on every axis except the concatenation axis {axis}, "
                    f"but axis {i} differs: {shown}"
                )
        out = list(inputs[0])
        sizes = [s[axis] for s in inputs]
        out[axis] = None if any(d is None for d in sizes) else sum(sizes)  # type: ignore[arg-type]
        return tuple(out)
