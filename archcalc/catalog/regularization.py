"""Regularization layers (keras/src/layers/regularization): identity shapes, no weights.

What is checked is the arguments, as Keras's constructors check them, and
the input rank of the spatial dropouts. The spatial dropouts and
ActivityRegularization accept fewer Layer keywords than other layers.
"""

from __future__ import annotations

from typing import ClassVar

from archcalc.catalog.arg_shapes import shape_arg
from archcalc.catalog.args import DATA_FORMAT, REQUIRED, Arg, Float, Int, Nullable
from archcalc.catalog.base import COMMON_ARGS, LayerKind, register, register_ranks

UNIT = Float(min=0, max=1)
SEED = Arg("seed", Nullable(Int()), None, display=True)
NOISE_SHAPE = Arg(
    "noise_shape",
    Nullable(shape_arg(allow_int=False)),
    None,
    "shape of the dropout mask (null entries: the input's size)",
)


class RegularizationKind(LayerKind):
    supports_masking = True
    takes_mask = False
    inference_identity = True
    data_movement = True
    trainable_lost_on_load = False
    family = "regularization"


@register("Dropout")
class Dropout(RegularizationKind):
    ARGS = (Arg("rate", UNIT, REQUIRED, "fraction of inputs dropped"), NOISE_SHAPE, SEED)


@register("AlphaDropout")
class AlphaDropout(RegularizationKind):
    ARGS = (
        Arg("rate", UNIT, REQUIRED, "fraction of inputs dropped"),
        Arg("noise_shape", display=True),
        SEED,
    )


@register("GaussianDropout")
class GaussianDropout(RegularizationKind):
    ARGS = (Arg("rate", UNIT, REQUIRED, "drop probability"), SEED)


@register("GaussianNoise")
class GaussianNoise(RegularizationKind):
    ARGS = (Arg("stddev", UNIT, REQUIRED, "standard deviation of the noise (Keras: 0 to 1)"), SEED)


@register("ActivityRegularization")
class ActivityRegularization(RegularizationKind):
    """Its own ``l1``/``l2`` are its activity regularizer, so it takes no other."""

    common_args = tuple(a for a in COMMON_ARGS if a.name != "activity_regularizer")
    ARGS = (
        Arg("l1", Float(min=0), 0.0, "L1 penalty on the activations"),
        Arg("l2", Float(min=0), 0.0, "L2 penalty on the activations"),
    )


class BaseSpatialDropout(RegularizationKind):
    """Drops whole channels: inputs of rank ``rank + 2``; only ``rate``, ``seed``, ``dtype``
    (and ``data_format`` from 2D on) are accepted, as in Keras."""

    rank: ClassVar[int] = 1
    common_args = tuple(a for a in COMMON_ARGS if a.name == "dtype")

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.ndim = cls.rank + 2
        rate = Arg("rate", UNIT, REQUIRED, "fraction of channels dropped")
        if cls.rank == 1:
            cls.ARGS = (rate, SEED)
        else:
            cls.ARGS = (rate, Arg("data_format", DATA_FORMAT, "channels_last"), SEED)


register_ranks(
    BaseSpatialDropout, ("SpatialDropout1D",), ("SpatialDropout2D",), ("SpatialDropout3D",)
)
