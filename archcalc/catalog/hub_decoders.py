"""keras_hub's Llama-style decoder blocks: Llama (2, 3), Mistral, Qwen (2, 2.5), Qwen 3, Phi-3.

One pre-norm block shape for all of them: RMS norm, grouped-query
self-attention with rotary embeddings (kernels ``(hidden, heads, head_dim)``,
output ``(heads, head_dim, hidden)``), a residual, RMS norm, a gated SiLU
feed-forward network (``feedforward_intermediate_dense`` x silu(
``feedforward_gate_dense``) -> ``feedforward_output_dense``), a residual.
The families differ in names, biases (Qwen's query/key/value), a per-head
RMS norm on queries and keys (Qwen 3), an explicit ``head_dim`` (Mistral,
Qwen 3; otherwise hidden // query heads) and a sliding window. The MoE
variants subclass these with another feed-forward part (hub_moe.py).
"""

from __future__ import annotations

from typing import ClassVar

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, AnyValue, Arg, Float, Nullable
from archcalc.catalog.base import Config, register
from archcalc.catalog.hub_base import Attention, HubBlock, Sublayer, head_size
from archcalc.catalog.hub_parts import (
    DROPOUT,
    SOFTMAX,
    FeedForward,
    Projections,
    feedforward,
    norm,
    projections,
    rotary,
    zero,
)
from archcalc.catalog.keras_objects import KERAS_OBJECT
from archcalc.shapes import Shape

GATED = FeedForward()
HEADS = (
    Arg("intermediate_dim", POS_INT, REQUIRED, "width of the feed-forward network"),
    Arg("num_query_heads", POS_INT, REQUIRED, "query heads"),
    Arg("num_key_value_heads", POS_INT, REQUIRED, "key/value heads (grouped-query attention)"),
)
ROPE = (
    Arg("rope_max_wavelength", Float(min=0, min_open=True), 10000, display=True),
    Arg("rope_scaling_factor", Float(min=0, min_open=True), 1.0, display=True),
)
TAIL = (
    Arg("activation", ACTIVATION, "silu", "the feed-forward gate's activation"),
    Arg("layer_norm_epsilon", Float(min=0), 1e-5, display=True),
    Arg("kernel_initializer", KERAS_OBJECT, "glorot_uniform", display=True),
    Arg("dropout", Float(min=0, max=1), 0, display=True),
)


class RopeDecoder(HubBlock):
    """The Llama-style pre-norm decoder block (see the module's docstring)."""

    weights_doc = (
        "``self_attention`` (query ``(hidden, heads, head_dim)``, key, value, attention_output), "
        "two RMS norms, ``feedforward_intermediate_dense``, ``feedforward_gate_dense``, "
        "``feedforward_output_dense``"
    )
    ATTENTION: ClassVar[tuple[str, str]] = ("self_attention", "LlamaAttention")
    NORM: ClassVar[str] = "LlamaLayerNorm"
    ROTARY: ClassVar[tuple[str, str]] = ("rotary_embedding", "RotaryEmbedding")
    QKV_BIAS: ClassVar[bool] = False
    #: the per-head norm on queries and keys (Qwen 3), by class
    QK_NORM: ClassVar[str | None] = None
    #: whether keras_hub calls its softmax layer (others use a fused dot-product attention)
    SOFTMAX_CALLED: ClassVar[bool] = False
    ARGS = (*HEADS, *ROPE, *TAIL)

    def head_dim(self, cfg: Config, hidden: int) -> int:
        return cfg.get("head_dim") or head_size(hidden, cfg["num_query_heads"])

    def window(self, cfg: Config) -> int | None:
        return None

    def geometry(self, cfg: Config, hidden: int) -> Attention:
        hd = self.head_dim(cfg, hidden)
        q, kv = cfg["num_query_heads"], cfg["num_key_value_heads"]
        return Attention(q, kv, hd, hd, causal=True, window=self.window(cfg), cached=True)

    def attention_parts(self, cfg: Config, x: Shape, g: Attention) -> list[Sublayer]:
        name = self.ATTENTION[0]
        p = projections(
            Projections(qkv_bias=self.QKV_BIAS),
            cfg,
            f"{name}/",
            x,
            g.query_heads,
            g.kv_heads,
            g.head_dim,
        )
        heads_shape = (*x[:-1], g.query_heads, g.head_dim)
        parts = [p["query"]]
        if self.QK_NORM:
            parts.append(
                norm(cfg, f"{name}/query_dense_layernorm", self.QK_NORM, p["query"].output_shape)
            )  # type: ignore[arg-type]
        parts.append(p["key"])
        if self.QK_NORM:
            parts.append(
                norm(cfg, f"{name}/key_dense_layernorm", self.QK_NORM, p["key"].output_shape)
            )  # type: ignore[arg-type]
        probs = (x[0], g.query_heads, x[1], x[1]) if self.SOFTMAX_CALLED else None
        parts += [
            p["value"],
            zero("attention_softmax", SOFTMAX, probs),
            zero("dropout", DROPOUT, heads_shape),
        ]
        parts += [p["output"], self.rotary(cfg, heads_shape, g)]
        return parts

    def rotary(self, cfg: Config, heads_shape: Shape, g: Attention) -> Sublayer:
        name, type_name = self.ROTARY
        return rotary(name, type_name, heads_shape, g.kv_heads, g.head_dim)

    def attention_layer(self, cfg: Config, x: Shape) -> Sublayer:
        g = self.geometry(cfg, x[-1])  # type: ignore[arg-type]
        return Sublayer(
            self.ATTENTION[0],
            self.ATTENTION[1],
            x,
            children=tuple(self.attention_parts(cfg, x, g)),
            attention=g,
        )

    def ffn(self, cfg: Config, x: Shape) -> list[Sublayer]:
        f = feedforward(GATED, cfg, "", x, cfg["intermediate_dim"])
        return [f["up"], f["gate"], f["down"]]

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        return (
            self.attention_layer(cfg, x),
            norm(cfg, "self_attention_layernorm", self.NORM, x),
            zero("self_attention_dropout", DROPOUT, x),
            *self.ffn(cfg, x),
            norm(cfg, "feedforward_layernorm", self.NORM, x),
        )


@register("LlamaTransformerDecoder")
class LlamaTransformerDecoder(RopeDecoder):
    """Llama 2 / Llama 3's block: head_dim = hidden // query heads, no biases."""

    ROTARY = ("llama_rotary_embedding", "LlamaRotaryEmbedding")
    ARGS = (
        *HEADS,
        Arg("rope_max_wavelength", Float(min=0, min_open=True), 10000, display=True),
        Arg("rope_position_scaling_factor", Float(min=0, min_open=True), 1.0, display=True),
        Arg("rope_frequency_adjustment_factor", Nullable(Float()), None, display=True),
        Arg("rope_low_freq_factor", Nullable(Float()), None, display=True),
        Arg("rope_high_freq_factor", Nullable(Float()), None, display=True),
        Arg("rope_pretraining_sequence_length", Nullable(POS_INT), None, display=True),
        *TAIL,
    )


@register("MistralTransformerDecoder")
class MistralTransformerDecoder(RopeDecoder):
    """Mistral's block: ``head_dim`` may differ from hidden // query heads; attention sees the
    last ``sliding_window`` positions."""

    ATTENTION = ("self_attention", "CachedMistralAttention")
    NORM = "MistralLayerNormalization"
    ARGS = (
        *HEADS,
        *ROPE,
        *TAIL[:3],
        Arg("sliding_window", Nullable(POS_INT), 512, "keys each query sees"),
        TAIL[3],
        Arg("head_dim", Nullable(POS_INT), None, "width of a head (default hidden // query heads)"),
    )

    def window(self, cfg: Config) -> int | None:
        return cfg["sliding_window"]


@register("QwenTransformerDecoder")
class QwenTransformerDecoder(RopeDecoder):
    """Qwen 2 / 2.5's block: query, key and value have biases; an optional sliding window."""

    ATTENTION = ("self_attention", "QwenAttention")
    NORM = "QwenLayerNorm"
    QKV_BIAS = True
    ARGS = (
        *HEADS,
        *ROPE,
        *TAIL,
        Arg(
            "use_sliding_window_attention",
            BOOL,
            False,
            "attend to the last sliding_window_size keys",
        ),
        Arg("sliding_window_size", POS_INT, 4096, "keys each query sees, when on"),
    )

    def window(self, cfg: Config) -> int | None:
        return cfg["sliding_window_size"] if cfg["use_sliding_window_attention"] else None


@register("Qwen3TransformerDecoder")
class Qwen3TransformerDecoder(RopeDecoder):
    """Qwen 3's block: an explicit ``head_dim``, an RMS norm on each query and key head, no
    biases; attention sees the last ``sliding_window_size`` keys when it is set."""

    ATTENTION = ("self_attention", "Qwen3Attention")
    NORM = "Qwen3LayerNorm"
    QK_NORM = "Qwen3LayerNorm"
    ARGS = (
        *HEADS,
        Arg("head_dim", POS_INT, REQUIRED, "width of a head"),
        *ROPE,
        *TAIL,
        Arg("sliding_window_size", Nullable(POS_INT), None, "keys each query sees (null: all)"),
    )

    def window(self, cfg: Config) -> int | None:
        return cfg["sliding_window_size"]


@register("Phi3Decoder")
class Phi3Decoder(RopeDecoder):
    """Phi-3's block (names ``pre_attention_layernorm``, ``attention``...; ``su`` rope scaling)."""

    ATTENTION = ("attention", "Phi3Attention")
    NORM = "Phi3LayerNorm"
    ARGS = (
        Arg("hidden_dim", POS_INT, REQUIRED, "width of the sequence"),
        *HEADS,
        *TAIL,
        Arg("max_sequence_length", POS_INT, 4096, display=True),
        Arg("pretraining_sequence_length", POS_INT, 4096, display=True),
        Arg("rope_max_wavelength", Float(min=0, min_open=True), 10000, display=True),
        Arg("rope_scaling_type", Nullable(AnyValue()), None, display=True),
        Arg("rope_scaling_short_factor", Nullable(AnyValue()), None, display=True),
        Arg("rope_scaling_long_factor", Nullable(AnyValue()), None, display=True),
    )

    def rotary(self, cfg: Config, heads_shape: Shape, g: Attention) -> Sublayer:
        su = cfg["rope_scaling_type"] == "su"
        name, kind = (
            ("phi3_su_scaled_rotary_embedding", "Phi3SuScaledRotaryEmbedding")
            if su
            else self.ROTARY
        )
        return rotary(name, kind, heads_shape, g.kv_heads, g.head_dim)

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        return (
            norm(cfg, "pre_attention_layernorm", self.NORM, x),
            self.attention_layer(cfg, x),
            norm(cfg, "post_attention_layernorm", self.NORM, x),
            *self.ffn(cfg, x),
            zero("attention_dropout", DROPOUT, x),
            zero("feedforward_dropout", DROPOUT, x),
        )
