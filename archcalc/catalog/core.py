"""Core layers (keras/src/layers/core): InputLayer, Identity, Dense, Embedding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, AnyValue, Arg, ArgError, Float, Nullable
from archcalc.catalog.base import Config, LayerKind, MaskOps, WeightSpec, known_dim, register
from archcalc.catalog.dtypes import quantization
from archcalc.catalog.keras_objects import weight_args
from archcalc.catalog.quantize import embedding_weights, kernel_weights
from archcalc.shapes import Shape


@register("InputLayer", family="core")
class InputLayer(LayerKind):
    """A model input; the spec writes these under ``inputs:``."""

    supports_masking = False
    takes_mask = False
    inference_identity = False
    data_movement = True
    trainable_lost_on_load = False

    min_inputs = 0
    max_inputs = 0
    ARGS = (
        Arg("shape", AnyValue()),
        Arg("batch_size", Nullable(POS_INT), None),
        Arg("batch_shape", AnyValue()),
        Arg("sparse", BOOL, False, display=True),
        Arg("ragged", BOOL, False, display=True),
        Arg("optional", BOOL, False, display=True),
        Arg("input_tensor", display=True),
    )


@register("Identity", family="core")
class Identity(LayerKind):
    """Returns its input unchanged (any rank, no weights)."""

    supports_masking = True
    takes_mask = False
    inference_identity = True
    data_movement = True
    trainable_lost_on_load = False


def lora_weights(kernel_shape: tuple[int, ...], out: int, rank: int | None) -> list[WeightSpec]:
    """LoRA adapters (Keras ``enable_lora``): a frozen kernel plus two trainable factors.

    Keras creates the factors after the layer's own weights, so a bias goes
    between the kernel and the factors; they are float32 whatever the layer's
    dtype (Dense, the convolutions and EinsumDense alike).
    """
    if not rank:
        return [WeightSpec("kernel", kernel_shape)]
    return [
        WeightSpec("kernel", kernel_shape, trainable=False),
        WeightSpec("lora_kernel_a", (*kernel_shape[:-1], rank), dtype="float32"),
        WeightSpec("lora_kernel_b", (rank, out), dtype="float32"),
    ]


LORA_ARGS = (
    Arg(
        "lora_rank",
        Nullable(POS_INT),
        None,
        "LoRA rank: freezes the kernel, adds two trainable factors",
    ),
    Arg("lora_alpha", Nullable(AnyValue()), None, display=True),
)


@register("Dense", family="core")
class Dense(LayerKind):
    """A fully connected layer on the last axis of an input of any rank >= 2."""

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``kernel`` ``(in, units)``, ``bias`` ``(units,)``"

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    min_ndim = 2
    ARGS = (
        Arg("units", POS_INT, REQUIRED, "size of the last axis of the output"),
        Arg("activation", ACTIVATION, None, display=True),
        Arg("use_bias", BOOL, True),
        *weight_args("kernel", "bias"),
        *LORA_ARGS,
        Arg("quantization_config", display=True),
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return (*inputs[0][:-1], cfg["units"])

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        d_in = known_dim(inputs[0], -1, "last dimension")
        units = cfg["units"]
        w = lora_weights((d_in, units), units, cfg["lora_rank"])
        q = quantization(cfg.get("dtype"))
        if q is not None:  # a quantized policy: Keras's quantized variables (catalog/quantize.py)
            bias = WeightSpec("bias", (units,)) if cfg["use_bias"] else None
            return kernel_weights(q, (d_in, units), d_in, (units,), bias, w[1:])
        if cfg["use_bias"]:
            w.insert(1, WeightSpec("bias", (cfg["units"],)))  # Keras adds LoRA after build
        return w

    def build_axes(self, cfg: Config, inputs: list[Shape]) -> dict[int, int]:
        d = inputs[0][-1]
        return {-1: d} if d is not None else {}


@register("Embedding", family="core")
class Embedding(LayerKind):
    """A lookup table ``(input_dim, output_dim)``: any input shape gets ``+ (output_dim,)``.

    ``lora_rank`` freezes the table and adds ``(input_dim, r)`` and
    ``(r, output_dim)`` factors, kept in float32 whatever the layer's dtype.
    """

    #: the weights it creates, for the catalog reference (docs/layers.md)
    weights_doc = "``embeddings`` ``(input_dim, output_dim)``"

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = True
    trainable_lost_on_load = False

    ARGS = (
        Arg("input_dim", POS_INT, REQUIRED, "vocabulary size: the largest index + 1"),
        Arg("output_dim", POS_INT, REQUIRED, "size of each embedding vector"),
        *weight_args("embeddings"),
        Arg("mask_zero", BOOL, False, display=True),
        Arg("weights", display=True),
        Arg(
            "input_length",
            AnyValue(),
            None,
            "deprecated: Keras 3 ignores it (with a warning)",
            ignored='is a Keras 2 argument that Keras 3 ignores ("Argument `input_length` is '
            "deprecated. Just remove it.\"); the input's shape gives the sequence length",
        ),
        *LORA_ARGS,
        Arg("quantization_config", display=True),
    )

    def validate(self, cfg: Config) -> None:
        cfg["input_length"] = None  # accepted and ignored by Keras 3 (not serialised)
        if cfg["lora_rank"] and cfg["embeddings_constraint"] is not None:
            raise ArgError(
                "lora_rank cannot be combined with embeddings_constraint (Keras refuses LoRA on a "
                "constrained embedding); remove one of them",
                "lora_rank",
            )

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """``mask_zero``: Keras computes the mask as ``ops.not_equal(inputs, 0)``."""
        return [ops.op("NotEqual", (inputs[0],)) if cfg.get("mask_zero") else None]

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return (*inputs[0], cfg["output_dim"])

    def weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        table = (cfg["input_dim"], cfg["output_dim"])
        q = quantization(cfg.get("dtype"))
        if q is not None:
            return embedding_weights(q, *table, tied=True)
        rank = cfg["lora_rank"]
        if not rank:
            return [WeightSpec("embeddings", table)]
        return [
            WeightSpec("embeddings", table, trainable=False),
            WeightSpec("lora_embeddings_a", (cfg["input_dim"], rank), dtype="float32"),
            WeightSpec("lora_embeddings_b", (rank, cfg["output_dim"]), dtype="float32"),
        ]


@register("Masking", family="core")
class Masking(LayerKind):
    """Marks timesteps equal to ``mask_value`` as masked; shapes unchanged, no weights."""

    supports_masking = True
    takes_mask = False
    inference_identity = False
    data_movement = False
    trainable_lost_on_load = False

    ARGS = (
        Arg("mask_value", Float(), 0.0, "the value that marks a masked timestep", display=True),
    )

    def compute_mask(
        self, cfg: Config, inputs: Sequence[Any], masks: Sequence[Any], ops: MaskOps
    ) -> list[Any]:
        """``ops.any(ops.not_equal(inputs, mask_value), axis=-1)``."""
        return [ops.op("Any", (ops.op("NotEqual", (inputs[0],)),), (("axis", -1),))]
