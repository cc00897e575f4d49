"""keras_hub's decoder-only backbones with multi-head attention, layer by layer as their
``__init__`` builds them (keras_hub 0.32): GPT-2, OPT, GPT-NeoX, Bloom, Falcon; and the
pieces every decoder backbone shares (llama.py and moe.py build the others).

All take ``token_ids`` and ``padding_mask`` (int32, any length) and end in a
final norm. ``tie_word_embeddings``: Llama/Llama 3 default untied and their
get_config never writes the flag (a tied model reloads untied, see
docs/keras-hub.md); Qwen 2/3 default tied; Mistral, Mixtral, Phi-3 and
GPT-OSS are always untied; the older families always tied.
"""

from __future__ import annotations

from typing import Any

from archcalc.catalog.args import (
    POS_INT,
    REQUIRED,
    Arg,
    Float,
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


def _rope_blocks(c: Config, *names: str) -> dict[str, Any]:
    """The block arguments that are the backbone's own under the same name."""
    out = {n: c[n] for n in ("intermediate_dim", "num_query_heads", "num_key_value_heads")}
    out.update({n: c[n] for n in names})
    return out
