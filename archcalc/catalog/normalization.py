"""Normalization layers (keras/src/layers/normalization).

Shapes pass through unchanged; what matters is which weights exist and
which of them training updates: BatchNormalization's moving statistics are
non-trainable, so a summary's "Non-trainable params" counts them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from archcalc.catalog.args import BOOL, Arg, Custom, Either, Float, Int, ListOf, Nullable
from archcalc.catalog.base import Config, LayerKind, WeightSpec, known_dim, register, require
from archcalc.catalog.keras_objects import KERAS_OBJECT
from archcalc.shapes import Shape, ShapeError, check_axes, format_shape

#: an int or a list of ints (LayerNormalization, UnitNormalization, RMSNormalization, Softmax...)
AXES = Either((Int(), ListOf(Int(), min_items=1)), "an integer or a list of integers")

#: LayerNormalization and RMSNormalization keep (and serialise) their axis as a list;
#: LayerNormalization sorts it, which orders gamma's dimensions too
AXIS_TUPLE = Custom(
    lambda v: (lambda a: (a,) if isinstance(a, int) else tuple(a))(AXES.check(v)),
    AXES.describe,
    AXES.schema(),
)
SORTED_AXIS_TUPLE = Custom(
    lambda v: tuple(sorted(AXIS_TUPLE.check(v))), AXES.describe, AXES.schema()
)

EPSILON = Arg("epsilon", Float(min=0), 1e-3, display=True)
CENTER = Arg("center", BOOL, True, "learn an offset beta")
SCALE = Arg("scale", BOOL, True, "learn a factor gamma")
GAMMA_BETA_ARGS = (
    Arg("beta_initializer", KERAS_OBJECT, "zeros", display=True),
    Arg("gamma_initializer", KERAS_OBJECT, "ones", display=True),
    Arg("beta_regularizer", KERAS_OBJECT, None, display=True),
    Arg("gamma_regularizer", KERAS_OBJECT, None, display=True),
    Arg("beta_constraint", KERAS_OBJECT, None, display=True),
    Arg("gamma_constraint", KERAS_OBJECT, None, display=True),
)


def axes_shape(shape: Shape, axes: int | tuple[int, ...], what: str) -> tuple[int, ...]:
    """The weight shape over ``axes``: Keras sorts a list as given, so ``[1, -1]`` is ``(d[-1], d[1])``."""
    listed = check_axes(shape, axes)
    if not isinstance(axes, int):
        listed = sorted(listed)
    return tuple(known_dim(shape, a, f"{what} axis {a}") for a in listed)


def gamma_beta(shape: tuple[int, ...], gamma: bool, beta: bool) -> list[WeightSpec]:
    w = [WeightSpec("gamma", shape)] if gamma else []
    return [*w, WeightSpec("beta", shape)] if beta else w


class Normalizing(LayerKind):
    """Output = input; every ``axis`` must exist. ``pins_axis``: the built weights fix that axis's size."""

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    family = "normalization"
    pins_axis: ClassVar[bool] = False

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        check_axes(inputs[0], cfg["axis"])
        return inputs[0]

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        d = inputs[0][cfg["axis"]] if self.pins_axis else None
        return {cfg["axis"]: d} if d is not None else {}


def _clipping(value: Any) -> dict[str, float]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ValueError
    for v in value.values():
        Float().check(v)
    return dict(value)


@register("BatchNormalization")
class BatchNormalization(Normalizing):
    """gamma, beta (trainable) and moving_mean, moving_variance (non-trainable), each ``(C,)``.

    ``renorm`` adds three more non-trainable vectors: moving_stddev,
    renorm_mean and renorm_stddev.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = (
        "``gamma``, ``beta`` and non-trainable ``moving_mean``, ``moving_variance``, each ``(C,)``"
    )

    takes_mask = True

    pins_axis = True
    ARGS = (
        Arg("axis", Int(), -1, "the feature (channel) axis"),
        Arg("momentum", Float(), 0.99, display=True),
        EPSILON,
        CENTER,
        SCALE,
        *GAMMA_BETA_ARGS[:2],
        Arg("moving_mean_initializer", KERAS_OBJECT, "zeros", display=True),
        Arg("moving_variance_initializer", KERAS_OBJECT, "ones", display=True),
        *GAMMA_BETA_ARGS[2:],
        Arg("renorm", BOOL, False, "batch renormalization: 3 more non-trainable vectors"),
        Arg(
            "renorm_clipping",
            Nullable(
                Custom(
                    _clipping,
                    "a mapping with keys rmax, rmin, dmax",
                    {"type": "object", "additionalProperties": {"type": "number"}},
                )
            ),
            None,
            display=True,
        ),
        Arg("renorm_momentum", Float(), 0.99, display=True),
        Arg("synchronized", BOOL, False, "TensorFlow only in Keras; no effect on counts"),
    )

    def validate(self, cfg: Config) -> None:
        cfg["renorm_clipping"] = cfg["renorm_clipping"] or None  # Keras serialises None as {}
        clip = cfg["renorm_clipping"] or {}
        if not cfg["renorm"]:
            return
        extra = sorted(set(clip) - {"rmax", "rmin", "dmax"})
        require(
            not extra,
            f"renorm_clipping has unknown keys {extra}; Keras accepts rmax, rmin and dmax",
            "renorm_clipping",
        )
        rmax, rmin, dmax = clip.get("rmax"), clip.get("rmin"), clip.get("dmax")
        require(
            rmax is None or rmin is None or rmax >= rmin,
            f"renorm_clipping rmax ({rmax}) must be at least rmin ({rmin})",
            "renorm_clipping",
        )
        require(
            dmax is None or dmax >= 0,
            f"renorm_clipping dmax must be >= 0, got {dmax}",
            "renorm_clipping",
        )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        shape = axes_shape(inputs[0], cfg["axis"], "feature")
        w = gamma_beta(shape, cfg["scale"], cfg["center"])
        moving = ["moving_mean", "moving_variance"]
        if cfg["renorm"]:
            moving += ["moving_stddev", "renorm_mean", "renorm_stddev"]
        return w + [WeightSpec(name, shape, trainable=False) for name in moving]


@register("LayerNormalization")
class LayerNormalization(Normalizing):
    """gamma and beta over the normalised axes.

    ``rms_scaling`` (deprecated in Keras 3 in favour of RMSNormalization)
    keeps gamma even with ``scale: false`` and drops beta.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``gamma``, ``beta`` over the normalised axes"

    ARGS = (
        Arg("axis", SORTED_AXIS_TUPLE, -1, "the axis or axes to normalise over"),
        EPSILON,
        CENTER,
        SCALE,
        Arg("rms_scaling", BOOL, False, "deprecated: gamma only"),
        *GAMMA_BETA_ARGS,
    )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        shape = axes_shape(inputs[0], cfg["axis"], "normalised")
        rms = cfg["rms_scaling"]
        return gamma_beta(shape, cfg["scale"] or rms, cfg["center"] and not rms)


@register("RMSNormalization")
class RMSNormalization(Normalizing):
    """One trainable ``scale`` over the normalised axes."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``scale`` over the normalised axes"

    supports_masking = False

    ARGS = (
        Arg("axis", AXIS_TUPLE, -1, "the axis or axes to normalise over"),
        Arg("epsilon", Float(min=0), 1e-6, display=True),
    )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        return [WeightSpec("scale", axes_shape(inputs[0], cfg["axis"], "normalised"))]


def _groups(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or (value <= 0 and value != -1):
        raise ValueError
    return value


@register("GroupNormalization")
class GroupNormalization(Normalizing):
    """gamma and beta of ``(C,)``; ``groups`` must divide C (``-1``: one group per channel)."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``gamma``, ``beta`` ``(C,)``"

    pins_axis = True
    ARGS = (
        Arg(
            "groups",
            Custom(
                _groups,
                "a positive integer, or -1 for one group per channel",
                {"anyOf": [{"type": "integer", "minimum": 1}, {"const": -1}]},
            ),
            32,
            "number of channel groups; must divide the channels",
        ),
        Arg("axis", Int(), -1, "the channel axis"),
        EPSILON,
        CENTER,
        SCALE,
        *GAMMA_BETA_ARGS,
    )

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        shape = inputs[0]
        (c,) = axes_shape(shape, cfg["axis"], "channel")
        groups = c if cfg["groups"] == -1 else cfg["groups"]
        if groups > c or c % groups:
            raise ShapeError(
                f"groups={groups} does not divide the {c} channels of the input "
                f"{format_shape(shape)}; use a divisor of {c} (or -1 for one group per channel)"
            )
        return gamma_beta((c,), cfg["scale"], cfg["center"])


@register("UnitNormalization")
class UnitNormalization(Normalizing):
    """Scales to unit L2 norm along ``axis``; no weights."""

    ARGS = (Arg("axis", AXES, -1, "the axis or axes to normalise over"),)
