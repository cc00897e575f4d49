"""Image augmentation layers (keras/src/layers/preprocessing/image_preprocessing), with the
argument types the three augmentation modules share; this one holds the geometric layers,
MixUp and CutMix (which mix images of a batch) and MaxNumBoundingBoxes.

What Keras's symbolic call reports (and so ``summary()`` shows) is what archcalc computes:
every one of these layers returns its input's shape and has no weights (each random layer's
seed generator is a variable but not a weight: Keras counts no parameters), except
``RandomCrop``, which always reports the cropped height and width, although at inference
(``training=False``, ``predict``) Keras 3.15.1 returns its input unchanged. At inference the
random layers are identities (their only work is a cast to the compute dtype), so they cost
nothing (docs/costs.md); ``AutoContrast`` and ``ContrastLimitedAdaptiveHistogramEqualization``
run at inference too and have rules of their own.

Keras's symbolic call takes an input of any rank, but every image layer fails as soon as it
runs on anything but rank 4 ``(batch, h, w, c)`` or rank 3 (read as one unbatched image, so
the batch axis is the height): archcalc refuses other ranks. Arguments are normalised to
what Keras's ``get_config`` writes (``factor: 0.1`` -> ``(-0.1, 0.1)``), so a spec and the
saved model compare equal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from archcalc.catalog.args import (
    DATA_FORMAT,
    POS_INT,
    REQUIRED,
    Arg,
    Choice,
    Custom,
    Float,
    Int,
    Nullable,
    Str,
)
from archcalc.catalog.base import Config, LayerKind, register
from archcalc.catalog.dtypes import compute_dtype, is_float
from archcalc.catalog.preprocessing import image, sized
from archcalc.shapes import Shape

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")
NUMBER = {"type": "number"}
RANGE_SCHEMA = {"anyOf": [NUMBER, {"type": "array", "items": NUMBER, "minItems": 2, "maxItems": 2}]}


def number(value: Any) -> float | int:
    """A real number (not a bool, not NaN), or ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValueError
    return value


def pair(value: Any) -> tuple[Any, Any]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError
    return number(value[0]), number(value[1])


def positive_pair(value: Any) -> tuple[int, int]:
    """Two positive integers (a tile grid, a depth range), or ValueError."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError
    for v in value:
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError
    return (value[0], value[1])


def _bounds(lo: float, hi: float, lo_open: bool = False) -> str:
    return f"{'(' if lo_open else '['}{lo}, {hi}]"


def factor_range(lo: float, hi: float) -> Custom:
    """Keras's ``BaseImagePreprocessingLayer._set_factor``: ``f`` in [lo, hi] becomes
    ``(max(-|f|, lo), |f|)``; a pair must overlap [lo, hi] and is sorted."""

    def check(value: Any) -> tuple[Any, Any]:
        if isinstance(value, (list, tuple)):
            a, b = pair(value)
            if a > hi or b < lo:
                raise ValueError
            return (min(a, b), max(a, b))
        f = number(value)
        if not lo <= f <= hi:
            raise ValueError
        return (max(-abs(f), lo), abs(f))

    return Custom(check, f"a number or a list of two numbers in {_bounds(lo, hi)}", RANGE_SCHEMA)


def each_in(lo: float, hi: float, lo_open: bool = False, store: str = "given") -> Custom:
    """A number or a pair whose every number lies in the bounds (RandomZoom, RandomShear...).

    ``store`` is what Keras keeps: ``given``, ``symmetric`` (``f`` -> ``(-|f|, |f|)``) or
    ``from_zero`` (``f`` -> ``(0, f)``); pairs are kept sorted unless ``given``. A symmetric
    pair may reach down to ``-hi``: Keras's ``get_config`` writes ``(-f, f)`` (which its own
    constructor refuses), and a saved model must load.
    """
    low = -hi if store == "symmetric" else lo

    def inside(f: Any, least: float) -> Any:
        f = number(f)
        if f > hi or f < least or (lo_open and f == least):
            raise ValueError
        return f

    def check(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            a, b = (inside(f, low) for f in pair(value))
            return (a, b) if store == "given" else (min(a, b), max(a, b))
        f = inside(value, lo)
        if store == "symmetric":
            return (-abs(f), abs(f))
        return (0, f) if store == "from_zero" else f

    text = f"a number or a list of two numbers, each in {_bounds(lo, hi, lo_open)}"
    return Custom(check, text, RANGE_SCHEMA)


def _value_range(sort: bool) -> Custom:
    def check(value: Any) -> tuple[Any, Any]:
        a, b = pair(value)
        return (min(a, b), max(a, b)) if sort else (a, b)

    what = "[low, high], the range of the pixel values (e.g. [0, 255] or [0, 1])"
    return Custom(check, what, {"type": "array", "items": NUMBER, "minItems": 2, "maxItems": 2})


#: ``value_range`` as the layers that validate it keep it (sorted), and as the others do.
VALUE_RANGE = Arg("value_range", _value_range(True), (0, 255), "the range of the pixel values")
VALUE_RANGE_AS_GIVEN = Arg(
    "value_range", _value_range(False), (0, 255), "the range of the pixel values"
)


def _no_factor(value: Any) -> None:
    if value is not None:
        raise ValueError


NO_FACTOR = Arg(
    "factor", Custom(_no_factor, "null (this layer takes no factor)", {"type": "null"}), None
)
#: Keras's base class takes a ``factor`` these layers never use (nor serialise).
UNUSED_FACTOR = Arg(
    "factor",
    Nullable(factor_range(-1, 1)),
    None,
    ignored="is taken by Keras's base image layer and then not used by this layer",
)
SEED = Arg("seed", Nullable(Int()), None, display=True)
FILL_VALUE = Arg("fill_value", Float(), 0.0, "the value of pixels filled in (fill_mode: constant)")
BASE_ARGS = (
    Arg("data_format", DATA_FORMAT, "channels_last", "channels_last (default) or channels_first"),
    Arg("bounding_box_format", Nullable(Str()), None, display=True),
)


class AugmentationKind(LayerKind):
    """A Keras image preprocessing layer: weightless, rank 3 or 4, shape unchanged, outputs in
    the compute dtype; at inference a random one returns its input (cast)."""

    supports_masking = False
    takes_mask = False
    inference_identity = True
    data_movement = True
    trainable_lost_on_load = False
    family = "augmentation"

    #: the Keras classes it makes in ``__init__`` (each takes an auto-name) unless it has a
    #: name of its own, which Keras hands on to them (RandAugment, AugMix)
    made_unless_named: tuple[str, ...] = ()

    def validate(self, cfg: Config) -> None:
        if self.args["factor"] is UNUSED_FACTOR:
            cfg["factor"] = None  # checked, then dropped, as Keras does

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return image(self.name, inputs[0])

    def built_sublayers(self, cfg: Config, named: bool) -> tuple[str, ...]:
        return () if named else self.made_unless_named


class KeepsInputDtype(AugmentationKind):
    """Its ``compute_output_spec`` returns the input's dtype (after Keras's autocast of
    floating inputs to the compute dtype): a uint8 image stays uint8."""

    def output_dtype(self, cfg: Config, inputs: Sequence[str]) -> str:
        given = inputs[0] if inputs else "float32"
        if is_float(given) and cfg.get("autocast", True):
            return compute_dtype(cfg.get("dtype"))
        return given


def image_args(*args: Arg, factor: Arg = NO_FACTOR) -> tuple[Arg, ...]:
    """A layer's own arguments, then its Keras base class's: ``factor`` (unless the layer has
    its own), ``data_format`` and ``bounding_box_format``."""
    own = () if any(a.name == "factor" for a in args) else (factor,)
    return (*args, *own, *BASE_ARGS)


def augmentation(*names: str) -> Callable[[type[AugmentationKind]], type[AugmentationKind]]:
    return register(*names, family="augmentation")


def geometric(fill_modes: tuple[str, ...] = FILL_MODES) -> tuple[Arg, ...]:
    return (
        Arg("fill_mode", Choice(fill_modes), "reflect", "how pixels outside the image are filled"),
        Arg("interpolation", Choice(INTERPOLATIONS), "bilinear"),
        SEED,
        FILL_VALUE,
    )


@augmentation("RandomFlip")
class RandomFlip(AugmentationKind):
    """Flips images at random; ``mode`` is not checked by Keras (an unknown one flips nothing)."""

    ARGS = image_args(
        Arg("mode", Str(), "horizontal_and_vertical", "horizontal, vertical or both"),
        SEED,
    )


@augmentation("RandomRotation")
class RandomRotation(AugmentationKind):
    """Rotates by a random fraction of a full turn from ``factor``."""

    ARGS = image_args(
        Arg("factor", factor_range(-1, 1), REQUIRED, "fraction of 2 pi: 0.1 or [-0.1, 0.2]"),
        *geometric(),
    )


@augmentation("RandomZoom")
class RandomZoom(AugmentationKind):
    """Zooms by a random factor per axis (``width_factor: null`` keeps the aspect ratio)."""

    ARGS = image_args(
        Arg("height_factor", each_in(-1, 1, lo_open=True), REQUIRED, "negative zooms in"),
        Arg("width_factor", Nullable(each_in(-1, 1, lo_open=True)), None),
        *geometric(),
    )


@augmentation("RandomTranslation")
class RandomTranslation(AugmentationKind):
    """Shifts by a random fraction of the height and width."""

    ARGS = image_args(
        Arg("height_factor", each_in(-1, 1), REQUIRED, "fraction of the height"),
        Arg("width_factor", each_in(-1, 1), REQUIRED, "fraction of the width"),
        *geometric(),
    )


@augmentation("RandomShear")
class RandomShear(AugmentationKind):
    """Shears along x and y by random amounts (Keras keeps ``f`` as ``(-f, f)``)."""

    ARGS = image_args(
        Arg("x_factor", each_in(0, 1, store="symmetric"), 0.0),
        Arg("y_factor", each_in(0, 1, store="symmetric"), 0.0),
        *geometric(),
    )


@augmentation("RandomPerspective")
class RandomPerspective(AugmentationKind):
    """Moves the corners at random by up to ``scale`` of the image size."""

    ARGS = image_args(
        Arg("factor", factor_range(0, 1), 1.0, "probability of applying it"),
        Arg("scale", Float(min=0, max=1), 1.0),
        Arg("interpolation", Choice(INTERPOLATIONS), "bilinear"),
        FILL_VALUE,
        SEED,
    )


@augmentation("RandomElasticTransform")
class RandomElasticTransform(AugmentationKind):
    """Elastic distortion; Keras also takes ``fill_mode: mirror`` here."""

    ARGS = image_args(
        Arg("factor", factor_range(0, 1), 1.0, "probability of applying it"),
        Arg("scale", factor_range(0, 1), 1.0, "the distortion's size"),
        Arg("interpolation", Choice(INTERPOLATIONS), "bilinear"),
        Arg("fill_mode", Choice((*FILL_MODES, "mirror")), "reflect"),
        FILL_VALUE,
        VALUE_RANGE_AS_GIVEN,
        SEED,
    )


@augmentation("RandomCrop")
class RandomCrop(AugmentationKind):
    """Crops a random ``height`` x ``width`` window (resizing up when the image is smaller).

    The shape is Keras's symbolic one, what ``summary()`` shows; at inference Keras 3.15.1
    returns the input unchanged (no crop), so a model whose later layers depend on the
    cropped size builds but fails in ``predict``. A height or width of 0 is refused: Keras
    reports the shape but divides by it at inference.
    """

    ARGS = image_args(
        Arg("height", POS_INT, REQUIRED, "crop height"),
        Arg("width", POS_INT, REQUIRED, "crop width"),
        SEED,
        factor=UNUSED_FACTOR,
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return sized(self.name, cfg, inputs[0])


@augmentation("MixUp")
class MixUp(AugmentationKind):
    """Blends pairs of images of the batch (and their labels, in a dict Keras takes).

    ``alpha`` must be positive: Keras accepts any, then fails drawing from Beta(alpha, alpha).
    """

    ARGS = image_args(
        Arg("alpha", Float(min=0, min_open=True), 0.2, "the Beta distribution's alpha"),
        SEED,
        factor=UNUSED_FACTOR,
    )


@augmentation("CutMix")
class CutMix(AugmentationKind):
    """Pastes a patch of another image of the batch (and mixes the labels)."""

    ARGS = image_args(Arg("factor", factor_range(0, 1), 1.0, "range of the patch's size"), SEED)


@augmentation("MaxNumBoundingBoxes")
class MaxNumBoundingBoxes(AugmentationKind):
    """Pads or cuts a dict's bounding boxes to ``max_number``; an image tensor passes unchanged.

    A spec calls layers on tensors, not on Keras's dicts of images and boxes, so archcalc
    models the image path.
    """

    ARGS = image_args(
        Arg("max_number", Int(min=0), REQUIRED, "boxes kept per image"),
        Arg("fill_value", Int(), -1, "the value of padded boxes"),
        factor=UNUSED_FACTOR,
    )
