"""keras_hub's encoder backbones: BERT, DistilBERT, RoBERTa, XLM-RoBERTa, ALBERT, ELECTRA,
FNet, DeBERTa-v3 and ViT, layer by layer as their ``__init__`` builds them (keras_hub 0.32).

BERT-style models sum token, position and segment embeddings, normalise,
run encoder blocks with the padding mask, and pool the first token through
``x[:, 0, :]`` (a keras.ops ``GetItem`` node) and a tanh Dense.
"""

from __future__ import annotations

from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, AnyValue, Arg, Float, IntTuple, Nullable
from archcalc.reader.hub.build import Config, Graph, backbone

V = Arg("vocabulary_size", POS_INT, REQUIRED)
COMMON = (
    Arg("num_layers", POS_INT, REQUIRED),
    Arg("num_heads", POS_INT, REQUIRED),
    Arg("hidden_dim", POS_INT, REQUIRED),
    Arg("intermediate_dim", POS_INT, REQUIRED),
)
DROPOUT = Arg("dropout", Float(min=0, max=1), 0.1)
SEQ = Arg("max_sequence_length", POS_INT, 512)
SEGMENTS = Arg("num_segments", POS_INT, 2)
#: ``x[:, 0, :]``: the first (class) token of each sequence
FIRST_TOKEN = [{"slice": [None, None, None]}, 0, {"slice": [None, None, None]}]


def _inputs(g: Graph, segments: bool = True, mask: bool = True) -> None:
    g.input("token_ids", [None])
    if segments:
        g.input("segment_ids", [None])
    if mask:
        g.input("padding_mask", [None])


def _bert_embeddings(g: Graph, c: Config, width: int, epsilon: float) -> str:
    """token + position + segment embeddings, summed and normalised (BERT, ALBERT, ELECTRA, FNet)."""
    g.layer(
        "token_embedding",
        "ReversibleEmbedding",
        "token_ids",
        input_dim=c.get("vocabulary_size") or c["vocab_size"],
        output_dim=width,
    )
    g.layer(
        "position_embedding",
        "PositionEmbedding",
        "token_embedding",
        sequence_length=c["max_sequence_length"],
    )
    g.layer(
        "segment_embedding",
        "Embedding",
        "segment_ids",
        input_dim=c["num_segments"],
        output_dim=width,
    )
    g.layer("embeddings_add", "Add", ["token_embedding", "position_embedding", "segment_embedding"])
    return g.layer("embeddings_layer_norm", "LayerNormalization", "embeddings_add", epsilon=epsilon)


def _encoders(
    g: Graph,
    c: Config,
    x: str,
    epsilon: float,
    activation: str = "gelu",
    prefix: str = "transformer_layer_",
) -> str:
    for i in range(c["num_layers"]):
        x = g.layer(
            f"{prefix}{i}",
            "TransformerEncoder",
            [x, "padding_mask"],
            num_heads=c["num_heads"],
            intermediate_dim=c["intermediate_dim"],
            activation=activation,
            dropout=c["dropout"],
            layer_norm_epsilon=epsilon,
        )
    return x


def _pooled(g: Graph, c: Config, x: str) -> None:
    g.op("get_item", "GetItem", [x, FIRST_TOKEN])
    g.layer("pooled_dense", "Dense", "get_item", units=c["hidden_dim"], activation="tanh")
    g.outputs = ["pooled_dense", x]


@backbone("BertBackbone", "bert_backbone", (V, *COMMON, DROPOUT, SEQ, SEGMENTS))
def bert(c: Config, g: Graph) -> None:
    _inputs(g)
    _bert_embeddings(g, c, c["hidden_dim"], 1e-12)
    g.layer("embeddings_dropout", "Dropout", "embeddings_layer_norm", rate=c["dropout"])
    _pooled(g, c, _encoders(g, c, "embeddings_dropout", 1e-12))


def _token_and_position(g: Graph, c: Config, name: str, epsilon: float) -> None:
    _inputs(g, segments=False)
    g.layer(
        name,
        "TokenAndPositionEmbedding",
        "token_ids",
        vocabulary_size=c["vocabulary_size"],
        sequence_length=c["max_sequence_length"],
        embedding_dim=c["hidden_dim"],
    )
    g.layer("embeddings_layer_norm", "LayerNormalization", name, epsilon=epsilon)
    g.layer("embeddings_dropout", "Dropout", "embeddings_layer_norm", rate=c["dropout"])
    _encoders(g, c, "embeddings_dropout", epsilon)


@backbone("DistilBertBackbone", "distil_bert_backbone", (V, *COMMON, DROPOUT, SEQ))
def distil_bert(c: Config, g: Graph) -> None:
    _token_and_position(g, c, "token_and_position_embedding", 1e-12)


@backbone("RobertaBackbone", "roberta_backbone", (V, *COMMON, DROPOUT, SEQ))
def roberta(c: Config, g: Graph) -> None:
    _token_and_position(g, c, "embeddings", 1e-5)


@backbone("XLMRobertaBackbone", "xlm_roberta_backbone", (V, *COMMON, DROPOUT, SEQ))
def xlm_roberta(c: Config, g: Graph) -> None:
    _token_and_position(g, c, "embeddings", 1e-5)


@backbone(
    "AlbertBackbone",
    "albert_backbone",
    (
        V,
        *COMMON[:2],
        Arg("embedding_dim", POS_INT, REQUIRED),
        *COMMON[2:],
        Arg("num_groups", POS_INT, 1),
        Arg("num_inner_repetitions", POS_INT, 1),
        Arg("dropout", Float(min=0, max=1), 0.0),
        SEQ,
        SEGMENTS,
    ),
)
def albert(c: Config, g: Graph) -> None:
    """ALBERT shares each group's layers across ``num_layers // num_groups`` calls."""
    _inputs(g)
    _bert_embeddings(g, c, c["embedding_dim"], 1e-12)
    g.layer("embeddings_dropout", "Dropout", "embeddings_layer_norm", rate=c["dropout"])
    x = g.layer("embedding_projection", "Dense", "embeddings_dropout", units=c["hidden_dim"])
    calls = c["num_layers"] // c["num_groups"]
    made: dict[str, int] = {}
    for group in range(c["num_groups"]):
        for _ in range(calls):
            for inner in range(c["num_inner_repetitions"]):
                name = f"group_{group}_inner_layer_{inner}"
                if name not in made:
                    made[name] = 0
                    x = g.layer(
                        name,
                        "TransformerEncoder",
                        [x, "padding_mask"],
                        num_heads=c["num_heads"],
                        intermediate_dim=c["intermediate_dim"],
                        activation="gelu",
                        dropout=c["dropout"],
                        layer_norm_epsilon=1e-12,
                    )
                else:
                    made[name] += 1
                    x = g.share(f"{name}:{made[name]}", name, [x, "padding_mask"])
    _pooled(g, c, x)


@backbone(
    "ElectraBackbone",
    "electra_backbone",
    (
        Arg("vocab_size", POS_INT, REQUIRED),
        *COMMON[:3],
        Arg("embedding_dim", POS_INT, REQUIRED),
        COMMON[3],
        DROPOUT,
        SEQ,
        SEGMENTS,
    ),
)
def electra(c: Config, g: Graph) -> None:
    """ELECTRA projects its embeddings to ``hidden_dim`` only when the widths differ."""
    _inputs(g)
    _bert_embeddings(g, c, c["embedding_dim"], 1e-12)
    x = g.layer("embeddings_dropout", "Dropout", "embeddings_layer_norm", rate=c["dropout"])
    if c["hidden_dim"] != c["embedding_dim"]:
        x = g.layer("embeddings_projection", "Dense", x, units=c["hidden_dim"])
    _pooled(g, c, _encoders(g, c, x, 1e-12))


@backbone(
    "FNetBackbone",
    "f_net_backbone",
    (V, COMMON[0], *COMMON[2:], DROPOUT, SEQ, Arg("num_segments", POS_INT, 4)),
)
def f_net(c: Config, g: Graph) -> None:
    _inputs(g, mask=False)
    _bert_embeddings(g, c, c["hidden_dim"], 1e-12)
    g.layer("embedding_projection", "Dense", "embeddings_layer_norm", units=c["hidden_dim"])
    x = g.layer("embeddings_dropout", "Dropout", "embedding_projection", rate=c["dropout"])
    for i in range(c["num_layers"]):
        x = g.layer(
            f"f_net_layer_{i}",
            "FNetEncoder",
            x,
            intermediate_dim=c["intermediate_dim"],
            activation="gelu",
            dropout=c["dropout"],
            layer_norm_epsilon=1e-12,
        )
    _pooled(g, c, x)


@backbone(
    "DebertaV3Backbone",
    "deberta_v3_backbone",
    (V, *COMMON, DROPOUT, SEQ, Arg("bucket_size", POS_INT, 256)),
)
def deberta_v3(c: Config, g: Graph) -> None:
    _inputs(g, segments=False)
    g.layer(
        "token_embedding",
        "ReversibleEmbedding",
        "token_ids",
        input_dim=c["vocabulary_size"],
        output_dim=c["hidden_dim"],
    )
    g.layer("embeddings_layer_norm", "LayerNormalization", "token_embedding", epsilon=1e-7)
    x = g.layer("embeddings_dropout", "Dropout", "embeddings_layer_norm", rate=c["dropout"])
    g.layer(
        "rel_embedding",
        "RelativeEmbedding",
        x,
        hidden_dim=c["hidden_dim"],
        bucket_size=c["bucket_size"],
        layer_norm_epsilon=1e-7,
    )
    for i in range(c["num_layers"]):
        x = g.layer(
            f"disentangled_attention_encoder_layer_{i}",
            "DisentangledAttentionEncoder",
            [x, "padding_mask", "rel_embedding"],
            num_heads=c["num_heads"],
            intermediate_dim=c["intermediate_dim"],
            max_position_embeddings=c["max_sequence_length"],
            bucket_size=c["bucket_size"],
            dropout=c["dropout"],
            activation="gelu",
            layer_norm_epsilon=1e-7,
        )


@backbone(
    "ViTBackbone",
    "vi_t_backbone",
    (
        Arg("image_shape", IntTuple(3), REQUIRED),
        Arg("patch_size", IntTuple(2), REQUIRED),
        Arg("num_layers", POS_INT, REQUIRED),
        Arg("num_heads", POS_INT, REQUIRED),
        Arg("hidden_dim", POS_INT, REQUIRED),
        Arg("mlp_dim", POS_INT, REQUIRED),
        Arg("dropout_rate", Float(min=0, max=1), 0.0),
        Arg("attention_dropout", Float(min=0, max=1), 0.0),
        Arg("layer_norm_epsilon", Float(min=0), 1e-6),
        Arg("use_mha_bias", BOOL, True),
        Arg("use_mlp_bias", BOOL, True),
        Arg("use_class_token", BOOL, True),
        Arg("use_patch_bias", BOOL, True),
        Arg("data_format", Nullable(AnyValue()), None),
    ),
)
def vit(c: Config, g: Graph) -> None:
    h, w, channels = c["image_shape"]
    if c["data_format"] == "channels_first":
        channels, h, w = c["image_shape"]
    g.input("images", list(c["image_shape"]), "float32")
    g.layer(
        "vit_patching_and_embedding",
        "ViTPatchingAndEmbedding",
        "images",
        image_size=[h, w],
        patch_size=list(c["patch_size"]),
        hidden_dim=c["hidden_dim"],
        num_channels=channels,
        use_class_token=c["use_class_token"],
        use_patch_bias=c["use_patch_bias"],
    )
    g.layer(
        "vit_encoder",
        "ViTEncoder",
        "vit_patching_and_embedding",
        num_layers=c["num_layers"],
        num_heads=c["num_heads"],
        hidden_dim=c["hidden_dim"],
        mlp_dim=c["mlp_dim"],
        dropout_rate=c["dropout_rate"],
        attention_dropout=c["attention_dropout"],
        layer_norm_epsilon=c["layer_norm_epsilon"],
        use_mha_bias=c["use_mha_bias"],
        use_mlp_bias=c["use_mlp_bias"],
    )
