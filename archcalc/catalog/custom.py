"""Custom layers: a layer archcalc does not know, declared by what it produces.

A spec entry whose ``type`` is not a known Keras class may carry a
``custom:`` mapping with its output shape (batch excluded, like inputs) and
parameter count, so the rest of the model still computes::

    - {name: attn, type: MyAttention, custom: {output_shape: [10, 64], params: 16640}}

Several outputs: ``output_shapes: [[10, 64], [64]]``; ``batch_size: N`` when the outputs'
batch is not the first input's. Its other keys are the
custom class's own arguments, kept for display but not checked.
"""

from __future__ import annotations

from archcalc.catalog.arg_shapes import shape_arg
from archcalc.catalog.args import NONNEG_INT, POS_INT, Arg, ArgError, ListOf, Nullable
from archcalc.catalog.base import Config, LayerKind, WeightSpec, register
from archcalc.shapes import Shape

_SHAPE = shape_arg()


@register("Custom", family="custom")
class Custom(LayerKind):
    """A declared layer: shapes and counts as the spec states them."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "the declared ``params`` (and ``non_trainable_params``)"

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    min_inputs = 0
    max_inputs = None
    keras_module = ""  # the layer's code is the user's: not exported
    ARGS = (
        Arg("output_shape", Nullable(_SHAPE), None, "the output shape without the batch dimension"),
        Arg(
            "output_shapes", Nullable(ListOf(_SHAPE, min_items=1)), None, "several outputs' shapes"
        ),
        Arg("params", NONNEG_INT, 0, "total parameter count"),
        Arg("non_trainable_params", NONNEG_INT, 0, "how many of them are non-trainable"),
        Arg(
            "batch_size",
            Nullable(POS_INT),
            None,
            "the outputs' batch size when it is not the first input's (a layer that "
            "gathers or segments its batch)",
        ),
    )

    def validate(self, cfg: Config) -> None:
        if (cfg["output_shape"] is None) == (cfg["output_shapes"] is None):
            raise ArgError(
                "custom: give exactly one of output_shape (one output) or output_shapes (several)"
            )
        if cfg["non_trainable_params"] > cfg["params"]:
            raise ArgError(
                "custom: non_trainable_params cannot exceed params", "non_trainable_params"
            )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> list[Shape]:
        batch = cfg.get("batch_size") or (inputs[0][0] if inputs and inputs[0] else None)
        shapes = (
            [cfg["output_shape"]] if cfg["output_shape"] is not None else list(cfg["output_shapes"])
        )
        return [(batch, *s) for s in shapes]

    takes_initial_state = True  # a custom recurrent layer may: wiring only, never checked

    def initial_state_groups(self, cfg: Config, inputs: list[Shape]) -> None:  # type: ignore[override]
        """A declared layer's states are its own business: not checked."""
        return None

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        nt = cfg["non_trainable_params"]
        t = cfg["params"] - nt
        out = []
        if t:
            out.append(WeightSpec("declared", (t,)))
        if nt:
            out.append(WeightSpec("declared_non_trainable", (nt,), trainable=False))
        return out
