"""keras_hub's classic transformer blocks: TransformerEncoder/Decoder and the encoder-style
blocks of DeBERTa-v3, FNet, ViT, Falcon, GPT-NeoX and Bloom.

Their attention is multi-head (every head has its own keys and values), with
biases, LayerNormalization and a two-layer feed-forward network; they differ
in names, where the norms sit, and the output projection's layout. Inner
layers and shapes are keras_hub 0.32's, checked against its backbones
(tests/golden/keras/hub/).
"""

from __future__ import annotations

from dataclasses import replace

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, Arg, Float
from archcalc.catalog.base import Config, register
from archcalc.catalog.hub_base import Attention, HubBlock, Op, Sublayer, head_size
from archcalc.catalog.hub_parts import (
    DROPOUT,
    SOFTMAX,
    FeedForward,
    Projections,
    feedforward,
    norm,
    projections,
    zero,
)
from archcalc.catalog.keras_objects import KERAS_OBJECT
from archcalc.shapes import Shape

EPS5 = Arg("layer_norm_epsilon", Float(min=0), 1e-5, display=True)
DROPOUT_ARG = Arg("dropout", Float(min=0, max=1), 0, display=True)
INIT = (
    Arg("kernel_initializer", KERAS_OBJECT, "glorot_uniform", display=True),
    Arg("bias_initializer", KERAS_OBJECT, "zeros", display=True),
)
MHA = Projections(qkv_bias=True, output_bias=True, mha=True)
TWO_LAYER = FeedForward(
    ("feedforward_intermediate_dense", None, "feedforward_output_dense"), bias=True
)


def attention_layer(
    name: str, type_name: str, x: Shape, parts: list[Sublayer], geometry: Attention, **extra: object
) -> Sublayer:
    """An attention sublayer holding its projections (and softmax, dropout, rotary...)."""
    return Sublayer(name, type_name, x, children=tuple(parts), attention=geometry, **extra)  # type: ignore[arg-type]


def scores_shape(x: Shape, heads: int) -> Shape:
    return (x[0], heads, x[1], x[1])


class Encoder(HubBlock):
    """TransformerEncoder: multi-head self-attention and a two-layer feed-forward network,
    each with a residual and a LayerNormalization (after, or before with ``normalize_first``)."""

    weights_doc = (
        "``self_attention_layer`` (query/key/value/attention_output kernels and biases), two "
        "LayerNormalizations, ``feedforward_intermediate_dense``, ``feedforward_output_dense``"
    )
    CALL_TENSORS = ("inputs", "padding_mask")
    SEQUENCE = "inputs"
    CAUSAL = False
    ATTENTION = ("self_attention_layer", "MultiHeadAttention")

    ARGS = (
        Arg("intermediate_dim", POS_INT, REQUIRED, "width of the feed-forward network"),
        Arg("num_heads", POS_INT, REQUIRED, "attention heads (head size: hidden // num_heads)"),
        DROPOUT_ARG,
        Arg("activation", ACTIVATION, "relu", "the feed-forward activation"),
        EPS5,
        *INIT,
        Arg("normalize_first", BOOL, False, "pre-norm (norms before attention and feed-forward)"),
    )

    def geometry(self, cfg: Config, hidden: int) -> Attention:
        hd = head_size(hidden, cfg["num_heads"])
        n = cfg["num_heads"]
        return Attention(n, n, hd, hd, causal=self.CAUSAL, cached=self.CAUSAL)

    def mha(self, cfg: Config, x: Shape, masked: bool) -> Sublayer:
        g = self.geometry(cfg, x[-1])  # type: ignore[arg-type]
        name, type_name = self.ATTENTION
        p = projections(MHA, cfg, f"{name}/", x, g.query_heads, g.kv_heads, g.head_dim)
        probs = scores_shape(x, g.query_heads) if masked else None
        parts = [p["query"], p["key"], p["value"], zero("softmax", SOFTMAX, probs)]
        parts += [zero("dropout", DROPOUT, probs), p["output"]]
        return attention_layer(name, type_name, x, parts, g)

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        f = feedforward(_activated(cfg), cfg, "", x, cfg["intermediate_dim"])
        norms = {n: norm(cfg, n, "LayerNormalization", x, "layer") for n in self.NORMS}
        attn = self.mha(cfg, x, len(inputs) > 1)
        return self.order(attn, norms, f, x)

    NORMS = ("self_attention_layer_norm", "feedforward_layer_norm")

    def order(
        self, attn: Sublayer, norms: dict[str, Sublayer], f: dict[str, Sublayer], x: Shape
    ) -> tuple[Sublayer, ...]:
        return (
            attn,
            norms["self_attention_layer_norm"],
            zero("self_attention_dropout", DROPOUT, x),
            norms["feedforward_layer_norm"],
            f["up"],
            f["down"],
            zero("feedforward_dropout", DROPOUT, x),
        )


def _activated(cfg: Config) -> FeedForward:
    act = cfg.get("activation") or "linear"
    if isinstance(act, dict):
        act = (act.get("config") or {}).get("name", "linear")
    return FeedForward(TWO_LAYER.names, bias=True, activation=str(act))


register("TransformerEncoder")(type("TransformerEncoder", (Encoder,), {"__module__": __name__}))


@register("TransformerDecoder")
class TransformerDecoder(Encoder):
    """TransformerDecoder without cross-attention (GPT-2, OPT): causal self-attention with a
    key/value cache in its causal LM, and a two-layer feed-forward network."""

    CALL_TENSORS = ("decoder_sequence", "decoder_padding_mask")
    SEQUENCE = "decoder_sequence"
    CAUSAL = True
    ATTENTION = ("self_attention", "CachedMultiHeadAttention")

    def order(
        self, attn: Sublayer, norms: dict[str, Sublayer], f: dict[str, Sublayer], x: Shape
    ) -> tuple[Sublayer, ...]:
        return (
            attn,
            norms["self_attention_layer_norm"],
            zero("self_attention_dropout", DROPOUT, x),
            f["up"],
            f["down"],
            norms["feedforward_layer_norm"],
            zero("feedforward_dropout", DROPOUT, x),
        )


@register("DisentangledAttentionEncoder")
class DisentangledAttentionEncoder(Encoder):
    """DeBERTa-v3's encoder block: disentangled self-attention over content and relative
    positions (the ``rel_embeddings`` input), then the feed-forward network."""

    CALL_TENSORS = ("inputs", "padding_mask", "rel_embeddings")
    ARGS = (
        *Encoder.ARGS[:2],
        Arg("max_position_embeddings", POS_INT, 512, display=True),
        Arg("bucket_size", POS_INT, 256, "relative distances per direction"),
        *Encoder.ARGS[2:-1],
    )

    def geometry(self, cfg: Config, hidden: int) -> Attention:
        g = super().geometry(cfg, hidden)
        return replace(g, relative_keys=2 * cfg["bucket_size"])

    def mha(self, cfg: Config, x: Shape, masked: bool) -> Sublayer:
        g = self.geometry(cfg, x[-1])  # type: ignore[arg-type]
        p = projections(
            Projections(qkv_bias=True, output_bias=True, output="einsum2d", mha=True),
            cfg,
            "self_attention_layer/",
            x,
            g.query_heads,
            g.kv_heads,
            g.head_dim,
        )
        probs = scores_shape(x, g.query_heads)
        rel = (x[0], 2 * cfg["bucket_size"], x[-1])
        parts = [
            # also called on the relative table (its work counted with the attention geometry)
            replace(p["query"], calls=2, token_calls=1),
            replace(p["key"], calls=2, token_calls=1),
            p["value"],
            zero("dropout", DROPOUT, rel),
            zero("attention_dropout", DROPOUT, probs),
            zero("attention_softmax", SOFTMAX, probs),
            p["output"],
        ]
        return attention_layer("self_attention_layer", "DisentangledSelfAttention", x, parts, g)


@register("FNetEncoder")
class FNetEncoder(HubBlock):
    """FNet's block: a 2-D Fourier transform mixes the tokens (no attention weights), then
    LayerNormalization and a two-layer feed-forward network."""

    weights_doc = "two LayerNormalizations, ``intermediate_dense``, ``output_dense``"
    supports_masking = False
    CALL_TENSORS = ("inputs",)
    SEQUENCE = "inputs"
    ARGS = (
        Arg("intermediate_dim", POS_INT, REQUIRED, "width of the feed-forward network"),
        DROPOUT_ARG,
        Arg("activation", ACTIVATION, "relu", "the feed-forward activation"),
        EPS5,
        *INIT,
    )

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        f = feedforward(
            FeedForward(
                ("intermediate_dense", None, "output_dense"),
                True,
                str(cfg["activation"] or "linear"),
            ),
            cfg,
            "",
            x,
            cfg["intermediate_dim"],
        )
        return (
            norm(cfg, "mixing_layer_norm", "LayerNormalization", x, "layer"),
            norm(cfg, "output_layer_norm", "LayerNormalization", x, "layer"),
            f["up"],
            f["down"],
            zero("output_dropout", DROPOUT, x),
        )

    def own_ops(self, cfg: Config, inputs: list[Shape]) -> tuple[Op, ...]:
        x = self.sequence(inputs)
        return (*super().own_ops(cfg, inputs), ("fourier", x[-1] or 0))
