"""keras_hub's decoder-only backbones, layer by layer as their ``__init__`` builds them
(keras_hub 0.32): GPT-2, OPT, GPT-NeoX, Bloom, Falcon, Llama, Llama 3, Mistral, Mixtral,
Phi-3, Qwen (2, 2.5), Qwen 3, Qwen-MoE, Qwen 3 MoE and GPT-OSS.

All take ``token_ids`` and ``padding_mask`` (int32, any length) and end in a
final norm. ``tie_word_embeddings``: Llama/Llama 3 default untied and their
get_config never writes the flag (a tied model reloads untied, see
docs/keras-hub.md); Qwen 2/3 default tied; Mistral, Mixtral, Phi-3 and
GPT-OSS are always untied; the older families always tied.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import (
    BOOL,
    POS_INT,
    REQUIRED,
    AnyValue,
    Arg,
    Float,
    Int,
    ListOf,
    Nullable,
)
from archcalc.reader.hub.build import Config, Graph, backbone

V = Arg("vocabulary_size", POS_INT, REQUIRED)
L = Arg("num_layers", POS_INT, REQUIRED)
H = Arg("hidden_dim", POS_INT, REQUIRED)
I = Arg("intermediate_dim", POS_INT, REQUIRED)  # noqa: E741
Q = Arg("num_query_heads", POS_INT, REQUIRED)
KV = Arg("num_key_value_heads", POS_INT, REQUIRED)
EPS6 = Arg("layer_norm_epsilon", Float(min=0), 1e-6)
DROP0 = Arg("dropout", Float(min=0, max=1), 0)
WAVE = Arg("rope_max_wavelength", Float(min=0, min_open=True), 10000)
SCALE = Arg("rope_scaling_factor", Float(min=0, min_open=True), 1.0)


def _start(g: Graph, c: Config, tied: bool) -> str:
    g.input("token_ids", [None])
    g.input("padding_mask", [None])
    return g.layer(
        "token_embedding",
        "ReversibleEmbedding",
        "token_ids",
        input_dim=c["vocabulary_size"],
        output_dim=c["hidden_dim"],
        tie_weights=tied,
    )


def _stack(g: Graph, c: Config, x: str, type_name: str, per_layer: Any = None, **args: Any) -> str:
    """``num_layers`` blocks ``transformer_layer_i`` called with the padding mask."""
    for i in range(c["num_layers"]):
        extra = per_layer(i) if per_layer else {}
        x = g.layer(f"transformer_layer_{i}", type_name, [x, "padding_mask"], **args, **extra)
    return x


def _final(
    g: Graph, x: str, type_name: str, name: str = "sequence_output_layernorm", **args: Any
) -> None:
    g.layer(name, type_name, x, **args)


MHA_ARGS = (V, L, Arg("num_heads", POS_INT, REQUIRED), H, I)


@backbone(
    "GPT2Backbone",
    "gpt2_backbone",
    (
        *MHA_ARGS,
        Arg("dropout", Float(min=0, max=1), 0.1),
        Arg("max_sequence_length", POS_INT, 1024),
    ),
)
def gpt2(c: Config, g: Graph) -> None:
    _start(g, c, True)
    g.layer(
        "position_embedding",
        "PositionEmbedding",
        "token_embedding",
        sequence_length=c["max_sequence_length"],
    )
    g.layer("embeddings_add", "Add", ["token_embedding", "position_embedding"])
    x = g.layer("embeddings_dropout", "Dropout", "embeddings_add", rate=c["dropout"])
    x = _stack(g, c, x, "TransformerDecoder", **_mha(c, "gelu"))
    _final(g, x, "LayerNormalization", "layer_norm", epsilon=1e-5)


def _mha(c: Config, activation: str) -> dict[str, Any]:
    return {
        "intermediate_dim": c["intermediate_dim"],
        "num_heads": c["num_heads"],
        "dropout": c["dropout"],
        "activation": activation,
        "layer_norm_epsilon": 1e-5,
        "normalize_first": True,
    }


@backbone(
    "OPTBackbone",
    "opt_backbone",
    (
        *MHA_ARGS,
        Arg("dropout", Float(min=0, max=1), 0.1),
        Arg("max_sequence_length", POS_INT, 2048),
    ),
)
def opt(c: Config, g: Graph) -> None:
    g.input("token_ids", [None])
    g.input("padding_mask", [None])
    g.layer(
        "embeddings",
        "TokenAndPositionEmbedding",
        "token_ids",
        vocabulary_size=c["vocabulary_size"],
        sequence_length=c["max_sequence_length"],
        embedding_dim=c["hidden_dim"],
    )
    x = _stack(g, c, "embeddings", "TransformerDecoder", **_mha(c, "relu"))
    _final(g, x, "LayerNormalization", "layer_norm", epsilon=1e-5)


@backbone(
    "GPTNeoXBackbone",
    "gpt_neo_x_backbone",
    (
        *MHA_ARGS,
        Arg("dropout", Float(min=0, max=1), 0.0),
        Arg("rotary_percentage", Float(min=0, max=1), 0.25),
        Arg("rotary_max_wavelength", POS_INT, 10000),
        Arg("layer_norm_epsilon", Float(min=0), 1e-5),
        Arg("max_sequence_length", POS_INT, 512),
    ),
)
def gpt_neo_x(c: Config, g: Graph) -> None:
    x = _start(g, c, True)
    x = g.layer("embeddings_dropout", "Dropout", x, rate=c["dropout"])
    x = _stack(
        g,
        c,
        x,
        "GPTNeoXDecoder",
        intermediate_dim=c["intermediate_dim"],
        num_heads=c["num_heads"],
        dropout=c["dropout"],
        max_sequence_length=c["max_sequence_length"],
        rotary_percentage=c["rotary_percentage"],
        rotary_max_wavelength=c["rotary_max_wavelength"],
        layer_norm_epsilon=c["layer_norm_epsilon"],
        activation="gelu",
    )
    _final(g, x, "LayerNormalization", "layer_norm", epsilon=c["layer_norm_epsilon"])


@backbone(
    "BloomBackbone",
    "bloom_backbone",
    (
        *MHA_ARGS,
        Arg("dropout", Float(min=0, max=1), 0.0),
        Arg("layer_norm_epsilon", Float(min=0), 1e-5),
    ),
)
def bloom(c: Config, g: Graph) -> None:
    x = _start(g, c, True)
    x = g.layer("embedding_layernorm", "LayerNormalization", x, epsilon=c["layer_norm_epsilon"])
    x = _stack(
        g,
        c,
        x,
        "BloomDecoder",
        num_heads=c["num_heads"],
        intermediate_dim=c["intermediate_dim"],
        dropout=c["dropout"],
        layer_norm_epsilon=c["layer_norm_epsilon"],
    )
    _final(g, x, "LayerNormalization", "final_layernorm", epsilon=c["layer_norm_epsilon"])


@backbone(
    "FalconBackbone",
    "falcon_backbone",
    (
        V,
        L,
        Arg("num_attention_heads", POS_INT, REQUIRED),
        H,
        I,
        Arg("layer_norm_epsilon", Float(min=0), 1e-5),
        Arg("attention_dropout_rate", Float(min=0, max=1), 0),
        Arg("feedforward_dropout_rate", Float(min=0, max=1), 0),
    ),
)
def falcon(c: Config, g: Graph) -> None:
    g.input("token_ids", [None])
    g.input("padding_mask", [None])
    x = g.layer(
        "token_embedding",
        "ReversibleEmbedding",
        "token_ids",
        input_dim=c["vocabulary_size"],
        output_dim=c["hidden_dim"],
    )
    for i in range(c["num_layers"]):
        # Keras records this call's tensors as keywords, sorted: the mask comes first
        x = g.layer(
            f"transformer_layer_{i}",
            "FalconTransformerDecoder",
            ["padding_mask", x],
            num_attention_heads=c["num_attention_heads"],
            intermediate_dim=c["intermediate_dim"],
            attention_dropout_rate=c["attention_dropout_rate"],
            feedforward_dropout_rate=c["feedforward_dropout_rate"],
        )
    _final(g, x, "LayerNormalization", "final_layernorm", epsilon=c["layer_norm_epsilon"])


LLAMA_ROPE = (
    Arg("rope_max_wavelength", Float(min=0, min_open=True), 10000),
    Arg("rope_position_scaling_factor", Float(min=0, min_open=True), 1.0),
    Arg("rope_frequency_adjustment_factor", Nullable(Float()), None),
    Arg("rope_low_freq_factor", Nullable(Float()), None),
    Arg("rope_high_freq_factor", Nullable(Float()), None),
    Arg("rope_pretraining_sequence_length", Nullable(POS_INT), None),
)
LLAMA_ARGS = (V, L, Q, H, I, KV, *LLAMA_ROPE, EPS6, DROP0, Arg("tie_word_embeddings", BOOL, False))


def _rope_blocks(c: Config, *names: str) -> dict[str, Any]:
    """The block arguments that are the backbone's own under the same name."""
    out = {n: c[n] for n in ("intermediate_dim", "num_query_heads", "num_key_value_heads")}
    out.update({n: c[n] for n in names})
    return out


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
    "MixtralBackbone",
    "mixtral_backbone",
    (
        V,
        L,
        Q,
        H,
        I,
        KV,
        Arg("num_experts", POS_INT, REQUIRED),
        Arg("top_k", POS_INT, 2),
        Arg("router_jitter_noise", Float(min=0), 0.0),
        WAVE,
        SCALE,
        EPS6,
        Arg("router_aux_loss_coef", Float(), 0.02),
        Arg("sliding_window", Nullable(POS_INT), 512),
        DROP0,
        Arg("output_router_logits", BOOL, False),
    ),
)
def mixtral(c: Config, g: Graph) -> None:
    x = _start(g, c, False)
    names = (
        "num_experts",
        "top_k",
        "router_jitter_noise",
        "output_router_logits",
        "rope_max_wavelength",
    )
    names += (
        "rope_scaling_factor",
        "layer_norm_epsilon",
        "router_aux_loss_coef",
        "sliding_window",
        "dropout",
    )
    x = _stack(g, c, x, "MixtralTransformerDecoder", **_rope_blocks(c, *names))
    _final(g, x, "MixtralLayerNormalization", epsilon=c["layer_norm_epsilon"])


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


MOE_COMMON = (
    Arg("num_experts", POS_INT, REQUIRED),
    Arg("top_k", POS_INT, 4),
    Arg("norm_top_k_prob", BOOL, False),
    Arg("decoder_sparse_step", POS_INT, 1),
    WAVE,
    SCALE,
    EPS6,
    DROP0,
    Arg("tie_word_embeddings", BOOL, False),
)


@backbone(
    "QwenMoeBackbone",
    "qwen_moe_backbone",
    (
        *QWEN_HEAD,
        H,
        I,
        Arg("moe_intermediate_dim", POS_INT, REQUIRED),
        Arg("shared_expert_intermediate_dim", POS_INT, REQUIRED),
        *MOE_COMMON,
        Arg("use_sliding_window_attention", BOOL, False),
        Arg("sliding_window_size", POS_INT, 32768),
        Arg("output_router_logits", BOOL, False),
        Arg("router_aux_loss_coefficient", Float(), 0.001),
        Arg("mlp_only_layers", ListOf(Int(min=0)), ()),
    ),
)
def qwen_moe(c: Config, g: Graph) -> None:
    """keras_hub 0.32 never passes ``layer_index``: every block decides as layer 0 does."""
    x = _start(g, c, c["tie_word_embeddings"])
    names = (
        "moe_intermediate_dim",
        "shared_expert_intermediate_dim",
        "num_experts",
        "top_k",
        "norm_top_k_prob",
    )
    names += (
        "decoder_sparse_step",
        "rope_max_wavelength",
        "rope_scaling_factor",
        "layer_norm_epsilon",
        "dropout",
    )
    names += ("use_sliding_window_attention", "sliding_window_size", "output_router_logits")
    names += ("router_aux_loss_coefficient", "mlp_only_layers")
    x = _stack(g, c, x, "QwenMoeTransformerDecoder", **_rope_blocks(c, *names))
    _final(g, x, "QwenLayerNorm", epsilon=c["layer_norm_epsilon"])


@backbone(
    "Qwen3MoeBackbone",
    "qwen3_moe_backbone",
    (
        *QWEN_HEAD,
        H,
        I,
        Arg("moe_intermediate_dim", POS_INT, REQUIRED),
        Arg("num_experts", POS_INT, REQUIRED),
        Arg("head_dim", Nullable(POS_INT), None),
        *MOE_COMMON[1:],
        Arg("sliding_window_size", Nullable(POS_INT), 32768),
        Arg("router_aux_loss_coefficient", Float(), 0.001),
        Arg("mlp_only_layers", Nullable(ListOf(Int(min=0))), None),
    ),
)
def qwen3_moe(c: Config, g: Graph) -> None:
    x = _start(g, c, c["tie_word_embeddings"])
    names = (
        "moe_intermediate_dim",
        "head_dim",
        "num_experts",
        "top_k",
        "norm_top_k_prob",
        "rope_max_wavelength",
    )
    names += (
        "rope_scaling_factor",
        "layer_norm_epsilon",
        "dropout",
        "sliding_window_size",
        "router_aux_loss_coefficient",
    )
    dense = c["mlp_only_layers"] or ()

    def sparse(i: int) -> dict[str, Any]:
        return {
            "is_sparse_mlp": i not in dense
            and c["num_experts"] > 0
            and (i + 1) % c["decoder_sparse_step"] == 0
        }

    x = _stack(g, c, x, "Qwen3MoeTransformerDecoder", sparse, **_rope_blocks(c, *names))
    _final(g, x, "Qwen3MoeLayerNorm", epsilon=c["layer_norm_epsilon"])


@backbone(
    "GptOssBackbone",
    "gpt_oss_backbone",
    (
        V,
        L,
        Q,
        H,
        I,
        KV,
        Arg("num_experts", POS_INT, REQUIRED),
        Arg("top_k", POS_INT, 2),
        WAVE,
        SCALE,
        EPS6,
        Arg("sliding_window", POS_INT, 4096),
        Arg("head_dim", Nullable(POS_INT), None),
        DROP0,
        Arg("output_router_logits", BOOL, False),
    ),
)
def gpt_oss(c: Config, g: Graph) -> None:
    """Odd layers attend through a sliding window, even layers globally."""
    x = _start(g, c, False)
    names = (
        "num_experts",
        "top_k",
        "output_router_logits",
        "rope_max_wavelength",
        "rope_scaling_factor",
    )
    names += ("layer_norm_epsilon", "dropout", "head_dim")

    def window(i: int) -> dict[str, Any]:
        return {"sliding_window": c["sliding_window"] if i % 2 == 1 else None}

    x = _stack(g, c, x, "GptOssTransformerDecoder", window, **_rope_blocks(c, *names))
    _final(g, x, "GptOssLayerNormalization", epsilon=c["layer_norm_epsilon"])
