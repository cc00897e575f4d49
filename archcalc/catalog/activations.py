"""Activation layers (keras/src/layers/activations): shapes pass through; only PReLU has weights."""

from __future__ import annotations

from typing import ClassVar

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import REQUIRED, Arg, Float, Nullable
from archcalc.catalog.base import Config, LayerKind, WeightSpec, register
from archcalc.catalog.keras_objects import weight_args
from archcalc.catalog.normalization import AXES
from archcalc.shapes import Shape, ShapeError, check_axes, format_shape

NON_NEGATIVE = Float(min=0)


class ActivationKind(LayerKind):
    #: the activation the layer applies, by Keras name (None: its ``activation`` argument)
    applies: ClassVar[str | None] = None
    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False
    family = "activations"

    def activation(self, cfg: Config) -> str:
        return self.applies or super().activation(cfg)


@register("Activation")
class Activation(ActivationKind):
    ARGS = (Arg("activation", ACTIVATION, REQUIRED, "the function, e.g. 'relu'"),)


@register("ReLU")
class ReLU(ActivationKind):
    applies = "relu"
    ARGS = (
        Arg("max_value", Nullable(NON_NEGATIVE), None, "upper bound (null: none)"),
        Arg("negative_slope", NON_NEGATIVE, 0.0, "slope below the threshold"),
        Arg("threshold", NON_NEGATIVE, 0.0, "values below it are damped"),
    )


@register("LeakyReLU")
class LeakyReLU(ActivationKind):
    """``alpha`` is Keras 3's deprecated name for ``negative_slope`` (it wins when given)."""

    applies = "leaky_relu"

    ARGS = (
        Arg("negative_slope", NON_NEGATIVE, 0.3, "slope for negative inputs"),
        Arg("alpha", Nullable(NON_NEGATIVE), None, "deprecated alias of negative_slope"),
    )

    def validate(self, cfg: Config) -> None:
        if cfg["alpha"] is not None:  # Keras keeps (and serialises) negative_slope only
            cfg["negative_slope"] = cfg["alpha"]
            cfg["alpha"] = None


@register("ELU")
class ELU(ActivationKind):
    applies = "elu"
    ARGS = (Arg("alpha", Float(), 1.0, "scale of the negative part"),)


@register("Softmax")
class Softmax(ActivationKind):
    """Keras checks ``axis`` only when the layer runs; archcalc checks it when it is built."""

    applies = "softmax"

    takes_mask = True

    ARGS = (Arg("axis", AXES, -1, "the axis or axes to normalise over"),)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        check_axes(inputs[0], cfg["axis"])
        return inputs[0]


@register("PReLU")
class PReLU(ActivationKind):
    """A learned slope per element: ``alpha`` of ``input_shape[1:]``, 1 on each ``shared_axes``.

    As in Keras, shared axis ``i`` sets ``alpha[i - 1]`` with Python
    indexing, so ``0`` (the batch axis) shares the last axis.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``alpha`` ``input_shape[1:]``, 1 on each shared axis"

    applies = "prelu"

    ARGS = (
        *weight_args("alpha"),
        Arg(
            "shared_axes",
            Nullable(AXES),
            None,
            "axes (1-based, batch is 0) that share one alpha, e.g. [1, 2] for images",
        ),
    )

    def validate(self, cfg: Config) -> None:
        shared = cfg["shared_axes"]
        if isinstance(shared, int):
            cfg["shared_axes"] = (shared,)

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        shape = inputs[0]
        alpha = list(shape[1:])
        for i in cfg["shared_axes"] or ():
            if not -len(alpha) <= i - 1 < len(alpha):
                raise ShapeError(
                    f"shared_axes contains {i}, but the input {format_shape(shape)} has axes "
                    f"1 to {len(shape) - 1} only"
                )
            alpha[i - 1] = 1
        for i, d in enumerate(alpha):
            if d is None:
                shared = sorted({*(cfg["shared_axes"] or ()), i + 1})
                raise ShapeError(
                    f"axis {i + 1} of the input {format_shape(shape)} is unknown (None), but alpha "
                    f"needs its size; give it a size, or share it: shared_axes: {shared}"
                )
        return [WeightSpec("alpha", tuple(alpha))]  # type: ignore[arg-type]

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        shared = cfg["shared_axes"]
        shape = inputs[0]
        if not shared:
            return {}
        return {
            i: d for i in range(1, len(shape)) if i not in shared and (d := shape[i]) is not None
        }
