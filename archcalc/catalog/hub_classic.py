"""keras_hub's multi-head decoder blocks (Falcon, GPT-NeoX, Bloom) and ViT's encoder.

Multi-head attention with biases and LayerNormalization, like the classic
TransformerEncoder, but each family names and lays out its own parts:
Falcon and Bloom end their attention in a Dense, GPT-NeoX fuses query, key
and value into one kernel and rotates part of each head; ViTEncoder holds
all its blocks (``transformer_block_1`` ... ``_L``, numbered from 1) and
the final norm in one row. Shapes as keras_hub 0.32 builds them
(tests/golden/keras/hub/).
"""

from __future__ import annotations

from archcalc.catalog.activation_names import ACTIVATION
from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, Arg, Float
from archcalc.catalog.base import Config, register
from archcalc.catalog.hub_base import (
    Attention,
    HubBlock,
    HubWeights,
    Sublayer,
    check_repeats,
    head_size,
    residuals,
)
from archcalc.catalog.hub_encoders import (
    DROPOUT_ARG,
    EPS5,
    INIT,
    MHA,
    attention_layer,
    scores_shape,
)
from archcalc.catalog.hub_parts import (
    DROPOUT,
    SOFTMAX,
    FeedForward,
    Projections,
    einsum,
    feedforward,
    norm,
    projections,
    rotary,
    zero,
)
from archcalc.shapes import Shape

DENSE_OUT = Projections(
    names=("query_dense", "key_dense", "value_dense", "output_dense"),
    qkv_bias=True,
    output_bias=True,
    output="dense",
)


class MultiHeadDecoder(HubBlock):
    """A causal multi-head decoder block: residual adds, a key/value cache in its causal LM."""

    supports_masking = False


@register("FalconTransformerDecoder")
class FalconTransformerDecoder(MultiHeadDecoder):
    """Falcon's decoder block (sequential attention and MLP, multi-head, biases). Keras records
    its call's tensors as keywords, sorted: ``inputs: [padding_mask, x]``."""

    weights_doc = (
        "LayerNormalizations ``input_layernorm``, ``post_attention_layernorm``; ``attention`` "
        "(query/key/value_dense kernels and biases, ``output_dense``); ``dense_h_to_4h``, "
        "``dense_4h_to_h``"
    )
    CALL_TENSORS = ("decoder_padding_mask", "inputs")
    SEQUENCE = "inputs"
    ARGS = (
        Arg("num_attention_heads", POS_INT, REQUIRED, "attention heads"),
        Arg("intermediate_dim", POS_INT, REQUIRED, "width of the feed-forward network"),
        EPS5,
        Arg("attention_dropout_rate", Float(min=0, max=1), 0, display=True),
        Arg("feedforward_dropout_rate", Float(min=0, max=1), 0, display=True),
    )

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        n = cfg["num_attention_heads"]
        hd = head_size(x[-1], n)  # type: ignore[arg-type]
        p = projections(DENSE_OUT, cfg, "attention/", x, n, n, hd)
        probs = scores_shape(x, n)
        parts = [p["query"], p["key"], p["value"], zero("attention_dropout", DROPOUT, probs)]
        parts += [p["output"], zero("softmax", SOFTMAX, probs)]
        g = Attention(n, n, hd, hd, causal=True, cached=True)
        f = feedforward(
            FeedForward(("dense_h_to_4h", None, "dense_4h_to_h"), True, "gelu"),
            cfg,
            "",
            x,
            cfg["intermediate_dim"],
        )
        return (
            norm(cfg, "input_layernorm", "LayerNormalization", x, "layer"),
            attention_layer("attention", "FalconAttention", x, parts, g),
            zero("attention_dropout", DROPOUT, x),
            norm(cfg, "post_attention_layernorm", "LayerNormalization", x, "layer"),
            f["up"],
            f["down"],
            zero("feedforward_dropout", DROPOUT, x),
        )


@register("GPTNeoXDecoder")
class GPTNeoXDecoder(MultiHeadDecoder):
    """GPT-NeoX's block: one fused query/key/value kernel ``(hidden, heads, 3 x head)``,
    rotary embedding on ``rotary_percentage`` of each head, a two-layer feed-forward network."""

    weights_doc = (
        "``self_attention`` (``query_key_value`` kernel and bias, ``attention_output``), two "
        "LayerNormalizations, ``feedforward_intermediate_dense``, ``feedforward_output_dense``"
    )
    supports_masking = True
    ARGS = (
        Arg("intermediate_dim", POS_INT, REQUIRED, "width of the feed-forward network"),
        Arg("num_heads", POS_INT, REQUIRED, "attention heads"),
        Arg("dropout", Float(min=0, max=1), 0.0, display=True),
        Arg("activation", ACTIVATION, "relu", "the feed-forward activation"),
        EPS5,
        *INIT,
        Arg("rotary_percentage", Float(min=0, max=1), 0.25, "share of each head rotated"),
        Arg("rotary_max_wavelength", POS_INT, 10000, display=True),
        Arg("max_sequence_length", POS_INT, 512, display=True),
    )

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        hidden = x[-1]
        assert hidden is not None
        n = cfg["num_heads"]
        hd = head_size(hidden, n)
        rot = int(hd * cfg["rotary_percentage"])
        qkv = einsum(
            cfg, "self_attention/query_key_value", x, "abc,cde->abde", (None, n, 3 * hd), "de"
        )
        out = einsum(
            cfg,
            "self_attention/attention_output",
            (*x[:-1], hidden),
            "abc,cd->abd",
            (None, hidden),
            "d",
        )
        parts = [
            rotary("rotary_embedding", "RotaryEmbedding", (*x[:-1], n, rot), n, rot),
            qkv,
            zero("attention_dropout", DROPOUT, None),
            zero("attention_softmax", SOFTMAX, None),
            out,
        ]
        g = Attention(n, n, hd, hd, causal=True, cached=True)
        act = str(cfg["activation"] or "linear")
        f = feedforward(
            FeedForward(
                ("feedforward_intermediate_dense", None, "feedforward_output_dense"), True, act
            ),
            cfg,
            "",
            x,
            cfg["intermediate_dim"],
        )
        return (
            attention_layer("self_attention", "GPTNeoXAttention", x, parts, g),
            norm(cfg, "self_attention_layer_norm", "LayerNormalization", x, "layer"),
            zero("self_attention_dropout", DROPOUT, x),
            f["up"],
            f["down"],
            norm(cfg, "feedforward_layer_norm", "LayerNormalization", x, "layer"),
            zero("feedforward_dropout", DROPOUT, None),
        )


@register("BloomDecoder")
class BloomDecoder(MultiHeadDecoder):
    """Bloom's block: multi-head attention with ALiBi position biases (no weights), biases
    everywhere, a two-layer GELU feed-forward network."""

    weights_doc = (
        "LayerNormalizations ``pre_attention_layernorm``, ``post_attention_layernorm``; "
        "``self_attention`` (query/key/value_dense kernels and biases, ``output_dense``); "
        "``mlp_intermediate_dense``, ``mlp_output_dense``"
    )
    ARGS = (
        Arg("num_heads", POS_INT, REQUIRED, "attention heads"),
        Arg("intermediate_dim", POS_INT, REQUIRED, "width of the feed-forward network"),
        Arg("dropout", Float(min=0, max=1), 0.0, display=True),
        EPS5,
        *INIT,
    )

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        n = cfg["num_heads"]
        hd = head_size(x[-1], n)  # type: ignore[arg-type]
        p = projections(DENSE_OUT, cfg, "self_attention/", x, n, n, hd)
        probs = scores_shape(x, n)
        parts = [
            p["query"],
            p["key"],
            p["value"],
            Sublayer("alibi_bias", "AlibiBias", probs, ops=()),
        ]
        parts += [
            p["output"],
            zero("dropout", DROPOUT, probs, calls=2),
            zero("softmax", SOFTMAX, probs),
        ]
        g = Attention(n, n, hd, hd, causal=True, cached=True)
        f = feedforward(
            FeedForward(("mlp_intermediate_dense", None, "mlp_output_dense"), True, "gelu"),
            cfg,
            "",
            x,
            cfg["intermediate_dim"],
        )
        return (
            norm(cfg, "pre_attention_layernorm", "LayerNormalization", x, "layer"),
            attention_layer("self_attention", "BloomAttention", x, parts, g),
            norm(cfg, "post_attention_layernorm", "LayerNormalization", x, "layer"),
            f["up"],
            f["down"],
            zero("dropout", DROPOUT, x),
        )


@register("ViTEncoder")
class ViTEncoder(HubWeights):
    """ViT's whole encoder as one layer: ``num_layers`` pre-norm blocks (``transformer_block_1``
    ... numbered from 1: LayerNormalization, MultiHeadAttention, LayerNormalization, a GELU MLP)
    and a final LayerNormalization ``ln``."""

    weights_doc = "per block: ``ln_1``, ``mha`` (query/key/value/attention_output), ``ln_2``, ``mlp`` (``dense_1``, ``dense_2``); ``ln``"
    ndim = 3
    ARGS = (
        Arg("num_layers", POS_INT, REQUIRED, "number of encoder blocks"),
        Arg("num_heads", POS_INT, REQUIRED, "attention heads"),
        Arg("hidden_dim", POS_INT, REQUIRED, "width of the tokens"),
        Arg("mlp_dim", POS_INT, REQUIRED, "width of each block's MLP"),
        Arg("use_mha_bias", BOOL, True, "attention projections have biases"),
        Arg("use_mlp_bias", BOOL, True, "MLP layers have biases"),
        Arg("dropout_rate", Float(min=0, max=1), 0.0, display=True),
        Arg("attention_dropout", Float(min=0, max=1), 0.0, display=True),
        Arg("layer_norm_epsilon", Float(min=0), 1e-6, display=True),
    )

    def validate(self, cfg: Config) -> None:
        check_repeats(cfg["num_layers"], "num_layers")

    def output_shape(self, cfg: Config, inputs: list[Shape]) -> Shape:
        return (*inputs[0][:-1], cfg["hidden_dim"])

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.output_shape(cfg, inputs)
        n = cfg["num_heads"]
        hd = head_size(cfg["hidden_dim"], n)
        g = Attention(n, n, hd, hd, causal=False)
        mha = Projections(qkv_bias=cfg["use_mha_bias"], output_bias=cfg["use_mha_bias"], mha=True)
        ff = FeedForward(("dense_1", None, "dense_2"), cfg["use_mlp_bias"], "gelu")
        blocks = []
        for i in range(1, cfg["num_layers"] + 1):
            prefix = f"transformer_block_{i}/"
            p = projections(mha, cfg, f"{prefix}mha/", x, n, n, hd)
            suffix = "" if i == 1 else f"_{i - 1}"  # Keras's auto-names, counted per process
            attn = attention_layer(
                "mha",
                "MultiHeadAttention",
                x,
                [
                    p["query"],
                    p["key"],
                    p["value"],
                    zero(f"softmax{suffix}", SOFTMAX, None),
                    zero(f"dropout{suffix}", DROPOUT, None),
                    p["output"],
                ],
                g,
            )
            f = feedforward(ff, cfg, f"{prefix}mlp/", x, cfg["mlp_dim"])
            mlp = Sublayer(
                "mlp",
                "MLP",
                x,
                children=(
                    f["up"],
                    f["down"],
                    zero("dropout", DROPOUT, (*x[:-1], cfg["mlp_dim"]), calls=2),
                ),
            )
            parts = (
                norm(cfg, f"{prefix}ln_1", "LayerNormalization", x, "layer"),
                attn,
                zero("dropout", DROPOUT, x),
                norm(cfg, f"{prefix}ln_2", "LayerNormalization", x, "layer"),
                mlp,
            )
            blocks.append(
                Sublayer(
                    f"transformer_block_{i}",
                    "ViTEncoderBlock",
                    x,
                    children=parts,
                    ops=residuals(cfg["hidden_dim"]),
                )
            )
        return (
            *blocks,
            zero("dropout", DROPOUT, x),
            norm(cfg, "ln", "LayerNormalization", x, "layer"),
        )


__all__ = ["DROPOUT_ARG", "MHA"]
