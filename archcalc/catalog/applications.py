"""Layers that keras.applications defines for its own models.

ConvNeXt uses ``LayerScale`` and ``StochasticDepth``
(keras/src/applications/convnext.py) and InceptionResNetV2 uses
``CustomScaleLayer`` (inception_resnet_v2.py). Their configs name them, so a
saved application model needs them to load.
"""

from __future__ import annotations

from archcalc.catalog.args import POS_INT, REQUIRED, Arg, Float
from archcalc.catalog.base import Config, LayerKind, WeightSpec, register
from archcalc.shapes import Shape, ShapeError, format_shape


@register("LayerScale", family="applications")
class LayerScale(LayerKind):
    """``x * gamma`` with a trainable ``gamma`` of ``(projection_dim,)`` (ConvNeXt)."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``gamma`` ``(projection_dim,)``"

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    ARGS = (
        Arg("init_values", Float(), REQUIRED, "initial value of gamma", display=True),
        Arg("projection_dim", POS_INT, REQUIRED, "size of gamma: the channels it scales"),
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        last = inputs[0][-1] if inputs[0] else None
        if last is not None and last != cfg["projection_dim"] and last != 1:
            raise ShapeError(
                f"gamma has {cfg['projection_dim']} values but the input's last axis is {last} "
                f"({format_shape(inputs[0])}); projection_dim must match the channels"
            )
        return inputs[0]

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        return [WeightSpec("gamma", (cfg["projection_dim"],))]


@register("StochasticDepth", family="applications")
class StochasticDepth(LayerKind):
    """Drops a residual path at training time; shape-preserving, no weights (ConvNeXt)."""

    supports_masking = False
    takes_mask = False
    inference_identity = True
    data_movement = True
    trainable_lost_on_load = False

    ARGS = (Arg("drop_path_rate", Float(min=0, max=1), REQUIRED, display=True),)


@register("CustomScaleLayer", family="applications")
class CustomScaleLayer(LayerKind):
    """``inputs[0] + inputs[1] * scale``: InceptionResNetV2's residual scaling."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    min_inputs = max_inputs = 2
    keras_module = ""  # keras.src.applications' own, not public
    ARGS = (Arg("scale", Float(), REQUIRED, "residual scale", display=True),)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return inputs[0]
