"""Image augmentation layers that change pixel values, not positions (the argument types
and conventions are in ``augmentation.py``), blurring and erasing included.

All return their input's shape. ``RandomGrayscale`` and ``Equalization`` return the input's
dtype (a uint8 image stays uint8; a float one is autocast to the compute dtype), the others
the compute dtype. ``Equalization``'s ``compute_output_spec`` returns its input tensor
itself: in a Functional model Keras then leaves the layer out of the graph altogether (see
docs/layer-catalog.md); a Sequential model lists it. ``AutoContrast`` and CLAHE work at
inference too, every other layer here only in training.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import POS_INT, REQUIRED, Arg, ArgError, Custom, Float, Nullable
from archcalc.catalog.augmentation import (
    RANGE_SCHEMA,
    SEED,
    UNUSED_FACTOR,
    VALUE_RANGE,
    VALUE_RANGE_AS_GIVEN,
    AugmentationKind,
    KeepsInputDtype,
    augmentation,
    each_in,
    factor_range,
    image_args,
    positive_pair,
)
from archcalc.catalog.base import Config
from archcalc.shapes import Shape, ShapeError, format_shape

#: A factor as ``BaseImagePreprocessingLayer._set_factor`` reads it, bounds per layer.
SIGNED = factor_range(-1, 1)
UNSIGNED = factor_range(0, 1)


@augmentation("RandomContrast")
class RandomContrast(AugmentationKind):
    """Scales each image's contrast by a random factor in ``[1 - lower, 1 + upper]``."""

    ARGS = image_args(
        Arg("factor", UNSIGNED, REQUIRED, "0.2 or [0.1, 0.3]"), VALUE_RANGE_AS_GIVEN, SEED
    )


@augmentation("RandomBrightness")
class RandomBrightness(AugmentationKind):
    """Adds a random fraction of ``value_range`` to every pixel."""

    ARGS = image_args(Arg("factor", SIGNED, REQUIRED, "0.2 or [-0.1, 0.3]"), VALUE_RANGE, SEED)


@augmentation("RandomGrayscale")
class RandomGrayscale(KeepsInputDtype):
    """Turns images grey with probability ``factor`` (kept as given, a number)."""

    ARGS = image_args(Arg("factor", Float(min=0, max=1), 0.5, "the probability"), SEED)


@augmentation("RandomHue")
class RandomHue(AugmentationKind):
    """Shifts the hue by a random amount."""

    ARGS = image_args(Arg("factor", UNSIGNED, REQUIRED), VALUE_RANGE_AS_GIVEN, SEED)


@augmentation("RandomSaturation")
class RandomSaturation(AugmentationKind):
    """Scales the saturation by a random amount."""

    ARGS = image_args(Arg("factor", SIGNED, REQUIRED), VALUE_RANGE, SEED)


@augmentation("RandomSharpness")
class RandomSharpness(AugmentationKind):
    """Sharpens or blurs by a random amount."""

    ARGS = image_args(Arg("factor", UNSIGNED, REQUIRED), VALUE_RANGE, SEED)


@augmentation("RandomColorDegeneration")
class RandomColorDegeneration(AugmentationKind):
    """Blends towards the greyscale image; Keras's own shape check wants rank 3 or 4 and 3
    channels (a rank-3 input is one image, its last axis the channels)."""

    ARGS = image_args(Arg("factor", SIGNED, REQUIRED), VALUE_RANGE, SEED)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        shape = super().output_shape(cfg, inputs)
        channels = shape[-1 if cfg["data_format"] == "channels_last" else -3]
        if channels is not None and channels != 3:
            raise ShapeError(
                f"RandomColorDegeneration takes RGB images (3 channels), got {format_shape(shape)} "
                f"with {channels} channels (Keras: 'Input images must have 3 channels')"
            )
        return shape


@augmentation("RandomPosterization")
class RandomPosterization(AugmentationKind):
    """Keeps a random number of bits (``factor`` in [1, 8]) of each pixel."""

    ARGS = image_args(
        Arg("factor", factor_range(1, 8), REQUIRED, "bits kept: 4 or [2, 6]"), VALUE_RANGE, SEED
    )


@augmentation("RandomInvert")
class RandomInvert(AugmentationKind):
    """Inverts images with probability ``factor``."""

    ARGS = image_args(Arg("factor", UNSIGNED, 1.0), VALUE_RANGE_AS_GIVEN, SEED)


@augmentation("Solarization")
class Solarization(AugmentationKind):
    """Inverts pixels above a random threshold, after adding a random amount (Keras keeps a
    number ``f`` as ``(0, f)``)."""

    ARGS = image_args(
        Arg("addition_factor", each_in(0, 1, store="from_zero"), 0.0),
        Arg("threshold_factor", each_in(0, 1, store="from_zero"), 0.0),
        VALUE_RANGE,
        SEED,
    )


def _checked_as_given(kind: Custom) -> Custom:
    """A factor a sublayer checks (RandomColorJitter hands them on), kept as written."""

    def check(value: Any) -> Any:
        kind.func(value)
        return tuple(value) if isinstance(value, list) else value

    return Custom(check, kind.text, RANGE_SCHEMA)


#: RandomColorJitter's factor arguments and the layer each makes (which checks it).
JITTER = {
    "brightness_factor": ("RandomBrightness", SIGNED),
    "contrast_factor": ("RandomContrast", UNSIGNED),
    "saturation_factor": ("RandomSaturation", SIGNED),
    "hue_factor": ("RandomHue", UNSIGNED),
}


@augmentation("RandomColorJitter")
class RandomColorJitter(AugmentationKind):
    """Random brightness, contrast, saturation and hue, each only when its factor is given.

    It makes one layer per factor given, and they take auto-names even when the jitter layer
    has a name of its own (``random_brightness`` ...).
    """

    ARGS = image_args(
        VALUE_RANGE_AS_GIVEN,
        *(Arg(k, Nullable(_checked_as_given(t)), None) for k, (_, t) in JITTER.items()),
        SEED,
        factor=UNUSED_FACTOR,
    )

    def validate(self, cfg: Config) -> None:
        super().validate(cfg)
        if any(cfg[k] is not None for k in JITTER):  # the layers it makes check value_range
            try:
                VALUE_RANGE.type.check(cfg["value_range"])
            except ArgError as exc:
                raise ArgError(f"value_range {exc}", "value_range") from None

    def built_sublayers(self, cfg: Config, named: bool) -> tuple[str, ...]:
        return tuple(cls for k, (cls, _) in JITTER.items() if cfg.get(k) is not None)


@augmentation("AutoContrast")
class AutoContrast(AugmentationKind):
    """Stretches each image's values to the full ``value_range`` (also at inference)."""

    inference_identity = False
    data_movement = False
    ARGS = image_args(VALUE_RANGE)


@augmentation("Equalization")
class Equalization(KeepsInputDtype):
    """Histogram equalisation with ``bins`` bins, in training only.

    Its symbolic call returns the input tensor itself: a Functional Keras model drops the
    layer (and renames the input ``<name>CLONE``), a Sequential one lists it.
    """

    ARGS = image_args(
        VALUE_RANGE, Arg("bins", POS_INT, 256, "histogram bins"), factor=UNUSED_FACTOR
    )


@augmentation("ContrastLimitedAdaptiveHistogramEqualization")
class ContrastLimitedAdaptiveHistogramEqualization(AugmentationKind):
    """CLAHE: equalises the histogram per tile of a ``tile_grid_size`` grid (also at inference).

    Keras accepts a tile grid with a 0 in it and divides by it when the layer runs; archcalc
    refuses it.
    """

    inference_identity = False
    data_movement = False
    ARGS = image_args(
        VALUE_RANGE_AS_GIVEN,
        Arg("clip_limit", Float(), 4.0, "histogram clip limit (0 or less: none)"),
        Arg(
            "tile_grid_size",
            Custom(positive_pair, "a list of two positive integers [rows, columns]"),
            (8, 8),
        ),
        factor=UNUSED_FACTOR,
    )


def _odd(value: Any) -> tuple[int, int]:
    sizes = value if isinstance(value, (list, tuple)) else (value, value)
    if len(sizes) != 2:
        raise ValueError
    for k in sizes:
        if isinstance(k, bool) or not isinstance(k, int) or k % 2 == 0 or k < 1:
            raise ValueError
    return (sizes[0], sizes[1])


@augmentation("RandomGaussianBlur")
class RandomGaussianBlur(AugmentationKind):
    """Blurs with a random Gaussian kernel (``kernel_size`` odd, ``sigma`` a range)."""

    ARGS = image_args(
        Arg("factor", factor_range(0, 1), 1.0, "probability of applying it"),
        Arg(
            "kernel_size",
            Custom(_odd, "an odd positive integer or a list of two", RANGE_SCHEMA),
            3,
        ),
        Arg("sigma", factor_range(0, 1), 1.0, "the kernel's standard deviation (a range)"),
        VALUE_RANGE_AS_GIVEN,
        SEED,
    )


@augmentation("RandomErasing")
class RandomErasing(AugmentationKind):
    """Erases a random rectangle covering a ``scale`` fraction of the image."""

    ARGS = image_args(
        Arg("factor", factor_range(0, 1), 1.0, "probability of applying it"),
        Arg("scale", factor_range(0, 1), (0.02, 0.33), "the erased area's fraction (a range)"),
        Arg("fill_value", Nullable(Float()), None, "null: random noise"),
        VALUE_RANGE_AS_GIVEN,
        SEED,
    )
