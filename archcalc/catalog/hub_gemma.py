"""keras_hub's Gemma blocks: GemmaDecoderBlock (Gemma, Gemma 2) and Gemma3DecoderBlock.

Gemma lays its attention kernels out as ``(heads, hidden, head_dim)``
(EinsumDense ``btd,ndh->btnh``), with an explicit ``head_dim`` and grouped
(or multi-query) key/value heads; its norms are RMSNormalization; its
GeGLU feed-forward uses EinsumDense kernels ``ffw_gating``, ``ffw_gating_2``
``(hidden, intermediate / gate_dim_reduction)`` and ``ffw_linear``.
keras_hub's Gemma ``intermediate_dim`` is twice Hugging Face's
``intermediate_size`` (GemmaDecoderBlock halves it; Gemma 3 passes
``gate_dim_reduction=1``). Gemma 2 adds post-attention and post-feed-forward
norms, logit soft caps and a sliding window on every other layer; Gemma 3
per-head query and key norms and five local layers to one global.
"""

from __future__ import annotations

from archcalc.catalog.args import BOOL, POS_INT, REQUIRED, Arg, Float, Nullable
from archcalc.catalog.base import Config, register
from archcalc.catalog.hub_base import Attention, HubBlock, Sublayer
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
from archcalc.shapes import Shape

RMS = "RMSNormalization"
GEGLU = FeedForward(
    ("ffw_gating_2", "ffw_gating", "ffw_linear"), bias=False, activation="gelu", einsum=True
)


class GemmaBlock(HubBlock):
    """The Gemma decoder block (see the module's docstring)."""

    weights_doc = (
        "RMS norms ``pre_attention_norm``, ``pre_ffw_norm`` (+ post norms); ``attention`` (query "
        "``(heads, hidden, head_dim)``, key, value, attention_output); ``ffw_gating``, "
        "``ffw_gating_2``, ``ffw_linear``"
    )
    CALL_TENSORS = ("x", "padding_mask")
    SEQUENCE = "x"
    ATTENTION = "CachedGemmaAttention"
    ARGS = (
        Arg("hidden_dim", POS_INT, REQUIRED, "width of the sequence"),
        Arg(
            "intermediate_dim",
            POS_INT,
            REQUIRED,
            "keras_hub's (2 x HF's intermediate_size for Gemma 1/2)",
        ),
        Arg("head_dim", POS_INT, REQUIRED, "width of a head"),
        Arg("num_query_heads", POS_INT, REQUIRED, "query heads"),
        Arg("num_key_value_heads", POS_INT, REQUIRED, "key/value heads"),
        Arg("query_head_dim_normalize", BOOL, True, display=True),
        Arg("use_post_ffw_norm", BOOL, False, "an RMS norm after the feed-forward network"),
        Arg("use_post_attention_norm", BOOL, False, "an RMS norm after attention"),
        Arg(
            "logit_soft_cap",
            Nullable(Float(min=0, min_open=True)),
            None,
            "cap * tanh(scores / cap)",
        ),
        Arg(
            "use_sliding_window_attention",
            BOOL,
            False,
            "attend to the last sliding_window_size keys",
        ),
        Arg("sliding_window_size", POS_INT, 4096, "keys each query sees, when on"),
        Arg("layer_norm_epsilon", Float(min=0), 1e-6, display=True),
        Arg("dropout", Float(min=0, max=1), 0, display=True),
    )

    def reduction(self, cfg: Config) -> int:
        return 2

    def geometry(self, cfg: Config) -> Attention:
        window = cfg["sliding_window_size"] if cfg["use_sliding_window_attention"] else None
        hd = cfg["head_dim"]
        return Attention(
            cfg["num_query_heads"],
            cfg["num_key_value_heads"],
            hd,
            hd,
            causal=not cfg.get("use_bidirectional_attention", False),
            window=window,
            soft_cap=cfg["logit_soft_cap"] is not None,
            cached=True,
        )

    def qk_norms(self, cfg: Config, q: Shape, k: Shape) -> list[Sublayer]:
        return []

    def attention_layer(self, cfg: Config, x: Shape) -> Sublayer:
        g = self.geometry(cfg)
        p = projections(
            Projections(layout="nhd"), cfg, "attention/", x, g.query_heads, g.kv_heads, g.head_dim
        )
        groups = g.query_heads // g.kv_heads
        probs = (x[0], g.kv_heads, groups, x[1], x[1])
        heads = (*x[:-1], g.query_heads, g.head_dim)
        rope = rotary("rotary_embedding", "RotaryEmbedding", heads, g.kv_heads, g.head_dim)
        parts = [
            p["query"],
            p["key"],
            p["value"],
            *self.qk_norms(cfg, p["query"].output_shape, p["key"].output_shape),
        ]  # type: ignore[arg-type]
        parts += [
            zero("dropout", DROPOUT, None),
            p["output"],
            zero("softmax", SOFTMAX, probs),
            rope,
        ]
        return Sublayer("attention", self.ATTENTION, x, children=tuple(parts), attention=g)

    def sublayers(self, cfg: Config, inputs: list[Shape]) -> tuple[Sublayer, ...]:
        x = self.sequence(inputs)
        f = feedforward(GEGLU, cfg, "", x, cfg["intermediate_dim"] // self.reduction(cfg))
        parts = [norm(cfg, "pre_attention_norm", RMS, x)]
        if cfg["use_post_attention_norm"]:
            parts.append(norm(cfg, "post_attention_norm", RMS, x))
        parts += [self.attention_layer(cfg, x), norm(cfg, "pre_ffw_norm", RMS, x)]
        if cfg["use_post_ffw_norm"]:
            parts.append(norm(cfg, "post_ffw_norm", RMS, x))
        parts += [f["gate"], f["up"], f["down"]]
        return tuple(parts)


register("GemmaDecoderBlock")(type("GemmaDecoderBlock", (GemmaBlock,), {"__module__": __name__}))


@register("Gemma3DecoderBlock")
class Gemma3DecoderBlock(GemmaBlock):
    """Gemma 3's block: per-head RMS norms on queries and keys (``use_query_key_norm``); the
    feed-forward width is ``intermediate_dim / gate_dim_reduction`` (the backbone passes 1)."""

    ATTENTION = "CachedGemma3Attention"
    ARGS = (
        *GemmaBlock.ARGS[:6],
        Arg("use_query_key_norm", BOOL, False, "RMS norms on each query and key head"),
        *GemmaBlock.ARGS[6:9],
        Arg("gate_dim_reduction", POS_INT, 2, "the feed-forward width is intermediate_dim / this"),
        *GemmaBlock.ARGS[9:12],
        Arg("rope_wavelength", Float(min=0, min_open=True), 10000.0, display=True),
        Arg("rope_scaling_factor", Float(min=0, min_open=True), 1.0, display=True),
        Arg("use_bidirectional_attention", BOOL, False, "attend both ways (embedding models)"),
        GemmaBlock.ARGS[12],
    )

    def reduction(self, cfg: Config) -> int:
        return cfg["gate_dim_reduction"]

    def qk_norms(self, cfg: Config, q: Shape, k: Shape) -> list[Sublayer]:
        if not cfg["use_query_key_norm"]:
            return []
        return [norm(cfg, "attention/query_norm", RMS, q), norm(cfg, "attention/key_norm", RMS, k)]
