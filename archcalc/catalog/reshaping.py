"""Reshaping layers (keras/src/layers/reshaping).

Flatten, Reshape, Permute and RepeatVector, and three families over the
spatial axes with a rank parameter: ZeroPadding1D-3D, Cropping1D-3D and
UpSampling1D-3D (one ``SpatialResize`` base: each known spatial length is
mapped by one rule, the channels stay).
"""

from __future__ import annotations

from typing import Any, ClassVar

from archcalc.catalog.arg_shapes import pairs_type, shape_arg
from archcalc.catalog.args import DATA_FORMAT, POS_INT, REQUIRED, Arg, Choice, Custom, Int, IntTuple
from archcalc.catalog.base import Config, LayerKind, register, register_ranks, require
from archcalc.catalog.convolutional import channel_axis, spatial_axes, with_spatial
from archcalc.shapes import Shape, ShapeError, format_shape, numel

#: interpolations Keras's image resize knows, over its backends
INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5", "area")


class ReshapingKind(LayerKind):
    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = True
    trainable_lost_on_load = False
    family = "reshaping"


@register("Flatten")
class Flatten(ReshapingKind):
    """``(batch, prod(rest))``; unknown if any non-batch dimension is; ``(batch,)`` -> ``(batch, 1)``."""

    min_ndim = 1
    ARGS = (Arg("data_format", DATA_FORMAT, "channels_last", "changes element order only"),)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        rest = shape[1:]
        if any(d is None for d in rest):
            return (shape[0], None)
        return (shape[0], numel(rest))  # type: ignore[arg-type]


@register("Reshape")
class Reshape(ReshapingKind):
    """``(batch, *target_shape)``; one ``-1`` is solved from the input size when it is known.

    As in Keras, sizes are checked only when every input dimension is known.
    """

    ARGS = (
        Arg(
            "target_shape",
            shape_arg(allow_minus_one=True, allow_int=False),
            REQUIRED,
            "the new shape without the batch axis; one entry may be -1",
        ),
    )

    def validate(self, cfg: Config) -> None:
        target = cfg["target_shape"]
        require(
            target.count(-1) <= 1,
            f"target_shape {list(target)} has more than one -1; at most one size can be inferred",
            "target_shape",
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        rest, target = shape[1:], cfg["target_shape"]
        if None in rest or None in target:
            return (shape[0], *(None if d == -1 else d for d in target))
        size = numel(rest)  # type: ignore[arg-type]
        known = numel(d for d in target if d != -1)
        shown = f"the input {format_shape(shape)} has {size} elements per sample"
        if -1 not in target:
            if known != size:
                raise ShapeError(
                    f"cannot reshape: {shown}, but target_shape {list(target)} holds {known}; "
                    "the sizes must multiply to the same total (or use -1 for one of them)"
                )
            return (shape[0], *target)
        if size % known:
            raise ShapeError(
                f"cannot reshape: {shown}, which the known sizes of target_shape "
                f"{list(target)} (product {known}) do not divide"
            )
        return (shape[0], *(size // known if d == -1 else d for d in target))


def _dims(value: Any) -> tuple[int, ...]:
    if not isinstance(value, (list, tuple)) or not value:
        raise ValueError
    return tuple(Int().check(v) for v in value)


@register("Permute")
class Permute(ReshapingKind):
    """Reorders the non-batch axes: ``dims`` is a permutation of 1..n (the batch stays first)."""

    ARGS = (
        Arg(
            "dims",
            Custom(
                _dims,
                "a list of axis numbers from 1, e.g. [2, 1]",
                {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 1},
            ),
            REQUIRED,
            "the new order of the axes 1..n",
        ),
    )

    def validate(self, cfg: Config) -> None:
        dims = cfg["dims"]
        n = len(dims)
        require(
            sorted(dims) == list(range(1, n + 1)),
            f"dims {list(dims)} must be a permutation of 1..{n} (each axis once; 0 is the batch)",
            "dims",
        )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape, dims = inputs[0], cfg["dims"]
        if len(shape) != len(dims) + 1:
            raise ShapeError(
                f"dims {list(dims)} permutes {len(dims)} axes, so the input must have rank "
                f"{len(dims) + 1} (batch included), got {format_shape(shape)} of rank {len(shape)}"
            )
        return (shape[0], *(shape[d] for d in dims))


@register("RepeatVector")
class RepeatVector(ReshapingKind):
    """``(batch, features)`` -> ``(batch, n, features)``."""

    ndim = 2
    ARGS = (Arg("n", POS_INT, REQUIRED, "number of repetitions"),)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        return (shape[0], cfg["n"], shape[1])


class SpatialResize(ReshapingKind):
    """A rank-``rank`` family that maps each known spatial length and keeps the channels."""

    rank: ClassVar[int] = 2
    #: whether the 1D member takes ``data_format`` (ZeroPadding1D does; Cropping1D, UpSampling1D not)
    data_format_1d: ClassVar[bool] = False
    has_data_format: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 2
        cls.has_data_format = cls.rank > 1 or cls.data_format_1d
        cls.ARGS = cls.own_args()
        if cls.has_data_format:
            cls.ARGS += (Arg("data_format", DATA_FORMAT, "channels_last"),)

    @classmethod
    def own_args(cls) -> tuple[Arg, ...]:
        return ()

    def length(self, cfg: Config, i: int, n: int, shape: Shape, axis: int) -> int:
        raise NotImplementedError

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = inputs[0]
        lengths = [
            None if (n := shape[axis]) is None else self.length(cfg, i, n, shape, axis)
            for i, axis in enumerate(spatial_axes(cfg, self.rank))
        ]
        return with_spatial(cfg, shape, lengths, shape[channel_axis(cfg)])


class BaseZeroPadding(SpatialResize):
    """Adds ``before + after`` zeros on each spatial axis (default 1 on each side)."""

    data_format_1d = True

    @classmethod
    def own_args(cls) -> tuple[Arg, ...]:
        return (
            Arg("padding", pairs_type(cls.rank), 1, "zeros added per axis: n or [before, after]"),
        )

    def length(self, cfg: Config, i: int, n: int, shape: Shape, axis: int) -> int:
        return n + sum(cfg["padding"][i])


class BaseCropping(SpatialResize):
    """Removes ``before + after`` from each spatial axis; at least one element must remain."""

    @classmethod
    def own_args(cls) -> tuple[Arg, ...]:
        default = 0 if cls.rank == 2 else 1
        return (
            Arg(
                "cropping", pairs_type(cls.rank), default, "removed per axis: n or [before, after]"
            ),
        )

    def length(self, cfg: Config, i: int, n: int, shape: Shape, axis: int) -> int:
        before, after = cfg["cropping"][i]
        if before + after >= n:
            raise ShapeError(
                f"cropping ({before}, {after}) removes {before + after} of the {n} elements on "
                f"axis {axis} of the input {format_shape(shape)}; crop at most {n - 1} in total"
            )
        return n - before - after


class BaseUpSampling(SpatialResize):
    """Repeats each spatial axis ``size`` times (default 2)."""

    @classmethod
    def own_args(cls) -> tuple[Arg, ...]:
        if cls.rank == 1:
            return (Arg("size", POS_INT, 2, "repetitions along the steps axis"),)
        size = Arg("size", IntTuple(cls.rank), 2, "repetitions per spatial axis")
        if cls.rank == 2:
            return (size, Arg("interpolation", Choice(INTERPOLATIONS, lower=True), "nearest"))
        return (size,)

    def length(self, cfg: Config, i: int, n: int, shape: Shape, axis: int) -> int:
        size = cfg["size"]
        return n * (size if isinstance(size, int) else size[i])


register_ranks(BaseZeroPadding, ("ZeroPadding1D",), ("ZeroPadding2D",), ("ZeroPadding3D",))


register_ranks(BaseCropping, ("Cropping1D",), ("Cropping2D",), ("Cropping3D",))


register_ranks(BaseUpSampling, ("UpSampling1D",), ("UpSampling2D",), ("UpSampling3D",))
