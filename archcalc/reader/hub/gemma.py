"""keras_hub's Gemma backbones (Gemma, Gemma 2: GemmaBackbone; Gemma 3 text: Gemma3Backbone).

The token embeddings are scaled by ``sqrt(hidden_dim)`` with a keras.ops
multiply (``x * ops.cast(ops.sqrt(hidden_dim), x.dtype)``), which Keras
keeps as a ``multiply (Multiply)`` row; embeddings are always tied. Gemma 2
slides its window on even layers, Gemma 3 on five of every six.
"""

from __future__ import annotations

import math

from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, AnyValue, Arg, Float, Nullable
from archcalc.catalog.dtypes import compute_dtype
from archcalc.reader.hub.build import Config, Graph, backbone

HEAD = (
    Arg("vocabulary_size", POS_INT, REQUIRED),
    Arg("num_layers", POS_INT, REQUIRED),
    Arg("num_query_heads", POS_INT, REQUIRED),
    Arg("num_key_value_heads", POS_INT, REQUIRED),
    Arg("hidden_dim", POS_INT, REQUIRED),
    Arg("intermediate_dim", POS_INT, REQUIRED),
    Arg("head_dim", POS_INT, REQUIRED),
    Arg("query_head_dim_normalize", BOOL, True),
)
CAP = Nullable(Float(min=0, min_open=True))


def _embed(g: Graph, c: Config) -> str:
    g.input("token_ids", [None])
    g.input("padding_mask", [None])
    g.layer(
        "token_embedding",
        "ReversibleEmbedding",
        "token_ids",
        input_dim=c["vocabulary_size"],
        output_dim=c["hidden_dim"],
        tie_weights=True,
        logit_soft_cap=c["final_logit_soft_cap"],
    )
    dtype = compute_dtype(g.policy_for("token_embedding", False))
    scale = {"constant": math.sqrt(c["hidden_dim"]), "dtype": dtype}
    return g.op("multiply", "ops.Multiply", ["token_embedding", scale])


def _block_args(c: Config) -> dict[str, object]:
    names = ("hidden_dim", "intermediate_dim", "head_dim", "num_query_heads", "num_key_value_heads")
    names += (
        "query_head_dim_normalize",
        "use_post_ffw_norm",
        "use_post_attention_norm",
        "sliding_window_size",
    )
    names += ("dropout",)
    out = {n: c[n] for n in names}
    out["logit_soft_cap"] = c["attention_logit_soft_cap"]
    return out


@backbone(
    "GemmaBackbone",
    "gemma_backbone",
    (
        *HEAD,
        Arg("use_post_ffw_norm", BOOL, False),
        Arg("use_post_attention_norm", BOOL, False),
        Arg("attention_logit_soft_cap", CAP, None),
        Arg("final_logit_soft_cap", CAP, None),
        Arg("use_sliding_window_attention", BOOL, False),
        Arg("sliding_window_size", POS_INT, 4096),
        Arg("layer_norm_epsilon", Float(min=0), 1e-6),
        Arg("dropout", Float(min=0, max=1), 0),
    ),
)
def gemma(c: Config, g: Graph) -> None:
    x = _embed(g, c)
    for i in range(c["num_layers"]):
        x = g.layer(
            f"decoder_block_{i}",
            "GemmaDecoderBlock",
            [x, "padding_mask"],
            **_block_args(c),
            use_sliding_window_attention=c["use_sliding_window_attention"] and i % 2 == 0,
        )
    g.layer("final_normalization", "RMSNormalization", x, epsilon=c["layer_norm_epsilon"])


@backbone(
    "Gemma3Backbone",
    "gemma3_backbone",
    (
        HEAD[0],
        Arg("image_size", AnyValue(), REQUIRED),
        *HEAD[1:],
        Arg("use_query_key_norm", BOOL, True),
        Arg("use_post_ffw_norm", BOOL, False),
        Arg("use_post_attention_norm", BOOL, False),
        Arg("attention_logit_soft_cap", CAP, None),
        Arg("final_logit_soft_cap", CAP, None),
        Arg("use_sliding_window_attention", BOOL, False),
        Arg("sliding_window_size", POS_INT, 1024),
        Arg("local_rope_scaling_factor", Float(min=0, min_open=True), 1.0),
        Arg("global_rope_scaling_factor", Float(min=0, min_open=True), 1.0),
        Arg("vision_encoder", AnyValue(), None),
        Arg("layer_norm_epsilon", Float(min=0), 1e-6),
        Arg("use_bidirectional_attention", BOOL, False),
        Arg("dropout", Float(min=0, max=1), 0),
        Arg("is_embedding_model", BOOL, False),
        Arg("pooling_intermediate_dim", Nullable(POS_INT), None),
        Arg("embedding_dim", Nullable(POS_INT), None),
    ),
)
def gemma3(c: Config, g: Graph) -> None:
    """Text-only Gemma 3 (``vision_encoder: null``); the embedding variant adds a pooling head."""
    x = _embed(g, c)
    for i in range(c["num_layers"]):
        local = c["use_sliding_window_attention"] and i % 6 < 5
        x = g.layer(
            f"decoder_block_{i}",
            "Gemma3DecoderBlock",
            [x, "padding_mask"],
            **_block_args(c),
            use_query_key_norm=c["use_query_key_norm"],
            gate_dim_reduction=1,
            use_sliding_window_attention=local,
            rope_wavelength=10_000.0 if local else 1_000_000.0,
            rope_scaling_factor=c[
                "local_rope_scaling_factor" if local else "global_rope_scaling_factor"
            ],
            use_bidirectional_attention=c["use_bidirectional_attention"],
        )
    x = g.layer("final_normalization", "RMSNormalization", x, epsilon=c["layer_norm_epsilon"])
    if not c["is_embedding_model"]:
        return
    g.layer("mean_pooling", "Gemma3MeanPooling", [x, "padding_mask"])
    g.layer(
        "pooling_dense_1",
        "Dense",
        "mean_pooling",
        units=c["pooling_intermediate_dim"],
        use_bias=False,
    )
    g.layer(
        "embedding_projection", "Dense", "pooling_dense_1", units=c["embedding_dim"], use_bias=False
    )
    g.layer("unit_normalization", "UnitNormalization", "embedding_projection", axis=-1)
    g.outputs = ["unit_normalization", x]
