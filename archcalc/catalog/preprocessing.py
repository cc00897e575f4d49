"""Preprocessing layers (keras/src/layers/preprocessing): Rescaling, Normalization,
Resizing, CenterCrop.

Normalization is the one with weights: without ``mean``/``variance`` it
keeps adaptable statistics (non-trainable ``mean``, ``variance`` and an
int32 ``count``); with them given it has none.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import (
    BOOL,
    DATA_FORMAT,
    POS_INT,
    REQUIRED,
    Arg,
    Choice,
    Custom,
    Either,
    Float,
    Int,
    ListOf,
    Nullable,
)
from archcalc.catalog.base import Config, LayerKind, WeightSpec, known_dim, register, require
from archcalc.catalog.reshaping import INTERPOLATIONS
from archcalc.shapes import Shape, ShapeError, check_axes, format_shape

NUMBERS = Either((Float(), ListOf(Float(), min_items=1)), "a number or a list of numbers")


class PreprocessingKind(LayerKind):
    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False
    family = "preprocessing"


@register("Rescaling")
class Rescaling(PreprocessingKind):
    """``x * scale + offset``; shapes unchanged, no weights."""

    supports_masking = True

    ARGS = (
        Arg("scale", NUMBERS, REQUIRED, "the factor, e.g. 0.00392156862745098 for 1/255"),
        Arg("offset", NUMBERS, 0.0, "added after scaling"),
    )


def array_shape(value: Any) -> tuple[int, ...]:
    """numpy's ``np.shape`` of a number or a nested, rectangular list of numbers."""
    if isinstance(value, (list, tuple)):
        inner = {array_shape(v) for v in value}
        if len(inner) > 1:
            raise ValueError
        return (len(value), *(inner.pop() if inner else ()))
    Float().check(value)
    return ()


def _stats(value: Any) -> Any:
    array_shape(value)
    return value


STATS = Custom(
    _stats,
    "a number or a (nested, rectangular) list of numbers",
    {"anyOf": [{"type": "number"}, {"type": "array"}]},
)


@register("Normalization")
class Normalization(PreprocessingKind):
    """Standardises along the kept ``axis`` (``null``: one mean and variance for everything)."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "non-trainable ``mean``, ``variance`` over the kept axes and an int32 ``count`` (none with mean and variance given)"

    supports_masking = True

    ARGS = (
        Arg(
            "axis",
            Nullable(Either((Int(), ListOf(Int())), "an integer or a list of integers")),
            -1,
            "axes that keep their own statistics (null or []: none)",
        ),
        Arg("mean", Nullable(STATS), None, "fixed mean (give variance too); none: adaptable"),
        Arg("variance", Nullable(STATS), None, "fixed variance, same shape as mean"),
        Arg("invert", BOOL, False, "undo the normalisation instead"),
    )

    def validate(self, cfg: Config) -> None:
        axis = cfg["axis"]
        cfg["axis"] = () if axis is None else (axis,) if isinstance(axis, int) else tuple(axis)
        mean, var = cfg["mean"], cfg["variance"]
        require(
            (mean is None) == (var is None),
            "give both mean and variance, or neither (then the layer keeps adaptable statistics)",
            "variance" if var is None else "mean",
        )
        if mean is None:
            return
        m, v = array_shape(mean), array_shape(var)
        require(
            m == v,
            f"mean and variance must have the same shape, got {m} and {v}",
            "variance",
        )
        require(
            len(m) <= len(cfg["axis"]),
            f"mean has rank {len(m)}, more than the {len(cfg['axis'])} kept axes {cfg['axis']}; "
            "give one value per kept axis position (or a single number)",
            "mean",
        )

    def kept(self, cfg: Config, shape: Shape) -> tuple[int, ...]:
        """The kept axes (sorted, non-negative) and their sizes, which must be known."""
        check_axes(shape, cfg["axis"])
        axes = sorted(a % len(shape) for a in cfg["axis"])
        return tuple(known_dim(shape, a, f"kept axis {a}") for a in axes)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        dims = self.kept(cfg, inputs[0])
        if cfg["mean"] is not None:
            stats = array_shape(cfg["mean"])
            for s, d in zip(reversed(stats), reversed(dims), strict=False):
                if s not in (1, d):
                    raise ShapeError(
                        f"mean and variance of shape {stats} do not fit the kept axes of the "
                        f"input {format_shape(inputs[0])} (sizes {dims}); use that shape or 1s"
                    )
        return inputs[0]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        if cfg["mean"] is not None:
            return []
        dims = self.kept(cfg, inputs[0])
        return [
            WeightSpec("mean", dims, trainable=False),
            WeightSpec("variance", dims, trainable=False),
            WeightSpec("count", (), trainable=False, dtype="int32"),
        ]


def _no_factor(value: Any) -> None:
    if value is not None:
        raise ValueError
    return None


IMAGE_BASE_ARGS = (
    Arg("data_format", DATA_FORMAT, "channels_last", "channels_last (default) or channels_first"),
    Arg("factor", Custom(_no_factor, "null (these layers take no factor)", {"type": "null"}), None),
    Arg("bounding_box_format", display=True),
)


def image(name: str, shape: Shape) -> Shape:
    """An image input as Keras's image layers run on it: rank 4 ``(batch, h, w, c)``, or rank
    3, which they treat as one unbatched image (other ranks fail when the layer runs)."""
    if len(shape) not in (3, 4):
        raise ShapeError(
            f"{name} takes images of rank 4 (batch, height, width, channels) or rank 3 "
            f"(one unbatched image), got {format_shape(shape)} of rank {len(shape)}"
        )
    return shape


def sized(name: str, cfg: Config, shape: Shape) -> Shape:
    """``shape`` with its height and width set to ``cfg``'s; for a rank-3 input (one unbatched
    image) the first axis is the height."""
    out = list(image(name, shape))
    h = len(out) - 3 + (1 if cfg["data_format"] == "channels_first" else 0)
    out[h], out[h + 1] = cfg["height"], cfg["width"]
    return tuple(out)


class ImageSizeKind(PreprocessingKind):
    """Sets the height and width of images (:func:`sized`)."""

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return sized(self.name, cfg, inputs[0])


SIZE_ARGS = (
    Arg("height", POS_INT, REQUIRED, "output height"),
    Arg("width", POS_INT, REQUIRED, "output width"),
)


@register("Resizing")
class Resizing(ImageSizeKind):
    """archcalc refuses what Keras only refuses when the layer runs: both aspect-ratio
    options at once, and an interpolation no backend knows."""

    ARGS = (
        *SIZE_ARGS,
        Arg("interpolation", Choice(INTERPOLATIONS), "bilinear"),
        Arg("crop_to_aspect_ratio", BOOL, False, "crop to the target aspect ratio first"),
        Arg("pad_to_aspect_ratio", BOOL, False, "pad to the target aspect ratio first"),
        Arg("fill_mode", Choice(("constant",)), "constant"),
        Arg("fill_value", Float(), 0.0, display=True),
        Arg("antialias", BOOL, False, display=True),
        *IMAGE_BASE_ARGS,
    )

    def validate(self, cfg: Config) -> None:
        super().validate(cfg)
        require(
            not (cfg["crop_to_aspect_ratio"] and cfg["pad_to_aspect_ratio"]),
            "crop_to_aspect_ratio and pad_to_aspect_ratio cannot both be true; choose one",
            "pad_to_aspect_ratio",
        )


@register("CenterCrop")
class CenterCrop(ImageSizeKind):
    """Crops the centre (or resizes, if the image is smaller) to ``height`` x ``width``."""

    data_movement = True

    ARGS = (*SIZE_ARGS, *IMAGE_BASE_ARGS)
