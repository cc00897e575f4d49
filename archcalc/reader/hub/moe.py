"""keras_hub's mixture-of-experts decoder backbones, layer by layer as their ``__init__``
builds them (keras_hub 0.32): Mixtral, Qwen-MoE, Qwen 3 MoE, GPT-OSS (always untied but Qwen
MoE's, which default untied).
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import (
    BOOL,
    POS_INT,
    REQUIRED,
    Arg,
    Float,
    Int,
    ListOf,
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
from archcalc.reader.hub.llama import QWEN_HEAD


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
