"""keras_hub's embeddings, norms and poolers (keras_hub/src/layers/modeling, models/*).

- PositionEmbedding: a learned ``(sequence_length, dim)`` table added to a
  sequence; the output has the input's shape. keras_hub slices the table to
  the sequence, so a longer sequence fails (archcalc says so at once).
- TokenAndPositionEmbedding: a ReversibleEmbedding and a PositionEmbedding,
  summed (DistilBERT, RoBERTa, OPT).
- RotaryEmbedding: rotates query and key features by position; no weights.
- The families' RMS norms (LlamaLayerNorm, MistralLayerNormalization,
  QwenLayerNorm, Phi3LayerNorm...): one ``scale`` over the last axis
  (T5LayerNorm calls it ``weight``).
- RelativeEmbedding (DeBERTa-v3), ViTPatchingAndEmbedding, Gemma3MeanPooling.
"""

from __future__ import annotations

import math

from archcalc.catalog.args import (
    BOOL,
    POS_INT,
    REQUIRED,
    AnyValue,
    Arg,
    Choice,
    Float,
    Int,
    IntTuple,
    Nullable,
)
from archcalc.catalog.base import Config, WeightSpec, register
from archcalc.catalog.dtypes import quantization, variable_dtype
from archcalc.catalog.hub_base import HubLayer, HubWeights, Sublayer, policy
from archcalc.catalog.hub_parts import _weights, norm, zero
from archcalc.catalog.keras_objects import KERAS_OBJECT
from archcalc.shapes import Shape, ShapeError, format_shape

EPS = Arg("epsilon", Float(min=0), 1e-6, display=True)


@register("PositionEmbedding")
class PositionEmbedding(HubWeights):
    """A learned position table ``(sequence_length, dim)`` added to the input's positions."""

    weights_doc = "``embeddings`` ``(sequence_length, dim)``"
    supports_masking = True
    min_ndim = 2

    ARGS = (
        Arg("sequence_length", POS_INT, REQUIRED, "the longest sequence the table covers"),
        Arg("initializer", KERAS_OBJECT, "glorot_uniform", display=True),
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        check_length(inputs[0][-2], cfg["sequence_length"], "sequence_length")
        return inputs[0]

    def own_weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        dim = inputs[0][-1]
        if dim is None:
            raise ShapeError(f"the feature size of {format_shape(inputs[0])} is unknown (None)")
        return [WeightSpec("embeddings", (cfg["sequence_length"], dim))]


def check_length(length: int | None, limit: int, what: str) -> None:
    if length is not None and length > limit:
        raise ShapeError(
            f"a sequence of {length:,} positions is longer than the {limit:,} its position "
            f"table holds ({what}); keras_hub fails on it at run time"
        )


@register("TokenAndPositionEmbedding")
class TokenAndPositionEmbedding(HubWeights):
    """Token embedding + learned position embedding, summed: ``(..., length)`` -> ``(..., length, dim)``."""

    weights_doc = (
        "``token_embedding/embeddings`` ``(vocabulary_size, dim)``, "
        "``position_embedding/embeddings`` ``(sequence_length, dim)``"
    )
    supports_masking = True

    ARGS = (
        Arg("vocabulary_size", POS_INT, REQUIRED, "number of token ids"),
        Arg("sequence_length", POS_INT, REQUIRED, "the longest sequence"),
        Arg("embedding_dim", POS_INT, REQUIRED, "size of each embedding"),
        Arg("tie_weights", BOOL, True, "the token embedding's reverse uses its table"),
        Arg("embeddings_initializer", KERAS_OBJECT, "uniform", display=True),
        Arg("mask_zero", BOOL, False, display=True),
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        check_length(inputs[0][-1], cfg["sequence_length"], "sequence_length")
        return (*inputs[0], cfg["embedding_dim"])

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        out = self.output_shape(cfg, inputs)
        dtype = policy(cfg, "token_embedding")
        q = quantization(dtype)
        if q is not None and q.mode == "float8":  # model.quantize("float8") skips embeddings
            dtype = q.source
        table = {
            "input_dim": cfg["vocabulary_size"],
            "output_dim": cfg["embedding_dim"],
            "tie_weights": cfg["tie_weights"],
            "dtype": dtype,
        }
        tokens = Sublayer(
            "token_embedding",
            "ReversibleEmbedding",
            out,
            weights=_weights("ReversibleEmbedding", table, inputs[0]),
        )
        dt = variable_dtype(dtype)
        positions = Sublayer(
            "position_embedding",
            "PositionEmbedding",
            out,
            weights=(
                WeightSpec("embeddings", (cfg["sequence_length"], cfg["embedding_dim"]), True, dt),
            ),
        )
        return tokens, positions

    def own_ops(self, cfg: Config, inputs: list[Shape]) -> tuple[tuple[str, int], ...]:
        return (("add", cfg["embedding_dim"]),)


@register("RotaryEmbedding")
class RotaryEmbedding(HubLayer):
    """Rotary position embedding (RoPE) of query or key features; shape unchanged, no weights."""

    supports_masking = False

    ARGS = (
        Arg("max_wavelength", Float(min=0, min_open=True), 10000, display=True),
        Arg("scaling_factor", Float(min=0, min_open=True), 1.0, display=True),
        Arg("rope_type", Choice(("linear", "dynamic", "yarn")), "linear", display=True),
        Arg("beta_fast", Float(), 32.0, display=True),
        Arg("beta_slow", Float(), 1.0, display=True),
        Arg("original_max_position_embeddings", POS_INT, 4096, display=True),
        Arg("truncate", BOOL, True, display=True),
        Arg("sequence_axis", Int(), 1, "the position axis"),
        Arg("feature_axis", Int(), -1, "the rotated feature axis"),
        Arg("denominator_dim", Nullable(POS_INT), None, display=True),
    )

    def own_ops(self, cfg: Config, inputs: list[Shape]) -> tuple[tuple[str, int], ...]:
        shape = inputs[0]
        return (("rotary", math.prod(d or 0 for d in shape[2:])),) if len(shape) > 2 else ()


class RMSNorm(HubWeights):
    """A family's RMS norm: one ``scale`` over the last axis (x / rms(x) * scale)."""

    weights_doc = "``scale`` ``(dim,)``"
    STYLE = "rms"
    ARGS = (EPS,)

    def own_weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        return list(self.part(cfg, inputs[0], "").weights)

    def part(self, cfg: Config, x: Shape, path: str) -> Sublayer:
        if x[-1] is None:
            raise ShapeError(f"the feature size of {format_shape(x)} is unknown (None)")
        return norm(cfg, path or self.name, self.name, x, self.STYLE)

    def own_ops(self, cfg: Config, inputs: list[Shape]) -> tuple[tuple[str, int], ...]:
        return (("rms_norm", inputs[0][-1] or 0),)


for _name in (
    "LlamaLayerNorm",
    "MistralLayerNormalization",
    "MixtralLayerNormalization",
    "QwenLayerNorm",
    "QwenMoeLayerNorm",
    "Phi3LayerNorm",
    "GptOssLayerNormalization",
):
    register(_name)(type(_name, (RMSNorm,), {"__module__": __name__}))


@register("Qwen3LayerNorm")
class Qwen3LayerNorm(RMSNorm):
    """Qwen 3's RMS norm (also on query and key heads: ``head_dim``); ``scale`` over the last axis."""

    ARGS = (Arg("head_dim", Nullable(POS_INT), None, display=True), EPS)


register("Qwen3MoeLayerNorm")(
    type("Qwen3MoeLayerNorm", (Qwen3LayerNorm,), {"__module__": __name__})
)


@register("T5LayerNorm")
class T5LayerNorm(RMSNorm):
    """T5's RMS norm: one ``weight`` over the last axis."""

    weights_doc = "``weight`` ``(dim,)``"
    STYLE = "t5"


@register("RelativeEmbedding")
class RelativeEmbedding(HubWeights):
    """DeBERTa-v3's relative position table, layer-normalised: ``(batch, 2 * bucket_size, hidden)``."""

    weights_doc = "``rel_embedding`` ``(2 * bucket_size, hidden_dim)``, a LayerNormalization"

    ARGS = (
        Arg("hidden_dim", POS_INT, REQUIRED, "width of the table"),
        Arg("bucket_size", POS_INT, REQUIRED, "relative distances per direction"),
        Arg("layer_norm_epsilon", Float(min=0), 1e-5, display=True),
        Arg("kernel_initializer", KERAS_OBJECT, "glorot_uniform", display=True),
    )

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return (inputs[0][0], 2 * cfg["bucket_size"], cfg["hidden_dim"])

    def own_weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        table = (2 * cfg["bucket_size"], cfg["hidden_dim"])
        return [WeightSpec("rel_embedding", table, True, variable_dtype(cfg.get("dtype")))]

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        shape = (1, 2 * cfg["bucket_size"], cfg["hidden_dim"])
        return (norm(cfg, "rel_embeddings_layer_norm", "LayerNormalization", shape, "layer"),)


@register("ViTPatchingAndEmbedding")
class ViTPatchingAndEmbedding(HubWeights):
    """ViT's patches: a strided Conv2D, a class token, a learned position per patch."""

    weights_doc = (
        "``class_token`` ``(1, 1, hidden_dim)``, ``patch_embedding`` Conv2D ``(p, p, C, "
        "hidden_dim)`` (+ bias), ``position_embedding`` ``(patches [+ 1], hidden_dim)``"
    )
    ndim = 4

    ARGS = (
        Arg("image_size", IntTuple(2), REQUIRED, "(height, width)"),
        Arg("patch_size", IntTuple(2), REQUIRED, "(height, width) of a patch"),
        Arg("hidden_dim", POS_INT, REQUIRED, "width of each patch embedding"),
        Arg("num_channels", POS_INT, 3),
        Arg("use_class_token", BOOL, True, "prepend a learned class token"),
        Arg("use_patch_bias", BOOL, True, "the patch convolution has a bias"),
        Arg("data_format", Nullable(AnyValue()), None, display=True),
    )

    def positions(self, cfg: Config) -> int:
        (h, w), (ph, pw) = cfg["image_size"], cfg["patch_size"]
        return (h // ph) * (w // pw) + (1 if cfg["use_class_token"] else 0)

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return (inputs[0][0], self.positions(cfg), cfg["hidden_dim"])

    def own_weights(self, cfg: Config, inputs: list[Shape]) -> list[WeightSpec]:
        if not cfg["use_class_token"]:
            return []
        return [
            WeightSpec(
                "class_token", (1, 1, cfg["hidden_dim"]), True, variable_dtype(cfg.get("dtype"))
            )
        ]

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        dtype = cfg.get("dtype")
        conv = {
            "filters": cfg["hidden_dim"],
            "kernel_size": list(cfg["patch_size"]),
            "strides": list(cfg["patch_size"]),
            "use_bias": cfg["use_patch_bias"],
            "dtype": dtype,
        }
        (h, w), (ph, pw) = cfg["image_size"], cfg["patch_size"]
        grid = (inputs[0][0], h // ph, w // pw, cfg["hidden_dim"])
        n = self.positions(cfg)
        table = {"input_dim": n, "output_dim": cfg["hidden_dim"], "dtype": dtype}
        return (
            Sublayer(
                "patch_embedding", "Conv2D", grid, weights=_weights("Conv2D", conv, inputs[0])
            ),
            Sublayer(
                "position_embedding",
                "Embedding",
                (1, n, cfg["hidden_dim"]),
                weights=_weights("Embedding", table, (1, n)),
            ),
        )


@register("Gemma3MeanPooling")
class Gemma3MeanPooling(HubLayer):
    """The mean of a sequence over its unmasked positions: ``(batch, length, dim)`` -> ``(batch,
    dim)``; ``inputs: [x, padding_mask]``."""

    supports_masking = True
    max_inputs = 2
    min_ndim = 2

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return (inputs[0][0], inputs[0][-1])

    def own_ops(self, cfg: Config, inputs: list[Shape]) -> tuple[tuple[str, int], ...]:
        return (("add", inputs[0][-1] or 0),)


__all__ = ["zero"]
