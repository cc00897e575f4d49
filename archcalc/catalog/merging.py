"""Merging layers (keras/src/layers/merging): Concatenate, the element-wise merges, Dot."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archcalc.catalog.args import BOOL, REQUIRED, Arg, Custom, Int
from archcalc.catalog.base import (
    Config,
    LayerKind,
    MaskOps,
    MaskUnfollowed,
    register,
)
from archcalc.shapes import Shape, ShapeError, broadcast_elementwise, canonical_axis, format_shape


def _shown(inputs: list[Shape]) -> str:
    return ", ".join(format_shape(s) for s in inputs)


@register("Concatenate", family="merging")
class Concatenate(MaskUnfollowed, LayerKind):
    """Joins inputs along ``axis``; every other known dimension must agree (None matches anything)."""

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = True
    trainable_lost_on_load = False

    max_inputs = None
    ARGS = (Arg("axis", Int(), -1, "axis to join along (batch is axis 0)"),)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        ranks = {len(s) for s in inputs}
        shown = _shown(inputs)
        if len(ranks) != 1:
            raise ShapeError(f"inputs must all have the same rank to be concatenated, got {shown}")
        rank = ranks.pop()
        axis = cfg["axis"]
        if not -rank <= axis < rank:
            raise ShapeError(
                f"axis {axis} is out of range for inputs of rank {rank} ({shown}); "
                f"use an axis from {-rank} to {rank - 1}"
            )
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


def merged_batch(inputs: list[Shape]) -> int | None:
    """The one known batch size among the inputs (None if none is known)."""
    batches = {s[0] for s in inputs if s and s[0] is not None}
    if len(batches) > 1:
        raise ShapeError(
            f"cannot merge tensors with different batch sizes: {_shown(inputs)}; "
            "give the inputs the same batch_size"
        )
    return batches.pop() if batches else None


class ElementwiseMerge(LayerKind):
    """Add, Subtract, Multiply, Average, Maximum, Minimum (Keras ``Merge``).

    Shapes without the batch axis broadcast right-aligned (a longer rank
    keeps its leading axes; None matches anything); the batch is the one
    known batch size. A list of one input is accepted, as in Keras.
    """

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "merging"
    max_inputs = None

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """Keras's ``Merge.compute_mask``: the inputs' masks or-ed (``ops.logical_or``), when all have one."""
        if not masks or any(m is None for m in masks):
            return [None]
        out = masks[0]
        for m in masks[1:]:
            out = ops.op("LogicalOr", (out, m))
        return [out]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        batch = merged_batch(inputs)
        out = inputs[0][1:]
        for shape in inputs[1:]:
            out = broadcast_elementwise(out, shape[1:])
        return (batch, *out)


@register("Add")
class Add(ElementwiseMerge):
    pass


@register("Subtract")
class Subtract(ElementwiseMerge):
    min_inputs = max_inputs = 2


@register("Multiply")
class Multiply(ElementwiseMerge):
    pass


@register("Average")
class Average(ElementwiseMerge):
    pass


@register("Maximum")
class Maximum(ElementwiseMerge):
    pass


@register("Minimum")
class Minimum(ElementwiseMerge):
    pass


def _axes(value: Any) -> int | tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return (value[0], value[1])
    raise ValueError


@register("Dot", family="merging")
class Dot(LayerKind):
    """Batched dot product of two inputs over one axis each.

    The output is ``s1`` without its axis, then ``s2`` without its axis and
    batch (``(batch, 1)`` if that leaves one dimension). The two reduced
    sizes must be equal, and Keras counts an unknown (None) against a known
    size as unequal. archcalc also refuses what only fails when Keras runs
    the layer: the batch axis as a dot axis, and different batch sizes.
    """

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    min_inputs = max_inputs = 2
    ARGS = (
        Arg(
            "axes",
            Custom(
                _axes,
                "an integer or a list of two integers",
                {
                    "anyOf": [
                        {"type": "integer"},
                        {
                            "type": "array",
                            "items": {"type": "integer"},
                            "minItems": 2,
                            "maxItems": 2,
                        },
                    ]
                },
            ),
            REQUIRED,
            "the axis to reduce, or one per input (batch is axis 0)",
        ),
        Arg("normalize", BOOL, False, "L2-normalise first (cosine similarity)"),
    )

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """Keras's ``Dot.compute_mask`` returns None: the mask ends here."""
        return [None]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        s1, s2 = inputs
        axes = cfg["axes"]
        if isinstance(axes, int):
            # Keras: a negative int wraps modulo each rank; a positive one is used as is.
            pair = (axes % len(s1), axes % len(s2)) if axes < 0 else (axes, axes)
        else:
            pair = axes
        a1, a2 = (
            self._axis(a, s, i + 1) for i, (a, s) in enumerate(zip(pair, inputs, strict=True))
        )
        if s1[a1] != s2[a2]:
            raise ShapeError(
                f"Dot reduces axis {a1} of {format_shape(s1)} (size {s1[a1]}) against axis {a2} "
                f"of {format_shape(s2)} (size {s2[a2]}); the two sizes must be equal"
                + (" and known (Keras refuses None here)" if None in (s1[a1], s2[a2]) else "")
            )
        if s1[0] is not None and s2[0] is not None and s1[0] != s2[0]:
            raise ShapeError(
                f"Dot inputs have different batch sizes: {_shown(inputs)}; they must match "
                "(Keras fails when the layer runs)"
            )
        out = [d for i, d in enumerate(s1) if i != a1]
        out += [d for i, d in enumerate(s2) if i not in (0, a2)]
        if len(out) == 1:
            out.append(1)
        return tuple(out)

    @staticmethod
    def _axis(axis: int, shape: Shape, which: int) -> int:
        try:
            a = canonical_axis(axis, len(shape))
        except ShapeError as exc:
            raise ShapeError(f"axes for input {which}: {exc} ({format_shape(shape)})") from None
        if a == 0:
            raise ShapeError(
                f"axes for input {which} is the batch axis 0 of {format_shape(shape)}; "
                "Dot needs axes from 1 (Keras fails when the layer runs: "
                "'Cannot perform batch_dot over axis 0')"
            )
        return a
