"""keras_hub's Llama-style decoder backbones, layer by layer as their ``__init__`` builds them
(keras_hub 0.32): Llama, Llama 3, Mistral, Phi-3, Qwen (2, 2.5), Qwen 3.

All take ``token_ids`` and ``padding_mask`` and end in an RMS norm named
``sequence_output_layernorm``. ``tie_word_embeddings``: Llama/Llama 3 default
untied and their get_config never writes the flag (a tied model reloads
untied, docs/keras-hub.md); Qwen 2/3 default tied; Mistral and Phi-3 are
always untied.
"""

from __future__ import annotations

from archcalc.catalog.args import (
    BOOL,
    POS_INT,
    REQUIRED,
    AnyValue,
    Arg,
    Float,
    Nullable,
)
from archcalc.reader.hub.build import Config, Graph, backbone
from archcalc.reader.hub.decoders import (
    DROP0,
    EPS6,
    KV,
    SCALE,
    WAVE,
    H,
    I,
    L,
    Q,
    V,
    _final,
    _rope_blocks,
    _stack,
    _start,
)

LLAMA_ROPE = (
    Arg("rope_max_wavelength", Float(min=0, min_open=True), 10000),
    Arg("rope_position_scaling_factor", Float(min=0, min_open=True), 1.0),
    Arg("rope_frequency_adjustment_factor", Nullable(Float()), None),
    Arg("rope_low_freq_factor", Nullable(Float()), None),
    Arg("rope_high_freq_factor", Nullable(Float()), None),
    Arg("rope_pretraining_sequence_length", Nullable(POS_INT), None),
)
LLAMA_ARGS = (V, L, Q, H, I, KV, *LLAMA_ROPE, EPS6, DROP0, Arg("tie_word_embeddings", BOOL, False))


def llama(c: Config, g: Graph) -> None:
    x = _start(g, c, c["tie_word_embeddings"])
    args = _rope_blocks(c, *(a.name for a in LLAMA_ROPE), "layer_norm_epsilon", "dropout")
    x = _stack(g, c, x, "LlamaTransformerDecoder", **args)
    _final(g, x, "LlamaLayerNorm", epsilon=c["layer_norm_epsilon"])


backbone("LlamaBackbone", "llama_backbone", LLAMA_ARGS)(llama)
backbone("Llama3Backbone", "llama3_backbone", LLAMA_ARGS)(llama)


@backbone(
    "MistralBackbone",
    "mistral_backbone",
    (
        V,
        L,
        Q,
        H,
        I,
        KV,
        WAVE,
        SCALE,
        EPS6,
        Arg("sliding_window", Nullable(POS_INT), 512),
        Arg("head_dim", Nullable(POS_INT), None),
        DROP0,
    ),
)
def mistral(c: Config, g: Graph) -> None:
    x = _start(g, c, False)
    args = _rope_blocks(
        c,
        "rope_max_wavelength",
        "rope_scaling_factor",
        "layer_norm_epsilon",
        "sliding_window",
        "head_dim",
        "dropout",
    )
    x = _stack(g, c, x, "MistralTransformerDecoder", **args)
    _final(g, x, "MistralLayerNormalization", epsilon=c["layer_norm_epsilon"])


@backbone(
    "Phi3Backbone",
    "phi3_backbone",
    (
        V,
        L,
        H,
        I,
        Q,
        KV,
        EPS6,
        Arg("dropout", Float(min=0, max=1), 0.0),
        Arg("max_sequence_length", POS_INT, 4096),
        Arg("pretraining_sequence_length", POS_INT, 4096),
        WAVE,
        Arg("rope_scaling_type", Nullable(AnyValue()), None),
        Arg("rope_scaling_short_factor", Nullable(AnyValue()), None),
        Arg("rope_scaling_long_factor", Nullable(AnyValue()), None),
    ),
)
def phi3(c: Config, g: Graph) -> None:
    x = _start(g, c, False)
    names = (
        "hidden_dim",
        "rope_max_wavelength",
        "layer_norm_epsilon",
        "dropout",
        "max_sequence_length",
    )
    names += (
        "pretraining_sequence_length",
        "rope_scaling_type",
        "rope_scaling_short_factor",
        "rope_scaling_long_factor",
    )
    x = _stack(g, c, x, "Phi3Decoder", **_rope_blocks(c, *names))
    _final(g, x, "Phi3LayerNorm", epsilon=c["layer_norm_epsilon"])


QWEN_HEAD = (V, L, Q, KV)


@backbone(
    "QwenBackbone",
    "qwen_backbone",
    (
        *QWEN_HEAD,
        H,
        I,
        WAVE,
        SCALE,
        EPS6,
        DROP0,
        Arg("tie_word_embeddings", BOOL, True),
        Arg("use_sliding_window_attention", BOOL, False),
        Arg("sliding_window_size", POS_INT, 32768),
    ),
)
def qwen(c: Config, g: Graph) -> None:
    x = _start(g, c, c["tie_word_embeddings"])
    names = ("rope_max_wavelength", "rope_scaling_factor", "layer_norm_epsilon", "dropout")
    names += ("use_sliding_window_attention", "sliding_window_size")
    x = _stack(g, c, x, "QwenTransformerDecoder", **_rope_blocks(c, *names))
    _final(g, x, "QwenLayerNorm", epsilon=c["layer_norm_epsilon"])


@backbone(
    "Qwen3Backbone",
    "qwen3_backbone",
    (
        *QWEN_HEAD,
        Arg("head_dim", POS_INT, REQUIRED),
        H,
        I,
        WAVE,
        SCALE,
        EPS6,
        Arg("dropout", Float(min=0, max=1), 0.0),
        Arg("tie_word_embeddings", BOOL, True),
        Arg("sliding_window_size", Nullable(POS_INT), 32768),
    ),
)
def qwen3(c: Config, g: Graph) -> None:
    x = _start(g, c, c["tie_word_embeddings"])
    names = (
        "head_dim",
        "rope_max_wavelength",
        "rope_scaling_factor",
        "layer_norm_epsilon",
        "dropout",
        "sliding_window_size",
    )
    x = _stack(g, c, x, "Qwen3TransformerDecoder", **_rope_blocks(c, *names))
    _final(g, x, "Qwen3LayerNorm", epsilon=c["layer_norm_epsilon"])


@backbone(
    "SmolLM3Backbone",
    "smol_lm3_backbone",
    (
        V,
        H,
        I,
        L,
        Arg("num_attention_heads", POS_INT, REQUIRED),
        KV,
        Arg("attention_bias", BOOL, REQUIRED),
        Arg("attention_dropout", Float(min=0, max=1), REQUIRED),
        Arg("rope_layer_enabled_list", AnyValue(), REQUIRED),
        Arg("layer_types", AnyValue(), REQUIRED),
        Arg("mlp_bias", BOOL, REQUIRED),
        Arg("layer_norm_epsilon", Float(min=0), REQUIRED),
        Arg("max_position_embeddings", POS_INT, REQUIRED),
        Arg("rope_theta", Float(min=0, min_open=True), REQUIRED),
        Arg("partial_rotary_factor", Float(min=0, max=1), REQUIRED),
    ),
)
def smollm3(c: Config, g: Graph) -> None:
    """keras_hub builds SmolLM3's layers without the backbone's dtype: they keep the default."""
    g.dtype = None
    x = _start(g, c, True)
    for i in range(c["num_layers"]):
        x = g.layer(
            f"transformer_layer_{i}",
            "SmolLM3DecoderLayer",
            [x, "padding_mask"],
            hidden_size=c["hidden_dim"],
            num_attention_heads=c["num_attention_heads"],
            num_key_value_heads=c["num_key_value_heads"],
            attention_bias=c["attention_bias"],
            attention_dropout=c["attention_dropout"],
            rope_layer_enabled_list=list(c["rope_layer_enabled_list"]),
            layer_types=list(c["layer_types"]),
            layer_idx=i,
            intermediate_size=c["intermediate_dim"],
            mlp_bias=c["mlp_bias"],
            layer_norm_epsilon=c["layer_norm_epsilon"],
            max_position_embeddings=c["max_position_embeddings"],
            rope_theta=c["rope_theta"],
            partial_rotary_factor=c["partial_rotary_factor"],
        )
    _final(g, x, "RMSNormalization", epsilon=c["layer_norm_epsilon"])
